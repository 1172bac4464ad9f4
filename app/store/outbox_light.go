package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// Light outbox entries (migration 0009, docs/decisions.md): an entry whose state is ''
// says only which record changed; its state is the record's row as it is when the
// entry is taken to be pushed. A bulk import queues every session and feedback item it
// writes this way, so that the outbox does not hold a second full copy of the data
// (101 MB at 100 000 items) until the next sync.
//
// A light entry describes the record's row: it is made only as the record's one
// unsent entry (the import's; a later edit folds its full state into it, as enqueue
// does), and a pulled change never overwrites a record with an entry waiting. It is
// read when it is taken to be pushed and whenever a state is asked of it
// (WaitingState, PendingChanges). Before the record's row changes (a local edit, an
// erasure, a second import), freezeLight writes the row's state into it: a sent entry
// keeps what was sent. An erasure fills its subject's light
// entries from the erased row before it scrubs the outbox (erasure_apply.go), and a
// purge that rejects a record's entries fills them before the row goes (purge.go).

// lightEntity says whether a record of entity is kept in a row its state is read from
// (lightStates): an import queues it as a light entry, and its sync base may be light
// (sync_base_light.go).
func lightEntity(entity string) bool {
	return entity == involve.EntitySession || entity == involve.EntityFeedback
}

// lightStates reads the current states of records of one light entity, as JSON, by id
// (records not found are missing from the map).
func lightStates(ctx context.Context, q queryer, entity string, ids []string) (map[string]string, error) {
	keys := make([]any, len(ids))
	for i, id := range ids {
		keys[i] = id
	}
	return lightStatesBy(ctx, q, entity, "id", keys)
}

// lightStatesBy is lightStates of the records whose column col (id, or pk: their rows,
// which an import entry names) is among keys, by id.
func lightStatesBy(ctx context.Context, q queryer, entity, col string, keys []any) (map[string]string, error) {
	var query string
	var state func(*sql.Rows) (string, []byte, error)
	switch entity {
	case involve.EntitySession:
		query = `SELECT ` + sessionCols + ` FROM sessions s WHERE s.` + col + ` IN (SELECT value FROM json_each(?))`
		state = func(r *sql.Rows) (string, []byte, error) {
			s, err := scanSession(r)
			if err != nil {
				return "", nil, err
			}
			b, err := json.Marshal(&s)
			return s.ID, b, err
		}
	case involve.EntityFeedback:
		query = `SELECT ` + feedbackCols + ` FROM feedback f WHERE f.` + col + ` IN (SELECT value FROM json_each(?))`
		var row feedbackStateRow
		var buf []byte
		state = func(r *sql.Rows) (string, []byte, error) { // json.Marshal's bytes, by hand
			err := row.scan(r)
			buf = row.appendState(buf[:0])
			return row.f.ID, buf, err
		}
	default:
		return nil, fmt.Errorf("store: %s changes are never queued without their state", entity)
	}
	out := make(map[string]string, len(keys))
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), 5000)]
		keys = keys[len(chunk):]
		rows, err := q.QueryContext(ctx, query, jsonList(chunk))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			id, b, err := state(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = string(b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillLight gives the light entries among es their records' states (in es only: the
// outbox keeps them light). An entry whose row is known (OutboxEntry.Row: an import
// entry's) is read by its row, the others by id.
func fillLight(ctx context.Context, q queryer, es []syncer.OutboxEntry) error {
	type by struct{ entity, col string }
	keys := map[by][]any{}
	for _, e := range es {
		if len(e.State) == 0 {
			if e.Row > 0 {
				keys[by{e.Entity, "pk"}] = append(keys[by{e.Entity, "pk"}], e.Row)
			} else {
				keys[by{e.Entity, "id"}] = append(keys[by{e.Entity, "id"}], e.RecordID)
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	states := map[string]map[string]string{}
	for k, list := range keys {
		m, err := lightStatesBy(ctx, q, k.entity, k.col, list)
		if err != nil {
			return err
		}
		if states[k.entity] == nil {
			states[k.entity] = m
		} else {
			maps.Copy(states[k.entity], m)
		}
	}
	for i := range es {
		e := &es[i]
		if len(e.State) > 0 {
			continue
		}
		// (a row read by its pk that is another record's is not found by id here)
		s, ok := states[e.Entity][e.RecordID]
		if !ok {
			return fmt.Errorf("store: the outbox has a change of %s %s, which is not on this laptop", e.Entity, e.RecordID)
		}
		e.State = json.RawMessage(s)
	}
	return nil
}

// frozenLightSQL selects a record's light entries, pending (sent or not) and rejected
// (two queries, each served by its partial index: outbox_record, outbox_rejected).
const frozenLightSQL = `SELECT seq FROM outbox WHERE entity = ?1 AND record_id = ?2 AND status = 'pending' AND state = ''
	UNION ALL SELECT seq FROM outbox WHERE entity = ?1 AND record_id = ?2 AND status = 'rejected' AND state = ''`

// freezeLight writes a session's or feedback item's current state into its light
// entries, before its row changes (putFeedback, upsertSession and the import's update):
// each entry keeps the state it stood for. A sent one must keep exactly what was sent,
// for a resend after an interrupted sync; an unsent one stays the change it was (a
// second import of the record queues a change of its own; an edit folds its state into
// it, as enqueue does).
//
// Its light sync base (sync_base_light.go) is frozen the same way, from the same read
// of the row: the server's state it stands for is the row as it is before the change.
// A parked base is never light (its row is not written yet).
func freezeLight(ctx context.Context, tx *sql.Tx, entity, id string) error {
	if err := materialiseRecord(ctx, tx, entity, id); err != nil { // outbox_import.go
		return err
	}
	// implied: the row marked as its own light base (sync_base_implied.go); written:
	// the record has a sync_base row (which then is its base)
	var bases, entries, implied, written int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_base WHERE `+lightBaseSQL+`), (SELECT count(*) FROM (`+frozenLightSQL+`)),
		(SELECT count(*) FROM feedback WHERE ?1 = 'feedback' AND id = ?2 AND light_base = 1),
		(SELECT count(*) FROM sync_base WHERE entity = ?1 AND record_id = ?2)`,
		entity, id).Scan(&bases, &entries, &implied, &written); err != nil || bases+entries+implied == 0 {
		return err
	}
	s, ok, err := rowState(ctx, tx, entity, id)
	if err != nil || !ok {
		return err // no row yet: nothing was sent from it, no base stands for it
	}
	if implied > 0 {
		if err := freezeImplied(ctx, tx, id, s, written > 0); err != nil {
			return err
		}
	}
	if bases > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE sync_base SET state = ?3 WHERE `+lightBaseSQL, entity, id, s); err != nil {
			return err
		}
	}
	if entries > 0 {
		_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = ?3 WHERE seq IN (`+frozenLightSQL+`)`, entity, id, s)
	}
	return err
}

// rowState is a light entity's record's current state, read from its row (ok false:
// no such row).
func rowState(ctx context.Context, q queryer, entity, id string) (string, bool, error) {
	m, err := lightStates(ctx, q, entity, []string{id})
	if err != nil {
		return "", false, err
	}
	s, ok := m[id]
	return s, ok, nil
}

// fillLightRecord writes the record's current state into its light entries (see
// above), before something reads or keeps them as states.
func fillLightRecord(ctx context.Context, tx *sql.Tx, entity, id string) error {
	if !lightEntity(entity) {
		return nil
	}
	if err := materialiseRecord(ctx, tx, entity, id); err != nil { // outbox_import.go
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE entity = ? AND record_id = ? AND state = ''`,
		entity, id).Scan(&n); err != nil || n == 0 {
		return err
	}
	s, ok, err := rowState(ctx, tx, entity, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("store: the outbox has a change of %s %s, which is not on this laptop", entity, id)
	}
	_, err = tx.ExecContext(ctx, `UPDATE outbox SET state = ? WHERE entity = ? AND record_id = ? AND state = ''`, s, entity, id)
	return err
}

// waitingState is a pending entry's state, a light one's read from its record.
func waitingState(ctx context.Context, tx *sql.Tx, seq int64) (json.RawMessage, error) {
	var state, entity, id string
	err := tx.QueryRowContext(ctx, `SELECT state, entity, record_id FROM outbox WHERE seq = ?`, seq).Scan(&state, &entity, &id)
	if err != nil || state != "" {
		return json.RawMessage(state), err
	}
	s, ok, err := rowState(ctx, tx, entity, id)
	if err != nil {
		return nil, err
	}
	if ok {
		return json.RawMessage(s), nil
	}
	return nil, errors.New("store: a waiting change's record is not on this laptop")
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The outbox side of a sync transaction (syncer.Tx): taking batches, removing and
// rejecting answered entries, rebasing waiting ones, stamping acknowledged records.
// What to do with each answer is syncer's decision (app/syncer/push.go).

// MaxOutboxSeq is the newest outbox entry's position (a sync pushes up to it).
func (db *DB) MaxOutboxSeq(ctx context.Context) (int64, error) {
	var n int64
	err := db.reader.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT max(seq) FROM outbox_import), 0))`).Scan(&n)
	return n, err
}

// TakePushBatch is Take in a transaction of its own: at most n pending entries with
// after < seq <= upTo (upTo 0: no bound), oldest first, marked sent.
func (db *DB) TakePushBatch(ctx context.Context, after, upTo int64, n int) ([]syncer.OutboxEntry, error) {
	var out []syncer.OutboxEntry
	err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		var err error
		out, err = tx.Take(after, upTo, n, nil)
		return err
	})
	return out, err
}

// takeSQL reads the pending entries of both tables (outbox_import.go) in a range of
// positions, oldest first: an import entry as the light entry it stands for, its
// change id empty until it is first taken. The second column says which table (1:
// outbox_import), the third an import entry's record's row (OutboxEntry.Row). A row gone would leave an import entry's record_id empty (fillLight
// says so).
const takeSQL = `SELECT seq, 0, 0, coalesce(change_id, ''), entity, record_id, base_rev, rev, state, status, error
		FROM outbox WHERE status = 'pending' AND seq > ?1 AND seq <= ?2
	UNION ALL SELECT i.seq, 1, i.rec >> 1, coalesce(i.change_id, ''), iif(i.rec & 1, 'session', 'feedback'),
		coalesce(iif(i.rec & 1, s.id, f.id), ''), i.base_rev, coalesce(iif(i.rec & 1, s.rev, f.rev), 0), '', 'pending', ''
		FROM outbox_import i LEFT JOIN sessions s ON i.rec & 1 = 1 AND s.pk = i.rec >> 1
		LEFT JOIN feedback f ON i.rec & 1 = 0 AND f.pk = i.rec >> 1 WHERE i.seq > ?1 AND i.seq <= ?2
	ORDER BY 1 LIMIT ?3`

// Take reads up to n pending entries after after and marks them sent; it stops before
// the first entry busy reports (records whose answers are not recorded yet). An import
// entry is taken where it is (outbox_import.go): its change id, given here, is its sent
// mark.
func (t *syncTx) Take(after, upTo int64, n int, busy func(syncer.Key) bool) ([]syncer.OutboxEntry, error) {
	if n <= 0 {
		n = syncapi.DefaultMaxBatch
	}
	if upTo <= 0 {
		upTo = 1<<63 - 1
	}
	// read through the connection itself, an import feedback entry with its state
	// (sync_push_raw_take.go); through database/sql if a value is of a type it does not
	// convert
	out, imported, err := t.takeRaw(after, upTo, n, busy)
	if errors.Is(err, errRawValue) {
		out, imported, err = t.takeRows(after, upTo, n, busy)
	}
	if err != nil || len(out) == 0 {
		return out, err
	}
	// light entries take their records' states (outbox_light.go)
	if err := fillLight(t.ctx, t.tx, out); err != nil {
		return nil, err
	}
	// an import's entries in one statement (sync_push_range.go), any other one at a time
	if err := giveImportIDs(t.ctx, t.tx, out, imported, after); err != nil {
		return nil, err
	}
	if err := giveChangeIDs(t.ctx, t.tx, out, imported); err != nil {
		return nil, err
	}
	_, err = t.tx.ExecContext(t.ctx, `UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND status = 'pending' AND seq > ? AND seq <= ?`,
		involve.FormatTime(t.db.Now()), after, out[len(out)-1].Seq)
	return out, err
}

// takeRows is takeRaw through database/sql, the import entries' states left to
// fillLight.
func (t *syncTx) takeRows(after, upTo int64, n int, busy func(syncer.Key) bool) ([]syncer.OutboxEntry, []bool, error) {
	var out []syncer.OutboxEntry
	var imported []bool // out[i] is an import entry
	rows, err := t.tx.QueryContext(t.ctx, takeSQL, after, upTo, n)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var e syncer.OutboxEntry
		var state string
		var imp bool
		if err := rows.Scan(&e.Seq, &imp, &e.Row, &e.ChangeID, &e.Entity, &e.RecordID, &e.BaseRev, &e.Rev, &state, &e.Status, &e.Error); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if busy != nil && busy(syncer.Key{Entity: e.Entity, ID: e.RecordID}) {
			break
		}
		e.State = json.RawMessage(state)
		out = append(out, e)
		imported = append(imported, imp)
	}
	rows.Close()
	return out, imported, rows.Err()
}

// giveChangeIDs gives the entries among es that have no change id yet (an import's
// entries, migrations 0011 and 0015) a new one, in es and in their table (imported[i]:
// es[i] is in outbox_import): Take does it in the transaction that marks them sent,
// before anything is sent, so that a resend after an interrupted sync sends the same id
// (the server dedupes on it, docs/sync-protocol.md).
func giveChangeIDs(ctx context.Context, tx *sql.Tx, es []syncer.OutboxEntry, imported []bool) error {
	// one prepared statement a table, run once an entry (with context.Background(): a
	// cancellable context costs go-sqlite3 a goroutine a statement; the batch bounds
	// the transaction and ctx is checked): cheaper than one over json_each
	if err := ctx.Err(); err != nil {
		return err
	}
	var stmts [2]*sql.Stmt // outbox, outbox_import
	defer func() {
		for _, st := range stmts {
			if st != nil {
				st.Close()
			}
		}
	}()
	for i := range es {
		if es[i].ChangeID != "" {
			continue
		}
		es[i].ChangeID = newChangeID()
		k, table := 0, "outbox"
		if imported[i] {
			k, table = 1, "outbox_import"
		}
		if stmts[k] == nil {
			st, err := tx.PrepareContext(ctx, `UPDATE `+table+` SET change_id = ?2 WHERE seq = ?1 AND change_id IS NULL`)
			if err != nil {
				return err
			}
			stmts[k] = st
		}
		res, err := stmts[k].ExecContext(context.Background(), es[i].Seq, es[i].ChangeID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("store: change %d of %s taken was not given a change id (%d rows, %v)", es[i].Seq, table, n, err)
		}
	}
	return nil
}

// Remove deletes the answered entries that are still pending and says which (by
// change id): an import entry from outbox_import by its position and change id, the
// others from the outbox.
func (t *syncTx) Remove(taken []*syncer.OutboxEntry) (map[string]bool, error) {
	deleted := make(map[string]bool, len(taken))
	if len(taken) == 0 {
		return deleted, nil
	}
	// an import entry by its position and change id: one prepared statement run once an
	// entry, with context.Background() (as giveChangeIDs)
	if err := t.ctx.Err(); err != nil {
		return nil, err
	}
	del, err := t.tx.PrepareContext(t.ctx, `DELETE FROM outbox_import WHERE seq = ?1 AND change_id = ?2`)
	if err != nil {
		return nil, err
	}
	defer del.Close()
	for _, e := range taken {
		res, err := del.ExecContext(context.Background(), e.Seq, e.ChangeID)
		if err != nil {
			return nil, err
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, err
		} else if n > 0 {
			deleted[e.ChangeID] = true
		}
	}
	scan := func(q string, arg string) error {
		return scanRows(t.ctx, t.tx, q, []any{arg}, func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			deleted[id] = true
			return err
		})
	}
	var rest []string
	for _, e := range taken {
		if !deleted[e.ChangeID] {
			rest = append(rest, e.ChangeID)
			continue
		}
		// a record has one import entry at most (outbox_import_rec), and none is
		// written in a sync transaction: Waiting has none of this one's to move
		t.importGone.add(e.Entity, e.RecordID, len(taken))
	}
	if len(rest) == 0 {
		return deleted, nil
	}
	if err := scan(`DELETE FROM outbox WHERE change_id IN (SELECT value FROM json_each(?)) AND status = 'pending'
		RETURNING change_id`, jsonList(rest)); err != nil {
		return nil, err
	}
	return deleted, nil
}

// idSet is a set of sessions and feedback items (syncTx.importGone, sentRows): a map by
// id an entity, cheaper to look up than one by syncer.Key (a push answer's records are
// looked up in them several times each: issue 17, the laptop's push, round 6).
type idSet struct{ session, feedback map[string]bool }

// add adds the record, a session or feedback item (no other is added);
// size: how many may come.
func (g *idSet) add(entity, id string, size int) {
	m := &g.feedback
	if entity == involve.EntitySession {
		m = &g.session
	} else if entity != involve.EntityFeedback {
		return
	}
	if *m == nil {
		*m = make(map[string]bool, size)
	}
	(*m)[id] = true
}

// has says whether the record is in the set.
func (g *idSet) has(entity, id string) bool {
	switch entity {
	case involve.EntitySession:
		return g.session[id]
	case involve.EntityFeedback:
		return g.feedback[id]
	}
	return false
}

// Reject marks a pending entry rejected with the reason (an import entry is moved into
// the outbox first: outbox_import.go).
func (t *syncTx) Reject(e *syncer.OutboxEntry, reason string) (bool, error) {
	if err := materialise(t.ctx, t.tx, `i.seq = ? AND i.change_id = ?`, e.Seq, e.ChangeID); err != nil {
		return false, err
	}
	res, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET status = 'rejected', error = ?, updated_at = ?
		WHERE change_id = ? AND status = 'pending'`, reason, involve.FormatTime(t.db.Now()), e.ChangeID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RebaseUnsent moves the record's unsent pending entries based on revision from to to.
func (t *syncTx) RebaseUnsent(k syncer.Key, from, to int64) error {
	if err := materialiseRecord(t.ctx, t.tx, k.Entity, k.ID); err != nil { // outbox_import.go
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET base_rev = ? WHERE entity = ? AND record_id = ?
		AND status = 'pending' AND sent_at IS NULL AND base_rev = ?`, to, k.Entity, k.ID, from)
	return err
}

// Waiting lists the pending entries of each record, oldest first.
func (t *syncTx) Waiting(keys []syncer.Key) (map[syncer.Key][]syncer.Waiting, error) {
	// the records' import entries are moved into the outbox first (outbox_import.go),
	// but for records whose import entry this transaction removed
	var maybe []syncer.Key
	for _, k := range keys {
		if lightEntity(k.Entity) && !t.importGone.has(k.Entity, k.ID) {
			maybe = append(maybe, k)
		}
	}
	if len(maybe) == 0 {
		// none of them has an import entry waiting: with no pending entry in the outbox
		// (a push of an import's entries), none has a change waiting
		if pending, err := t.anyPending(); err != nil || !pending { // sync_pull.go
			return map[syncer.Key][]syncer.Waiting{}, err
		}
	} else if none, err := t.nothingWaiting(); err != nil || none {
		return map[syncer.Key][]syncer.Waiting{}, err // sync_pull.go
	} else {
		if err := materialise(t.ctx, t.tx, `i.rec IN (SELECT s.pk*2 + 1 FROM json_each(?1) j JOIN sessions s ON s.id = j.value ->> 1
			WHERE j.value ->> 0 = 'session' UNION ALL SELECT f.pk*2 FROM json_each(?1) j JOIN feedback f ON f.id = j.value ->> 1
			WHERE j.value ->> 0 = 'feedback')`, keyList(maybe)); err != nil {
			return nil, err
		}
	}
	rows, err := t.tx.QueryContext(t.ctx, `SELECT o.entity, o.record_id, o.seq, o.base_rev, o.rev, o.sent_at IS NOT NULL
		FROM json_each(?) j JOIN outbox o ON o.entity = j.value ->> 0 AND o.record_id = j.value ->> 1 AND o.status = 'pending'
		ORDER BY o.seq`, keyList(keys))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[syncer.Key][]syncer.Waiting{}
	for rows.Next() {
		var k syncer.Key
		var w syncer.Waiting
		if err := rows.Scan(&k.Entity, &k.ID, &w.Seq, &w.BaseRev, &w.Rev, &w.Sent); err != nil {
			return nil, err
		}
		out[k] = append(out[k], w)
	}
	return out, rows.Err()
}

// WaitingState is a pending entry's state.
func (t *syncTx) WaitingState(seq int64) (json.RawMessage, error) {
	return waitingState(t.ctx, t.tx, seq)
}

// SetWaiting gives an entry a new base revision, and a new revision and state unless
// state is nil.
func (t *syncTx) SetWaiting(seq, baseRev, rev int64, state json.RawMessage) error {
	if state == nil {
		_, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET base_rev = ? WHERE seq = ?`, baseRev, seq)
		return err
	}
	_, err := t.tx.ExecContext(t.ctx, `UPDATE outbox SET base_rev = ?, rev = ?, state = ? WHERE seq = ?`, baseRev, rev, string(state), seq)
	return err
}

// TeamID is the team this laptop syncs with.
func (t *syncTx) TeamID() (string, error) { return getMeta(t.ctx, t.tx, keyTeamID) }

// upsertBaseSQL records the server's state of a record unless a newer one is known.
const upsertBaseSQL = `INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES (?, ?, ?, ?, 0)
	ON CONFLICT(entity, record_id) DO UPDATE SET rev = excluded.rev, state = excluded.state, parked = 0
	WHERE excluded.rev >= sync_base.rev`

// PutBase writes a sync base unless a newer one is known (a prepared statement: a
// push result runs it for every change not acknowledged in bulk).
func (t *syncTx) PutBase(k syncer.Key, rev int64, state json.RawMessage) (bool, error) {
	if t.baseStmt == nil {
		st, err := t.tx.PrepareContext(t.ctx, upsertBaseSQL)
		if err != nil {
			return false, err
		}
		t.baseStmt = st
	}
	state, err := t.eraseBase(k.Entity, baseState(k.Entity, k.ID, state))
	if err != nil || state == nil {
		return false, err
	}
	res, err := t.baseStmt.ExecContext(t.ctx, k.Entity, k.ID, rev, string(state))
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Put writes a record's full state through its type's put function (search index
// included).
func (t *syncTx) Put(rec any) error {
	if err := t.db.writeCheck(rec); err != nil {
		return err
	}
	if e, ok := rec.(*involve.Erasure); ok {
		return t.pulledErasure(e)
	}
	if drop, err := t.erasePulled(rec); err != nil || drop {
		return err
	}
	return putRecord(t.ctx, t.tx, rec)
}

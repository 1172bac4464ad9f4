package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/syncer"
)

// What the server's answers to a push stamp on the records sent (syncer.Tx): the
// server's revision, the team and the server's update time, and the pull cursor a
// push answer may move (docs/sync-protocol.md, "Push").

// Stamp gives a record still at revision sentRev the server's revision and team, and
// its update time unless updatedAt is "" (a prepared statement per table).
func (t *syncTx) Stamp(k syncer.Key, sentRev, rev int64, team, updatedAt string) error {
	table := tableOf(k.Entity)
	if table == "" {
		return fmt.Errorf("unknown entity type %q", k.Entity)
	}
	st, err := t.stampStmt(table, false, false)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(t.ctx, rev, team, updatedAt, k.ID, sentRev)
	return err
}

// stampStmt is Stamp's statement for table, prepared once a transaction (prepared);
// byRow's finds the row by its pk (?6) as well as its id; implied's (feedback only)
// marks the row as its light sync base (sync_base_implied.go), whatever it changes.
func (t *syncTx) stampStmt(table string, byRow, implied bool) (*sql.Stmt, error) {
	where := `id = ?4`
	if byRow {
		where = `pk = ?6 AND id = ?4`
	}
	if implied {
		return t.prepared(`UPDATE ` + table + ` SET rev = ?1, team_id = ?2, updated_at = coalesce(nullif(?3, ''), updated_at),
			light_base = 1 WHERE ` + where + ` AND rev = ?5`)
	}
	return t.prepared(`UPDATE ` + table + ` SET rev = ?1, team_id = ?2, updated_at = coalesce(nullif(?3, ''), updated_at)
		WHERE ` + where + ` AND rev = ?5 AND (rev <> ?1 OR team_id <> ?2 OR (?3 <> '' AND updated_at <> ?3))`)
}

// ackRows is how many rows one multi-row statement of StampSent carries (4 values a row).
const ackRows = 250

// StampSent is PutBase and Stamp for changes applied as sent, in a few statements
// for a whole batch instead of two per change: the sync base becomes what was sent
// (unless a newer server state is known already), and the record, where that base was
// written and it still is at the sent revision, takes the server's revision, team and
// update time (SentAck.UpdatedAt, when the server gave one). A feedback item whose
// base would be light and that has no sync_base row gets none: its stamp marks its row
// as its light base (sync_base_implied.go).
func (t *syncTx) StampSent(team string, acks []syncer.SentAck) error {
	stamp := map[string][]stampRow{} // by table
	implied, err := t.impliable(acks)
	if err != nil {
		return err
	}
	for len(acks) > 0 {
		chunk := acks[:min(len(acks), ackRows)]
		acks = acks[len(chunk):]
		q := strings.Builder{}
		q.WriteString(`INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES `)
		args := make([]any, 0, 4*len(chunk))
		byKey := make(map[syncer.Key]*syncer.SentAck, len(chunk))
		light, err := t.sentRows(chunk)
		if err != nil {
			return err
		}
		for i := range chunk {
			a := &chunk[i]
			k := syncer.Key{Entity: a.Entry.Entity, ID: a.Entry.RecordID}
			// a change sent before an erasure the laptop made meanwhile: its base is erased
			state, err := t.eraseBase(a.Entry.Entity, baseState(a.Entry.Entity, a.Entry.RecordID, a.Entry.State))
			if err != nil {
				return err
			} else if state == nil {
				continue // a conflict about an erased record: not kept
			}
			var stored string
			if light.has(k.Entity, k.ID) && bytes.Equal(state, a.Entry.State) && sentReadsBack(a.Entry.Entity, state) {
				// the row, still at the sent revision, is stamped below: a light base
				// (sync_base_light.go), or the row itself (implied)
				if implied[k] {
					stamp[tableOf(k.Entity)] = append(stamp[tableOf(k.Entity)], stampRow{ack: a, implied: true, state: state})
					continue
				}
			} else {
				stored = string(state)
			}
			if len(args) > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, 0)")
			args = append(args, a.Entry.Entity, a.Entry.RecordID, a.Rev, stored)
			byKey[k] = a
		}
		if len(args) == 0 {
			continue
		}
		q.WriteString(` ON CONFLICT(entity, record_id) DO UPDATE SET rev = excluded.rev, state = excluded.state, parked = 0
			WHERE excluded.rev >= sync_base.rev RETURNING entity, record_id`)
		rows, err := t.tx.QueryContext(t.ctx, q.String(), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k syncer.Key
			if err := rows.Scan(&k.Entity, &k.ID); err != nil {
				rows.Close()
				return err
			}
			// (a base not written means a newer server state is known already: nothing
			// to write)
			if a := byKey[k]; a != nil {
				stamp[tableOf(k.Entity)] = append(stamp[tableOf(k.Entity)], stampRow{ack: a})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	// one prepared statement a table and way to find the row, run once a record: cheaper
	// than a statement over json_each, whose every field read parses the record's JSON
	// again (run with context.Background(): a cancellable context costs go-sqlite3 a
	// goroutine a statement; the transaction is bounded by its batch and t.ctx is checked)
	if err := t.ctx.Err(); err != nil {
		return err
	}
	for table, list := range stamp {
		for _, r := range list {
			a := r.ack
			args := []any{a.Rev, team, a.UpdatedAt, a.Entry.RecordID, a.Entry.Rev}
			byRow := a.Entry.Row > 0 // its row is known (OutboxEntry.Row)
			if byRow {
				args = append(args, a.Entry.Row)
			}
			st, err := t.stampStmt(table, byRow, r.implied)
			if err != nil {
				return err
			}
			res, err := st.ExecContext(context.Background(), args...)
			if err != nil {
				return err
			}
			if !r.implied {
				continue
			}
			// the row was at the sent revision (sentRows, in this transaction): its mark is
			// its base; were it not, the sent state is written as its base
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				if _, err := t.PutBase(syncer.Key{Entity: a.Entry.Entity, ID: a.Entry.RecordID}, a.Rev, r.state); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// stampRow is a record StampSent stamps; implied: its row is marked as its light base
// (light_base, no sync_base row: sync_base_implied.go), state its base else.
type stampRow struct {
	ack     *syncer.SentAck
	implied bool
	state   []byte
}

// sentRows says which sessions and feedback items acknowledged are still at the
// revision sent (their rows are what was sent: StampSent writes their bases light); a
// record whose row is known (OutboxEntry.Row) is looked up by it. One whose import
// entry this transaction removed from outbox_import is not looked up: its row has not
// changed since it was read to be sent (before a row changes, its import entry is moved
// into the outbox: freezeLight, outbox_import.go).
func (t *syncTx) sentRows(acks []syncer.SentAck) (*idSet, error) {
	pairs := map[string][][2]any{}
	rows := map[string][][3]any{}
	out := &idSet{}
	for _, a := range acks {
		if !lightEntity(a.Entry.Entity) {
			continue
		}
		if a.Entry.Row > 0 && t.importGone.has(a.Entry.Entity, a.Entry.RecordID) {
			out.add(a.Entry.Entity, a.Entry.RecordID, len(acks))
		} else if a.Entry.Row > 0 {
			rows[a.Entry.Entity] = append(rows[a.Entry.Entity], [3]any{a.Entry.RecordID, a.Entry.Rev, a.Entry.Row})
		} else {
			pairs[a.Entry.Entity] = append(pairs[a.Entry.Entity], [2]any{a.Entry.RecordID, a.Entry.Rev})
		}
	}
	for entity, list := range pairs {
		m, err := atRev(t.ctx, t.tx, entity, list)
		if err != nil {
			return nil, err
		}
		for id := range m {
			out.add(entity, id, len(acks))
		}
	}
	for entity, list := range rows {
		table := tableOf(entity)
		err := scanRows(t.ctx, t.tx, `SELECT t.id FROM json_each(?) j JOIN `+table+` t
			ON t.pk = j.value ->> 2 AND t.id = j.value ->> 0 AND t.rev = j.value ->> 1`, []any{jsonList(list)},
			func(r *sql.Rows) error {
				var id string
				err := r.Scan(&id)
				out.add(entity, id, len(acks))
				return err
			})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MoveCursor saves to as the pull cursor when the one saved is from (a push's answer
// covers everything in between: syncer's ownRange), and says whether it did.
func (t *syncTx) MoveCursor(from, to string) (bool, error) {
	cur, err := getMeta(t.ctx, t.tx, keyCursor)
	if err != nil || cur != from {
		return false, err
	}
	return true, t.SaveCursor(to)
}

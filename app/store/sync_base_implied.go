package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// Implied light sync bases (issue 17, round 5; migration 0016; docs/decisions.md). A
// new laptop's first pull inserts most feedback items as new (AssumeNew,
// sync_pull_new.go), and a push's answers stamp every item sent (StampSent), and nearly
// all of their sync bases are light: the record's row as it is now
// (sync_base_light.go). Such a base of a feedback item with no sync_base row is not
// written as one: the item's row is inserted, or stamped, with light_base = 1, which
// says "my light sync base is me at my revision". So a record's sync base is:
//
//   - its sync_base row, if it has one (whatever the row's light_base says: a pull that
//     writes a base for the record writes a sync_base row, which takes over);
//   - else, for a feedback item whose row has light_base = 1, a light base at the row's
//     revision (state '', not parked);
//   - else none ("never synced", as for a record made on this laptop).
//
// The mark is set only where the light base would have been written and the record
// has no sync_base row: with the row's insert (Flush: an item taken to be new, at the
// revision the row is written with) and with its stamp (StampSent: an item acknowledged
// once, still at the revision sent, stamped with the server's revision; impliable).
// Every base it stands for is the light base that would have been written, so
// every reader sees what it saw of that light base: the lookups of a pull (basesOfSQL:
// Bases, BaseStates), freezeLight (before the row changes, the implied base becomes a
// written one holding the row's state, as a light base is frozen, and the mark is
// cleared), the purge's "synced" test (impliedBaseSQL). Readers that never see a light
// base's state need nothing: an erasure's rewrite of sync_base states skips light bases
// (the row is erased in place, and its putFeedback freezes the base first), the sealing
// sweep and HoldsSealedData never select feedback, Parked and the parking updates see
// parked bases only (never light). The row's revision moves only through
// putFeedback (which freezes first), a pull's write of the record (which writes a
// sync_base row for it in the same Flush) or a push answer's stamp (a record with a
// change pushed was edited, so frozen, first). A purge and a role's removal delete the
// mark with the row; a change of team, which forgets every sync base, clears the marks
// (forgetBases). A backup is a copy of the database: the marks go with it.

// basesOfSQL selects the sync bases (entity, record_id, rev, state, in no order) of the
// records ?1 names (a JSON list of [entity, id] pairs): sync_base's rows, and the light
// bases feedback rows imply.
const basesOfSQL = `SELECT b.entity, b.record_id, b.rev, b.state FROM json_each(?1) j
	JOIN sync_base b ON b.entity = j.value ->> 0 AND b.record_id = j.value ->> 1
	UNION ALL SELECT 'feedback', f.id, f.rev, '' FROM json_each(?1) j JOIN feedback f ON f.id = j.value ->> 1
	WHERE j.value ->> 0 = 'feedback' AND f.light_base = 1
		AND NOT EXISTS (SELECT 1 FROM sync_base b WHERE b.entity = 'feedback' AND b.record_id = f.id)`

// impliedBaseSQL is the condition that the feedback row alias (its table's alias in a
// query) is its own light sync base.
func impliedBaseSQL(alias string) string {
	return `(` + alias + `.light_base = 1 AND NOT EXISTS (SELECT 1 FROM sync_base ib
		WHERE ib.entity = 'feedback' AND ib.record_id = ` + alias + `.id))`
}

// scanBases calls fn with each sync base of the records keys names (basesOfSQL).
func (t *syncTx) scanBases(keys []syncer.Key, fn func(k syncer.Key, rev int64, state string)) error {
	return t.scan(basesOfSQL, []any{keyList(keys)}, func(r *sql.Rows) error {
		var k syncer.Key
		var rev int64
		var state string
		if err := r.Scan(&k.Entity, &k.ID, &rev, &state); err != nil {
			return err
		}
		fn(k, rev, state)
		return nil
	})
}

// freezeImplied writes a feedback item's implied light base (if it has one) as a
// sync_base row holding state, the row's state before it changes, at the row's
// revision, and clears the row's mark (freezeLight). A mark under a sync_base row is
// cleared only.
func freezeImplied(ctx context.Context, tx *sql.Tx, id, state string, written bool) error {
	if !written {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_base(entity, record_id, rev, state, parked)
			SELECT 'feedback', id, rev, ?2, 0 FROM feedback WHERE id = ?1`, id, state); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE feedback SET light_base = 0 WHERE id = ? AND light_base = 1`, id)
	return err
}

// forgetBases deletes every sync base: the written ones and the implied ones (a change
// of team: the new team's server knows none of them).
func forgetBases(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_base`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE feedback SET light_base = 0 WHERE light_base = 1`)
	return err
}

// impliedFresh takes, out of the bases of records taken to be new (fresh), those that
// the rows of fresh feedback items can imply: light, and at the revision the row is
// written with. It marks those rows implied and returns the bases still to write (in
// fresh's array). A record taken to be new has no sync_base row (the fresh insert of
// its base would find one and fail the Flush with ErrNotNew): that is checked here for
// the bases not written (ErrNotNew, as before).
func (t *syncTx) impliedFresh(fresh []baseRow, fbFresh []fbRow) ([]baseRow, error) {
	if len(fbFresh) == 0 {
		return fresh, nil
	}
	at := make(map[string]int, len(fbFresh))
	for i, r := range fbFresh {
		at[r.f.ID] = i
	}
	write := fresh[:0]
	var ids []string
	for _, b := range fresh {
		i, ok := at[b.id]
		if !ok || b.entity != involve.EntityFeedback || !b.light || b.keep || fbFresh[i].f.Rev != b.rev || fbFresh[i].implied {
			write = append(write, b)
			continue
		}
		fbFresh[i].implied = true
		ids = append(ids, b.id)
	}
	found := false
	if err := t.writtenFeedbackBases(ids, func(string) { found = true }); err != nil {
		return nil, err
	}
	if found {
		return nil, syncer.ErrNotNew
	}
	return write, nil
}

// writtenFeedbackBases calls fn with each of the feedback items ids names that has a
// sync_base row. A new laptop's first pull and a push answer's stamps often find no
// feedback item's base written at all: one probe of the table's key spares probing it
// for each item.
func (t *syncTx) writtenFeedbackBases(ids []string, fn func(id string)) error {
	if len(ids) == 0 {
		return nil
	}
	var some bool
	if err := t.tx.QueryRowContext(t.ctx, `SELECT EXISTS (SELECT 1 FROM sync_base WHERE entity = 'feedback')`).Scan(&some); err != nil || !some {
		return err
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 5000)]
		ids = ids[len(chunk):]
		if err := scanRows(t.ctx, t.tx, `SELECT record_id FROM sync_base WHERE entity = 'feedback'
			AND record_id IN (SELECT value FROM json_each(?))`, []any{jsonList(chunk)}, func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			fn(id)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// impliable says which feedback items a push answer's stamps (StampSent) may mark as
// their own light bases: those acknowledged once in acks that have no sync_base row (a
// written base stays the record's base, upserted as before, so that a newer one known
// is kept). Whether the base is light is StampSent's check.
func (t *syncTx) impliable(acks []syncer.SentAck) (map[syncer.Key]bool, error) {
	count := map[string]int{}
	for _, a := range acks {
		if a.Entry.Entity == involve.EntityFeedback {
			count[a.Entry.RecordID]++
		}
	}
	out := make(map[syncer.Key]bool, len(count))
	ids := make([]string, 0, len(count))
	for id, n := range count {
		if n == 1 {
			out[syncer.Key{Entity: involve.EntityFeedback, ID: id}] = true
			ids = append(ids, id)
		}
	}
	err := t.writtenFeedbackBases(ids, func(id string) { delete(out, syncer.Key{Entity: involve.EntityFeedback, ID: id}) })
	return out, err
}

// impliedInsert is an insert of a new feedback item (insertPlainFeedbackSQL,
// insertNewFeedbackSQL) writing light_base = 1: the row is its own light sync base.
func impliedInsert(query string) string {
	cols, rest, ok := strings.Cut(query, "answered)")
	const tail = ")\n\tON CONFLICT(id) DO NOTHING"
	values, after, ok2 := strings.Cut(rest, tail)
	if !ok || !ok2 || after != "" {
		panic("a new feedback item's insert changed: update impliedInsert")
	}
	return cols + "answered, light_base)" + values + ", 1" + tail
}

package store

import (
	"errors"

	"github.com/hin-south-london/involve/app/syncer"
)

// Records a pull takes to be new (syncer.Tx.AssumeNew; the reasoning is in
// app/syncer/pullnew.go): their sync bases and feedback rows are written with inserts
// that do nothing where one exists, and Flush fails with syncer.ErrNotNew when one did
// nothing. What is written otherwise is what the upserts would write for a new record.

// AssumeNew takes k to be new to this laptop until the next Flush, which proves it.
func (t *syncTx) AssumeNew(k syncer.Key) {
	if t.assumed == nil {
		t.assumed = map[syncer.Key]bool{}
	}
	t.assumed[k] = true
}

// splitAssumed parts bases into those of records not taken to be new and those of
// records taken to be new, each in the order given, appended to known and fresh.
func splitAssumed(bases []baseRow, assumed map[syncer.Key]bool, known, fresh []baseRow) ([]baseRow, []baseRow) {
	for _, b := range bases {
		if assumed[syncer.Key{Entity: b.entity, ID: b.id}] {
			fresh = append(fresh, b)
		} else {
			known = append(known, b)
		}
	}
	return known, fresh
}

// splitFeedback parts feedback items into those looked up and those taken to be new,
// each in the order given, appended to known and fresh.
func splitFeedback(rows []fbRow, known, fresh []fbRow) ([]fbRow, []fbRow) {
	for _, r := range rows {
		if r.assumed {
			fresh = append(fresh, r)
		} else {
			known = append(known, r)
		}
	}
	return known, fresh
}

// writeBases writes sync bases in multi-row statements: upserts (a newer base known
// stays), or, fresh, inserts of new bases only (ErrNotNew when one was there).
func (t *syncTx) writeBases(bases []baseRow, fresh bool) error {
	for rows := bases; len(rows) > 0; {
		chunk := rows[:min(len(rows), baseFlushRows)]
		rows = rows[len(chunk):]
		args := t.flushBufs.takeArgs(4 * len(chunk))
		for _, r := range chunk {
			state := "" // light: the record's row (sync_base_light.go)
			if !r.light && !r.keep {
				state = string(r.state)
			}
			args = append(args, r.entity, r.id, r.rev, state)
		}
		query := upsertBasesSQL(len(chunk))
		if fresh {
			query = newBasesSQL(len(chunk))
		}
		st, err := t.prepared(query)
		if err != nil {
			return err
		}
		res, err := st.ExecContext(t.ctx, args...)
		t.flushBufs.keepArgs(args)
		if err != nil {
			return err
		}
		if !fresh {
			continue
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != int64(len(chunk)) {
			return syncer.ErrNotNew
		}
	}
	return nil
}

// insertNewFeedback inserts feedback items taken to be new, one statement a row on the
// transaction's connection (sync_pull_raw.go, importer_raw.go), and notes them for the
// search index; ErrNotNew when one was there. A cancelled sync's transaction is
// refused, not written. implied: their rows are their light sync bases
// (sync_base_implied.go).
func (t *syncTx) insertNewFeedback(rows []fbRow, implied bool) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	ok, err := t.raw.insertFresh(len(rows), implied, func(i int) (bool, []any) {
		args := rows[i].args // as prepared, if it was (sync_pull_prep.go)
		if args == nil {
			args = feedbackArgs(rows[i].f)
		}
		return plainFeedback(rows[i].f), args
	}, func(_ int, pk int64) { t.noteFeedback(pk) })
	if errors.Is(err, errNearCeiling) {
		ok, err = t.insertNewFeedbackEach(rows, implied)
	}
	if err != nil {
		if t.ctx.Err() != nil { // rolled back under it (database/sql)
			return t.ctx.Err()
		}
		return err
	}
	if !ok {
		return syncer.ErrNotNew
	}
	return nil
}

// insertNewFeedbackEach is insertNewFeedback's insert with each row's own result (pks
// near SQLite's largest); ok is false when one of them was there.
func (t *syncTx) insertNewFeedbackEach(rows []fbRow, implied bool) (ok bool, err error) {
	for _, r := range rows {
		inserted, pk, err := t.raw.insert(r.f, r.args, implied)
		if err != nil || !inserted {
			return false, err
		}
		t.noteFeedback(pk)
	}
	return true, nil
}

// noteFeedback notes a feedback row for the search index, once.
func (t *syncTx) noteFeedback(pk int64) {
	if !t.indexed[feedbackRow(pk)] {
		t.indexed[feedbackRow(pk)] = true
		t.index.feedbackItem(pk)
	}
}

// newBasesSQL is upsertBasesSQL inserting new bases only.
func newBasesSQL(n int) string {
	return basesValues(n) + " ON CONFLICT DO NOTHING"
}

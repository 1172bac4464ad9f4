package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/syncer"
)

// takeTestDB is a database with a session and feedback rows of every shape the columns
// allow (TestLightFeedbackStatesAreMarshal's), each queued as an import entry
// (outbox_import, by its row), the session too; one item also has a light outbox entry
// (by id) and one an entry with its state. It returns the feedback items' ids.
func takeTestDB(t *testing.T) (*DB, []string) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.writer.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO sessions(pk, id, title, date, created_at, updated_at, rev)
		VALUES (7, 's1', 'A session', '2026-11-24', '2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z', 1)`)
	exec(`INSERT INTO outbox_import(seq, rec, base_rev) VALUES (1, 15, 0)`)
	ids := insertFeedbackShapes(t, db, 100) // outbox_light_feedback_test.go
	for i := range ids {
		exec(`INSERT INTO outbox_import(seq, rec, base_rev, change_id) VALUES (?, ?, ?, ?)`, 10+2*i, 2*(100+i), i%2,
			map[bool]any{true: fmt.Sprintf("c%02d", i), false: nil}[i%3 == 0])
	}
	// a light entry by id, and one with its state, between the import's
	exec(`INSERT INTO outbox(seq, change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		VALUES (13, 'light', 'feedback', 'f01', 1, 2, '', '', ''), (15, 'full', 'feedback', 'f02', 1, 3, '{"id":"f02"}', '', '')`)
	return db, ids
}

// takeBoth takes n entries after after through the connection (takeRaw) and through
// database/sql (takeRows), each filled by fillLight, in a transaction rolled back.
func takeBoth(t *testing.T, db *DB, after int64, n int, busy func(syncer.Key) bool) (raw, rows []syncer.OutboxEntry, rawErr, rowsErr error) {
	t.Helper()
	stop := errors.New("rolled back")
	err := db.SyncTx(context.Background(), func(tx syncer.Tx) error {
		st := tx.(*syncTx)
		var imp, imp2 []bool
		if raw, imp, rawErr = st.takeRaw(after, 1<<62, n, busy); rawErr == nil {
			rawErr = fillLight(st.ctx, st.tx, raw)
		}
		if rows, imp2, rowsErr = st.takeRows(after, 1<<62, n, busy); rowsErr == nil {
			rowsErr = fillLight(st.ctx, st.tx, rows)
		}
		if rawErr == nil && rowsErr == nil && !reflect.DeepEqual(imp, imp2) {
			t.Errorf("import entries: raw %v, database/sql %v", imp, imp2)
		}
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatal(err)
	}
	return raw, rows, rawErr, rowsErr
}

// The take read through the connection, an import feedback entry's state written from
// the take's own join, gives the entries and states the database/sql read and fillLight
// give, byte for byte, for rows of every shape, in batches and when a busy record stops
// it; and a feedback row gone fails both the same way.
func TestRawTakeIsTakeRows(t *testing.T) {
	db, ids := takeTestDB(t)
	for _, n := range []int{1, 3, 1000} {
		for after := int64(0); after < 80; after += 7 {
			raw, rows, rawErr, rowsErr := takeBoth(t, db, after, n, nil)
			if rawErr != nil || rowsErr != nil {
				t.Fatalf("after %d, n %d: raw %v, database/sql %v", after, n, rawErr, rowsErr)
			}
			if !reflect.DeepEqual(raw, rows) {
				t.Fatalf("after %d, n %d:\nraw %+v\ndatabase/sql %+v", after, n, raw, rows)
			}
		}
	}
	all, _, _, _ := takeBoth(t, db, 0, 1000, nil)
	if len(all) != 3+len(ids) {
		t.Fatalf("%d entries taken, want %d", len(all), 3+len(ids))
	}
	// the import's feedback entries come with their states, the others without
	if err := db.SyncTx(context.Background(), func(tx syncer.Tx) error {
		es, imp, err := tx.(*syncTx).takeRaw(0, 1<<62, 1000, nil)
		for i, e := range es {
			if filled := len(e.State) > 0; filled != (imp[i] && e.Entity == "feedback" || e.ChangeID == "full") {
				t.Errorf("entry %d (%s %s, import %v): state %q", e.Seq, e.Entity, e.RecordID, imp[i], e.State)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	busy := func(k syncer.Key) bool { return k.ID == ids[5] }
	raw, rows, rawErr, rowsErr := takeBoth(t, db, 0, 1000, busy)
	if rawErr != nil || rowsErr != nil || !reflect.DeepEqual(raw, rows) || len(raw) == 0 || raw[len(raw)-1].Seq != 10+2*4 {
		t.Fatalf("busy: raw %+v (%v)\ndatabase/sql %+v (%v)", raw, rawErr, rows, rowsErr)
	}
	// a feedback item's row gone from under its import entry
	if _, err := db.writer.ExecContext(context.Background(), `DELETE FROM feedback WHERE id = ?`, ids[3]); err != nil {
		t.Fatal(err)
	}
	_, _, rawErr, rowsErr = takeBoth(t, db, 0, 1000, nil)
	if rawErr == nil || rowsErr == nil || rawErr.Error() != rowsErr.Error() || !strings.Contains(rawErr.Error(), "not on this laptop") {
		t.Fatalf("a row gone: raw %v, database/sql %v", rawErr, rowsErr)
	}
}

// A value the raw read does not convert as database/sql would (a boolean column
// holding 2) leaves the entry to fillLight, which fails on it as database/sql does.
func TestRawTakeLeavesOddRowsToDatabaseSQL(t *testing.T) {
	db, ids := takeTestDB(t)
	if _, err := db.writer.ExecContext(context.Background(), `UPDATE feedback SET quote_consent = 2 WHERE id = ?`, ids[2]); err != nil {
		t.Fatal(err)
	}
	_, _, rawErr, rowsErr := takeBoth(t, db, 0, 1000, nil)
	if rawErr == nil || rowsErr == nil || rawErr.Error() != rowsErr.Error() {
		t.Fatalf("raw %v, database/sql %v", rawErr, rowsErr)
	}
}

// Take refuses once its sync's context is cancelled (its transaction rolled back by
// database/sql), whichever way it reads.
func TestTakeRefusedAfterCancel(t *testing.T) {
	db, _ := takeTestDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		cancel()
		waitRolledBack(t, tx.(*syncTx).raw.conn)
		_, _, err := tx.(*syncTx).takeRaw(0, 1<<62, 10, nil)
		if err == nil {
			t.Error("takeRaw after the rollback: no error")
		}
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SyncTx: %v, want context.Canceled", err)
	}
}

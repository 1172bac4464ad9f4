package store

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// TestCancelledPullInsertsNoNewRow cancels a sync while its transaction collects a
// feedback item taken to be new, and waits until database/sql has rolled the
// transaction back under it: the Flush's insert, run on the connection itself
// (importer_raw.go), must be refused with the context's error, not committed on its
// own (SQLite's autocommit). (database/sql discards the connection with that rollback;
// a transaction SQLite ended itself leaves it open: the insert checks for both.)
func TestCancelledPullInsertsNoNewRow(t *testing.T) {
	db, s := rawTestDB(t)
	f := plainTestFeedback(s.ID)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		tx.AssumeNew(syncer.Key{Entity: involve.EntityFeedback, ID: f.ID})
		if err := tx.PutPulled(f, true); err != nil {
			return err
		}
		cancel()
		waitRolledBack(t, tx.(*syncTx).raw.conn)
		return nil // Flush runs
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SyncTx: %v, want context.Canceled", err)
	}
	var n int
	if err := db.reader.QueryRowContext(context.Background(), `SELECT count(*) FROM feedback`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d feedback items stored (%v), want none", n, err)
	}
	// and the insert itself refuses once the transaction has ended, whatever the context
	raw := tx0(t, db)
	if inserted, _, err := raw.insert(f, nil, false); !errors.Is(err, errTxEnded) || inserted {
		t.Fatalf("raw insert outside a transaction: inserted %v, %v; want errTxEnded", inserted, err)
	}
	raw.close()
	raw.conn.Close()
}

// TestPlainInsertWritesTheFullRow checks that a plain item's 15 values
// (insertPlainFeedbackSQL) and an item's 20 (insertNewFeedbackSQL), bound from
// feedbackArgs as prepared, write the same row.
func TestPlainInsertWritesTheFullRow(t *testing.T) {
	db, s := rawTestDB(t)
	ctx := context.Background()
	a := plainTestFeedback(s.ID)
	b := *a
	b.ID = newChangeID()
	if !plainFeedback(a) {
		t.Fatal("the test's item is not plain")
	}
	if got, want := plainFeedbackValues(nil, a), boundValues(nil, feedbackArgs(a), true); !reflect.DeepEqual(got, want) {
		t.Fatalf("plainFeedbackValues %v, boundValues %v", got, want)
	}
	a.Rating = nil
	if got, want := plainFeedbackValues(nil, a), boundValues(nil, feedbackArgs(a), true); !reflect.DeepEqual(got, want) {
		t.Fatalf("no rating: plainFeedbackValues %v, boundValues %v", got, want)
	}
	rating := 4
	a.Rating = &rating
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw := rawInsert{conn: conn}
	if inserted, _, err := raw.insert(a, feedbackArgs(a), false); err != nil || !inserted || raw.plain == nil || raw.full != nil {
		t.Fatalf("plain insert: inserted %v, %v (plain statement %v)", inserted, err, raw.plain != nil)
	}
	if _, err := tx.ExecContext(ctx, insertNewFeedbackSQL, feedbackArgs(&b)...); err != nil {
		t.Fatal(err)
	}
	// the full statement, bound as the raw insert binds it, for an item that is not plain
	c := b
	c.ID, c.QuoteConsent, c.DeletedAt = newChangeID(), true, "2026-01-06T10:00:00.000Z"
	if inserted, _, err := raw.insert(&c, nil, false); err != nil || !inserted || raw.full == nil {
		t.Fatalf("full insert: inserted %v, %v", inserted, err)
	}
	// an id that is there: not inserted, no error
	if inserted, _, err := raw.insert(a, nil, false); err != nil || inserted {
		t.Fatalf("second insert of an id: inserted %v, %v", inserted, err)
	}
	raw.close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	row := func(id string) []any {
		rows, err := db.reader.QueryContext(ctx, `SELECT * FROM feedback WHERE id = ?`, id)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if !rows.Next() {
			t.Fatalf("no row %s", id)
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if c == "pk" || c == "id" {
				vals[i] = nil
			}
		}
		return vals
	}
	if ra, rb := row(a.ID), row(b.ID); !reflect.DeepEqual(ra, rb) {
		t.Fatalf("plain row %v\nfull row  %v", ra, rb)
	}
	want := b
	want.ID, want.QuoteConsent, want.DeletedAt = c.ID, true, c.DeletedAt
	var consent bool
	var deleted sql.NullString
	if err := db.reader.QueryRowContext(ctx, `SELECT quote_consent, deleted_at FROM feedback WHERE id = ?`, c.ID).Scan(&consent, &deleted); err != nil ||
		!consent || deleted.String != c.DeletedAt {
		t.Fatalf("full row: consent %v deleted %q, %v", consent, deleted.String, err)
	}
}

func rawTestDB(t *testing.T) (*DB, *involve.Session) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Workshop", Date: "2026-01-05", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	return db, &s
}

func plainTestFeedback(session string) *involve.Feedback {
	rating := 4
	f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: session, Text: "Pulled", Source: "comment_card",
		Themes: []string{"access"}, Rating: &rating, AgeBand: "25-34", Borough: "Lambeth"}, CapturedBy: "Ada"}
	f.ID, f.CreatedAt, f.UpdatedAt, f.Rev = newChangeID(), "2026-01-05T10:00:00.000Z", "2026-01-05T11:00:00.000Z", 7
	f.CreatedBy, f.DeviceID, f.TeamID = "Ada", "device-1", "team-1"
	return f
}

// waitRolledBack waits until the transaction on conn has ended (SQLite back in
// autocommit).
func waitRolledBack(t *testing.T, conn *sql.Conn) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		var ended bool
		err := conn.Raw(func(dc any) error { ended = dc.(*sqlite3.SQLiteConn).AutoCommit(); return nil })
		if ended || err != nil { // rolled back, or the connection discarded with it
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the transaction was not rolled back")
		}
	}
}

// tx0 is a raw insert on a writer connection with no transaction open.
func tx0(t *testing.T, db *DB) *rawInsert {
	t.Helper()
	conn, err := db.writer.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &rawInsert{conn: conn}
}

// TestInsertFreshReportsPKsAndConflicts checks insertFresh's pks against the rows'
// and that a row already there makes the flush fail (ok false), in the pk rule's path
// and in the one-result-a-row path near SQLite's largest pk.
func TestInsertFreshReportsPKsAndConflicts(t *testing.T) {
	for _, nearCeiling := range []bool{false, true} {
		db, s := rawTestDB(t)
		ctx := context.Background()
		if nearCeiling {
			if _, err := db.writer.ExecContext(ctx, `INSERT INTO feedback(pk, id, session_id, source, text, created_at, updated_at, rev)
				VALUES (?, 'far', ?, 'comment_card', 'far', '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z', 1)`, pkCeiling+5, s.ID); err != nil {
				t.Fatal(err)
			}
		}
		a, b, c := plainTestFeedback(s.ID), plainTestFeedback(s.ID), plainTestFeedback(s.ID)
		c.QuoteConsent = true // not plain: the full statement
		var pks map[int64]bool
		err := db.SyncTx(ctx, func(tx syncer.Tx) error {
			for _, f := range []*involve.Feedback{a, b, c} {
				tx.AssumeNew(syncer.Key{Entity: involve.EntityFeedback, ID: f.ID})
				if err := tx.PutPulled(f, true); err != nil {
					return err
				}
			}
			if err := tx.Flush(); err != nil {
				return err
			}
			pks = maps.Clone(tx.(*syncTx).indexed)
			return nil
		})
		if err != nil {
			t.Fatalf("near the ceiling %v: %v", nearCeiling, err)
		}
		for _, f := range []*involve.Feedback{a, b, c} {
			var pk int64
			if err := db.reader.QueryRowContext(ctx, `SELECT pk FROM feedback WHERE id = ?`, f.ID).Scan(&pk); err != nil {
				t.Fatal(err)
			}
			if !pks[feedbackRow(pk)] {
				t.Errorf("near the ceiling %v: pk %d of %s not noted for the index (%v)", nearCeiling, pk, f.ID, pks)
			}
		}
		if len(pks) != 3 {
			t.Errorf("near the ceiling %v: noted %v, want 3 rows", nearCeiling, pks)
		}
		// a flush with a row that is there: ErrNotNew, nothing written
		d, e := plainTestFeedback(s.ID), plainTestFeedback(s.ID)
		err = db.SyncTx(ctx, func(tx syncer.Tx) error {
			for _, f := range []*involve.Feedback{d, b, e} {
				tx.AssumeNew(syncer.Key{Entity: involve.EntityFeedback, ID: f.ID})
				if err := tx.PutPulled(f, true); err != nil {
					return err
				}
			}
			return tx.Flush()
		})
		if !errors.Is(err, syncer.ErrNotNew) {
			t.Fatalf("near the ceiling %v: a row that was there: %v, want ErrNotNew", nearCeiling, err)
		}
		var n int
		if err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM feedback WHERE id IN (?, ?)`, d.ID, e.ID).Scan(&n); err != nil || n != 0 {
			t.Fatalf("near the ceiling %v: %d rows of a failed flush written (%v)", nearCeiling, n, err)
		}
	}
}

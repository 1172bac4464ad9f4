package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// A plain item's insert on the import's connection refuses to run once the import's
// transaction has ended under it (as database/sql's rollback of a cancelled import
// ends it): SQLite would otherwise commit the row on its own.
func TestRawInsertRefusedAfterTheTransaction(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Workshop", Date: "2026-01-05", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Text: "Left out", Source: "comment_card", Themes: []string{}}}
	f.ID, f.CreatedAt, f.UpdatedAt, f.Rev = newChangeID(), "2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000Z", 1

	conn, err := db.writer.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	raw := rawInsert{conn: conn}
	if inserted, _, err := raw.insert(f, nil, false); err != nil || !inserted {
		t.Fatalf("in the transaction: inserted %v, %v", inserted, err)
	}
	// the transaction ends under the importer
	if err := conn.Raw(func(dc any) error {
		_, err := dc.(*sqlite3.SQLiteConn).Exec("ROLLBACK", nil)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f.ID = newChangeID()
	if inserted, _, err := raw.insert(f, nil, false); !errors.Is(err, errTxEnded) || inserted {
		t.Fatalf("after the transaction: inserted %v, %v; want errTxEnded", inserted, err)
	}
	raw.close()
	tx.Rollback()
	conn.Close()
	var n int
	if err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM feedback`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d feedback items stored (%v), want none", n, err)
	}
}

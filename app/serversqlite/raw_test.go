package serversqlite

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
)

// The flush's inserts (raw.go) run on the group's connection only while its
// transaction is open: once it has ended (here rolled back under the writer, as SQLite
// does on its own after some errors) an insert is refused, not committed on its own.
func TestRawWriterRefusesAfterTxEnded(t *testing.T) {
	s := openGroupTest(t)
	ctx := context.Background()
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := &rawWriter{conn: conn, stmts: map[string]driver.Stmt{}}
	defer w.close()
	result := []byte(`{"status":"applied"}`)
	insert := func(changeID string) error {
		return w.inTx(func(c driver.Conn) error {
			return w.insert(c, insertResultSQL, "team-a", changeID, "d", text(result), "2026-12-07T16:00:00.000000Z")
		})
	}
	if err := insert("c1"); err != nil {
		t.Fatalf("in the transaction: %v", err)
	}
	// the same key again: SQLite's error, and the transaction goes on
	if err := insert("c1"); err == nil {
		t.Fatal("a second result for c1 was inserted")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := insert("c2"); !errors.Is(err, errTxEnded) {
		t.Fatalf("after the transaction: %v, want errTxEnded", err)
	}
	result[2] = 'X' // the stored text is SQLite's copy
	var n int
	var got string
	if err := s.reader.QueryRowContext(ctx, "SELECT count(*), max(result) FROM change_results WHERE team_id = 'team-a'").Scan(&n, &got); err != nil {
		t.Fatal(err)
	}
	if n != 1 || got != `{"status":"applied"}` {
		t.Errorf("stored %d results, %q; want c1's alone, as inserted", n, got)
	}
}

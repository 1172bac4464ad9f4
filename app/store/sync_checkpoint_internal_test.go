package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/syncer"
)

// openForCheckpoint is a database whose every commit would checkpoint the WAL
// (wal_autocheckpoint = 1), with the WAL emptied.
func openForCheckpoint(t *testing.T) (*DB, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA wal_autocheckpoint = 1"} {
		if _, err := db.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return db, path
}

func autoCheckpointOf(t *testing.T, db *DB) int {
	t.Helper()
	var pages int
	if err := db.writer.QueryRowContext(context.Background(), "PRAGMA wal_autocheckpoint").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	return pages
}

// cursorInFileAlone is the sync cursor a copy of the database file without its WAL
// holds (what a checkpoint has copied into the file).
func cursorInFileAlone(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(t.TempDir(), "involve.db")
	if err := os.WriteFile(alone, b, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(context.Background(), alone, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	set, err := c.SyncSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set.Cursor
}

// A sync transaction's commit, and the sync's bookkeeping around it, leave the WAL's
// checkpoint to the next other commit (checkpoint.go), and set the
// auto-checkpoint back after them.
func TestSyncTxLeavesTheCheckpoint(t *testing.T) {
	ctx := context.Background()
	db, path := openForCheckpoint(t)
	at := time.Date(2026, 12, 7, 14, 0, 0, 0, time.UTC)
	if err := db.RecordSyncAttempt(ctx, at); err != nil {
		t.Fatal(err)
	}
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error { return tx.SaveCursor("7") }); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordSyncResult(ctx, at, "", ""); err != nil {
		t.Fatal(err)
	}
	if n := autoCheckpointOf(t, db); n != 1 {
		t.Fatalf("after a sync transaction wal_autocheckpoint is %d, want 1", n)
	}
	if set, err := db.SyncSettings(ctx); err != nil || set.Cursor != "7" {
		t.Fatalf("cursor %q %v", set.Cursor, err)
	}
	if c := cursorInFileAlone(t, path); c == "7" {
		t.Fatal("the sync transaction's commit checkpointed the WAL")
	}
	if _, err := db.writer.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('checkpoint-test', 'x')"); err != nil {
		t.Fatal(err)
	}
	if c := cursorInFileAlone(t, path); c != "7" {
		t.Fatalf("after the next commit the file alone has cursor %q, want 7", c)
	}
}

// A sync transaction that leaves the WAL file over syncWALLimit empties it before
// SyncTx returns: a first pull's transactions one after another do not grow it
// without bound.
func TestSyncTxBoundsTheWAL(t *testing.T) {
	ctx := context.Background()
	db, path := openForCheckpoint(t)
	old := syncWALLimit
	syncWALLimit = 0
	defer func() { syncWALLimit = old }()
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error { return tx.SaveCursor("8") }); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() != 0 {
		t.Fatalf("the WAL file after a sync transaction over the bound: %v %v", fi.Size(), err)
	}
	if c := cursorInFileAlone(t, path); c != "8" {
		t.Fatalf("the file alone has cursor %q, want 8", c)
	}
}

// An import and a sync transaction may overlap: the auto-checkpoint stays off until
// the last of them ends, and is then what it was before the first.
func TestCheckpointHoldsOverlap(t *testing.T) {
	ctx := context.Background()
	db, _ := openForCheckpoint(t)
	if err := db.holdCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.holdCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.releaseCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := autoCheckpointOf(t, db); n != 0 {
		t.Fatalf("with one hold left wal_autocheckpoint is %d, want 0", n)
	}
	if err := db.releaseCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if n := autoCheckpointOf(t, db); n != 1 {
		t.Fatalf("after the last hold wal_autocheckpoint is %d, want 1", n)
	}
}

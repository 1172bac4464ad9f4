package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// An import's commit leaves the WAL to be checkpointed later (checkpoint.go):
// what a crash right after Import returned leaves — the database file and its WAL —
// holds every record, the database file alone does not (its commit did not copy them
// there, however low wal_autocheckpoint is), and the writer's auto-checkpoint is back
// to its value before, after an import that failed as after one that did not.
func TestImportLeavesTheCheckpoint(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ExecForTest(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	// every commit would checkpoint with wal_autocheckpoint = 1
	if err := db.ExecForTest(ctx, "PRAGMA wal_autocheckpoint = 1"); err != nil {
		t.Fatal(err)
	}
	autoCheckpoint := func() int {
		t.Helper()
		var pages int
		if err := db.QueryRowForTest(ctx, "PRAGMA wal_autocheckpoint").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		return pages
	}

	failed := errors.New("stopped")
	if err := db.Import(ctx, func(im *store.Importer) error { return failed }); !errors.Is(err, failed) {
		t.Fatalf("a failed import returned %v", err)
	}
	if n := autoCheckpoint(); n != 1 {
		t.Fatalf("after a failed import wal_autocheckpoint is %d, want 1", n)
	}

	s, f := importTwo(t, db)
	if n := autoCheckpoint(); n != 1 {
		t.Fatalf("after an import wal_autocheckpoint is %d, want 1", n)
	}
	crash, alone := t.TempDir(), t.TempDir()
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(crash, "involve.db"+suffix), b, 0o600); err != nil {
			t.Fatal(err)
		}
		if suffix == "" {
			if err := os.WriteFile(filepath.Join(alone, "involve.db"), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	has := func(dir string) (session, feedback bool) {
		t.Helper()
		c, err := store.Open(ctx, filepath.Join(dir, "involve.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_, serr := c.FindSessionByID(ctx, s.ID)
		_, ferr := c.FindFeedbackByID(ctx, f.ID)
		return serr == nil, ferr == nil
	}
	if hs, hf := has(crash); !hs || !hf {
		t.Fatalf("after a crash: session %v, feedback %v; want both", hs, hf)
	}
	if hs, hf := has(alone); hs || hf {
		t.Fatalf("the import's commit checkpointed the WAL: the database file alone has session %v, feedback %v", hs, hf)
	}

	// the next commit checkpoints it (wal_autocheckpoint = 1)
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Next", Date: "2026-01-05", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(alone, "involve.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if hs, hf := has(alone); !hs || !hf {
		t.Fatalf("after the next commit the database file has session %v, feedback %v; want both", hs, hf)
	}
}

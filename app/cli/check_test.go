package cli

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// `involve check` fails on a damaged search index and says what to do; `--repair`
// rebuilds it (not while the app holds the folder) and the check passes again.
func TestCheckRepairsADamagedSearchIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, datadir.DBName)
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Café conversation", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DELETE FROM search_data WHERE id > 10"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	run := func(args ...string) int {
		t.Helper()
		return runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
	}

	if code := run("check"); code != 1 {
		t.Fatalf("check of a damaged index: exit %d, want 1", code)
	}
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if code := run("check", "--repair"); code != 1 {
		t.Fatalf("repair while the app is open: exit %d, want 1", code)
	}
	lock.Close()
	if code := run("check", "--repair"); code != 0 {
		t.Fatalf("repair: exit %d", code)
	}
	if code := run("check"); code != 0 {
		t.Fatalf("check after the repair: exit %d", code)
	}
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, err := db.Search(ctx, "cafe", 10); err != nil || len(got) != 1 {
		t.Fatalf("search after the repair: %+v %v", got, err)
	}
}

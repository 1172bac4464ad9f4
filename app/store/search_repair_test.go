package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/store"
)

// A damaged search index (its segments lost: it is contentless, migration 0010) fails
// integrity_check; RebuildSearchIndex builds it again from the sessions and feedback,
// after which the check passes and search finds what it should.
func TestRepairSearchIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSession(t, db, "Café conversation")
	mustSession(t, db, "Walking group")
	db.Close()

	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DELETE FROM search_data WHERE id > 10"); err != nil { // its segments gone: 1 and 10 are its averages and structure
		t.Fatal(err)
	}
	raw.Close()
	if err := store.CheckFile(ctx, path); err == nil {
		t.Fatal("integrity_check passes a damaged search index")
	} else {
		t.Logf("check: %v", err)
	}

	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if damaged, err := db.SearchIndexDamaged(ctx); err != nil || !damaged {
		t.Fatalf("SearchIndexDamaged = %v, %v; want true", damaged, err)
	}
	if err := db.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if damaged, err := db.SearchIndexDamaged(ctx); err != nil || damaged {
		t.Fatalf("after the repair SearchIndexDamaged = %v, %v", damaged, err)
	}
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Fatalf("after the repair: %v", err)
	}
	got, err := db.Search(ctx, "cafe", 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("search after the repair: %+v %v", got, err)
	}
}

package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/store"
)

// TestSyncBaseOneTree: migration 0014 keeps the sync bases in one B-tree (WITHOUT
// ROWID, keyed entity and record id), so a base written costs one B-tree instead of
// two; the bases a database held are kept, and the key stays unique.
func TestSyncBaseOneTree(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	old, err := store.Open(ctx, path, store.Options{MaxVersion: 13})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO sync_base(entity, record_id, rev, state, parked) VALUES ('session', 's1', 4, '{"id":"s1"}', 0),
			('feedback', 'f1', 7, '', 0), ('feedback', 'f0', 2, '{"id":"f0","sessionId":"s9"}', 1)`,
	} {
		if err := old.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schema, indexes, rows string
	if err := db.QueryRowForTest(ctx, `SELECT sql FROM sqlite_schema WHERE name = 'sync_base'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(schema, "WITHOUT ROWID") {
		t.Errorf("sync_base: %s, want a WITHOUT ROWID table", schema)
	}
	if err := db.QueryRowForTest(ctx, `SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'sync_base' ORDER BY name)`).Scan(&indexes); err != nil {
		t.Fatal(err)
	}
	if indexes != "sync_base_parked" {
		t.Errorf("indexes of sync_base: %q, want only sync_base_parked (the key is the table)", indexes)
	}
	if err := db.QueryRowForTest(ctx, `SELECT group_concat(r, ';') FROM (SELECT entity || ' ' || record_id || ' ' || rev || ' ' ||
		state || ' ' || parked AS r FROM sync_base ORDER BY entity, record_id)`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if want := `feedback f0 2 {"id":"f0","sessionId":"s9"} 1;feedback f1 7  0;session s1 4 {"id":"s1"} 0`; rows != want {
		t.Errorf("sync bases after the migration: %q, want %q", rows, want)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO sync_base(entity, record_id, rev, state) VALUES ('session', 's1', 5, '')`); err == nil ||
		!strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a second base of session s1: %v, want a UNIQUE constraint failure", err)
	}
}

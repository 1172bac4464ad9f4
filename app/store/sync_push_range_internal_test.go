package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A take's change ids are given by position, the table never read whole
// (sync_push_range.go): a push of 100 000 runs the statement once a take.
func TestGiveImportIDsPlan(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	plan := queryPlan(t, db, giveImportIDsSQL, "p", 1, 2)
	if !strings.Contains(plan, "SEARCH outbox_import USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)") || strings.Contains(plan, "SCAN") {
		t.Errorf("plan of giveImportIDsSQL:\n%s", plan)
	}
}

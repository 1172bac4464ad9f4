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

// The ids the statement stores are the ids Take sends (rangedChangeID), up to the last
// position the scheme covers.
func TestRangedChangeIDMatchesSQL(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	prefix, err := newTakePrefix()
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range []int64{1, 15, 16, 255, 1<<32 + 5, 0x0123456789ab, maxRangedSeq - 1} {
		var got string
		if err := db.reader.QueryRow(`SELECT ? || printf('%012x', ?)`, prefix, seq).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := rangedChangeID(prefix, seq); got != want || len(got) != 36 {
			t.Errorf("position %d: SQL writes %q, Take sends %q", seq, got, want)
		}
	}
}

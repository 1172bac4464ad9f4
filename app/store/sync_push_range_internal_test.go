package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// The statements of a take's import entries find them by position, never reading the
// whole table (sync_push_range.go): a push of 100 000 runs each a hundred
// times.
func TestRangedStatementPlans(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range []struct {
		name string
		q    string
		args []any
		want []string
	}{
		{"give", giveImportIDsSQL, []any{"p", 1, 2}, []string{"SEARCH outbox_import USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := queryPlan(t, db, c.q, c.args...)
			for _, w := range c.want {
				if !strings.Contains(plan, w) {
					t.Errorf("plan lacks %q:\n%s", w, plan)
				}
			}
			if strings.Contains(plan, "SCAN outbox_import") {
				t.Errorf("plan scans a table:\n%s", plan)
			}
		})
	}
}

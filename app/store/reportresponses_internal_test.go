package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/report"
)

// TestReportResponsesPlan: feedback is read in storage order, each item's responses
// found through the docs index by its id, and the responses sorted by feedback id in
// SQLite's external sorter (memory stays flat however many responses there are); not
// the docs index walked in feedback id order, with a random page read per response for
// its item.
func TestReportResponsesPlan(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range []report.Filter{{}, {Borough: "E09000022", From: "2026-01-01"}} {
		where, args := reportWhere(f)
		plan := queryPlan(t, db, strings.Replace(reportResponses, "%s", where, 1), args...)
		if !strings.HasPrefix(plan, "SCAN f\n") || !strings.Contains(plan, "SEARCH d USING INDEX docs_entity (entity=? AND parent_id=?)") ||
			!strings.Contains(plan, "USE TEMP B-TREE FOR ORDER BY") {
			t.Errorf("filter %+v: plan\n%s", f, plan)
		}
	}
}

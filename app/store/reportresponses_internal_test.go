package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/report"
)

// TestReportResponsesPlan: responses are walked in feedback order through the docs
// index, each looking its item and session up by id, with no sort (memory stays flat
// however many responses there are).
func TestReportResponsesPlan(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range []report.Filter{{}, {Borough: "E09000022", From: "2026-01-01"}} {
		where, args := reportWhere(f)
		plan := queryPlan(t, db, strings.Replace(reportResponses, "%s", where, 1), args...)
		if !strings.Contains(plan, "SEARCH d USING INDEX docs_entity (entity=?)") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("filter %+v: plan\n%s", f, plan)
		}
	}
}

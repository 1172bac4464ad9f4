package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

func assessment(on, scope string, rating string) *involve.StandardsAssessment {
	a := &involve.StandardsAssessment{AssessedOn: on, Scope: scope}
	for _, s := range involve.Reference().Standards {
		a.Ratings = append(a.Ratings, involve.StandardRating{Standard: s.Code, Rating: rating})
	}
	return a
}

// TestStandardsAssessmentLeadOnly: a laptop not connected (it counts as staff) and a
// staff laptop are refused with EFORBIDDEN and a sentence; a lead makes and edits one.
func TestStandardsAssessmentLeadOnly(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	_, err := db.CreateStandardsAssessment(ctx, assessment("2026-11-01", involve.ScopeTeam, involve.RatingRed))
	if code(err) != involve.EFORBIDDEN || !strings.Contains(err.Error(), "rate the team against the UK Standards") {
		t.Fatalf("not connected: %v", err)
	}
	setLocalRole(t, db, "staff")
	if _, err := db.CreateStandardsAssessment(ctx, assessment("2026-11-01", involve.ScopeTeam, involve.RatingRed)); code(err) != involve.EFORBIDDEN {
		t.Fatalf("staff: %v", err)
	}
	setLocalRole(t, db, "lead")
	a, err := db.CreateStandardsAssessment(ctx, assessment("2026-11-01", involve.ScopeTeam, involve.RatingRed))
	if err != nil || a.ID == "" {
		t.Fatalf("lead: %+v %v", a, err)
	}
	loaded := *a
	loaded.Ratings = append([]involve.StandardRating(nil), a.Ratings...)
	edited := loaded
	edited.Ratings = append([]involve.StandardRating(nil), a.Ratings...)
	edited.Ratings[4].Rating, edited.Ratings[4].Evidence = involve.RatingGreen, "Outcomes reported to the board"
	got, err := db.UpdateStandardsAssessment(ctx, a.ID, &loaded, &edited)
	if err != nil || got.Ratings[4].Rating != involve.RatingGreen {
		t.Fatalf("lead edit: %+v %v", got, err)
	}
	setLocalRole(t, db, "staff")
	edited.Ratings[0].Rating = involve.RatingGreen
	if _, err := db.UpdateStandardsAssessment(ctx, a.ID, got, &edited); code(err) != involve.EFORBIDDEN {
		t.Fatalf("staff edit: %v", err)
	}
	// staff read it, unchanged
	back, err := db.FindStandardsAssessment(ctx, a.ID)
	if err != nil || back.Ratings[0].Rating != involve.RatingRed || back.Ratings[4].Evidence != "Outcomes reported to the board" {
		t.Fatalf("read back: %+v %v", back, err)
	}
	// an assessment of a project deleted since stays editable; a project that does not
	// exist is refused as a new scope
	setLocalRole(t, db, "lead")
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Closed ward"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := db.CreateStandardsAssessment(ctx, assessment("2026-10-01", p.ID, involve.RatingAmber))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `UPDATE projects SET deleted_at = '2026-11-02T09:00:00.000Z' WHERE id = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	oldEdit := *old
	oldEdit.Ratings = append([]involve.StandardRating(nil), old.Ratings...)
	oldEdit.Ratings[2].NextSteps = "Hand over to the new ward"
	if _, err := db.UpdateStandardsAssessment(ctx, old.ID, old, &oldEdit); err != nil {
		t.Fatalf("edit of a deleted project's assessment: %v", err)
	}
	_, err = db.CreateStandardsAssessment(ctx, assessment("2026-11-02", "0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e", involve.RatingRed))
	if code(err) != involve.EINVALID || len(involve.ErrorFields(err)) != 1 || involve.ErrorFields(err)[0].Field != "scope" {
		t.Fatalf("unknown project: %v", err)
	}
}

// TestStandardsOverTime: the list is newest first with scope names; the timeline of a
// scope holds its last n assessments, oldest to newest, one row per standard.
func TestStandardsOverTime(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	setLocalRole(t, db, "lead")
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Bus routes"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(on, scope, rating string) {
		t.Helper()
		if _, err := db.CreateStandardsAssessment(ctx, assessment(on, scope, rating)); err != nil {
			t.Fatal(err)
		}
	}
	// recorded out of date order
	mk("2026-06-01", involve.ScopeTeam, involve.RatingAmber)
	mk("2025-12-01", involve.ScopeTeam, involve.RatingRed)
	mk("2026-11-30", involve.ScopeTeam, involve.RatingGreen)
	mk("2026-10-01", p.ID, involve.RatingNotRated)
	list, err := db.StandardsAssessments(ctx)
	if err != nil || len(list) != 4 {
		t.Fatalf("list: %+v %v", list, err)
	}
	var order []string
	for _, it := range list {
		order = append(order, it.Assessment.AssessedOn+" "+it.ScopeName)
	}
	if want := "2026-11-30 The whole team|2026-10-01 Bus routes|2026-06-01 The whole team|2025-12-01 The whole team"; strings.Join(order, "|") != want {
		t.Errorf("list order:\n%s\nwant\n%s", strings.Join(order, "|"), want)
	}
	tl, err := db.StandardsOverTime(ctx, involve.ScopeTeam, 2)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tl.Assessments, ",") != "2026-06-01,2026-11-30" || tl.ScopeName != "The whole team" || len(tl.Standards) != 6 {
		t.Fatalf("timeline: %+v", tl)
	}
	for _, row := range tl.Standards {
		if len(row.Ratings) != 2 || row.Ratings[0].Rating != involve.RatingAmber || row.Ratings[1].Rating != involve.RatingGreen ||
			row.Name == "" || row.Statement == "" {
			t.Errorf("row %s: %+v", row.Code, row)
		}
	}
	all, _ := db.StandardsOverTime(ctx, involve.ScopeTeam, 0)
	if strings.Join(all.Assessments, ",") != "2025-12-01,2026-06-01,2026-11-30" {
		t.Errorf("every assessment: %v", all.Assessments)
	}
	proj, _ := db.StandardsOverTime(ctx, p.ID, 5)
	if proj.ScopeName != "Bus routes" || len(proj.Assessments) != 1 || proj.Standards[0].Ratings[0].Rating != involve.RatingNotRated {
		t.Errorf("project timeline: %+v", proj)
	}
	none, _ := db.StandardsOverTime(ctx, "0190c5e2-7d4a-7b3c-8d2e-1f2a3b4c5d6e", 5)
	if len(none.Assessments) != 0 || len(none.Standards) != 6 || len(none.Standards[0].Ratings) != 0 {
		t.Errorf("no assessments: %+v", none)
	}
}

package desktop_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func standardsForm(on string, rating string) involve.StandardsAssessment {
	s := involve.StandardsAssessment{AssessedOn: on, Scope: involve.ScopeTeam}
	for _, std := range involve.Reference().Standards {
		s.Ratings = append(s.Ratings, involve.StandardRating{Standard: std.Code, Rating: rating})
	}
	return s
}

// TestStandardsFacade: a lead's laptop records and edits assessments and reads them
// over time; a laptop that is not a lead's reads and is refused a change (EFORBIDDEN).
func TestStandardsFacade(t *testing.T) {
	a, _ := leadApp(t, nil)
	first, err := a.CreateStandardsAssessment(standardsForm("2026-05-01", involve.RatingRed))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateStandardsAssessment(standardsForm("2026-11-01", involve.RatingAmber)); err != nil {
		t.Fatal(err)
	}
	edited := first
	edited.Ratings = append([]involve.StandardRating(nil), first.Ratings...)
	edited.Ratings[0].Rating = involve.RatingGreen
	if got, err := a.UpdateStandardsAssessment(first.ID, first, edited); err != nil || got.Ratings[0].Rating != involve.RatingGreen {
		t.Fatalf("update: %+v %v", got, err)
	}
	if got, err := a.GetStandardsAssessment(first.ID); err != nil || got.Ratings[0].Rating != involve.RatingGreen {
		t.Fatalf("get: %+v %v", got, err)
	}
	ov, err := a.ListStandardsAssessments("")
	if err != nil || len(ov.Assessments) != 2 || ov.Assessments[0].Assessment.AssessedOn != "2026-11-01" ||
		len(ov.OverTime.Assessments) != 2 || ov.OverTime.Standards[0].Ratings[0].Rating != involve.RatingGreen || len(ov.Ratings) != 4 {
		t.Fatalf("overview: %+v %v", ov, err)
	}

	staff, _, _ := newLockedApp(t) // not connected: counts as staff
	if _, err := staff.CreateStandardsAssessment(standardsForm("2026-11-01", involve.RatingAmber)); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("staff create: %v", err)
	}
	if ov, err := staff.ListStandardsAssessments("team"); err != nil || len(ov.Assessments) != 0 || len(ov.OverTime.Standards) != 6 {
		t.Errorf("staff list: %+v %v", ov, err)
	}
}

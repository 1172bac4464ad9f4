package servertest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testRolesStandards: only a lead laptop rates the team against the UK Standards. A
// staff or capture laptop's new assessment, and a staff laptop's edit of the lead's, are
// refused (EFORBIDDEN, saying what only a lead may do); every role pulls it.
func testRolesStandards(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	staff, lead, capture := e.Enrol(tm.ID), e.EnrolAs(tm.ID, involve.RoleNameLead), e.EnrolAs(tm.ID, involve.RoleNameCapture)

	newAssessment := func() *involve.StandardsAssessment {
		a := &involve.StandardsAssessment{AssessedOn: "2026-11-30", Scope: involve.ScopeTeam}
		for _, s := range involve.Reference().Standards {
			a.Ratings = append(a.Ratings, involve.StandardRating{Standard: s.Code, Rating: involve.RatingAmber, Links: []string{}})
		}
		a.ID = ruleID()
		return a
	}
	forbidden := func(what string, r syncapi.Result) {
		t.Helper()
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN ||
			!strings.Contains(r.Reason, "Only a lead laptop may rate the team against the UK Standards") {
			t.Errorf("%s: %+v, want rejected forbidden (only a lead)", what, r)
		}
	}
	forbidden("staff assesses", staff.Push(staff.Change(involve.EntityStandardsAssessment, newAssessment(), 0))[0])
	forbidden("capture assesses", capture.Push(capture.Change(involve.EntityStandardsAssessment, newAssessment(), 0))[0])

	a := newAssessment()
	r := lead.Push(lead.Change(involve.EntityStandardsAssessment, a, 0))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("lead assesses: %+v", r)
	}
	edit := *a
	edit.Ratings = append([]involve.StandardRating(nil), a.Ratings...)
	edit.Ratings[0].Rating = involve.RatingGreen
	forbidden("staff edits the lead's assessment", staff.Push(staff.Change(involve.EntityStandardsAssessment, &edit, r.Rev))[0])
	bad := newAssessment()
	bad.Ratings[0].Links = []string{"javascript:alert(1)"}
	if r := lead.Push(lead.Change(involve.EntityStandardsAssessment, bad, 0))[0]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID {
		t.Errorf("a link that is not a web address: %+v, want rejected invalid", r)
	}

	for _, d := range []*Device{staff, capture, lead} {
		var pulled involve.StandardsAssessment
		if err := json.Unmarshal(d.PullAll()[a.ID].State, &pulled); err != nil || len(pulled.Ratings) != 6 ||
			pulled.Ratings[0].Rating != involve.RatingAmber {
			t.Errorf("%s pulls the assessment: %+v (%v)", d.Name, pulled, err)
		}
	}
}

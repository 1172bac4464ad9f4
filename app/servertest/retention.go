package servertest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testRolesRetention: only a lead laptop changes the retention schedule or keeps a
// record past it. A staff or capture laptop's new rule, edit or deletion of the lead's
// rule, and a staff laptop's hold are refused (EFORBIDDEN); every role pulls the
// schedule, and a hold (its reason sealed) goes to staff and leads only.
func testRolesRetention(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	staff, lead, capture := e.Enrol(tm.ID), e.EnrolAs(tm.ID, involve.RoleNameLead), e.EnrolAs(tm.ID, involve.RoleNameCapture)

	newRule := func() *involve.RetentionRule {
		r := &involve.RetentionRule{RecordKind: involve.RetainAttendee, Period: 2, Unit: involve.UnitYears,
			Anchor: involve.AnchorSession, SetBy: "Sam", SetAt: "2026-12-01T09:00:00Z"}
		r.ID = ruleID()
		return r
	}
	forbidden := func(what string, r syncapi.Result) {
		t.Helper()
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "Only a lead laptop may change how long records are kept") {
			t.Errorf("%s: %+v, want rejected forbidden (only a lead)", what, r)
		}
	}
	forbidden("staff makes a rule", staff.Push(staff.Change(involve.EntityRetentionRule, newRule(), 0))[0])
	forbidden("capture makes a rule", capture.Push(capture.Change(involve.EntityRetentionRule, newRule(), 0))[0])

	rule := newRule()
	r := lead.Push(lead.Change(involve.EntityRetentionRule, rule, 0))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("lead makes a rule: %+v", r)
	}
	edit := *rule
	edit.Period = 1
	forbidden("staff edits the lead's rule", staff.Push(staff.Change(involve.EntityRetentionRule, &edit, r.Rev))[0])
	gone := *rule
	gone.DeletedAt = "2026-12-02T09:00:00.000Z"
	forbidden("staff deletes the lead's rule", staff.Push(staff.Change(involve.EntityRetentionRule, &gone, r.Rev))[0])

	hold := &involve.RetentionHold{RecordEntity: involve.EntityProject, RecordID: ruleID(), RecordKind: involve.RetainDeleted,
		Until: "2030-01-01", Reason: "Zorbicreason: an open complaint", SetBy: "Sam"}
	hold.ID = ruleID()
	forbidden("staff keeps a record", staff.Push(staff.Change(involve.EntityRetentionHold, hold, 0))[0])
	if r := lead.Push(lead.Change(involve.EntityRetentionHold, hold, 0))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("lead keeps a record: %+v", r)
	}

	// The hold's reason is a sealed field, checked like partners' details: a plain
	// reason, and a sealed hold that is invalid once opened, are refused.
	plain := *hold
	plain.ID, plain.Reason = ruleID(), "Riley Plainreason"
	if r := lead.Push(lead.plainChange(involve.EntityRetentionHold, &plain, 0))[0]; r.Status != syncapi.StatusRejected ||
		r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "must be sealed") {
		t.Errorf("a hold with its reason in plain text: %+v, want rejected invalid: must be sealed", r)
	}
	invalid := *hold
	invalid.ID, invalid.Until = ruleID(), "2030-02-30"
	if r := lead.Push(lead.Change(involve.EntityRetentionHold, &invalid, 0))[0]; r.Status != syncapi.StatusRejected ||
		r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "real date") {
		t.Errorf("a sealed hold with an impossible date: %+v, want rejected invalid", r)
	}
	badRule := newRule()
	badRule.Anchor = involve.AnchorDeletion // not a date attendee profiles count from
	if r := lead.Push(lead.Change(involve.EntityRetentionRule, badRule, 0))[0]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID {
		t.Errorf("a rule counted from a date its kind does not have: %+v, want rejected invalid", r)
	}

	// Every role holds the lead's rule unchanged; capture laptops never see a hold.
	for _, d := range []*Device{staff, capture, lead} {
		got := d.PullAll()
		var pulled involve.RetentionRule
		if err := json.Unmarshal(got[rule.ID].State, &pulled); err != nil || pulled.Period != 2 || pulled.DeletedAt != "" {
			t.Errorf("%s pulls the rule: %+v (%v)", d.Name, pulled, err)
		}
		_, held := got[hold.ID]
		if held == (d == capture) {
			t.Errorf("%s holds the hold: %v", d.Name, held)
		}
		if held && strings.Contains(string(got[hold.ID].State), "Zorbicreason") {
			t.Errorf("%s pulled the hold's reason in plain text", d.Name)
		}
	}
}

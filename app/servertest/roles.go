package servertest

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Device roles (app/server/roles.go): what each role is sent, may push and may do.

// roleData pushes, from a staff laptop, one record of each identifiable kind, a
// feedback item, and a same-field conflict on a contributor and on the feedback item
// (the second staff laptop edits both). It returns the records' ids by name.
func roleData(t *testing.T, a, b *Device) map[string]string {
	t.Helper()
	c, card := ruleContributor(ruleID()), ruleID()
	entry := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	fb := NewFeedback("Clinic signs were hard to read")
	changes := []syncapi.Change{a.Change(involve.EntityContributor, c, 0), a.Change(involve.EntityConsent, ruleConsent(ruleID(), c.ID), 0),
		a.Change(involve.EntityRateCard, ruleCard(card, 2000, "2026-01-01", ""), 0), a.Change(involve.EntityTimeEntry, entry, 0),
		a.Change(involve.EntityFeedback, fb, 0)}
	res := a.Push(changes...)
	wantStatuses(t, "staff push", res, []string{applied, applied, applied, applied, applied}, "")
	c1, c2 := *c, *c
	c1.Name, c2.Name = "Riley Edited", "Riley Other"
	f1, f2 := *fb, *fb
	f1.Text, f2.Text = "Edited on A", "Edited on B"
	a.Push(a.Change(involve.EntityContributor, &c1, res[0].Rev), a.Change(involve.EntityFeedback, &f1, res[4].Rev))
	got := b.Push(b.Change(involve.EntityContributor, &c2, res[0].Rev), b.Change(involve.EntityFeedback, &f2, res[4].Rev))
	if len(got[0].Conflicts) != 1 || len(got[1].Conflicts) != 1 {
		t.Fatalf("the concurrent edits made no conflicts: %+v", got)
	}
	return map[string]string{"contributor": c.ID, "entry": entry.ID, "feedback": fb.ID,
		"contributor conflict": got[0].Conflicts[0], "feedback conflict": got[1].Conflicts[0]}
}

// testRolesPull: a capture laptop is sent no identifiable record and no conflict
// about one, page by page too (a page may then be empty and still say more), and is
// told its role; staff laptops are sent everything.
func testRolesPull(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	ids := roleData(t, a, b)
	capture := e.EnrolAs(tm.ID, involve.RoleNameCapture)

	staff := b.PullAll()
	for name, id := range ids {
		if _, ok := staff[id]; !ok {
			t.Errorf("staff pull lacks the %s", name)
		}
	}
	if p := b.Pull("", 0); p.Role != involve.RoleNameStaff {
		t.Errorf("staff pull page says role %q", p.Role)
	}

	for _, limit := range []int{0, 1} {
		cursor, pages, empty := "", 0, 0
		got := map[string]syncapi.PulledChange{}
		for ; pages < 100; pages++ {
			p := capture.Pull(cursor, limit)
			if p.Role != involve.RoleNameCapture {
				t.Fatalf("capture pull page says role %q", p.Role)
			}
			if len(p.Changes) == 0 && p.More {
				empty++
			}
			for _, c := range p.Changes {
				got[c.RecordID] = c
			}
			if p.More && p.Cursor == cursor {
				t.Fatalf("limit %d: the cursor did not move past records the role may not hold (%s)", limit, cursor)
			}
			cursor = p.Cursor
			if !p.More {
				break
			}
		}
		for _, c := range got {
			of := ""
			if c.Entity == involve.EntityConflict {
				var cf involve.Conflict
				json.Unmarshal(c.State, &cf)
				of = cf.Entity
			}
			if !involve.MayHold(involve.RoleCapture, c.Entity, of) {
				t.Errorf("limit %d: capture laptop was sent a %s %s (of %q)", limit, c.Entity, c.RecordID, of)
			}
			if strings.Contains(string(c.State), "Riley") {
				t.Errorf("limit %d: capture laptop was sent a partner's name: %s", limit, c.State)
			}
		}
		for _, name := range []string{"feedback", "feedback conflict"} {
			if _, ok := got[ids[name]]; !ok {
				t.Errorf("limit %d: capture pull lacks the %s", limit, name)
			}
		}
		if limit == 1 && empty == 0 {
			t.Errorf("paging one record at a time made no empty page with more: the filter was not exercised")
		}
		if staffCursor := b.Pull("", 0).Cursor; cursor != staffCursor {
			t.Errorf("limit %d: capture pull ended at cursor %s, staff at %s", limit, cursor, staffCursor)
		}
	}
	for _, a := range auditOf(t, e.Store, tm.ID, "pull.identifiable") {
		if a.DeviceID == capture.ID {
			t.Errorf("a capture pull was audited as sending identifiable records: %+v", a)
		}
	}
}

// testRolesPush: a capture laptop's change of an identifiable record, or of a conflict
// about one (whatever its state says it is about), is refused and nothing is stored;
// its feedback is taken.
func testRolesPush(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	ids := roleData(t, a, b)
	capture := e.EnrolAs(tm.ID, involve.RoleNameCapture)

	c := ruleContributor(ruleID())
	res := capture.Push(capture.Change(involve.EntityContributor, c, 0), capture.Change(involve.EntityConsent, ruleConsent(ruleID(), c.ID), 0),
		capture.Change(involve.EntityFeedback, NewFeedback("Taken at the stall"), 0))
	for i, r := range res[:2] {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "enrolled for capture") ||
			!strings.Contains(r.Reason, "Lived Experience Partners") {
			t.Errorf("capture push of an identifiable record %d: %+v, want rejected forbidden with the reason", i, r)
		}
	}
	if res[2].Status != syncapi.StatusApplied {
		t.Errorf("capture push of feedback: %+v", res[2])
	}
	if _, ok := b.PullAll()[c.ID]; ok {
		t.Error("the contributor a capture laptop pushed was stored")
	}

	// The role's refusal is the first answer, whatever the state holds: a capture
	// laptop is told it may not send partners' details, never how its state is
	// wrong (plain values where sealed ones belong, an invalid or unreadable state).
	plainC := ruleContributor(ruleID())
	plainK := ruleConsent(ruleID(), plainC.ID)
	plainK.GivenBy = "Riley Plain"
	invalid := ruleContributor(ruleID())
	invalid.PaymentPreference = "gold bars"
	unreadable := capture.Change(involve.EntityContributor, ruleContributor(ruleID()), 0)
	unreadable.State = json.RawMessage(`{"id":` + strconv.Quote(unreadable.RecordID) + `,"name":42,"notAField":true}`)
	crafted := []syncapi.Change{capture.plainChange(involve.EntityContributor, plainC, 0), capture.plainChange(involve.EntityConsent, plainK, 0),
		capture.Change(involve.EntityContributor, invalid, 0), unreadable}
	for i, r := range capture.Push(crafted...) {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "enrolled for capture") {
			t.Errorf("capture push of a crafted identifiable record %d: %+v, want rejected forbidden (the role first)", i, r)
		}
	}
	// Refused, not remembered: the same change from a staff laptop of the team
	// would be judged on its own (here: its plain value is refused as plain).
	if r := a.Push(crafted[0])[0]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "must be sealed") {
		t.Errorf("a staff laptop's push of a plain contributor: %+v, want rejected invalid: must be sealed", r)
	}

	// Resolving the conflict about a partner, even saying it is about feedback.
	staff := b.PullAll()
	var cf involve.Conflict
	if err := json.Unmarshal(staff[ids["contributor conflict"]].State, &cf); err != nil {
		t.Fatal(err)
	}
	rev := staff[ids["contributor conflict"]].Rev
	cf.Status, cf.Resolution = involve.ConflictResolved, involve.ResolutionKept
	honest := capture.Change(involve.EntityConflict, &cf, rev)
	cf.Entity = involve.EntityFeedback
	forged := capture.Change(involve.EntityConflict, &cf, rev)
	for i, r := range capture.Push(honest, forged) {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || len(r.State) != 0 {
			t.Errorf("capture push of the partner's conflict (%d): %+v, want rejected forbidden, no state", i, r)
		}
	}
	if got := b.PullAll()[ids["contributor conflict"]]; got.Rev != rev {
		t.Errorf("the partner's conflict changed after refused pushes: rev %d, was %d", got.Rev, rev)
	}
}

// testRolesPayments: only a lead laptop approves a time entry or marks it paid; a
// staff laptop may still edit an approved entry's other fields, from the approved
// state or from an older one (the merge keeps the approval), but may not set or
// clear the dates.
func testRolesPayments(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	staff, lead := e.Enrol(tm.ID), e.EnrolAs(tm.ID, involve.RoleNameLead)
	c, card := ruleContributor(ruleID()), ruleID()
	entry := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	entry.ClaimedOn = "2026-03-03"
	res := staff.Push(staff.Change(involve.EntityContributor, c, 0), staff.Change(involve.EntityConsent, ruleConsent(ruleID(), c.ID), 0),
		staff.Change(involve.EntityRateCard, ruleCard(card, 2000, "2026-01-01", ""), 0), staff.Change(involve.EntityTimeEntry, entry, 0))
	wantStatuses(t, "setup", res, []string{applied, applied, applied, applied}, "")
	claimed := res[3].Rev

	forbidden := func(what string, r syncapi.Result) {
		t.Helper()
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "Only a lead laptop may approve") {
			t.Errorf("%s: %+v, want rejected forbidden (only a lead approves)", what, r)
		}
	}
	approved := *entry
	approved.ApprovedOn = "2026-03-04"
	forbidden("staff approves", staff.Push(staff.Change(involve.EntityTimeEntry, &approved, claimed))[0])
	fresh := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	fresh.ClaimedOn, fresh.ApprovedOn = "2026-03-03", "2026-03-04"
	forbidden("staff pushes a new entry approved", staff.Push(staff.Change(involve.EntityTimeEntry, fresh, 0))[0])

	r := lead.Push(lead.Change(involve.EntityTimeEntry, &approved, claimed))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("lead approves: %+v", r)
	}
	approvedRev := r.Rev

	// Staff edit other fields: from the approved state, and from the older one.
	edit := approved
	edit.Task = "Reading group and write-up"
	if r := staff.Push(staff.Change(involve.EntityTimeEntry, &edit, approvedRev))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("staff edits an approved entry's task: %+v", r)
	}
	stale := *entry
	stale.ExpensesPence, stale.ReceiptRef = 350, "R-17"
	r = staff.Push(staff.Change(involve.EntityTimeEntry, &stale, claimed))[0]
	if r.Status != syncapi.StatusMerged {
		t.Fatalf("staff edit from before the approval: %+v, want merged", r)
	}
	var merged involve.TimeEntry
	json.Unmarshal(r.State, &merged)
	if merged.ApprovedOn != "2026-03-04" || merged.ExpensesPence != 350 || merged.Task != edit.Task {
		t.Errorf("merged entry: approved %q, expenses %d, task %q; want the approval kept and both edits", merged.ApprovedOn, merged.ExpensesPence, merged.Task)
	}
	cur := r.Rev

	unapprove := merged
	unapprove.ApprovedOn = ""
	forbidden("staff clears the approval", staff.Push(staff.Change(involve.EntityTimeEntry, &unapprove, cur))[0])
	paid := merged
	paid.PaidOn = "2026-03-10"
	forbidden("staff marks paid", staff.Push(staff.Change(involve.EntityTimeEntry, &paid, cur))[0])
	if r := lead.Push(lead.Change(involve.EntityTimeEntry, &paid, cur))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("lead marks paid: %+v", r)
	}
	if got := staff.PullAll()[entry.ID]; !strings.Contains(string(got.State), `"paidOn":"2026-03-10"`) ||
		!strings.Contains(string(got.State), `"approvedOn":"2026-03-04"`) {
		t.Errorf("stored entry after the lead's payment: %s", got.State)
	}
}

// testRolesReports: the team's reports are a lead's to download.
func testRolesReports(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	for _, role := range []string{involve.RoleNameCapture, involve.RoleNameStaff} {
		d := e.EnrolAs(tm.ID, role)
		for _, file := range []string{"summary.xlsx", "feedback.csv", "board-pack.pdf", "board-pack.docx"} {
			r := e.Do("GET", "/v1/reports/"+file, d.Token, nil)
			if r.Status != 403 || r.Error().Code != syncapi.EFORBIDDEN || !strings.Contains(r.Error().Message, "Only a lead laptop") {
				t.Errorf("%s laptop downloads %s: %d %s, want 403 forbidden", role, file, r.Status, r.Body)
			}
		}
	}
	lead := e.EnrolAs(tm.ID, involve.RoleNameLead)
	if r := e.Do("GET", "/v1/reports/feedback.csv", lead.Token, nil); r.Status != 200 {
		t.Errorf("lead laptop downloads a report: %d %s", r.Status, r.Body)
	}
}

// testRolesSetRole: a role changed on the server applies from the device's next
// request: its pull page and devices/me say the new role, and the filter follows it.
func testRolesSetRole(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	ids := roleData(t, a, b)
	var me syncapi.DeviceInfo
	e.MustJSON("GET", "/v1/devices/me", b.Token, nil, 200, &me)
	if me.Role != involve.RoleNameStaff {
		t.Errorf("devices/me role = %q, want staff", me.Role)
	}
	pulled := b.PullAll()[ids["contributor"]]
	var c involve.Contributor
	if err := json.Unmarshal(pulled.State, &c); err != nil {
		t.Fatal(err)
	}
	c.Name = "Riley Renamed"
	rename := b.Change(involve.EntityContributor, &c, pulled.Rev)
	if r := b.Push(rename)[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("staff renames a partner: %+v", r)
	}
	if old, err := e.Store.SetDeviceRole(context.Background(), b.ID, involve.RoleNameCapture); err != nil || old != involve.RoleNameStaff {
		t.Fatalf("SetDeviceRole = %q, %v", old, err)
	}
	// The change sent again once lowered: refused, not "duplicate" with its result.
	if r := b.Push(rename)[0]; r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || len(r.State) != 0 {
		t.Errorf("a partner's change sent again after the laptop was lowered to capture: %+v, want rejected forbidden", r)
	}
	p := b.Pull("", 0)
	if p.Role != involve.RoleNameCapture {
		t.Errorf("pull after set-role says role %q, want capture", p.Role)
	}
	for _, c := range p.Changes {
		if c.RecordID == ids["contributor"] || c.RecordID == ids["entry"] || c.RecordID == ids["contributor conflict"] {
			t.Errorf("a laptop lowered to capture was sent a %s", c.Entity)
		}
	}
	e.MustJSON("GET", "/v1/devices/me", b.Token, nil, 200, &me)
	if me.Role != involve.RoleNameCapture {
		t.Errorf("devices/me role after set-role = %q, want capture", me.Role)
	}
	if _, err := e.Store.SetDeviceRole(context.Background(), b.ID, involve.RoleNameLead); err != nil {
		t.Fatal(err)
	}
	if r := e.Do("GET", "/v1/reports/feedback.csv", b.Token, nil); r.Status != 200 {
		t.Errorf("report after raising the laptop to lead: %d %s", r.Status, r.Body)
	}
	if p := b.Pull("", 0); p.Role != involve.RoleNameLead || len(p.Changes) != len(b.PullAll()) {
		t.Errorf("pull after raising to lead: role %q, %d changes", p.Role, len(p.Changes))
	}
}

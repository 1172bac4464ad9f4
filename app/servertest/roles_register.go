package servertest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// The register of information-rights requests (involve.EntityPrivacyRequest) is held
// by lead devices only (involve.LeadOnly): the server sends it, and conflicts about
// it, to leads alone, refuses it from staff and capture devices, and checks its sealed
// fields like a partner's.

// registerEntry is a new entry of the register naming who asked in free text.
func registerEntry(requester string) *involve.PrivacyRequest {
	r := &involve.PrivacyRequest{RequestType: involve.RequestErasure, ReceivedOn: "2026-01-31", ReceivedVia: "letter", Requester: requester}
	r.ID = ruleID()
	return r
}

// testRolesRegister: leads push and pull the register; staff and capture laptops are
// never sent an entry or a conflict about one, and their pushes of one, new or an
// edit, are refused and change nothing; a plain (unsealed) entry is refused.
func testRolesRegister(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	lead, lead2 := e.EnrolAs(tm.ID, involve.RoleNameLead), e.EnrolAs(tm.ID, involve.RoleNameLead)
	staff, capture := e.EnrolAs(tm.ID, involve.RoleNameStaff), e.EnrolAs(tm.ID, involve.RoleNameCapture)

	r := registerEntry("Zorbicrequester Carer")
	res := lead.Push(lead.Change(involve.EntityPrivacyRequest, r, 0))
	wantStatuses(t, "lead pushes an entry", res, []string{applied}, "")
	// The same field edited on two leads: a conflict about the entry.
	r1, r2 := *r, *r
	r1.ReceivedVia, r2.ReceivedVia = "email", "phone"
	lead.Push(lead.Change(involve.EntityPrivacyRequest, &r1, res[0].Rev))
	got := lead2.Push(lead2.Change(involve.EntityPrivacyRequest, &r2, res[0].Rev))
	if len(got[0].Conflicts) != 1 {
		t.Fatalf("two leads' edits of one field made no conflict: %+v", got)
	}
	conflictID := got[0].Conflicts[0]

	pulled := lead2.PullAll()
	if _, ok := pulled[conflictID]; !ok {
		t.Error("a lead was not sent the conflict about an entry of the register")
	}
	c, ok := pulled[r.ID]
	if !ok {
		t.Fatal("a lead was not sent the register")
	}
	if strings.Contains(string(c.State), "Zorbicrequester") {
		t.Errorf("the entry was sent with who asked in plain text: %s", c.State)
	}
	if open := OpenState(t, e.TeamKey(tm.ID), involve.EntityPrivacyRequest, c.State).(*involve.PrivacyRequest); open.Requester != "Zorbicrequester Carer" {
		t.Errorf("the entry opens to %+v", open)
	}

	for _, dv := range []struct {
		role string
		d    *Device
	}{{"staff", staff}, {"capture", capture}} {
		d := dv.d
		for id, pc := range d.PullAll() {
			if id == r.ID || id == conflictID || pc.Entity == involve.EntityPrivacyRequest {
				t.Errorf("a %s laptop was sent a %s %s", dv.role, pc.Entity, id)
			}
			if strings.Contains(string(pc.State), `"entity":"privacy_request"`) {
				t.Errorf("a %s laptop was sent a conflict about the register: %s", dv.role, pc.State)
			}
		}
		edit := r1
		edit.Requester = "Someone else"
		fresh := registerEntry("A new asker")
		var cf involve.Conflict
		if err := json.Unmarshal(pulled[conflictID].State, &cf); err != nil {
			t.Fatal(err)
		}
		cf.Status, cf.Resolution = involve.ConflictResolved, involve.ResolutionKept
		for i, r := range d.Push(d.Change(involve.EntityPrivacyRequest, fresh, 0), d.Change(involve.EntityPrivacyRequest, &edit, c.Rev),
			d.Change(involve.EntityConflict, &cf, pulled[conflictID].Rev)) {
			if r.Status != syncapi.StatusRejected || r.Code != syncapi.EFORBIDDEN || len(r.State) != 0 ||
				!strings.Contains(r.Reason, "only a lead laptop keeps the register of requests") {
				t.Errorf("%s laptop pushes an entry of the register (%d): %+v, want rejected forbidden", dv.role, i, r)
			}
		}
		if _, ok := lead.PullAll()[fresh.ID]; ok {
			t.Errorf("the entry a %s laptop pushed was stored", dv.role)
		}
	}
	after := lead.PullAll()
	if after[r.ID].Rev != c.Rev || after[conflictID].Rev != pulled[conflictID].Rev {
		t.Errorf("refused pushes changed the register: rev %d (was %d), conflict rev %d (was %d)",
			after[r.ID].Rev, c.Rev, after[conflictID].Rev, pulled[conflictID].Rev)
	}

	// Who asked must come sealed, as a partner's name does.
	plain := registerEntry("Plainly Named")
	if r := lead.Push(lead.plainChange(involve.EntityPrivacyRequest, plain, 0))[0]; r.Status != syncapi.StatusRejected ||
		r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "requester must be sealed") {
		t.Errorf("a lead pushes an entry with who asked in plain text: %+v, want rejected: must be sealed", r)
	}
	// And valid: the server checks the entry's own rules once opened.
	bad := registerEntry("A carer")
	bad.ExtendedMonths = 3
	if r := lead.Push(lead.Change(involve.EntityPrivacyRequest, bad, 0))[0]; r.Status != syncapi.StatusRejected ||
		r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "Extension must be 0, 1 or 2 months") {
		t.Errorf("a lead pushes an entry extended by three months: %+v, want rejected invalid", r)
	}
}

package servertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// auditOf lists a team's audit entries with one action, oldest first.
func auditOf(t *testing.T, st serverstore.Store, teamID, action string) []serverstore.AuditEntry {
	t.Helper()
	all, err := st.ListAudit(context.Background(), teamID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []serverstore.AuditEntry
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Action == action {
			out = append(out, all[i])
		}
	}
	return out
}

// testAuditPull: a pull that sends identifiable records (contributors, consent, time
// entries, conflicts of those) is audited once per request, in the team, with the
// client's address and the count of each kind; a pull of other records is not.
func testAuditPull(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	a.Push(a.Change("feedback", NewFeedback("one"), 0), a.Change("feedback", NewFeedback("two"), 0))
	b.PullAll()
	if got := auditOf(t, e.Store, tm.ID, "pull.identifiable"); len(got) != 0 {
		t.Fatalf("a pull of feedback only was audited: %+v", got)
	}

	contributor := &involve.Contributor{Name: "Alpha Secretname", Number: 1, LivedExperience: []string{}}
	contributor.ID = uuid.Must(uuid.NewV7()).String()
	consent := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: contributor.ID, Purposes: []string{"analysis", "payments"},
		LawfulBasis: "consent", NoticeVersion: "v1", Method: "verbal", GivenAt: "2026-01-02", GivenBy: "Themselves"}
	consent.ID = uuid.Must(uuid.NewV7()).String()
	fee := int64(4500)
	entry := &involve.TimeEntry{ContributorID: contributor.ID, SessionID: "0195f3a4-0000-7000-8000-000000000001", Date: "2026-03-01",
		Unit: "hour", MinutesAttend: 150, ClaimedOn: "2026-03-02", Route: "payroll",
		FeeOverridePence: &fee, OverrideReason: "Agreed flat fee"} // no rate card: the server's rules want a reason
	entry.ID = uuid.Must(uuid.NewV7()).String()
	changes := []syncapi.Change{a.Change(involve.EntityContributor, contributor, 0), a.Change(involve.EntityConsent, consent, 0),
		a.Change(involve.EntityTimeEntry, entry, 0), a.Change("feedback", NewFeedback("three"), 0)}
	res := a.Push(changes...)
	for i, r := range res {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push of %s: %+v", changes[i].Entity, r)
		}
	}
	// The same field edited on both laptops: a conflict record carrying a name.
	c1, c2 := *contributor, *contributor
	c1.Name, c2.Name = "Alpha Edited", "Alpha Other"
	a.Push(a.Change(involve.EntityContributor, &c1, res[0].Rev))
	b.Push(b.Change(involve.EntityContributor, &c2, res[0].Rev))

	page := b.Pull("", 0) // one page: everything
	got := auditOf(t, e.Store, tm.ID, "pull.identifiable")
	if len(got) != 1 {
		t.Fatalf("%d pull audit entries for one pull, want 1: %+v", len(got), got)
	}
	want := "4 identifiable records sent to 127.0.0.1: contributor 1, consent 1, time_entry 1, conflict of contributor 1"
	if got[0].Detail != want || got[0].DeviceID != b.ID || got[0].TeamID != tm.ID {
		t.Errorf("pull audit entry = %+v\nwant detail %q, device %s", got[0], want, b.ID)
	}
	if strings.Contains(got[0].Detail, "feedback") || strings.Contains(got[0].Detail, "Secretname") {
		t.Errorf("pull audit entry %q names other records or their content", got[0].Detail)
	}

	// A page of two records at a time: an entry for each page that holds one.
	personal := 0
	for cursor := ""; ; {
		p := b.Pull(cursor, 2)
		for _, c := range p.Changes {
			if k, _ := involve.KindOf(c.Entity); k.Personal || c.Entity == involve.EntityConflict {
				personal++
				break
			}
		}
		cursor = p.Cursor
		if !p.More {
			break
		}
	}
	if got := auditOf(t, e.Store, tm.ID, "pull.identifiable"); len(got) != 1+personal {
		t.Errorf("%d pull audit entries after paging, want %d (one per page with identifiable records)", len(got), 1+personal)
	}
	// Nothing new: nothing sent, nothing audited.
	b.Pull(page.Cursor, 0)
	if got := auditOf(t, e.Store, tm.ID, "pull.identifiable"); len(got) != 1+personal {
		t.Errorf("an empty pull was audited: %d entries", len(got))
	}
}

// testAuthFailuresAudited: failed authentications are audited with the client's
// address, one entry per address and kind with the number of attempts, not one per
// request: in the server's own entries, or the laptop's team for a revoked laptop.
func testAuthFailuresAudited(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	// 15 + 3 + 2 requests without a valid token: the burst one address may make
	// (authlimit.go) before it is answered 429 unchecked.
	for range 15 {
		wantError(t, e.Do("GET", "/v1/sync/pull", "inv1_guessed", nil), 401, syncapi.EUNAUTH)
	}
	for range 3 {
		wantError(t, e.Do("POST", "/v1/sync/push", "", syncapi.PushRequest{}), 401, syncapi.EUNAUTH)
	}
	for range 4 {
		body := syncapi.EnrolRequest{Code: "AAAA-BBBB-CCCC", DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "x"}
		wantError(t, e.Do("POST", "/v1/enrol", "", body), 401, syncapi.EUNAUTH)
	}
	if err := e.Store.RevokeDevice(context.Background(), d.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		wantError(t, e.Do("GET", "/v1/sync/pull", d.Token, nil), 401, syncapi.EUNAUTH)
	}
	if got := auditOf(t, e.Store, serverstore.ServerTeam, "auth.failed"); len(got) != 0 {
		t.Fatalf("failed authentications written one by one: %+v", got)
	}
	e.API.FlushAudit()
	server := auditOf(t, e.Store, serverstore.ServerTeam, "auth.failed")
	var details []string
	for _, a := range server {
		details = append(details, a.Detail)
	}
	at := "at " + e.Clock.Now().Format("2006-01-02T15:04:05Z07:00")
	want := []string{ // all at the same time: by kind
		"4 attempts from 127.0.0.1 " + at + ": enrolment code not valid",
		"3 attempts from 127.0.0.1 " + at + ": no token",
		"15 attempts from 127.0.0.1 " + at + ": unknown token",
	}
	if fmt.Sprint(details) != fmt.Sprint(want) {
		t.Errorf("server audit entries:\n%q\nwant\n%q", details, want)
	}
	team := auditOf(t, e.Store, d.Team.ID, "auth.failed")
	if len(team) != 1 || team[0].DeviceID != d.ID || team[0].Detail != "2 attempts from 127.0.0.1 "+at+": revoked device" {
		t.Errorf("team audit entries %+v, want one for the revoked laptop", team)
	}
	// A flush with nothing counted writes nothing; a later window is counted afresh,
	// and attempts refused unchecked because the address used its allowance count too.
	e.API.FlushAudit()
	wantError(t, e.Do("GET", "/v1/sync/pull", "inv1_guessed", nil), 429, syncapi.ERATELIMITED)
	e.API.FlushAudit()
	if got := auditOf(t, e.Store, serverstore.ServerTeam, "auth.failed"); len(got) != 4 ||
		got[3].Detail != "1 attempt from 127.0.0.1 "+at+": too many failed attempts (refused unchecked)" {
		t.Errorf("after another window: %+v", got)
	}
}

package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

func tdim(basis string, counts map[string]int) *involve.TallyDim {
	return &involve.TallyDim{Basis: basis, Counts: counts}
}

// ackAll answers every waiting change as the server would when it applied it.
func ackAll(t *testing.T, db *store.DB) {
	t.Helper()
	p := pending(t, db)
	results := make([]syncapi.Result, len(p))
	for i, e := range p {
		results[i] = syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusApplied, Rev: e.Rev}
	}
	if _, err := syncer.ApplyPushResults(context.Background(), db, p, results); err != nil {
		t.Fatal(err)
	}
}

func TestSaveTally(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-03-01", Type: "outreach_stall", Attendees: 10})
	if err != nil {
		t.Fatal(err)
	}
	id := involve.TallyIDFor(s.ID)

	t.Run("ErrSessionMissing", func(t *testing.T) {
		if _, err := db.SaveTally(ctx, newID(), involve.Tally{}, involve.Tally{AgeBand: tdim("", map[string]int{"18_24": 1})}); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if _, err := db.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{Sex: tdim("", map[string]int{"female": -1})}); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("got %v", err)
		}
	})

	// first save creates the tally under the session's derived id, with a warning
	first, err := db.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{FormsReturned: 2, AgeBand: tdim("", map[string]int{"18_24": 4, "25_34": 4})})
	if err != nil {
		t.Fatal(err)
	}
	if first.Tally.ID != id || first.SavedAt == "" || first.Tally.AgeBand.Basis != involve.BasisSelfReported {
		t.Fatalf("first save %+v", first)
	}
	if len(first.Warnings) != 1 || first.Warnings[0].Field != "ageBand" {
		t.Fatalf("warnings %+v", first.Warnings)
	}
	if p := pending(t, db); p[len(p)-1].Entity != involve.EntityTally || p[len(p)-1].RecordID != id {
		t.Fatalf("outbox %+v", p[len(p)-1])
	}

	// pushed; then another laptop's count of sex arrives by sync while the screen is open
	ackAll(t, db)
	remote := first.Tally
	remote.Sex = tdim(involve.BasisEstimated, map[string]int{"female": 6, "male": 4})
	remote.DeviceID, remote.Rev = "other-laptop", first.Tally.Rev+1_000_000
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{{Seq: 1, Entity: involve.EntityTally, RecordID: id,
		Rev: remote.Rev, State: serverState(t, &remote, remote.Rev)}}, "1"); err != nil {
		t.Fatal(err)
	}
	// the screen (which never saw it) saves its next age count: the pulled sex count stays
	edited := first.Tally
	edited.AgeBand = tdim(involve.BasisSelfReported, map[string]int{"18_24": 4, "25_34": 6})
	second, err := db.SaveTally(ctx, s.ID, first.Tally, edited)
	if err != nil {
		t.Fatal(err)
	}
	if second.Tally.Sex.Sum() != 10 || second.Tally.AgeBand.Sum() != 10 || second.Tally.FormsReturned != 2 {
		t.Fatalf("second save %+v", second.Tally)
	}
	if len(second.Warnings) != 0 {
		t.Fatalf("warnings %+v", second.Warnings)
	}

	// profiles, and the screen's view
	p1, err := db.CreateAttendee(ctx, involve.Attendee{Meta: involve.Meta{ID: "chosen-by-caller"}, SessionID: s.ID, Ethnicity: "african", IMDDecile: "1"})
	if err != nil || p1.ID == "chosen-by-caller" || p1.ID == "" {
		t.Fatalf("profile %+v %v", p1, err)
	}
	if _, err := db.CreateAttendee(ctx, involve.Attendee{SessionID: s.ID, Sex: "robot"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("bad profile: %v", err)
	}
	p2, err := db.CreateAttendee(ctx, involve.Attendee{SessionID: s.ID, Ethnicity: "white_british"})
	if err != nil {
		t.Fatal(err)
	}
	edit := p2
	edit.IMDDecile = "9"
	if p2, err = db.UpdateAttendee(ctx, p2.ID, p2, edit); err != nil || p2.IMDDecile != "9" || p2.Ethnicity != "white_british" {
		t.Fatalf("update %+v %v", p2, err)
	}
	sr, err := db.FindSessionReach(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sr.Attendees != 10 || sr.Tally.ID != id || len(sr.Profiles) != 2 || len(sr.Questions) == 0 {
		t.Fatalf("session reach %+v", sr)
	}
	// 10 + 2 profiles = 12 of 10 attendees, for age and sex
	if len(sr.Warnings) != 2 || sr.Reach.EthnicMinority != (involve.Share{Num: 1, Den: 2}) || sr.Reach.Core20 != (involve.Share{Num: 1, Den: 2}) {
		t.Fatalf("warnings %+v reach %+v", sr.Warnings, sr.Reach)
	}
	if err := db.DeleteDoc(ctx, involve.EntityAttendee, p1.ID); err != nil {
		t.Fatal(err)
	}
	if sr, _ = db.FindSessionReach(ctx, s.ID); len(sr.Profiles) != 1 {
		t.Fatalf("deleted profile listed: %+v", sr.Profiles)
	}

	// the total is changed from the tally screen alone
	if _, err := db.SetSessionAttendees(ctx, s.ID, 10, 11); err != nil {
		t.Fatal(err)
	}
	if sr, _ = db.FindSessionReach(ctx, s.ID); sr.Attendees != 11 || len(sr.Warnings) != 0 {
		t.Fatalf("after the total changed: %d %+v", sr.Attendees, sr.Warnings)
	}

	// a session with no tally yet
	s2, _ := db.CreateSession(ctx, involve.SessionInput{Title: "Other", Date: "2026-03-02", Type: "workshop"})
	if sr, err := db.FindSessionReach(ctx, s2.ID); err != nil || sr.Tally.ID != "" || sr.Tally.SessionID != s2.ID || len(sr.Warnings) != 0 {
		t.Fatalf("empty %+v %v", sr, err)
	}

	// a deleted tally comes back on the next save
	if err := db.DeleteDoc(ctx, involve.EntityTally, id); err != nil {
		t.Fatal(err)
	}
	third, err := db.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{Religion: tdim("", map[string]int{"none": 3})})
	if err != nil || third.Tally.Religion.Sum() != 3 || third.Tally.DeletedAt != "" {
		t.Fatalf("after delete %+v %v", third, err)
	}
	// …with the screen's counts only: the deleted tally's other counts stay deleted,
	// in the saved tally and in what the screen reads next.
	if bt := third.Tally; bt.AgeBand != nil || bt.Sex != nil || bt.FormsReturned != 0 {
		t.Fatalf("old counts came back after the delete: %+v", bt)
	}
	// a question the screen had and cleared is cleared in the store (an absent field is
	// a change, not "no change")
	cleared, err := db.SaveTally(ctx, s.ID, involve.Tally{Religion: tdim("", map[string]int{"none": 3})}, involve.Tally{})
	if err != nil || cleared.Tally.Religion != nil {
		t.Fatalf("clearing a question: %+v %v", cleared.Tally, err)
	}
	if _, err := db.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{Religion: tdim("", map[string]int{"none": 3})}); err != nil {
		t.Fatal(err)
	}
	if sr, _ := db.FindSessionReach(ctx, s.ID); sr.Tally.AgeBand != nil || sr.Tally.Sex != nil || sr.Tally.FormsReturned != 0 || sr.Tally.Religion.Sum() != 3 {
		t.Fatalf("screen after delete and save: %+v", sr.Tally)
	}
}

func TestReachOfFilter(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Maternity voices"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(date string, project string, attendees int, borough string) involve.Session {
		s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: project, Title: "S " + date, Date: date, Type: "workshop", Attendees: attendees, Borough: borough})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := mk("2026-01-10", p.ID, 10, "E09000022")
	b := mk("2026-02-10", p.ID, 5, "")
	c := mk("2026-02-20", "", 8, "E09000008")
	gone := mk("2026-02-21", p.ID, 50, "")
	save := func(s involve.Session, tl involve.Tally) {
		if _, err := db.SaveTally(ctx, s.ID, involve.Tally{}, tl); err != nil {
			t.Fatal(err)
		}
	}
	save(a, involve.Tally{Ethnicity: tdim("", map[string]int{"white_british": 5, "bangladeshi": 5}), IMDDecile: tdim("", map[string]int{"1": 2, "2": 2, "6": 4, "prefer_not_to_say": 2})})
	save(b, involve.Tally{Ethnicity: tdim(involve.BasisEstimated, map[string]int{"caribbean": 4})})
	save(c, involve.Tally{Ethnicity: tdim("", map[string]int{"white_british": 8})})
	save(gone, involve.Tally{Ethnicity: tdim("", map[string]int{"white_british": 50})})
	if _, err := db.CreateAttendee(ctx, involve.Attendee{SessionID: b.ID, Ethnicity: "irish", IMDDecile: "3", Borough: "E09000028"}); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSession(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}

	proj, err := db.Reach(ctx, report.Filter{ProjectID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	// a: 10; b: 5 (4 tallied + 1 profile); the deleted session is left out
	if proj.Sessions != 2 || proj.PeopleReached != 15 || proj.Profiles != 1 {
		t.Fatalf("project %+v", proj)
	}
	// stated ethnicity: 10 + 4 + 1 = 15; White British 5: 10 of 15 from ethnic minority groups
	if proj.EthnicMinority != (involve.Share{Num: 10, Den: 15}) {
		t.Fatalf("ethnic minority %+v", proj.EthnicMinority)
	}
	// IMD known: 8 tallied + 1 profile; deciles 1–2: 4
	if proj.Core20 != (involve.Share{Num: 4, Den: 9}) {
		t.Fatalf("core20 %+v", proj.Core20)
	}
	if len(proj.BoroughsCovered) != 2 || proj.BoroughsCovered[0].Label != "Lambeth" || proj.BoroughsCovered[1].Label != "Southwark" {
		t.Fatalf("boroughs %+v", proj.BoroughsCovered)
	}
	if eth := proj.Dimension("ethnicity"); eth.Estimated != 4 || eth.SelfReported != 11 || eth.Total != 15 {
		t.Fatalf("ethnicity %+v", eth)
	}

	period, err := db.Reach(ctx, report.Filter{From: "2026-02-01", To: "2026-02-28"})
	if err != nil {
		t.Fatal(err)
	}
	if period.Sessions != 2 || period.PeopleReached != 13 || period.EthnicMinority != (involve.Share{Num: 5, Den: 13}) {
		t.Fatalf("period %+v", period)
	}
	if _, err := db.Reach(ctx, report.Filter{From: "2026-02-31"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("bad filter: %v", err)
	}
}

// Two laptops tally the same session (the same derived id) on different questions:
// the server merges the two first saves field by field, with no conflict, and a
// laptop that pulls the merged tally has both.
func TestTallyTwoLaptopsMerge(t *testing.T) {
	ctx := context.Background()
	a, b := MustOpenDB(t), MustOpenDB(t)
	connect(t, a)
	connect(t, b)
	s := remoteSession("Market stall", 1000)
	for _, db := range []*store.DB{a, b} {
		if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", s, 1000, 1)}, "1"); err != nil {
			t.Fatal(err)
		}
	}
	ta, err := a.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{AgeBand: tdim("", map[string]int{"18_24": 3})})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := b.SaveTally(ctx, s.ID, involve.Tally{}, involve.Tally{Sex: tdim(involve.BasisEstimated, map[string]int{"female": 2, "male": 1})})
	if err != nil {
		t.Fatal(err)
	}
	if ta.Tally.ID != tb.Tally.ID {
		t.Fatalf("two ids for one session's tally: %s %s", ta.Tally.ID, tb.Tally.ID)
	}
	// A pushes first: applied. B's push of the same new record is concurrent (both
	// created it: no base) and the server merges it field by field, as syncapi.Merge.
	state := func(db *store.DB) (syncer.OutboxEntry, map[string]json.RawMessage) {
		p := pending(t, db)
		e := p[len(p)-1]
		if e.Entity != involve.EntityTally {
			t.Fatalf("outbox %+v", e)
		}
		m := map[string]json.RawMessage{}
		if err := json.Unmarshal(e.State, &m); err != nil {
			t.Fatal(err)
		}
		return e, m
	}
	ackAll(t, a)
	pa := ta.Tally
	paState, _ := json.Marshal(&pa)
	serverA := map[string]json.RawMessage{}
	json.Unmarshal(paState, &serverA)
	eb, sb := state(b)
	merged, conflicts := syncapi.Merge(nil, syncapi.Side{State: serverA, Rev: pa.Rev, DeviceID: pa.DeviceID},
		syncapi.Side{State: sb, Rev: eb.Rev, DeviceID: "b"})
	if len(conflicts) != 0 {
		t.Fatalf("conflicts %+v", conflicts)
	}
	rev := max(pa.Rev, eb.Rev) + 1
	merged["rev"], _ = json.Marshal(rev)
	merged["teamId"], _ = json.Marshal(teamID)
	body, _ := json.Marshal(merged)
	if _, err := syncer.ApplyPushResults(ctx, b, []syncer.OutboxEntry{eb}, []syncapi.Result{{ChangeID: eb.ChangeID, Status: syncapi.StatusMerged, Rev: rev, State: body}}); err != nil {
		t.Fatal(err)
	}
	// A pulls the merged tally
	if _, err := syncer.ApplyPullPage(ctx, a, []syncapi.PulledChange{{Seq: 2, Entity: involve.EntityTally, RecordID: ta.Tally.ID, Rev: rev, State: body}}, "2"); err != nil {
		t.Fatal(err)
	}
	for name, db := range map[string]*store.DB{"A": a, "B": b} {
		sr, err := db.FindSessionReach(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sr.Tally.AgeBand.Sum() != 3 || sr.Tally.Sex.Sum() != 3 || sr.Tally.Sex.Basis != involve.BasisEstimated || sr.Tally.Rev != rev {
			t.Fatalf("%s: merged tally %+v", name, sr.Tally)
		}
		if n := len(pending(t, db)); n != 0 {
			t.Fatalf("%s: %d changes waiting", name, n)
		}
	}
}

package synctest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// The records of involvement (involve.Doc) in small stories: what the random workload
// does at random, here once each and checked exactly — parking until the parent
// arrives, same-field conflicts resolved each way, delete against edit, two laptops
// tallying one session.

// docFixture is one of each kind with a parent, made on a laptop through the store.
type docFixture struct {
	session        involve.Session
	project        involve.Project
	feedback       involve.Feedback
	contributor    *involve.Contributor
	consent, quote *involve.Consent
	rate           *involve.RateCard
	entry          *involve.TimeEntry
	tally          involve.TallySaved
	attendee       involve.Attendee
	action         *involve.Action
	outcome        *involve.Outcome
}

func makeDocs(t *testing.T, db *store.DB) docFixture {
	t.Helper()
	var f docFixture
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.project, err = db.CreateProject(bg(), involve.ProjectInput{Name: "Bus routes"})
	must(err)
	f.session, err = db.CreateSession(bg(), involve.SessionInput{ProjectID: f.project.ID, Title: "Drop-in", Date: "2026-11-24", Type: "workshop", Attendees: 12})
	must(err)
	f.feedback, err = db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: f.session.ID, Text: "The 37 never comes", QuoteConsent: true})
	must(err)
	f.contributor, f.consent, err = db.CreateContributor(bg(), &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"},
		newConsent(1, "", "", involve.PurposeAnalysis, involve.PurposePayments))
	must(err)
	f.quote, err = db.AddConsent(bg(), newConsent(2, involve.EntityFeedback, f.feedback.ID, involve.PurposeQuotes))
	must(err)
	f.rate, err = db.CreateRateCard(bg(), &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2500, Source: "Policy", EffectiveFrom: "2026-01-01"})
	must(err)
	f.entry, err = db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: f.contributor.ID, SessionID: f.session.ID, Date: "2026-11-24", MinutesAttend: 90})
	must(err)
	if f.entry.FeePence != 3750 || f.entry.RateCardID != f.rate.ID {
		t.Fatalf("time entry priced %d from %q, want 3750 from %s", f.entry.FeePence, f.entry.RateCardID, f.rate.ID)
	}
	f.tally, err = db.SaveTally(bg(), f.session.ID, involve.Tally{}, involve.Tally{FormsReturned: 5,
		Sex: &involve.TallyDim{Counts: map[string]int{refCodeAt(t, "sex", 0): 3}}})
	must(err)
	f.attendee, err = db.CreateAttendee(bg(), involve.Attendee{SessionID: f.session.ID, AgeBand: refCodeAt(t, "ageBand", 2)})
	must(err)
	f.action, err = db.CreateAction(bg(), &involve.Action{FeedbackIDs: []string{f.feedback.ID}})
	must(err)
	f.outcome, err = db.CreateOutcome(bg(), &involve.Outcome{ProjectID: f.project.ID, Description: "Timetable changed",
		Direction: "positive", Magnitude: "substantial", ActionIDs: []string{f.action.ID}})
	must(err)
	return f
}

// withDocs makes the docs fixture on ada's laptop and syncs it, then syncs each of
// others, so that every laptop has every doc.
func withDocs(t *testing.T, ada *device, others ...*device) docFixture {
	t.Helper()
	f := makeDocs(t, ada.db)
	ada.mustSync()
	for _, d := range others {
		d.mustSync()
	}
	return f
}

func refCodeAt(t *testing.T, question string, i int) string {
	t.Helper()
	for _, q := range involve.ReachQuestions() {
		if q.Code == question {
			return q.Items[i].Code
		}
	}
	t.Fatalf("no reach question %q", question)
	return ""
}

// TestDocsParkUntilParentArrives: a laptop that pulls a tally before its session, an
// attendee profile before its session, an outcome before its project, a time entry
// and a consent before their contributor, and a quote consent before its feedback
// item parks each (it cannot store it yet) and writes it when the parent comes, in a
// later page. Ada edits the parents after making the docs, so that the server hands
// the parents out after their children.
func TestDocsParkUntilParentArrives(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		f := withDocs(t, ada)
		// the parents change again: they now come after their children
		in := f.project.ProjectInput
		in.Aim = "Fewer missed buses"
		if _, err := ada.db.UpdateProject(bg(), f.project.ID, f.project.ProjectInput, in); err != nil {
			t.Fatal(err)
		}
		sin := f.session.SessionInput
		sin.Venue = "Library"
		if _, err := ada.db.UpdateSession(bg(), f.session.ID, f.session.SessionInput, sin); err != nil {
			t.Fatal(err)
		}
		fin := f.feedback.FeedbackInput
		fin.NeedsResponse = true
		if _, err := ada.db.UpdateFeedback(bg(), f.feedback.ID, f.feedback.FeedbackInput, fin); err != nil {
			t.Fatal(err)
		}
		c := *f.contributor
		c.AccessNeeds = "Step-free access"
		if _, err := ada.db.UpdateContributor(bg(), c.ID, f.contributor, &c); err != nil {
			t.Fatal(err)
		}
		ada.mustSync()

		// Bo pulls one record per page, with the team's key installed first as its
		// engine would (partners' details arrive sealed with it).
		bo := st.enrol(t, "Bo")
		bo.installTeamKey()
		client := clientOf(t, bo, st.ts.URL)
		cursor, maxParked, pages := "", 0, 0
		parkedKinds := map[string]bool{}
		for more := true; more; pages++ {
			page, err := client.Pull(bg(), cursor, 1)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := syncer.ApplyPullPage(bg(), bo.db, page.Changes, page.Cursor); err != nil {
				t.Fatalf("page %d: %v", pages, err)
			}
			n, err := bo.db.ParkedCount(bg())
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Changes {
				if involve.IsDocEntity(c.Entity) {
					if _, err := bo.db.FindDoc(bg(), c.Entity, c.RecordID); involve.ErrorCode(err) == involve.ENOTFOUND {
						parkedKinds[c.Entity] = true
					}
				}
			}
			maxParked = max(maxParked, n)
			cursor, more = page.Cursor, page.More
		}
		for _, k := range []string{involve.EntityTally, involve.EntityAttendee, involve.EntityOutcome, involve.EntityTimeEntry, involve.EntityConsent} {
			if !parkedKinds[k] {
				t.Errorf("no %s arrived before its parent (parked: %v): the test did not test parking it", k, parkedKinds)
			}
		}
		if n, _ := bo.db.ParkedCount(bg()); n != 0 || maxParked < 5 {
			t.Errorf("parked: %d at most, %d at the end (want 5 or more, then 0)", maxParked, n)
		}
		for _, d := range []involve.Doc{&f.tally.Tally, &f.attendee, f.outcome, f.entry, f.consent, f.quote, f.contributor, f.rate, f.action} {
			if _, err := bo.db.FindDoc(bg(), d.DocEntity(), d.DocMeta().ID); err != nil {
				t.Errorf("%s %s is not on Bo's laptop after the pull: %v", d.DocEntity(), d.DocMeta().ID, err)
			}
		}
		t.Logf("%d pages, at most %d records parked; parked kinds %v", pages, maxParked, parkedKinds)
		settle(t, st.store, st.team.ID, ada, bo)
	})
}

// sameDocEdit: Ada and Bo, both up to date, edit one doc while apart; Ada syncs first.
// It returns Bo's conflicts about the doc after Bo and then Ada synced.
func sameDocEdit(t *testing.T, ada, bo *device, entity, id string, adaEdit, boEdit func(db *store.DB, cur involve.Doc) error) []store.ConflictInfo {
	t.Helper()
	for _, e := range []struct {
		d    *device
		edit func(db *store.DB, cur involve.Doc) error
	}{{ada, adaEdit}, {bo, boEdit}} {
		cur, err := e.d.db.FindDoc(bg(), entity, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.edit(e.d.db, cur); err != nil {
			t.Fatalf("%s: %v", e.d.name, err)
		}
	}
	ada.mustSync()
	bo.mustSync()
	ada.mustSync()
	list, err := bo.db.FindConflicts(bg())
	if err != nil {
		t.Fatal(err)
	}
	var out []store.ConflictInfo
	for _, c := range list {
		if c.RecordID == id && c.Status == involve.ConflictOpen {
			out = append(out, c)
		}
	}
	return out
}

func setWeDid(v string) func(db *store.DB, cur involve.Doc) error {
	return func(db *store.DB, cur involve.Doc) error {
		a := *cur.(*involve.Action)
		a.WeDid = v
		_, err := db.UpdateAction(bg(), a.ID, cur.(*involve.Action), &a)
		return err
	}
}

// TestDocConflicts: the same field of a doc changed on two laptops becomes a conflict
// record (the higher revision's value wins, Bo's here, who saved last); resolving it
// on a laptop — kept, replaced or combined — sets the field everywhere and closes the
// conflict everywhere. Different fields merge without one.
func TestDocConflicts(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		f := withDocs(t, ada, bo)
		id := f.action.ID

		t.Run("DifferentFieldsMerge", func(t *testing.T) {
			cs := sameDocEdit(t, ada, bo, involve.EntityAction, id, setWeDid("Asked the bus company"),
				func(db *store.DB, cur involve.Doc) error {
					a := *cur.(*involve.Action)
					a.Owner = "Sam"
					_, err := db.UpdateAction(bg(), a.ID, cur.(*involve.Action), &a)
					return err
				})
			if len(cs) != 0 {
				t.Fatalf("conflicts %+v, want none", cs)
			}
			settle(t, st.store, st.team.ID, ada, bo)
			got, _ := ada.db.FindDoc(bg(), involve.EntityAction, id)
			if a := got.(*involve.Action); a.WeDid != "Asked the bus company" || a.Owner != "Sam" {
				t.Fatalf("merged action: weDid %q owner %q", a.WeDid, a.Owner)
			}
		})
		for _, res := range []struct{ resolution, want string }{
			{involve.ResolutionKept, "Bo's words (kept)"},
			{involve.ResolutionReplaced, "Ada's words (replaced)"},
			{involve.ResolutionCombined, "Both: Ada's and Bo's words"},
		} {
			t.Run("Resolve"+strings.ToUpper(res.resolution[:1])+res.resolution[1:], func(t *testing.T) {
				adas, bos := "Ada's words ("+res.resolution+")", "Bo's words ("+res.resolution+")"
				cs := sameDocEdit(t, ada, bo, involve.EntityAction, id, setWeDid(adas), setWeDid(bos))
				if len(cs) != 1 || cs[0].Field != "weDid" || cs[0].Entity != involve.EntityAction {
					t.Fatalf("conflicts %+v, want one on weDid", cs)
				}
				c := cs[0]
				if !jsonEq(c.Winner.Value, js(bos)) || !jsonEq(c.Loser.Value, js(adas)) || !c.RecordFound || c.RecordTitle == "" {
					t.Fatalf("conflict: winner %s loser %s found %v title %q", c.Winner.Value, c.Loser.Value, c.RecordFound, c.RecordTitle)
				}
				var value json.RawMessage
				if res.resolution == involve.ResolutionCombined {
					value = js(res.want)
				}
				ci, err := ada.db.ResolveConflict(bg(), c.ID, res.resolution, value)
				if err != nil {
					t.Fatal(err)
				}
				if !jsonEq(ci.Current, js(res.want)) {
					t.Fatalf("after resolving: %s, want %q", ci.Current, res.want)
				}
				final := settle(t, st.store, st.team.ID, ada, bo)
				if got := final.fields(key(involve.EntityAction, id))["weDid"]; !jsonEq(got, js(res.want)) {
					t.Errorf("server: weDid %s, want %q", got, res.want)
				}
				if got := final.fields(key(involve.EntityConflict, c.ID)); string(got["status"]) != `"resolved"` || !jsonEq(got["resolution"], js(res.resolution)) {
					t.Errorf("server's conflict: %v", got)
				}
			})
		}
	})
}

// TestDocDeleteAgainstEdit: Ada deletes an outcome while Bo edits it. As for the core
// records, the outcome stays deleted, Bo's edit is kept in the tombstone and a
// conflict on deletedAt says so; putting the other side back (replaced) restores the
// outcome with Bo's edit, everywhere.
func TestDocDeleteAgainstEdit(t *testing.T) {
	st := newStack(t, "sqlite")
	ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
	f := withDocs(t, ada, bo)
	id := f.outcome.ID
	cs := sameDocEdit(t, ada, bo, involve.EntityOutcome, id,
		func(db *store.DB, cur involve.Doc) error { return db.DeleteDoc(bg(), involve.EntityOutcome, id) },
		func(db *store.DB, cur involve.Doc) error {
			o := *cur.(*involve.Outcome)
			o.Evidence = "Minutes of the March meeting"
			_, err := db.UpdateOutcome(bg(), id, cur.(*involve.Outcome), &o)
			return err
		})
	final := settle(t, st.store, st.team.ID, ada, bo)
	rec := final.fields(key(involve.EntityOutcome, id))
	if isNullJSON(rec["deletedAt"]) || !jsonEq(rec["evidence"], js("Minutes of the March meeting")) {
		t.Fatalf("server's outcome: deletedAt %s evidence %s; want deleted with Bo's evidence kept", rec["deletedAt"], rec["evidence"])
	}
	if len(cs) != 1 || cs[0].Field != "deletedAt" || !cs[0].RecordDeleted {
		t.Fatalf("conflicts %+v, want one on deletedAt of the deleted outcome", cs)
	}
	if _, err := bo.db.ResolveConflict(bg(), cs[0].ID, involve.ResolutionReplaced, nil); err != nil {
		t.Fatal(err)
	}
	settle(t, st.store, st.team.ID, ada, bo)
	got, err := ada.db.FindDoc(bg(), involve.EntityOutcome, id)
	if err != nil || got.(*involve.Outcome).Evidence != "Minutes of the March meeting" {
		t.Fatalf("Ada's outcome after Bo restored it: %+v, %v", got, err)
	}
}

func isNullJSON(v json.RawMessage) bool { return jsonEq(v, nil) || jsonEq(v, js("")) }

// TestTwoLaptopsTallyOneSession: Ada and Bo, apart, both open the tally of a session
// that has none yet and count different questions. Both make the tally under the
// session's derived id; the server merges the two new records field by field (no
// base): both questions are kept and nothing is in conflict. Then they count the same
// question differently: a conflict about that question.
func TestTwoLaptopsTallyOneSession(t *testing.T) {
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	bo := st.enrol(t, "Bo")
	s, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "Stall", Date: "2026-11-24", Type: "workshop", Attendees: 20})
	if err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	bo.mustSync()
	female, male := refCodeAt(t, "sex", 0), refCodeAt(t, "sex", 1)
	if _, err := ada.db.SaveTally(bg(), s.ID, involve.Tally{}, involve.Tally{FormsReturned: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := bo.db.SaveTally(bg(), s.ID, involve.Tally{}, involve.Tally{Sex: &involve.TallyDim{Counts: map[string]int{female: 11, male: 9}}}); err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	bo.mustSync()
	settle(t, st.store, st.team.ID, ada, bo)
	for _, d := range []*device{ada, bo} {
		r, err := d.db.FindSessionReach(bg(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Tally.FormsReturned != 7 || r.Tally.Sex == nil || r.Tally.Sex.Sum() != 20 {
			t.Errorf("%s's tally: forms %d, sex %+v; want both laptops' counts", d.name, r.Tally.FormsReturned, r.Tally.Sex)
		}
	}
	if n, _ := ada.db.OpenConflictCount(bg()); n != 0 {
		t.Errorf("%d conflicts after tallying different questions", n)
	}
	cs := sameDocEdit(t, ada, bo, involve.EntityTally, involve.TallyIDFor(s.ID),
		func(db *store.DB, cur involve.Doc) error {
			was := *cur.(*involve.Tally)
			now := was
			now.Sex = &involve.TallyDim{Counts: map[string]int{female: 12, male: 8}}
			_, err := db.SaveTally(bg(), s.ID, was, now)
			return err
		},
		func(db *store.DB, cur involve.Doc) error {
			was := *cur.(*involve.Tally)
			now := was
			now.Sex = &involve.TallyDim{Counts: map[string]int{female: 10, male: 10}}
			_, err := db.SaveTally(bg(), s.ID, was, now)
			return err
		})
	if len(cs) != 1 || cs[0].Field != "sex" {
		t.Fatalf("conflicts %+v, want one on sex", cs)
	}
	settle(t, st.store, st.team.ID, ada, bo)
}

package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// actionWorld is a project with two sessions and some feedback, on a store whose clock
// says 10 March 2026.
type actionWorld struct {
	db       *store.DB
	project  involve.Project
	s1, s2   involve.Session
	f1a, f1b involve.Feedback // session 1, both need a response
	f1c      involve.Feedback // session 1, no response needed
	f2a      involve.Feedback // session 2, needs a response
}

func newActionWorld(t *testing.T) *actionWorld {
	t.Helper()
	ctx := context.Background()
	w := &actionWorld{db: MustOpenDB(t)}
	w.db.Now = func() time.Time { return time.Date(2026, 3, 10, 12, 0, 0, 0, time.Local) }
	var err error
	if w.project, err = w.db.CreateProject(ctx, involve.ProjectInput{Name: "Diabetes pathway", Aim: "Shape the pathway"}); err != nil {
		t.Fatal(err)
	}
	mk := func(title string) involve.Session {
		s, err := w.db.CreateSession(ctx, involve.SessionInput{ProjectID: w.project.ID, Title: title, Date: "2026-03-01",
			Type: "workshop", Attendees: 12, WentWell: "Good chat " + title})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	w.s1, w.s2 = mk("Workshop"), mk("Stall")
	fb := func(s involve.Session, text string, needs bool) involve.Feedback {
		f, err := w.db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: text, NeedsResponse: needs})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	w.f1a = fb(w.s1, "The signs are confusing", true)
	w.f1b = fb(w.s1, "Nobody told me where to go", true)
	w.f1c = fb(w.s1, "Lovely staff", false)
	w.f2a = fb(w.s2, "Open later please", true)
	return w
}

func TestActions(t *testing.T) {
	ctx := context.Background()
	w := newActionWorld(t)
	db := w.db

	t.Run("CreateFromFeedbackFillsSessionProjectAndYouSaid", func(t *testing.T) {
		a, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1a.ID, w.f1b.ID}, Due: "2026-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == "" || a.SessionID != w.s1.ID || a.ProjectID != w.project.ID || a.Status != "planned" {
			t.Fatalf("action %+v", a)
		}
		if a.YouSaid != "The signs are confusing\n\nNobody told me where to go" {
			t.Fatalf("you said %q", a.YouSaid)
		}
		// feedback from two sessions of one project: the project, no session
		b, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1c.ID, w.f2a.ID}, YouSaid: "Mixed"})
		if err != nil {
			t.Fatal(err)
		}
		if b.SessionID != "" || b.ProjectID != w.project.ID || b.YouSaid != "Mixed" {
			t.Fatalf("action over two sessions %+v", b)
		}
		if err := db.DeleteDoc(ctx, "action", b.ID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := db.CreateAction(ctx, &involve.Action{YouSaid: "x", Status: "done"})
		if involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("err %v", err)
		}
	})

	all, err := db.FindActions(ctx, involve.ActionFilter{})
	if err != nil || len(all) != 1 {
		t.Fatalf("actions %d %v", len(all), err)
	}
	a := all[0]

	t.Run("ViewShowsFeedbackAndOverdue", func(t *testing.T) {
		if !a.Overdue || a.SessionTitle != "Workshop" || a.ProjectName != "Diabetes pathway" {
			t.Fatalf("view %+v", a)
		}
		if len(a.Feedback) != 2 || a.Feedback[0].Text != "The signs are confusing" || a.Feedback[1].SessionTitle != "Workshop" || a.Feedback[0].Missing {
			t.Fatalf("feedback %+v", a.Feedback)
		}
	})

	t.Run("NeedsResponseWithoutAction", func(t *testing.T) {
		list, total, err := db.FindFeedbackNeedingResponse(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		// f1a and f1b are answered, f1c needs none, b (deleted) no longer answers f2a
		if total != 1 || len(list) != 1 || list[0].ID != w.f2a.ID || list[0].SessionTitle != "Stall" {
			t.Fatalf("needs response %d %+v", total, list)
		}
	})

	t.Run("ActionsOfFeedback", func(t *testing.T) {
		got, err := db.FindActionsOfFeedback(ctx, w.f1b.ID)
		if err != nil || len(got) != 1 || got[0].ID != a.ID {
			t.Fatalf("actions of f1b %+v %v", got, err)
		}
		got, _ = db.FindActionsOfFeedback(ctx, w.f2a.ID)
		if len(got) != 0 {
			t.Fatalf("a deleted action still answers: %+v", got)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		for _, tc := range []struct {
			f    involve.ActionFilter
			want int
		}{
			{involve.ActionFilter{Status: "planned"}, 1},
			{involve.ActionFilter{Status: "done"}, 0},
			{involve.ActionFilter{ProjectID: w.project.ID}, 1},
			{involve.ActionFilter{ProjectID: newID()}, 0},
			{involve.ActionFilter{SessionID: w.s1.ID}, 1},
			{involve.ActionFilter{SessionID: w.s2.ID}, 0},
		} {
			got, err := db.FindActions(ctx, tc.f)
			if err != nil || len(got) != tc.want {
				t.Errorf("filter %+v: %d, want %d (%v)", tc.f, len(got), tc.want, err)
			}
		}
	})

	t.Run("Overdue", func(t *testing.T) {
		later, err := db.CreateAction(ctx, &involve.Action{YouSaid: "Later", Due: "2026-03-20"})
		if err != nil {
			t.Fatal(err)
		}
		earlier, err := db.CreateAction(ctx, &involve.Action{YouSaid: "Much earlier", Due: "2026-01-01", Status: "in_progress"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateAction(ctx, &involve.Action{YouSaid: "Closed", Due: "2026-01-01", Status: "not_possible", ReasonNotPossible: "No budget"}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindOverdueActions(ctx, db.Today())
		if err != nil || len(got) != 2 || got[0].ID != earlier.ID || got[1].ID != a.ID {
			t.Fatalf("overdue %+v %v", got, err)
		}
		_ = later
	})

	t.Run("MarkDoneAndCommunicated", func(t *testing.T) {
		loaded := a.Action
		edited := a.Action
		edited.Status, edited.WeDid = "done", "New signs at the entrance"
		edited.CommunicatedOn, edited.Channel, edited.Published = "2026-03-09", "newsletter", true
		got, err := db.UpdateAction(ctx, a.ID, &loaded, &edited)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "done" || got.Channel != "newsletter" || !got.Published || got.YouSaid != a.YouSaid {
			t.Fatalf("updated %+v", got)
		}
		overdue, _ := db.FindOverdueActions(ctx, db.Today())
		for _, v := range overdue {
			if v.ID == a.ID {
				t.Fatal("a done action is overdue")
			}
		}
	})

	t.Run("Board", func(t *testing.T) {
		b, err := db.ActionsBoard(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Columns) != 4 || b.Today != "2026-03-10" || b.Overdue != 1 {
			t.Fatalf("board %+v", b)
		}
		n := map[string]int{}
		for _, c := range b.Columns {
			n[c.Status] = len(c.Actions)
		}
		if n["planned"] != 1 || n["in_progress"] != 1 || n["done"] != 1 || n["not_possible"] != 1 {
			t.Fatalf("columns %v", n)
		}
		if ip := b.Columns[1]; !ip.Actions[0].Overdue || ip.Label != "In progress" {
			t.Fatalf("in progress %+v", ip)
		}
		if b.NeedsResponseTotal != 1 || b.NeedsResponse[0].ID != w.f2a.ID {
			t.Fatalf("needs response %+v", b.NeedsResponse)
		}
	})

	t.Run("DeletedFeedbackIsMissing", func(t *testing.T) {
		if err := db.DeleteFeedback(ctx, w.f1b.ID); err != nil {
			t.Fatal(err)
		}
		v, err := db.FindAction(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Feedback[1].Missing || v.Feedback[1].ID != w.f1b.ID || v.Feedback[0].Missing {
			t.Fatalf("feedback %+v", v.Feedback)
		}
	})

	t.Run("EachAction", func(t *testing.T) {
		n := 0
		if err := db.EachAction(ctx, func(a *involve.Action) error { n++; return nil }); err != nil || n != 4 {
			t.Fatalf("EachAction %d %v", n, err)
		}
	})
}

func TestOutcomesAndWriteUp(t *testing.T) {
	ctx := context.Background()
	w := newActionWorld(t)
	db := w.db

	if _, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: newID(), Description: "x", Direction: "positive", Magnitude: "minor"}); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("outcome of a missing project: %v", err)
	}
	a, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1a.ID}, WeDid: "New signs", Status: "done",
		DecisionInfluenced: "Signage budget", CommunicatedOn: "2026-03-09", Channel: "poster"})
	if err != nil {
		t.Fatal(err)
	}
	o1, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: w.project.ID, Description: "Signs replaced", Direction: "positive",
		Magnitude: "substantial", Intended: true, ImpactOn: []string{"implementation"}, Date: "2026-03-09",
		SessionIDs: []string{w.s1.ID}, ActionIDs: []string{a.ID}, EvidenceLink: "https://example.nhs.uk/signs"})
	if err != nil {
		t.Fatal(err)
	}
	o2, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: w.project.ID, Description: "Undated", Direction: "negative", Magnitude: "none"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.FindOutcomes(ctx, w.project.ID)
	if err != nil || len(list) != 2 || list[0].ID != o1.ID || list[1].ID != o2.ID {
		t.Fatalf("outcomes %v %v", list, err)
	}
	loaded, edited := *o2, *o2
	edited.Magnitude = "minor"
	if got, err := db.UpdateOutcome(ctx, o2.ID, &loaded, &edited); err != nil || got.Magnitude != "minor" {
		t.Fatalf("update %+v %v", got, err)
	}

	wu, err := db.ProjectWriteUp(ctx, w.project.ID)
	if err != nil {
		t.Fatal(err)
	}
	if wu.Aim != "Shape the pathway" || len(wu.Sessions) != 2 || wu.FeedbackItems != 4 || wu.PeopleReached != 24 {
		t.Fatalf("write-up %+v", wu)
	}
	if len(wu.Actions) != 1 || len(wu.Outcomes) != 2 || wu.ActionsDone != 1 || wu.ActionsCommunicated != 1 {
		t.Fatalf("write-up records %+v", wu)
	}
	if !strings.Contains(wu.Discussion, "- Signage budget (we did: New signs)") || !strings.Contains(wu.Results, "- Signs replaced (") ||
		!strings.Contains(wu.Reflections, "Went well: Good chat Workshop") {
		t.Fatalf("write-up text %+v", wu)
	}
	if _, err := db.ProjectWriteUp(ctx, newID()); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("write-up of a missing project: %v", err)
	}
	n := 0
	if err := db.EachOutcome(ctx, func(*involve.Outcome) error { n++; return nil }); err != nil || n != 2 {
		t.Fatalf("EachOutcome %d %v", n, err)
	}
}

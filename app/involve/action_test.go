package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

const (
	fb1 = "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d01"
	fb2 = "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02"
)

func TestActionValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		a := involve.Action{FeedbackIDs: []string{fb1, " " + fb2, fb1, ""}, YouSaid: "  The signs are confusing\n", Due: "2026-03-01"}
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
		if a.Status != involve.ActionPlanned || a.YouSaid != "The signs are confusing" || len(a.FeedbackIDs) != 2 {
			t.Fatalf("not normalized: %+v", a)
		}
		if a.Title() != "The signs are confusing" {
			t.Fatalf("title %q", a.Title())
		}
	})
	for _, tc := range []struct {
		name  string
		a     involve.Action
		field string
		want  string
	}{
		{"ErrYouSaidRequired", involve.Action{}, "youSaid", "Enter what people said"},
		{"ErrYouSaidOnlySpaces", involve.Action{YouSaid: " \u00a0\u2003\n"}, "youSaid", "Enter what people said"},
		{"ErrDoneNeedsWeDid", involve.Action{YouSaid: "x", Status: "done"}, "weDid", "Enter what you did, or choose another status"},
		{"ErrNotPossibleNeedsReason", involve.Action{YouSaid: "x", Status: "not_possible"}, "reasonNotPossible", "Enter why it was not possible"},
		{"ErrStatusUnknown", involve.Action{YouSaid: "x", Status: "finished"}, "status", "Select planned, in progress, done or not possible"},
		{"ErrDueNotADate", involve.Action{YouSaid: "x", Due: "2026-02-30"}, "due", "Due date must be a real date"},
		{"ErrCommunicatedInFuture", involve.Action{YouSaid: "x", CommunicatedOn: "2999-01-01", Channel: "email"}, "communicatedOn", "Date communicated back must be today or in the past"},
		{"ErrCommunicatedNotADate", involve.Action{YouSaid: "x", CommunicatedOn: "1/3/2026"}, "communicatedOn", "Date communicated back must be a real date"},
		{"ErrChannelWithoutDate", involve.Action{YouSaid: "x", Channel: "email"}, "communicatedOn", "Enter the date it was communicated back"},
		{"ErrChannelUnknown", involve.Action{YouSaid: "x", CommunicatedOn: "2026-01-01", Channel: "fax"}, "channel", "Select how it was communicated back from the list"},
		{"ErrFeedbackIDNotUUID", involve.Action{YouSaid: "x", FeedbackIDs: []string{"12"}}, "feedbackIds", "Select feedback items from the list"},
		{"ErrThemeNotUUID", involve.Action{YouSaid: "x", ThemeID: "access"}, "themeId", "Select a theme from the list"},
		{"ErrYouSaidTooLong", involve.Action{YouSaid: strings.Repeat("a", involve.MaxText+1)}, "youSaid", "You said must be 5,000 characters or fewer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.a.Validate()
			if involve.ErrorCode(err) != involve.EINVALID {
				t.Fatalf("err %v", err)
			}
			if got := fields(err)[tc.field]; got != tc.want {
				t.Fatalf("%s: got %q, want %q (all: %v)", tc.field, got, tc.want, fields(err))
			}
		})
	}
	t.Run("CommunicatedToday", func(t *testing.T) {
		a := involve.Action{YouSaid: "x", WeDid: "y", Status: "done", CommunicatedOn: involve.LatestToday(), Channel: "newsletter", Published: true}
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Overdue", func(t *testing.T) {
		a := involve.Action{Due: "2026-03-01", Status: "in_progress"}
		if !a.OverdueOn("2026-03-02") || a.OverdueOn("2026-03-01") {
			t.Fatal("overdue the day after the due date only")
		}
		a.Status = "not_possible"
		if a.OverdueOn("2026-04-01") {
			t.Fatal("a closed action is never overdue")
		}
		if (&involve.Action{}).OverdueOn("2026-04-01") {
			t.Fatal("no due date, never overdue")
		}
	})
	t.Run("Registered", func(t *testing.T) {
		k, ok := involve.DocKindOf("action")
		if !ok || k.Order != 15 || k.Personal {
			t.Fatalf("kind %+v", k)
		}
		if e, id := k.New().Parent(); e != "" || id != "" {
			t.Fatal("an action has no hard parent")
		}
	})
}

func TestOutcomeValidate(t *testing.T) {
	project := "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d03"
	ok := func() involve.Outcome {
		return involve.Outcome{ProjectID: project, Description: "Leaflet rewritten in plain English", Direction: "positive",
			Magnitude: "substantial", ImpactOn: []string{"materials", "materials"}, Standards: []string{"5"},
			EvidenceLink: "https://example.nhs.uk/leaflet", Date: "2026-03-01", SessionIDs: []string{fb1}}
	}
	t.Run("OK", func(t *testing.T) {
		o := ok()
		if err := o.Validate(); err != nil {
			t.Fatal(err)
		}
		if len(o.ImpactOn) != 1 {
			t.Fatalf("codes not tidied: %v", o.ImpactOn)
		}
		if e, id := o.Parent(); e != "project" || id != project {
			t.Fatalf("parent %s %s", e, id)
		}
	})
	for _, tc := range []struct {
		name  string
		edit  func(o *involve.Outcome)
		field string
		want  string
	}{
		{"ErrDescriptionRequired", func(o *involve.Outcome) { o.Description = " " }, "description", "Enter what changed"},
		{"ErrProjectRequired", func(o *involve.Outcome) { o.ProjectID = "" }, "projectId", "Select the project this outcome belongs to"},
		{"ErrDirectionRequired", func(o *involve.Outcome) { o.Direction = "" }, "direction", "Select whether the impact was positive or negative"},
		{"ErrMagnitudeUnknown", func(o *involve.Outcome) { o.Magnitude = "huge" }, "magnitude", "Select none, minor, substantial or decision changed"},
		{"ErrImpactOnUnknown", func(o *involve.Outcome) { o.ImpactOn = []string{"money"} }, "impactOn", "Select a kind of impact from the list"},
		{"ErrLinkNotWeb", func(o *involve.Outcome) { o.EvidenceLink = "javascript:alert(1)" }, "evidenceLink", "Enter a link to the evidence that starts with https:// or http://"},
		{"ErrLinkNoHost", func(o *involve.Outcome) { o.EvidenceLink = "https://" }, "evidenceLink", "Enter a link to the evidence that starts with https:// or http://"},
		{"ErrLinkRelative", func(o *involve.Outcome) { o.EvidenceLink = "www.nhs.uk" }, "evidenceLink", "Enter a link to the evidence that starts with https:// or http://"},
		{"ErrStandardUnknown", func(o *involve.Outcome) { o.Standards = []string{"7"} }, "standards", "Select a UK Standard from the list"},
		{"ErrDateNotReal", func(o *involve.Outcome) { o.Date = "2026-13-01" }, "date", "Date of the outcome must be a real date"},
		{"ErrSessionIDNotUUID", func(o *involve.Outcome) { o.SessionIDs = []string{"s1"} }, "sessionIds", "Select sessions from the list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := ok()
			tc.edit(&o)
			err := o.Validate()
			if got := fields(err)[tc.field]; got != tc.want {
				t.Fatalf("%s: got %q, want %q (all: %v)", tc.field, got, tc.want, fields(err))
			}
		})
	}
}

func TestBuildWriteUp(t *testing.T) {
	p := involve.Project{ProjectInput: involve.ProjectInput{Name: "Diabetes pathway", Aim: "Shape the new pathway"}}
	p.ID = "p1"
	t.Run("Empty", func(t *testing.T) {
		w := involve.BuildWriteUp(involve.Project{}, nil, nil, nil)
		if w.Aim != "No involvement aim recorded." || w.Methods != "No sessions recorded yet." || w.Results != "No outcomes recorded yet." ||
			w.Discussion != "No influence on decisions recorded yet." || w.Reflections != "No reflections recorded." {
			t.Fatalf("empty write-up %+v", w)
		}
		if w.Sessions == nil || w.Actions == nil || w.Outcomes == nil {
			t.Fatal("nil lists reach the UI as null")
		}
	})
	t.Run("Assembled", func(t *testing.T) {
		sessions := []involve.WriteUpSession{
			{Title: "Stall", Date: "2026-03-02", Type: "outreach_stall", InvolvementLevel: "consult", Attendees: 40, Feedback: 12, ToImprove: "Bring a gazebo"},
			{Title: "Workshop one", Date: "2026-02-01", Type: "workshop", InvolvementLevel: "involve", Attendees: 10, Feedback: 3, WentWell: "Lively discussion"},
			{Title: "Workshop two", Date: "2026-02-15", Type: "workshop", Attendees: 8},
		}
		actions := []involve.Action{
			{YouSaid: "Signs confusing", WeDid: "New signs", Status: "done", CommunicatedOn: "2026-03-10", DecisionInfluenced: "Signage budget"},
			{YouSaid: "Longer hours", Status: "planned"},
		}
		outcomes := []involve.Outcome{
			{Description: "Clinic hours extended", Direction: "positive", Magnitude: "decision_changed", Intended: true, ImpactOn: []string{"decision"}, Date: "2026-04-01"},
			{Description: "Leaflet rewritten", Direction: "positive", Magnitude: "minor", ImpactOn: []string{"materials"}, Date: "2026-03-01"},
		}
		w := involve.BuildWriteUp(p, sessions, actions, outcomes)
		want := map[string]string{
			"aim":     "Shape the new pathway",
			"methods": "3 sessions: 2 workshops, 1 outreach stall. Level of involvement: Consult, Involve. People reached: 58. Feedback items: 15.",
			"results": "2 outcomes recorded (1 decision changed, 1 minor).\n" +
				"- Leaflet rewritten (Positive, minor, not intended, impact on materials)\n" +
				"- Clinic hours extended (Positive, decision changed, intended, impact on decision)",
			"discussion": "2 actions in response to feedback: 1 done, 1 communicated back.\nDecisions influenced:\n" +
				"- Signage budget (we did: New signs)\n- Decision changed: Clinic hours extended",
			"reflections": "Workshop one (2026-02-01): Went well: Lively discussion\nStall (2026-03-02): To improve: Bring a gazebo",
		}
		got := map[string]string{"aim": w.Aim, "methods": w.Methods, "results": w.Results, "discussion": w.Discussion, "reflections": w.Reflections}
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s:\n got %q\nwant %q", k, got[k], want[k])
			}
		}
		if w.PeopleReached != 58 || w.FeedbackItems != 15 || w.ActionsDone != 1 || w.ActionsCommunicated != 1 {
			t.Errorf("counts %+v", w)
		}
		if w.Sessions[0].Title != "Workshop one" || w.Outcomes[0].Description != "Leaflet rewritten" {
			t.Error("sessions and outcomes not in date order")
		}
	})
}

package report

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// docsSource is a period (March 2026) with every kind of doc, in and out of it. The
// expected figures in TestFiguresFromDocs are worked out by hand from it.
func docsSource() *MemSource {
	m := func(id string) involve.Meta { return involve.Meta{ID: id, CreatedAt: "2026-03-05T10:00:00.000Z"} }
	sess := func(id, project, date, typ, borough string, att int) involve.Session {
		return involve.Session{Meta: m(id), SessionInput: involve.SessionInput{ProjectID: project, Title: "Session " + id,
			Date: date, Type: typ, Borough: borough, Status: "held", Attendees: att}}
	}
	src := &MemSource{
		ProjectList: []involve.Project{
			{Meta: m("p1"), ProjectInput: involve.ProjectInput{Name: "Maternity voices", Aim: "Hear parents"}},
			{Meta: m("p2"), ProjectInput: involve.ProjectInput{Name: "Urgent care"}},
		},
		SessionList: []involve.Session{
			sess("s1", "p1", "2026-03-01", "workshop", "E09000022", 20),
			sess("s2", "p1", "2026-03-10", "focus_group", "E09000028", 0),
			sess("s3", "p1", "2025-12-01", "workshop", "E09000022", 9), // outside the period
			sess("s4", "p2", "2026-03-15", "workshop", "E09000023", 5),
		},
		FeedbackList: []involve.Feedback{
			{Meta: m("f1"), FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "no action yet", NeedsResponse: true}},
			{Meta: m("f2"), FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "answered", NeedsResponse: true}},
			{Meta: m("f3"), FeedbackInput: involve.FeedbackInput{SessionID: "s3", Text: "old"}},
		},
	}
	act := func(id, session, project, status string, fb ...string) *involve.Action {
		return &involve.Action{Meta: m(id), SessionID: session, ProjectID: project, Status: status, FeedbackIDs: fb, YouSaid: "said " + id}
	}
	a1 := act("a1", "", "p1", involve.ActionDone, "f2") // answers feedback of s1
	a1.CommunicatedOn, a1.Published, a1.DecisionInfluenced, a1.WeDid = "2026-03-20", true, "Clinic opens at 8", "Moved the hours"
	a2 := act("a2", "s2", "p1", involve.ActionNotPossible) // filed under s2, not told back
	a3 := act("a3", "", "p1", involve.ActionPlanned)       // project board, made 5 March, overdue
	a3.Due = "2026-03-20"
	a4 := act("a4", "", "p1", involve.ActionDone, "f3") // answers feedback of s3: outside
	a4.CommunicatedOn = "2026-01-01"
	a5 := act("a5", "s1", "p1", involve.ActionDone) // deleted
	a5.DeletedAt = "2026-03-06T00:00:00.000Z"
	a6 := act("a6", "s4", "p2", involve.ActionInProgress) // not yet due
	a6.Due = "2026-05-01"
	a7 := act("a7", "", "p2", involve.ActionPlanned) // project board, made before the period
	a7.CreatedAt = "2026-02-01T10:00:00.000Z"

	out := func(id, project, date, mag, dir string, impact ...string) *involve.Outcome {
		return &involve.Outcome{Meta: m(id), ProjectID: project, Date: date, Magnitude: mag, Direction: dir, ImpactOn: impact,
			Description: "outcome " + id}
	}
	o2 := out("o2", "p1", "2026-03-25", "decision_changed", "negative", "decision")
	o2.SessionIDs = []string{"s2"}
	ctr := func(id string, n int, name string) *involve.Contributor {
		return &involve.Contributor{Meta: m(id), Number: n, Name: name}
	}
	te := func(id, contributor, session, project, date string, minutes int, fee, expenses int64, claimed, paid string) *involve.TimeEntry {
		e := &involve.TimeEntry{Meta: m(id), ContributorID: contributor, SessionID: session, ProjectID: project, Date: date,
			MinutesAttend: minutes, FeePence: fee, ExpensesPence: expenses, ClaimedOn: claimed, PaidOn: paid}
		if paid != "" {
			e.ApprovedOn = claimed
		}
		if session == "" {
			e.Task = "Reading papers"
		}
		return e
	}
	e4 := te("e4", "c2", "", "p2", "2026-03-31", 30, 1000, 0, "", "")
	e4.Route = involve.RouteDeclined // no fee due
	tally := &involve.Tally{Meta: m("t1"), SessionID: "s1",
		Ethnicity: &involve.TallyDim{Basis: involve.BasisSelfReported, Counts: map[string]int{"white_british": 10, "indian": 6, "african": 3}},
		IMDDecile: &involve.TallyDim{Basis: involve.BasisSelfReported, Counts: map[string]int{"1": 5, "2": 1, "7": 8}}}
	oldTally := &involve.Tally{Meta: m("t3"), SessionID: "s3",
		Ethnicity: &involve.TallyDim{Counts: map[string]int{"african": 9}}}
	src.DocList = []involve.Doc{a1, a2, a3, a4, a5, a6, a7,
		out("o1", "p1", "2026-03-20", "substantial", "positive", "design", "decision"),
		o2,
		out("o3", "p1", "2025-06-01", "minor", "positive"), // outside the period
		out("o4", "p2", "2026-03-02", "minor", "positive"),
		ctr("c1", 1, "Alice Secretname"), ctr("c2", 2, "Bob Hiddenname"),
		te("e1", "c1", "s1", "", "2026-02-27", 180, 6000, 500, "2026-03-02", "2026-03-12"), // before the period, on s1: in
		te("e2", "c1", "", "p1", "2026-03-15", 60, 2000, 0, "2026-03-16", "2026-03-20"),
		te("e3", "c2", "s3", "", "2026-03-02", 45, 1500, 0, "", ""), // on s3: outside
		e4,
		te("e5", "c2", "s2", "", "2026-03-10", 90, 3000, 0, "2026-03-11", "2026-04-01"),
		tally, oldTally,
		&involve.Attendee{Meta: m("at1"), SessionID: "s1", Ethnicity: "indian", AgeBand: "25_34"},
	}
	return src
}

var march = Filter{From: "2026-03-01", To: "2026-03-31"}

func TestFiguresFromDocs(t *testing.T) {
	now := time.Date(2026, 4, 2, 9, 0, 0, 0, time.Local)
	fig, err := Summarize(context.Background(), docsSource(), march, now)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Actions", func(t *testing.T) {
		a := fig.Actions
		// in: a1 (feedback of s1), a2 (s2), a3 (board, made in March), a6 (s4)
		if a.Total != 4 || a.Planned != 1 || a.InProgress != 1 || a.Done != 1 || a.NotPossible != 1 {
			t.Errorf("actions %+v, want 4: 1 planned, 1 in progress, 1 done, 1 not possible", a)
		}
		if a.Overdue != 1 || a.Published != 1 || a.CommunicatedBack != 1 {
			t.Errorf("overdue %d published %d communicated %d, want 1, 1, 1", a.Overdue, a.Published, a.CommunicatedBack)
		}
		if a.CommunicatedPct.Num != 1 || a.CommunicatedPct.Den != 2 || a.CommunicatedPct.Text() != "50%" {
			t.Errorf("communicated back %+v %s, want 1 of 2 closed", a.CommunicatedPct, a.CommunicatedPct.Text())
		}
		if len(a.ByStatus) != 4 || a.ByStatus[2].Code != involve.ActionDone || a.ByStatus[2].Count != 1 {
			t.Errorf("by status %+v", a.ByStatus)
		}
		if fig.NeedsResponse != 2 || fig.NeedsResponseWithoutAction != 1 {
			t.Errorf("needs response %d, without action %d; want 2, 1", fig.NeedsResponse, fig.NeedsResponseWithoutAction)
		}
	})

	t.Run("Outcomes", func(t *testing.T) {
		o := fig.Outcomes
		if o.Total != 3 || o.Positive != 2 || o.Negative != 1 {
			t.Errorf("outcomes %+v, want 3 (2 positive, 1 negative)", o)
		}
		want := map[string]int{"none": 0, "minor": 1, "substantial": 1, "decision_changed": 1}
		for _, r := range o.ByMagnitude {
			if r.Count != want[r.Code] {
				t.Errorf("magnitude %s = %d, want %d", r.Code, r.Count, want[r.Code])
			}
		}
		if len(o.ByMagnitude) != 4 || o.ByMagnitude[0].Code != "none" {
			t.Errorf("magnitudes not in reference order: %+v", o.ByMagnitude)
		}
		impact := map[string]int{}
		for _, r := range o.ByImpact {
			impact[r.Code] = r.Count
		}
		if impact["decision"] != 2 || impact["design"] != 1 || impact["people"] != 0 {
			t.Errorf("by impact %+v", o.ByImpact)
		}
	})

	t.Run("LEP", func(t *testing.T) {
		l := fig.LEP
		want := LEPFigures{Contributors: 2, Entries: 4, Minutes: 180 + 60 + 30 + 90, FeesPence: 6000 + 2000 + 0 + 3000,
			ExpensesPence: 500, PaidPence: 6500 + 2000 + 3000, MedianDaysToPay: 10, MaxDaysToPay: 21}
		if l != want {
			t.Errorf("lep\n got %+v\nwant %+v", l, want)
		}
	})

	t.Run("AttendeeReach", func(t *testing.T) {
		if fig.ReachCounted != 1 {
			t.Errorf("reach counted %d, want 1 (s1)", fig.ReachCounted)
		}
		if fig.PeopleReached.N != 25 {
			t.Errorf("people reached %d, want 20 + 0 + 5", fig.PeopleReached.N)
		}
		if fig.EthnicMinoritySource != "attendees" || fig.EthnicMinority.Num != 10 || fig.EthnicMinority.Den != 20 {
			t.Errorf("ethnic minority %s %+v, want attendees 10/20", fig.EthnicMinoritySource, fig.EthnicMinority)
		}
		if fig.Core20.Num != 6 || fig.Core20.Den != 14 || !fig.Core20.Known() {
			t.Errorf("core20 %+v, want 6 of 14", fig.Core20)
		}
		var eth, groups *Dimension
		for i := range fig.AttendeeReach {
			switch fig.AttendeeReach[i].Code {
			case "ethnicity":
				eth = &fig.AttendeeReach[i]
			case "ethnicGroup":
				groups = &fig.AttendeeReach[i]
			}
		}
		if eth == nil || groups == nil {
			t.Fatalf("no ethnicity dimensions in %+v", fig.AttendeeReach)
		}
		cat := func(d *Dimension, code string) Category {
			for _, c := range d.Categories {
				if c.Code == code {
					return c
				}
			}
			t.Fatalf("%s has no %s", d.Code, code)
			return Category{}
		}
		if c := cat(eth, "african"); c.Count.Text() != "<5" || c.Percent.Known() {
			t.Errorf("african 3 shown as %s", c.Count.Text())
		}
		// s4's 5 attendees were not counted: Not stated 5, the next smallest, is withheld.
		if c := cat(eth, ""); c.Count.Text() != "*" || c.Count.N != 5 {
			t.Errorf("not stated %d shown as %s, want *", c.Count.N, c.Count.Text())
		}
		if c := cat(eth, "indian"); c.Count.Text() != "7" { // 6 + the profile
			t.Errorf("indian shown as %s, want 7", c.Count.Text())
		}
		if c := cat(eth, "white_british"); c.Count.Text() != "10" || c.Percent.Text() != "40%" || eth.Total != 25 {
			t.Errorf("white british %s %s of %d", c.Count.Text(), c.Percent.Text(), eth.Total)
		}
		if c := cat(groups, "black"); c.Count.Text() != "<5" {
			t.Errorf("black group %s", c.Count.Text())
		}
		if len(fig.Reach) != len(fig.AttendeeReach) || fig.Reach[0].Code != fig.AttendeeReach[0].Code {
			t.Errorf("reach is not the attendee reach when sessions were counted")
		}
		if len(fig.Respondents) != 3 || fig.Respondents[1].Code != "ethnicGroup" {
			t.Errorf("respondents %+v", fig.Respondents)
		}
		b, _ := json.Marshal(fig)
		for _, leak := range []string{`"value":3,`, "Secretname", "Hiddenname"} {
			if strings.Contains(string(b), leak) {
				t.Errorf("figures JSON holds %q", leak)
			}
		}
	})

	t.Run("GRIPP2", func(t *testing.T) {
		var g *Gripp2
		for i := range fig.Projects {
			if fig.Projects[i].ProjectID == "p1" {
				g = &fig.Projects[i]
			}
		}
		if g == nil {
			t.Fatalf("no GRIPP2 for p1: %+v", fig.Projects)
		}
		if !strings.Contains(g.Results, "outcome o1 (substantial, positive)") || !strings.Contains(g.Results, "outcome o2 (decision changed, negative)") ||
			strings.Contains(g.Results, "outcome o3") {
			t.Errorf("results %q", g.Results)
		}
		if !strings.Contains(g.Discussion, "Clinic opens at 8 (we did: Moved the hours)") ||
			!strings.Contains(g.Discussion, "outcome o1: impact on design, decision") {
			t.Errorf("discussion %q", g.Discussion)
		}
	})

	t.Run("Rows", func(t *testing.T) {
		b, err := NewBuilder(context.Background(), docsSource(), march, now)
		if err != nil {
			t.Fatal(err)
		}
		src := docsSource()
		_ = src.Sessions(context.Background(), march, func(s *involve.Session) error { b.AddSession(s); return nil })
		_ = src.Feedback(context.Background(), march, func(f *involve.Feedback) error { b.AddFeedback(f); return nil })
		var ids []string
		for _, a := range b.Actions() {
			ids = append(ids, a.ID)
		}
		if strings.Join(ids, ",") != "a1,a2,a3,a6" {
			t.Errorf("actions %v", ids)
		}
		rows := b.LEPRows()
		if len(rows) != 3 || rows[0].Pseudonym != "Contributor 1" || rows[0].Entries != 2 || rows[0].MedianDaysToPay != 7 ||
			rows[1].Pseudonym != "Contributor 2" || rows[2].Pseudonym != "Contributor 2" {
			t.Errorf("lep rows %+v", rows)
		}
	})
}

// A borough filter keeps outcomes that name a session inside it and drops records not
// tied to a session; feedback is the source of ethnic minority with no tallies.
func TestFiguresFromDocsNarrowFilters(t *testing.T) {
	now := time.Date(2026, 4, 2, 9, 0, 0, 0, time.Local)
	fig, err := Summarize(context.Background(), docsSource(), Filter{From: "2026-03-01", To: "2026-03-31", Borough: "E09000028"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Actions.Total != 1 || fig.Outcomes.Total != 1 || fig.LEP.Entries != 1 || fig.LEP.MaxDaysToPay != 21 {
		t.Errorf("borough Southwark: %d actions, %d outcomes, %d entries (max days %d); want 1, 1 (o2), 1 (e5), 21",
			fig.Actions.Total, fig.Outcomes.Total, fig.LEP.Entries, fig.LEP.MaxDaysToPay)
	}
	if fig.ReachCounted != 0 || fig.EthnicMinoritySource != "feedback" || fig.Core20.Den != 0 {
		t.Errorf("reach counted %d, source %q, core20 %+v", fig.ReachCounted, fig.EthnicMinoritySource, fig.Core20)
	}
	if len(fig.Reach) != 3 || fig.Reach[0].Code != "ageBand" {
		t.Errorf("reach with no attendees counted is not the respondents: %+v", fig.Reach)
	}
	fig, _ = Summarize(context.Background(), docsSource(), Filter{From: "2027-01-01"}, now)
	if fig.Actions.Total != 0 || fig.LEP.MaxDaysToPay != -1 || fig.LEP.MedianDaysToPay != -1 || fig.Actions.CommunicatedPct.Known() {
		t.Errorf("empty period %+v %+v", fig.Actions, fig.LEP)
	}
}

package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func fields(err error) map[string]string {
	m := map[string]string{}
	for _, f := range involve.ErrorFields(err) {
		m[f.Field] = f.Message
	}
	return m
}

func TestDefaultSessionStatus(t *testing.T) {
	for _, c := range []struct{ date, want string }{
		{"2026-12-06", "held"}, {"2026-01-01", "held"}, {"2026-12-07", "planned"}, {"", "planned"}, {"2026-02-30", "planned"},
	} {
		if got := involve.DefaultSessionStatus(c.date, "2026-12-06"); got != c.want {
			t.Errorf("DefaultSessionStatus(%q) = %q, want %q", c.date, got, c.want)
		}
	}
}

func TestSessionValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		in := involve.SessionInput{Title: "Workshop", Date: "2024-02-29", StartTime: "09:30", EndTime: "11:00", Type: "workshop",
			Borough: "E09000022", InvolvementLevel: "co_produce", Standards: []string{"6"}, AccessSupport: []string{"bsl"}}
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
		if in.Status != "planned" || in.Mode != "in_person" {
			t.Fatalf("defaults: %q %q", in.Status, in.Mode)
		}
	})
	t.Run("EveryProblemAtOnce", func(t *testing.T) {
		in := involve.SessionInput{Title: strings.Repeat("x", 201), Date: "2023-02-29", StartTime: "25:00", EndTime: "10:00",
			Type: "rave", Mode: "telepathy", Borough: "Atlantis", InvolvementLevel: "dictate", EngagementStage: "x",
			Status: "lost", Standards: []string{"7"}, AccessSupport: []string{"jetpack"}, Attendees: -1}
		got := fields(in.Validate())
		for _, f := range []string{"title", "date", "startTime", "type", "mode", "borough", "involvementLevel",
			"engagementStage", "status", "standards", "accessSupport", "attendees"} {
			if got[f] == "" {
				t.Errorf("no error for %s", f)
			}
		}
		if got["endTime"] != "" {
			t.Errorf("end time compared with an invalid start time: %q", got["endTime"])
		}
		if got["title"] != "Session title must be 200 characters or fewer" {
			t.Errorf("title message %q", got["title"])
		}
	})
	t.Run("EndBeforeStart", func(t *testing.T) {
		in := involve.SessionInput{Title: "x", Date: "2026-01-01", Type: "workshop", StartTime: "14:00", EndTime: "14:00"}
		if got := fields(in.Validate()); got["endTime"] != "End time must be after the start time" {
			t.Fatalf("%v", got)
		}
	})
}

func TestFeedbackValidate(t *testing.T) {
	r := func(n int) *int { return &n }
	for _, c := range []struct {
		name  string
		in    involve.FeedbackInput
		field string
	}{
		{"TextRequired", involve.FeedbackInput{SessionID: "s", Text: " \n "}, "text"},
		{"TextTooLong", involve.FeedbackInput{SessionID: "s", Text: strings.Repeat("é", involve.MaxFeedback+1)}, "text"},
		{"RatingHigh", involve.FeedbackInput{SessionID: "s", Text: "x", Rating: r(6)}, "rating"},
		{"RatingLow", involve.FeedbackInput{SessionID: "s", Text: "x", Rating: r(-1)}, "rating"},
		{"Source", involve.FeedbackInput{SessionID: "s", Text: "x", Source: "fax"}, "source"},
		{"AgeBand", involve.FeedbackInput{SessionID: "s", Text: "x", AgeBand: "16-24"}, "ageBand"},
		{"EthnicGroup", involve.FeedbackInput{SessionID: "s", Text: "x", EthnicGroup: "martian"}, "ethnicGroup"},
		{"Session", involve.FeedbackInput{Text: "x"}, "sessionId"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := fields(c.in.Validate())
			if len(got) != 1 || got[c.field] == "" {
				t.Fatalf("errors %v, want exactly one on %s", got, c.field)
			}
		})
	}
	t.Run("DontKnowAndLegacyBandAccepted", func(t *testing.T) {
		in := involve.FeedbackInput{SessionID: "s", Text: "line one\nline two  ", Rating: r(0), AgeBand: "16_24"}
		if err := in.Validate(); err != nil {
			t.Fatal(err)
		}
		if in.Text != "line one\nline two" || in.Source != "comment_card" {
			t.Fatalf("normalised to %q / %q", in.Text, in.Source)
		}
	})
}

func TestProjectValidate(t *testing.T) {
	in := involve.ProjectInput{StartDate: "2026-05-01", EndDate: "2026-04-01", Core20Plus5: []string{"core21"}}
	got := fields(in.Validate())
	if got["name"] != "Enter a project name" || got["endDate"] == "" || got["core20plus5"] == "" {
		t.Fatalf("%v", got)
	}
}

func TestReference(t *testing.T) {
	ref := involve.Reference()
	if n := len(ref.Ethnicities); n != 20 { // 19 categories + prefer not to say
		t.Errorf("%d ethnicities", n)
	}
	groups := map[string]int{}
	for _, e := range ref.Ethnicities {
		groups[e.Group]++
	}
	if groups["asian"] != 5 || groups["black"] != 3 || groups["mixed"] != 4 || groups["white"] != 5 || groups["other"] != 2 {
		t.Errorf("ethnicity groups %v", groups)
	}
	if n := len(ref.Boroughs); n != 15 {
		t.Errorf("%d boroughs", n)
	}
	if c, ok := involve.CodeOf(ref.Boroughs, "richmond upon thames"); !ok || c != "E09000027" {
		t.Errorf("CodeOf borough: %q %v", c, ok)
	}
	if c, ok := involve.CodeOf(ref.SessionTypes, "focus group"); !ok || c != "focus_group" {
		t.Errorf("CodeOf type: %q %v", c, ok)
	}
	if involve.ThemeIDFor(" Access ") != involve.ThemeIDFor("access") {
		t.Error("theme ids depend on case or spaces")
	}
}

package desktop_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestSearchAnswer: the search screen's answer holds actions and outcomes with what
// their links need (kind, id, session, project, the field that matched) and, for a
// misspelt word, the corrected query; its JSON has the names the frontend reads.
func TestSearchAnswer(t *testing.T) {
	a, _, _ := newApp(t)
	p, err := a.CreateProject(involve.ProjectInput{Name: "Interpreting"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.CreateSession(involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "No interpreter at the clinic"})
	if err != nil {
		t.Fatal(err)
	}
	act, err := a.CreateAction(involve.Action{FeedbackIDs: []string{f.ID}, YouSaid: "No interpreter at the clinic",
		WeDid: "Booked interpreter cover for every clinic"})
	if err != nil {
		t.Fatal(err)
	}
	o, err := a.CreateOutcome(involve.Outcome{ProjectID: p.ID, Description: "Interpreter booked at every clinic",
		Direction: "positive", Magnitude: "minor"})
	if err != nil {
		t.Fatal(err)
	}

	ans, err := a.Search("interpreter", 50)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]involve.SearchResult{}
	for _, r := range ans.Results {
		kinds[r.Kind] = r
	}
	if len(ans.Results) != 3 || ans.DidYouMean != "" {
		t.Fatalf("interpreter: %+v", ans)
	}
	if r := kinds["action"]; r.ID != act.ID || r.SessionID != s.ID || r.ProjectID != p.ID || r.Field != "You said" {
		t.Errorf("action result: %+v", r)
	}
	if r := kinds["outcome"]; r.ID != o.ID || r.ProjectID != p.ID || r.Field != "What changed" {
		t.Errorf("outcome result: %+v", r)
	}
	if r := kinds["feedback"]; r.ID != f.ID || r.SessionID != s.ID {
		t.Errorf("feedback result: %+v", r)
	}

	ans, err = a.Search("interpretor", 50)
	if err != nil || len(ans.Results) != 0 || ans.DidYouMean != "interpreter" {
		t.Fatalf("interpretor: %+v, %v", ans, err)
	}
	b, _ := json.Marshal(ans)
	if got := string(b); got != `{"results":[],"didYouMean":"interpreter"}` {
		t.Errorf("JSON: %s", got)
	}
	ans, _ = a.Search("booked", 50)
	b, _ = json.Marshal(ans.Results[0])
	for _, key := range []string{`"kind":`, `"projectId":`, `"field":`, `"sessionId":`, `"snippet":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("a result's JSON has no %s: %s", key, b)
		}
	}
}

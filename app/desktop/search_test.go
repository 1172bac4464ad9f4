package desktop_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/store"
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
	if got := string(b); got != `{"results":[],"didYouMean":"interpreter","notYetSearchable":0}` {
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

// TestSearchSaysWhatIsNotYetSearchable: a large import stores its records without
// indexing them (store.CatchUpSearchIndex); until the app's housekeeping has indexed
// them, the search screen's answer says how many records search cannot find yet, and
// then finds them.
func TestSearchSaysWhatIsNotYetSearchable(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "involve.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	sid := uuid.NewString()
	fmt.Fprintf(&b, `{"kind":"session","id":%q,"title":"Stall","date":"2026-01-10","borough":"Croydon","type":"workshop","level":"involve","facilitator":"Sam Quinn","attendees":20,"notes":"n"}`+"\n", sid)
	const n = 2100 // a large import: left to the indexer
	for j := 0; j < n; j++ {
		fmt.Fprintf(&b, `{"kind":"feedback","id":%q,"session_id":%q,"created_at":"2026-01-10T11:30:34Z","channel":"comment card","rating":3,"themes":["waiting times"],"comment":"Wombat card %d","age_band":"25-34","ethnic_group":"Black","borough":"Croydon","captured_by":"Owen N."}`+"\n",
			uuid.NewString(), sid, j)
	}
	if _, err := jsonl.Import(ctx, db, &b, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir), IntegrityCheckDelay: time.Second})
	desktop.Startup(a, context.Background(), &fakeRuntime{})
	t.Cleanup(func() { desktop.Shutdown(a) })

	ans, err := a.Search("wombat", 10)
	if err != nil || ans.NotYetSearchable != n+1 || len(ans.Results) != 0 {
		t.Fatalf("before the housekeeping: %d not yet searchable, %d results (%v); want %d and 0", ans.NotYetSearchable, len(ans.Results), err, n+1)
	}
	deadline := time.Now().Add(30 * time.Second)
	for ans.NotYetSearchable > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if ans, err = a.Search("wombat", 10); err != nil {
			t.Fatal(err)
		}
	}
	if ans.NotYetSearchable != 0 || len(ans.Results) != 10 {
		t.Errorf("after the housekeeping: %d not yet searchable, %d results", ans.NotYetSearchable, len(ans.Results))
	}
}

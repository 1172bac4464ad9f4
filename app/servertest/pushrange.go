package servertest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// pushAnswer pushes changes and returns the whole answer.
func (d *Device) pushAnswer(changes ...syncapi.Change) syncapi.PushResponse {
	d.E.T.Helper()
	var resp syncapi.PushResponse
	d.E.MustJSON("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes}, 200, &resp)
	return resp
}

// testPushRange: a push answer carries the server's update time on applied changes,
// and since and cursor when its results cover every change a pull would list in that
// run: pulling from since up to cursor brings exactly its records, as the results
// say. A push that made a conflict record gives neither.
func testPushRange(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	f1, f2 := NewFeedback("first"), NewFeedback("second")
	resp := a.pushAnswer(a.Change("feedback", f1, 0), a.Change("feedback", f2, 0))
	if resp.Since != "0" || resp.Cursor != "2" {
		t.Fatalf("first push of a team: since %q, cursor %q; want 0 and 2", resp.Since, resp.Cursor)
	}
	page := b.Pull(resp.Since, 0)
	if page.Cursor != resp.Cursor || len(page.Changes) != 2 {
		t.Fatalf("pull from since: cursor %q, %d changes; want the push's cursor and 2", page.Cursor, len(page.Changes))
	}
	for i, r := range resp.Results {
		got := Feedback(t, page.Changes[i].State)
		if r.Status != syncapi.StatusApplied || r.UpdatedAt == "" || r.UpdatedAt != got.UpdatedAt || r.Rev != got.Rev || len(r.State) != 0 {
			t.Errorf("result %+v; pulled updatedAt %q rev %d", r, got.UpdatedAt, got.Rev)
		}
	}
	// A duplicate and a new change: the run is the new change's.
	f3 := NewFeedback("third")
	resp = a.pushAnswer(a.Change("feedback", f3, 0))
	if resp.Since != "2" || resp.Cursor != "3" {
		t.Errorf("second push: since %q, cursor %q; want 2 and 3", resp.Since, resp.Cursor)
	}
	// A state stored otherwise than sent (here: its fields in another order): the
	// result carries the state stored, and the run stands.
	f4 := a.Change("feedback", NewFeedback("sorted"), 0)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(f4.State, &m); err != nil {
		t.Fatal(err)
	}
	f4.State, _ = json.Marshal(m) // keys in alphabetical order
	resp = a.pushAnswer(f4)
	if resp.Since != "3" || resp.Cursor != "4" {
		t.Errorf("push of a state stored otherwise: since %q, cursor %q; want 3 and 4", resp.Since, resp.Cursor)
	}
	if page := b.Pull("3", 0); len(page.Changes) != 1 || string(resp.Results[0].State) != string(page.Changes[0].State) {
		t.Errorf("result state %s; want the state stored, as pulled (%d changes)", resp.Results[0].State, len(page.Changes))
	} else if resp.Results[0].Status != syncapi.StatusApplied || resp.Results[0].UpdatedAt == "" {
		t.Errorf("result %+v; want applied with the server's update time", resp.Results[0])
	}
	// Only duplicates: nothing stored, no run.
	c := a.Change("feedback", NewFeedback("fourth"), 0)
	a.Push(c)
	if resp = a.pushAnswer(c); resp.Results[0].Status != syncapi.StatusDuplicate || resp.Since != "" || resp.Cursor != "" {
		t.Errorf("a push of a duplicate: %+v; want no since or cursor", resp)
	}
	// A conflict record is not in the results: no run.
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.Text, fb.Text = "A's words", "B's words"
	ca := a.Change("feedback", fa, baseRev)
	e.Clock.Advance(time.Second)
	a.Push(ca)
	resp = b.pushAnswer(b.Change("feedback", fb, baseRev))
	if resp.Results[0].Status != syncapi.StatusConflict || resp.Since != "" || resp.Cursor != "" {
		t.Errorf("a push that made a conflict: since %q, cursor %q, %+v; want neither", resp.Since, resp.Cursor, resp.Results[0])
	}
}

package servertest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

func testPushDuplicate(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	batch := []syncapi.Change{d.Change("feedback", NewFeedback("one"), 0), d.Change("feedback", NewFeedback("two"), 0), d.Change("feedback", NewFeedback("three"), 0)}
	first := d.Push(batch...)
	for i, r := range first {
		if r.Status != syncapi.StatusApplied || r.Rev != batch[i].Rev {
			t.Errorf("first push result %d = %+v, want applied at rev %d", i, r, batch[i].Rev)
		}
	}
	second := d.Push(batch...)
	for i, r := range second {
		if r.Status != syncapi.StatusDuplicate || r.Rev != first[i].Rev {
			t.Errorf("second push result %d = %+v, want duplicate at rev %d", i, r, first[i].Rev)
		}
	}
	page := d.Pull("", 0)
	if len(page.Changes) != 3 || page.More {
		t.Fatalf("pull after the same batch twice: %d changes (more %v), want 3", len(page.Changes), page.More)
	}
	for _, c := range page.Changes {
		f := Feedback(t, c.State)
		if f.TeamID != tm.ID || f.Rev != c.Rev || f.UpdatedAt != "2026-11-24T10:00:00.000Z" || c.Entity != "feedback" || c.RecordID != f.ID {
			t.Errorf("stored state %s: the server sets teamId, rev and updatedAt", c.State)
		}
	}
	// A batch that repeats a change id inside itself.
	c := d.Change("feedback", NewFeedback("four"), 0)
	res := d.Push(c, c)
	if res[0].Status != syncapi.StatusApplied || res[1].Status != syncapi.StatusDuplicate {
		t.Errorf("repeated change id in one batch: %+v", res)
	}
}

func testLostResponse(t *testing.T, open Open) {
	_, d, other := envWithTwoDevices(t, open)
	f := NewFeedback("first")
	c := d.Change("feedback", f, 0)
	// The server commits but the answer never arrives (the connection drops): the
	// device sends the same change again, after another device changed the record.
	d.Push(c)
	g := *f
	g.Text = "edited elsewhere"
	other.Push(other.Change("feedback", &g, c.Rev))
	res := d.Push(c)
	if res[0].Status != syncapi.StatusDuplicate || res[0].Rev != c.Rev {
		t.Errorf("resent change: %+v, want duplicate with its first rev %d", res[0], c.Rev)
	}
	if got := d.PullAll(); len(got) != 1 || Feedback(t, got[f.ID].State).Text != "edited elsewhere" {
		t.Errorf("the resent change was applied again: %+v", got)
	}
}

func testRejected(t *testing.T, open Open) {
	_, d := envWithDevice(t, open)
	bad := d.Change("feedback", NewFeedback(""), 0) // feedback needs text
	good := d.Change("feedback", NewFeedback("fine"), 0)
	res := d.Push(bad, good)
	if res[0].Status != syncapi.StatusRejected || res[0].Code != syncapi.EINVALID || !strings.Contains(res[0].Reason, "Enter the feedback") {
		t.Errorf("invalid change: %+v, want rejected with the reason", res[0])
	}
	if res[1].Status != syncapi.StatusApplied {
		t.Errorf("a rejected change blocked the next: %+v", res[1])
	}
	again := d.Push(bad)
	if again[0].Status != syncapi.StatusRejected || again[0].Reason != res[0].Reason || again[0].Code != res[0].Code {
		t.Errorf("resent rejected change: %+v, want the same rejection", again[0])
	}
	if got := d.PullAll(); len(got) != 1 {
		t.Errorf("pull: %d records, want only the valid one", len(got))
	}
}

func testUnknownEntity(t *testing.T, open Open) {
	_, d := envWithDevice(t, open)
	c := d.Change("feedback", NewFeedback("x"), 0)
	c.Entity = "payment"
	unknownField := d.Change("feedback", NewFeedback("y"), 0)
	unknownField.State = json.RawMessage(strings.Replace(string(unknownField.State), `{`, `{"secret":1,`, 1))
	wrongID := d.Change("feedback", NewFeedback("z"), 0)
	wrongID.RecordID = uuid.NewString()
	badChangeID := d.Change("feedback", NewFeedback("w"), 0)
	badChangeID.ChangeID = "not-a-uuid"
	notObject := d.Change("feedback", NewFeedback("v"), 0)
	notObject.State = json.RawMessage(`[1,2]`)
	res := d.Push(c, unknownField, wrongID, badChangeID, notObject)
	for i, r := range res {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID || r.Reason == "" {
			t.Errorf("change %d: %+v, want rejected invalid with a reason", i, r)
		}
	}
	if !strings.Contains(res[0].Reason, "payment") || !strings.Contains(res[1].Reason, "secret") {
		t.Errorf("reasons do not say what is wrong: %q, %q", res[0].Reason, res[1].Reason)
	}
	if got := d.PullAll(); len(got) != 0 {
		t.Errorf("rejected changes stored: %d records", len(got))
	}
}

func testEntityMismatch(t *testing.T, open Open) {
	_, d := envWithDevice(t, open)
	f := NewFeedback("x")
	res := d.Push(d.Change("feedback", f, 0))
	th := &involve.Theme{Label: "Access"}
	th.ID = f.ID
	res = d.Push(d.Change("theme", th, res[0].Rev))
	if res[0].Status != syncapi.StatusRejected {
		t.Errorf("a theme change to a feedback record: %+v, want rejected", res[0])
	}
}

func testStaleRev(t *testing.T, open Open) {
	_, a, b := envWithTwoDevices(t, open)
	f := NewFeedback("x")
	c := a.Change("feedback", f, 0)
	c.Rev = 1 << 40 // far in the future
	r1 := a.Push(c)[0]
	// b's clock is behind: its rev is lower than the current one, but it edits the
	// current revision, so the change applies with current + 1.
	g := *f
	g.Text = "y"
	c2 := b.Change("feedback", &g, r1.Rev)
	c2.Rev = 5
	r2 := b.Push(c2)[0]
	if r2.Status != syncapi.StatusApplied || r2.Rev != r1.Rev+1 {
		t.Errorf("change with a lower rev: %+v, want applied at %d", r2, r1.Rev+1)
	}
	if got := a.PullAll()[f.ID]; got.Rev != r1.Rev+1 || Feedback(t, got.State).Rev != r1.Rev+1 {
		t.Errorf("pulled %+v", got)
	}
}

func testAudit(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	ok := d.Change("feedback", NewFeedback("x"), 0)
	bad := d.Change("feedback", NewFeedback(""), 0)
	d.Push(ok, bad, d.Change("feedback", NewFeedback("y"), 0))
	d.Push(ok)
	log, err := e.Store.ListAudit(context.Background(), tm.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pushes []string
	enrols := 0
	for _, a := range log {
		switch a.Action {
		case "push":
			pushes = append(pushes, a.Detail)
			if a.DeviceID != d.ID {
				t.Errorf("push audited for device %q, want %q", a.DeviceID, d.ID)
			}
		case "enrol":
			enrols++
		}
	}
	if enrols != 1 {
		t.Errorf("%d enrolment lines, want 1", enrols)
	}
	want := []string{"1 change: 1 duplicate", "3 changes: 2 applied, 1 rejected"}
	if fmt.Sprint(pushes) != fmt.Sprint(want) {
		t.Errorf("push audit lines %q, want %q (one per push, newest first)", pushes, want)
	}
}

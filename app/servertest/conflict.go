package servertest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// shared sets up a feedback item both devices have at the same revision.
func shared(t *testing.T, a, b *Device, text string) (*involve.Feedback, int64) {
	t.Helper()
	f := NewFeedback(text)
	rating := 4
	f.Rating = &rating
	r := a.Push(a.Change("feedback", f, 0))[0]
	if r.Status != syncapi.StatusApplied {
		t.Fatalf("create: %+v", r)
	}
	got := b.PullAll()[f.ID]
	return Feedback(t, got.State), got.Rev
}

func clone(f *involve.Feedback) *involve.Feedback {
	g := *f
	g.Themes = append([]string{}, f.Themes...)
	if f.Rating != nil {
		r := *f.Rating
		g.Rating = &r
	}
	return &g
}

func testMergeFields(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b, c := e.Enrol(tm.ID), e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "the bus is late")
	fa := clone(base)
	fa.Text = "the 176 bus is always late"
	fb := clone(base)
	five := 5
	fb.Rating = &five
	fb.Themes = []string{"transport"}
	ra := a.Push(a.Change("feedback", fa, baseRev))[0]
	rb := b.Push(b.Change("feedback", fb, baseRev))[0]
	if ra.Status != syncapi.StatusApplied {
		t.Fatalf("first edit: %+v", ra)
	}
	if rb.Status != syncapi.StatusMerged || len(rb.Conflicts) != 0 || rb.Rev <= ra.Rev || rb.Rev <= b.rev {
		t.Fatalf("concurrent edit of other fields: %+v, want merged at a rev above both", rb)
	}
	m := Feedback(t, rb.State)
	if m.Text != fa.Text || m.Rating == nil || *m.Rating != 5 || len(m.Themes) != 1 || m.Themes[0] != "transport" || m.Rev != rb.Rev {
		t.Errorf("merged state %s keeps both edits?", rb.State)
	}
	pulled := c.PullAll()
	if got := pulled[base.ID]; got.Rev != rb.Rev || !syncapi.Equal(got.State, rb.State) {
		t.Errorf("third device pulls %s at %d, want the merged state at %d", got.State, got.Rev, rb.Rev)
	}
	for _, p := range pulled {
		if p.Entity == "conflict" {
			t.Errorf("a merge of different fields made a conflict: %s", p.State)
		}
	}
}

func conflictsOf(t *testing.T, pulled map[string]syncapi.PulledChange) []*involve.Conflict {
	t.Helper()
	var out []*involve.Conflict
	for _, p := range pulled {
		if p.Entity != "conflict" {
			continue
		}
		c := &involve.Conflict{}
		if _, _, err := syncapi.DecodeState("conflict", p.RecordID, p.State, nil); err != nil {
			t.Errorf("conflict record does not validate: %v: %s", err, p.State)
		}
		if err := json.Unmarshal(p.State, c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func testConflict(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	a, b, c := e.Enrol(tm.ID), e.Enrol(tm.ID), e.Enrol(tm.ID)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.Text, fb.Text = "A's words", "B's words"
	ca := a.Change("feedback", fa, baseRev)
	e.Clock.Advance(time.Second)
	cb := b.Change("feedback", fb, baseRev) // later clock: the higher rev wins
	a.Push(ca)
	rb := b.Push(cb)[0]
	if rb.Status != syncapi.StatusConflict || len(rb.Conflicts) != 1 {
		t.Fatalf("same field edited twice: %+v, want conflict with one conflict record", rb)
	}
	if got := Feedback(t, rb.State).Text; got != "B's words" {
		t.Errorf("winner %q, want the higher revision's %q", got, "B's words")
	}
	pulled := c.PullAll()
	cs := conflictsOf(t, pulled)
	if len(cs) != 1 {
		t.Fatalf("third device pulls %d conflicts, want 1", len(cs))
	}
	k := cs[0]
	if k.ID != rb.Conflicts[0] || k.RecordID != base.ID || k.Entity != "feedback" || k.Field != "text" || k.Status != "open" ||
		jsonString(k.Winner.Value) != "B's words" || jsonString(k.Loser.Value) != "A's words" || jsonString(k.Base) != "original" ||
		k.Winner.DeviceID != b.ID || k.Loser.DeviceID != a.ID || k.Winner.Rev != cb.Rev || k.Loser.Rev != ca.Rev ||
		k.DeviceID != "server" || k.TeamID != tm.ID || k.Loser.By == "" {
		t.Errorf("conflict record = %+v", k)
	}
	// Replaying the conflicting change makes nothing new.
	if again := b.Push(cb)[0]; again.Status != syncapi.StatusDuplicate || len(again.Conflicts) != 1 || again.Conflicts[0] != k.ID {
		t.Errorf("replayed conflicting change: %+v", again)
	}
	if n := len(conflictsOf(t, c.PullAll())); n != 1 {
		t.Errorf("%d conflicts after a replay, want 1", n)
	}
	// A device resolves the conflict: the record with the chosen value and the
	// conflict marked resolved.
	kc := *k
	kc.Status, kc.Resolution, kc.ResolvedAt, kc.ResolvedBy = "resolved", "replaced", involve.FormatTime(e.Clock.Now()), "User C"
	fc := Feedback(t, pulled[base.ID].State)
	fc.Text = "A's words"
	res := c.Push(c.Change("feedback", fc, pulled[base.ID].Rev), c.Change("conflict", &kc, pulled[k.ID].Rev))
	if res[0].Status != syncapi.StatusApplied || res[1].Status != syncapi.StatusApplied {
		t.Errorf("resolution: %+v", res)
	}
	after := conflictsOf(t, a.PullAll())
	if len(after) != 1 || after[0].Status != "resolved" {
		t.Errorf("after resolving: %+v", after)
	}
}

func jsonString(v json.RawMessage) string {
	var s string
	json.Unmarshal(v, &s)
	return s
}

func testConflictServerWins(t *testing.T, open Open) {
	e, a, b := envWithTwoDevices(t, open)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.Text, fb.Text = "A's words", "B's words"
	cb := b.Change("feedback", fb, baseRev)
	e.Clock.Advance(time.Second)
	ca := a.Change("feedback", fa, baseRev) // higher rev, pushed first
	a.Push(ca)
	rb := b.Push(cb)[0]
	if rb.Status != syncapi.StatusConflict || Feedback(t, rb.State).Text != "A's words" {
		t.Errorf("late push with the lower rev: %+v, want conflict keeping A's words", rb)
	}
	cs := conflictsOf(t, a.PullAll())
	if len(cs) != 1 || jsonString(cs[0].Loser.Value) != "B's words" || cs[0].Loser.DeviceID != b.ID {
		t.Errorf("conflicts = %+v", cs)
	}
}

func testDeleteVsEdit(t *testing.T, open Open) {
	e, a, b := envWithTwoDevices(t, open)
	base, baseRev := shared(t, a, b, "original")
	fa, fb := clone(base), clone(base)
	fa.DeletedAt = involve.FormatTime(e.Clock.Now())
	fb.Text = "edited while A deleted it"
	if r := a.Push(a.Change("feedback", fa, baseRev))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("delete: %+v", r)
	}
	rb := b.Push(b.Change("feedback", fb, baseRev))[0]
	if rb.Status != syncapi.StatusConflict {
		t.Fatalf("edit against delete: %+v, want conflict", rb)
	}
	m := Feedback(t, rb.State)
	if m.DeletedAt == "" || m.Text != "edited while A deleted it" {
		t.Errorf("merged %s: want deleted, with the edit kept in the tombstone", rb.State)
	}
	cs := conflictsOf(t, b.PullAll())
	if len(cs) != 1 || cs[0].Field != "deletedAt" {
		t.Errorf("conflicts = %+v, want one on deletedAt", cs)
	}
}

func testRestoreVsDelete(t *testing.T, open Open) {
	e, a, b := envWithTwoDevices(t, open)
	base, baseRev := shared(t, a, b, "original")
	del := clone(base)
	del.DeletedAt = involve.FormatTime(e.Clock.Now())
	rd := a.Push(a.Change("feedback", del, baseRev))[0]
	// Both devices now have the tombstone. A restores it; B, not knowing, edits
	// the deleted record's text (still deleted on B).
	tomb := Feedback(t, b.PullAll()[base.ID].State)
	fa, fb := clone(tomb), clone(tomb)
	fa.DeletedAt = ""
	fb.Text = "edited in the bin"
	if r := a.Push(a.Change("feedback", fa, rd.Rev))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("restore: %+v", r)
	}
	rb := b.Push(b.Change("feedback", fb, rd.Rev))[0]
	if rb.Status != syncapi.StatusMerged && rb.Status != syncapi.StatusConflict {
		t.Fatalf("edit of the deleted record against a restore: %+v", rb)
	}
	m := Feedback(t, rb.State)
	if m.DeletedAt != "" || m.Text != "edited in the bin" {
		t.Errorf("merged %s: the restore wins (record back) and keeps the edit", rb.State)
	}
}

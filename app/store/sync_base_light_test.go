package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestLightBasesOfAPull: a pulled session or feedback item written to its row has a
// light sync base (state ”), unless it is parked or its state would not read back
// from the row (a null list); a local edit freezes the base first (it keeps the pulled
// state), and the same page pulled again writes nothing.
func TestLightBasesOfAPull(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := remoteSession("Light", 10)
	s.QuestionSets = []string{}
	nullLists := remoteSession("Null lists", 11) // questionSets null: the row reads it back as []
	f := remoteFeedback(s.ID, "The 37 never comes", 12)
	orphan := remoteFeedback(newID(), "Its session is not here", 13)
	page := []syncapi.PulledChange{pulled(t, "session", s, 10, 1), pulled(t, "session", nullLists, 11, 2),
		pulled(t, "feedback", f, 12, 3), pulled(t, "feedback", orphan, 13, 4)}
	if tl, err := syncer.ApplyPullPage(ctx, db, page, "4"); err != nil || tl.Written != 3 || tl.Parked != 1 {
		t.Fatalf("pull: %+v %v", tl, err)
	}
	state := func(entity, id string) string {
		var st string
		if err := db.QueryRowForTest(ctx, `SELECT state FROM sync_base WHERE entity = ? AND record_id = ?`, entity, id).Scan(&st); err != nil {
			t.Fatalf("sync_base %s %s: %v", entity, id, err)
		}
		return st
	}
	for _, c := range []struct {
		entity, id string
		light      bool
	}{{"session", s.ID, true}, {"session", nullLists.ID, false}, {"feedback", f.ID, true}, {"feedback", orphan.ID, false}} {
		if got := state(c.entity, c.id) == ""; got != c.light {
			t.Errorf("%s %s: light %v, want %v", c.entity, c.id, got, c.light)
		}
	}
	edited := f.FeedbackInput
	edited.Text = "The 37 comes every hour"
	if _, err := db.UpdateFeedback(ctx, f.ID, f.FeedbackInput, edited); err != nil {
		t.Fatal(err)
	}
	var base involve.Feedback
	if err := json.Unmarshal([]byte(state("feedback", f.ID)), &base); err != nil {
		t.Fatalf("the base after an edit: %v (want the frozen pulled state)", err)
	}
	if base.Text != f.Text || base.Rev != 12 {
		t.Errorf("the frozen base: text %q rev %d, want %q 12", base.Text, base.Rev, f.Text)
	}
	if rev, _ := baseRev(t, db, "feedback", f.ID); rev != 12 {
		t.Errorf("base revision %d, want 12", rev)
	}
	// the light session's base is its row: the same version pulled again is not
	// written, and its base stays light
	if tl, err := syncer.ApplyPullPage(ctx, db, page[:2], "4"); err != nil || tl.Written != 0 {
		t.Fatalf("the same sessions again: %+v %v, want nothing written", tl, err)
	}
	if state("session", s.ID) != "" {
		t.Errorf("the session's base after the same version pulled again is not light")
	}
}

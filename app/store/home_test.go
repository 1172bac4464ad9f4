package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// The home screen's counts: live feedback, today's (the local day), and what needs a
// response; deleted items count in none (one scan of feedback: migration 0010 dropped
// the index by time).
func TestHomeCounts(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Now()
	s := mustSession(t, db, "Drop-in")
	add := func(at time.Time, needs bool) involve.Feedback {
		t.Helper()
		db.Now = func() time.Time { return at }
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "A comment", NeedsResponse: needs})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	add(now, true)
	add(now, false)
	add(now.AddDate(0, 0, -2), true)
	if err := db.DeleteFeedback(ctx, add(now, true).ID); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	h, err := db.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c := h.Counts; c.Sessions != 1 || c.Feedback != 3 || c.FeedbackToday != 2 || c.NeedsResponse != 2 {
		t.Errorf("home counts %+v; want 1 session, 3 items, 2 today, 2 needing a response", c)
	}
}

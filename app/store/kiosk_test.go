package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// KioskResponses counts only the kiosk's own items in the session since kiosk mode
// started, and not deleted ones: the number staff are told when they leave.
func TestKioskResponses(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-12-06", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.CreateSession(ctx, involve.SessionInput{Title: "Other", Date: "2026-12-06", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	add := func(session, source string) involve.Feedback {
		t.Helper()
		now = now.Add(time.Minute)
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: session, Text: "card", Source: source})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	add(s.ID, involve.SourceKiosk) // an earlier kiosk run
	startedAt := involve.FormatTime(now.Add(30 * time.Second))
	add(s.ID, involve.SourceKiosk)
	add(s.ID, involve.SourceKiosk)
	gone := add(s.ID, involve.SourceKiosk)
	add(s.ID, "comment_card")          // staff typing at the same stall
	add(other.ID, involve.SourceKiosk) // another session
	if err := db.DeleteFeedback(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	n, err := db.KioskResponses(ctx, s.ID, startedAt)
	if err != nil || n != 2 {
		t.Fatalf("KioskResponses = %d, %v; want 2", n, err)
	}
}

func TestStallName(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if n, err := db.StallName(ctx); err != nil || n != "" {
		t.Fatalf("StallName at first = %q, %v; want empty", n, err)
	}
	if err := db.SetStallName(ctx, "  Healthwatch Lambeth  "); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.StallName(ctx); n != "Healthwatch Lambeth" {
		t.Fatalf("StallName = %q, want it trimmed", n)
	}
	for _, bad := range []string{strings.Repeat("é", 101), "two\nlines", "tab\there"} {
		if err := db.SetStallName(ctx, bad); involve.ErrorCode(err) != involve.EINVALID || involve.ErrorFields(err)[0].Field != "stallName" {
			t.Errorf("SetStallName(%q) = %v, want invalid stallName", bad, err)
		}
	}
	if err := db.SetStallName(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.StallName(ctx); n != "" {
		t.Fatalf("StallName after clearing = %q", n)
	}
}

package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Focus group at the Café Bridge", Date: "2026-10-01", Type: "focus_group"})
	if err != nil {
		t.Fatal(err)
	}
	other := mustSession(t, db, "Steering group")
	db.SaveSessionNotes(ctx, other.ID, "People said the pharmacy opening hours are confusing.")
	f1, _ := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The waiting room was <cold> & the staff were kind"})
	f2, _ := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: other.ID, Text: "Waited two weeks for a GP appointment, waiting waiting"})
	db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: other.ID, Text: "Nothing to do with it"})

	ids := func(q string) []string {
		t.Helper()
		res, err := db.Search(ctx, q, 20)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var out []string
		for _, r := range res {
			out = append(out, r.ID)
		}
		return out
	}

	t.Run("DiacriticsInsensitive", func(t *testing.T) {
		if got := ids("cafe"); len(got) != 1 || got[0] != s.ID {
			t.Fatalf("cafe found %v, want the session %s", got, s.ID)
		}
		if got := ids("CAFÉ bridge"); len(got) != 1 {
			t.Fatalf("CAFÉ bridge found %v", got)
		}
	})
	t.Run("Prefix", func(t *testing.T) {
		got := ids("wait")
		if len(got) != 2 {
			t.Fatalf("wait found %v, want 2 feedback items", got)
		}
		if got[0] != f2.ID {
			t.Errorf("ranking: the item saying 'wait…' three times should come first, got %v", got)
		}
	})
	t.Run("Notes", func(t *testing.T) {
		res, _ := db.Search(ctx, "pharm", 10)
		if len(res) != 1 || res[0].Kind != "session" || res[0].ID != other.ID {
			t.Fatalf("notes search: %+v", res)
		}
	})
	t.Run("SnippetEscapedAndMarked", func(t *testing.T) {
		res, _ := db.Search(ctx, "cold", 10)
		if len(res) != 1 || res[0].ID != f1.ID || res[0].SessionID != s.ID || res[0].Title != s.Title {
			t.Fatalf("got %+v", res)
		}
		snip := res[0].Snippet
		if !strings.Contains(snip, "&lt;<mark>cold</mark>&gt;") || !strings.Contains(snip, "&amp;") {
			t.Fatalf("snippet not escaped/marked: %q", snip)
		}
	})
	t.Run("PunctuatedWordsArePhrases", func(t *testing.T) {
		ae, _ := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Four hours in A&E last night"})
		db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "A nurse explained everything"})
		if got := ids("A&E"); len(got) != 1 || got[0] != ae.ID {
			t.Fatalf("A&E found %v, want only %s", got, ae.ID)
		}
		if got := ids("a&e four"); len(got) != 1 {
			t.Fatalf("a&e four found %v", got)
		}
		// a one-letter last word is matched whole, not as a prefix of every word
		if got := ids("nurse e"); len(got) != 0 {
			t.Fatalf("'nurse e' found %v: 'e' must not match 'explained'", got)
		}
		if got := ids("nurse ex"); len(got) != 1 {
			t.Fatalf("'nurse ex' found %v", got)
		}
		db.DeleteFeedback(ctx, ae.ID)
	})
	t.Run("SyntaxIsInert", func(t *testing.T) {
		for _, q := range []string{`"`, `wait OR`, `NEAR(`, `*`, `col:wait`, `-`, `'); DROP TABLE feedback; --`} {
			if _, err := db.Search(ctx, q, 10); err != nil {
				t.Errorf("query %q: %v", q, err)
			}
		}
		if got := ids("   "); len(got) != 0 {
			t.Fatalf("blank query found %v", got)
		}
	})
	t.Run("FollowsEditsAndDeletes", func(t *testing.T) {
		db.UpdateFeedback(ctx, f1.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: s.ID, Text: "The room was freezing"})
		if got := ids("cold"); len(got) != 0 {
			t.Fatalf("old text still found: %v", got)
		}
		if got := ids("freez"); len(got) != 1 {
			t.Fatalf("new text not found: %v", got)
		}
		db.DeleteFeedback(ctx, f1.ID)
		if got := ids("freez"); len(got) != 0 {
			t.Fatalf("deleted feedback found: %v", got)
		}
		db.RestoreFeedback(ctx, f1.ID)
		if got := ids("freez"); len(got) != 1 {
			t.Fatalf("restored feedback not found: %v", got)
		}
		db.DeleteSession(ctx, other.ID)
		if got := ids("pharmacy"); len(got) != 0 {
			t.Fatalf("deleted session found: %v", got)
		}
	})
}

func TestMergeSearchIndex(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := mustSession(t, db, "Merging")
	for i := 0; i < 40; i++ { // one segment per transaction while automerge is off
		db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "segment text number " + strings.Repeat("x", i%5+1)})
	}
	if err := db.MergeSearchIndex(ctx, 500); err != nil {
		t.Fatal(err)
	}
	res, err := db.Search(ctx, "segment", 100)
	if err != nil || len(res) != 40 {
		t.Fatalf("after merging: %d results, %v", len(res), err)
	}
}

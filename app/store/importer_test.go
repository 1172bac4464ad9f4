package store_test

import (
	"context"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// A feedback item the database already has is told apart from a new one although the
// statement before it inserted a row (the new item's insert reports its own count of
// rows changed, not the previous statement's): a newer revision replaces it, the same
// revision is skipped, and each new item gets its own row.
func TestImportFeedbackNewAndExisting(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db)
	g := remoteFeedback(s.ID, "A new comment", 2)
	g.TeamID = ""
	newer, same := f, f
	newer.Text, newer.Rev = "A newer text", f.Rev+1
	same.Text = "Same revision: ignored"
	h := remoteFeedback(s.ID, "Another new comment", 2)
	h.TeamID = ""
	var written, skipped int
	if err := db.Import(ctx, func(im *store.Importer) error {
		for _, x := range []*involve.Feedback{&g, &newer, &h, &same} {
			if err := im.PutFeedback(x); err != nil {
				return err
			}
		}
		written, skipped = im.Written, im.Skipped
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if written != 3 || skipped != 1 {
		t.Fatalf("written %d, skipped %d; want 3 and 1", written, skipped)
	}
	for id, want := range map[string]string{f.ID: newer.Text, g.ID: g.Text, h.ID: h.Text} {
		got, err := db.FindFeedbackByID(ctx, id)
		if err != nil || got.Text != want {
			t.Fatalf("%s: %q (%v), want %q", id, got.Text, err, want)
		}
	}
	hits, err := db.Search(ctx, "newer", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search for the newer text: %d hits (%v)", len(hits), err)
	}
}

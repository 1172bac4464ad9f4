package store_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

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

// An import's light entries hold no change id and no timestamps; each gets a change id
// when it is first taken to be pushed, kept for a resend (the server dedupes on it).
func TestImportLightEntryGetsChangeIDWhenTaken(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	importTwo(t, db)
	var ids, stamps int
	if err := db.QueryRowForTest(ctx, `SELECT count(change_id), coalesce(sum(length(created_at) + length(updated_at)), 0) FROM outbox`).
		Scan(&ids, &stamps); err != nil || ids != 0 || stamps != 0 {
		t.Fatalf("the import's entries hold %d change ids and %d bytes of timestamps (%v)", ids, stamps, err)
	}
	for _, e := range pending(t, db) {
		if e.ChangeID != "" {
			t.Fatalf("a light entry not taken lists change id %q", e.ChangeID)
		}
	}
	first, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(first) != 2 {
		t.Fatalf("batch %d %v", len(first), err)
	}
	if first[0].ChangeID == first[1].ChangeID {
		t.Fatalf("two entries were given the same change id %q", first[0].ChangeID)
	}
	for _, e := range first {
		if _, err := uuid.Parse(e.ChangeID); err != nil {
			t.Fatalf("change id %q: %v", e.ChangeID, err)
		}
		var stored string
		// kept where the entry waits (outbox_import.go)
		if err := db.QueryRowForTest(ctx, `SELECT change_id FROM outbox_import WHERE seq = ?`, e.Seq).Scan(&stored); err != nil || stored != e.ChangeID {
			t.Fatalf("outbox_import holds %q for a change sent as %q (%v)", stored, e.ChangeID, err)
		}
	}
	again, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(again) != 2 || again[0].ChangeID != first[0].ChangeID || again[1].ChangeID != first[1].ChangeID {
		t.Fatalf("resent %+v (%v), first sent %+v", again, err, first)
	}
}

// The import's light entries, written in groups, keep the order the records were
// written in among the entries with a state (a theme made for a label half-way).
func TestImportKeepsOutboxOrder(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := remoteSession("Ordered workshop", 3)
	s.TeamID = ""
	var want []string
	if err := db.Import(ctx, func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		want = append(want, "session "+s.ID)
		for i := range 1200 {
			if i == 700 {
				id, err := im.ThemeID("Bus stops far from the door")
				if err != nil {
					return err
				}
				want = append(want, "theme "+id)
			}
			f := remoteFeedback(s.ID, "Comment in order", 2)
			f.TeamID = ""
			if err := im.PutFeedback(&f); err != nil {
				return err
			}
			want = append(want, "feedback "+f.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	list, err := db.PendingChanges(ctx, 5000)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Fatalf("%d entries queued, want %d", len(list), len(want))
	}
	for i, e := range list {
		if got := e.Entity + " " + e.RecordID; got != want[i] || (i > 0 && e.Seq <= list[i-1].Seq) {
			t.Fatalf("entry %d is %s (seq %d), want %s", i, got, e.Seq, want[i])
		}
		if e.Entity == involve.EntityFeedback && (e.BaseRev != 0 || e.Rev != 2 || len(e.State) == 0) {
			t.Fatalf("entry %d: base %d rev %d state %s", i, e.BaseRev, e.Rev, e.State)
		}
	}
}

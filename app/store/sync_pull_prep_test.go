package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

// A pulled feedback item's arguments are worked out as its page is decoded
// (sync_pull_prep.go), before anything in the transaction is applied. When an erasure
// is held, an old state of an item it erased, pulled after it, is still erased before
// it is written: its row, the search index and the files hold none of its words.
func TestPreparedFeedbackErasedBeforeWritten(t *testing.T) {
	ctx := context.Background()
	a := storetest.Open(t)
	setLocalRole(t, a, "lead")
	s := mustSession(t, a, "Listening event")
	rating := 3
	f, err := a.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card", Rating: &rating,
		Text: "The zorbicprep clinic letter was late", Themes: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	old := f // its state before the erasure, as an unfinished push might bring it back
	res, err := a.Erase(ctx, involve.EntityFeedback, f.ID, "")
	if err != nil {
		t.Fatal(err)
	}

	b, path := storetest.OpenPath(t)
	pullPage(t, b, "staff", "c1", pulled(t, involve.EntitySession, &s, s.Rev, 1))
	pullPage(t, b, "staff", "c2", pulled(t, involve.EntityErasure, &res.Erasure, 10, 2))
	pullPage(t, b, "staff", "c3", pulled(t, involve.EntityFeedback, &old, old.Rev+1, 3))

	got, err := b.FindFeedbackByID(ctx, f.ID)
	if err != nil || got.Text != involve.ErasedText || got.Rating == nil || *got.Rating != 3 {
		t.Fatalf("pulled after its erasure: %+v, %v", got, err)
	}
	if _, err := b.CatchUpSearchIndex(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if hits, err := b.Search(ctx, "zorbicprep", 10); err != nil || len(hits) != 0 {
		t.Errorf("search: %v, %v", hits, err)
	}
	if found := foldHolds(t, filepath.Dir(path), []string{"zorbicprep"}); len(found) > 0 {
		t.Errorf("the data folder holds: %v", found)
	}
}

package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// importTwo imports a session and a feedback item as `involve import` does.
func importTwo(t *testing.T, db *store.DB) (involve.Session, involve.Feedback) {
	t.Helper()
	ctx := context.Background()
	s := remoteSession("Imported workshop", 3)
	s.TeamID = ""
	f := remoteFeedback(s.ID, "Imported comment about the café", 4)
	f.TeamID = ""
	if err := db.Import(ctx, func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		return im.PutFeedback(&f)
	}); err != nil {
		t.Fatal(err)
	}
	return s, f
}

// An import queues its sessions and feedback as light entries (the record, not a copy
// of it): the outbox holds no state for them, and what is pushed is the record's row.
func TestImportQueuesLightEntries(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db)

	// they wait in outbox_import, named by their rows (outbox_import.go)
	var n, imported, stored int
	if err := db.QueryRowForTest(ctx, `SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox_import)`).Scan(&n, &imported); err != nil {
		t.Fatal(err)
	}
	if n != 0 || imported != 2 {
		t.Fatalf("the import queued %d outbox entries and %d import entries; want 2 import entries", n, imported)
	}
	list := pending(t, db)
	if len(list) != 2 {
		t.Fatalf("pending %d", len(list))
	}
	var gotS involve.Session
	var gotF involve.Feedback
	if err := json.Unmarshal(list[0].State, &gotS); err != nil || gotS.ID != s.ID || gotS.Title != s.Title || gotS.Rev != 3 {
		t.Fatalf("session state %s %v", list[0].State, err)
	}
	if err := json.Unmarshal(list[1].State, &gotF); err != nil || gotF.ID != f.ID || gotF.Text != f.Text || gotF.SessionID != s.ID {
		t.Fatalf("feedback state %s %v", list[1].State, err)
	}

	// Taken to be pushed, an entry keeps the state it was sent with: a resend after an
	// interrupted sync sends the same, although the record changed meanwhile.
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) != 2 {
		t.Fatalf("batch %d %v", len(b), err)
	}
	if err := db.QueryRowForTest(ctx, `SELECT coalesce(sum(length(state)), 0) FROM outbox`).Scan(&stored); err != nil || stored != 0 {
		t.Fatalf("taking the entries copied %d bytes of state into the outbox (%v)", stored, err)
	}
	// the edit of a record whose light entry was sent keeps the sent state in it first
	if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: s.ID, Text: "Edited after sending"}); err != nil {
		t.Fatal(err)
	}
	again, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(again) != 3 {
		t.Fatalf("again %d %v", len(again), err)
	}
	if string(again[1].State) != string(b[1].State) || again[1].ChangeID != b[1].ChangeID {
		t.Fatalf("resent %s, first sent %s", again[1].State, b[1].State)
	}
	var edited involve.Feedback
	if json.Unmarshal(again[2].State, &edited); edited.Text != "Edited after sending" {
		t.Fatalf("the edit queued %s", again[2].State)
	}
}

// After a full push the laptop holds no outbox entry for the imported records.
func TestImportPushedLeavesNoOutbox(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	importTwo(t, db)
	if b := pushApplied(t, db); len(b) != 2 || len(b[0].State) == 0 || len(b[1].State) == 0 {
		t.Fatalf("pushed %+v", b)
	}
	var n int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("outbox after a full push: %d %v", n, err)
	}
}

// An erasure of an imported comment not pushed yet reaches its light entry: what is
// sent is the erased state.
func TestErasureReachesLightEntry(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	setLocalRole(t, db, "lead")
	_, f := importTwo(t, db)
	if _, err := db.Erase(ctx, involve.EntityFeedback, f.ID, ""); err != nil {
		t.Fatal(err)
	}
	for _, e := range pending(t, db) {
		if strings.Contains(string(e.State), "café") {
			t.Fatalf("the erased comment is still queued: %s", e.State)
		}
	}
}

// A second import of a record not pushed yet queues a change of its own; the first
// keeps the first import's state.
func TestImportTwiceKeepsEachState(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db)
	f2 := f
	f2.Text, f2.Rev = "Imported again, changed", f.Rev+1
	if err := db.Import(ctx, func(im *store.Importer) error { return im.PutFeedback(&f2) }); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range pending(t, db) {
		if e.Entity != involve.EntityFeedback {
			continue
		}
		var got involve.Feedback
		if err := json.Unmarshal(e.State, &got); err != nil || got.Rev != e.Rev {
			t.Fatalf("entry of rev %d holds %s (%v)", e.Rev, e.State, err)
		}
		texts = append(texts, got.Text)
	}
	if len(texts) != 2 || texts[0] != f.Text || texts[1] != f2.Text || s.ID == "" {
		t.Fatalf("queued %q", texts)
	}
}

package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// importEntries counts the outbox's entries and outbox_import's.
func importEntries(t *testing.T, db *store.DB) (outbox, imported int) {
	t.Helper()
	if err := db.QueryRowForTest(context.Background(), `SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM outbox_import)`).
		Scan(&outbox, &imported); err != nil {
		t.Fatal(err)
	}
	return outbox, imported
}

// An edit of an imported record before it is pushed folds into its import entry, in
// its place: one change of the record is pushed, with the edit's state.
func TestImportEntryFoldsEdit(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db)
	before := pending(t, db)
	if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: s.ID, Text: "Edited before the sync"}); err != nil {
		t.Fatal(err)
	}
	if o, i := importEntries(t, db); o != 1 || i != 1 {
		t.Fatalf("after the edit: %d outbox entries, %d import entries; want 1 and 1", o, i)
	}
	after := pending(t, db)
	if len(after) != 2 || after[1].Seq != before[1].Seq || after[1].RecordID != f.ID || after[1].BaseRev != 0 {
		t.Fatalf("pending after the edit %+v, before %+v", after, before)
	}
	var got involve.Feedback
	if err := json.Unmarshal(after[1].State, &got); err != nil || got.Text != "Edited before the sync" {
		t.Fatalf("the folded entry's state %s (%v)", after[1].State, err)
	}
	// a new change goes after the import's entries
	g, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Written after the import", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	last := pending(t, db)
	if len(last) != 3 || last[2].RecordID != g.ID || last[2].Seq <= after[1].Seq {
		t.Fatalf("pending after a new item %+v", last)
	}
	b := pushApplied(t, db)
	if len(b) != 3 || b[0].RecordID != s.ID || b[1].RecordID != f.ID || b[2].RecordID != g.ID {
		t.Fatalf("pushed %+v", b)
	}
	if o, i := importEntries(t, db); o != 0 || i != 0 {
		t.Fatalf("after the push: %d outbox entries, %d import entries", o, i)
	}
}

// Taking a batch takes import entries where they wait (migration 0015); their change
// ids are fixed then, and the next batch goes on after them.
func TestImportEntriesTakenInBatches(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	importTwo(t, db)
	first, err := db.TakePushBatch(ctx, 0, 0, 1)
	if err != nil || len(first) != 1 || first[0].Entity != involve.EntitySession || first[0].ChangeID == "" {
		t.Fatalf("first batch %+v %v", first, err)
	}
	if o, i := importEntries(t, db); o != 0 || i != 2 {
		t.Fatalf("after one taken: %d outbox entries, %d import entries; want 0 and 2", o, i)
	}
	pend, rej, err := db.OutboxCounts(ctx)
	if err != nil || pend != 2 || rej != 0 {
		t.Fatalf("counts %d %d %v", pend, rej, err)
	}
	if n, err := db.MaxOutboxSeq(ctx); err != nil || n <= first[0].Seq {
		t.Fatalf("newest position %d (%v), first taken %d", n, err, first[0].Seq)
	}
	second, err := db.TakePushBatch(ctx, first[0].Seq, 0, 10)
	if err != nil || len(second) != 1 || second[0].Entity != involve.EntityFeedback || second[0].ChangeID == "" || len(second[0].State) == 0 {
		t.Fatalf("second batch %+v %v", second, err)
	}
	// a resend from the start sends the same changes, with the same ids
	again, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(again) != 2 || again[0].ChangeID != first[0].ChangeID || again[1].ChangeID != second[0].ChangeID {
		t.Fatalf("resend %+v %v", again, err)
	}
}

// A pulled change of a record whose import entry waits sees the entry waiting (the
// pull does not overwrite it).
func TestImportEntryWaitsForPull(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	_, f := importTwo(t, db)
	var w map[syncer.Key][]syncer.Waiting
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		var err error
		w, err = tx.Waiting([]syncer.Key{{Entity: involve.EntityFeedback, ID: f.ID}, {Entity: involve.EntityTheme, ID: "none"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got := w[syncer.Key{Entity: involve.EntityFeedback, ID: f.ID}]
	if len(w) != 1 || len(got) != 1 || got[0].Sent || got[0].Rev != f.Rev {
		t.Fatalf("waiting %+v", w)
	}
	if o, i := importEntries(t, db); o != 1 || i != 1 {
		t.Fatalf("after Waiting: %d outbox entries, %d import entries; want 1 and 1", o, i)
	}
}

// An import into an empty feedback table builds its index by session after the rows;
// the index is there after the import, and after one that fails (rolled back).
func TestImportRebuildsFeedbackSessionIndex(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	index := func() string {
		t.Helper()
		var def string
		if err := db.QueryRowForTest(ctx, `SELECT coalesce((SELECT sql FROM sqlite_schema WHERE name = 'feedback_session_id'), '')`).Scan(&def); err != nil {
			t.Fatal(err)
		}
		return def
	}
	want := index()
	if want == "" {
		t.Fatal("no feedback_session_id index in a new database")
	}
	s := remoteSession("Failed import", 3)
	s.TeamID = ""
	err := db.Import(ctx, func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		f := remoteFeedback(s.ID, "Never kept", 2)
		f.TeamID = ""
		if err := im.PutFeedback(&f); err != nil {
			return err
		}
		return context.Canceled
	})
	if err == nil {
		t.Fatal("the failing import succeeded")
	}
	if got := index(); got != want {
		t.Fatalf("after a failed import the index is %q, want %q", got, want)
	}
	_, f := importTwo(t, db)
	if got := index(); got != want {
		t.Fatalf("after an import the index is %q, want %q", got, want)
	}
	list, err := db.FindFeedback(ctx, f.SessionID)
	if err != nil || len(list) != 1 || list[0].ID != f.ID {
		t.Fatalf("the imported session's feedback %+v %v", list, err)
	}
}

// A new database gives free pages back (auto_vacuum=INCREMENTAL): an import whose search
// index merges its segments leaves none behind.
func TestImportLeavesNoFreePages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	// free pages, as an earlier bulk change leaves them
	if err := db.ExecForTest(ctx, `CREATE TABLE scratch(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200) INSERT INTO scratch SELECT randomblob(2000) FROM c; DROP TABLE scratch`); err != nil {
		t.Fatal(err)
	}
	var mode, free int
	if err := db.QueryRowForTest(ctx, `SELECT auto_vacuum, freelist_count FROM pragma_auto_vacuum, pragma_freelist_count`).Scan(&mode, &free); err != nil || mode != 2 || free == 0 {
		t.Fatalf("auto_vacuum %d with %d free pages (%v), want 2 (incremental) and some", mode, free, err)
	}
	importTwo(t, db)
	if err := db.QueryRowForTest(ctx, `SELECT freelist_count FROM pragma_freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Fatalf("%d free pages after an import (%v)", free, err)
	}
}

// Removing a kind (a role's loss) discards its import entries with its records, counted.
func TestImportEntriesRemovedWithKind(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, _ := importTwo(t, db)
	var removed syncer.Removed
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		var err error
		removed, err = tx.RemoveKinds([]string{involve.EntityFeedback})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if removed.Discarded != 1 || removed.Records[involve.EntityFeedback] != 1 {
		t.Fatalf("removed %+v", removed)
	}
	list := pending(t, db)
	if len(list) != 1 || list[0].RecordID != s.ID {
		t.Fatalf("pending after the removal %+v", list)
	}
}

// A laptop that has never synced purges an imported tombstone with its import entry:
// nothing is left to push for it.
func TestImportEntryPurgedWithTombstone(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := remoteSession("Imported with a deleted comment", 3)
	s.TeamID = ""
	f := remoteFeedback(s.ID, "Deleted long ago", 2)
	f.TeamID, f.DeletedAt = "", "2020-01-01T00:00:00.000Z"
	if err := db.Import(ctx, func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		return im.PutFeedback(&f)
	}); err != nil {
		t.Fatal(err)
	}
	n, err := db.PurgeTombstones(ctx, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 1 {
		t.Fatalf("purged %d (%v), want 1", n, err)
	}
	if o, i := importEntries(t, db); o != 0 || i != 1 {
		t.Fatalf("after the purge: %d outbox entries, %d import entries; want 0 and 1 (the session's)", o, i)
	}
	list, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(list) != 1 || list[0].RecordID != s.ID {
		t.Fatalf("taken after the purge %+v %v", list, err)
	}
}

package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// Taken import entries stay in outbox_import (migration 0015, outbox_import.go): given
// their change ids there, read back with them, and answered by one delete there.

// importChangeIDs lists outbox_import's change ids by position ("" where none).
func importChangeIDs(t *testing.T, db *store.DB) map[int64]string {
	t.Helper()
	var list string
	if err := db.QueryRowForTest(context.Background(), `SELECT json_group_object(seq, coalesce(change_id, '')) FROM outbox_import`).Scan(&list); err != nil {
		t.Fatal(err)
	}
	out := map[int64]string{}
	if err := json.Unmarshal([]byte(list), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// answerAll records the server's answers (one status for every entry) as a push does.
func answerAll(t *testing.T, db *store.DB, b []syncer.OutboxEntry, status string, state func(e syncer.OutboxEntry) json.RawMessage) syncer.PushTally {
	t.Helper()
	results := make([]syncapi.Result, len(b))
	for i, e := range b {
		results[i] = syncapi.Result{ChangeID: e.ChangeID, Status: status, Rev: e.Rev + 100, Code: "EVALIDATION", Reason: "Not for this server."}
		if state != nil {
			results[i].State = state(e)
		}
	}
	tally, err := syncer.ApplyPushResults(context.Background(), db, b, results)
	if err != nil {
		t.Fatal(err)
	}
	return tally
}

// A crash between the send and the answer: the entries taken stay where they are with
// their change ids, are taken again with the same ids, and the server's answer to the
// resend (a duplicate) removes them, each with one delete from outbox_import.
func TestImportEntryTakenKeepsChangeID(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db)
	first, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(first) != 2 {
		t.Fatalf("taken %+v %v", first, err)
	}
	if o, i := importEntries(t, db); o != 0 || i != 2 {
		t.Fatalf("after the take: %d outbox entries, %d import entries; want 0 and 2", o, i)
	}
	ids := importChangeIDs(t, db)
	for _, e := range first {
		if e.ChangeID == "" || ids[e.Seq] != e.ChangeID {
			t.Fatalf("entry %d taken with change id %q, outbox_import holds %q", e.Seq, e.ChangeID, ids[e.Seq])
		}
	}
	if pend, rej, err := db.OutboxCounts(ctx); err != nil || pend != 2 || rej != 0 {
		t.Fatalf("counts %d %d %v, want 2 pending", pend, rej, err)
	}
	if list := pending(t, db); len(list) != 2 || list[0].ChangeID != first[0].ChangeID || list[1].ChangeID != first[1].ChangeID {
		t.Fatalf("pending after the take %+v", list)
	}
	// the laptop stops here (no answer recorded); the next sync sends the same changes
	again, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(again) != 2 || again[0].ChangeID != first[0].ChangeID || again[1].ChangeID != first[1].ChangeID ||
		string(again[1].State) != string(first[1].State) {
		t.Fatalf("resend %+v %v, first %+v", again, err, first)
	}
	if tally := answerAll(t, db, again, syncapi.StatusDuplicate, nil); tally.Duplicate != 2 {
		t.Fatalf("tally %+v", tally)
	}
	if o, i := importEntries(t, db); o != 0 || i != 0 {
		t.Fatalf("after the answer: %d outbox entries, %d import entries", o, i)
	}
	// a late answer to the first send finds nothing to do
	if tally := answerAll(t, db, first, syncapi.StatusApplied, nil); tally.Applied != 2 {
		t.Fatalf("late tally %+v", tally)
	}
	got, err := db.FindFeedbackByID(ctx, f.ID)
	if err != nil || got.Rev != f.Rev+100 || got.TeamID != teamID {
		t.Fatalf("feedback after the answer %+v %v", got, err)
	}
	if rev, _ := baseRev(t, db, involve.EntitySession, s.ID); rev != s.Rev+100 {
		t.Fatalf("session's base at %d", rev)
	}
	// the row, unchanged since it was sent, stands for the base (sync_base_light.go)
	var base string
	if err := db.QueryRowForTest(ctx, `SELECT state FROM sync_base_all WHERE entity = 'feedback' AND record_id = ?`, f.ID).Scan(&base); err != nil || base != "" {
		t.Fatalf("feedback's base %q (%v), want a light one", base, err)
	}
}

// A rejected import entry leaves outbox_import for the outbox, rejected, with the change
// id it was sent with: listed, counted, never sent again.
func TestImportEntryRejected(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	_, f := importTwo(t, db)
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) != 2 {
		t.Fatalf("taken %+v %v", b, err)
	}
	if tally := answerAll(t, db, b[1:], syncapi.StatusRejected, nil); tally.Rejected != 1 {
		t.Fatalf("tally %+v", tally)
	}
	if o, i := importEntries(t, db); o != 1 || i != 1 {
		t.Fatalf("after the rejection: %d outbox entries, %d import entries; want 1 and 1", o, i)
	}
	rej, err := db.FindRejectedChanges(ctx)
	if err != nil || len(rej) != 1 || rej[0].ChangeID != b[1].ChangeID || rej[0].RecordID != f.ID || rej[0].Reason != "Not for this server." {
		t.Fatalf("rejected %+v %v", rej, err)
	}
	if pend, n, err := db.OutboxCounts(ctx); err != nil || pend != 1 || n != 1 {
		t.Fatalf("counts %d pending %d rejected %v", pend, n, err)
	}
	next, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(next) != 1 || next[0].ChangeID != b[0].ChangeID {
		t.Fatalf("taken after the rejection %+v %v", next, err)
	}
	// the rejected entry keeps the state it stood for when its row changes
	if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: f.SessionID, Text: "Edited after the rejection"}); err != nil {
		t.Fatal(err)
	}
	var state string
	if err := db.QueryRowForTest(ctx, `SELECT state FROM outbox WHERE status = 'rejected'`).Scan(&state); err != nil ||
		!strings.Contains(state, f.Text) {
		t.Fatalf("rejected entry's state %q (%v), want the imported text", state, err)
	}
}

// A conflict answered to an import entry removes it; the record and its base take the
// server's state.
func TestImportEntryConflict(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	_, f := importTwo(t, db)
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) != 2 {
		t.Fatalf("taken %+v %v", b, err)
	}
	srv := f
	srv.Text = "The server's merged words"
	tally := answerAll(t, db, b[1:], syncapi.StatusConflict, func(e syncer.OutboxEntry) json.RawMessage {
		return serverState(t, srv, e.Rev+100)
	})
	if tally.Conflict != 1 {
		t.Fatalf("tally %+v", tally)
	}
	if o, i := importEntries(t, db); o != 0 || i != 1 {
		t.Fatalf("after the conflict: %d outbox entries, %d import entries; want 0 and 1", o, i)
	}
	got, err := db.FindFeedbackByID(ctx, f.ID)
	if err != nil || got.Text != srv.Text || got.Rev != f.Rev+100 {
		t.Fatalf("feedback after the conflict %+v %v", got, err)
	}
	if rev, _ := baseRev(t, db, involve.EntityFeedback, f.ID); rev != f.Rev+100 {
		t.Fatalf("base at %d", rev)
	}
}

// An edit of a record whose import entry was sent, answer not recorded, makes a change
// of its own: the sent entry (moved into the outbox, still sent, same change id) keeps
// what was sent, and the record's Waiting says it was sent.
func TestImportEntrySentThenEdited(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	_, f := importTwo(t, db)
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) != 2 {
		t.Fatalf("taken %+v %v", b, err)
	}
	if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: f.SessionID, Text: "Edited while sending"}); err != nil {
		t.Fatal(err)
	}
	list := pending(t, db)
	if len(list) != 3 || list[1].ChangeID != b[1].ChangeID || string(list[1].State) != string(b[1].State) ||
		list[2].RecordID != f.ID || list[2].ChangeID == b[1].ChangeID || list[2].BaseRev != b[1].Rev {
		t.Fatalf("pending after the edit %d entries (%s, base %d), sent %s", len(list), list[len(list)-1].State, list[len(list)-1].BaseRev, b[1].State)
	}
	var w map[syncer.Key][]syncer.Waiting
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		var err error
		w, err = tx.Waiting([]syncer.Key{{Entity: involve.EntityFeedback, ID: f.ID}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got := w[syncer.Key{Entity: involve.EntityFeedback, ID: f.ID}]; len(got) != 2 || !got[0].Sent || got[1].Sent {
		t.Fatalf("waiting %+v", w)
	}
	// the answer to what was sent removes the sent entry; the edit is rebased on it
	if tally := answerAll(t, db, b, syncapi.StatusApplied, nil); tally.Applied != 2 {
		t.Fatalf("tally %+v", tally)
	}
	// the base is what was sent, in full: the row holds the edit (sync_base_light.go)
	var base string
	if err := db.QueryRowForTest(ctx, `SELECT state FROM sync_base_all WHERE entity = 'feedback' AND record_id = ?`, f.ID).Scan(&base); err != nil ||
		base != string(b[1].State) {
		t.Fatalf("base after the answer %q (%v), want what was sent", base, err)
	}
	list = pending(t, db)
	if len(list) != 1 || list[0].RecordID != f.ID || list[0].BaseRev != f.Rev+100 || !strings.Contains(string(list[0].State), "Edited while sending") {
		t.Fatalf("pending after the answer: %d entries (%s, base %d)", len(list), list[0].State, list[0].BaseRev)
	}
}

// An erasure of a record whose import entry was taken and sent, answer not recorded:
// the erased words leave the entry (it is moved into the outbox and scrubbed, keeping
// its change id), and the answer that comes later finds it as it does any other.
func TestErasureReachesSentImportEntry(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	setLocalRole(t, db, "lead")
	_, f := importTwo(t, db)
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) != 2 {
		t.Fatalf("taken %+v %v", b, err)
	}
	if _, err := db.Erase(ctx, involve.EntityFeedback, f.ID, ""); err != nil {
		t.Fatal(err)
	}
	var states string
	if err := db.QueryRowForTest(ctx, `SELECT coalesce(group_concat(state, ' '), '') FROM outbox`).Scan(&states); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(states, "café") {
		t.Fatalf("the erased comment is still in the outbox: %s", states)
	}
	for _, e := range pending(t, db) {
		if strings.Contains(string(e.State), "café") {
			t.Fatalf("the erased comment is still queued: %s", e.State)
		}
	}
	for _, id := range importChangeIDs(t, db) {
		if id == b[1].ChangeID {
			t.Fatal("the erased record's sent entry is still in outbox_import")
		}
	}
	answerAll(t, db, b, syncapi.StatusApplied, nil)
	if err := db.QueryRowForTest(ctx, `SELECT coalesce(group_concat(state, ' '), '') FROM outbox`).Scan(&states); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(states, "café") {
		t.Fatalf("the erased comment is in the outbox after the answer: %s", states)
	}
}

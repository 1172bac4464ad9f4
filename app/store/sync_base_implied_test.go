package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// pullNew writes pulled feedback items as a new laptop's first pull does: taken to be
// new (AssumeNew), their bases collected, written in one Flush.
func pullNew(t *testing.T, db *store.DB, items ...involve.Feedback) error {
	t.Helper()
	return db.SyncTx(context.Background(), func(tx syncer.Tx) error {
		for i := range items {
			k := syncer.Key{Entity: involve.EntityFeedback, ID: items[i].ID}
			tx.AssumeNew(k)
			tx.CollectBase(k, items[i].Rev, serverState(t, items[i], items[i].Rev))
			if err := tx.PutPulled(&items[i], true); err != nil {
				return err
			}
		}
		return tx.Flush()
	})
}

// implied says whether a feedback item's base is implied by its row (light_base, no
// sync_base row), and how many sync_base rows it has.
func implied(t *testing.T, db *store.DB, id string) (mark, written int) {
	t.Helper()
	if err := db.QueryRowForTest(context.Background(), `SELECT coalesce((SELECT light_base FROM feedback WHERE id = ?1), 0),
		(SELECT count(*) FROM sync_base WHERE entity = 'feedback' AND record_id = ?1)`, id).Scan(&mark, &written); err != nil {
		t.Fatal(err)
	}
	return mark, written
}

// baseStates reads the records' base states as a pull does.
func baseStates(t *testing.T, db *store.DB, keys ...syncer.Key) (map[syncer.Key]int64, map[syncer.Key]json.RawMessage) {
	t.Helper()
	var revs map[syncer.Key]int64
	var states map[syncer.Key]json.RawMessage
	if err := db.SyncTx(context.Background(), func(tx syncer.Tx) (err error) {
		if revs, err = tx.Bases(keys); err != nil {
			return err
		}
		states, err = tx.BaseStates(keys)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return revs, states
}

// TestImpliedLightBases: a feedback item a first pull inserts as new, with a light
// base, gets no sync_base row: its row is marked as its base (migration 0016), which
// every reader sees as the light base it stands for. The mark goes with a backup; a
// local edit freezes it into a written base holding the pulled state, byte for byte
// what the base read before the edit; an erasure leaves no base with the erased words.
func TestImpliedLightBases(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	connect(t, db)
	setLocalRole(t, db, "lead")
	s := mustSession(t, db, "Bus users' forum")
	f := remoteFeedback(s.ID, "The 37 never comes", 9)
	e := remoteFeedback(s.ID, "The zorbicwords clinic letter was late", 8)
	nullThemes := remoteFeedback(s.ID, "Its themes are null", 7) // reads back as []: its base stays full
	nullThemes.Themes = nil
	if err := pullNew(t, db, f, e, nullThemes); err != nil {
		t.Fatal(err)
	}
	fk, ek, nk := syncer.Key{Entity: "feedback", ID: f.ID}, syncer.Key{Entity: "feedback", ID: e.ID}, syncer.Key{Entity: "feedback", ID: nullThemes.ID}
	for _, id := range []string{f.ID, e.ID} {
		if mark, written := implied(t, db, id); mark != 1 || written != 0 {
			t.Fatalf("a new item's light base: mark %d, %d sync_base rows; want implied (1, 0)", mark, written)
		}
	}
	if _, written := implied(t, db, nullThemes.ID); written != 1 {
		t.Fatalf("a full base is written: %d sync_base rows", written)
	}
	revs, states := baseStates(t, db, fk, ek, nk)
	var base involve.Feedback
	if err := json.Unmarshal(states[fk], &base); err != nil || revs[fk] != 9 || base.Text != f.Text || base.Rev != 9 {
		t.Fatalf("the implied base: rev %d, state %s (%v)", revs[fk], states[fk], err)
	}
	if revs[nk] != 7 || !strings.Contains(string(states[nk]), `"themes":null`) {
		t.Fatalf("the full base: rev %d, state %s", revs[nk], states[nk])
	}
	pulledState := string(states[fk])

	// a backup is a copy of the database: the marks survive its restore (below)
	b, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}

	// a local edit freezes the implied base: a written base holding the pulled state
	edited := f.FeedbackInput
	edited.Text = "The 37 comes every hour"
	if _, err := db.UpdateFeedback(ctx, f.ID, f.FeedbackInput, edited); err != nil {
		t.Fatal(err)
	}
	if mark, written := implied(t, db, f.ID); mark != 0 || written != 1 {
		t.Fatalf("after an edit: mark %d, %d sync_base rows; want a written base (0, 1)", mark, written)
	}
	revs, states = baseStates(t, db, fk)
	if revs[fk] != 9 || string(states[fk]) != pulledState {
		t.Fatalf("the frozen base: rev %d, state %s; want 9, %s", revs[fk], states[fk], pulledState)
	}
	if p := pending(t, db); len(p) == 0 || p[len(p)-1].RecordID != f.ID || p[len(p)-1].BaseRev != 9 {
		t.Fatalf("the edit's change is not based on the pulled revision: %+v", p)
	}

	// an erasure of an item: no base keeps its words (the backup is rewritten too)
	if _, err := db.Erase(ctx, involve.EntityFeedback, e.ID, ""); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM sync_base WHERE state LIKE '%zorbicwords%'`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d sync bases hold the erased words (%v)", left, err)
	}
	if revs, states = baseStates(t, db, ek); revs[ek] != 8 || strings.Contains(string(states[ek]), "zorbicwords") ||
		!strings.Contains(string(states[ek]), involve.ErasedText) {
		t.Fatalf("the erased item's base: rev %d, state %s", revs[ek], states[ek])
	}
	if found := foldHolds(t, filepath.Dir(path), []string{"zorbicwords"}); len(found) > 0 {
		t.Errorf("the data folder still holds: %v", found)
	}

	db.Close()
	db, _, err = store.Restore(ctx, path, store.BackupPath(filepath.Dir(path), b.Name))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if mark, written := implied(t, db, f.ID); mark != 1 || written != 0 {
		t.Fatalf("restored: mark %d, %d sync_base rows; want implied (1, 0)", mark, written)
	}
	if revs, states = baseStates(t, db, fk); revs[fk] != 9 || string(states[fk]) != pulledState {
		t.Fatalf("the restored implied base: rev %d, state %s", revs[fk], states[fk])
	}
}

// TestImpliedBaseTakenToBeNewWrongly: an item taken to be new whose light base would be
// implied, but which has a sync_base row (parked, no row yet), fails the Flush with
// ErrNotNew, as the insert of its base did: nothing of the transaction is written.
func TestImpliedBaseTakenToBeNewWrongly(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Parked before")
	h := remoteFeedback(s.ID, "A base only", 4)
	hk := syncer.Key{Entity: "feedback", ID: h.ID}
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		tx.CollectBase(hk, h.Rev, serverState(t, h, h.Rev))
		tx.Park(hk)
		return tx.Flush()
	}); err != nil {
		t.Fatal(err)
	}
	h.Rev = 5
	other := remoteFeedback(s.ID, "New indeed", 6)
	if err := pullNew(t, db, other, h); !errors.Is(err, syncer.ErrNotNew) {
		t.Fatalf("Flush: %v, want ErrNotNew", err)
	}
	if mark, written := implied(t, db, other.ID); written != 0 || mark != 0 {
		t.Fatalf("the rolled back transaction wrote: mark %d, %d sync_base rows", mark, written)
	}
	if rev, parked := baseRev(t, db, "feedback", h.ID); rev != 4 || parked != 1 {
		t.Fatalf("the parked base: rev %d parked %d", rev, parked)
	}
}

// TestImpliedBasesPurgedAndForgotten: a pulled deletion with an implied base is synced
// (purged when due, its mark with its row); a change of team forgets implied bases
// with the written ones.
func TestImpliedBasesPurgedAndForgotten(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	t0 := time.Now().AddDate(0, 0, -40).UTC()
	s := mustSession(t, db, "Drop-in")
	gone := remoteFeedback(s.ID, "Deleted on another laptop", 3)
	gone.DeletedAt = involve.FormatTime(t0)
	kept := remoteFeedback(s.ID, "Still here", 4)
	if err := pullNew(t, db, gone, kept); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{gone.ID, kept.ID} {
		if mark, written := implied(t, db, id); mark != 1 || written != 0 {
			t.Fatalf("%s: mark %d, %d sync_base rows; want implied", id, mark, written)
		}
	}
	if n, err := db.PurgeTombstones(ctx, t0.AddDate(0, 0, 31)); err != nil || n != 1 {
		t.Fatalf("PurgeTombstones: %d, %v; want the synced deletion purged", n, err)
	}
	var rows int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM feedback WHERE id = ?`, gone.ID).Scan(&rows); err != nil || rows != 0 {
		t.Fatalf("the purged item has %d rows (%v)", rows, err)
	}
	kk := syncer.Key{Entity: "feedback", ID: kept.ID}
	if revs, _ := baseStates(t, db, kk); revs[kk] != 4 {
		t.Fatalf("base of the kept item: %v", revs)
	}
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk",
		DeviceToken: "inv1_test", TeamID: "0195f3a4-5555-7000-8000-00000000bbbb", TeamName: "Another team", DeviceName: "laptop"}); err != nil {
		t.Fatal(err)
	}
	if revs, states := baseStates(t, db, kk); len(revs) != 0 || len(states) != 0 {
		t.Fatalf("bases after a change of team: %v %v", revs, states)
	}
	if mark, _ := implied(t, db, kept.ID); mark != 0 {
		t.Fatal("the mark outlived a change of team")
	}
}

// TestImpliedBasesOfAPush: a feedback item pushed and applied as sent, its row still
// what was sent, gets no sync_base row: its stamp marks the row as its light base (at
// the server's revision, even one equal to the row's). One with a base written before
// (an edit over a pulled base froze it) keeps a written base: the newer light one.
func TestImpliedBasesOfAPush(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Coffee morning")
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Warm room", Source: "comment_card", Themes: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	pushApplied(t, db) // the server's revision is the one sent
	if mark, written := implied(t, db, f.ID); mark != 1 || written != 0 {
		t.Fatalf("a pushed item's light base: mark %d, %d sync_base rows; want implied (1, 0)", mark, written)
	}
	if _, written := implied(t, db, s.ID); written != 0 {
		t.Fatal("a session has no mark: its light base is written")
	}
	if rev, _ := baseRev(t, db, "session", s.ID); rev != s.Rev {
		t.Fatalf("the session's base at %d, want %d", rev, s.Rev)
	}
	fk := syncer.Key{Entity: "feedback", ID: f.ID}
	revs, states := baseStates(t, db, fk)
	var base involve.Feedback
	if err := json.Unmarshal(states[fk], &base); err != nil || revs[fk] != f.Rev || base.Text != "Warm room" || base.TeamID != teamID {
		t.Fatalf("the implied base: rev %d, state %s (%v)", revs[fk], states[fk], err)
	}
	pushedState := string(states[fk])

	// an edit freezes it; the edit's push writes the new base over the frozen one
	in := f.FeedbackInput
	in.Text = "Warm room, cold tea"
	if _, err := db.UpdateFeedback(ctx, f.ID, f.FeedbackInput, in); err != nil {
		t.Fatal(err)
	}
	if revs, states = baseStates(t, db, fk); revs[fk] != f.Rev || string(states[fk]) != pushedState {
		t.Fatalf("the frozen base: rev %d, state %s; want %d, %s", revs[fk], states[fk], f.Rev, pushedState)
	}
	b := pushApplied(t, db)
	if len(b) != 1 || b[0].RecordID != f.ID {
		t.Fatalf("second push: %+v", b)
	}
	if mark, written := implied(t, db, f.ID); mark != 0 || written != 1 {
		t.Fatalf("over a written base: mark %d, %d sync_base rows; want a written base (0, 1)", mark, written)
	}
	if revs, states = baseStates(t, db, fk); revs[fk] != b[0].Rev || !strings.Contains(string(states[fk]), "cold tea") {
		t.Fatalf("the base after the second push: rev %d, state %s", revs[fk], states[fk])
	}
}

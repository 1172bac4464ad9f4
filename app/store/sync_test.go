package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

const teamID = "0195f3a4-5555-7000-8000-00000000aaaa"

func connect(tb testing.TB, db *store.DB) {
	tb.Helper()
	if err := db.SaveSyncConnection(context.Background(), syncer.Connection{ServerURL: "https://involve.example.nhs.uk",
		DeviceToken: "inv1_test", TeamID: teamID, TeamName: "South London", DeviceName: "laptop"}); err != nil {
		tb.Fatal(err)
	}
}

func pending(tb testing.TB, db *store.DB) []syncer.OutboxEntry {
	tb.Helper()
	list, err := db.PendingChanges(context.Background(), 0)
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func baseRev(tb testing.TB, db *store.DB, entity, id string) (rev int64, parked int) {
	tb.Helper()
	// written, or implied by a feedback row (sync_base_implied.go)
	if err := db.QueryRowForTest(context.Background(), `SELECT rev, parked FROM sync_base WHERE entity = ?1 AND record_id = ?2
		UNION ALL SELECT rev, 0 FROM feedback f WHERE ?1 = 'feedback' AND id = ?2 AND light_base = 1
			AND NOT EXISTS (SELECT 1 FROM sync_base WHERE entity = ?1 AND record_id = ?2)`,
		entity, id).Scan(&rev, &parked); err != nil {
		tb.Fatalf("sync_base %s %s: %v", entity, id, err)
	}
	return rev, parked
}

// serverState is a record as the server would send it: the device's state with the
// server's team and revision.
func serverState(tb testing.TB, v any, rev int64) json.RawMessage {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	m := map[string]any{}
	json.Unmarshal(b, &m)
	m["teamId"], m["rev"] = teamID, rev
	b, _ = json.Marshal(m)
	return b
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

func remoteSession(title string, rev int64) involve.Session {
	s := involve.Session{SessionInput: involve.SessionInput{Title: title, Date: "2026-11-20", Type: "workshop", Mode: "in_person", Status: "held",
		Standards: []string{}, AccessSupport: []string{}}}
	s.ID, s.CreatedAt, s.UpdatedAt, s.CreatedBy, s.DeviceID, s.Rev, s.TeamID = newID(), "2026-11-20T09:00:00.000Z",
		"2026-11-20T09:00:00.000Z", "Bo", "other-device", rev, teamID
	return s
}

func remoteFeedback(sessionID, text string, rev int64) involve.Feedback {
	f := involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: sessionID, Text: text, Source: "comment_card", Themes: []string{}}}
	f.ID, f.CreatedAt, f.UpdatedAt, f.CreatedBy, f.DeviceID, f.Rev, f.TeamID = newID(), "2026-11-20T10:00:00.000Z",
		"2026-11-20T10:00:00.000Z", "Bo", "other-device", rev, teamID
	return f
}

// pulled is a record as a pull page brings it (serverState), any kind.
func pulled(tb testing.TB, entity string, v any, rev int64, seq int64) syncapi.PulledChange {
	state := serverState(tb, v, rev)
	var m involve.Meta
	if err := json.Unmarshal(state, &m); err != nil {
		tb.Fatal(err)
	}
	return syncapi.PulledChange{Seq: seq, Entity: entity, RecordID: m.ID, Rev: rev, State: state}
}

// pushApplied takes the waiting changes as a push does (at most ten) and answers
// each as the server does when it stores it as sent; it returns the batch.
func pushApplied(tb testing.TB, db *store.DB) []syncer.OutboxEntry {
	tb.Helper()
	ctx := context.Background()
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil {
		tb.Fatal(err)
	}
	results := make([]syncapi.Result, len(b))
	for i, e := range b {
		results[i] = syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusApplied, Rev: e.Rev}
	}
	if _, err := syncer.ApplyPushResults(ctx, db, b, results); err != nil {
		tb.Fatal(err)
	}
	return b
}

// sendingVenueEdit makes a session the server has (pushed and applied), changes its
// venue to "Library" and takes that change as a push does: the session as the server
// has it, and the batch being sent.
func sendingVenueEdit(tb testing.TB, db *store.DB, title string) (involve.Session, []syncer.OutboxEntry) {
	tb.Helper()
	ctx := context.Background()
	s := mustSession(tb, db, title)
	pushApplied(tb, db)
	s, err := db.FindSessionByID(ctx, s.ID)
	if err != nil {
		tb.Fatal(err)
	}
	in := s.SessionInput
	in.Venue = "Library"
	if _, err := db.UpdateSession(ctx, s.ID, involve.SessionInput{}, in); err != nil {
		tb.Fatal(err)
	}
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil {
		tb.Fatal(err)
	}
	return s, b
}

// pullBeforeItsSession pulls a record that belongs to a session on a page of its
// own, then the session on the next (the cursor is each change's Seq): the record
// waits, parked, and is written with its session. waiting checks, between the two
// pages, that the record is not stored yet.
func pullBeforeItsSession(t *testing.T, db *store.DB, rec, session syncapi.PulledChange, waiting func()) {
	t.Helper()
	ctx := context.Background()
	tally, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{rec}, fmt.Sprint(rec.Seq))
	if err != nil {
		t.Fatal(err)
	}
	if tally.Parked != 1 || tally.Written != 0 {
		t.Fatalf("tally %+v", tally)
	}
	if _, parked := baseRev(t, db, rec.Entity, rec.RecordID); parked != 1 {
		t.Error("not parked")
	}
	waiting()
	tally, err = syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{session}, fmt.Sprint(session.Seq))
	if err != nil {
		t.Fatal(err)
	}
	if tally.Parked != 0 || tally.Written != 2 {
		t.Fatalf("tally %+v", tally)
	}
	if _, parked := baseRev(t, db, rec.Entity, rec.RecordID); parked != 0 {
		t.Error("still parked")
	}
}

func TestSyncSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s, err := db.SyncSettings(ctx)
	if err != nil || s.Connected() {
		t.Fatalf("fresh database: %+v %v", s, err)
	}
	connect(t, db)
	if _, err := syncer.ApplyPullPage(ctx, db, nil, "17"); err != nil {
		t.Fatal(err)
	}
	s, _ = db.SyncSettings(ctx)
	if !s.Connected() || s.TeamName != "South London" || s.Cursor != "17" || s.ConnectedAt == "" {
		t.Fatalf("settings %+v", s)
	}
	t.Run("DisconnectKeepsCursor", func(t *testing.T) {
		if err := db.ForgetSyncConnection(ctx); err != nil {
			t.Fatal(err)
		}
		s, _ := db.SyncSettings(ctx)
		if s.Connected() || s.DeviceToken != "" || s.Cursor != "17" {
			t.Fatalf("after disconnect %+v", s)
		}
		connect(t, db) // the same team again: carry on
		if s, _ := db.SyncSettings(ctx); s.Cursor != "17" {
			t.Fatalf("reconnecting to the same team lost the cursor: %+v", s)
		}
	})
	t.Run("OtherTeamStartsAgain", func(t *testing.T) {
		if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://other.example", DeviceToken: "x", TeamID: "other"}); err != nil {
			t.Fatal(err)
		}
		if s, _ := db.SyncSettings(ctx); s.Cursor != "" || s.TeamID != "other" {
			t.Fatalf("another team kept the cursor: %+v", s)
		}
	})
	t.Run("Result", func(t *testing.T) {
		db.RecordSyncResult(ctx, db.Now(), "network", "Server not reachable")
		s, _ := db.SyncSettings(ctx)
		if s.LastError != "Server not reachable" || s.LastErrorCode != "network" {
			t.Fatalf("%+v", s)
		}
		db.RecordSyncResult(ctx, db.Now(), "", "")
		s, _ = db.SyncSettings(ctx)
		if s.LastError != "" || s.LastSyncAt == "" {
			t.Fatalf("%+v", s)
		}
	})
}

func TestPush(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Market stall")
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More benches"})
	if err != nil {
		t.Fatal(err)
	}

	batch, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(batch) != 2 {
		t.Fatalf("batch %d %v", len(batch), err)
	}
	t.Run("SentEntriesAreNotFolded", func(t *testing.T) {
		if _, err := db.SaveSessionNotes(ctx, s.ID, "typed while sending"); err != nil {
			t.Fatal(err)
		}
		p := pending(t, db)
		if len(p) != 3 || p[2].BaseRev != batch[0].Rev {
			t.Fatalf("a change while sending must make a new entry based on the sent one: %+v", p)
		}
	})
	t.Run("BatchesAreBoundedAndOrdered", func(t *testing.T) {
		b, _ := db.TakePushBatch(ctx, batch[0].Seq, 0, 1)
		if len(b) != 1 || b[0].ChangeID != batch[1].ChangeID {
			t.Fatalf("%+v", b)
		}
		if b, _ := db.TakePushBatch(ctx, 0, batch[1].Seq, 10); len(b) != 2 {
			t.Fatalf("upTo not honoured: %d", len(b))
		}
	})

	t.Run("AckAndReject", func(t *testing.T) {
		serverRev := batch[0].Rev + 100 // the server had to bump the session's revision
		tally, err := syncer.ApplyPushResults(ctx, db, batch, []syncapi.Result{
			{ChangeID: batch[0].ChangeID, Status: syncapi.StatusApplied, Rev: serverRev},
			{ChangeID: batch[1].ChangeID, Status: syncapi.StatusRejected, Code: "invalid", Reason: "Feedback: Select a theme from the list"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if tally.Applied != 1 || tally.Rejected != 1 || tally.Unanswered != 0 {
			t.Fatalf("tally %+v", tally)
		}
		if rev, _ := baseRev(t, db, "session", s.ID); rev != serverRev {
			t.Errorf("sync base rev %d, want %d", rev, serverRev)
		}
		p := pending(t, db)
		if len(p) != 1 || p[0].Entity != "session" || p[0].BaseRev != serverRev {
			t.Fatalf("the waiting notes change must be based on the server's revision: %+v", p)
		}
		// the newer local change keeps the record as it is
		got, _ := db.FindSessionByID(ctx, s.ID)
		if got.Notes != "typed while sending" {
			t.Errorf("notes %q", got.Notes)
		}
		rej, err := db.FindRejectedChanges(ctx)
		if err != nil || len(rej) != 1 || rej[0].RecordID != f.ID || rej[0].RecordTitle != "More benches" ||
			rej[0].Reason != "Feedback: Select a theme from the list" || rej[0].At == "" || rej[0].SessionID != s.ID {
			t.Fatalf("rejected %+v %v", rej, err)
		}
		pend, rejected, _, _ := db.SyncCounts(ctx)
		if pend != 1 || rejected != 1 {
			t.Errorf("counts %d %d", pend, rejected)
		}
		// rejected changes are never sent again, and never block later ones
		b, _ := db.TakePushBatch(ctx, 0, 0, 10)
		if len(b) != 1 || b[0].Entity != "session" {
			t.Fatalf("next batch %+v", b)
		}
		if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: s.ID, Text: "More benches please"}); err != nil {
			t.Fatal(err)
		}
		p = pending(t, db)
		if len(p) != 2 || p[1].BaseRev != 0 {
			t.Fatalf("an edit after a rejected create must be based on what the server has (nothing): %+v", p)
		}
	})

	t.Run("AckWritesRevAndTeam", func(t *testing.T) {
		b, _ := db.TakePushBatch(ctx, 0, 0, 10)
		results := make([]syncapi.Result, len(b))
		for i, e := range b {
			results[i] = syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusApplied, Rev: e.Rev}
		}
		if _, err := syncer.ApplyPushResults(ctx, db, b, results); err != nil {
			t.Fatal(err)
		}
		if p := pending(t, db); len(p) != 0 {
			t.Fatalf("pending %+v", p)
		}
		got, _ := db.FindSessionByID(ctx, s.ID)
		if got.TeamID != teamID || got.Rev != b[0].Rev {
			t.Errorf("record after ack: team %q rev %d, want %d", got.TeamID, got.Rev, b[0].Rev)
		}
		// the same answers again (a second sync of this laptop handled them) are harmless
		tally, err := syncer.ApplyPushResults(ctx, db, b, results)
		if err != nil || tally.Applied != len(b) {
			t.Fatalf("%+v %v", tally, err)
		}
	})
}

func TestPushMergedResult(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	// this laptop changes the venue; another changed the borough meanwhile
	s, b := sendingVenueEdit(t, db, "Focus group")
	// while it is being sent, the notes change too
	if _, err := db.SaveSessionNotes(ctx, s.ID, "notes typed meanwhile"); err != nil {
		t.Fatal(err)
	}
	var sent involve.Session
	json.Unmarshal(b[0].State, &sent)
	merged := sent
	merged.Borough = "E09000022"
	mergedRev := b[0].Rev + 5
	merged.Rev = mergedRev
	tally, err := syncer.ApplyPushResults(ctx, db, b, []syncapi.Result{{ChangeID: b[0].ChangeID, Status: syncapi.StatusMerged,
		Rev: mergedRev, State: serverState(t, merged, mergedRev)}})
	if err != nil || tally.Merged != 1 {
		t.Fatalf("%+v %v", tally, err)
	}
	got, _ := db.FindSessionByID(ctx, s.ID)
	if got.Borough != "E09000022" || got.Venue != "Library" || got.Notes != "notes typed meanwhile" {
		t.Fatalf("rebased record: borough %q venue %q notes %q", got.Borough, got.Venue, got.Notes)
	}
	p := pending(t, db)
	if len(p) != 1 || p[0].BaseRev != mergedRev || p[0].Rev != got.Rev || got.Rev <= mergedRev {
		t.Fatalf("waiting change not rebased: %+v (record rev %d)", p, got.Rev)
	}
	var st involve.Session
	json.Unmarshal(p[0].State, &st)
	if st.Borough != "E09000022" || st.Notes != "notes typed meanwhile" {
		t.Fatalf("waiting change's state %+v", st)
	}
}

func TestPull(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)

	s := remoteSession("Community café", 1000)
	f := remoteFeedback(s.ID, "The crèche was lovely", 1001)
	t.Run("ParkedUntilItsSessionArrives", func(t *testing.T) {
		// the session changed after the feedback was made, so it comes on a later page
		pullBeforeItsSession(t, db, pulled(t, "feedback", f, 1001, 1), pulled(t, "session", s, 1000, 2), func() {
			if _, err := db.FindFeedbackByID(ctx, f.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
				t.Fatalf("feedback before its session: %v", err)
			}
		})
		got, err := db.FindFeedbackByID(ctx, f.ID)
		if err != nil || got.Text != f.Text || got.Rev != 1001 || got.TeamID != teamID || got.CreatedBy != "Bo" || got.DeviceID != "other-device" {
			t.Fatalf("pulled feedback %+v %v", got, err)
		}
	})
	t.Run("SearchableAndNoOutbox", func(t *testing.T) {
		res, err := db.Search(ctx, "creche", 5)
		if err != nil || len(res) != 1 || res[0].ID != f.ID {
			t.Fatalf("search %+v %v", res, err)
		}
		if res, _ := db.Search(ctx, "cafe", 5); len(res) != 1 || res[0].ID != s.ID {
			t.Fatalf("search session %+v", res)
		}
		if p := pending(t, db); len(p) != 0 {
			t.Fatalf("pulled records made outbox entries: %+v", p)
		}
		if set, _ := db.SyncSettings(ctx); set.Cursor != "2" {
			t.Fatalf("cursor %q", set.Cursor)
		}
	})
	t.Run("PendingLocalChangeNotOverwritten", func(t *testing.T) {
		if _, err := db.SaveSessionNotes(ctx, s.ID, "my notes"); err != nil {
			t.Fatal(err)
		}
		s2 := s
		s2.Title = "Community café (moved)"
		if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", s2, 2000, 3)}, "3"); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindSessionByID(ctx, s.ID)
		if got.Title != s.Title || got.Notes != "my notes" {
			t.Fatalf("pending local change overwritten: %+v", got)
		}
		if rev, _ := baseRev(t, db, "session", s.ID); rev != 2000 {
			t.Errorf("sync base rev %d", rev)
		}
		p := pending(t, db)
		if len(p) != 1 || p[0].BaseRev != 1000 {
			t.Fatalf("the local change keeps its base (the server merges it): %+v", p)
		}
	})
	t.Run("OlderStateIgnored", func(t *testing.T) {
		old := f
		old.Text = "stale"
		tally, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "feedback", old, 5, 4)}, "4")
		if err != nil || tally.Written != 0 {
			t.Fatalf("%+v %v", tally, err)
		}
		if got, _ := db.FindFeedbackByID(ctx, f.ID); got.Text != f.Text {
			t.Fatalf("older state written: %q", got.Text)
		}
	})
	t.Run("CursorSavedWithPage", func(t *testing.T) {
		bad := remoteFeedback(s.ID, "rated nine", 3000)
		nine := 9
		bad.Rating = &nine // the store's CHECK refuses it: the page must not half-apply
		good := remoteFeedback(s.ID, "fine", 3001)
		_, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "feedback", good, 3001, 5), pulled(t, "feedback", bad, 3000, 6)}, "6")
		if err == nil {
			t.Fatal("a page that cannot be stored was applied")
		}
		if set, _ := db.SyncSettings(ctx); set.Cursor != "4" {
			t.Fatalf("cursor moved without its page: %q", set.Cursor)
		}
		if _, err := db.FindFeedbackByID(ctx, good.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("half a page applied: %v", err)
		}
	})
	t.Run("UnknownEntitySkipped", func(t *testing.T) {
		tally, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{{Seq: 7, Entity: "attachment", RecordID: newID(), Rev: 1, State: json.RawMessage(`{}`)}}, "7")
		if err != nil || tally.Skipped != 1 {
			t.Fatalf("%+v %v", tally, err)
		}
	})
	t.Run("DeletedRemotely", func(t *testing.T) {
		del := f
		del.DeletedAt = "2026-11-21T00:00:00.000Z"
		if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "feedback", del, 4000, 8)}, "8"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindFeedbackByID(ctx, f.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("deleted feedback still live: %v", err)
		}
		if res, _ := db.Search(ctx, "creche", 5); len(res) != 0 {
			t.Fatalf("deleted feedback still found: %+v", res)
		}
		checkVocabulary(t, db) // pulled pages index in bulk (search_words.go)
	})
}

func TestConflicts(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Steering group")
	pushApplied(t, db)
	s, _ = db.FindSessionByID(ctx, s.ID)

	c := involve.Conflict{Entity: "session", RecordID: s.ID, Field: "title", Base: json.RawMessage(`"Steering group"`),
		Winner: involve.ConflictValue{Value: json.RawMessage(`"Steering group"`), Rev: s.Rev, DeviceID: db.DeviceID(), By: "Ada", At: s.UpdatedAt},
		Loser:  involve.ConflictValue{Value: json.RawMessage(`"Steering group (March)"`), Rev: s.Rev - 1, DeviceID: "other", By: "Bo", At: s.UpdatedAt},
		Status: involve.ConflictOpen}
	c.ID, c.CreatedAt, c.UpdatedAt, c.DeviceID, c.Rev, c.TeamID = newID(), "2026-11-24T10:00:00.000Z", "2026-11-24T10:00:00.000Z", "server", 7000, teamID
	tally, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "conflict", c, 7000, 1)}, "1")
	if err != nil || tally.NewConflicts != 1 {
		t.Fatalf("%+v %v", tally, err)
	}
	list, err := db.FindConflicts(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	ci := list[0]
	if ci.RecordTitle != "Steering group" || string(ci.Current) != `"Steering group"` || !ci.RecordFound || ci.Status != "open" || ci.SessionID != s.ID ||
		string(ci.Loser.Value) != `"Steering group (March)"` {
		t.Fatalf("conflict info %+v", ci)
	}
	if _, _, n, _ := db.SyncCounts(ctx); n != 1 {
		t.Errorf("open conflicts %d", n)
	}

	t.Run("BadResolution", func(t *testing.T) {
		if _, err := db.ResolveConflict(ctx, c.ID, "both", nil); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("%v", err)
		}
		if _, err := db.ResolveConflict(ctx, c.ID, "combined", json.RawMessage(`42`)); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("a number for a title: %v", err)
		}
		if _, err := db.ResolveConflict(ctx, c.ID, "combined", json.RawMessage(`""`)); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("an empty title: %v", err)
		}
		if p := pending(t, db); len(p) != 0 {
			t.Fatalf("failed resolutions left changes: %+v", p)
		}
	})
	t.Run("CombinedMakesTwoOutboxEntries", func(t *testing.T) {
		got, err := db.ResolveConflict(ctx, c.ID, "combined", json.RawMessage(`"Steering group (March meeting)"`))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "resolved" || got.Resolution != "combined" || got.ResolvedAt == "" || string(got.Current) != `"Steering group (March meeting)"` {
			t.Fatalf("resolved %+v", got)
		}
		p := pending(t, db)
		if len(p) != 2 || p[0].Entity != "session" || p[1].Entity != "conflict" || p[0].BaseRev != s.Rev || p[1].BaseRev != 7000 {
			t.Fatalf("outbox %+v", p)
		}
		var cs involve.Conflict
		json.Unmarshal(p[1].State, &cs)
		if err := cs.Validate(); err != nil || cs.Status != "resolved" || cs.ResolvedBy != db.UserName() {
			t.Fatalf("conflict change %+v %v", cs, err)
		}
		if _, _, n, _ := db.SyncCounts(ctx); n != 0 {
			t.Errorf("open conflicts %d", n)
		}
		if _, err := db.ResolveConflict(ctx, c.ID, "kept", nil); involve.ErrorCode(err) != involve.ECONFLICT {
			t.Fatalf("resolving twice: %v", err)
		}
	})
	t.Run("DeleteAgainstEditRestore", func(t *testing.T) {
		if err := db.DeleteSession(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
		del := involve.Conflict{Entity: "session", RecordID: s.ID, Field: "deletedAt", Base: json.RawMessage(`null`),
			Winner: involve.ConflictValue{Value: json.RawMessage(`"2026-11-24T11:00:00.000Z"`)},
			Loser:  involve.ConflictValue{Value: json.RawMessage(`null`)}, Status: involve.ConflictOpen}
		del.ID, del.CreatedAt, del.UpdatedAt, del.Rev = newID(), "2026-11-24T11:00:00.000Z", "2026-11-24T11:00:00.000Z", 8000
		if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "conflict", del, 8000, 2)}, "2"); err != nil {
			t.Fatal(err)
		}
		got, err := db.ResolveConflict(ctx, del.ID, "replaced", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.RecordDeleted {
			t.Fatal("restoring did not restore")
		}
		if _, err := db.FindSessionByID(ctx, s.ID); err != nil {
			t.Fatalf("restored session: %v", err)
		}
	})
}

func TestPullManyPages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := remoteSession("Big event", 10)
	page := []syncapi.PulledChange{pulled(t, "session", s, 10, 1)}
	for i := 0; i < 500; i++ {
		page = append(page, pulled(t, "feedback", remoteFeedback(s.ID, fmt.Sprintf("card %d", i), int64(11+i)), int64(11+i), int64(2+i)))
	}
	tally, err := syncer.ApplyPullPage(ctx, db, page, "501")
	if err != nil || tally.Written != 501 {
		t.Fatalf("%+v %v", tally, err)
	}
	// the same page again is harmless
	tally, err = syncer.ApplyPullPage(ctx, db, page, "501")
	if err != nil || tally.Written != 0 {
		t.Fatalf("re-applied page: %+v %v", tally, err)
	}
	list, _ := db.FindFeedback(ctx, s.ID)
	if len(list) != 500 {
		t.Fatalf("feedback %d", len(list))
	}
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Fatal(err)
	}
}

// A push answer's merged state may name a project this laptop has not pulled yet: it
// waits (parked) instead of failing the foreign key, and the pull that follows
// brings the project and writes it.
func TestPushMergedResultNamesUnpulledProject(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, b := sendingVenueEdit(t, db, "Drop-in")

	p := involve.Project{ProjectInput: involve.ProjectInput{Name: "Bus routes", Core20Plus5: []string{}, PlusGroups: []string{}, Boroughs: []string{}}}
	p.ID, p.CreatedAt, p.UpdatedAt, p.Rev, p.TeamID = newID(), "2026-11-24T10:00:00.000Z", "2026-11-24T10:00:00.000Z", 50, teamID
	var merged involve.Session
	json.Unmarshal(b[0].State, &merged)
	merged.ProjectID = p.ID
	mergedRev := b[0].Rev + 10
	for i := 0; i < 2; i++ { // the answer again, as a duplicate, is as harmless
		if i == 1 {
			db.ExecForTest(ctx, `INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
				VALUES (?, 'session', ?, ?, ?, ?, '', '')`, b[0].ChangeID, s.ID, b[0].BaseRev, b[0].Rev, string(b[0].State))
		}
		if _, err := syncer.ApplyPushResults(ctx, db, b, []syncapi.Result{{ChangeID: b[0].ChangeID, Status: syncapi.StatusMerged,
			Rev: mergedRev, State: serverState(t, merged, mergedRev)}}); err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
	}
	if _, parked := baseRev(t, db, "session", s.ID); parked != 1 {
		t.Fatal("not parked")
	}
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", merged, mergedRev, 1), pulled(t, "project", p, 50, 2)}, "2"); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindSessionByID(ctx, s.ID)
	if got.ProjectName != "Bus routes" || got.Venue != "Library" {
		t.Fatalf("%+v", got)
	}
}

// A change coming back from the server at the revision this laptop gave it is only
// re-stamped (team, update time) when the server stored it as sent, and written in
// full when the server stored something else (a server that normalises text).
func TestPullOwnChangeBack(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Drop-in")
	b := pushApplied(t, db)
	var sent involve.Session
	json.Unmarshal(b[0].State, &sent)

	echo := sent
	echo.UpdatedAt = "2026-11-24T12:00:00.000Z" // the server's time
	tally, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", echo, b[0].Rev, 1)}, "1")
	if err != nil || tally.Written != 1 {
		t.Fatalf("%+v %v", tally, err)
	}
	got, _ := db.FindSessionByID(ctx, s.ID)
	if got.UpdatedAt != echo.UpdatedAt || got.TeamID != teamID || got.Title != "Drop-in" {
		t.Fatalf("after the echo: %+v", got)
	}
	// the same page again changes nothing
	if tally, _ := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", echo, b[0].Rev, 1)}, "1"); tally.Written != 0 {
		t.Fatalf("re-applied: %+v", tally)
	}

	s2 := mustSession(t, db, "Focus group")
	b = pushApplied(t, db)
	json.Unmarshal(b[0].State, &sent)
	echo = sent
	echo.Title = "Focus Group" // stored differently
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", echo, b[0].Rev, 2)}, "2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.FindSessionByID(ctx, s2.ID); got.Title != "Focus Group" {
		t.Fatalf("the server's version was not taken: %q", got.Title)
	}
	if res, _ := db.Search(ctx, "Focus", 5); len(res) != 1 {
		t.Fatalf("search after the echo: %+v", res)
	}
}

// The team's own certificate authority is kept with the connection, replaced by the
// next connection and forgotten with it.
func TestSyncCAKeptWithConnection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
	save := func(pem string) syncer.Settings {
		t.Helper()
		if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk",
			DeviceToken: "inv1_test", TeamID: teamID, CAPEM: pem}); err != nil {
			t.Fatal(err)
		}
		set, err := db.SyncSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	if set := save(ca); set.CAPEM != ca {
		t.Fatalf("stored %q", set.CAPEM)
	}
	if set := save(""); set.CAPEM != "" {
		t.Fatalf("connected again without it, still %q", set.CAPEM)
	}
	// removed on its own (Settings): the connection stays
	save(ca)
	if err := db.SaveSyncCA(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if set, _ := db.SyncSettings(ctx); set.CAPEM != "" || !set.Connected() {
		t.Fatalf("after removing it: %q, connected %v", set.CAPEM, set.Connected())
	}
	if err := db.SaveSyncCA(ctx, ca); err != nil {
		t.Fatal(err)
	}
	if set, _ := db.SyncSettings(ctx); set.CAPEM != ca {
		t.Fatalf("set on its own: %q", set.CAPEM)
	}
	if err := db.ForgetSyncConnection(ctx); err != nil {
		t.Fatal(err)
	}
	if set, _ := db.SyncSettings(ctx); set.CAPEM != "" {
		t.Fatalf("disconnected, still %q", set.CAPEM)
	}
}

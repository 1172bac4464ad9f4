package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestPurgeTombstones: on a laptop that has never synced, a deleted session and a
// deleted feedback item are removed (with their search index rows and their outbox
// entries) once the period for deleted records has passed, not a day before; a
// deleted session that a retention hold keeps, or that a live feedback item still
// belongs to, stays; a live session stays. Opening the database again purges too.
func TestPurgeTombstones(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	t0 := time.Now().AddDate(0, 0, -40).UTC()
	db.Now = func() time.Time { return t0 }
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Bus routes"})
	if err != nil {
		t.Fatal(err)
	}
	session := func(title string) involve.Session {
		t.Helper()
		s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: title, Date: "2026-10-01", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	gone, held, parent, live := session("Gone session"), session("Held session"), session("Parent session"), session("Live session")
	fb, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: live.ID, Text: "Gone remark", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: parent.ID, Text: "Kept remark", Source: "comment_card"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{gone.ID, held.ID, parent.ID} {
		if err := db.DeleteSession(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteFeedback(ctx, fb.ID); err != nil {
		t.Fatal(err)
	}
	setLocalRole(t, db, "lead")
	if _, err := db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntitySession, RecordID: held.ID,
		RecordKind: involve.RetainDeleted, Until: "2099-01-01", Reason: "Under audit"}); err != nil {
		t.Fatal(err)
	}
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRowForTest(ctx, q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n, err := db.PurgeTombstones(ctx, t0.AddDate(0, 0, 29)); err != nil || n != 0 {
		t.Fatalf("PurgeTombstones on day 29: %d, %v; want nothing", n, err)
	}
	if n, err := db.PurgeTombstones(ctx, t0.AddDate(0, 0, 30)); err != nil || n != 2 {
		t.Fatalf("PurgeTombstones on day 30: %d, %v; want the gone session and the feedback item", n, err)
	}
	for _, id := range []string{gone.ID, fb.ID} {
		if n := count(`SELECT (SELECT count(*) FROM sessions WHERE id = ?1) + (SELECT count(*) FROM feedback WHERE id = ?1) +
			(SELECT count(*) FROM outbox WHERE record_id = ?1)`, id); n != 0 {
			t.Errorf("%s: %d rows left (record, outbox)", id, n)
		}
	}
	for _, id := range []string{held.ID, parent.ID, live.ID} {
		if n := count(`SELECT count(*) FROM sessions WHERE id = ?`, id); n != 1 {
			t.Errorf("session %s was purged", id)
		}
	}
	if n := count(`SELECT count(*) FROM search WHERE search MATCH 'gone'`); n != 0 {
		t.Errorf("the search index still finds %d purged records", n)
	}

	// At open: a tombstone past its period goes when the database is opened.
	db.Now = func() time.Time { return t0 }
	// live's feedback is deleted and purged: nothing belongs to it any more.
	if err := db.DeleteSession(ctx, live.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	var n int
	if err := db2.QueryRowForTest(ctx, `SELECT count(*) FROM sessions WHERE id = ?`, live.ID).Scan(&n); err != nil || n != 0 {
		t.Errorf("opening the database left the session deleted 40 days ago: %d, %v", n, err)
	}
}

// TestPurgeTombstonesConnected: on a laptop connected to a server, a tombstone past its
// period goes only once the server has it (its sync base is at its revision, and no
// change of it waits); one whose deletion is still waiting to be sent, or whose sync
// base is older, stays.
func TestPurgeTombstonesConnected(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.ExecForTest(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT OR REPLACE INTO meta(key, value) VALUES ('sync_server_url', 'https://sync.example'), ('sync_cursor', '41')`)
	t0 := time.Now().AddDate(0, 0, -40).UTC()
	db.Now = func() time.Time { return t0 }
	var ids []string
	for _, title := range []string{"Synced", "Waiting", "Older base"} {
		s, err := db.CreateSession(ctx, involve.SessionInput{Title: title, Date: "2026-10-01", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteSession(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.ID)
	}
	// "Synced" and "Older base" were sent and answered; the server has "Synced" at its
	// revision and "Older base" at an earlier one.
	for i, id := range []string{ids[0], ids[2]} {
		exec(`DELETE FROM outbox WHERE record_id = ?`, id)
		exec(`INSERT INTO sync_base(entity, record_id, rev, state) SELECT 'session', id, rev - ?, '{}' FROM sessions WHERE id = ?`, i, id)
	}
	n, err := db.PurgeTombstones(ctx, t0.AddDate(0, 0, 31))
	if err != nil || n != 1 {
		t.Fatalf("PurgeTombstones: %d, %v; want only the synced one", n, err)
	}
	for i, id := range ids {
		var left int
		if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM sessions WHERE id = ?`, id).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 0, false: 1}[i == 0]; left != want {
			t.Errorf("session %d: %d rows, want %d", i, left, want)
		}
	}
}

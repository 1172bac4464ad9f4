package syncer_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// pulledOf is a record as a pull page brings it.
func pulledOf(t *testing.T, entity string, rec any, meta *involve.Meta, seq int64) syncapi.PulledChange {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return syncapi.PulledChange{Seq: seq, Entity: entity, RecordID: meta.ID, Rev: meta.Rev, State: b}
}

func pageOf(changes ...syncapi.PulledChange) syncapi.PullResponse {
	return syncapi.PullResponse{Changes: changes, Cursor: fmt.Sprint(changes[len(changes)-1].Seq), More: true, Role: "lead"}
}

// laptopState is what a laptop holds that a pull decides: its feedback rows, sync
// bases (a light base read as its row) and waiting changes.
func laptopState(t *testing.T, db *store.DB) string {
	t.Helper()
	ro, err := sql.Open("sqlite3", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var out []string
	for _, q := range []string{
		`SELECT id, text, CASE WHEN rev < 1000 THEN rev ELSE 'a local revision' END, team_id FROM feedback ORDER BY id`,
		`SELECT entity, record_id, rev, state = '', parked FROM sync_base_all ORDER BY entity, record_id`,
		`SELECT 'light-or-full', count(*) FROM sync_base_all WHERE state = ''`,
	} {
		rows, err := ro.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			out = append(out, fmt.Sprint(vals...))
		}
		rows.Close()
	}
	pend, err := db.PendingChanges(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pend {
		var st struct{ Text string }
		json.Unmarshal(p.State, &st)
		out = append(out, fmt.Sprint("pending ", p.Entity, p.RecordID, " ", p.BaseRev, p.Status, st.Text))
	}
	return strings.Join(out, "\n")
}

// TestFirstPullImportAndEditBetweenTransactions: a laptop pulling from the beginning
// takes feedback items to be new (pullnew.go); an item imported between the pull's
// transactions with an id a later page brings, and an item pulled earlier and edited
// in between, keep their local changes (waiting to be pushed, and merged or conflicted
// by the server as before) and the laptop ends exactly as one that looked every record
// up.
func TestFirstPullImportAndEditBetweenTransactions(t *testing.T) {
	ctx := context.Background()
	s := involve.Session{SessionInput: involve.SessionInput{Title: "Stall", Date: "2026-11-24", Type: "workshop", Mode: "in_person",
		Status: "held", Standards: []string{}, AccessSupport: []string{}}}
	s.ID, s.CreatedAt, s.UpdatedAt, s.Rev, s.TeamID = uuid.NewString(), "2026-11-24T09:00:00.000Z", "2026-11-24T09:00:00.000Z", 1, "team-1"
	fb := func(text string, rev int64) involve.Feedback {
		f := involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Text: text, Source: "comment_card", Themes: []string{}}}
		f.ID, f.CreatedAt, f.UpdatedAt, f.Rev, f.TeamID = uuid.NewString(), "2026-11-24T10:00:00.000Z", "2026-11-24T10:00:00.000Z", rev, "team-1"
		return f
	}
	f1, f2, f3, x, f4 := fb("first", 2), fb("second", 3), fb("third", 4), fb("the server's x", 5), fb("fourth", 6)
	f1Later := f1
	f1Later.Text, f1Later.Rev = "first, changed on another laptop", 7

	run := func(assume bool) (*store.DB, []bool) {
		db := storetest.Open(t)
		if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
			TeamID: "team-1", TeamName: "South London", DeviceName: "laptop", Role: "lead"}); err != nil {
			t.Fatal(err)
		}
		var fallbacks []bool
		apply := func(pages ...syncapi.PullResponse) {
			t.Helper()
			before := assume
			if _, err := syncer.ApplyPagesForTest(ctx, db, pages, &assume); err != nil {
				t.Fatal(err)
			}
			fallbacks = append(fallbacks, before && !assume)
		}
		// the first transaction: the session and three items
		apply(pageOf(pulledOf(t, "session", &s, &s.Meta, 1), pulledOf(t, "feedback", &f1, &f1.Meta, 2)),
			pageOf(pulledOf(t, "feedback", &f2, &f2.Meta, 3), pulledOf(t, "feedback", &f3, &f3.Meta, 4)))
		// between the transactions: x imported here (the same id the server holds),
		// and the pulled f2 edited
		if err := db.Import(ctx, func(im *store.Importer) error {
			mine := x
			mine.Text, mine.DeviceID, mine.Rev = "x as imported here", im.DeviceID(), im.NextRev()
			return im.PutFeedback(&mine)
		}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindFeedbackByID(ctx, f2.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := got.FeedbackInput
		in.Text = "second, edited here"
		if _, err := db.UpdateFeedback(ctx, f2.ID, got.FeedbackInput, in); err != nil {
			t.Fatal(err)
		}
		// the second: x and a new item (x is kept: its import waits to be pushed)
		apply(pageOf(pulledOf(t, "feedback", &x, &x.Meta, 5), pulledOf(t, "feedback", &f4, &f4.Meta, 6)))
		// the third: f1 changed by another laptop, f2 changed there too (pulled in an
		// earlier transaction: not new, and found so by the Flush)
		f2Later := f2
		f2Later.Text, f2Later.Rev = "second, changed on another laptop", 8
		apply(pageOf(pulledOf(t, "feedback", &f1Later, &f1Later.Meta, 7), pulledOf(t, "feedback", &f2Later, &f2Later.Meta, 8)))
		return db, fallbacks
	}
	looked, _ := run(false)
	took, fallbacks := run(true)
	if want := []bool{false, false, true}; fmt.Sprint(fallbacks) != fmt.Sprint(want) {
		t.Errorf("transactions applied again with lookups: %v, want %v", fallbacks, want)
	}
	for _, db := range []*store.DB{looked, took} {
		for id, want := range map[string]string{x.ID: "x as imported here", f2.ID: "second, edited here", f1.ID: f1Later.Text, f4.ID: "fourth"} {
			if got, err := db.FindFeedbackByID(ctx, id); err != nil || got.Text != want {
				t.Errorf("%s: %q %v, want %q", id, got.Text, err, want)
			}
		}
	}
	a, b := laptopState(t, looked), laptopState(t, took)
	if a != b {
		t.Errorf("a laptop that took items to be new differs from one that looked them up:\n%s\n---\n%s", a, b)
	}
	if !strings.Contains(b, "pending feedback"+x.ID+" 0pending") || !strings.Contains(b, "pending feedback"+f2.ID+" 3pending") {
		t.Errorf("the local changes do not wait to be pushed:\n%s", b)
	}
}

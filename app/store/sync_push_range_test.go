package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// A take's import entries get their change ids in one statement (sync_push_range.go).

// Each take gives its import entries ids of its own random prefix and their positions:
// valid UUIDs (version 8), stored with the entries, another prefix the next take.
func TestTakeGivesImportIDsByRange(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	storetest.ImportFeedback(t, db, 6, "Imported comment %d")
	first, err := db.TakePushBatch(ctx, 0, 0, 4)
	if err != nil || len(first) != 4 {
		t.Fatalf("first take %+v %v", first, err)
	}
	second, err := db.TakePushBatch(ctx, first[3].Seq, 0, 10)
	if err != nil || len(second) != 3 {
		t.Fatalf("second take %+v %v", second, err)
	}
	stored := importChangeIDs(t, db)
	prefixOf := func(list []syncer.OutboxEntry) string {
		p := ""
		for _, e := range list {
			u, err := uuid.Parse(e.ChangeID)
			if err != nil || u.Version() != 8 || u.Variant() != uuid.RFC4122 || e.ChangeID != strings.ToLower(e.ChangeID) {
				t.Fatalf("change id %q (%v): want a lowercase UUID of version 8", e.ChangeID, err)
			}
			if want := fmt.Sprintf("%012x", e.Seq); e.ChangeID[24:] != want {
				t.Fatalf("change id %q of the entry at %d: want it to end in %s", e.ChangeID, e.Seq, want)
			}
			if p != "" && e.ChangeID[:24] != p {
				t.Fatalf("one take's ids %q and %q: want one prefix", p, e.ChangeID)
			}
			p = e.ChangeID[:24]
			if stored[e.Seq] != e.ChangeID {
				t.Fatalf("entry %d taken as %q, stored as %q", e.Seq, e.ChangeID, stored[e.Seq])
			}
		}
		return p
	}
	if a, b := prefixOf(first), prefixOf(second); a == b {
		t.Fatalf("two takes share the prefix %q", a)
	}
	// taken again from the start: the same ids, none given anew
	again, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(again) != 7 {
		t.Fatalf("again %+v %v", again, err)
	}
	for i, e := range append(first, second...) {
		if again[i].ChangeID != e.ChangeID {
			t.Fatalf("entry %d resent as %q, first sent as %q", e.Seq, again[i].ChangeID, e.ChangeID)
		}
	}
}

// An answer to entries given their ids so removes the entries answered, and only those: one left unanswered in the
// middle of the take, and one whose id is no longer the one sent, stay; the records
// answered are stamped with the server's revision and team.
func TestAnswersRemoveOnlyTheirEntries(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	storetest.ImportFeedback(t, db, 5, "Imported comment %d")
	taken, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(taken) != 6 {
		t.Fatalf("take %+v %v", taken, err)
	}
	unanswered, changed := taken[2], taken[4]
	// (an id no longer the one sent: as if another take had given it)
	other := changed.ChangeID[:23] + "0" + changed.ChangeID[24:]
	if other == changed.ChangeID {
		other = changed.ChangeID[:23] + "1" + changed.ChangeID[24:]
	}
	if err := db.ExecForTest(ctx, `UPDATE outbox_import SET change_id = ? WHERE seq = ?`, other, changed.Seq); err != nil {
		t.Fatal(err)
	}
	var results []syncapi.Result
	for i, e := range taken {
		if i == 2 {
			continue
		}
		results = append(results, syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusApplied, Rev: e.Rev + 10, UpdatedAt: "2026-12-08T03:00:00.000Z"})
	}
	tally, err := syncer.ApplyPushResults(ctx, db, taken, results)
	if err != nil || tally.Applied != 5 || tally.Unanswered != 1 {
		t.Fatalf("tally %+v %v", tally, err)
	}
	left := importChangeIDs(t, db)
	if len(left) != 2 || left[unanswered.Seq] != unanswered.ChangeID || left[changed.Seq] != other {
		t.Fatalf("left %v; want %d (%s) and %d (%s)", left, unanswered.Seq, unanswered.ChangeID, changed.Seq, other)
	}
	for i, e := range taken {
		if e.Entity != involve.EntityFeedback {
			continue
		}
		got, err := db.FindFeedbackByID(ctx, e.RecordID)
		if err != nil {
			t.Fatal(err)
		}
		stamped := i != 2 && i != 4
		if stamped && (got.Rev != e.Rev+10 || got.TeamID != teamID || got.UpdatedAt != "2026-12-08T03:00:00.000Z") {
			t.Errorf("answered %s: rev %d team %q updated %s; want %d, %q and the server's time", e.RecordID, got.Rev, got.TeamID, got.UpdatedAt, e.Rev+10, teamID)
		}
		if !stamped && (got.Rev != e.Rev || got.TeamID != "") {
			t.Errorf("not removed %s: rev %d team %q; want it untouched at %d", e.RecordID, got.Rev, got.TeamID, e.Rev)
		}
		if stamped {
			if rev, _ := baseRev(t, db, involve.EntityFeedback, e.RecordID); rev != e.Rev+10 {
				t.Errorf("answered %s: base at %d, want %d", e.RecordID, rev, e.Rev+10)
			}
		}
	}
	// the unanswered entry goes again with its id
	next, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(next) != 2 || next[0].ChangeID != unanswered.ChangeID || next[1].ChangeID != other {
		t.Fatalf("next take %+v %v", next, err)
	}
}

// An entry the statement would not reach (its id empty, not missing) fails the take
// before anything is sent, and the take leaves every entry as it was.
func TestTakeFailsWhenNotEveryEntryGetsItsID(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	storetest.ImportFeedback(t, db, 3, "Imported comment %d")
	before := importChangeIDs(t, db)
	var seq int64
	for s := range before {
		if seq == 0 || s > seq {
			seq = s
		}
	}
	if err := db.ExecForTest(ctx, `UPDATE outbox_import SET change_id = '' WHERE seq = ?`, seq); err != nil {
		t.Fatal(err)
	}
	if taken, err := db.TakePushBatch(ctx, 0, 0, 10); err == nil || !strings.Contains(err.Error(), "to be given change ids") {
		t.Fatalf("take %+v %v: want the mismatch refused", taken, err)
	}
	for s, id := range importChangeIDs(t, db) {
		if id != "" {
			t.Fatalf("entry %d holds %q after the failed take: want no id given", s, id)
		}
	}
}

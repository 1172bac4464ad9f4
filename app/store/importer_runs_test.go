package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// New feedback items' outbox entries are written a run at a time (importer_runs.go):
// runs cut by sessions, by an item the import writes again (which moves the earlier
// entry into the outbox first) and by the end still queue every record once, in the
// order the records were written, each naming its own row and revision (the item
// written again: its first entry frozen at its first revision, then one at its new).
func TestImportRunsOfEntries(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	var want []string
	var again involve.Feedback
	if err := db.Import(ctx, func(im *store.Importer) error {
		for si, run := range []int{5, 3, 4} {
			s := remoteSession(fmt.Sprintf("Workshop %d", si), 3)
			s.TeamID = ""
			if err := im.PutSession(&s); err != nil {
				return err
			}
			want = append(want, "session "+s.ID+" 3")
			for i := range run {
				f := remoteFeedback(s.ID, fmt.Sprintf("Comment %d of %d", i, si), 2)
				f.TeamID = ""
				if err := im.PutFeedback(&f); err != nil {
					return err
				}
				want = append(want, "feedback "+f.ID+" 2")
				if si == 0 && i == 1 {
					again = f
				}
			}
			if si == 1 { // the second item of the first run, newer, in the middle of a run
				again.Text, again.Rev = "Written again", 5
				if err := im.PutFeedback(&again); err != nil {
					return err
				}
				want = append(want, "feedback "+again.ID+" 5")
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	list, err := db.PendingChanges(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, e := range list {
		got = append(got, fmt.Sprintf("%s %s %d", e.Entity, e.RecordID, e.Rev))
		if i > 0 && e.Seq <= list[i-1].Seq {
			t.Errorf("entry %d: seq %d after %d", i, e.Seq, list[i-1].Seq)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("queued:\n%v\nwant:\n%v", got, want)
	}
}

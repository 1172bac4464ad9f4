package store_test

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// The home screen's answer ahead (home_ahead.go) is given to the first Home only while
// it is what Home would say: every kind of write after it was worked out (through the
// store, and by another connection, as a pull, a restore or another process commits)
// and a new day make Home ask the database again.
func TestHomeAheadIsNeverStale(t *testing.T) {
	ctx := context.Background()
	today := time.Now().Local().Format("2006-01-02")
	setup := func(t *testing.T) (*store.DB, involve.Session, involve.Feedback) {
		db := MustOpenDB(t)
		s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: today, Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The ramp is too steep", NeedsResponse: true})
		if err != nil {
			t.Fatal(err)
		}
		return db, s, f
	}
	fresh := func(t *testing.T, db *store.DB) involve.Home {
		t.Helper()
		h, err := db.Home(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}

	t.Run("unchanged", func(t *testing.T) {
		db, _, _ := setup(t)
		want := fresh(t, db)
		db.HomeAhead(ctx)
		if got := fresh(t, db); !reflect.DeepEqual(got, want) {
			t.Errorf("answer ahead %+v; want %+v", got, want)
		}
	})

	writes := map[string]func(t *testing.T, db *store.DB, s involve.Session, f involve.Feedback){
		"a new item": func(t *testing.T, db *store.DB, s involve.Session, _ involve.Feedback) {
			if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More chairs"}); err != nil {
				t.Fatal(err)
			}
		},
		"a deleted item": func(t *testing.T, db *store.DB, _ involve.Session, f involve.Feedback) {
			if err := db.DeleteFeedback(ctx, f.ID); err != nil {
				t.Fatal(err)
			}
		},
		"an erased item": func(t *testing.T, db *store.DB, s involve.Session, f involve.Feedback) {
			setLocalRole(t, db, "lead")
			if _, err := db.Erase(ctx, involve.EntityFeedback, f.ID, ""); err != nil {
				t.Fatal(err)
			}
		},
		"a pulled session": func(t *testing.T, db *store.DB, _ involve.Session, _ involve.Feedback) {
			setLocalRole(t, db, "lead")
			p := remoteSession("From the other laptop", 7)
			if tally := pullPage(t, db, "lead", "c1", pulled(t, involve.EntitySession, &p, 7, 1)); tally.Written != 1 {
				t.Fatalf("pulled %+v", tally)
			}
		},
		"an edited session": func(t *testing.T, db *store.DB, s involve.Session, _ involve.Feedback) {
			in := involve.SessionInput{Title: s.Title, Date: s.Date, Type: s.Type}
			out := in
			out.Title = "Drop-in, renamed"
			if _, err := db.UpdateSession(ctx, s.ID, in, out); err != nil {
				t.Fatal(err)
			}
		},
		"another connection's commit (a pull, a restore, another process)": func(t *testing.T, db *store.DB, _ involve.Session, _ involve.Feedback) {
			o, err := sql.Open("sqlite3", "file:"+db.Path()+"?_busy_timeout=5000")
			if err != nil {
				t.Fatal(err)
			}
			defer o.Close()
			if _, err := o.ExecContext(ctx, `UPDATE feedback SET needs_response = 0`); err != nil {
				t.Fatal(err)
			}
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			db, s, f := setup(t)
			before := fresh(t, db)
			db.HomeAhead(ctx)
			time.Sleep(50 * time.Millisecond) // let the answer ahead be worked out first
			write(t, db, s, f)
			got := fresh(t, db)
			// an erasure leaves the item (its words erased, none of them on the home
			// screen): the answer is the same, and asked again
			if reflect.DeepEqual(got, before) && name != "an erased item" {
				t.Fatalf("home after %s is the answer from before it: %+v", name, got)
			}
			if want := fresh(t, db); !reflect.DeepEqual(got, want) {
				t.Errorf("home after %s %+v; asked again %+v", name, got, want)
			}
		})
	}

	t.Run("a new day", func(t *testing.T) {
		db, _, _ := setup(t)
		db.HomeAhead(ctx)
		time.Sleep(50 * time.Millisecond)
		db.Now = func() time.Time { return time.Now().AddDate(0, 0, 1) }
		h := fresh(t, db)
		if len(h.Today) != 0 || len(h.Recent) != 1 || h.Counts.FeedbackToday != 0 {
			t.Errorf("home the next day %+v; want the session in recent, none today", h)
		}
	})

	t.Run("closed before it is taken", func(t *testing.T) {
		db, _, _ := setup(t)
		db.HomeAhead(ctx)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

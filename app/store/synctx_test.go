package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestSyncTx drives the store through syncer.Tx, the storage calls the sync engine's
// decisions are made of (the decisions themselves are tested in sync_test.go).
func TestSyncTx(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := mustSession(t, db, "Market stall")
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More benches"})
	if err != nil {
		t.Fatal(err)
	}
	sk, fk := syncer.Key{Entity: "session", ID: s.ID}, syncer.Key{Entity: "feedback", ID: f.ID}
	in := func(t *testing.T, fn func(tx syncer.Tx) error) {
		t.Helper()
		if err := db.SyncTx(ctx, fn); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("TakeStopsAtBusyAndMarksSent", func(t *testing.T) {
		in(t, func(tx syncer.Tx) error {
			got, err := tx.Take(0, 0, 10, func(k syncer.Key) bool { return k == fk })
			if err != nil || len(got) != 1 || got[0].RecordID != s.ID {
				t.Fatalf("take: %+v %v", got, err)
			}
			w, err := tx.Waiting([]syncer.Key{sk, fk})
			if err != nil || len(w[sk]) != 1 || !w[sk][0].Sent || len(w[fk]) != 1 || w[fk][0].Sent {
				t.Fatalf("waiting: %+v %v", w, err)
			}
			return nil
		})
	})

	t.Run("RollbackOnError", func(t *testing.T) {
		boom := errors.New("boom")
		if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
			if _, err := tx.Remove([]*syncer.OutboxEntry{&pending(t, db)[0]}); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatalf("err %v", err)
		}
		if n := len(pending(t, db)); n != 2 {
			t.Fatalf("%d pending after a rolled back remove, want 2", n)
		}
	})

	t.Run("CollectedWritesWaitForFlush", func(t *testing.T) {
		state := serverState(t, s, s.Rev)
		in(t, func(tx syncer.Tx) error {
			tx.CollectBase(sk, s.Rev, state)
			if b, err := tx.Bases([]syncer.Key{sk}); err != nil || len(b) != 0 {
				t.Fatalf("a collected base was written before Flush: %v %v", b, err)
			}
			if err := tx.Flush(); err != nil {
				return err
			}
			b, err := tx.Bases([]syncer.Key{sk})
			if err != nil || b[sk] != s.Rev {
				t.Fatalf("bases after Flush: %v %v", b, err)
			}
			st, err := tx.BaseStates([]syncer.Key{sk})
			if err != nil || string(st[sk]) != string(state) {
				t.Fatalf("base state %s %v", st[sk], err)
			}
			// an older state does not replace a newer one
			if ok, err := tx.PutBase(sk, s.Rev-1, json.RawMessage(`{}`)); ok || err != nil {
				t.Fatalf("older base written: %v %v", ok, err)
			}
			return nil
		})
	})

	t.Run("LaterBaseOfABatchWins", func(t *testing.T) {
		// Flush writes a batch's bases in key order (sync_pull.go); of two bases of one
		// record at the same revision, the one collected later is kept, whatever the
		// keys around them
		keys := []syncer.Key{{Entity: "theme", ID: "zz-" + newID()}, {Entity: "theme", ID: "aa-" + newID()}, {Entity: "project", ID: newID()}}
		in(t, func(tx syncer.Tx) error {
			for i, k := range keys {
				tx.CollectBase(k, 3, json.RawMessage(`{"n":1}`))
				tx.CollectBase(keys[(i+1)%len(keys)], 2, json.RawMessage(`{"n":0}`))
				tx.CollectBase(k, 3, json.RawMessage(`{"n":2}`))
			}
			if err := tx.Flush(); err != nil {
				return err
			}
			st, err := tx.BaseStates(keys)
			for _, k := range keys {
				if err != nil || string(st[k]) != `{"n":2}` {
					t.Fatalf("base of %v: %s %v", k, st[k], err)
				}
			}
			return nil
		})
	})

	t.Run("TakenToBeNewIsProvedAtFlush", func(t *testing.T) {
		// a pulled item taken to be new (AssumeNew) is written when it is
		g := remoteFeedback(s.ID, "Pulled: taken to be new", 9)
		gk := syncer.Key{Entity: "feedback", ID: g.ID}
		in(t, func(tx syncer.Tx) error {
			tx.AssumeNew(gk)
			tx.CollectBase(gk, g.Rev, serverState(t, g, g.Rev))
			if err := tx.PutPulled(&g, true); err != nil {
				return err
			}
			return tx.Flush()
		})
		if rev, _ := baseRev(t, db, "feedback", g.ID); rev != g.Rev {
			t.Fatalf("base of a new item at %d, want %d", rev, g.Rev)
		}
		if got, err := db.FindFeedbackByID(ctx, g.ID); err != nil || got.Text != g.Text {
			t.Fatalf("new item %q %v", got.Text, err)
		}
		// one with a sync base and no row (parked, say)
		h := remoteFeedback(s.ID, "Pulled: a base only", 4)
		hk := syncer.Key{Entity: "feedback", ID: h.ID}
		in(t, func(tx syncer.Tx) error {
			tx.CollectBase(hk, h.Rev, serverState(t, h, h.Rev))
			return tx.Flush()
		})
		// f has a row and no base, g both, h a base only: the Flush finds each and
		// writes nothing of the transaction
		for _, rec := range []involve.Feedback{f, g, h} {
			rec.Text, rec.Rev = "taken to be new, wrongly", 50
			k := syncer.Key{Entity: "feedback", ID: rec.ID}
			err := db.SyncTx(ctx, func(tx syncer.Tx) error {
				tx.AssumeNew(k)
				tx.CollectBase(k, rec.Rev, serverState(t, rec, rec.Rev))
				if err := tx.PutPulled(&rec, true); err != nil {
					return err
				}
				return tx.Flush()
			})
			if !errors.Is(err, syncer.ErrNotNew) {
				t.Errorf("%s taken to be new: %v, want ErrNotNew", rec.ID, err)
			}
			var n int
			if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM sync_base WHERE record_id = ? AND rev = 50`, rec.ID).Scan(&n); err != nil || n != 0 {
				t.Errorf("%s: base written (%d) %v", rec.ID, n, err)
			}
			if got, _ := db.FindFeedbackByID(ctx, rec.ID); got.Text == rec.Text {
				t.Errorf("%s: row written", rec.ID)
			}
		}
	})

	t.Run("ParkAndUnpark", func(t *testing.T) {
		in(t, func(tx syncer.Tx) error {
			tx.Park(sk)
			if n, err := tx.ParkedCount(); err != nil || n != 0 {
				t.Fatalf("parked before Flush: %d %v", n, err)
			}
			if err := tx.Flush(); err != nil {
				return err
			}
			p, err := tx.Parked()
			if err != nil || len(p) != 1 || p[0].RecordID != s.ID || p[0].Rev != s.Rev {
				t.Fatalf("parked: %+v %v", p, err)
			}
			if err := tx.Unpark(sk); err != nil {
				return err
			}
			if n, err := tx.ParkedCount(); err != nil || n != 0 {
				t.Fatalf("parked after Unpark: %d %v", n, err)
			}
			return nil
		})
	})

	t.Run("LocalAndParents", func(t *testing.T) {
		orphan := remoteFeedback(newID(), "no session yet", 5)
		in(t, func(tx syncer.Tx) error {
			l, err := tx.Local([]syncer.Key{sk, fk, {Entity: "feedback", ID: orphan.ID}})
			if err != nil || len(l) != 2 || l[sk].Rev != s.Rev || l[fk].Rev != f.Rev || l[sk].Row == 0 {
				t.Fatalf("local: %+v %v", l, err)
			}
			if err := tx.LoadParents([]any{&f, &orphan}); err != nil {
				return err
			}
			if ok, err := tx.ParentExists(&f); !ok || err != nil {
				t.Fatalf("the session of %s: %v %v", f.ID, ok, err)
			}
			if ok, err := tx.ParentExists(&orphan); ok || err != nil {
				t.Fatalf("a missing session exists: %v %v", ok, err)
			}
			return nil
		})
	})

	t.Run("PulledFeedbackIsWrittenAndIndexedAtCommit", func(t *testing.T) {
		g := remoteFeedback(s.ID, "Pulled: quieter corner please", 7)
		in(t, func(tx syncer.Tx) error {
			if err := tx.PutPulled(&g, true); err != nil {
				return err
			}
			if l, err := tx.Local([]syncer.Key{{Entity: "feedback", ID: g.ID}}); err != nil || len(l) != 0 {
				t.Fatalf("collected feedback written before Flush: %v %v", l, err)
			}
			return tx.SaveCursor("42")
		})
		if _, err := db.FindFeedbackByID(ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		if set, _ := db.SyncSettings(ctx); set.Cursor != "42" {
			t.Errorf("cursor %q", set.Cursor)
		}
		res, err := db.Search(ctx, "quieter", 10)
		if err != nil || len(res) != 1 {
			t.Errorf("search after the commit: %+v %v", res, err)
		}
	})
}

var _ syncer.Store = (*store.DB)(nil)

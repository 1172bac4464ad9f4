package serverstoretest

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// testPrefetch runs Prefetch with an UpdatedAt finer than the stores keep
// (microseconds), so that the transaction's own writes must be answered as stored.
func testPrefetch(t *testing.T, s serverstore.Store) {
	Prefetch(t, s, t0.Add(123456789*time.Nanosecond))
}

// Prefetch: after Prefetch, ChangeResult and GetRecord answer from what was read
// exactly as the database would, including the transaction's own writes. Every record
// is written with UpdatedAt odd; a store that keeps a coarser time must answer with
// what it keeps. s must be fresh, migrated and empty. Skipped for a store whose Tx does
// not implement serverstore.Prefetcher (the method is optional).
func Prefetch(t *testing.T, s serverstore.Store, odd time.Time) {
	mustTeam(t, s, "A", "Team A")
	mustTeam(t, s, "B", "Team B")
	var supported bool
	if err := s.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
		_, supported = tx.(serverstore.Prefetcher)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !supported {
		t.Skip("the store's Tx does not implement serverstore.Prefetcher")
	}
	put := func(team string, ids ...string) {
		t.Helper()
		err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
			for _, id := range ids {
				r := serverstore.Record{TeamID: team, Entity: "theme", ID: id, Rev: 7, State: json.RawMessage(`{"id":"` + id + `", "b":1,"a":2}`), DeviceID: "d", UpdatedAt: odd}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
			}
			if team == "A" {
				return tx.SaveChangeResult(ctx(), "A", "d", "c1", json.RawMessage(`{"status": "applied","rev":7}`))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	put("A", "a1", "both")
	put("B", "b1", "both")

	// What a transaction without Prefetch answers.
	plain := map[string]serverstore.Record{}
	s.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
		for _, id := range []string{"a1", "both"} {
			r, found, err := tx.GetRecord(ctx(), "A", id)
			if err != nil || !found {
				t.Fatalf("GetRecord(%s) = %v, %v", id, found, err)
			}
			plain[id] = r
		}
		return nil
	})

	var putNew serverstore.Record
	err := s.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
		pf, ok := tx.(serverstore.Prefetcher)
		if !ok {
			t.Fatalf("%T has no Prefetch method", tx)
		}
		if err := pf.Prefetch(ctx(), []string{"c1", "c2"}, []string{"a1", "b1", "both", "none", "new"}); err != nil {
			return err
		}
		if raw, found, err := tx.ChangeResult(ctx(), "c1", ""); err != nil || !found || string(raw) != `{"status": "applied","rev":7}` {
			t.Errorf("ChangeResult(c1) = %s, %v, %v", raw, found, err)
		}
		if _, found, err := tx.ChangeResult(ctx(), "c2", ""); err != nil || found {
			t.Errorf("ChangeResult(c2) = %v, %v; want not found", found, err)
		}
		for _, id := range []string{"a1", "both"} {
			r, found, err := tx.GetRecord(ctx(), "A", id)
			if err != nil || !found || !reflect.DeepEqual(r, plain[id]) {
				t.Errorf("GetRecord(%s) after Prefetch = %+v, %v, %v\nwithout Prefetch %+v", id, r, found, err, plain[id])
			}
		}
		if _, found, err := tx.GetRecord(ctx(), "A", "b1"); !errors.Is(err, serverstore.ErrOtherTeam) || found {
			t.Errorf("GetRecord(b1) = %v, %v; want ErrOtherTeam", found, err)
		}
		if _, found, err := tx.GetRecord(ctx(), "A", "none"); err != nil || found {
			t.Errorf("GetRecord(none) = %v, %v; want not found", found, err)
		}
		// A record prefetched and then written is read as written.
		putA1 := plain["a1"]
		putA1.Rev, putA1.State = 8, json.RawMessage(`{"id":"a1","c":3}`)
		if err := tx.PutRecord(ctx(), &putA1); err != nil {
			return err
		}
		if got, found, err := tx.GetRecord(ctx(), "A", "a1"); err != nil || !found || got.Rev != 8 || string(got.State) != `{"id":"a1","c":3}` {
			t.Errorf("GetRecord(a1) after PutRecord = %+v, %v, %v", got, found, err)
		}
		// The transaction's own writes.
		putNew = serverstore.Record{TeamID: "A", Entity: "feedback", ID: "new", Rev: 9, State: json.RawMessage(`{"id": "new"}`), DeviceID: "d2", UpdatedAt: odd}
		if err := tx.PutRecord(ctx(), &putNew); err != nil {
			return err
		}
		if err := tx.SaveChangeResult(ctx(), "A", "d2", "c2", json.RawMessage(`{"x":1}`)); err != nil {
			return err
		}
		if raw, found, err := tx.ChangeResult(ctx(), "c2", ""); err != nil || !found || string(raw) != `{"x":1}` {
			t.Errorf("ChangeResult(c2) after saving = %s, %v, %v", raw, found, err)
		}
		got, found, err := tx.GetRecord(ctx(), "A", "new")
		if err != nil || !found {
			t.Fatalf("GetRecord(new) after PutRecord = %v, %v", found, err)
		}
		putNew = got
		// An id not prefetched is read from the database as before.
		if _, found, err := tx.GetRecord(ctx(), "A", "a1"); err != nil || !found {
			t.Errorf("GetRecord(a1) = %v, %v", found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pulled, err := s.Pull(ctx(), "A", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	last := pulled[len(pulled)-1]
	if !reflect.DeepEqual(last, putNew) {
		t.Errorf("stored record %+v\nthe transaction saw %+v", last, putNew)
	}
}

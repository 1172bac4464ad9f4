package sqlite_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// prefetcher is the optional method of the store's push transaction.
type prefetcher interface {
	Prefetch(ctx context.Context, changeIDs, recordIDs []string) error
}

// TestPrefetch: after Prefetch, ChangeResult and GetRecord answer from what was read
// exactly as the database would, including the transaction's own writes.
func TestPrefetch(t *testing.T) {
	s := MustOpen(t)
	defer s.Close()
	mustTeam(t, s, "A")
	mustTeam(t, s, "B")
	odd := t0.Add(123456 * time.Microsecond) // the store keeps microseconds
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
		pf, ok := tx.(prefetcher)
		if !ok {
			t.Fatalf("%T has no Prefetch method", tx)
		}
		if err := pf.Prefetch(ctx(), []string{"c1", "c2"}, []string{"a1", "b1", "both", "none", "new"}); err != nil {
			return err
		}
		if raw, found, err := tx.ChangeResult(ctx(), "c1"); err != nil || !found || string(raw) != `{"status": "applied","rev":7}` {
			t.Errorf("ChangeResult(c1) = %s, %v, %v", raw, found, err)
		}
		if _, found, err := tx.ChangeResult(ctx(), "c2"); err != nil || found {
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
		if raw, found, err := tx.ChangeResult(ctx(), "c2"); err != nil || !found || string(raw) != `{"x":1}` {
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

func ctx() context.Context { return context.Background() }

var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func mustTeam(t *testing.T, s serverstore.Store, id string) {
	t.Helper()
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: id, Name: "Team " + id, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
}

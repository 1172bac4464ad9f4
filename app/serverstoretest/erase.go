package serverstoretest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// erasedWord is the value the erasure tests look for in what a store still holds.
const erasedWord = "Zorbicerased"

// testErase: EraseHistory deletes every revision of the erased records and every change
// result naming one of them, stored or written earlier in the same transaction (and
// read by Prefetch); DeleteRecords removes a record with its revisions and results.
// Other records, other teams' records with the same id and results that name none of
// them stay; the team's bytes used go down by what was deleted.
func testErase(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	const (
		erased, kept, conflict = "e-1", "k-1", "c-1"
	)
	st := func(id string, v int) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"id":%q,"v":%d,"text":%q}`, id, v, erasedWord))
	}
	result := func(changeID, id string) json.RawMessage {
		if id == "" {
			return json.RawMessage(fmt.Sprintf(`{"changeId":%q,"status":"applied","rev":5}`, changeID))
		}
		return json.RawMessage(fmt.Sprintf(`{"changeId":%q,"status":"merged","rev":5,"state":%s}`, changeID, st(id, 9)))
	}
	var sizes = map[string]int64{} // what each team's writes are worth, by what they are about
	write := func(team string, recs map[string]string, results map[string]string) {
		t.Helper()
		err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
			for id, entity := range recs {
				r := serverstore.Record{TeamID: team, Entity: entity, ID: id, Rev: 3, State: st(id, 3), DeviceID: "d", UpdatedAt: t0}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
				for v := 1; v <= 3; v++ {
					if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: team, Entity: entity, RecordID: id, Rev: int64(v),
						State: st(id, v), DeviceID: "d", ChangeID: fmt.Sprint("ch-", id, v), CreatedAt: t0}); err != nil {
						return err
					}
					sizes[team+id] += int64(len(st(id, v)))
				}
				sizes[team+id] += int64(len(st(id, 3)))
			}
			for change, about := range results {
				res := result(change, about)
				if err := tx.SaveChangeResult(ctx(), team, "d", change, res); err != nil {
					return err
				}
				sizes[team+"result "+about] += int64(len(res))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write(a.ID, map[string]string{erased: "contributor", kept: "contributor", conflict: "conflict"},
		map[string]string{"r-erased": erased, "r-kept": kept, "r-conflict": conflict, "r-applied": ""})
	write(b.ID, map[string]string{erased: "contributor"}, map[string]string{"r-b": erased})
	before := usage(t, s, a.ID).BytesUsed
	bBefore := usage(t, s, b.ID).BytesUsed

	erasedState := json.RawMessage(fmt.Sprintf(`{"id":%q,"v":10,"text":""}`, erased))
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if pf, ok := tx.(serverstore.Prefetcher); ok {
			if err := pf.Prefetch(ctx(), []string{"r-erased", "r-kept", "r-conflict", "r-late"}, []string{erased, conflict}); err != nil {
				return err
			}
		}
		// Written earlier in the same transaction: dropped too.
		if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: "contributor", RecordID: erased, Rev: 4,
			State: st(erased, 4), DeviceID: "d", ChangeID: "ch-late", CreatedAt: t0}); err != nil {
			return err
		}
		if err := tx.SaveChangeResult(ctx(), a.ID, "d", "r-late", result("r-late", erased)); err != nil {
			return err
		}
		if err := tx.EraseHistory(ctx(), a.ID, []string{erased}); err != nil {
			return err
		}
		if err := tx.DeleteRecords(ctx(), a.ID, []string{conflict, "no-such-record"}); err != nil {
			return err
		}
		if states, err := tx.RevisionStates(ctx(), a.ID, erased); err != nil || len(states) != 0 {
			t.Errorf("inside the transaction: %d revisions of the erased record (%v), want none", len(states), err)
		}
		for _, id := range []string{"r-erased", "r-late", "r-conflict"} {
			if _, found, err := tx.ChangeResult(ctx(), id, ""); err != nil || found {
				t.Errorf("inside the transaction: change result %s found=%v (%v), want gone", id, found, err)
			}
		}
		if _, found, err := tx.GetRecord(ctx(), a.ID, conflict); err != nil || found {
			t.Errorf("inside the transaction: deleted record found=%v (%v)", found, err)
		}
		if list, err := tx.EntityRecords(ctx(), a.ID, "conflict"); err != nil || len(list) != 0 {
			t.Errorf("inside the transaction: conflicts %v (%v), want none", ids(list), err)
		}
		// The erased state, written as a new revision.
		r := serverstore.Record{TeamID: a.ID, Entity: "contributor", ID: erased, Rev: 10, State: erasedState, DeviceID: "server", UpdatedAt: t0}
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		return tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: "contributor", RecordID: erased, Rev: 10,
			State: erasedState, DeviceID: "server", ChangeID: "ch-erase", CreatedAt: t0})
	})
	if err != nil {
		t.Fatalf("erase: %v", err)
	}

	err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		states, err := tx.RevisionStates(ctx(), a.ID, erased)
		if err != nil {
			return err
		}
		if len(states) != 1 || !jsonEqual(t, states[0], erasedState) {
			t.Errorf("revisions of the erased record: %s, want only its erased state", states)
		}
		if kept, err := tx.RevisionStates(ctx(), a.ID, kept); err != nil || len(kept) != 3 {
			t.Errorf("revisions of another record: %d (%v), want 3", len(kept), err)
		}
		if gone, err := tx.RevisionStates(ctx(), a.ID, conflict); err != nil || len(gone) != 0 {
			t.Errorf("revisions of the deleted record: %d (%v), want none", len(gone), err)
		}
		for id, want := range map[string]bool{"r-erased": false, "r-late": false, "r-conflict": false, "r-kept": true, "r-applied": true} {
			if _, found, err := tx.ChangeResult(ctx(), id, ""); err != nil || found != want {
				t.Errorf("change result %s: found=%v (%v), want %v", id, found, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	if err := s.Records(ctx(), a.ID, func(r serverstore.Record) error {
		left = append(left, r.ID)
		if r.ID == erased && strings.Contains(string(r.State), erasedWord) {
			t.Errorf("the erased record's state: %s", r.State)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(left, " ") != kept+" "+erased {
		t.Errorf("team A's records after erasure: %v, want %s %s", left, kept, erased)
	}
	// Bytes used: less what was deleted (the erased record's old revisions and result,
	// the conflict's record, revisions and result), plus the erased state's new
	// revision and the difference of its record's state.
	var aboutErased int64
	for v := 1; v <= 3; v++ {
		aboutErased += int64(len(st(erased, v)))
	}
	want := before - aboutErased - sizes[a.ID+"result "+erased] - sizes[a.ID+conflict] - sizes[a.ID+"result "+conflict] +
		2*int64(len(erasedState)) - int64(len(st(erased, 3)))
	if got := usage(t, s, a.ID).BytesUsed; got != want {
		t.Errorf("team A's bytes used after erasure: %d, want %d (was %d)", got, want, before)
	}
	// Team B's record with the same id is another record: untouched.
	if got := usage(t, s, b.ID).BytesUsed; got != bBefore {
		t.Errorf("team B's bytes used moved: %d, was %d", got, bBefore)
	}
	err = s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if states, err := tx.RevisionStates(ctx(), b.ID, erased); err != nil || len(states) != 3 {
			t.Errorf("team B's revisions of its own %s: %d (%v), want 3", erased, len(states), err)
		}
		if _, found, err := tx.ChangeResult(ctx(), "r-b", ""); err != nil || !found {
			t.Errorf("team B's change result: found=%v (%v)", found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

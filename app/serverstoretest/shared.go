package serverstoretest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// SharedFirstState: a new record's first state is stored once (each store's migration
// 0010): the revision a transaction adds with the state of a record it creates is not
// written to revisions, the record's row stands for it. rows counts the team's rows in
// revisions (the store's own SQL). Every reader sees each revision all the same: after
// the record changes (in a later transaction and in the same one), after the team key's
// rewrite, and the storage count (a shared state counts for both, as before) stays
// right through changes, erasure, deletion and purge. Each store's test calls it.
func SharedFirstState(t *testing.T, s serverstore.Store, rows func(teamID string) int) {
	if err := s.Migrate(ctx()); err != nil {
		t.Fatal(err)
	}
	a := mustTeam(t, s, "team-a", "A")
	st := func(id string, v int) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"id":%q,"text":"words of %s, version %d"}`, id, id, v))
	}
	res := func(cid string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"changeId":%q,"status":"applied"}`, cid))
	}
	// put stores each (id, rev) with a revision of the same state, as a push does; a
	// record is looked up first (as the push does), so the store knows it is new.
	type put struct {
		id  string
		rev int64
	}
	push := func(entity string, puts ...put) {
		t.Helper()
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			for _, p := range puts {
				if _, _, err := tx.GetRecord(ctx(), a.ID, p.id); err != nil {
					return err
				}
				r := serverstore.Record{TeamID: a.ID, Entity: entity, ID: p.id, Rev: p.rev, State: st(p.id, int(p.rev)), DeviceID: "d", UpdatedAt: t0}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
				cid := fmt.Sprintf("c-%s-%d", p.id, p.rev)
				if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: entity, RecordID: p.id, Rev: p.rev,
					State: r.State, DeviceID: "d", ChangeID: cid, CreatedAt: t0}); err != nil {
					return err
				}
				if err := tx.SaveChangeResult(ctx(), a.ID, "d", cid, res(cid)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("push %v: %v", puts, err)
		}
	}
	// history checks every reader of a record's revisions.
	history := func(id string, revs ...int64) {
		t.Helper()
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			states, err := tx.RevisionStates(ctx(), a.ID, id)
			if err != nil {
				return err
			}
			var want []json.RawMessage
			for _, rev := range revs {
				want = append(want, st(id, int(rev)))
				got, found, err := tx.GetRevision(ctx(), a.ID, id, rev)
				if err != nil || !found || string(got.State) != string(st(id, int(rev))) || got.ChangeID != fmt.Sprintf("c-%s-%d", id, rev) {
					t.Errorf("GetRevision(%s, %d) = %s %s, %v, %v; want %s", id, rev, got.State, got.ChangeID, found, err, st(id, int(rev)))
				}
			}
			if fmt.Sprint(states) != fmt.Sprint(want) {
				t.Errorf("RevisionStates(%s) = %s, want %s", id, states, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// used is what the team's storage count must be: each record's state, each
	// revision's and each change result, shared or not.
	used := map[string]int64{}
	count := func(id string, revs ...int64) {
		n := int64(len(st(id, int(revs[len(revs)-1]))))
		for _, rev := range revs {
			n += int64(len(st(id, int(rev)))) + int64(len(res(fmt.Sprintf("c-%s-%d", id, rev))))
		}
		used[id] = n
	}
	checkUsed := func(when string) {
		t.Helper()
		var want int64
		for _, n := range used {
			want += n
		}
		if got := usage(t, s, a.ID).BytesUsed; got != want {
			t.Errorf("%s: bytes used %d, want %d", when, got, want)
		}
	}

	push("note", put{"n1", 1}, put{"n2", 1}, put{"n3", 1}, put{"n4", 1}, put{"n5", 1})
	if n := rows(a.ID); n != 0 {
		t.Errorf("after a push of 5 new records: %d rows in revisions, want none (the records' rows stand for them)", n)
	}
	for _, id := range []string{"n1", "n2", "n3", "n4", "n5"} {
		history(id, 1)
		count(id, 1)
	}
	checkUsed("after the push of new records")

	// A change of a record in a later transaction: the first revision keeps its state.
	push("note", put{"n1", 2})
	history("n1", 1, 2)
	count("n1", 1, 2)
	if n := rows(a.ID); n != 2 {
		t.Errorf("after n1 changed: %d rows in revisions, want 2 (n1's first, copied before the change, and its second)", n)
	}
	// Created and changed in one transaction: only the last state is shared.
	push("note", put{"n6", 1}, put{"n6", 2})
	history("n6", 1, 2)
	count("n6", 1, 2)
	checkUsed("after changes")
	push("note", put{"n6", 3})
	history("n6", 1, 2, 3)
	count("n6", 1, 2, 3)
	checkUsed("after n6 changed again")

	// The team key's rewrite: the shared revision has its record's rewritten state.
	kr, ok := s.(serverstore.TeamKeyStore)
	if !ok {
		t.Fatal("the store does not implement serverstore.TeamKeyStore")
	}
	grow := func(raw json.RawMessage) (json.RawMessage, error) {
		if !strings.Contains(string(raw), `"n2"`) {
			return nil, nil
		}
		return json.RawMessage(strings.Replace(string(raw), "words", "sealed words", 1)), nil
	}
	if _, err := kr.RewriteStates(ctx(), a.ID, "note", grow, nil); err != nil {
		t.Fatalf("RewriteStates: %v", err)
	}
	used["n2"] += 2 * int64(len("sealed "))
	checkUsed("after the rewrite")
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		states, err := tx.RevisionStates(ctx(), a.ID, "n2")
		if want := []json.RawMessage{json.RawMessage(strings.Replace(string(st("n2", 1)), "words", "sealed words", 1))}; err != nil || !reflect.DeepEqual(states, want) {
			t.Errorf("RevisionStates(n2) after the rewrite = %s, %v; want %s", states, err, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Erasure: the history goes, counted by the shared state; then the erased state.
	err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if err := tx.EraseHistory(ctx(), a.ID, []string{"n3"}); err != nil {
			return err
		}
		return tx.DeleteRecords(ctx(), a.ID, []string{"n4"})
	})
	if err != nil {
		t.Fatal(err)
	}
	used["n3"] = int64(len(st("n3", 1))) // the record alone
	delete(used, "n4")
	checkUsed("after erasing n3's history and deleting n4")
	history("n3")
	history("n4")
	push("note", put{"n3", 2})
	history("n3", 2)
	used["n3"] = int64(len(st("n3", 2))) * 2
	used["n3"] += int64(len(res("c-n3-2")))
	checkUsed("after n3's erased state")

	// Purge of a tombstone whose only revision is shared.
	p, ok := s.(serverstore.Purger)
	if !ok {
		t.Fatal("the store does not implement serverstore.Purger")
	}
	var seq int64
	if err := s.Records(ctx(), a.ID, func(r serverstore.Record) error {
		if r.ID == "n5" {
			seq = r.Seq
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// (The change result names the record in its state for the purge to find it: this
	// one does not, and stays, as an unrelated result would.)
	if got, err := p.PurgeRecords(ctx(), a.ID, []serverstore.PurgeTarget{{Entity: "note", ID: "n5", Seq: seq}}, t0.AddDate(0, 2, 0)); err != nil || len(got) != 1 {
		t.Fatalf("PurgeRecords(n5) = %v, %v", got, err)
	}
	used["n5"] = int64(len(res("c-n5-1")))
	checkUsed("after the purge")
	history("n5")
	// n1 2, n6 3, n3's erased state (its record was not new): 6; n2's (rewritten) is
	// still its row's, n4 is deleted, n5 purged.
	if n := rows(a.ID); n != 6 {
		t.Errorf("at the end: %d rows in revisions, want 6", n)
	}
}

package serverstoretest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// testPurge: PurgeRecords removes a tombstone that is still at the Seq the caller saw,
// with its revisions and the change results that carry its state, keeps only its id,
// entity and Seq (PurgedAfter, IsPurged), gives back the storage it used, and leaves
// everything else alone: a record that changed since it was seen, other records'
// results, another team's record with the same id.
func testPurge(t *testing.T, s serverstore.Store) {
	p, ok := s.(serverstore.Purger)
	if !ok {
		t.Fatal("the store does not implement serverstore.Purger")
	}
	a, b := twoTeams(t, s)
	tomb := func(id string) []byte {
		return []byte(fmt.Sprintf(`{"id":%q,"deletedAt":"2026-10-01T10:00:00.000Z","notes":"distinctive-%s"}`, id, id))
	}
	seqs := map[string]int64{}
	put := func(teamID, id string, rev int64, state []byte, changeID string) {
		t.Helper()
		err := s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
			r := serverstore.Record{TeamID: teamID, Entity: "session", ID: id, Rev: rev, State: state, DeviceID: "dev-1", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			seqs[teamID+"/"+id] = r.Seq
			if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: teamID, Entity: "session", RecordID: id, Rev: rev,
				State: state, DeviceID: "dev-1", ChangeID: changeID, CreatedAt: t0}); err != nil {
				return err
			}
			res := fmt.Sprintf(`{"changeId":%q,"status":"applied","rev":%d,"state":%s}`, changeID, rev, state)
			return tx.SaveChangeResult(ctx(), teamID, "dev-1", changeID, []byte(res))
		})
		if err != nil {
			t.Fatalf("InTeamTx: %v", err)
		}
	}
	put(a.ID, "gone", 1, []byte(`{"id":"gone","notes":"distinctive-gone"}`), "c-gone-1")
	put(a.ID, "gone", 2, tomb("gone"), "c-gone-2")
	put(a.ID, "moved", 1, tomb("moved"), "c-moved-1")
	put(a.ID, "live", 1, []byte(`{"id":"live","notes":"kept"}`), "c-live-1")
	put(b.ID, "gone", 1, tomb("gone"), "c-b-gone-1")
	before := usage(t, s, a.ID).BytesUsed
	// Bytes of "gone": its latest state, both revisions' states, both change results.
	var goneBytes int64
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		r, _, err := tx.GetRecord(ctx(), a.ID, "gone")
		goneBytes += int64(len(r.State))
		states, err2 := tx.RevisionStates(ctx(), a.ID, "gone")
		for _, st := range states {
			goneBytes += int64(len(st))
		}
		for _, c := range []string{"c-gone-1", "c-gone-2"} {
			res, _, err3 := tx.ChangeResult(ctx(), c, "")
			goneBytes += int64(len(res))
			err2 = cmpErr(err2, err3)
		}
		return cmpErr(err, err2)
	})
	if err != nil {
		t.Fatal(err)
	}

	got, err := p.PurgeRecords(ctx(), a.ID, []serverstore.PurgeTarget{
		{Entity: "session", ID: "gone", Seq: seqs[a.ID+"/gone"]},
		{Entity: "session", ID: "moved", Seq: seqs[a.ID+"/moved"] - 1}, // changed since it was seen
		{Entity: "session", ID: "absent", Seq: 1},
	}, t0.AddDate(0, 2, 0))
	if err != nil {
		t.Fatalf("PurgeRecords: %v", err)
	}
	if len(got) != 1 || got[0].ID != "gone" || got[0].Entity != "session" || got[0].Seq != seqs[a.ID+"/gone"] ||
		!got[0].PurgedAt.Equal(t0.AddDate(0, 2, 0)) {
		t.Fatalf("purged %+v, want only gone at seq %d", got, seqs[a.ID+"/gone"])
	}
	if after := usage(t, s, a.ID).BytesUsed; after != before-goneBytes {
		t.Errorf("bytes used %d after the purge, want %d (%d less %d)", after, before-goneBytes, before, goneBytes)
	}
	err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		// Team B has a record with that id: the answer says so (ErrOtherTeam), as for any id only another team has.
		if _, found, err := tx.GetRecord(ctx(), a.ID, "gone"); !errors.Is(err, serverstore.ErrOtherTeam) || found {
			t.Errorf("GetRecord(gone) after the purge: found %v, %v", found, err)
		}
		if states, err := tx.RevisionStates(ctx(), a.ID, "gone"); err != nil || len(states) != 0 {
			t.Errorf("revisions of gone after the purge: %d, %v", len(states), err)
		}
		for _, c := range []string{"c-gone-1", "c-gone-2"} {
			if _, found, err := tx.ChangeResult(ctx(), c, ""); err != nil || found {
				t.Errorf("change result %s after the purge: found %v, %v", c, found, err)
			}
		}
		for _, c := range []string{"c-moved-1", "c-live-1"} {
			if _, found, err := tx.ChangeResult(ctx(), c, ""); err != nil || !found {
				t.Errorf("change result %s after the purge: found %v, %v", c, found, err)
			}
		}
		for _, id := range []string{"moved", "live"} {
			if _, found, err := tx.GetRecord(ctx(), a.ID, id); err != nil || !found {
				t.Errorf("GetRecord(%s) after the purge: found %v, %v", id, found, err)
			}
		}
		pc, ok := tx.(serverstore.PurgedChecker)
		if !ok {
			t.Fatal("the store's Tx does not implement serverstore.PurgedChecker")
		}
		for id, want := range map[string]bool{"gone": true, "moved": false, "live": false} {
			if is, err := pc.IsPurged(ctx(), a.ID, id); err != nil || is != want {
				t.Errorf("IsPurged(%s) = %v, %v; want %v", id, is, err, want)
			}
		}
		if is, err := pc.IsPurged(ctx(), b.ID, "gone"); err != nil || is {
			t.Errorf("IsPurged(team B, gone) = %v, %v; want false", is, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Team B's record with the same id is untouched.
	err = s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.GetRecord(ctx(), b.ID, "gone"); err != nil || !found {
			t.Errorf("team B's gone after team A's purge: found %v, %v", found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// No content is left of it in the team's stream.
	if err := s.Records(ctx(), a.ID, func(r serverstore.Record) error {
		if r.ID == "gone" {
			t.Errorf("Records still lists gone: %s", r.State)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		since int64
		want  int
	}{{0, 1}, {seqs[a.ID+"/gone"] - 1, 1}, {seqs[a.ID+"/gone"], 0}} {
		list, err := p.PurgedAfter(ctx(), a.ID, c.since, 10)
		if err != nil || len(list) != c.want {
			t.Errorf("PurgedAfter(%d) = %+v, %v; want %d", c.since, list, err, c.want)
		}
	}
	if list, err := p.PurgedAfter(ctx(), b.ID, 0, 10); err != nil || len(list) != 0 {
		t.Errorf("PurgedAfter(team B) = %+v, %v; want none", list, err)
	}
	// Purging again is harmless.
	if again, err := p.PurgeRecords(ctx(), a.ID, []serverstore.PurgeTarget{{Entity: "session", ID: "gone", Seq: seqs[a.ID+"/gone"]}}, t0); err != nil || len(again) != 0 {
		t.Errorf("PurgeRecords again = %+v, %v; want nothing", again, err)
	}
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

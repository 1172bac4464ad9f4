package serverstoretest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

func testSeqMonotonic(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	rs := put(t, s, tm.ID, "r1", "r2", "r3")
	rs = append(rs, put(t, s, tm.ID, "r4")...)
	for i := 1; i < len(rs); i++ {
		if rs[i].Seq <= rs[i-1].Seq {
			t.Errorf("seq %d after %d: not increasing", rs[i].Seq, rs[i-1].Seq)
		}
	}
	if rs[0].Seq <= 0 {
		t.Errorf("first seq = %d, want > 0 (0 is the empty cursor)", rs[0].Seq)
	}
	got := pullAll(t, s, tm.ID)
	if want := []string{"r1", "r2", "r3", "r4"}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("Pull = %v, want %v", ids(got), want)
	}
	for i, r := range got {
		if r.Seq != rs[i].Seq || r.Rev != rs[i].Rev || r.Entity != "theme" || r.TeamID != tm.ID || r.DeviceID != "dev-1" || !r.UpdatedAt.Equal(t0) {
			t.Errorf("pulled %+v, want %+v", r, rs[i])
		}
		if !jsonEqual(t, r.State, rs[i].State) {
			t.Errorf("pulled state %s, want %s", r.State, rs[i].State)
		}
	}
}

func testRecordUpdate(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	first := put(t, s, tm.ID, "r1", "r2")
	var updated serverstore.Record
	err := s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
		r, found, err := tx.GetRecord(ctx(), tm.ID, "r1")
		if err != nil || !found {
			return fmt.Errorf("GetRecord: %v, found %v", err, found)
		}
		if r.Seq != first[0].Seq || r.Rev != 100 {
			return fmt.Errorf("GetRecord = %+v, want seq %d rev 100", r, first[0].Seq)
		}
		r.Rev, r.State, r.DeviceID = 500, state("r1", 9), "server"
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		updated = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Seq <= first[1].Seq {
		t.Errorf("updated seq %d, want > %d", updated.Seq, first[1].Seq)
	}
	got := pullAll(t, s, tm.ID)
	if want := []string{"r2", "r1"}; !reflect.DeepEqual(ids(got), want) {
		t.Fatalf("Pull = %v, want %v (each record once, at its latest position)", ids(got), want)
	}
	if got[1].Rev != 500 || got[1].DeviceID != "server" || !jsonEqual(t, got[1].State, state("r1", 9)) {
		t.Errorf("updated record = %+v", got[1])
	}
	if rs, _ := s.Pull(ctx(), tm.ID, first[1].Seq, 10); !reflect.DeepEqual(ids(rs), []string{"r1"}) {
		t.Errorf("Pull after the old cursor = %v, want [r1]", ids(rs))
	}
}

func testTeamIsolation(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	put(t, s, a.ID, "a1", "a2")
	put(t, s, b.ID, "b1")
	put(t, s, a.ID, "a3")
	if got := ids(pullAll(t, s, a.ID)); !reflect.DeepEqual(got, []string{"a1", "a2", "a3"}) {
		t.Errorf("Pull(A) = %v", got)
	}
	if got := ids(pullAll(t, s, b.ID)); !reflect.DeepEqual(got, []string{"b1"}) {
		t.Errorf("Pull(B) = %v", got)
	}
	// The same id may exist in two teams (starter themes do); each team sees its own.
	put(t, s, b.ID, "a1")
	err := s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.GetRecord(ctx(), b.ID, "a1"); err != nil || !found {
			t.Errorf("GetRecord(B, a1) = found %v, %v; want B's own record", found, err)
		}
		if _, found, err := tx.GetRecord(ctx(), b.ID, "a2"); !errors.Is(err, serverstore.ErrOtherTeam) || found {
			t.Errorf("GetRecord(B, A's record) = found %v, %v; want ErrOtherTeam", found, err)
		}
		if _, found, err := tx.GetRecord(ctx(), b.ID, "nothing"); err != nil || found {
			t.Errorf("GetRecord(B, unknown) = found %v, %v; want not found", found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(pullAll(t, s, a.ID)); !reflect.DeepEqual(got, []string{"a1", "a2", "a3"}) {
		t.Errorf("Pull(A) after B stored its own a1 = %v", got)
	}
	ra := pullAll(t, s, a.ID)
	if ra[0].State == nil || !jsonEqual(t, ra[0].State, state("a1", 0)) || ra[0].TeamID != a.ID {
		t.Errorf("A's a1 changed by B's: %+v", ra[0])
	}
}

func testPullPaging(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	var want []string
	for i := 0; i < 25; i++ {
		want = append(want, fmt.Sprintf("r%02d", i))
	}
	put(t, s, tm.ID, want...)
	var got []string
	since := int64(0)
	pages := 0
	for {
		rs, err := s.Pull(ctx(), tm.ID, since, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 10 {
			t.Fatalf("page of %d records, limit 10", len(rs))
		}
		if len(rs) == 0 {
			break
		}
		pages++
		got = append(got, ids(rs)...)
		since = rs[len(rs)-1].Seq
	}
	if !reflect.DeepEqual(got, want) || pages != 3 {
		t.Errorf("paged Pull = %v in %d pages, want %v in 3", got, pages, want)
	}
	if rs, err := s.Pull(ctx(), tm.ID, since+1000, 10); err != nil || len(rs) != 0 {
		t.Errorf("Pull after the end = %v, %v", ids(rs), err)
	}
}

func testChangeResults(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	res := json.RawMessage(`{"changeId":"c1","status":"applied","rev":7}`)
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1", ""); found || err != nil {
			return fmt.Errorf("before saving: found %v, %v", found, err)
		}
		if err := tx.SaveChangeResult(ctx(), a.ID, "dev-1", "c1", res); err != nil {
			return err
		}
		// Visible inside the same transaction (a batch may repeat a change id).
		got, found, err := tx.ChangeResult(ctx(), "c1", "")
		if err != nil || !found || !jsonEqual(t, got, res) {
			return fmt.Errorf("in the same tx: %s, found %v, %v", got, found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		got, found, err := tx.ChangeResult(ctx(), "c1", "")
		if err != nil || !found || !jsonEqual(t, got, res) {
			t.Errorf("ChangeResult = %s, found %v, %v; want %s", got, found, err, res)
		}
		return nil
	})
	s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1", ""); found || err != nil {
			t.Errorf("team B sees team A's change result (found %v, %v)", found, err)
		}
		// Team B may use the same change id for its own change.
		if err := tx.SaveChangeResult(ctx(), b.ID, "dev-9", "c1", json.RawMessage(`{"status":"rejected"}`)); err != nil {
			t.Errorf("team B SaveChangeResult: %v", err)
		}
		return nil
	})
}

func testRevisions(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	revs := []serverstore.Revision{
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 10, State: state("r1", 1), DeviceID: "d1", ChangeID: "c1", CreatedAt: t0},
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 20, State: state("r1", 2), DeviceID: "d2", ChangeID: "c2", CreatedAt: t0.Add(time.Second)},
		// A device's submitted state may share a rev with a stored one: the first stands.
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 20, State: state("r1", 3), DeviceID: "d3", ChangeID: "c3", CreatedAt: t0.Add(2 * time.Second)},
	}
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, r := range revs {
			if err := tx.AddRevision(ctx(), r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, want := range revs[:2] {
			got, found, err := tx.GetRevision(ctx(), a.ID, "r1", want.Rev)
			if err != nil || !found {
				t.Errorf("GetRevision(%d): found %v, %v", want.Rev, found, err)
				continue
			}
			if got.Rev != want.Rev || got.DeviceID != want.DeviceID || got.ChangeID != want.ChangeID || got.Entity != "theme" ||
				got.RecordID != "r1" || got.TeamID != a.ID || !got.CreatedAt.Equal(want.CreatedAt) || !jsonEqual(t, got.State, want.State) {
				t.Errorf("GetRevision(%d) = %+v, want %+v", want.Rev, got, want)
			}
		}
		if _, found, err := tx.GetRevision(ctx(), a.ID, "r1", 15); found || err != nil {
			t.Errorf("GetRevision(missing rev) found %v, %v", found, err)
		}
		return nil
	})
	s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.GetRevision(ctx(), b.ID, "r1", 10); found || err != nil {
			t.Errorf("team B sees team A's revision (found %v, %v)", found, err)
		}
		return nil
	})
}

func testRecords(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	put(t, s, a.ID, "a1", "a2")
	put(t, s, b.ID, "b1")
	var got []string
	if err := s.Records(ctx(), a.ID, func(r serverstore.Record) error {
		got = append(got, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if want := []string{"a1", "a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Records(A) = %v, want %v", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Records(ctx(), a.ID, func(serverstore.Record) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Records stops at the callback's error: got %v after %d records", err, n)
	}
}

package serverstoretest

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// testTeamKeys: a team's wrapped key is kept as given, the first one added stays (two
// servers adding at once agree), a team without one is ErrNotFound, and a key for a
// team that does not exist is refused.
func testTeamKeys(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	if _, err := s.TeamKey(ctx(), a.ID); !errors.Is(err, serverstore.ErrNotFound) {
		t.Fatalf("TeamKey of a team without one: %v, want ErrNotFound", err)
	}
	if n, err := s.TeamKeyCount(ctx()); err != nil || n != 0 {
		t.Fatalf("TeamKeyCount = %d, %v; want 0", n, err)
	}
	first := serverstore.TeamKey{TeamID: a.ID, KeyID: "0123456789abcdef", Wrapped: []byte{1, 0, 2, 255, 3}, CreatedAt: t0}
	got, err := s.AddTeamKey(ctx(), first)
	if err != nil || got.KeyID != first.KeyID || !bytes.Equal(got.Wrapped, first.Wrapped) || !got.CreatedAt.Equal(t0) || got.TeamID != a.ID {
		t.Fatalf("AddTeamKey = %+v, %v; want %+v", got, err, first)
	}
	second := serverstore.TeamKey{TeamID: a.ID, KeyID: "fedcba9876543210", Wrapped: []byte{9}, CreatedAt: t0}
	if got, err := s.AddTeamKey(ctx(), second); err != nil || got.KeyID != first.KeyID || !bytes.Equal(got.Wrapped, first.Wrapped) {
		t.Fatalf("a second AddTeamKey = %+v, %v; want the first key kept", got, err)
	}
	if got, err := s.TeamKey(ctx(), a.ID); err != nil || got.KeyID != first.KeyID || !bytes.Equal(got.Wrapped, first.Wrapped) {
		t.Fatalf("TeamKey = %+v, %v", got, err)
	}
	if _, err := s.TeamKey(ctx(), b.ID); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("the other team's key: %v, want ErrNotFound", err)
	}
	if _, err := s.AddTeamKey(ctx(), serverstore.TeamKey{TeamID: "no-such-team", KeyID: "x", Wrapped: []byte{1}, CreatedAt: t0}); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("a key for no team: %v, want ErrNotFound", err)
	}
	if n, err := s.TeamKeyCount(ctx()); err != nil || n != 1 {
		t.Errorf("TeamKeyCount = %d, %v; want 1", n, err)
	}
}

// testRewriteStates: the states of one team's records and revisions of one entity are
// handed over and replaced in place where asked (sequence numbers, revisions and the
// other team untouched; bytes used follow); an error rolls everything back.
func testRewriteStates(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	recs := put(t, s, a.ID, "r1", "r2")
	put(t, s, b.ID, "r1")
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if err := tx.SaveChangeResult(ctx(), a.ID, "dev-1", "c1", json.RawMessage(`{"changeId":"c1","status":"merged","state":{"label":"old"}}`)); err != nil {
			return err
		}
		if err := tx.SaveChangeResult(ctx(), a.ID, "dev-1", "c9", json.RawMessage(`{"changeId":"c9","status":"applied","state":{"label":"old"}}`)); err != nil {
			return err
		}
		return tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 100, State: state("r1", 0), DeviceID: "dev-1", ChangeID: "c1", CreatedAt: t0})
	})
	if err != nil {
		t.Fatal(err)
	}
	before, err := s.TeamUsage(ctx(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rewrite := func(st json.RawMessage) (json.RawMessage, error) {
		if !strings.Contains(string(st), `"r1"`) {
			return nil, nil
		}
		return json.RawMessage(`{"id":"r1","label":"sealed label, longer","archived":false}`), nil
	}
	newResult := json.RawMessage(`{"changeId":"c1","status":"merged","state":{"label":"new, longer"}}`)
	rewriteResult := func(r json.RawMessage) (json.RawMessage, error) {
		if !strings.Contains(string(r), `"c1"`) {
			t.Errorf("a result of a change that made no revision of the entity was handed over: %s", r)
			return nil, nil
		}
		return newResult, nil
	}
	// Nothing of another entity.
	if n, err := s.RewriteStates(ctx(), a.ID, "feedback", rewrite, rewriteResult); err != nil || n != 0 {
		t.Fatalf("RewriteStates(feedback) = %d, %v", n, err)
	}
	// An error keeps nothing.
	boom := errors.New("boom")
	calls := 0
	if _, err := s.RewriteStates(ctx(), a.ID, "theme", func(st json.RawMessage) (json.RawMessage, error) {
		calls++
		if calls == 2 {
			return nil, boom
		}
		return rewrite(st)
	}, nil); !errors.Is(err, boom) {
		t.Fatalf("RewriteStates with a failing fn: %v, want its error", err)
	}
	if got := pullAll(t, s, a.ID); !jsonEqual(t, got[0].State, state("r1", 0)) {
		t.Fatalf("a failed rewrite kept %s", got[0].State)
	}
	n, err := s.RewriteStates(ctx(), a.ID, "theme", rewrite, rewriteResult)
	if err != nil || n != 3 {
		t.Fatalf("RewriteStates = %d, %v; want the record r1, its revision and the result of the change that made it", n, err)
	}
	got := pullAll(t, s, a.ID)
	want := json.RawMessage(`{"id":"r1","label":"sealed label, longer","archived":false}`)
	if len(got) != 2 || got[0].ID != "r1" || !jsonEqual(t, got[0].State, want) || got[0].Seq != recs[0].Seq || got[0].Rev != recs[0].Rev {
		t.Errorf("after rewriting: %+v; want r1's state replaced, its seq and rev kept", got)
	}
	if !jsonEqual(t, got[1].State, recs[1].State) {
		t.Errorf("r2 changed: %s", got[1].State)
	}
	err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		states, err := tx.RevisionStates(ctx(), a.ID, "r1")
		if err != nil {
			return err
		}
		if len(states) != 1 || !jsonEqual(t, states[0], want) {
			t.Errorf("revisions of r1: %s", states)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		r, _, err := tx.ChangeResult(ctx(), "c1", "")
		if err != nil {
			return err
		}
		if !jsonEqual(t, r, newResult) {
			t.Errorf("result of c1 after rewriting: %s", r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if other := pullAll(t, s, b.ID); !jsonEqual(t, other[0].State, state("r1", 0)) {
		t.Errorf("the other team's r1 changed: %s", other[0].State)
	}
	after, err := s.TeamUsage(ctx(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	grow := 2*int64(len(want)-len(state("r1", 0))) + int64(len(newResult)-len(`{"changeId":"c1","status":"merged","state":{"label":"old"}}`))
	if after.BytesUsed-before.BytesUsed != grow {
		t.Errorf("bytes used grew by %d, want %d", after.BytesUsed-before.BytesUsed, grow)
	}
}

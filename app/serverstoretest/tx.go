package serverstoretest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

var errBoom = errors.New("boom")

func testRollbackError(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	put(t, s, tm.ID, "r1")
	err := s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: tm.ID, Entity: "theme", ID: "r2", Rev: 1, State: state("r2", 1), DeviceID: "d", UpdatedAt: t0}
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: tm.ID, Entity: "theme", RecordID: "r2", Rev: 1, State: r.State, DeviceID: "d", ChangeID: "c1", CreatedAt: t0}); err != nil {
			return err
		}
		if err := tx.SaveChangeResult(ctx(), tm.ID, "d", "c1", json.RawMessage(`{"status":"applied"}`)); err != nil {
			return err
		}
		if err := tx.Audit(ctx(), serverstore.AuditEntry{At: t0, TeamID: tm.ID, DeviceID: "d", Action: "push", Detail: "1 applied"}); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", errBoom)
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("InTeamTx error = %v, want the function's error", err)
	}
	checkNothingFrom(t, s, tm.ID)
	// The sequence goes on in order after a rollback.
	rs := put(t, s, tm.ID, "r3")
	if got := pullAll(t, s, tm.ID); len(got) != 2 || got[1].ID != "r3" || got[1].Seq != rs[0].Seq {
		t.Errorf("after rollback Pull = %+v", got)
	}
}

func checkNothingFrom(t *testing.T, s serverstore.Store, teamID string) {
	t.Helper()
	if got := ids(pullAll(t, s, teamID)); !reflect.DeepEqual(got, []string{"r1"}) {
		t.Errorf("after rollback Pull = %v, want [r1]", got)
	}
	s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1", ""); found || err != nil {
			t.Errorf("change result survived the rollback (found %v, %v)", found, err)
		}
		if _, found, err := tx.GetRevision(ctx(), teamID, "r2", 1); found || err != nil {
			t.Errorf("revision survived the rollback (found %v, %v)", found, err)
		}
		return nil
	})
	if a, err := s.ListAudit(ctx(), teamID, 0); err != nil || len(a) != 0 {
		t.Errorf("audit survived the rollback: %+v, %v", a, err)
	}
}

func testRollbackPanic(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	put(t, s, tm.ID, "r1")
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the panic to pass through", p)
			}
		}()
		s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
			r := serverstore.Record{TeamID: tm.ID, Entity: "theme", ID: "r2", Rev: 1, State: state("r2", 1), DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	checkNothingFrom(t, s, tm.ID)
	// The store still works.
	put(t, s, tm.ID, "r3")
}

func testConcurrent(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	const workers, each = 6, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			team := a.ID
			if w%2 == 1 {
				team = b.ID
			}
			for i := 0; i < each; i++ {
				err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
					r := serverstore.Record{TeamID: team, Entity: "theme", ID: fmt.Sprintf("w%d-%d", w, i), Rev: 1,
						State: state("x", i), DeviceID: "d", UpdatedAt: t0}
					return tx.PutRecord(ctx(), &r)
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent InTeamTx: %v", err)
	}
	for _, team := range []string{a.ID, b.ID} {
		got := pullAll(t, s, team)
		if len(got) != workers/2*each {
			t.Errorf("team %s: %d records, want %d", team, len(got), workers/2*each)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Seq <= got[i-1].Seq {
				t.Errorf("team %s: seq %d after %d", team, got[i].Seq, got[i-1].Seq)
			}
		}
	}
}

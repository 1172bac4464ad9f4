package server_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// erasureReads counts how often push transactions read the team's erasures.
type erasureReads struct {
	serverstore.Store
	n int
}

func (s *erasureReads) InTeamTx(ctx context.Context, teamID string, fn func(tx serverstore.Tx) error) error {
	return s.Store.InTeamTx(ctx, teamID, func(tx serverstore.Tx) error { return fn(&erasureReadsTx{Tx: tx, s: s}) })
}

type erasureReadsTx struct {
	serverstore.Tx
	s *erasureReads
}

func (t *erasureReadsTx) EntityRecords(ctx context.Context, teamID, entity string) ([]serverstore.Record, error) {
	if entity == involve.EntityErasure {
		t.s.n++
	}
	return t.Tx.EntityRecords(ctx, teamID, entity)
}

// TestErasuresReadLazily: a push reads the team's erasures at most once, and only when
// one of its changes is of a kind an erasure may cover (a theme's push reads none).
func TestErasuresReadLazily(t *testing.T) {
	st := &erasureReads{}
	e := servertest.NewEnv(t, func(t *testing.T) serverstore.Store { st.Store = servertest.OpenSQLite(t); return st })
	d := e.Enrol(e.Team("T").ID)
	th := &involve.Theme{Label: "Access"}
	th.ID = involve.ThemeIDFor(th.Label)
	if r := d.Push(d.Change(involve.EntityTheme, th, 0))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("theme: %+v", r)
	}
	if st.n != 0 {
		t.Errorf("a push of a theme read the erasures %d times, want none", st.n)
	}
	var changes []syncapi.Change
	for range 3 {
		f := servertest.NewFeedback("The clinic is far")
		f.ID = uuid.Must(uuid.NewV7()).String()
		changes = append(changes, d.Change(involve.EntityFeedback, f, 0))
	}
	d.Push(changes...)
	if st.n != 1 {
		t.Errorf("a push of 3 feedback items read the erasures %d times, want once", st.n)
	}
}

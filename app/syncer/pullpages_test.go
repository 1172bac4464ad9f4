package syncer_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// countingStore counts the write transactions of the pull phase.
type countingStore struct {
	*store.DB
	pulling atomic.Bool
	txs     atomic.Int32
}

func (c *countingStore) SyncTx(ctx context.Context, fn func(syncer.Tx) error) error {
	if c.pulling.Load() {
		c.txs.Add(1)
	}
	return c.DB.SyncTx(ctx, fn)
}

// A new laptop applies its first pull several pages to a transaction; a laptop that
// has pulled before applies one page a transaction. Both end with the same records.
func TestFirstPullAppliesPagesTogether(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	a := enrol(t, env, team.ID, "Ada")
	addFeedback(t, a.db, 59) // 60 records: 12 pages of 5
	a.sync()

	db := storetest.Open(t)
	if _, err := syncer.Connect(ctx, db, env.Server.URL, env.Code(team.ID, time.Hour), nil); err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{DB: db}
	e, err := syncer.FromSettings(ctx, cs, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.PullLimit = 5
	sum, err := e.SyncOnce(ctx, func(p syncer.Progress) { cs.pulling.Store(p.Phase == syncer.PhasePull) })
	if err != nil || sum.Pull.Received != 60 || sum.Pull.Written != 60 {
		t.Fatalf("first pull: %+v %v", sum, err)
	}
	// 13 pages (the last one empty), five to a transaction
	if n := cs.txs.Load(); n != 3 {
		t.Errorf("first pull of 13 pages in %d transactions, want 3", n)
	}
	sameData(t, a, &laptop{t: t, name: "new", db: db, e: e})

	addFeedback(t, a.db, 14) // 15 more records: 3 pages
	a.sync()
	cs.txs.Store(0)
	cs.pulling.Store(false)
	sum, err = e.SyncOnce(ctx, func(p syncer.Progress) { cs.pulling.Store(p.Phase == syncer.PhasePull) })
	if err != nil || sum.Pull.Received != 15 {
		t.Fatalf("second pull: %+v %v", sum, err)
	}
	// 4 pages (the last one empty)
	if n := cs.txs.Load(); n != 4 {
		t.Errorf("a later pull of 4 pages in %d transactions, want one a page", n)
	}
	sameData(t, a, &laptop{t: t, name: "new", db: db, e: e})
}

package serversqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
)

// Pushes in a row (serverstore.Sequenced): a push that follows one that failed in the
// same group is not run, nor is one that follows it; pushes outside the row go on. A
// push that follows one applied earlier in the same group runs, and both commit.
func TestGroupRowFollowsOnlyApplied(t *testing.T) {
	s := openGroupTest(t)
	before := s.commits.Load()
	boom := errors.New("refused")
	steps := []*serverstore.Step{serverstore.NewStep(), serverstore.NewStep(), serverstore.NewStep(), serverstore.NewStep(), serverstore.NewStep()}
	ran := map[string]bool{}
	job := func(id string, step, prev *serverstore.Step, err error) *groupJob {
		return &groupJob{team: "team-a", step: step, prev: prev, fn: func(ctx context.Context, tx serverstore.Tx) error {
			ran[id] = true
			if e := serverstoretest.GroupPut(ctx, tx, "team-a", id); e != nil {
				return e
			}
			return err
		}}
	}
	jobs := []*groupJob{
		job("r1", steps[0], nil, nil),
		job("r2", steps[1], steps[0], nil), // follows r1, applied just before it
		job("r3", steps[2], nil, boom),
		job("r4", steps[3], steps[2], nil), // follows r3, which failed
		job("r5", steps[4], steps[3], nil), // follows r4, not run
		job("r6", nil, nil, nil),           // in no row
	}
	runAsGroup(t, s, jobs)
	want := []error{nil, nil, boom, serverstore.ErrPrevNotApplied, serverstore.ErrPrevNotApplied, nil}
	for i, j := range jobs {
		if !errors.Is(j.err, want[i]) || (want[i] == nil && j.err != nil) || j.panics != nil {
			t.Errorf("push %d: %v (panic %v), want %v", i, j.err, j.panics, want[i])
		}
	}
	if ran["r4"] || ran["r5"] {
		t.Errorf("ran %v: a push whose previous one failed must not run", ran)
	}
	for i, st := range []int{serverstore.StepCommitted, serverstore.StepCommitted, serverstore.StepFailed, serverstore.StepFailed, serverstore.StepFailed} {
		if got := steps[i].State(); got != st {
			t.Errorf("step %d: state %d, want %d", i, got, st)
		}
	}
	if n := s.commits.Load() - before; n != 1 {
		t.Errorf("%d commits, want 1 for the group", n)
	}
	recs, _ := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 3 || recs["r1"] != 1 || recs["r2"] != 2 || recs["r6"] != 3 {
		t.Errorf("records (id: seq) = %v, want r1: 1, r2: 2, r6: 3", recs)
	}
}

// A push that follows one committed before runs; one that follows a push abandoned
// (its request ended before its transaction: a push refused whole, a client gone
// while queued) or never queued does not.
func TestGroupRowAcrossTransactions(t *testing.T) {
	s := openGroupTest(t)
	ctx := context.Background()
	put1 := func(id string, step, prev *serverstore.Step) error {
		return s.InTeamTxStep(ctx, "team-a", step, prev, func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx, tx, "team-a", id) })
	}
	a, b := serverstore.NewStep(), serverstore.NewStep()
	if err := put1("r1", a, nil); err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.Queued():
	default:
		t.Error("a step applied is not marked queued")
	}
	if err := put1("r2", b, a); err != nil {
		t.Errorf("a push after one committed: %v", err)
	}
	gone := serverstore.NewStep()
	gone.Abandon()
	if err := put1("r3", serverstore.NewStep(), gone); !errors.Is(err, serverstore.ErrPrevNotApplied) {
		t.Errorf("a push after one abandoned: %v, want ErrPrevNotApplied", err)
	}
	if err := put1("r4", serverstore.NewStep(), serverstore.NewStep()); !errors.Is(err, serverstore.ErrPrevNotApplied) {
		t.Errorf("a push after one never queued: %v, want ErrPrevNotApplied", err)
	}
	// a client gone while its push waits for the writer: its step fails, and the push
	// after it is not applied
	cctx, cancel := context.WithCancel(ctx)
	c := serverstore.NewStep()
	s.turn <- struct{}{}
	errc := make(chan error, 1)
	go func() {
		errc <- s.InTeamTxStep(cctx, "team-a", c, nil, func(tx serverstore.Tx) error { return serverstoretest.GroupPut(cctx, tx, "team-a", "r5") })
	}()
	waitQueued(t, s, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("InTeamTxStep = %v, want context.Canceled", err)
	}
	<-s.turn
	if c.State() != serverstore.StepFailed {
		t.Errorf("a push cancelled while queued: state %d, want failed", c.State())
	}
	if err := put1("r6", serverstore.NewStep(), c); !errors.Is(err, serverstore.ErrPrevNotApplied) {
		t.Errorf("a push after one cancelled: %v, want ErrPrevNotApplied", err)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 2 || recs["r1"] != 1 || recs["r2"] != 2 {
		t.Errorf("records (id: seq) = %v, want r1: 1, r2: 2", recs)
	}
}

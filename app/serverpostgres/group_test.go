package serverpostgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
	"github.com/jackc/pgx/v5/pgconn"
)

// Group commit (group.go): a team's pushes queued in one process are applied in one
// transaction, each in its own savepoint, judged as if alone.

func openGroupTest(t *testing.T) *serverpostgres.Store {
	t.Helper()
	return openWithTeams(t, "team-a", "team-b")
}

// groupJob is one InTeamTx of a test group: its error, or what it panicked with.
type groupJob struct {
	team   string
	ctx    context.Context
	fn     func(ctx context.Context, tx serverstore.Tx) error
	err    error
	panics any
}

// runAsGroup holds team-a's turn until every job is queued, then lets them go: they
// are applied as one group (one transaction), in the order given.
func runAsGroup(t *testing.T, s *serverpostgres.Store, jobs []*groupJob) {
	t.Helper()
	release := s.HoldTeam("team-a")
	var wg sync.WaitGroup
	for i, j := range jobs {
		if j.ctx == nil {
			j.ctx = context.Background()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { j.panics = recover() }()
			j.err = s.InTeamTx(j.ctx, "team-a", func(tx serverstore.Tx) error { return j.fn(j.ctx, tx) })
		}()
		waitQueued(t, s, i+1) // queued in this order
	}
	release()
	wg.Wait()
}

func waitQueued(t *testing.T, s *serverpostgres.Store, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		q := s.QueuedFor("team-a")
		if q == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d pushes queued, want %d", q, n)
		}
	}
}

func putA(id string) func(ctx context.Context, tx serverstore.Tx) error {
	return func(ctx context.Context, tx serverstore.Tx) error {
		return serverstoretest.GroupPut(ctx, tx, "team-a", id)
	}
}

// counted is fn counting its runs in n (before it runs).
func counted(n *int, fn func(ctx context.Context, tx serverstore.Tx) error) func(ctx context.Context, tx serverstore.Tx) error {
	return func(ctx context.Context, tx serverstore.Tx) error {
		*n++
		return fn(ctx, tx)
	}
}

func checkChain(t *testing.T, s serverstore.Store, entries int64) {
	t.Helper()
	if r, err := serverstore.VerifyAudit(ctx(), s, ""); err != nil || r.Break != nil || r.Entries != entries {
		t.Errorf("audit chain: %d entries, break %v, %v; want %d entries, unbroken", r.Entries, r.Break, err, entries)
	}
}

// checkMiddleFailed checks a group of three pushes of team-a (r1, the one failing with
// boom, r3) run from before's commit count: only the middle one failed, the group was
// one commit, and r1 and r3 are stored and audited in order.
func checkMiddleFailed(t *testing.T, s *serverpostgres.Store, jobs []*groupJob, boom error, before int64) {
	t.Helper()
	for i, j := range jobs {
		if (i == 1) != (j.err == boom) || (i != 1 && j.err != nil) || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	if n := s.Commits() - before; n != 1 {
		t.Errorf("%d commits, want 1 for the group", n)
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 2 || recs["r1"] != 1 || recs["r3"] != 2 {
		t.Errorf("records (id: seq) = %v, want r1: 1, r3: 2", recs)
	}
	if !slices.Equal(audit, []string{"r1", "r3"}) {
		t.Errorf("audit = %q, want r1, r3", audit)
	}
}

// A push that fails inside a group is rolled back alone: the others are committed, in
// one transaction, with sequence numbers as if the failed one had never run.
func TestGroupFailedPushAlone(t *testing.T) {
	s := openGroupTest(t)
	before := s.Commits()
	boom := errors.New("refused")
	jobs := []*groupJob{
		{fn: putA("r1")},
		{fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			return boom
		}},
		{fn: putA("r3")},
	}
	runAsGroup(t, s, jobs)
	checkMiddleFailed(t, s, jobs, boom, before)
	if err := s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "change-r2", ""); err != nil || found {
			t.Errorf("the failed push's change result: found %v, %v", found, err)
		}
		_, found, err := tx.ChangeResult(ctx(), "change-r3", "")
		if err != nil || !found {
			t.Errorf("a committed push's change result: found %v, %v", found, err)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	checkChain(t, s, 2)
}

// A push whose rows are refused when they are written (a change result stored before,
// which the push did not look up: the primary key refuses it) fails alone, undone by
// its savepoint: the others of the group are committed, each run once.
func TestGroupRowsRefusedAlone(t *testing.T) {
	s := openGroupTest(t)
	if err := s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx(), tx, "team-a", "r0") }); err != nil {
		t.Fatal(err)
	}
	before := s.Commits()
	runs := make([]int, 3)
	jobs := []*groupJob{
		{fn: counted(&runs[0], putA("r1"))},
		{fn: counted(&runs[1], func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			return tx.SaveChangeResult(ctx, "team-a", "d", "change-r0", json.RawMessage(`{}`))
		})},
		{fn: counted(&runs[2], putA("r3"))},
	}
	runAsGroup(t, s, jobs)
	var pe *pgconn.PgError
	if !errors.As(jobs[1].err, &pe) || pe.Code != "23505" {
		t.Errorf("the refused push's error = %v, want a unique violation", jobs[1].err)
	}
	for _, i := range []int{0, 2} {
		if jobs[i].err != nil || jobs[i].panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, jobs[i].err, jobs[i].panics)
		}
	}
	if !slices.Equal(runs, []int{1, 1, 1}) {
		t.Errorf("runs = %v, want each once", runs)
	}
	if n := s.Commits() - before; n != 1 {
		t.Errorf("%d commits, want 1", n)
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 3 || recs["r0"] != 1 || recs["r1"] != 2 || recs["r3"] != 3 {
		t.Errorf("records (id: seq) = %v, want r0: 1, r1: 2, r3: 3", recs)
	}
	if !slices.Equal(audit, []string{"r0", "r1", "r3"}) {
		t.Errorf("audit = %q, want r0, r1, r3", audit)
	}
	checkChain(t, s, 3)
}

// A push whose failure takes the transaction with it (here its connection ends) fails
// alone: the pushes before it are applied again without it in a new transaction, the
// ones after it once, and nothing of it stays.
func TestGroupLostTransactionAlone(t *testing.T) {
	s := openGroupTest(t)
	runs := make([]int, 3)
	jobs := []*groupJob{
		{fn: counted(&runs[0], putA("r1"))},
		{fn: counted(&runs[1], func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			return serverpostgres.TxExec(tx, "SELECT pg_terminate_backend(pg_backend_pid())")
		})},
		{fn: counted(&runs[2], putA("r3"))},
	}
	runAsGroup(t, s, jobs)
	if jobs[1].err == nil {
		t.Error("the push whose connection ended succeeded")
	}
	for _, i := range []int{0, 2} {
		if jobs[i].err != nil || jobs[i].panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, jobs[i].err, jobs[i].panics)
		}
	}
	if !slices.Equal(runs, []int{2, 1, 1}) {
		t.Errorf("runs = %v, want 2, 1, 1 (the push before the lost one again)", runs)
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 2 || recs["r1"] != 1 || recs["r3"] != 2 || !slices.Equal(audit, []string{"r1", "r3"}) {
		t.Errorf("records (id: seq) = %v, audit %q; want r1: 1, r3: 2", recs, audit)
	}
	checkChain(t, s, 2)
}

// When PostgreSQL asks for a retry in one push of a group, the whole group runs again
// and is committed once.
func TestGroupRetriedWhole(t *testing.T) {
	s := openGroupTest(t)
	before := s.Commits()
	runs := make([]int, 3)
	jobs := []*groupJob{
		{fn: counted(&runs[0], putA("r1"))},
		{fn: counted(&runs[1], func(ctx context.Context, tx serverstore.Tx) error {
			if runs[1] == 1 {
				return fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "40P01", Message: "deadlock detected"})
			}
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r2")
		})},
		{fn: counted(&runs[2], putA("r3"))},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if j.err != nil || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	if !slices.Equal(runs, []int{2, 2, 1}) {
		t.Errorf("runs = %v, want 2, 2, 1", runs)
	}
	if n := s.Commits() - before; n != 1 {
		t.Errorf("%d commits, want 1", n)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 3 || recs["r1"] != 1 || recs["r2"] != 2 || recs["r3"] != 3 {
		t.Errorf("records (id: seq) = %v, want r1..r3 at 1..3", recs)
	}
}

// A request whose client gives up while its push is being applied in a group does not
// break the shared transaction: its push is applied to the end and committed with the
// others, never half.
func TestGroupCancelledWhileApplied(t *testing.T) {
	s := openGroupTest(t)
	cctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	jobs := []*groupJob{
		{fn: putA("r1")},
		{ctx: cctx, fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			cancel() // the client goes away in the middle of its push
			if _, _, err := tx.GetRecord(ctx, "team-a", "r-none"); err != nil {
				return err
			}
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r3")
		}},
		{fn: putA("r4")},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if j.err != nil || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 4 || recs["r1"] != 1 || recs["r2"] != 2 || recs["r3"] != 3 || recs["r4"] != 4 || len(audit) != 4 {
		t.Errorf("records (id: seq) = %v, audit %q; want r1..r4 at 1..4", recs, audit)
	}
}

// A push still queued when its client gives up is not applied.
func TestGroupCancelledWhileQueued(t *testing.T) {
	s := openGroupTest(t)
	cctx, cancel := context.WithCancel(context.Background())
	release := s.HoldTeam("team-a")
	ran := false
	errc := make(chan error, 1)
	go func() {
		errc <- s.InTeamTx(cctx, "team-a", func(tx serverstore.Tx) error { ran = true; return serverstoretest.GroupPut(cctx, tx, "team-a", "r1") })
	}()
	waitQueued(t, s, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("InTeamTx = %v, want context.Canceled", err)
	}
	waitQueued(t, s, 0)
	release()
	if err := s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx(), tx, "team-a", "r2") }); err != nil {
		t.Fatal(err)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); ran || len(recs) != 1 || recs["r2"] != 1 {
		t.Errorf("ran %v, records %v: want only r2 at 1", ran, recs)
	}
}

// A push that panics panics in its own request's goroutine; the others of its group
// are committed, and the team's queue goes on afterwards.
func TestGroupPanicAlone(t *testing.T) {
	s := openGroupTest(t)
	jobs := []*groupJob{
		{fn: putA("r1")},
		{fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			panic("bug")
		}},
		{fn: putA("r3")},
	}
	runAsGroup(t, s, jobs)
	if jobs[1].panics != "bug" || jobs[0].panics != nil || jobs[2].panics != nil || jobs[0].err != nil || jobs[2].err != nil {
		t.Errorf("outcomes: %v/%v, %v/%v, %v/%v", jobs[0].err, jobs[0].panics, jobs[1].err, jobs[1].panics, jobs[2].err, jobs[2].panics)
	}
	if recs, audit := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 2 || recs["r1"] != 1 || recs["r3"] != 2 || len(audit) != 2 {
		t.Errorf("records %v, audit %q: want r1 and r3", recs, audit)
	}
	// Alone, in what it writes at the end: the team's queue is free again afterwards.
	lone := []*groupJob{{fn: func(ctx context.Context, tx serverstore.Tx) error {
		return tx.SaveChangeResult(ctx, "team-a", "d", "change-r5", json.RawMessage(`{}`))
	}}}
	s.Now = func() time.Time { panic("clock") } // the change results are stamped with it
	runAsGroup(t, s, lone)
	s.Now = time.Now
	if lone[0].panics != "clock" {
		t.Errorf("a lone push whose writing panics: %v, %v", lone[0].err, lone[0].panics)
	}
	if err := s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx(), tx, "team-a", "r6") }); err != nil {
		t.Fatal(err)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 3 || recs["r6"] != 3 {
		t.Errorf("records %v: want r1, r3 and r6 at 3", recs)
	}
	checkChain(t, s, 3)
}

// A change pushed twice in one group is found handled by the second push, as if the
// first had committed: by the lookup of one change id and by the prefetch of a batch.
func TestGroupSeesEarlierPushes(t *testing.T) {
	s := openGroupTest(t)
	seen := func(ctx context.Context, tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx, "change-r1", ""); err != nil || !found {
			t.Errorf("ChangeResult of the group's earlier push: found %v, %v", found, err)
		}
		if err := tx.(serverstore.Prefetcher).Prefetch(ctx, []string{"change-r1"}, []string{"r1"}); err != nil {
			return err
		}
		if _, found, err := tx.ChangeResult(ctx, "change-r1", ""); err != nil || !found {
			t.Errorf("ChangeResult after Prefetch: found %v, %v", found, err)
		}
		if r, found, err := tx.GetRecord(ctx, "team-a", "r1"); err != nil || !found || r.Seq != 1 {
			t.Errorf("GetRecord after Prefetch: %+v, found %v, %v", r, found, err)
		}
		return serverstoretest.GroupPut(ctx, tx, "team-a", "r2")
	}
	jobs := []*groupJob{{fn: putA("r1")}, {fn: seen}}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if j.err != nil || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 2 || recs["r2"] != 2 {
		t.Errorf("records %v: want r1 and r2 at 2", recs)
	}
	checkChain(t, s, 2)
}

// Another team's pushes are not held up by a team's group: they have queues of their own.
func TestGroupOtherTeamNotHeld(t *testing.T) {
	s := openGroupTest(t)
	release := s.HoldTeam("team-a")
	defer release()
	done := make(chan error, 1)
	go func() {
		done <- s.InTeamTx(ctx(), "team-b", func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx(), tx, "team-b", "b1") })
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("team-b's push waited for team-a's turn")
	}
	if !strings.Contains(fmt.Sprint(serverstoretest.GroupStored(t, s, "team-b")), "b1") {
		t.Error("team-b's record not stored")
	}
}

// A push that fails before any of its statements was sent (its savepoint goes with its
// first round trip) leaves nothing to roll back: the others are committed in one
// transaction, as if it had never run.
func TestGroupFailedBeforeSending(t *testing.T) {
	s := openGroupTest(t)
	before := s.Commits()
	boom := errors.New("refused")
	jobs := []*groupJob{
		{fn: putA("r1")},
		{fn: func(ctx context.Context, tx serverstore.Tx) error { return boom }},
		{fn: putA("r3")},
	}
	runAsGroup(t, s, jobs)
	checkMiddleFailed(t, s, jobs, boom, before)
	checkChain(t, s, 2)
}

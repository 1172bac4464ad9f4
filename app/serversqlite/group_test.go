package serversqlite

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
)

func openGroupTest(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"team-a", "team-b"} {
		if err := s.CreateTeam(ctx, serverstore.Team{ID: id, Name: id, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// groupJob is one InTeamTx of a test group: its error, or what it panicked with.
type groupJob struct {
	team   string
	ctx    context.Context
	fn     func(ctx context.Context, tx serverstore.Tx) error
	err    error
	panics any
	// step and prev (nil: none): a push in a row (InTeamTxStep)
	step, prev *serverstore.Step
}

// runAsGroup holds the writer's turn until every job is queued, then lets them go:
// they are applied as one group (one transaction), in the order given.
func runAsGroup(t testing.TB, s *Store, jobs []*groupJob) {
	t.Helper()
	s.turn <- struct{}{}
	var wg sync.WaitGroup
	for i, j := range jobs {
		if j.ctx == nil {
			j.ctx = context.Background()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { j.panics = recover() }()
			j.err = s.InTeamTxStep(j.ctx, j.team, j.step, j.prev, func(tx serverstore.Tx) error { return j.fn(j.ctx, tx) })
		}()
		waitQueued(t, s, i+1) // queued in this order
	}
	<-s.turn
	wg.Wait()
}

func waitQueued(t testing.TB, s *Store, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		s.groupMu.Lock()
		q := len(s.queued)
		s.groupMu.Unlock()
		if q == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d pushes queued, want %d", q, n)
		}
	}
}

// A push that fails inside a group is rolled back alone: the others are committed, in
// one transaction, with sequence numbers as if the failed one had never run.
func TestGroupFailedPushAlone(t *testing.T) {
	s := openGroupTest(t)
	before := s.commits.Load()
	boom := errors.New("refused")
	jobs := []*groupJob{
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r1")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			return boom
		}},
		{team: "team-b", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-b", "r3")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r4")
		}},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		want := error(nil)
		if i == 1 {
			want = boom
		}
		if j.err != want || j.panics != nil {
			t.Errorf("push %d: %v (panic %v), want %v", i, j.err, j.panics, want)
		}
	}
	if n := s.commits.Load() - before; n != 1 {
		t.Errorf("%d commits, want 1 for the group", n)
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 2 || recs["r1"] != 1 || recs["r4"] != 2 {
		t.Errorf("team-a's records (id: seq) = %v, want r1: 1, r4: 2", recs)
	}
	if len(audit) != 2 || audit[0] != "r1" || audit[1] != "r4" {
		t.Errorf("team-a's audit = %q, want r1, r4", audit)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-b"); len(recs) != 1 || recs["r3"] != 1 {
		t.Errorf("team-b's records = %v, want r3: 1", recs)
	}
	if err := s.InTeamTx(context.Background(), "team-a", func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(context.Background(), "change-r2", "r2"); err != nil || found {
			t.Errorf("the failed push's change result: found %v, %v", found, err)
		}
		_, found, err := tx.ChangeResult(context.Background(), "change-r4", "r4")
		if err != nil || !found {
			t.Errorf("a committed push's change result: found %v, %v", found, err)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if r, err := serverstore.VerifyAudit(context.Background(), s, ""); err != nil || r.Break != nil || r.Entries != 3 {
		t.Errorf("audit chain: %d entries, break %v, %v; want 3 entries, unbroken", r.Entries, r.Break, err)
	}
}

// A request whose client gives up while its push is being applied in a group (its
// context cancelled) does not break the shared transaction: its push is applied to the
// end and committed with the others, never half.
func TestGroupCancelledWhileApplied(t *testing.T) {
	s := openGroupTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	jobs := []*groupJob{
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r1")
		}},
		{team: "team-a", ctx: ctx, fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			cancel() // the client goes away in the middle of its push
			if _, _, err := tx.GetRecord(ctx, "team-a", "r-none"); err != nil {
				return err
			}
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r3")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r4")
		}},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if j.err != nil || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 4 || recs["r1"] != 1 || recs["r2"] != 2 || recs["r3"] != 3 || recs["r4"] != 4 {
		t.Errorf("records (id: seq) = %v, want r1..r4 at 1..4", recs)
	}
	if len(audit) != 4 {
		t.Errorf("audit = %q, want r1..r4", audit)
	}
}

// A push still waiting for the writer when its client gives up is not applied.
func TestGroupCancelledWhileQueued(t *testing.T) {
	s := openGroupTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	s.turn <- struct{}{} // the writer is busy
	ran := false
	errc := make(chan error, 1)
	go func() {
		errc <- s.InTeamTx(ctx, "team-a", func(tx serverstore.Tx) error { ran = true; return serverstoretest.GroupPut(ctx, tx, "team-a", "r1") })
	}()
	waitQueued(t, s, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("InTeamTx = %v, want context.Canceled", err)
	}
	waitQueued(t, s, 0)
	<-s.turn
	if err := s.InTeamTx(context.Background(), "team-a", func(tx serverstore.Tx) error {
		return serverstoretest.GroupPut(context.Background(), tx, "team-a", "r2")
	}); err != nil {
		t.Fatal(err)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); ran || len(recs) != 1 || recs["r2"] != 1 {
		t.Errorf("ran %v, records %v: want only r2 at 1", ran, recs)
	}
}

// A push that panics panics in its own request's goroutine; the others of its group
// are committed.
func TestGroupPanicAlone(t *testing.T) {
	s := openGroupTest(t)
	jobs := []*groupJob{
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r1")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			if err := serverstoretest.GroupPut(ctx, tx, "team-a", "r2"); err != nil {
				return err
			}
			panic("bug")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r3")
		}},
	}
	runAsGroup(t, s, jobs)
	if jobs[1].panics != "bug" || jobs[0].panics != nil || jobs[2].panics != nil || jobs[0].err != nil || jobs[2].err != nil {
		t.Errorf("outcomes: %v/%v, %v/%v, %v/%v", jobs[0].err, jobs[0].panics, jobs[1].err, jobs[1].panics, jobs[2].err, jobs[2].panics)
	}
	if recs, audit := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 2 || recs["r1"] != 1 || recs["r3"] != 2 || len(audit) != 2 {
		t.Errorf("records %v, audit %q: want r1 and r3", recs, audit)
	}
	// Alone, and in what it keeps for the end: the writer is free again afterwards.
	lone := []*groupJob{{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
		return tx.PutRecord(ctx, &serverstore.Record{TeamID: "team-a", Entity: "session", ID: "r5", Rev: 1,
			State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: time.Now()})
	}}}
	s.Now = func() time.Time { panic("clock") } // flush stamps the change results with it
	runAsGroup(t, s, lone)
	s.Now = time.Now
	if lone[0].panics != "clock" {
		t.Errorf("a lone push whose flush panics: %v, %v", lone[0].err, lone[0].panics)
	}
	if err := s.InTeamTx(context.Background(), "team-a", func(tx serverstore.Tx) error {
		return serverstoretest.GroupPut(context.Background(), tx, "team-a", "r6")
	}); err != nil {
		t.Fatal(err)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-a"); len(recs) != 3 || recs["r6"] != 3 {
		t.Errorf("records %v: want r1, r3 and r6 at 3", recs)
	}
}

// A change pushed twice in one group (a laptop that sent it again while the first push
// waited) is found handled by the second push, as if the first had committed: by the
// lookup of one change id and by the prefetch of a batch.
func TestGroupSeesEarlierPushes(t *testing.T) {
	s := openGroupTest(t)
	seen := func(ctx context.Context, tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx, "change-r1", "r1"); err != nil || !found {
			t.Errorf("ChangeResult of the group's earlier push: found %v, %v", found, err)
		}
		pf := tx.(serverstore.Prefetcher)
		if err := pf.Prefetch(ctx, []string{"change-r1"}, []string{"r1"}); err != nil {
			return err
		}
		if _, found, err := tx.ChangeResult(ctx, "change-r1", "r1"); err != nil || !found {
			t.Errorf("ChangeResult after Prefetch: found %v, %v", found, err)
		}
		if r, found, err := tx.GetRecord(ctx, "team-a", "r1"); err != nil || !found || r.Seq != 1 {
			t.Errorf("GetRecord after Prefetch: %+v, found %v, %v", r, found, err)
		}
		return nil
	}
	jobs := []*groupJob{
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r1")
		}},
		{team: "team-a", fn: seen},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if j.err != nil || j.panics != nil {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
}

// A push whose rows cannot be written (its flush fails: here a change result stored
// before, which the push did not look up) fails alone: the others of its group are
// applied again without it and committed, its own writes are nowhere, and the audit
// chain holds only the committed pushes.
func TestGroupFlushFailsAlone(t *testing.T) {
	s := openGroupTest(t)
	ctx := context.Background()
	if err := s.InTeamTx(ctx, "team-a", func(tx serverstore.Tx) error { return serverstoretest.GroupPut(ctx, tx, "team-a", "r0") }); err != nil {
		t.Fatal(err)
	}
	before := s.commits.Load()
	runs := make([]int, 4)
	jobs := []*groupJob{
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			runs[0]++
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r1")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			runs[1]++
			if err := tx.SaveChangeResult(ctx, "team-a", "d", "change-r0", json.RawMessage(`{}`)); err != nil {
				return err // r0's, stored before: its INSERT fails in the flush
			}
			return tx.PutRecord(ctx, &serverstore.Record{TeamID: "team-a", Entity: "session", ID: "r2", Rev: 1,
				State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: time.Now()})
		}},
		{team: "team-b", fn: func(ctx context.Context, tx serverstore.Tx) error {
			runs[2]++
			return serverstoretest.GroupPut(ctx, tx, "team-b", "r3")
		}},
		{team: "team-a", fn: func(ctx context.Context, tx serverstore.Tx) error {
			runs[3]++
			return serverstoretest.GroupPut(ctx, tx, "team-a", "r4")
		}},
	}
	runAsGroup(t, s, jobs)
	for i, j := range jobs {
		if failed := j.err != nil || j.panics != nil; failed != (i == 1) {
			t.Errorf("push %d: %v (panic %v)", i, j.err, j.panics)
		}
	}
	if jobs[1].err == nil || !strings.Contains(jobs[1].err.Error(), "UNIQUE") {
		t.Errorf("the failed push's error = %v, want its flush's", jobs[1].err)
	}
	if want := []int{2, 1, 1, 1}; !slices.Equal(runs, want) {
		t.Errorf("runs = %v, want %v (the push before the failed one again, the others once)", runs, want)
	}
	if n := s.commits.Load() - before; n != 1 {
		t.Errorf("%d commits, want 1", n)
	}
	recs, audit := serverstoretest.GroupStored(t, s, "team-a")
	if len(recs) != 3 || recs["r0"] != 1 || recs["r1"] != 2 || recs["r4"] != 3 {
		t.Errorf("team-a's records (id: seq) = %v, want r0: 1, r1: 2, r4: 3", recs)
	}
	if len(audit) != 3 || audit[1] != "r1" || audit[2] != "r4" {
		t.Errorf("team-a's audit = %q, want r0, r1, r4", audit)
	}
	if recs, _ := serverstoretest.GroupStored(t, s, "team-b"); len(recs) != 1 || recs["r3"] != 1 {
		t.Errorf("team-b's records = %v, want r3: 1", recs)
	}
	if r, err := serverstore.VerifyAudit(ctx, s, ""); err != nil || r.Break != nil || r.Entries != 4 {
		t.Errorf("audit chain: %d entries, break %v, %v; want 4 entries, unbroken", r.Entries, r.Break, err)
	}
}

package serverpostgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// Several server processes share one database: these tests open one pool per
// "process" on the same schema.

// TestTeamTxSerialisedAcrossProcesses: while one process is inside InTeamTx for a
// team, another process's InTeamTx for the same team waits; other teams do not.
func TestTeamTxSerialisedAcrossProcesses(t *testing.T) {
	u := FreshSchemaURL(t)
	s1, s2 := MustOpen(t, u), MustOpen(t, u)
	mustTeam(t, s1, "A")
	mustTeam(t, s1, "B")

	put := func(tx serverstore.Tx, team, id string) (int64, error) {
		r := serverstore.Record{TeamID: team, Entity: "theme", ID: id, Rev: 1, State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: t0}
		err := tx.PutRecord(ctx(), &r)
		return r.Seq, err
	}
	entered1, release1, entered2 := make(chan struct{}), make(chan struct{}), make(chan struct{})
	var releaseOnce sync.Once
	release := func() { releaseOnce.Do(func() { close(release1) }) }
	defer release() // a failing test must not leave the first transaction (and its connection) waiting
	var seq1, seq2 int64
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(1)
	go func() {
		defer wg.Done()
		errs <- s1.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
			close(entered1)
			<-release1
			var err error
			seq1, err = put(tx, "A", "first")
			return err
		})
	}()
	<-entered1
	wg.Add(1)
	go func() {
		defer wg.Done()
		errs <- s2.InTeamTx(ctx(), "A", func(tx serverstore.Tx) error {
			close(entered2)
			var err error
			seq2, err = put(tx, "A", "second")
			return err
		})
	}()
	select {
	case <-entered2:
		t.Fatal("a second process entered team A's transaction while the first was inside it")
	case <-time.After(300 * time.Millisecond):
	}
	// Team B is not held up by team A.
	doneB := make(chan error, 1)
	go func() {
		doneB <- s2.InTeamTx(ctx(), "B", func(tx serverstore.Tx) error { _, err := put(tx, "B", "b1"); return err })
	}()
	select {
	case err := <-doneB:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("team B's transaction waited for team A's")
	}
	release()
	select {
	case <-entered2:
	case <-time.After(5 * time.Second):
		t.Fatal("the second process never entered after the first committed")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if seq1 != 1 || seq2 != 2 {
		t.Errorf("seqs = %d, %d; want 1, 2 (in commit order)", seq1, seq2)
	}
}

// TestCursorInvariantAcrossProcesses: two processes push into the same team at once
// while a third pulls page after page with its cursor. A pull must never return a
// sequence number while a smaller one is still to commit (the device would save a
// cursor past it and never see it).
func TestCursorInvariantAcrossProcesses(t *testing.T) {
	u := FreshSchemaURL(t)
	pushers := []serverstore.Store{MustOpen(t, u), MustOpen(t, u)}
	puller := MustOpen(t, u)
	mustTeam(t, puller, "T")

	const txPerPusher = 40
	var pushed atomic.Int64
	var done atomic.Bool
	var wg sync.WaitGroup
	pushErrs := make(chan error, len(pushers))
	for p, s := range pushers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(p), 7))
			for i := 0; i < txPerPusher; i++ {
				n := 1 + rng.IntN(5)
				err := s.InTeamTx(ctx(), "T", func(tx serverstore.Tx) error {
					for k := 0; k < n; k++ {
						r := serverstore.Record{TeamID: "T", Entity: "feedback", ID: fmt.Sprintf("p%d-%d-%d", p, i, k), Rev: 1,
							State: json.RawMessage(`{}`), DeviceID: fmt.Sprintf("dev-%d", p), UpdatedAt: t0}
						if err := tx.PutRecord(ctx(), &r); err != nil {
							return err
						}
						// Widen the window between taking a seq and committing it.
						time.Sleep(time.Duration(rng.IntN(1500)) * time.Microsecond)
					}
					return nil
				})
				if err != nil {
					pushErrs <- err
					return
				}
				pushed.Add(int64(n))
			}
		}()
	}
	go func() { wg.Wait(); done.Store(true) }()

	// Inserts only: every seq from 1 up exists, so a correct pull sees them contiguously.
	seen := map[string]bool{}
	var cursor int64
	pulls := 0
	for {
		finished := done.Load() // read before pulling: the last pull then sees everything
		rs, err := puller.Pull(ctx(), "T", cursor, 7)
		if err != nil {
			t.Fatal(err)
		}
		pulls++
		for _, r := range rs {
			if r.Seq != cursor+1 {
				t.Fatalf("pull %d after cursor %d returned seq %d: seq %d was skipped", pulls, cursor, r.Seq, cursor+1)
			}
			if seen[r.ID] {
				t.Fatalf("record %s pulled twice", r.ID)
			}
			seen[r.ID] = true
			cursor = r.Seq
		}
		if finished && len(rs) == 0 {
			break
		}
	}
	close(pushErrs)
	for err := range pushErrs {
		t.Fatalf("push: %v", err)
	}
	if int64(len(seen)) != pushed.Load() || cursor != pushed.Load() {
		t.Errorf("pulled %d records up to seq %d, pushed %d", len(seen), cursor, pushed.Load())
	}
	t.Logf("%d records pushed by %d processes, pulled in %d pulls", pushed.Load(), len(pushers), pulls)
}

// TestConcurrentUpdatesConverge: two processes update the same records at once (read,
// then write rev+1, as a push does) while a third pulls. No update is lost (the read
// and the write of a push are in one serialised transaction), seqs stay unique, and
// the puller's copy, built only from pages after its cursor, ends equal to the server's.
func TestConcurrentUpdatesConverge(t *testing.T) {
	u := FreshSchemaURL(t)
	pushers := []serverstore.Store{MustOpen(t, u), MustOpen(t, u)}
	puller := MustOpen(t, u)
	mustTeam(t, puller, "T")

	const records, txPerPusher = 6, 60
	var wg sync.WaitGroup
	var done atomic.Bool
	updates := make([][records]int64, len(pushers))
	pushErrs := make(chan error, len(pushers))
	for p, s := range pushers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(p), 11))
			for i := 0; i < txPerPusher; i++ {
				k := rng.IntN(records)
				id := fmt.Sprintf("r%d", k)
				err := s.InTeamTx(ctx(), "T", func(tx serverstore.Tx) error {
					cur, found, err := tx.GetRecord(ctx(), "T", id)
					if err != nil {
						return err
					}
					rev := int64(1)
					if found {
						rev = cur.Rev + 1
					}
					time.Sleep(time.Duration(rng.IntN(1000)) * time.Microsecond)
					r := serverstore.Record{TeamID: "T", Entity: "theme", ID: id, Rev: rev,
						State: json.RawMessage(fmt.Sprintf(`{"id":%q,"by":%d,"n":%d}`, id, p, i)), DeviceID: fmt.Sprintf("dev-%d", p), UpdatedAt: t0}
					return tx.PutRecord(ctx(), &r)
				})
				if err != nil {
					pushErrs <- err
					return
				}
				updates[p][k]++
			}
		}()
	}
	go func() { wg.Wait(); done.Store(true) }()

	copyOf := map[string]serverstore.Record{}
	var cursor int64
	for {
		finished := done.Load()
		rs, err := puller.Pull(ctx(), "T", cursor, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.Seq <= cursor {
				t.Fatalf("seq %d returned after cursor %d", r.Seq, cursor)
			}
			copyOf[r.ID] = r
			cursor = r.Seq
		}
		if finished && len(rs) == 0 {
			break
		}
	}
	close(pushErrs)
	for err := range pushErrs {
		t.Fatalf("push: %v", err)
	}
	seqs := map[int64]string{}
	n := 0
	err := puller.Records(ctx(), "T", func(r serverstore.Record) error {
		n++
		if other, ok := seqs[r.Seq]; ok {
			t.Errorf("seq %d held by %s and %s", r.Seq, other, r.ID)
		}
		seqs[r.Seq] = r.ID
		var want int64
		for p := range pushers {
			want += updates[p][r.ID[1]-'0']
		}
		if r.Rev != want {
			t.Errorf("%s: rev %d after %d updates: an update was lost", r.ID, r.Rev, want)
		}
		c, ok := copyOf[r.ID]
		if !ok || c.Seq != r.Seq || c.Rev != r.Rev || string(c.State) != string(r.State) {
			t.Errorf("%s: the puller has %+v, the server %+v", r.ID, c, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(copyOf) {
		t.Errorf("server has %d records, the puller %d", n, len(copyOf))
	}
	if cursor != int64(len(pushers)*txPerPusher) {
		t.Errorf("last seq %d, want %d (one per committed update, none lost)", cursor, len(pushers)*txPerPusher)
	}
}

// TestPullsNotStarvedByWaitingPushes: many pushes queued behind one team's lock do not
// take every connection of the pool: a pull still gets one at once.
func TestPullsNotStarvedByWaitingPushes(t *testing.T) {
	base := FreshSchemaURL(t)
	s := MustOpen(t, withParam(t, base, "pool_max_conns", "4"))
	mustTeam(t, s, "T")
	hold, release := make(chan struct{}), make(chan struct{})
	var releaseOnce sync.Once
	stop := func() { releaseOnce.Do(func() { close(release) }) }
	defer stop()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.InTeamTx(ctx(), "T", func(tx serverstore.Tx) error { close(hold); <-release; return nil })
	}()
	<-hold
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.InTeamTx(ctx(), "T", func(tx serverstore.Tx) error { return nil })
		}()
	}
	time.Sleep(200 * time.Millisecond) // let them queue
	pullCtx, cancel := context.WithTimeout(ctx(), 3*time.Second)
	defer cancel()
	if _, err := s.Pull(pullCtx, "T", 0, 10); err != nil {
		t.Errorf("Pull while pushes wait for the team: %v", err)
	}
	stop()
	wg.Wait()
}

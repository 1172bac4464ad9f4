package synctest_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/syncer"
	"github.com/hin-south-london/involve/app/synctest"
)

// TestConvergence: three laptops and one server (each store). Seeded random
// interleavings of offline creates, edits (different fields and the same field of one
// record), deletes, restores, theme renames and conflict resolutions, with laptops
// going offline for a while and syncing at random moments. At the end every laptop
// syncs until nothing moves; then every laptop holds exactly the server's data
// (conflict records included), nothing waits, nothing was rejected, and no edit was
// silently lost: each survives as the field's value, as a side of a conflict record
// every laptop has, or was replaced later by a laptop that had it.
func TestConvergence(t *testing.T) {
	eachStore(t, replicaKinds, func(t *testing.T, kind string) {
		s := seed(t)
		runConvergence(t, kind, s, scale(600))
	})
}

// syncStats adds up what laptops' syncs did.
type syncStats struct {
	syncs int
	push  map[string]int
	pull  int
}

func (s *syncStats) add(sum syncer.Summary) {
	s.syncs++
	if s.push == nil {
		s.push = map[string]int{}
	}
	s.push["applied"] += sum.Push.Applied
	s.push["duplicate"] += sum.Push.Duplicate
	s.push["merged"] += sum.Push.Merged
	s.push["conflict"] += sum.Push.Conflict
	s.push["rejected"] += sum.Push.Rejected
	s.pull += sum.Pull.Written
}

func (s *syncStats) String() string {
	return fmt.Sprintf("%d syncs; pushed: %d applied, %d merged, %d conflict, %d duplicate, %d rejected; %d records written by pulls",
		s.syncs, s.push["applied"], s.push["merged"], s.push["conflict"], s.push["duplicate"], s.push["rejected"], s.pull)
}

func countsString(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func runConvergence(t *testing.T, kind string, seed uint64, steps int) {
	rng := newRand(seed)
	st := newStack(t, kind)
	var devs []*device
	for _, name := range []string{"Ada", "Bo", "Cy"} {
		d := newDevice(t, name, st.ts.URL, st.code(st.team.ID))
		// Small, different batches and pages: many requests, records split across them.
		d.eng.PushBatch, d.eng.PullLimit = 1+rng.IntN(8), 1+rng.IntN(8)
		devs = append(devs, d)
	}
	w := newWorkload(t, rng)
	var stats syncStats
	online := []bool{true, true, true}
	for i := 0; i < steps; i++ {
		n := rng.IntN(len(devs))
		d := devs[n]
		if rng.IntN(25) == 0 {
			online[n] = !online[n]
			w.note("%s goes %s", d.name, map[bool]string{true: "online", false: "offline"}[online[n]])
		}
		if online[n] && rng.IntN(100) < 20 {
			sum, err := d.sync()
			if err != nil {
				w.logOps(t)
				t.Fatalf("step %d: %s: sync: %v", i, d.name, err)
			}
			stats.add(sum)
			w.note("%s syncs: pushed %+v, pulled %+v", d.name, sum.Push, sum.Pull)
			continue
		}
		w.step(d)
	}
	final := w.settle(t, st, devs...)
	w.expectNoRaces(t)
	conflicts := final.conflicts()
	open := 0
	for _, c := range conflicts {
		if c.Status == "open" {
			open++
		}
	}
	t.Logf("%d steps: %s", steps, countsString(w.counts))
	t.Logf("%s", stats.String())
	t.Logf("server: %d records, %d conflict records (%d open)", len(final), len(conflicts), open)
	w.logOpsIfFailed(t)
}

// TestTwoEnginesOneLaptop: the app and `involve sync` on the command line may sync one
// laptop's database at the same time (two processes, two connections, two engines).
// Here a laptop's two engines sync concurrently, again and again, while it and another
// laptop edit at random; afterwards everything converges and no edit was lost.
func TestTwoEnginesOneLaptop(t *testing.T) {
	s := seed(t)
	rng := newRand(s)
	st := newStack(t, "sqlite")
	ada := st.enrol(t, "Ada")
	bo := st.enrol(t, "Bo")
	// The command line's view of Ada's laptop: its own connection and engine.
	cli := openDevice(t, "Ada (command line)", ada.dir)
	cli.engine()
	for _, d := range []*device{ada, cli, bo} {
		d.eng.PushBatch, d.eng.PullLimit = 1+rng.IntN(5), 1+rng.IntN(5)
	}
	w := newWorkload(t, rng)
	for i, steps := 0, scale(300); i < steps; i++ {
		switch x := rng.IntN(100); {
		case x < 10:
			errs := make(chan error, 2)
			for _, d := range []*device{ada, cli} {
				go func() {
					_, err := d.eng.SyncOnce(bg(), nil)
					errs <- err
				}()
			}
			for range 2 {
				if err := <-errs; err != nil {
					t.Fatalf("step %d: concurrent sync of Ada's laptop: %v", i, err)
				}
			}
			w.note("Ada's two engines sync at once")
		case x < 15:
			bo.mustSync()
			w.note("Bo syncs")
		case x < 60:
			w.step(ada)
		default:
			w.step(bo)
		}
	}
	w.settle(t, st, ada, bo)
	w.expectNoRaces(t)
	if lines := diff("Ada", ada.data(), "Ada (command line)", cli.data(), "", 5); len(lines) > 0 {
		t.Errorf("the two connections to Ada's database disagree: %v", lines)
	}
	w.logOpsIfFailed(t)
}

// TestBackgroundSyncWhileEditing: the way the app runs: each laptop's engine syncs in
// the background (Run: every few milliseconds here, backing off after failures) while
// people edit on both laptops, and the network drops and cuts requests (the proxy).
// Edits land while pushes are in flight and pull pages are applied. After the people
// stop, the engines are stopped and everything converges with no edit lost.
func TestBackgroundSyncWhileEditing(t *testing.T) {
	s := seed(t)
	rng := newRand(s)
	st := newStack(t, "sqlite")
	proxy := synctest.NewProxy(st.ts.URL)
	defer proxy.Close()
	var devs []*device
	for _, name := range []string{"Ada", "Bo"} {
		d := newDevice(t, name, proxy.URL, st.code(st.team.ID))
		d.eng.PushBatch, d.eng.PullLimit = 1+rng.IntN(4), 1+rng.IntN(4)
		d.eng.Interval, d.eng.MinBackoff, d.eng.MaxBackoff = 3*time.Millisecond, time.Millisecond, 20*time.Millisecond
		devs = append(devs, d)
	}
	proxy.SetPlan(synctest.RandomPlan(rng.Uint64(), synctest.Rates{synctest.DropResponse: 0.05, synctest.CutRequest: 0.03,
		synctest.BadGateway: 0.03, synctest.Delay: 0.1}, 5*time.Millisecond, nil))
	ctx, cancel := context.WithCancel(bg())
	var wg sync.WaitGroup
	var synced atomic.Int64
	for _, d := range devs {
		d.eng.OnSynced = func(_ syncer.Summary, err error) {
			if err == nil {
				synced.Add(1)
			}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.eng.Run(ctx)
		}()
	}
	w := newWorkload(t, rng)
	for i, steps := 0, scale(400); i < steps; i++ {
		w.step(devs[rng.IntN(len(devs))])
		if rng.IntN(10) == 0 {
			time.Sleep(time.Duration(rng.IntN(5)) * time.Millisecond)
		}
	}
	cancel()
	wg.Wait()
	proxy.SetPlan(nil)
	t.Logf("%d background syncs succeeded while editing; proxy: %s", synced.Load(), proxy.CountsString())
	if synced.Load() == 0 {
		t.Error("no background sync succeeded while the laptops were edited")
	}
	w.settle(t, st, devs...)
	w.logOpsIfFailed(t)
}

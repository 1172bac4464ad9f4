package synctest_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/syncer"
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
	for _, kind := range replicaKinds {
		t.Run(kind, func(t *testing.T) {
			needStore(t, kind)
			s := seed(t)
			runConvergence(t, kind, s, scale(600))
		})
	}
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
				t.Logf("last operations:\n  %s", strings.Join(w.ops, "\n  "))
				t.Fatalf("step %d: %s: sync: %v", i, d.name, err)
			}
			stats.add(sum)
			w.note("%s syncs: pushed %+v, pulled %+v", d.name, sum.Push, sum.Pull)
			continue
		}
		w.step(d)
	}
	final := settle(t, st.store, st.team.ID, devs...)
	w.checkNothingLost(t, final)
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
	if t.Failed() {
		t.Logf("last operations:\n  %s", strings.Join(w.ops, "\n  "))
	}
}

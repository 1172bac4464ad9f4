package syncer_test

import (
	"context"
	"math"
	"runtime/debug"
	"testing"

	"github.com/hin-south-london/involve/app/gcpace"
	"github.com/hin-south-london/involve/app/syncer"
)

// A sync runs with the collector paced for bulk work (app/gcpace) and leaves the pace
// as it found it, whether it succeeds or fails.
func TestSyncPacesTheCollector(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	wasP, wasL := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	defer func() { debug.SetGCPercent(wasP); debug.SetMemoryLimit(wasL) }()

	e, db, fs, _ := newEngine(t)
	addFeedback(t, db, 3)
	var during []int
	progress := func(syncer.Progress) {
		p, l := gcpace.Current()
		if l == math.MaxInt64 {
			p = -p // no limit set: not paced
		}
		during = append(during, p)
	}
	if _, err := e.SyncOnce(context.Background(), progress); err != nil {
		t.Fatal(err)
	}
	if len(during) == 0 {
		t.Fatal("no progress reported")
	}
	for _, p := range during {
		if p != gcpace.Percent {
			t.Fatalf("the pace during the sync: %v; want %d %% with a memory limit throughout", during, gcpace.Percent)
		}
	}
	if p, l := gcpace.Current(); p != 100 || l != math.MaxInt64 {
		t.Fatalf("after the sync: %d %%, limit %d; want 100 %%, none", p, l)
	}

	fs.mu.Lock()
	fs.fail = 503
	fs.mu.Unlock()
	addFeedback(t, db, 1)
	if _, err := e.SyncOnce(context.Background(), nil); err == nil {
		t.Fatal("the sync against a failing server succeeded")
	}
	if p, l := gcpace.Current(); p != 100 || l != math.MaxInt64 {
		t.Fatalf("after a failed sync: %d %%, limit %d; want 100 %%, none", p, l)
	}
}

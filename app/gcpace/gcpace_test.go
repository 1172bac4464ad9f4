package gcpace

import (
	"math"
	"runtime/debug"
	"testing"
)

// pace is Current, checked against what debug.SetGCPercent reports.
func pace(t *testing.T) (int, int64) {
	t.Helper()
	p, l := Current()
	if was := debug.SetGCPercent(p); was != p {
		t.Fatalf("Current: %d %%, the runtime: %d %%", p, was)
	}
	return p, l
}

// setPace sets the pace for one test and puts back what it was after it.
func setPace(t *testing.T, percent int, limit int64) {
	t.Helper()
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	wasP, wasL := debug.SetGCPercent(percent), debug.SetMemoryLimit(limit)
	t.Cleanup(func() { debug.SetGCPercent(wasP); debug.SetMemoryLimit(wasL) })
}

// Overlapping bulk jobs: the pace is Percent with the limit while any runs, and what it
// was once the last one ends; a release called twice does not end another's hold.
func TestHoldOverlapping(t *testing.T) {
	setPace(t, 100, math.MaxInt64)
	a := Hold(512 << 20)
	if p, l := pace(t); p != Percent || l != 512<<20 {
		t.Fatalf("held: %d %%, limit %d; want %d %%, %d", p, l, Percent, 512<<20)
	}
	b := Hold(256 << 20)
	a()
	a()
	if p, l := pace(t); p != Percent || l != 512<<20 {
		t.Fatalf("one job still running: %d %%, limit %d; want %d %%, %d", p, l, Percent, 512<<20)
	}
	b()
	if p, l := pace(t); p != 100 || l != math.MaxInt64 {
		t.Fatalf("released: %d %%, limit %d; want 100 %%, no limit", p, l)
	}
}

// A slower pace and a memory limit already set are kept, and given back as they were.
func TestHoldKeepsSlowerPaceAndLimit(t *testing.T) {
	setPace(t, 800, 64<<20)
	release := Hold(512 << 20)
	if p, l := pace(t); p != 800 || l != 64<<20 {
		t.Fatalf("held: %d %%, limit %d; want 800 %%, %d", p, l, 64<<20)
	}
	release()
	if p, l := pace(t); p != 800 || l != 64<<20 {
		t.Fatalf("released: %d %%, limit %d; want 800 %%, %d", p, l, 64<<20)
	}
}

// GOGC or GOMEMLIMIT in the environment is the operator's: nothing is changed.
func TestOperatorWins(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		setPace(t, 100, math.MaxInt64)
		t.Setenv(env, "150")
		release := Hold(512 << 20)
		SetDefault(512 << 20)
		if p, l := pace(t); p != 100 || l != math.MaxInt64 {
			t.Errorf("%s set: %d %%, limit %d; want 100 %%, no limit", env, p, l)
		}
		release()
	}
}

// SetDefault paces a whole process.
func TestSetDefault(t *testing.T) {
	setPace(t, 100, math.MaxInt64)
	SetDefault(1 << 30)
	if p, l := pace(t); p != Percent || l != 1<<30 {
		t.Fatalf("%d %%, limit %d; want %d %%, %d", p, l, Percent, 1<<30)
	}
}

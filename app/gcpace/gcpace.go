// Package gcpace sets the Go garbage collector's pace for Involve's bulk work: a sync's
// pages and pushes, and the sync server's requests (issue 17, round 4;
// docs/decisions.md). Both allocate and drop a great deal of short-lived memory (JSON
// states, statement arguments, page buffers) over a small live heap, so at Go's default
// (GOGC=100: a collection each time the heap doubles) a first pull of 100 000 records
// spent about a sixth of its CPU collecting. At 400 it collects a fifth as often, for a
// larger peak heap, capped by a soft memory limit: near the limit the collector runs as
// often as it must, whatever the percentage.
//
// An operator's own GOGC or GOMEMLIMIT always wins: neither is changed when either is
// set in the environment.
package gcpace

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Percent is the collector's pace while bulk work runs (GOGC).
const Percent = 400

// The soft memory limits when the process has none (GOMEMLIMIT): the collector works
// harder near them rather than let the heap grow past.
const (
	SyncLimit   = 512 << 20 // a laptop's sync (app/syncer)
	ServerLimit = 512 << 20 // the sync server's process (involve-server serve)
)

// Operator reports whether GOGC or GOMEMLIMIT is set in the environment: the
// operator's choice, which gcpace leaves alone.
func Operator() bool {
	return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != ""
}

// SetDefault paces the collector for a whole process (the sync server): Percent, and a
// soft memory limit of limit bytes if the process has none. Nothing changes when the
// operator set GOGC or GOMEMLIMIT, or when the pace is already slower (or off).
func SetDefault(limit int64) {
	if Operator() {
		return
	}
	raise(limit)
}

var (
	mu       sync.Mutex
	held     int   // bulk jobs running (Hold)
	percent  int   // the pace before the first of them
	memLimit int64 // the memory limit before the first of them
)

// Hold paces the collector for bulk work until the returned func is called (once;
// later calls do nothing): Percent, and a soft memory limit of limit bytes if the
// process has none. Jobs may overlap: the pace goes back to what it was when the last
// of them ends. Nothing changes when the operator set GOGC or GOMEMLIMIT.
func Hold(limit int64) (release func()) {
	if Operator() {
		return func() {}
	}
	mu.Lock()
	if held == 0 {
		percent, memLimit = raise(limit)
	}
	held++
	mu.Unlock()
	return sync.OnceFunc(func() {
		mu.Lock()
		defer mu.Unlock()
		if held--; held == 0 {
			debug.SetGCPercent(percent)
			debug.SetMemoryLimit(memLimit)
		}
	})
}

// Current reads the collector's pace as the runtime has it: its percentage (GOGC) and
// its soft memory limit (math.MaxInt64: none).
func Current() (percent int, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// raise sets Percent unless the pace is slower already (or off), and the memory limit
// unless one is set; it returns both as they were.
func raise(limit int64) (wasPercent int, wasLimit int64) {
	wasPercent = debug.SetGCPercent(Percent)
	if wasPercent < 0 || wasPercent > Percent {
		debug.SetGCPercent(wasPercent)
	}
	wasLimit = debug.SetMemoryLimit(-1) // reads it
	if wasLimit == math.MaxInt64 && limit > 0 {
		debug.SetMemoryLimit(limit)
	}
	return wasPercent, wasLimit
}

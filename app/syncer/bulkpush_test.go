package syncer_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncer"
)

// A lone laptop's bulk push (a year of spreadsheet logs, imported) goes within one burst
// of the server's default per-device rate, in pushes of the default MaxBatch, and is
// never refused by it. The server's clock here stands still, so no token comes back:
// in pushes of 1 000, 61 000 records were 62 pushes, past the burst of 60, and the sync
// failed after its waits for the rate (docs/decisions.md, 2026-12-08 "pushes of 2 500").
func TestBulkPushWithinTheDefaultRate(t *testing.T) {
	if testing.Short() {
		t.Skip("61 000 records: skipped with -short")
	}
	var limited atomic.Int64
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) {
		c.RateLimit = server.DeviceRateLimit(server.DefaultDeviceRate)
	})
	// the server behind a handler that counts the requests the rate refuses
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		env.API.ServeHTTP(rec, r)
		if rec.Code == http.StatusTooManyRequests {
			limited.Add(1)
		}
		relay(w, rec)
	}))
	t.Cleanup(ts.Close)
	team := env.Team("Bulk")
	a := connectTo(t, ts.URL, env.Code(team.ID, time.Hour), "A")
	const n = 61_000
	storetest.ImportFeedback(t, a.db, n, "Imported comment %d")
	sum, err := a.e.SyncOnce(context.Background(), nil)
	if err != nil {
		t.Fatalf("sync: %v (%d requests refused by the rate)", err, limited.Load())
	}
	if sum.Pushed != n+1 || sum.Push.Rejected != 0 || sum.Push.Conflict != 0 {
		t.Errorf("push: %+v, pushed %d; want %d applied", sum.Push, sum.Pushed, n+1)
	}
	if got := limited.Load(); got != 0 {
		t.Errorf("%d requests refused by the device's rate; want none", got)
	}
}

// A push holds no more than the groups on their way: the Go heap that stays live as a
// push of 20 000 records in 20 groups goes on does not grow with the groups sent.
// Each group used to hold the one before it (its rowLink), so a push held every group
// it had sent, with their states and answers: some 2 KB a record.
func TestPushHoldsOnlyGroupsOnTheirWay(t *testing.T) {
	if testing.Short() {
		t.Skip("20 000 records: skipped with -short")
	}
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) {
		c.Limits.MaxBatch = 100 // groups of 1 000, in ten pushes
	})
	team := env.Team("Held")
	a := connectTo(t, env.Server.URL, env.Code(team.ID, time.Hour), "A")
	const n = 20_000
	storetest.ImportFeedback(t, a.db, n, "Imported comment %d")
	var live []uint64 // the live heap after each group was recorded
	sum, err := a.e.SyncOnce(context.Background(), func(p syncer.Progress) {
		if p.Phase != syncer.PhasePush || p.Done == 0 {
			return
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		live = append(live, m.HeapAlloc)
	})
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	if sum.Pushed != n+1 {
		t.Fatalf("pushed %d, want %d", sum.Pushed, n+1)
	}
	if len(live) < 15 {
		t.Fatalf("%d progress reports during the push, want one a group (20)", len(live))
	}
	// from the fourth group on (the pipeline full) to the last
	early, late := live[3], slices.Max(live[len(live)-3:])
	const slack = 8 << 20
	if late > early+slack {
		t.Errorf("the live heap grew from %.1f MB after the fourth group to %.1f MB at the end of the push (%v): "+
			"the groups sent are still held", float64(early)/(1<<20), float64(late)/(1<<20), live)
	}
}

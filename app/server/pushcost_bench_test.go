package server_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/servertest"
)

// BenchmarkPushCost is what a push costs the server by itself: twenty devices of one
// team push 2 000 new records each (sessions with 49 feedback items) in pushes of
// "batch" changes, each device one push at a time, all at once, through the handler
// without a network and without pulls. Reported: the server's CPU (this process, and
// PostgreSQL's when it is the store) per push and per record.
//
//	scripts/with-postgres.sh go test -tags sqlite_fts5 -run '^$' -bench PushCost -benchtime 1x ./app/server
func BenchmarkPushCost(b *testing.B) {
	const devices, records = 20, 2000
	for _, kind := range servertest.StoreKinds() {
		for _, batch := range []int{75, 1000} {
			b.Run(fmt.Sprintf("%s/batch=%d", kind, batch), func(b *testing.B) {
				for range b.N {
					benchPushCost(b, kind, devices, records, batch)
				}
			})
		}
	}
}

func benchPushCost(b *testing.B, kind string, devices, records, batch int) {
	b.StopTimer()
	st, _ := servertest.OpenStore(b, kind)
	e := servertest.NewEnvOn(b, st)
	team := e.Team("Bench")
	tokens := make([]string, devices)
	bodies := make([][][]byte, devices)
	pushes := 0
	for i := range devices {
		d := e.Enrol(team.ID)
		tokens[i] = d.Token
		changes := laptopChanges(b, d, records)
		for j := 0; j < len(changes); j += batch {
			bodies[i] = append(bodies[i], pushBody(changes[j:min(j+batch, len(changes))]))
			pushes++
		}
	}
	procCPU := benchdata.CPUTime
	if kind == "postgres" {
		procCPU = func() time.Duration { return benchdata.CPUTime() + benchdata.PostgresCPU() }
	}
	b.StartTimer()
	cpu, start := procCPU(), time.Now()
	var wg sync.WaitGroup
	for i := range devices {
		wg.Go(func() {
			for _, body := range bodies[i] {
				serve(b, e.API, "POST", "/v1/sync/push", tokens[i], body)
			}
		})
	}
	wg.Wait()
	used, wall := procCPU()-cpu, time.Since(start)
	b.StopTimer()
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(used.Seconds(), "cpu-s")
	b.ReportMetric(float64(pushes), "pushes")
	b.ReportMetric(float64(used.Microseconds())/1000/float64(pushes), "cpu-ms/push")
	b.ReportMetric(float64(used.Microseconds())/float64(devices*records), "cpu-µs/record")
}

package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// BenchmarkSync100k pushes 100 000 feedback items from one device in batches of 1000
// and pulls them into another in pages of 5000, over loopback with the SQLite store
// (DESIGN §8: each ≤ 1.5 s). Run: go test -tags sqlite_fts5 -run X -bench Sync100k -benchtime 1x ./app/server
func BenchmarkSync100k(b *testing.B) {
	const n, batch = 100_000, 1000
	for range b.N {
		b.StopTimer()
		st := openSQLite(b)
		if err := st.Migrate(context.Background()); err != nil {
			b.Fatal(err)
		}
		e := servertest.NewEnvOn(b, st)
		tm := e.Team("Bench")
		d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
		changes := make([]syncapi.Change, n)
		for i := range changes {
			f := servertest.NewFeedback(fmt.Sprintf("Feedback number %d: the waiting room was cold and the staff were kind.", i))
			changes[i] = d.Change("feedback", f, 0)
		}
		b.StartTimer()
		start := time.Now()
		for i := 0; i < n; i += batch {
			d.Push(changes[i:min(i+batch, n)]...)
		}
		push := time.Since(start)
		start = time.Now()
		got := 0
		cursor := ""
		for {
			page := other.Pull(cursor, 5000)
			got += len(page.Changes)
			cursor = page.Cursor
			if !page.More {
				break
			}
		}
		pull := time.Since(start)
		if got != n {
			b.Fatalf("pulled %d, want %d", got, n)
		}
		b.ReportMetric(push.Seconds(), "push-s")
		b.ReportMetric(pull.Seconds(), "pull-s")
		b.ReportMetric(float64(n)/push.Seconds(), "push-rec/s")
		b.ReportMetric(float64(n)/pull.Seconds(), "pull-rec/s")
		st.Close()
	}
}

package servertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// BenchSync100k pushes 100 000 feedback items from one device in batches of 1000 over
// loopback HTTP and pulls them into another in pages of 5000, on a fresh store from
// open for each run (migrated here, closed at the end of the run), and reports both
// times (DESIGN §8: each ≤ 1.5 s with SQLite). Each store's BenchmarkSync100k calls it.
func BenchSync100k(b *testing.B, open func(b *testing.B) serverstore.Store) {
	const n, batch = 100_000, 1000
	for range b.N {
		b.StopTimer()
		st := open(b)
		if err := st.Migrate(context.Background()); err != nil {
			b.Fatal(err)
		}
		e := NewEnvOn(b, st)
		tm := e.Team("Bench")
		d, other := e.Enrol(tm.ID), e.Enrol(tm.ID)
		changes := make([]syncapi.Change, n)
		for i := range changes {
			f := NewFeedback(fmt.Sprintf("Feedback number %d: the waiting room was cold and the staff were kind.", i))
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

package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
)

// BenchmarkReportSource streams the shared data set through the store's report.Source
// into report.Summarize (the figures of the Reports screen; the workbook reads the
// same rows), at N = 10 000 and, without -short, 100 000: every item ("all"), and one
// borough's (about a twelfth: the plan that starts from the sessions). Reports items/s
// over the feedback streamed. The workbook's own figures: docs/benchmarks.md.
func BenchmarkReportSource(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		for _, c := range []struct {
			name string
			f    report.Filter
		}{{"all", report.Filter{}}, {"borough", report.Filter{Borough: "E09000008"}}} {
			b.Run(fmt.Sprintf("N=%d/%s", n, c.name), func(b *testing.B) {
				if n > 10_000 && testing.Short() {
					b.Skip("100 000 items: skipped with -short")
				}
				ctx := context.Background()
				db, err := store.Open(ctx, benchdata.ImportedDB(b, n), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				items := 0
				b.ResetTimer()
				t0 := time.Now()
				for range b.N {
					fig, err := report.Summarize(ctx, db, c.f, time.Now())
					if err != nil {
						b.Fatal(err)
					}
					if fig.FeedbackItems == 0 {
						b.Fatal("no feedback: is the data set imported?")
					}
					items += fig.FeedbackItems
				}
				b.ReportMetric(float64(items)/time.Since(t0).Seconds(), "items/s")
			})
		}
	}
}

// BenchmarkReportFeedbackScan is the feedback stream alone (no figures), all items.
func BenchmarkReportFeedbackScan(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, benchdata.ImportedDB(b, 10_000), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n := 0
	b.ResetTimer()
	for range b.N {
		if err := db.Feedback(ctx, report.Filter{}, func(*involve.Feedback) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkWorkbook writes the whole workbook (`involve export --xlsx`: every sheet)
// of the shared data set, at N = 10 000 and, without -short, 100 000: the time per
// workbook and the peak heap (the highest HeapInuse sampled every 5 ms). The whole
// process's figures (peak RSS) are scripts/bench.sh's; see docs/benchmarks.md.
func BenchmarkWorkbook(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("100 000 items: skipped with -short")
			}
			ctx := context.Background()
			db, err := store.Open(ctx, benchdata.ImportedDB(b, n), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			path := filepath.Join(b.TempDir(), "summary.xlsx")
			peak := benchdata.SampleHeap()
			b.ResetTimer()
			for range b.N {
				if _, err := xlsx.WriteFile(ctx, path, db, report.Filter{}, xlsx.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(peak()/(1<<20), "peak-heap-MB")
			if fi, err := os.Stat(path); err == nil {
				b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
			}
		})
	}
}

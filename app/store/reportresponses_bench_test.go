package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
)

// openResponses opens the shared data set with a response to every feedback item
// (`node scripts/bench/gen.mjs N 42 --responses`: one set with a question of every
// type), imported once and cached, and returns the set's id.
func openResponses(b *testing.B, n int) (*store.DB, string) {
	b.Helper()
	if n > 10_000 && testing.Short() {
		b.Skip("100 000 responses: skipped with -short")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, benchdata.ImportedDBOf(b, n, benchdata.Responses), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	sets, err := store.FindDocsOf[*involve.QuestionSet](ctx, db, involve.EntityQuestionSet, "")
	if err != nil || len(sets) != 1 {
		b.Fatalf("sets %v: %v", sets, err)
	}
	return db, sets[0].ID
}

// BenchmarkReportQuestions computes the Reports screen's Questions section (with a
// breakdown by ethnic group) over the data set's responses (10 000 and, without
// -short, 100 000), streamed from the store. Reports responses/s and the heap in use
// after a run (it stays flat: responses are never held, only the numbers given to the
// number question, for its median).
func BenchmarkReportQuestions(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			db, setID := openResponses(b, n)
			ctx := context.Background()
			responses := 0
			b.ResetTimer()
			t0 := time.Now()
			for range b.N {
				qf, err := report.Questions(ctx, db, report.Filter{}, report.BreakdownRequest{SetID: setID, Question: "heard_of", By: "ethnicGroup"})
				if err != nil {
					b.Fatal(err)
				}
				if qf.Responses != n || qf.Breakdown == nil {
					b.Fatalf("%d responses, breakdown %v; want %d", qf.Responses, qf.Breakdown, n)
				}
				responses += qf.Responses
			}
			b.ReportMetric(float64(responses)/time.Since(t0).Seconds(), "responses/s")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkWorkbookWithResponses writes the whole workbook (every sheet, the Questions
// sheet included) for the data set with its responses: the time and the peak heap
// (runtime/metrics' peak is not per run, so the highest HeapInuse sampled every 5 ms).
func BenchmarkWorkbookWithResponses(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			db, _ := openResponses(b, n)
			ctx := context.Background()
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

package app_test

// Benchmark of saving feedback through the Wails façade against DESIGN §8 ("save one
// feedback item from the UI (bound call → durable commit): median ≤ 1 ms, p99 ≤ 5 ms").
// The 100 000-item case uses the shared data set (scripts/bench/DATASET.md), generated
// and imported once into .cache/bench/ at the repository root, like the store's
// benchmarks in app/sqlite/bench_test.go. Results: docs/benchmarks.md.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app"
	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/sqlite"
)

// BenchmarkCreateFeedback times the bound CreateFeedback call, from the call to the
// durable commit (synchronous=FULL) and the data:changed event, on a real database
// file: empty (one session), and holding the 100 000-item data set (skipped with
// -short). Reports the median, p99 and maximum of the individual calls.
func BenchmarkCreateFeedback(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		benchCreateFeedback(b, filepath.Join(b.TempDir(), "data"))
	})
	b.Run("N=100000", func(b *testing.B) {
		if testing.Short() {
			b.Skip("100 000 items: skipped with -short")
		}
		src := benchAppImportedDB(b, 100_000)
		dir := filepath.Join(b.TempDir(), "data")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		benchCopyFile(b, src, filepath.Join(dir, datadir.DBName))
		benchCreateFeedback(b, dir)
	})
}

func benchCreateFeedback(b *testing.B, dir string) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	a := app.New(app.Config{
		DataDir: dir,
		Open: func() (*sqlite.DB, app.StartupState) {
			db, err := sqlite.Open(context.Background(), filepath.Join(dir, datadir.DBName), sqlite.Options{})
			if err != nil {
				return nil, app.DamagedState(dir, err)
			}
			return db, app.StartupState{Status: app.StatusOK}
		},
		// Keep the background integrity check and daily backup out of the timings.
		IntegrityCheckDelay: time.Hour,
	})
	app.Startup(a, context.Background(), benchRuntime{})
	defer app.Shutdown(a)
	if st, _ := a.GetStartupState(); st.Status != app.StatusOK {
		b.Fatalf("startup: %s: %s", st.Status, st.Message)
	}
	s, err := a.CreateSession(involve.SessionInput{Title: "Drop-in: Waiting times in Croydon", Date: "2026-11-24",
		Type: "community_event", Borough: "E09000008", Status: "held"})
	if err != nil {
		b.Fatal(err)
	}
	themes, err := a.ListThemes(false)
	if err != nil || len(themes) < 3 {
		b.Fatalf("themes: %d, %v", len(themes), err)
	}
	rating := 4
	in := involve.FeedbackInput{SessionID: s.ID, Rating: &rating, Source: "comment_card",
		AgeBand: "18_24", EthnicGroup: "black", Borough: "E09000008", QuoteConsent: true,
		Text: "Waited nearly three hours at A&E with my son; the nurse was kind but nobody told us what was " +
			"happening. A text or a screen with the wait time would help – and the café was shut."}

	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		in.Themes = []string{themes[i%len(themes)].ID, themes[(i+5)%len(themes)].ID}
		t0 := time.Now()
		if _, err := a.CreateFeedback(in); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(d)
	b.ReportMetric(benchAppPercentile(d, 0.5), "median-ms")
	b.ReportMetric(benchAppPercentile(d, 0.99), "p99-ms")
	b.ReportMetric(benchAppPercentile(d, 1), "max-ms")
}

// benchRuntime stands in for the Wails runtime (events go nowhere).
type benchRuntime struct{}

func (benchRuntime) Emit(string, ...any) {}
func (benchRuntime) Quit()               {}

// benchAppPercentile is the p-th percentile (nearest rank) of sorted durations, in ms.
func benchAppPercentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	i = max(0, min(i, len(sorted)-1))
	return float64(sorted[i]) / float64(time.Millisecond)
}

func benchCopyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// The data set helpers below mirror those of app/sqlite/bench_test.go (test files of
// two packages cannot share code) and use the same cache file names, so whichever
// package runs first generates and imports the data for both.

// benchAppRoot is the repository root (the folder with go.mod).
func benchAppRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("cannot find the repository root (go.mod)")
		}
		dir = parent
	}
}

// benchAppImportedDB returns .cache/bench/db-N-….db, the n-item data set imported
// into a database (generating and importing it if needed). Callers copy it.
func benchAppImportedDB(tb testing.TB, n int) string {
	tb.Helper()
	const seed = "42"
	if _, err := exec.LookPath("node"); err != nil {
		tb.Skip("node is not installed: it is needed to generate the benchmark data set (scripts/bench/gen.mjs)")
	}
	root := benchAppRoot(tb)
	var gen, genHash string
	for _, dir := range []string{filepath.Join(root, "scripts", "bench"), filepath.Join(root, "..", "shared", "bench")} {
		bg, err1 := os.ReadFile(filepath.Join(dir, "gen.mjs"))
		bs, err2 := os.ReadFile(filepath.Join(dir, "lib", "spec.mjs"))
		if err1 == nil && err2 == nil {
			sum := sha256.Sum256(append(bg, bs...))
			gen, genHash = filepath.Join(dir, "gen.mjs"), hex.EncodeToString(sum[:])[:12]
			break
		}
	}
	if gen == "" {
		tb.Skip("the data set generator scripts/bench/gen.mjs (with lib/spec.mjs) is missing")
	}
	migs, err := filepath.Glob(filepath.Join(root, "app", "sqlite", "migrations", "*.sql"))
	if err != nil || len(migs) == 0 {
		tb.Fatalf("migrations: %v (%d files)", err, len(migs))
	}
	sort.Strings(migs)
	h := sha256.New()
	for _, f := range migs {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		h.Write(b)
	}
	schemaHash := hex.EncodeToString(h.Sum(nil))[:12]

	cache := filepath.Join(root, ".cache", "bench")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		tb.Fatal(err)
	}
	dbPath := filepath.Join(cache, fmt.Sprintf("db-%d-seed%s-%s-schema%s.db", n, seed, genHash, schemaHash))
	if _, err := os.Stat(dbPath); err == nil {
		return dbPath
	}

	data := filepath.Join(cache, fmt.Sprintf("data-%d-seed%s-%s.jsonl", n, seed, genHash))
	if fi, err := os.Stat(data); err != nil || fi.Size() == 0 {
		tmp := fmt.Sprintf("%s.%d.tmp", data, os.Getpid())
		f, err := os.Create(tmp)
		if err != nil {
			tb.Fatal(err)
		}
		cmd := exec.Command("node", gen, fmt.Sprint(n), seed)
		cmd.Stdout, cmd.Stderr = f, os.Stderr
		err = cmd.Run()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp, data)
		}
		if err != nil {
			os.Remove(tmp)
			tb.Fatalf("generate %d items: %v", n, err)
		}
	}

	dir, err := os.MkdirTemp(cache, "import-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "involve.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, tmp, sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Open(data)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	res, err := jsonl.Import(ctx, db, f, nil)
	if err != nil {
		db.Close()
		tb.Fatalf("import %s: %v", data, err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("imported %d records into %s in %v", res.Records, dbPath, res.Duration.Round(time.Millisecond))
	// Databases built by an older generator or schema are about 250 MB each.
	stale, _ := filepath.Glob(filepath.Join(cache, fmt.Sprintf("db-%d-seed%s-*.db", n, seed)))
	for _, f := range stale {
		if f != dbPath {
			os.Remove(f)
		}
	}
	return dbPath
}

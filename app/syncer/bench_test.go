package syncer_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// seed writes n feedback items in sessions of 50 through the importer (one
// transaction, an outbox entry per record), as a laptop that captured them would hold.
// Used when the shared data set cannot be generated (no node).
func seed(tb testing.TB, db *store.DB, n int) {
	tb.Helper()
	now := involve.FormatTime(time.Now())
	err := db.Import(context.Background(), func(im *store.Importer) error {
		var s involve.Session
		for i := 0; i < n; i++ {
			if i%50 == 0 {
				s = involve.Session{SessionInput: involve.SessionInput{Title: fmt.Sprintf("Session %d", i/50), Date: "2026-11-24",
					Type: "workshop", Mode: "in_person", Status: "held", Standards: []string{}, AccessSupport: []string{},
					Purpose: "To hear what people think of the waiting room"}, Notes: "Notes of the session, about a paragraph long."}
				s.ID, s.CreatedAt, s.UpdatedAt, s.DeviceID, s.Rev = uuid.Must(uuid.NewV7()).String(), now, now, im.DeviceID(), im.NextRev()
				if err := im.PutSession(&s); err != nil {
					return err
				}
			}
			r := i % 6
			f := involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Source: "comment_card", Rating: &r, Themes: []string{},
				Text: fmt.Sprintf("Feedback number %d: the waiting room was cold and the staff were kind.", i)}}
			f.ID, f.CreatedAt, f.UpdatedAt, f.DeviceID, f.Rev = uuid.Must(uuid.NewV7()).String(), now, now, im.DeviceID(), im.NextRev()
			if err := im.PutFeedback(&f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// benchLaptop connects a database to the server as a new device.
func benchLaptop(tb testing.TB, env *servertest.Env, teamID string, db *store.DB) *syncer.Engine {
	tb.Helper()
	ctx := context.Background()
	if _, err := syncer.Connect(ctx, db, env.Server.URL, env.Code(teamID, time.Hour), nil); err != nil {
		tb.Fatal(err)
	}
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if n, err := strconv.Atoi(os.Getenv("BENCH_PUSH_BATCH")); err == nil && n > 0 {
		e.PushBatch = n // BENCH_PUSH_BATCH: pushes of n instead of the server's 1 000 (docs/benchmarks.md)
	}
	return e
}

// dataSetLaptop opens a copy of the n-item data set as it is after `involve import`
// (every record waiting in the outbox), or seeds n synthetic items when the data set
// cannot be generated.
func dataSetLaptop(tb testing.TB, n int) *store.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "involve.db")
	src, ok := benchdata.TryImportedDB(tb, n)
	if ok {
		benchdata.CopyFile(tb, src, path)
	}
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if !ok {
		tb.Log("node or the data set generator is missing: synthetic records instead of the shared data set")
		seed(tb, db, n)
	}
	return db
}

// phaseClock notes when a sync moves from push to pull (wall and CPU time; with
// PostgreSQL, its processes' CPU time is counted too).
type phaseClock struct {
	pullAt, pullCPU time.Duration
	start           time.Time
	cpuStart        time.Duration
	pg              bool
}

var benchPG bool // the server store of the running benchmark is PostgreSQL

func (c *phaseClock) cpu() time.Duration {
	if c.pg {
		return benchdata.CPUTime() + benchdata.PostgresCPU()
	}
	return benchdata.CPUTime()
}

func startClock() *phaseClock {
	c := &phaseClock{start: time.Now(), pg: benchPG}
	c.cpuStart = c.cpu()
	return c
}

func (c *phaseClock) progress(p syncer.Progress) {
	if p.Phase == syncer.PhasePull && c.pullAt == 0 {
		c.pullAt, c.pullCPU = time.Since(c.start), c.cpu()-c.cpuStart
	}
}

func (c *phaseClock) total() (wall, cpu time.Duration) {
	return time.Since(c.start), c.cpu() - c.cpuStart
}

// changeFeedback edits the text of k feedback items through the store's ordinary
// mutations (each one transaction with its outbox entry), as people would.
func changeFeedback(tb testing.TB, db *store.DB, k int) {
	tb.Helper()
	ctx := context.Background()
	ro, err := sql.Open("sqlite3", "file:"+db.Path()+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer ro.Close()
	rows, err := ro.QueryContext(ctx, "SELECT id FROM feedback WHERE deleted_at IS NULL ORDER BY pk LIMIT ?", k)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != k {
		tb.Fatalf("%d feedback items to change, want %d", len(ids), k)
	}
	for _, id := range ids {
		f, err := db.FindFeedbackByID(ctx, id)
		if err != nil {
			tb.Fatal(err)
		}
		in := f.FeedbackInput
		in.Text = strings.TrimSpace(in.Text) + " (edited)"
		if _, err := db.UpdateFeedback(ctx, id, involve.FeedbackInput{}, in); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkEngineSync is the sync of DESIGN §8 end to end: laptops (the real store and
// Engine) and the real server over loopback HTTP, in one process. Laptop A holds the
// shared data set of N feedback items (and N/50 sessions) as after `involve import`;
//
//   - push: A's sync until its last push answer (every record applied);
//   - echo: the rest of A's sync (its own records coming back in the pull);
//   - pull: a fresh laptop B pulls everything;
//   - incr-a / incr-b: after 1 % of the feedback items changed on A, A's sync (push and
//     echo) and then B's (pull).
//
// Times are wall clock (-s) and CPU time of the process, laptops and server together,
// and of PostgreSQL's processes when it is the store (-cpu-s). Targets: push and pull
// of 100 000 records ≤ 1.5 s each, incremental ≤ 0.2 s. A's first sync (push and echo)
// can be profiled alone: BENCH_PUSH_CPUPROFILE and BENCH_PUSH_TRACE name the files. The
// pull phase alone: BENCH_PULL_CPUPROFILE, BENCH_PULL_MEMPROFILE and BENCH_PULL_TRACE (an
// execution trace: where its goroutines wait) name the files. With INVOLVE_TEST_POSTGRES_URL
// set (scripts/with-postgres.sh) it also runs against PostgreSQL. Run:
//
//	go test -tags sqlite_fts5 -run '^$' -bench EngineSync -benchtime 1x ./app/syncer
func BenchmarkEngineSync(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, kind := range servertest.StoreKinds() {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/N=%d", kind, n), func(b *testing.B) {
				for range b.N {
					benchEngineSync(b, kind, n)
				}
			})
		}
	}
}

func benchEngineSync(b *testing.B, kind string, n int) {
	ctx := context.Background()
	b.StopTimer()
	benchPG = kind == "postgres"
	st, _ := servertest.OpenStore(b, kind)
	env := servertest.NewEnvOn(b, st)
	team := env.Team("Bench")
	dbA := dataSetLaptop(b, n)
	records, _, err := dbA.OutboxCounts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	dbB := storetest.Open(b)
	a, fresh := benchLaptop(b, env, team.ID, dbA), benchLaptop(b, env, team.ID, dbB)
	b.StartTimer()

	stopPushProfile := startPhaseProfile(b, "BENCH_PUSH_CPUPROFILE")
	stopPushTrace := startPhaseTrace(b, "BENCH_PUSH_TRACE")
	clock := startClock()
	sum, err := a.SyncOnce(ctx, clock.progress)
	stopPushProfile()
	stopPushTrace()
	if err != nil || sum.Push.Applied != records {
		b.Fatalf("push: %+v %v (want %d applied)", sum, err, records)
	}
	wall, cpu := clock.total()
	b.ReportMetric(clock.pullAt.Seconds(), "push-s")
	b.ReportMetric(clock.pullCPU.Seconds(), "push-cpu-s")
	b.ReportMetric((wall - clock.pullAt).Seconds(), "echo-s")
	b.ReportMetric((cpu - clock.pullCPU).Seconds(), "echo-cpu-s")

	stopProfile := startPhaseProfile(b, "BENCH_PULL_CPUPROFILE")
	stopTrace := startPhaseTrace(b, "BENCH_PULL_TRACE")
	stopHeap := startPhaseHeapProfile(b, "BENCH_PULL_MEMPROFILE")
	var mem0, mem1 runtime.MemStats
	runtime.ReadMemStats(&mem0)
	clock = startClock()
	sum, err = fresh.SyncOnce(ctx, nil)
	runtime.ReadMemStats(&mem1)
	stopHeap()
	stopProfile()
	stopTrace()
	// what the first pull allocates, laptop and server in one process (issue 17)
	b.ReportMetric(float64(mem1.TotalAlloc-mem0.TotalAlloc)/(1<<20), "pull-alloc-MiB")
	b.ReportMetric(float64(mem1.Mallocs-mem0.Mallocs), "pull-allocs")
	b.ReportMetric(float64(mem1.NumGC-mem0.NumGC), "pull-gcs")
	if err != nil || sum.Pull.Received < records || sum.Pull.Parked != 0 {
		b.Fatalf("pull: %+v %v (want %d received)", sum, err, records)
	}
	wall, cpu = clock.total()
	b.ReportMetric(wall.Seconds(), "pull-s")
	b.ReportMetric(cpu.Seconds(), "pull-cpu-s")
	b.ReportMetric(float64(records), "records")
	// B's search index of what the first pull left to the indexer, as the app's
	// housekeeping writes it after the pull (store.CatchUpSearchIndex, its chunks)
	clock = startClock()
	if _, err := dbB.CatchUpSearchIndex(ctx, 0); err != nil {
		b.Fatal(err)
	}
	wall, cpu = clock.total()
	b.ReportMetric(wall.Seconds(), "index-b-s")
	b.ReportMetric(cpu.Seconds(), "index-b-cpu-s")

	b.StopTimer()
	// the pushing and the pulling laptop's database, and their sync bases (issue 17)
	for _, l := range []struct {
		name string
		db   *store.DB
	}{{"push", dbA}, {"pull", dbB}} {
		if whole, bases, ok := dbSizes(b, l.db); ok {
			b.ReportMetric(whole/(1<<20), l.name+"-db-MiB")
			b.ReportMetric(bases/(1<<20), l.name+"-base-MiB")
		}
	}
	k := n / 100
	changeFeedback(b, dbA, k)
	b.StartTimer()
	clock = startClock()
	sum, err = a.SyncOnce(ctx, nil)
	if err != nil || sum.Push.Applied != k {
		b.Fatalf("incremental push: %+v %v (want %d applied)", sum, err, k)
	}
	wall, cpu = clock.total()
	b.ReportMetric(wall.Seconds(), "incr-a-s")
	b.ReportMetric(cpu.Seconds(), "incr-a-cpu-s")
	clock = startClock()
	sum, err = fresh.SyncOnce(ctx, nil)
	if err != nil || sum.Pull.Written != k {
		b.Fatalf("incremental pull: %+v %v (want %d written)", sum, err, k)
	}
	wall, cpu = clock.total()
	b.ReportMetric(wall.Seconds(), "incr-b-s")
	b.ReportMetric(cpu.Seconds(), "incr-b-cpu-s")
}

// dbSizes is a laptop's database size and its sync bases' (the table and its
// indexes), in bytes, as SQLite's dbstat counts pages (what is in the WAL included),
// through the sqlite3 command line (go-sqlite3 is built without dbstat); ok false
// when it is not installed.
func dbSizes(tb testing.TB, db *store.DB) (whole, bases float64, ok bool) {
	tb.Helper()
	if _, err := exec.LookPath("sqlite3"); err != nil {
		return 0, 0, false
	}
	out, err := exec.Command("sqlite3", "-readonly", db.Path(), `SELECT sum(pgsize), coalesce(sum(pgsize) FILTER (WHERE name = 'sync_base'
		OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = 'sync_base')), 0) FROM dbstat`).Output()
	if err != nil {
		tb.Fatalf("sqlite3 dbstat: %v", err)
	}
	if _, err := fmt.Sscanf(strings.TrimSpace(string(out)), "%f|%f", &whole, &bases); err != nil {
		tb.Fatalf("sqlite3 dbstat %q: %v", out, err)
	}
	return whole, bases, true
}

// startPhaseHeapProfile writes the allocation profile at the start of one phase of
// the benchmark to NAME.base and at its end to NAME, where the environment variable
// env names NAME (none when it is unset): `go tool pprof -sample_index=alloc_space
// -base NAME.base -top TEST NAME` is what the phase allocated.
func startPhaseHeapProfile(b *testing.B, env string) (stop func()) {
	name := os.Getenv(env)
	if name == "" {
		return func() {}
	}
	write := func(path string) {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	write(name + ".base")
	return func() {
		runtime.GC()
		write(name)
	}
}

// startPhaseProfile writes a CPU profile of one phase of the benchmark to the file the
// environment variable env names (none when it is unset): `go test -cpuprofile` covers
// the whole benchmark, the push and the data set's laptop included.
func startPhaseProfile(b *testing.B, env string) (stop func()) {
	return startPhaseRecord(b, env, pprof.StartCPUProfile, pprof.StopCPUProfile)
}

// startPhaseTrace writes an execution trace (runtime/trace) of one phase to the file
// env names, if set: where the pull's goroutines wait (go tool trace).
func startPhaseTrace(b *testing.B, env string) (stop func()) {
	return startPhaseRecord(b, env, trace.Start, trace.Stop)
}

// startPhaseRecord starts a recording into the file env names, if set; stop ends it
// and closes the file.
func startPhaseRecord(b *testing.B, env string, start func(io.Writer) error, end func()) (stop func()) {
	name := os.Getenv(env)
	if name == "" {
		return func() {}
	}
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if err := start(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		end()
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

package synctest_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The harness: a real server (app/server over a real store) on loopback, real
// laptops (app/sqlite files in temporary directories driven by syncer.Engine), and the
// comparisons every suite ends with.

// Environment variables of the suites (docs/sync-testing.md); the PostgreSQL database
// is servertest.PostgresEnv's (scripts/with-postgres.sh sets it).
const (
	// seedEnv replays a run: every test logs the seed it used.
	seedEnv = "INVOLVE_SYNCTEST_SEED"
	// longEnv makes the randomised suites run ten times longer.
	longEnv = "INVOLVE_SYNCTEST_LONG"
	// knownBugsEnv=fail makes the tests of known, unfixed bugs fail instead of skip.
	knownBugsEnv = "INVOLVE_SYNCTEST_KNOWN_BUGS"
)

func bg() context.Context { return context.Background() }

// seed returns the seed of a randomised test (from INVOLVE_SYNCTEST_SEED, or the
// clock) and logs it with the way to replay it.
func seed(t testing.TB) uint64 {
	t.Helper()
	s := uint64(time.Now().UnixNano())
	if v := os.Getenv(seedEnv); v != "" {
		var err error
		if s, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", seedEnv, v, err)
		}
	}
	t.Logf("seed %d (replay: %s=%d go test -tags sqlite_fts5 -run '^%s$' ./app/synctest/)", s, seedEnv, s,
		strings.Split(t.Name(), "/")[0])
	return s
}

func newRand(s uint64) *mrand.Rand { return mrand.New(mrand.NewPCG(s, s^0x9e3779b97f4a7c15)) }

// scale is how much work a randomised suite does: less with -short, ten times more
// with INVOLVE_SYNCTEST_LONG=1.
func scale(n int) int {
	switch {
	case os.Getenv(longEnv) != "":
		return n * 10
	case testing.Short():
		return max(n/3, 1)
	}
	return n
}

// strictBugs: INVOLVE_SYNCTEST_KNOWN_BUGS=fail. Then the tests of known, unfixed bugs
// fail, and the randomised workloads also make the moves that trigger them.
var strictBugs = os.Getenv(knownBugsEnv) == "fail"

// bug collects the failures of a test that shows a known bug not fixed yet. Without
// INVOLVE_SYNCTEST_KNOWN_BUGS=fail the test logs them and skips (the suite stays
// green; -v shows the bug); with it, they are errors. Once the bug is fixed the test
// passes on its own and the marker can go.
type bug struct {
	t        *testing.T
	what     string
	problems int
	fixed    bool // a regression test of a fixed bug: failures are errors
}

// fixedBug is knownBug for a bug that has been fixed: the test now guards against its
// return.
func fixedBug(t *testing.T) *bug { return &bug{t: t, fixed: true} }

func knownBug(t *testing.T, what string) *bug { return &bug{t: t, what: what} }

// Errorf reports one way the bug shows.
func (b *bug) Errorf(format string, args ...any) {
	b.t.Helper()
	b.problems++
	if strictBugs || b.fixed {
		b.t.Errorf(format, args...)
	} else {
		b.t.Logf("BUG: "+format, args...)
	}
}

// Failed reports whether the bug showed.
func (b *bug) Failed() bool { return b.problems > 0 }

// Done ends the test: skipped if the bug showed (unless strict).
func (b *bug) Done() {
	b.t.Helper()
	if b.problems > 0 && !strictBugs && !b.fixed {
		b.t.Skipf("KNOWN BUG, not fixed yet (%s=fail makes this test fail): %s", knownBugsEnv, b.what)
	}
}

// ---- server stores -----------------------------------------------------------------

var storeKinds = []string{"sqlite", "postgres"}

// replicaKinds adds "postgres-replicas": two servers, each with its own connection
// pool, over one PostgreSQL schema, behind a round-robin balancer (what several
// involve-server processes behind a load balancer are).
var replicaKinds = []string{"sqlite", "postgres", "postgres-replicas"}

// needStore skips a PostgreSQL kind when there is no database.
func needStore(t *testing.T, kind string) {
	t.Helper()
	if strings.HasPrefix(kind, "postgres") {
		servertest.PostgresURL(t)
	}
}

// eachStore runs fn as a subtest named for each kind, skipping a PostgreSQL kind
// when there is no database.
func eachStore(t *testing.T, kinds []string, fn func(t *testing.T, kind string)) {
	for _, kind := range kinds {
		t.Run(kind, func(t *testing.T) {
			needStore(t, kind)
			fn(t, kind)
		})
	}
}

// ---- the server ----------------------------------------------------------------------

// stack is one server on loopback over a store, with one team.
type stack struct {
	t     *testing.T
	kind  string
	store serverstore.Store
	api   *server.Server
	ts    *httptest.Server
	team  serverstore.Team
	path  string // the SQLite store's file ("" for PostgreSQL)
	where string // the store's file or URL (servertest.OpenStore; "" for replicas)
}

func newStack(t *testing.T, kind string, tweak ...func(*server.Config)) *stack {
	t.Helper()
	newAPI := func(st serverstore.Store) *server.Server {
		cfg := server.Config{Store: st, Version: "synctest"}
		for _, f := range tweak {
			f(&cfg)
		}
		return server.New(cfg)
	}
	var st serverstore.Store
	var api *server.Server
	var handler http.Handler
	var where string // the SQLite store's file
	if kind == "postgres-replicas" {
		u := servertest.FreshSchemaURL(t)
		var apis []*server.Server
		for range 2 {
			s, err := serverpostgres.Open(bg(), u)
			if err != nil {
				t.Fatalf("open a replica's store: %v", err)
			}
			t.Cleanup(func() { s.Close() })
			if err := s.Migrate(bg()); err != nil {
				t.Fatalf("migrate: %v", err)
			}
			apis = append(apis, newAPI(s))
			if st == nil {
				st = s
			}
		}
		api = apis[0]
		var n atomic.Int64
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			apis[n.Add(1)%2].ServeHTTP(w, r)
		})
	} else {
		st, where = servertest.OpenStore(t, kind)
		api = newAPI(st)
		handler = api
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	s := &stack{t: t, kind: kind, store: st, api: api, ts: ts, where: where}
	if kind == "sqlite" {
		s.path = where
	}
	s.team = s.newTeam("South London")
	return s
}

func (s *stack) newTeam(name string) serverstore.Team {
	s.t.Helper()
	tm := serverstore.Team{ID: uuid.Must(uuid.NewV7()).String(), Name: name + " " + uuid.NewString()[:8], CreatedAt: time.Now().UTC()}
	if err := s.store.CreateTeam(bg(), tm); err != nil {
		s.t.Fatalf("create team: %v", err)
	}
	return tm
}

// code makes a one-time enrolment code for a team, valid for an hour.
func (s *stack) code(teamID string) string {
	s.t.Helper()
	return makeCode(s.t, s.store, teamID, time.Hour)
}

// enrol makes a laptop and connects it to the server with a code of the stack's team.
func (s *stack) enrol(t testing.TB, name string) *device {
	t.Helper()
	return newDevice(t, name, s.ts.URL, s.code(s.team.ID))
}

// codeFor makes a one-time code of a team bound to one device id, as involve-server
// device reenrol does: the only code that connects an enrolled laptop again.
func (s *stack) codeFor(teamID string, d *device) string {
	s.t.Helper()
	return makeCode(s.t, s.store, teamID, time.Hour, d.db.DeviceID())
}

// codeAs makes a one-time code of a team for a role, as involve-server enrol --role
// does.
func (s *stack) codeAs(teamID, role string) string {
	s.t.Helper()
	return makeRoleCode(s.t, s.store, teamID, role, time.Hour)
}

// setRole changes a laptop's role on the server, with the store call involve-server
// device set-role makes; it applies from the laptop's next request.
func (s *stack) setRole(d *device, role string) {
	s.t.Helper()
	if _, err := s.store.SetDeviceRole(bg(), d.db.DeviceID(), role); err != nil {
		s.t.Fatalf("set %s's role to %s: %v", d.name, role, err)
	}
}

func makeCode(t testing.TB, st serverstore.Store, teamID string, ttl time.Duration, forDevice ...string) string {
	t.Helper()
	return makeRoleCode(t, st, teamID, involve.RoleNameStaff, ttl, forDevice...)
}

func makeRoleCode(t testing.TB, st serverstore.Store, teamID, role string, ttl time.Duration, forDevice ...string) string {
	t.Helper()
	code := server.NewEnrolmentCode()
	now := time.Now().UTC()
	e := serverstore.Enrolment{CodeHash: server.HashCode(code), TeamID: teamID, CreatedAt: now, ExpiresAt: now.Add(ttl), Role: role}
	if len(forDevice) > 0 {
		e.ForDevice = forDevice[0]
	}
	if err := st.CreateEnrolment(bg(), e); err != nil {
		t.Fatalf("create enrolment: %v", err)
	}
	return code
}

// ---- laptops -------------------------------------------------------------------------

// device is one laptop: its own database file and sync engine.
type device struct {
	t    testing.TB
	name string
	dir  string
	db   *store.DB
	eng  *syncer.Engine
	hc   *http.Client

	closed bool
}

// httpClient is a laptop's HTTP client for tests: the engine's defaults with a
// shorter overall limit (a request the proxy holds never holds a test for minutes).
func httpClient() *http.Client {
	hc := syncer.DefaultHTTPClient()
	hc.Timeout = 30 * time.Second
	return hc
}

// openDevice opens (creating) a laptop's database in dir, with a passphrase set (a
// laptop holds no partner without one).
func openDevice(t testing.TB, name, dir string) *device {
	t.Helper()
	d := openDeviceNoPassphrase(t, name, dir)
	if has, err := d.db.HasPassphrase(bg()); err != nil {
		t.Fatal(err)
	} else if !has {
		storetest.SetPassphrase(t, d.db)
	} else {
		// opened again (the command line's view of a laptop): locked until unlocked
		k, err := d.db.UnwrapLockKey(bg(), storetest.Passphrase)
		if err != nil {
			t.Fatal(err)
		}
		defer lockbox.Wipe(k)
		if err := d.db.Unlock(bg(), k); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// openDeviceNoPassphrase is openDevice without setting a passphrase.
func openDeviceNoPassphrase(t testing.TB, name, dir string) *device {
	t.Helper()
	db, err := store.Open(bg(), filepath.Join(dir, "involve.db"), store.Options{NoBackupBeforeMigrate: true})
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	d := &device{t: t, name: name, dir: dir, db: db, hc: httpClient()}
	t.Cleanup(func() {
		if !d.closed {
			db.Close()
		}
	})
	if db.UserName() == "" {
		if err := db.SetUserName(bg(), name); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// newDevice makes a laptop and connects it to the server at serverURL with code.
func newDevice(t testing.TB, name, serverURL, code string) *device {
	t.Helper()
	d := openDevice(t, name, t.TempDir())
	if _, err := syncer.Connect(bg(), d.db, serverURL, code, d.hc); err != nil {
		t.Fatalf("connect %s: %v", name, err)
	}
	d.fetchTeamKey()
	d.engine()
	return d
}

// engine (re)makes the engine from the stored connection.
func (d *device) engine() *syncer.Engine {
	d.t.Helper()
	e, err := syncer.FromSettings(bg(), d.db, d.hc)
	if err != nil {
		d.t.Fatalf("%s: engine: %v", d.name, err)
	}
	if d.eng != nil {
		e.PushBatch, e.PullLimit = d.eng.PushBatch, d.eng.PullLimit
	}
	d.eng = e
	return e
}

// close closes the database (a laptop switched off).
func (d *device) close() {
	d.t.Helper()
	d.closed = true
	if err := d.db.Close(); err != nil {
		d.t.Errorf("%s: close: %v", d.name, err)
	}
}

func (d *device) sync() (syncer.Summary, error) { return d.eng.SyncOnce(bg(), nil) }

func (d *device) mustSync() syncer.Summary {
	d.t.Helper()
	sum, err := d.sync()
	if err != nil {
		d.t.Fatalf("%s: sync: %v", d.name, err)
	}
	return sum
}

// syncUntilOK syncs again and again (as the background loop would, without its
// backoff) until a sync succeeds; it returns how many failed.
func (d *device) syncUntilOK(limit int) int {
	d.t.Helper()
	var last error
	for i := 0; i < limit; i++ {
		if _, err := d.sync(); err == nil {
			return i
		} else {
			if !syncer.Retryable(err) {
				d.t.Fatalf("%s: sync failed with a permanent error: %v", d.name, err)
			}
			last = err
		}
	}
	d.t.Fatalf("%s: no sync succeeded in %d attempts; last error: %v", d.name, limit, last)
	return limit
}

func (d *device) counts() (pending, rejected, conflicts int) {
	d.t.Helper()
	p, r, c, err := d.db.SyncCounts(bg())
	if err != nil {
		d.t.Fatal(err)
	}
	return p, r, c
}

// pending returns the outbox entries waiting to be pushed, by change id; an entry
// without one yet (an import's light entry, given its change id when it is first taken
// to be pushed) by lightKey.
func (d *device) pending() map[string]syncer.OutboxEntry {
	d.t.Helper()
	list, err := d.db.PendingChanges(bg(), 1<<30)
	if err != nil {
		d.t.Fatal(err)
	}
	m := make(map[string]syncer.OutboxEntry, len(list))
	for _, e := range list {
		if e.ChangeID == "" {
			m[d.lightKey(e.Seq)] = e
		} else {
			m[e.ChangeID] = e
		}
	}
	return m
}

// lightKey names an entry of d that has no change id yet by its position, which such
// an entry keeps (only time entries' and translations' changes move, and they always
// have change ids), unique among the devices.
func (d *device) lightKey(seq int64) string { return fmt.Sprintf("%s/seq:%d", d.name, seq) }

// stillWaiting says whether the entry that pending listed as id (in before) is still in
// after: by its change id, or, if it had none in before, by its position (it may have
// been given one since, taken to be pushed but not answered).
func stillWaiting(before syncer.OutboxEntry, id string, after map[string]syncer.OutboxEntry) bool {
	if _, ok := after[id]; ok {
		return true
	}
	if before.ChangeID != "" {
		return false
	}
	for _, e := range after {
		if e.Seq == before.Seq {
			return true
		}
	}
	return false
}

// ---- datasets ----------------------------------------------------------------------

// derived fields are computed by each store when read, not synced data.
var derived = []string{"projectName", "feedbackCount", "sessionCount", "usage"}

// canon is a record's state in a canonical form for comparison: decoded as its domain
// type (so null, absent and empty slices read alike), without derived fields and
// without empty values, keys sorted.
func canon(entity string, state []byte) (string, error) {
	rec, err := involve.NewRecord(entity)
	if err != nil {
		return "", err
	}
	if err := json.Unmarshal(state, rec); err != nil {
		return "", fmt.Errorf("%s state %s: %w", entity, state, err)
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return "", err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return "", err
	}
	for _, k := range derived {
		delete(m, k)
	}
	for k, v := range m {
		switch string(v) {
		case "null", `""`, "[]":
			delete(m, k)
		}
	}
	out, err := json.Marshal(m) // map keys come out sorted
	return string(out), err
}

// dataset is every record, canonical, by "entity id".
type dataset map[string]string

func key(entity, id string) string { return entity + " " + id }

// isSeed reports whether a canonical state is an untouched starter theme: every laptop
// has those from its first start, and the server has them only once someone edits one.
func isSeed(entity, state string) bool {
	return entity == involve.EntityTheme && strings.Contains(state, `"rev":1,`) && !strings.Contains(state, `"teamId"`)
}

// data reads every record of a laptop (conflicts included; deleted records too).
func (d *device) data() dataset {
	d.t.Helper()
	out := dataset{}
	err := d.db.Export(bg(), func(entity string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		var m struct {
			ID string `json:"id"`
		}
		json.Unmarshal(b, &m)
		c, err := canon(entity, b)
		out[key(entity, m.ID)] = c
		return err
	})
	if err != nil {
		d.t.Fatalf("%s: export: %v", d.name, err)
	}
	conflicts, err := d.db.FindConflicts(bg())
	if err != nil {
		d.t.Fatalf("%s: conflicts: %v", d.name, err)
	}
	for _, c := range conflicts {
		b, _ := json.Marshal(c.Conflict)
		s, err := canon(involve.EntityConflict, b)
		if err != nil {
			d.t.Fatal(err)
		}
		out[key(involve.EntityConflict, c.ID)] = s
	}
	return out
}

// serverData reads every record of a team from the store, each sealed value checked
// sealed and opened with the team's key (openServerState).
func serverData(t testing.TB, st serverstore.Store, teamID string) dataset {
	t.Helper()
	out := dataset{}
	k := teamKeyOf(teamID)
	err := st.Records(bg(), teamID, func(r serverstore.Record) error {
		state, err := openServerState(k, r.Entity, r.ID, r.State)
		if err != nil {
			return err
		}
		c, err := canon(r.Entity, state)
		out[key(r.Entity, r.ID)] = c
		return err
	})
	if err != nil {
		t.Fatalf("server records: %v", err)
	}
	return out
}

// diff lists the differences between two datasets (at most max lines).
func diff(aName string, a dataset, bName string, b dataset, skipSeedsOnlyIn string, maxLines int) []string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var out []string
	for _, k := range sorted {
		va, oka := a[k]
		vb, okb := b[k]
		entity, _, _ := strings.Cut(k, " ")
		switch {
		case oka && okb && va == vb:
			continue
		case oka && !okb && skipSeedsOnlyIn == aName && isSeed(entity, va):
			continue
		case okb && !oka && skipSeedsOnlyIn == bName && isSeed(entity, vb):
			continue
		case !oka:
			out = append(out, fmt.Sprintf("%s: only on %s: %s", k, bName, vb))
		case !okb:
			out = append(out, fmt.Sprintf("%s: only on %s: %s", k, aName, va))
		default:
			out = append(out, fmt.Sprintf("%s differs:\n    %s: %s\n    %s: %s", k, aName, va, bName, vb))
		}
		if len(out) >= maxLines {
			out = append(out, "…")
			break
		}
	}
	return out
}

// settle syncs every laptop, round after round, until a whole round moves nothing
// (and at least two rounds ran), then checks that every laptop holds exactly the
// server's data, with nothing waiting, nothing rejected and nothing parked.
func settle(t *testing.T, st serverstore.Store, teamID string, devs ...*device) dataset {
	t.Helper()
	quiet := 0
	for round := 1; quiet < 2; round++ {
		if round > 12 {
			t.Fatalf("still not quiet after %d rounds of syncing every laptop", round-1)
		}
		moved := false
		for _, d := range devs {
			sum := d.mustSync()
			if sum.Pushed > 0 || sum.Pull.Written > 0 || sum.Push.Accepted() > 0 {
				moved = true
			}
		}
		if moved {
			quiet = 0
		} else {
			quiet++
		}
	}
	want := serverData(t, st, teamID)
	checkLaptopKeys(t, teamID, devs...)
	for _, d := range devs {
		p, r, _ := d.counts()
		if p != 0 {
			t.Errorf("%s: %d changes still waiting after syncing until quiet", d.name, p)
		}
		if r != 0 {
			list, _ := d.db.FindRejectedChanges(bg())
			for i, rc := range list {
				if i < 5 {
					t.Errorf("%s: rejected %s %s: %s", d.name, rc.Entity, rc.RecordID, rc.Reason)
				}
			}
			t.Errorf("%s: %d changes rejected (the workload makes only valid ones)", d.name, r)
		}
		if n, err := d.db.ParkedCount(bg()); err != nil || n != 0 {
			t.Errorf("%s: %d pulled records parked (waiting for their session or project), %v", d.name, n, err)
		}
		if lines := diff("server", want, d.name, d.data(), d.name, 20); len(lines) > 0 {
			t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
		}
	}
	// Laptops agree with each other, starter themes included.
	first := devs[0].data()
	for _, d := range devs[1:] {
		if lines := diff(devs[0].name, first, d.name, d.data(), "", 10); len(lines) > 0 {
			t.Errorf("%s and %s differ:\n  %s", devs[0].name, d.name, strings.Join(lines, "\n  "))
		}
	}
	return want
}

// records decodes a dataset's records of one entity into maps of fields.
func (ds dataset) fields(k string) map[string]json.RawMessage {
	v, ok := ds[k]
	if !ok {
		return nil
	}
	m := map[string]json.RawMessage{}
	json.Unmarshal([]byte(v), &m)
	return m
}

// conflicts returns the dataset's conflict records.
func (ds dataset) conflicts() []involve.Conflict {
	var out []involve.Conflict
	for k, v := range ds {
		if strings.HasPrefix(k, involve.EntityConflict+" ") {
			var c involve.Conflict
			json.Unmarshal([]byte(v), &c)
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// jsonEq compares JSON values (absent = null).
func jsonEq(a, b json.RawMessage) bool {
	ca, cb := bytes.TrimSpace(a), bytes.TrimSpace(b)
	if len(ca) == 0 {
		ca = []byte("null")
	}
	if len(cb) == 0 {
		cb = []byte("null")
	}
	return syncapi.Equal(ca, cb)
}

// dumpEnv=1 makes a test that finds lost edits print the server's revision history
// of those records (SQLite server only): every revision with its device, change id and
// the answer the device got.
const dumpEnv = "INVOLVE_SYNCTEST_DUMP"

// dumpLost prints the server's history of the records named (see dumpEnv).
func (s *stack) dumpLost(t *testing.T, ids []string, devs ...*device) {
	t.Helper()
	if len(ids) == 0 {
		return
	}
	if os.Getenv(dumpEnv) == "" || s.path == "" {
		t.Logf("(%s=1 prints the server's history of these records; SQLite server only)", dumpEnv)
		return
	}
	names := map[string]string{}
	for _, d := range devs {
		names[d.db.DeviceID()] = d.name
	}
	db, err := sql.Open("sqlite3", "file:"+s.path+"?mode=ro")
	if err != nil {
		t.Log(err)
		return
	}
	defer db.Close()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		rows, err := db.Query(`SELECT r.pk, r.rev, r.device_id, r.change_id, r.state, coalesce(c.result, '')
			FROM revisions r LEFT JOIN change_results c ON c.change_id = r.change_id AND c.team_id = r.team_id
			WHERE r.record_id = ? ORDER BY r.pk`, id)
		if err != nil {
			t.Log(err)
			return
		}
		var lines []string
		for rows.Next() {
			var pk, rev int64
			var dev, change, state, result string
			if err := rows.Scan(&pk, &rev, &dev, &change, &state, &result); err != nil {
				t.Log(err)
				break
			}
			var res syncapi.Result
			json.Unmarshal([]byte(result), &res)
			who := names[dev]
			if who == "" {
				who = dev
			}
			lines = append(lines, fmt.Sprintf("rev %d by %s, change %s (%s → rev %d): %s", rev, who, change, res.Status, res.Rev, state))
		}
		rows.Close()
		t.Logf("server history of %s:\n  %s", id, strings.Join(lines, "\n  "))
	}
}

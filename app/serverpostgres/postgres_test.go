package serverpostgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The test database: scripts/with-postgres.sh starts a throwaway server and sets
// servertest.PostgresEnv; every test works in a schema of its own inside it.
var (
	BaseURL        = servertest.PostgresURL    // skips the test when there is none
	FreshSchemaURL = servertest.FreshSchemaURL // an empty schema, dropped when the test ends
)

func ctx() context.Context { return context.Background() }

var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// withParam adds a connection parameter to a postgres:// URL or a key=value DSN.
func withParam(tb testing.TB, base, key, value string) string {
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " " + key + "=" + value
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", servertest.PostgresEnv, err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// MustOpen opens a migrated store on u; it is closed when the test ends.
func MustOpen(tb testing.TB, u string) serverstore.Store {
	tb.Helper()
	s, err := serverpostgres.Open(ctx(), u)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	BaseURL(t)
	serverstoretest.Run(t, func(t *testing.T) serverstore.Store {
		s, err := serverpostgres.Open(ctx(), FreshSchemaURL(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func mustTeam(t *testing.T, s serverstore.Store, id string) {
	t.Helper()
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: id, Name: "Team " + id, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
}

// TestStateBytesRoundTrip: states, revisions and change results come back byte for
// byte (key order, white space, escapes, number spelling): devices compare exports.
func TestStateBytesRoundTrip(t *testing.T) {
	s := MustOpen(t, FreshSchemaURL(t))
	mustTeam(t, s, "team-1")
	states := []string{
		`{"zeta":1,"alpha":2,"id":"r0"}`,
		"{ \"id\" : \"r1\",\n\t\"text\": \"caf\\u00e9 — “quoted” \\\"x\\\" \\n\", \"n\": 1.50, \"big\": 12345678901234567890 }",
		`{"id":"r2","dup":1,"dup":2,"nested":{"b":[3, 2,1],"a":null},"emoji":"😀","deletedAt":null}`,
	}
	err := s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		for i, st := range states {
			id := fmt.Sprintf("r%d", i)
			r := serverstore.Record{TeamID: "team-1", Entity: "feedback", ID: id, Rev: 1, State: json.RawMessage(st), DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: "team-1", Entity: "feedback", RecordID: id, Rev: 1,
				State: json.RawMessage(st), DeviceID: "d", ChangeID: "c" + id, CreatedAt: t0}); err != nil {
				return err
			}
			if err := tx.SaveChangeResult(ctx(), "team-1", "d", "c"+id, json.RawMessage(st)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Pull(ctx(), "team-1", 0, 100)
	if err != nil || len(got) != len(states) {
		t.Fatalf("Pull = %d records, %v", len(got), err)
	}
	for i, r := range got {
		if !bytes.Equal(r.State, []byte(states[i])) {
			t.Errorf("record state\n got %s\nwant %s", r.State, states[i])
		}
	}
	s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		for i, st := range states {
			id := fmt.Sprintf("r%d", i)
			rev, found, err := tx.GetRevision(ctx(), "team-1", id, 1)
			if err != nil || !found || !bytes.Equal(rev.State, []byte(st)) {
				t.Errorf("revision state = %s, %v, %v; want %s", rev.State, found, err, st)
			}
			rec, found, err := tx.GetRecord(ctx(), "team-1", id)
			if err != nil || !found || !bytes.Equal(rec.State, []byte(st)) {
				t.Errorf("GetRecord state = %s, %v, %v; want %s", rec.State, found, err, st)
			}
			res, found, err := tx.ChangeResult(ctx(), "c"+id, "")
			if err != nil || !found || !bytes.Equal(res, []byte(st)) {
				t.Errorf("change result = %s, %v, %v; want %s", res, found, err, st)
			}
		}
		return nil
	})
}

// failAfterGoodRecord opens a fresh store with team-1 and runs, in one transaction of
// the team, the storing of a good record r1 and then fail (which should make the
// transaction fail): the store and the transaction's error.
func failAfterGoodRecord(t *testing.T, fail func(tx serverstore.Tx) error) (serverstore.Store, error) {
	s := MustOpen(t, FreshSchemaURL(t))
	mustTeam(t, s, "team-1")
	err := s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: "team-1", Entity: "theme", ID: "r1", Rev: 1, State: json.RawMessage(`{"id":"r1"}`), DeviceID: "d", UpdatedAt: t0}
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		return fail(tx)
	})
	return s, err
}

// TestInvalidJSONRefused: the json column still refuses text that is not JSON, and the
// whole transaction goes with it.
func TestInvalidJSONRefused(t *testing.T) {
	s, err := failAfterGoodRecord(t, func(tx serverstore.Tx) error {
		bad := serverstore.Record{TeamID: "team-1", Entity: "theme", ID: "r2", Rev: 1, State: json.RawMessage(`{"id":`), DeviceID: "d", UpdatedAt: t0}
		return tx.PutRecord(ctx(), &bad)
	})
	if err == nil {
		t.Fatal("storing a state that is not JSON: no error")
	}
	if got, _ := s.Pull(ctx(), "team-1", 0, 10); len(got) != 0 {
		t.Errorf("after the failed transaction Pull = %d records, want 0", len(got))
	}
}

// TestQueuedWriteErrorRollsBack: a write that is sent later (pipelined) still fails
// the transaction, and nothing of it stays.
func TestQueuedWriteErrorRollsBack(t *testing.T) {
	s, err := failAfterGoodRecord(t, func(tx serverstore.Tx) error {
		if err := tx.SaveChangeResult(ctx(), "team-1", "d", "c1", json.RawMessage(`{}`)); err != nil {
			return err
		}
		// The same change id twice: the primary key refuses it.
		return tx.SaveChangeResult(ctx(), "team-1", "d", "c1", json.RawMessage(`{}`))
	})
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "23505" {
		t.Fatalf("InTeamTx error = %v, want a unique violation", err)
	}
	if got, _ := s.Pull(ctx(), "team-1", 0, 10); len(got) != 0 {
		t.Errorf("after the failed transaction Pull = %d records, want 0", len(got))
	}
	// The sequence was not advanced by the rolled-back transaction.
	var seq int64
	s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: "team-1", Entity: "theme", ID: "r2", Rev: 1, State: json.RawMessage(`{"id":"r2"}`), DeviceID: "d", UpdatedAt: t0}
		err := tx.PutRecord(ctx(), &r)
		seq = r.Seq
		return err
	})
	if seq != 1 {
		t.Errorf("first committed seq = %d, want 1", seq)
	}
}

// TestPutRecordUnknownTeam: a push for a team that does not exist fails clearly.
func TestPutRecordUnknownTeam(t *testing.T) {
	s := MustOpen(t, FreshSchemaURL(t))
	err := s.InTeamTx(ctx(), "nobody", func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: "nobody", Entity: "theme", ID: "r1", Rev: 1, State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: t0}
		return tx.PutRecord(ctx(), &r)
	})
	if !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("PutRecord for an unknown team: error = %v, want ErrNotFound", err)
	}
}

// TestRetrySerializationFailure: when PostgreSQL asks for a retry (40001, 40P01) the
// whole transaction runs again; other errors are returned at once.
func TestRetrySerializationFailure(t *testing.T) {
	s := MustOpen(t, FreshSchemaURL(t))
	mustTeam(t, s, "team-1")
	calls := 0
	err := s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		calls++
		r := serverstore.Record{TeamID: "team-1", Entity: "theme", ID: fmt.Sprintf("r%d", calls), Rev: 1, State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: t0}
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		switch calls {
		case 1:
			return fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "40001", Message: "could not serialize access"})
		case 2:
			return &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("InTeamTx = %v after %d calls, want success on the 3rd", err, calls)
	}
	got, _ := s.Pull(ctx(), "team-1", 0, 10)
	if len(got) != 1 || got[0].ID != "r3" || got[0].Seq != 1 {
		t.Errorf("Pull = %+v, want only the 3rd attempt's record, at seq 1", got)
	}

	calls = 0
	err = s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		calls++
		return &pgconn.PgError{Code: "40001"}
	})
	if err == nil || calls != 4 {
		t.Errorf("always failing: %v after %d calls, want an error after 4", err, calls)
	}
	calls = 0
	s.InTeamTx(ctx(), "team-1", func(tx serverstore.Tx) error {
		calls++
		return &pgconn.PgError{Code: "23505"}
	})
	if calls != 1 {
		t.Errorf("a unique violation was retried (%d calls)", calls)
	}
}

// TestMigrateConcurrently: several server processes starting at once on an empty
// database migrate it exactly once.
func TestMigrateConcurrently(t *testing.T) {
	u := FreshSchemaURL(t)
	const n = 4
	stores := make([]serverstore.Store, n)
	for i := range stores {
		s, err := serverpostgres.Open(ctx(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Migrate(ctx())
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Migrate in process %d: %v", i, err)
		}
	}
	for _, s := range stores {
		if err := s.Ping(ctx()); err != nil {
			t.Errorf("Ping: %v", err)
		}
	}
	conn, err := pgx.Connect(ctx(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx())
	var rows, max int
	if err := conn.QueryRow(ctx(), "SELECT count(*), max(version) FROM schema_migrations").Scan(&rows, &max); err != nil {
		t.Fatal(err)
	}
	if rows != serverpostgres.LatestVersion() || max != serverpostgres.LatestVersion() {
		t.Errorf("schema_migrations: %d rows, max %d; want %d", rows, max, serverpostgres.LatestVersion())
	}
}

// TestPingBeforeMigrate: /readyz says no until the schema is there.
func TestPingBeforeMigrate(t *testing.T) {
	s, err := serverpostgres.Open(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(ctx()); err == nil {
		t.Error("Ping on an empty database: no error")
	}
}

// TestOpenErrors: a URL that is wrong or a server that is not there gives a clear
// error that does not repeat the password.
func TestOpenErrors(t *testing.T) {
	for _, u := range []string{
		"postgres://involve:s3cret-pw@127.0.0.1:1/involve?sslmode=disable&connect_timeout=2",
		"postgres://involve:s3cret-pw@127.0.0.1:notaport/involve",
	} {
		s, err := serverpostgres.Open(ctx(), u)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s): no error", u)
			continue
		}
		if strings.Contains(err.Error(), "s3cret-pw") {
			t.Errorf("Open error shows the password: %v", err)
		}
	}
}

// TestTeamNamesIgnoreCase: like the SQLite store, names are unique and found ignoring case.
func TestTeamNamesIgnoreCase(t *testing.T) {
	s := MustOpen(t, FreshSchemaURL(t))
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "a", Name: "South London", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "b", Name: "SOUTH LONDON", CreatedAt: t0}); err == nil {
		t.Error("a name that differs only in case was accepted")
	}
	if tm, err := s.FindTeam(ctx(), "south london"); err != nil || tm.ID != "a" {
		t.Errorf("FindTeam(lower case) = %+v, %v", tm, err)
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "c", Name: "a", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	// An id match wins over a name match.
	if tm, err := s.FindTeam(ctx(), "a"); err != nil || tm.ID != "a" {
		t.Errorf("FindTeam(a) = %+v, %v; want the team whose id is a", tm, err)
	}
}

// TestEnrolRace: one code, two processes enrolling with it at once: exactly one wins.
func TestEnrolRace(t *testing.T) {
	u := FreshSchemaURL(t)
	s1, s2 := MustOpen(t, u), MustOpen(t, u)
	mustTeam(t, s1, "team-1")
	for round := 0; round < 10; round++ {
		code := fmt.Sprintf("code-%d", round)
		if err := s1.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: "team-1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: "staff"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, s := range []serverstore.Store{s1, s2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := serverstore.Device{ID: fmt.Sprintf("dev-%d-%d", round, i), Name: "x", TokenHash: fmt.Sprintf("tok-%d-%d", round, i)}
				_, errs[i] = s.Enrol(ctx(), code, t0.Add(time.Minute), d)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if !errors.Is(err, serverstore.ErrEnrolment) {
				t.Errorf("round %d: Enrol error %v, want ErrEnrolment", round, err)
			}
		}
		if ok != 1 {
			t.Errorf("round %d: %d enrolments with one code, want 1", round, ok)
		}
	}
	devs, _ := s1.ListDevices(ctx(), "team-1")
	if len(devs) != 10 {
		t.Errorf("%d devices, want 10", len(devs))
	}
}

// TestEnrolSameIDRace: two processes enrolling the same new device id with two codes
// at once: exactly one wins, the other gets ErrDeviceExists (the devices primary key,
// not an internal error), and its code stays unused.
func TestEnrolSameIDRace(t *testing.T) {
	u := FreshSchemaURL(t)
	s1, s2 := MustOpen(t, u), MustOpen(t, u)
	mustTeam(t, s1, "team-1")
	for round := 0; round < 10; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, s := range []serverstore.Store{s1, s2} {
			code := fmt.Sprintf("code-%d-%d", round, i)
			if err := s1.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: "team-1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: "staff"}); err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := serverstore.Device{ID: fmt.Sprintf("dev-%d", round), Name: "x", TokenHash: fmt.Sprintf("tok-%d-%d", round, i)}
				_, errs[i] = s.Enrol(ctx(), code, t0.Add(time.Minute), d)
			}()
		}
		wg.Wait()
		ok := 0
		for i, err := range errs {
			if err == nil {
				ok++
				continue
			}
			if !errors.Is(err, serverstore.ErrDeviceExists) {
				t.Errorf("round %d: Enrol error %v, want ErrDeviceExists", round, err)
			}
			fresh := serverstore.Device{ID: fmt.Sprintf("other-%d", round), Name: "y", TokenHash: fmt.Sprintf("tok-other-%d", round)}
			if _, err := s1.Enrol(ctx(), fmt.Sprintf("code-%d-%d", round, i), t0.Add(time.Minute), fresh); err != nil {
				t.Errorf("round %d: the loser's code afterwards: %v", round, err)
			}
		}
		if ok != 1 {
			t.Errorf("round %d: %d enrolments of one id, want 1", round, ok)
		}
	}
}

func TestUsageBackfill(t *testing.T) {
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.UsageBackfill(t, s, func(n int) error { return s.MigrateTo(ctx(), n) },
		func(q string) error { return s.Exec(ctx(), q) })
}

func TestRolesBackfill(t *testing.T) {
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.RolesBackfill(t, s, func(n int) error { return s.MigrateTo(ctx(), n) },
		func(q string) error { return s.Exec(ctx(), q) })
}

func TestAuditTamper(t *testing.T) {
	BaseURL(t)
	serverstoretest.RunAuditTamper(t, serverstoretest.Tamper{
		Open: func(t *testing.T) (serverstore.Store, func(string) error) {
			u := FreshSchemaURL(t)
			s, err := serverpostgres.Open(ctx(), u)
			if err != nil {
				t.Fatal(err)
			}
			conn, err := pgx.Connect(ctx(), u)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { conn.Close(ctx()) })
			return s, func(q string) error { _, err := conn.Exec(ctx(), q); return err }
		},
		// The pk is an identity column: DEFAULT gives the row the next value.
		MoveToEnd: "UPDATE audit SET pk = DEFAULT WHERE seq = 2",
	})
}

// TestSharedFirstState: a new record's first revision is not written to revisions, its
// record's row stands for it (migration 0010), and every reader is right.
func TestSharedFirstState(t *testing.T) {
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.SharedFirstState(t, s, func(teamID string) int {
		n, err := s.QueryInt(ctx(), "SELECT count(*)::int FROM revisions WHERE team_id = $1", teamID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	})
}

// TestRowKeptResults: a new record's applied result is kept by its row, not stored
// (migration 0012), and every reader is right.
func TestRowKeptResults(t *testing.T) {
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serverstoretest.RowKeptResults(t, s, true, func(teamID string) int {
		n, err := s.QueryInt(ctx(), "SELECT count(*)::int FROM change_results WHERE team_id = $1", teamID)
		if err != nil {
			t.Fatal(err)
		}
		return n
	})
}

// TestRowKeptResultsOnlyTheirOwn: a new record's row stands only for the result that
// its own change saved as serverstore.AppliedResult of the row's revision, by the
// device the row names; any other result of a new record is stored, and every result
// is given back as saved.
func TestRowKeptResultsOnlyTheirOwn(t *testing.T) {
	s, err := serverpostgres.OpenStore(ctx(), FreshSchemaURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx()); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "team-a", Name: "A", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id, device, resultDevice string
		resultRev                int64
		kept                     bool
	}{
		{"r-own", "d1", "d1", 1, true},
		{"r-other-device", "d1", "d2", 1, false}, // saved by another device than the row's
		{"r-other-rev", "d1", "d1", 2, false},    // another revision's bytes
	}
	cid := func(id string) string { return "0190c0de-0000-7000-8000-" + fmt.Sprintf("%012d", len(id)*7+int(id[2])) }
	err = s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error {
		for _, c := range cases {
			if _, _, err := tx.GetRecord(ctx(), "team-a", c.id); err != nil {
				return err
			}
			r := serverstore.Record{TeamID: "team-a", Entity: "feedback", ID: c.id, Rev: 1, State: json.RawMessage(`{"id":"` + c.id + `"}`), DeviceID: c.device, UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: "team-a", Entity: "feedback", RecordID: c.id, Rev: 1,
				State: r.State, DeviceID: c.device, ChangeID: cid(c.id), CreatedAt: t0}); err != nil {
				return err
			}
			if err := tx.SaveChangeResult(ctx(), "team-a", c.resultDevice, cid(c.id), serverstore.AppliedResult(cid(c.id), c.resultRev)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		n, err := s.QueryInt(ctx(), "SELECT count(*)::int FROM change_results WHERE change_id = $1", cid(c.id))
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 0, false: 1}[c.kept]; n != want {
			t.Errorf("%s: %d change results stored, want %d", c.id, n, want)
		}
	}
	err = s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error {
		for _, c := range cases {
			got, found, err := tx.ChangeResult(ctx(), cid(c.id), c.id)
			if want := serverstore.AppliedResult(cid(c.id), c.resultRev); err != nil || !found || string(got) != string(want) {
				t.Errorf("%s: ChangeResult = %s, %v, %v; want %s", c.id, got, found, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

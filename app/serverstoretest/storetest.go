// Package serverstoretest is the conformance suite of serverstore.Store: every store
// (app/serversqlite, app/serverpostgres) runs the same tests, so the server behaves the
// same whichever database it sits on. Call Run from the store's own test with a
// function that opens a fresh, migrated, empty store; BenchPushPath is the stores'
// shared benchmark.
package serverstoretest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// Open opens a fresh, empty store (Migrate already called or not: the suite calls it
// again, which must be harmless). The suite closes it.
type Open func(t *testing.T) serverstore.Store

// Run runs the whole suite.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s serverstore.Store)
	}{
		{"MigrateTwiceAndPing", testMigrate},
		{"Teams", testTeams},
		{"EnrolOnce", testEnrolOnce},
		{"EnrolExpired", testEnrolExpired},
		{"EnrolUnknown", testEnrolUnknown},
		{"ReEnrolSameTeam", testReEnrolSameTeam},
		{"ReEnrolOtherTeam", testReEnrolOtherTeam},
		{"DeviceByTokenHash", testDeviceByTokenHash},
		{"TouchDevice", testTouchDevice},
		{"ListDevicesByTeam", testListDevices},
		{"RevokeDevice", testRevokeDevice},
		{"SeqMonotonicPerTeam", testSeqMonotonic},
		{"RecordUpdateMovesSeq", testRecordUpdate},
		{"TeamIsolation", testTeamIsolation},
		{"InTeamTxRollsBackOnError", testRollbackError},
		{"InTeamTxRollsBackOnPanic", testRollbackPanic},
		{"InTeamTxConcurrent", testConcurrent},
		{"PullPaging", testPullPaging},
		{"ChangeResults", testChangeResults},
		{"Revisions", testRevisions},
		{"Audit", testAudit},
		{"Records", testRecords},
		{"RecordsAfter", testRecordsAfter},
		{"Prefetch", testPrefetch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			if err := s.Migrate(context.Background()); err != nil {
				t.Fatalf("Migrate: %v", err)
			}
			tc.fn(t, s)
		})
	}
}

// t0 is the suite's clock: whole milliseconds, so every database keeps it exactly.
var t0 = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func ctx() context.Context { return context.Background() }

// mustTeam creates a team.
func mustTeam(t *testing.T, s serverstore.Store, id, name string) serverstore.Team {
	t.Helper()
	tm := serverstore.Team{ID: id, Name: name, CreatedAt: t0}
	if err := s.CreateTeam(ctx(), tm); err != nil {
		t.Fatalf("CreateTeam(%s): %v", name, err)
	}
	return tm
}

// mustDevice enrols a device in a team with a fresh code and returns it.
func mustDevice(t *testing.T, s serverstore.Store, teamID, deviceID, tokenHash string) serverstore.Device {
	t.Helper()
	code := "code-" + deviceID + "-" + tokenHash
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: teamID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
		t.Fatalf("CreateEnrolment: %v", err)
	}
	d := serverstore.Device{ID: deviceID, Name: "laptop " + deviceID, UserName: "Amira", TokenHash: tokenHash, EnrolledAt: t0}
	if _, err := s.Enrol(ctx(), code, t0.Add(time.Minute), d); err != nil {
		t.Fatalf("Enrol(%s): %v", deviceID, err)
	}
	got, err := s.DeviceByTokenHash(ctx(), tokenHash)
	if err != nil {
		t.Fatalf("DeviceByTokenHash: %v", err)
	}
	return got
}

func state(id string, v int) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"id":%q,"label":"theme %d","archived":false}`, id, v))
}

// put stores records in one transaction and returns them with their sequence numbers.
func put(t *testing.T, s serverstore.Store, teamID string, ids ...string) []serverstore.Record {
	t.Helper()
	var out []serverstore.Record
	err := s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
		for i, id := range ids {
			r := serverstore.Record{TeamID: teamID, Entity: "theme", ID: id, Rev: int64(100 + i), State: state(id, i), DeviceID: "dev-1", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTeamTx: %v", err)
	}
	return out
}

func pullAll(t *testing.T, s serverstore.Store, teamID string) []serverstore.Record {
	t.Helper()
	rs, err := s.Pull(ctx(), teamID, 0, 1_000_000)
	if err != nil {
		t.Fatalf("Pull: %v", err)
	}
	return rs
}

func ids(rs []serverstore.Record) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// jsonEqual compares JSON values by meaning (a database may reorder keys or change
// white space, as PostgreSQL's jsonb does).
func jsonEqual(t *testing.T, got, want json.RawMessage) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("stored JSON %q does not parse: %v", got, err)
		return false
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("want %q: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

func testMigrate(t *testing.T, s serverstore.Store) {
	if err := s.Migrate(ctx()); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if err := s.Ping(ctx()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func testTeams(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-b-id", "South London")
	b := mustTeam(t, s, "team-a-id", "North East")
	got, err := s.FindTeam(ctx(), a.ID)
	if err != nil || got.ID != a.ID || got.Name != a.Name || !got.CreatedAt.Equal(t0) {
		t.Errorf("FindTeam(id) = %+v, %v; want %+v", got, err, a)
	}
	got, err = s.FindTeam(ctx(), "North East")
	if err != nil || got.ID != b.ID {
		t.Errorf("FindTeam(name) = %+v, %v; want %s", got, err, b.ID)
	}
	if _, err := s.FindTeam(ctx(), "nobody"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("FindTeam(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: "team-c-id", Name: "South London", CreatedAt: t0}); err == nil {
		t.Error("CreateTeam with a name already used: no error")
	}
	if err := s.CreateTeam(ctx(), serverstore.Team{ID: a.ID, Name: "Other", CreatedAt: t0}); err == nil {
		t.Error("CreateTeam with an id already used: no error")
	}
	list, err := s.ListTeams(ctx())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tm := range list {
		names = append(names, tm.Name)
	}
	if want := []string{"North East", "South London"}; !reflect.DeepEqual(names, want) {
		t.Errorf("ListTeams = %v, want %v (by name)", names, want)
	}
}

func testEnrolOnce(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	e := serverstore.Enrolment{CodeHash: "hash-1", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(24 * time.Hour)}
	if err := s.CreateEnrolment(ctx(), e); err != nil {
		t.Fatal(err)
	}
	d := serverstore.Device{ID: "dev-1", Name: "laptop-12", UserName: "Amira K.", TokenHash: "tok-1"}
	got, err := s.Enrol(ctx(), "hash-1", t0.Add(time.Hour), d)
	if err != nil {
		t.Fatalf("Enrol: %v", err)
	}
	if got.ID != tm.ID || got.Name != tm.Name {
		t.Errorf("Enrol team = %+v, want %+v", got, tm)
	}
	dev, err := s.DeviceByTokenHash(ctx(), "tok-1")
	if err != nil {
		t.Fatal(err)
	}
	if dev.ID != "dev-1" || dev.TeamID != tm.ID || dev.Name != "laptop-12" || dev.UserName != "Amira K." || dev.TokenHash != "tok-1" ||
		!dev.EnrolledAt.Equal(t0.Add(time.Hour)) || dev.RevokedAt != nil {
		t.Errorf("device = %+v", dev)
	}
	// The code works once.
	d2 := serverstore.Device{ID: "dev-2", Name: "laptop-13", TokenHash: "tok-2"}
	if _, err := s.Enrol(ctx(), "hash-1", t0.Add(2*time.Hour), d2); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("second Enrol error = %v, want ErrEnrolment", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-2"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("a refused enrolment made a device (err %v)", err)
	}
}

func testEnrolExpired(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: "h", TeamID: tm.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	d := serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-1"}
	if _, err := s.Enrol(ctx(), "h", t0.Add(time.Hour), d); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("Enrol at the expiry time: error = %v, want ErrEnrolment", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-1"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("an expired code made a device (err %v)", err)
	}
	if _, err := s.Enrol(ctx(), "h", t0.Add(time.Hour-time.Millisecond), d); err != nil {
		t.Errorf("Enrol just before expiry: %v", err)
	}
}

func testEnrolUnknown(t *testing.T, s serverstore.Store) {
	mustTeam(t, s, "team-1", "One")
	d := serverstore.Device{ID: "dev-1", Name: "x", TokenHash: "tok-1"}
	if _, err := s.Enrol(ctx(), "nope", t0, d); !errors.Is(err, serverstore.ErrEnrolment) {
		t.Errorf("Enrol(unknown) error = %v, want ErrEnrolment", err)
	}
}

func testReEnrolSameTeam(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-old")
	if err := s.RevokeDevice(ctx(), "dev-1", t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	dev := mustDevice(t, s, tm.ID, "dev-1", "tok-new")
	if dev.RevokedAt != nil {
		t.Errorf("re-enrolled device still revoked at %v", dev.RevokedAt)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-old"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("old token still works after re-enrolment (err %v)", err)
	}
	list, err := s.ListDevices(ctx(), tm.ID)
	if err != nil || len(list) != 1 {
		t.Errorf("ListDevices = %d devices, %v; want 1", len(list), err)
	}
}

func testReEnrolOtherTeam(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	mustDevice(t, s, a.ID, "dev-1", "tok-a")
	dev := mustDevice(t, s, b.ID, "dev-1", "tok-b")
	if dev.TeamID != b.ID {
		t.Errorf("device team = %s, want %s", dev.TeamID, b.ID)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-a"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("the other team's token still works (err %v)", err)
	}
	la, _ := s.ListDevices(ctx(), a.ID)
	lb, _ := s.ListDevices(ctx(), b.ID)
	if len(la) != 0 || len(lb) != 1 {
		t.Errorf("devices: team A %d, team B %d; want 0 and 1", len(la), len(lb))
	}
}

func testDeviceByTokenHash(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	mustDevice(t, s, tm.ID, "dev-2", "tok-2")
	d, err := s.DeviceByTokenHash(ctx(), "tok-2")
	if err != nil || d.ID != "dev-2" {
		t.Errorf("DeviceByTokenHash = %+v, %v", d, err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), "tok-3"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("unknown token: error = %v, want ErrNotFound", err)
	}
	if _, err := s.DeviceByTokenHash(ctx(), ""); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("empty token: error = %v, want ErrNotFound", err)
	}
}

func testTouchDevice(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	d := mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	if d.LastSeenAt != nil {
		t.Errorf("new device LastSeenAt = %v, want nil", d.LastSeenAt)
	}
	at := t0.Add(5 * time.Minute)
	if err := s.TouchDevice(ctx(), "dev-1", at); err != nil {
		t.Fatal(err)
	}
	d, _ = s.DeviceByTokenHash(ctx(), "tok-1")
	if d.LastSeenAt == nil || !d.LastSeenAt.Equal(at) {
		t.Errorf("LastSeenAt = %v, want %v", d.LastSeenAt, at)
	}
}

func testListDevices(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	mustDevice(t, s, a.ID, "dev-2", "tok-2")
	mustDevice(t, s, a.ID, "dev-1", "tok-1")
	mustDevice(t, s, b.ID, "dev-3", "tok-3")
	la, err := s.ListDevices(ctx(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range la {
		got = append(got, d.ID)
	}
	sort.Strings(got)
	if want := []string{"dev-1", "dev-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ListDevices(A) = %v, want %v", got, want)
	}
	if lc, err := s.ListDevices(ctx(), "team-none"); err != nil || len(lc) != 0 {
		t.Errorf("ListDevices(unknown team) = %v, %v; want none", lc, err)
	}
}

func testRevokeDevice(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	mustDevice(t, s, tm.ID, "dev-1", "tok-1")
	at := t0.Add(time.Hour)
	if err := s.RevokeDevice(ctx(), "dev-1", at); err != nil {
		t.Fatal(err)
	}
	d, err := s.DeviceByTokenHash(ctx(), "tok-1")
	if err != nil {
		t.Fatalf("a revoked device must still be found (to say why it is refused): %v", err)
	}
	if d.RevokedAt == nil || !d.RevokedAt.Equal(at) {
		t.Errorf("RevokedAt = %v, want %v", d.RevokedAt, at)
	}
	if err := s.RevokeDevice(ctx(), "dev-1", at.Add(time.Hour)); err != nil {
		t.Errorf("second revoke: %v", err)
	}
	d, _ = s.DeviceByTokenHash(ctx(), "tok-1")
	if d.RevokedAt == nil || !d.RevokedAt.Equal(at) {
		t.Errorf("second revoke changed RevokedAt to %v, want %v", d.RevokedAt, at)
	}
	if err := s.RevokeDevice(ctx(), "dev-none", at); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("revoke unknown device: error = %v, want ErrNotFound", err)
	}
}

func testSeqMonotonic(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	rs := put(t, s, tm.ID, "r1", "r2", "r3")
	rs = append(rs, put(t, s, tm.ID, "r4")...)
	for i := 1; i < len(rs); i++ {
		if rs[i].Seq <= rs[i-1].Seq {
			t.Errorf("seq %d after %d: not increasing", rs[i].Seq, rs[i-1].Seq)
		}
	}
	if rs[0].Seq <= 0 {
		t.Errorf("first seq = %d, want > 0 (0 is the empty cursor)", rs[0].Seq)
	}
	got := pullAll(t, s, tm.ID)
	if want := []string{"r1", "r2", "r3", "r4"}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("Pull = %v, want %v", ids(got), want)
	}
	for i, r := range got {
		if r.Seq != rs[i].Seq || r.Rev != rs[i].Rev || r.Entity != "theme" || r.TeamID != tm.ID || r.DeviceID != "dev-1" || !r.UpdatedAt.Equal(t0) {
			t.Errorf("pulled %+v, want %+v", r, rs[i])
		}
		if !jsonEqual(t, r.State, rs[i].State) {
			t.Errorf("pulled state %s, want %s", r.State, rs[i].State)
		}
	}
}

func testRecordUpdate(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	first := put(t, s, tm.ID, "r1", "r2")
	var updated serverstore.Record
	err := s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
		r, found, err := tx.GetRecord(ctx(), tm.ID, "r1")
		if err != nil || !found {
			return fmt.Errorf("GetRecord: %v, found %v", err, found)
		}
		if r.Seq != first[0].Seq || r.Rev != 100 {
			return fmt.Errorf("GetRecord = %+v, want seq %d rev 100", r, first[0].Seq)
		}
		r.Rev, r.State, r.DeviceID = 500, state("r1", 9), "server"
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		updated = r
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Seq <= first[1].Seq {
		t.Errorf("updated seq %d, want > %d", updated.Seq, first[1].Seq)
	}
	got := pullAll(t, s, tm.ID)
	if want := []string{"r2", "r1"}; !reflect.DeepEqual(ids(got), want) {
		t.Fatalf("Pull = %v, want %v (each record once, at its latest position)", ids(got), want)
	}
	if got[1].Rev != 500 || got[1].DeviceID != "server" || !jsonEqual(t, got[1].State, state("r1", 9)) {
		t.Errorf("updated record = %+v", got[1])
	}
	if rs, _ := s.Pull(ctx(), tm.ID, first[1].Seq, 10); !reflect.DeepEqual(ids(rs), []string{"r1"}) {
		t.Errorf("Pull after the old cursor = %v, want [r1]", ids(rs))
	}
}

func testTeamIsolation(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	put(t, s, a.ID, "a1", "a2")
	put(t, s, b.ID, "b1")
	put(t, s, a.ID, "a3")
	if got := ids(pullAll(t, s, a.ID)); !reflect.DeepEqual(got, []string{"a1", "a2", "a3"}) {
		t.Errorf("Pull(A) = %v", got)
	}
	if got := ids(pullAll(t, s, b.ID)); !reflect.DeepEqual(got, []string{"b1"}) {
		t.Errorf("Pull(B) = %v", got)
	}
	// The same id may exist in two teams (starter themes do); each team sees its own.
	put(t, s, b.ID, "a1")
	err := s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.GetRecord(ctx(), b.ID, "a1"); err != nil || !found {
			t.Errorf("GetRecord(B, a1) = found %v, %v; want B's own record", found, err)
		}
		if _, found, err := tx.GetRecord(ctx(), b.ID, "a2"); !errors.Is(err, serverstore.ErrOtherTeam) || found {
			t.Errorf("GetRecord(B, A's record) = found %v, %v; want ErrOtherTeam", found, err)
		}
		if _, found, err := tx.GetRecord(ctx(), b.ID, "nothing"); err != nil || found {
			t.Errorf("GetRecord(B, unknown) = found %v, %v; want not found", found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(pullAll(t, s, a.ID)); !reflect.DeepEqual(got, []string{"a1", "a2", "a3"}) {
		t.Errorf("Pull(A) after B stored its own a1 = %v", got)
	}
	ra := pullAll(t, s, a.ID)
	if ra[0].State == nil || !jsonEqual(t, ra[0].State, state("a1", 0)) || ra[0].TeamID != a.ID {
		t.Errorf("A's a1 changed by B's: %+v", ra[0])
	}
}

var errBoom = errors.New("boom")

func testRollbackError(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	put(t, s, tm.ID, "r1")
	err := s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
		r := serverstore.Record{TeamID: tm.ID, Entity: "theme", ID: "r2", Rev: 1, State: state("r2", 1), DeviceID: "d", UpdatedAt: t0}
		if err := tx.PutRecord(ctx(), &r); err != nil {
			return err
		}
		if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: tm.ID, Entity: "theme", RecordID: "r2", Rev: 1, State: r.State, DeviceID: "d", ChangeID: "c1", CreatedAt: t0}); err != nil {
			return err
		}
		if err := tx.SaveChangeResult(ctx(), tm.ID, "d", "c1", json.RawMessage(`{"status":"applied"}`)); err != nil {
			return err
		}
		if err := tx.Audit(ctx(), serverstore.AuditEntry{At: t0, TeamID: tm.ID, DeviceID: "d", Action: "push", Detail: "1 applied"}); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", errBoom)
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("InTeamTx error = %v, want the function's error", err)
	}
	checkNothingFrom(t, s, tm.ID)
	// The sequence goes on in order after a rollback.
	rs := put(t, s, tm.ID, "r3")
	if got := pullAll(t, s, tm.ID); len(got) != 2 || got[1].ID != "r3" || got[1].Seq != rs[0].Seq {
		t.Errorf("after rollback Pull = %+v", got)
	}
}

func checkNothingFrom(t *testing.T, s serverstore.Store, teamID string) {
	t.Helper()
	if got := ids(pullAll(t, s, teamID)); !reflect.DeepEqual(got, []string{"r1"}) {
		t.Errorf("after rollback Pull = %v, want [r1]", got)
	}
	s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1"); found || err != nil {
			t.Errorf("change result survived the rollback (found %v, %v)", found, err)
		}
		if _, found, err := tx.GetRevision(ctx(), teamID, "r2", 1); found || err != nil {
			t.Errorf("revision survived the rollback (found %v, %v)", found, err)
		}
		return nil
	})
	if a, err := s.ListAudit(ctx(), teamID, 0); err != nil || len(a) != 0 {
		t.Errorf("audit survived the rollback: %+v, %v", a, err)
	}
}

func testRollbackPanic(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	put(t, s, tm.ID, "r1")
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the panic to pass through", p)
			}
		}()
		s.InTeamTx(ctx(), tm.ID, func(tx serverstore.Tx) error {
			r := serverstore.Record{TeamID: tm.ID, Entity: "theme", ID: "r2", Rev: 1, State: state("r2", 1), DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	checkNothingFrom(t, s, tm.ID)
	// The store still works.
	put(t, s, tm.ID, "r3")
}

func testConcurrent(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	const workers, each = 6, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			team := a.ID
			if w%2 == 1 {
				team = b.ID
			}
			for i := 0; i < each; i++ {
				err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
					r := serverstore.Record{TeamID: team, Entity: "theme", ID: fmt.Sprintf("w%d-%d", w, i), Rev: 1,
						State: state("x", i), DeviceID: "d", UpdatedAt: t0}
					return tx.PutRecord(ctx(), &r)
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent InTeamTx: %v", err)
	}
	for _, team := range []string{a.ID, b.ID} {
		got := pullAll(t, s, team)
		if len(got) != workers/2*each {
			t.Errorf("team %s: %d records, want %d", team, len(got), workers/2*each)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Seq <= got[i-1].Seq {
				t.Errorf("team %s: seq %d after %d", team, got[i].Seq, got[i-1].Seq)
			}
		}
	}
}

func testPullPaging(t *testing.T, s serverstore.Store) {
	tm := mustTeam(t, s, "team-1", "One")
	var want []string
	for i := 0; i < 25; i++ {
		want = append(want, fmt.Sprintf("r%02d", i))
	}
	put(t, s, tm.ID, want...)
	var got []string
	since := int64(0)
	pages := 0
	for {
		rs, err := s.Pull(ctx(), tm.ID, since, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 10 {
			t.Fatalf("page of %d records, limit 10", len(rs))
		}
		if len(rs) == 0 {
			break
		}
		pages++
		got = append(got, ids(rs)...)
		since = rs[len(rs)-1].Seq
	}
	if !reflect.DeepEqual(got, want) || pages != 3 {
		t.Errorf("paged Pull = %v in %d pages, want %v in 3", got, pages, want)
	}
	if rs, err := s.Pull(ctx(), tm.ID, since+1000, 10); err != nil || len(rs) != 0 {
		t.Errorf("Pull after the end = %v, %v", ids(rs), err)
	}
}

func testChangeResults(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	res := json.RawMessage(`{"changeId":"c1","status":"applied","rev":7}`)
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1"); found || err != nil {
			return fmt.Errorf("before saving: found %v, %v", found, err)
		}
		if err := tx.SaveChangeResult(ctx(), a.ID, "dev-1", "c1", res); err != nil {
			return err
		}
		// Visible inside the same transaction (a batch may repeat a change id).
		got, found, err := tx.ChangeResult(ctx(), "c1")
		if err != nil || !found || !jsonEqual(t, got, res) {
			return fmt.Errorf("in the same tx: %s, found %v, %v", got, found, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		got, found, err := tx.ChangeResult(ctx(), "c1")
		if err != nil || !found || !jsonEqual(t, got, res) {
			t.Errorf("ChangeResult = %s, found %v, %v; want %s", got, found, err, res)
		}
		return nil
	})
	s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.ChangeResult(ctx(), "c1"); found || err != nil {
			t.Errorf("team B sees team A's change result (found %v, %v)", found, err)
		}
		// Team B may use the same change id for its own change.
		if err := tx.SaveChangeResult(ctx(), b.ID, "dev-9", "c1", json.RawMessage(`{"status":"rejected"}`)); err != nil {
			t.Errorf("team B SaveChangeResult: %v", err)
		}
		return nil
	})
}

func testRevisions(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	revs := []serverstore.Revision{
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 10, State: state("r1", 1), DeviceID: "d1", ChangeID: "c1", CreatedAt: t0},
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 20, State: state("r1", 2), DeviceID: "d2", ChangeID: "c2", CreatedAt: t0.Add(time.Second)},
		// A device's submitted state may share a rev with a stored one: the first stands.
		{TeamID: a.ID, Entity: "theme", RecordID: "r1", Rev: 20, State: state("r1", 3), DeviceID: "d3", ChangeID: "c3", CreatedAt: t0.Add(2 * time.Second)},
	}
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, r := range revs {
			if err := tx.AddRevision(ctx(), r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, want := range revs[:2] {
			got, found, err := tx.GetRevision(ctx(), a.ID, "r1", want.Rev)
			if err != nil || !found {
				t.Errorf("GetRevision(%d): found %v, %v", want.Rev, found, err)
				continue
			}
			if got.Rev != want.Rev || got.DeviceID != want.DeviceID || got.ChangeID != want.ChangeID || got.Entity != "theme" ||
				got.RecordID != "r1" || got.TeamID != a.ID || !got.CreatedAt.Equal(want.CreatedAt) || !jsonEqual(t, got.State, want.State) {
				t.Errorf("GetRevision(%d) = %+v, want %+v", want.Rev, got, want)
			}
		}
		if _, found, err := tx.GetRevision(ctx(), a.ID, "r1", 15); found || err != nil {
			t.Errorf("GetRevision(missing rev) found %v, %v", found, err)
		}
		return nil
	})
	s.InTeamTx(ctx(), b.ID, func(tx serverstore.Tx) error {
		if _, found, err := tx.GetRevision(ctx(), b.ID, "r1", 10); found || err != nil {
			t.Errorf("team B sees team A's revision (found %v, %v)", found, err)
		}
		return nil
	})
}

func testAudit(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	for i, act := range []string{"team.add", "enrol.code", "enrol"} {
		if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), TeamID: a.ID, DeviceID: "d1", Action: act, Detail: "detail " + act}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0, TeamID: b.ID, Action: "team.add"}); err != nil {
		t.Fatal(err)
	}
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		return tx.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(10 * time.Second), TeamID: a.ID, DeviceID: "d1", Action: "push", Detail: "3 applied"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ListAudit(ctx(), a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, e := range got {
		acts = append(acts, e.Action)
		if e.TeamID != a.ID {
			t.Errorf("team A's audit has %+v", e)
		}
	}
	if want := []string{"push", "enrol", "enrol.code", "team.add"}; !reflect.DeepEqual(acts, want) {
		t.Errorf("ListAudit = %v, want %v (newest first)", acts, want)
	}
	if got[0].Detail != "3 applied" || got[0].DeviceID != "d1" || !got[0].At.Equal(t0.Add(10*time.Second)) {
		t.Errorf("audit entry = %+v", got[0])
	}
	if got, _ := s.ListAudit(ctx(), a.ID, 2); len(got) != 2 || got[0].Action != "push" || got[1].Action != "enrol" {
		t.Errorf("ListAudit(limit 2) = %+v", got)
	}
	if got, _ := s.ListAudit(ctx(), b.ID, 0); len(got) != 1 {
		t.Errorf("ListAudit(B) = %+v, want 1 entry", got)
	}
}

func testRecords(t *testing.T, s serverstore.Store) {
	a := mustTeam(t, s, "team-a", "A")
	b := mustTeam(t, s, "team-b", "B")
	put(t, s, a.ID, "a1", "a2")
	put(t, s, b.ID, "b1")
	var got []string
	if err := s.Records(ctx(), a.ID, func(r serverstore.Record) error {
		got = append(got, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if want := []string{"a1", "a2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Records(A) = %v, want %v", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Records(ctx(), a.ID, func(serverstore.Record) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Records stops at the callback's error: got %v after %d records", err, n)
	}
}

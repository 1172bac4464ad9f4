// Package serverstoretest is the conformance suite of serverstore.Store: every store
// (app/serversqlite, app/serverpostgres) runs the same tests, so the server behaves the
// same whichever database it sits on. Call Run from the store's own test with a
// function that opens a fresh, migrated, empty store; BenchPushPath is the stores'
// shared benchmark.
package serverstoretest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
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
		{"EnrolTakeoverRefused", testEnrolTakeoverRefused},
		{"BoundCodeOtherID", testBoundCodeOtherID},
		{"DeviceByTokenHash", testDeviceByTokenHash},
		{"TouchDevice", testTouchDevice},
		{"ListDevicesByTeam", testListDevices},
		{"RevokeDevice", testRevokeDevice},
		{"DeviceRoles", testDeviceRoles},
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
		{"AuditChain", testAuditChain},
		{"Records", testRecords},
		{"RecordsAfter", testRecordsAfter},
		{"Prefetch", testPrefetch},
		{"UsageCounted", testUsageCounted},
		{"SetTeamQuota", testSetTeamQuota},
		{"DeviceChanges", testDeviceChanges},
		{"TxEntityRecordsAndRevisionStates", testTxLists},
		{"TeamKeys", testTeamKeys},
		{"RewriteStates", testRewriteStates},
		{"EraseHistoryAndDeleteRecords", testErase},
		{"Purge", testPurge}, // purge.go
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

// twoTeams creates teams A and B.
func twoTeams(t *testing.T, s serverstore.Store) (a, b serverstore.Team) {
	t.Helper()
	return mustTeam(t, s, "team-a", "A"), mustTeam(t, s, "team-b", "B")
}

// mustDevice enrols a device in a team with a fresh code and returns it.
func mustDevice(t *testing.T, s serverstore.Store, teamID, deviceID, tokenHash string) serverstore.Device {
	t.Helper()
	code := "code-" + deviceID + "-" + tokenHash
	if err := s.CreateEnrolment(ctx(), serverstore.Enrolment{CodeHash: code, TeamID: teamID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), Role: "staff"}); err != nil {
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

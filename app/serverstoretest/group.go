package serverstoretest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// The group-commit tests of each store (serversqlite and serverpostgres group_test.go)
// run pushes as jobs that write what a push writes, and look at what was committed.

// GroupPut writes what a push of one new record writes: an audit line, its change
// result and the record (a session with id).
func GroupPut(ctx context.Context, tx serverstore.Tx, team, id string) error {
	if err := tx.Audit(ctx, serverstore.AuditEntry{At: time.Now(), TeamID: team, DeviceID: "d", Action: "push", Detail: id}); err != nil {
		return err
	}
	if err := tx.SaveChangeResult(ctx, team, "d", "change-"+id, json.RawMessage(`{"status":"applied"}`)); err != nil {
		return err
	}
	return tx.PutRecord(ctx, &serverstore.Record{TeamID: team, Entity: "session", ID: id, Rev: 1,
		State: json.RawMessage(`{"id":"` + id + `"}`), DeviceID: "d", UpdatedAt: time.Now()})
}

// GroupStored lists team's records (id: seq) and its audit lines' details, newest
// first, as committed.
func GroupStored(t *testing.T, s serverstore.Store, team string) (recs map[string]int64, audit []string) {
	t.Helper()
	recs = map[string]int64{}
	got, err := s.Pull(ctx(), team, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		recs[r.ID] = r.Seq
	}
	entries, err := s.ListAudit(ctx(), team, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		audit = append([]string{e.Detail}, audit...)
	}
	return recs, audit
}

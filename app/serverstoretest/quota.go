package serverstoretest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// quotaState is a record state of about size bytes with letters outside ASCII (a
// store must count bytes, not characters).
func quotaState(id string, size int) json.RawMessage {
	note := ""
	for len(note) < size {
		note += "Café — ü "
	}
	return json.RawMessage(fmt.Sprintf(`{"id":%q,"note":%q}`, id, note))
}

func usage(t *testing.T, s serverstore.Store, teamID string) serverstore.TeamUsage {
	t.Helper()
	u, err := s.TeamUsage(ctx(), teamID)
	if err != nil {
		t.Fatalf("TeamUsage(%s): %v", teamID, err)
	}
	return u
}

// write puts records (each with a revision and a change result) in one transaction,
// with or without Prefetch, and returns what PendingBytes said before it committed.
func write(t *testing.T, s serverstore.Store, teamID string, prefetch bool, states map[string]json.RawMessage, fail bool) int64 {
	t.Helper()
	var pending int64
	err := s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
		if pf, ok := tx.(serverstore.Prefetcher); ok && prefetch {
			var ids []string
			for id := range states {
				ids = append(ids, id)
			}
			if err := pf.Prefetch(ctx(), nil, ids); err != nil {
				return err
			}
		}
		for id, st := range states {
			r := serverstore.Record{TeamID: teamID, Entity: "note", ID: id, Rev: 5, State: st, DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: teamID, Entity: "note", RecordID: id, Rev: 5, State: st,
				DeviceID: "d", ChangeID: "c-" + id, CreatedAt: t0}); err != nil {
				return err
			}
		}
		var err error
		if pending, err = tx.PendingBytes(ctx()); err != nil {
			return err
		}
		if fail {
			return errBoom
		}
		return nil
	})
	if fail != errors.Is(err, errBoom) || (!fail && err != nil) {
		t.Fatalf("InTeamTx: %v", err)
	}
	return pending
}

// testUsageCounted: a team's BytesUsed is the bytes of the states and change results
// its transactions wrote; a state replacing another counts the difference, whether the
// transaction read the old one (Prefetch) or not; a rolled-back transaction counts
// nothing; another team's writes do not count; PendingBytes says beforehand what the
// commit adds.
func testUsageCounted(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	if u := usage(t, s, a.ID); u != (serverstore.TeamUsage{}) {
		t.Fatalf("a new team's usage = %+v, want zero (no data, server defaults)", u)
	}
	s1, s2 := quotaState("r1", 300), quotaState("r2", 1000)
	want := int64(2*len(s1) + 2*len(s2))
	for _, prefetch := range []bool{false, true} {
		name := map[bool]string{false: "without Prefetch", true: "with Prefetch"}[prefetch]
		team := a.ID
		if prefetch {
			team = b.ID
		}
		if got := write(t, s, team, prefetch, map[string]json.RawMessage{"r1": s1, "r2": s2}, false); got != want {
			t.Errorf("%s: PendingBytes = %d, want %d (two states and two revisions)", name, got, want)
		}
		if u := usage(t, s, team); u.BytesUsed != want {
			t.Errorf("%s: BytesUsed = %d, want %d", name, u.BytesUsed, want)
		}
		// r1 grows, r2 shrinks: each record counts its new state less its old one, and
		// each revision counts whole.
		n1, n2 := quotaState("r1", 2000), quotaState("r2", 10)
		delta := int64(len(n1)-len(s1)) + int64(len(n2)-len(s2)) + int64(len(n1)+len(n2))
		if got := write(t, s, team, prefetch, map[string]json.RawMessage{"r1": n1, "r2": n2}, false); got != delta {
			t.Errorf("%s: PendingBytes of replacing states = %d, want %d", name, got, delta)
		}
		want2 := want + delta
		if u := usage(t, s, team); u.BytesUsed != want2 {
			t.Errorf("%s: BytesUsed after replacing = %d, want %d", name, u.BytesUsed, want2)
		}
		// Rolled back: not counted.
		write(t, s, team, prefetch, map[string]json.RawMessage{"r3": quotaState("r3", 5000)}, true)
		if u := usage(t, s, team); u.BytesUsed != want2 {
			t.Errorf("%s: BytesUsed after a rollback = %d, want %d", name, u.BytesUsed, want2)
		}
	}
	// Change results count too, and the same record put twice in one transaction counts
	// its last state once.
	var pending int64
	res := json.RawMessage(`{"changeId":"c9","status":"applied","rev":9}`)
	x1, x2 := quotaState("x", 100), quotaState("x", 400)
	before := usage(t, s, a.ID).BytesUsed
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, st := range []json.RawMessage{x1, x2} {
			r := serverstore.Record{TeamID: a.ID, Entity: "note", ID: "x", Rev: 9, State: st, DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
		}
		if err := tx.SaveChangeResult(ctx(), a.ID, "d", "c9", res); err != nil {
			return err
		}
		var err error
		pending, err = tx.PendingBytes(ctx())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(x2) + len(res)); pending != want || usage(t, s, a.ID).BytesUsed != before+want {
		t.Errorf("PendingBytes = %d and BytesUsed grew by %d, want %d (last state and the change result)",
			pending, usage(t, s, a.ID).BytesUsed-before, want)
	}
	// The transaction's TeamUsage is the team's.
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if u, err := tx.TeamUsage(ctx()); err != nil || u != usage(t, s, a.ID) {
			t.Errorf("Tx.TeamUsage = %+v, %v; want %+v", u, err, usage(t, s, a.ID))
		}
		return nil
	})
}

// testSetTeamQuota: a team's quota is kept (default, unlimited or a limit) and read
// back by Store and Tx; an unknown team is ErrNotFound.
func testSetTeamQuota(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	q := serverstore.Quota{StorageBytes: 500_000_000, DeviceDailyChanges: serverstore.QuotaUnlimited}
	if err := s.SetTeamQuota(ctx(), a.ID, q); err != nil {
		t.Fatal(err)
	}
	if u := usage(t, s, a.ID); u.Quota != q {
		t.Errorf("quota = %+v, want %+v", u.Quota, q)
	}
	if u := usage(t, s, b.ID); u.Quota != (serverstore.Quota{}) {
		t.Errorf("the other team's quota changed: %+v", u.Quota)
	}
	s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if u, err := tx.TeamUsage(ctx()); err != nil || u.Quota != q {
			t.Errorf("Tx.TeamUsage = %+v, %v; want quota %+v", u, err, q)
		}
		return nil
	})
	if err := s.SetTeamQuota(ctx(), a.ID, serverstore.Quota{}); err != nil || usage(t, s, a.ID).Quota != (serverstore.Quota{}) {
		t.Errorf("back to the defaults: %v, %+v", err, usage(t, s, a.ID).Quota)
	}
	if err := s.SetTeamQuota(ctx(), "nobody", q); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("SetTeamQuota(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.TeamUsage(ctx(), "nobody"); !errors.Is(err, serverstore.ErrNotFound) {
		t.Errorf("TeamUsage(unknown) = %v, want ErrNotFound", err)
	}
}

// testDeviceChanges: changes are counted per device and day; a new day starts at
// zero (and forgets the earlier ones); a rolled-back count is not kept.
func testDeviceChanges(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	add := func(team, dev, day string, n int64, fail bool) int64 {
		t.Helper()
		var before int64
		err := s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
			var err error
			if before, err = tx.DeviceChanges(ctx(), dev, day); err != nil {
				return err
			}
			if err := tx.AddDeviceChanges(ctx(), dev, day, n); err != nil {
				return err
			}
			if fail {
				return errBoom
			}
			return nil
		})
		if fail != errors.Is(err, errBoom) || (!fail && err != nil) {
			t.Fatalf("InTeamTx: %v", err)
		}
		return before
	}
	const d1, d2 = "2026-11-24", "2026-11-25"
	add(a.ID, "dev-1", d1, 700, false)
	add(a.ID, "dev-2", d1, 5, false)
	add(b.ID, "dev-3", d1, 9, false)
	if got := add(a.ID, "dev-1", d1, 300, false); got != 700 {
		t.Errorf("DeviceChanges = %d, want 700", got)
	}
	add(a.ID, "dev-1", d1, 50_000, true) // rolled back
	got, err := s.DeviceChangesOn(ctx(), a.ID, d1)
	if want := map[string]int64{"dev-1": 1000, "dev-2": 5}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DeviceChangesOn(A, %s) = %v, %v; want %v", d1, got, err, want)
	}
	if got := add(a.ID, "dev-1", d2, 1, false); got != 0 {
		t.Errorf("a new day starts at %d, want 0", got)
	}
	got, err = s.DeviceChangesOn(ctx(), a.ID, d1)
	if want := map[string]int64{"dev-2": 5}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after dev-1's next day, DeviceChangesOn(A, %s) = %v, %v; want %v", d1, got, err, want)
	}
	if got, err := s.DeviceChangesOn(ctx(), b.ID, d2); err != nil || len(got) != 0 {
		t.Errorf("DeviceChangesOn(B, %s) = %v, %v; want none", d2, got, err)
	}
}

// UsageBackfill: the migration that brings the usage count (0004_quotas) counts the
// bytes teams already hold: their records' states, every revision's state and every
// change result, in bytes (not characters), each team its own; a push after it counts
// on from there. s is a fresh store of schema 3 (migrateTo(3) applied nothing yet);
// exec runs one SQL statement without parameters on its database.
func UsageBackfill(t *testing.T, s serverstore.Store, migrateTo func(n int) error, exec func(q string) error) {
	if err := migrateTo(3); err != nil {
		t.Fatalf("migrate to schema 3: %v", err)
	}
	const at = "'2026-11-24T10:00:00.000000Z'"
	st1, st2 := `{"id":"r1","note":"Café — ü"}`, `{"id":"r2","note":"plain"}`
	rev1 := `{"id":"r1","note":"first"}`
	res := `{"changeId":"c1","status":"applied","rev":5}`
	for _, q := range []string{
		"INSERT INTO teams(id, name, seq, created_at) VALUES ('A', 'Team A', 2, " + at + "), ('B', 'Team B', 1, " + at + "), ('C', 'Team C', 0, " + at + ")",
		"INSERT INTO records(team_id, id, entity, rev, seq, state, device_id, updated_at) VALUES " +
			"('A', 'r1', 'note', 5, 1, '" + st1 + "', 'd', " + at + "), ('A', 'r2', 'note', 5, 2, '" + st2 + "', 'd', " + at + "), " +
			"('B', 'r1', 'note', 5, 1, '" + st2 + "', 'd', " + at + ")",
		"INSERT INTO revisions(team_id, record_id, entity, rev, state, device_id, change_id, created_at) VALUES " +
			"('A', 'r1', 'note', 4, '" + rev1 + "', 'd', 'c0', " + at + "), ('A', 'r1', 'note', 5, '" + st1 + "', 'd', 'c1', " + at + ")",
		"INSERT INTO change_results(team_id, change_id, device_id, result, created_at) VALUES ('A', 'c1', 'd', '" + res + "', " + at + ")",
	} {
		if err := exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Migrate(ctx()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	wantA := int64(len(st1) + len(st2) + len(rev1) + len(st1) + len(res))
	for team, want := range map[string]int64{"A": wantA, "B": int64(len(st2)), "C": 0} {
		if u := usage(t, s, team); u.BytesUsed != want || u.Quota != (serverstore.Quota{}) {
			t.Errorf("team %s after the migration: %+v, want %d bytes and the default quotas", team, u, want)
		}
	}
	// Counted on from there: r1 replaced without Prefetch, its old state read back.
	n1 := quotaState("r1", 50)
	if got, want := write(t, s, "A", false, map[string]json.RawMessage{"r1": n1}, false), int64(2*len(n1)-len(st1)); got != want {
		t.Errorf("PendingBytes = %d, want %d", got, want)
	}
	if u := usage(t, s, "A"); u.BytesUsed != wantA+int64(2*len(n1)-len(st1)) {
		t.Errorf("BytesUsed after a push = %d, want %d", u.BytesUsed, wantA+int64(2*len(n1)-len(st1)))
	}
}

package serverstoretest

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// RowKeptResults: the result of a change that created its record and applied as sent
// (serverstore.AppliedResult) is given back for the change id exactly as saved, by
// ChangeResult with the change's record and after Prefetch, whether or not the store
// keeps it in a row of its own (rows counts the team's stored change results, in the
// store's own SQL; kept: the store keeps such results by the records' rows, the SQLite
// store's migration 0012): after the push, after the record changes, after erasure,
// deletion and a purge of the record (an applied result names no record and carries no
// state: it stays, as a stored one always did), and the storage count is what it was
// with every result stored. Each store's test calls it.
func RowKeptResults(t *testing.T, s serverstore.Store, kept bool, rows func(teamID string) int) {
	if err := s.Migrate(ctx()); err != nil {
		t.Fatal(err)
	}
	a := mustTeam(t, s, "team-a", "A")
	state := func(id string, rev int64) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"id":%q,"text":"words of %s, version %d"}`, id, id, rev))
	}
	// change ids that do not contain their records' ids (erasure deletes the results
	// whose JSON names an erased record)
	cid := func(n int, rev int64) string { return fmt.Sprintf("0190c0de-0000-7000-8000-%012d", 100*n+int(rev)) }
	merged := json.RawMessage(`{"changeId":"m","status":"merged","rev":1,"state":{"id":"r5"}}`)
	result := func(n int, rev int64) json.RawMessage {
		if n == 5 {
			return merged
		}
		return serverstore.AppliedResult(cid(n, rev), rev)
	}
	id := func(n int) string { return fmt.Sprintf("r%d", n) }
	// push stores each record at rev, as a push does: looked up first (the store then
	// knows which are new), put, its revision of the same state, its result.
	push := func(rev int64, ns ...int) {
		t.Helper()
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			for _, n := range ns {
				if _, _, err := tx.GetRecord(ctx(), a.ID, id(n)); err != nil {
					return err
				}
				r := serverstore.Record{TeamID: a.ID, Entity: "feedback", ID: id(n), Rev: rev, State: state(id(n), rev), DeviceID: "d", UpdatedAt: t0}
				if err := tx.PutRecord(ctx(), &r); err != nil {
					return err
				}
				if err := tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: "feedback", RecordID: id(n), Rev: rev,
					State: r.State, DeviceID: "d", ChangeID: cid(n, rev), CreatedAt: t0}); err != nil {
					return err
				}
				if err := tx.SaveChangeResult(ctx(), a.ID, "d", cid(n, rev), result(n, rev)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("push %v at %d: %v", ns, rev, err)
		}
	}
	// found checks ChangeResult for the changes (n, rev): through the record, and
	// without it after Prefetch of the change and the record.
	found := func(step string, rev int64, ns ...int) {
		t.Helper()
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			for _, n := range ns {
				got, ok, err := tx.ChangeResult(ctx(), cid(n, rev), id(n))
				if err != nil || !ok || string(got) != string(result(n, rev)) {
					t.Errorf("%s: ChangeResult(%s, %s) = %s, %v, %v; want %s", step, cid(n, rev), id(n), got, ok, err, result(n, rev))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			var cids, ids []string
			for _, n := range ns {
				cids, ids = append(cids, cid(n, rev)), append(ids, id(n))
			}
			if pf, ok := tx.(serverstore.Prefetcher); ok {
				if err := pf.Prefetch(ctx(), cids, ids); err != nil {
					return err
				}
			}
			for _, n := range ns {
				if got, ok, err := tx.ChangeResult(ctx(), cid(n, rev), ""); err != nil || !ok || string(got) != string(result(n, rev)) {
					t.Errorf("%s, after Prefetch: ChangeResult(%s) = %s, %v, %v; want %s", step, cid(n, rev), got, ok, err, result(n, rev))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	stored := func(step string, want, wantKept int) {
		t.Helper()
		if kept {
			want = wantKept
		}
		if n := rows(a.ID); n != want {
			t.Errorf("%s: %d change results stored, want %d", step, n, want)
		}
	}

	push(1, 1, 2, 3, 4, 5)
	stored("after the push", 5, 1) // r5's merged result is always stored
	var bytes int64
	for n := 1; n <= 5; n++ {
		bytes += 2*int64(len(state(id(n), 1))) + int64(len(result(n, 1)))
	}
	if u := usage(t, s, a.ID); u.BytesUsed != bytes {
		t.Errorf("bytes used after the push: %d, want %d (each state twice, every result)", u.BytesUsed, bytes)
	}
	found("after the push", 1, 1, 2, 3, 4, 5)
	// A change seen for the first time is not found.
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if got, ok, err := tx.ChangeResult(ctx(), cid(1, 2), id(1)); err != nil || ok {
			t.Errorf("a change not handled yet: %s, %v, %v", got, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	push(2, 1) // r1 moves on: its first result is written down
	stored("after r1 changed", 6, 3)
	found("after r1 changed", 1, 1)
	found("after r1 changed", 2, 1)

	et := func(fn func(tx serverstore.EraseTx) error) {
		t.Helper()
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			e, ok := tx.(serverstore.EraseTx)
			if !ok {
				t.Skip("the store does not erase")
			}
			return fn(e)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	et(func(tx serverstore.EraseTx) error { return tx.EraseHistory(ctx(), a.ID, []string{id(2)}) })
	found("after r2's history was erased", 1, 2)
	et(func(tx serverstore.EraseTx) error { return tx.DeleteRecords(ctx(), a.ID, []string{id(4)}) })
	found("after r4 was deleted", 1, 4)
	if p, ok := s.(serverstore.Purger); ok {
		var seq int64
		err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
			r, _, err := tx.GetRecord(ctx(), a.ID, id(3))
			seq = r.Seq
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if out, err := p.PurgeRecords(ctx(), a.ID, []serverstore.PurgeTarget{{Entity: "feedback", ID: id(3), Seq: seq}}, t0.Add(time.Hour)); err != nil || len(out) != 1 {
			t.Fatalf("PurgeRecords(r3) = %v, %v", out, err)
		}
		found("after r3 was purged", 1, 3)
	}
	stored("at the end", 6, 6) // r2's, r3's and r4's written down as their rows moved on
}

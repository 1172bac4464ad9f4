package serverstoretest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

func testAudit(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
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

// testAuditChain: every entry, of every team and of the server, written by Audit or
// inside a push, takes the next number of the whole log and chains to the one before,
// also when appends run at once; VerifyAudit finds the log intact.
func testAuditChain(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	if r, err := serverstore.VerifyAudit(ctx(), s, ""); err != nil || r.Break != nil || r.Entries != 0 || r.Head != "" {
		t.Fatalf("empty log: %+v, %v", r, err)
	}
	write := func(team, action string, i int) error {
		e := serverstore.AuditEntry{At: t0.Add(time.Duration(i) * time.Millisecond), TeamID: team, DeviceID: "d", Action: action,
			Detail: fmt.Sprintf("entry %d", i)}
		if i%2 == 0 || team == serverstore.ServerTeam {
			return s.Audit(ctx(), e)
		}
		return s.InTeamTx(ctx(), team, func(tx serverstore.Tx) error {
			// A push writes records and one audit entry in its transaction.
			r := serverstore.Record{TeamID: team, Entity: "feedback", ID: fmt.Sprintf("r%d", i), Rev: 1, State: json.RawMessage(`{}`), DeviceID: "d", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
			return tx.Audit(ctx(), e)
		})
	}
	// Two writers per team, and two for the server, at once.
	const per, writers = 40, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*per)
	for w := range writers {
		team := []string{a.ID, b.ID, serverstore.ServerTeam}[w%3]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				errs <- write(team, "push", i)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent appends: %v", err)
		}
	}
	var seqs []int64
	var last string
	err := s.EachAudit(ctx(), func(e serverstore.AuditEntry) error {
		seqs = append(seqs, e.Seq)
		if len(e.Hash) != 64 || e.Hash != serverstore.ChainHash(last, e.Seq, e) {
			t.Errorf("entry %d: hash %q does not chain", e.Seq, e.Hash)
		}
		last = e.Hash
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seqs) != writers*per {
		t.Fatalf("EachAudit gave %d entries, want %d", len(seqs), writers*per)
	}
	for i, q := range seqs {
		if q != int64(i+1) {
			t.Fatalf("entry numbers %v, want 1…%d in written order", seqs, writers*per)
		}
	}
	r, err := serverstore.VerifyAudit(ctx(), s, last)
	if err != nil || r.Break != nil || r.Entries != writers*per || r.Head != last || r.HeadSeq != writers*per || r.WantHeadAt != writers*per {
		t.Errorf("VerifyAudit = %+v, %v; want intact, %d entries, head %s", r, err, writers*per, last)
	}
	if got, err := s.ListAudit(ctx(), serverstore.ServerTeam, 0); err != nil || len(got) != 2*per || got[0].TeamID != "" || got[0].Hash == "" {
		t.Errorf("ListAudit(server) = %d entries, %v", len(got), err)
	}
}

// Tamper is what RunAuditTamper needs of a store: a fresh store and a way to run SQL
// on its database behind its back, as someone with access to the database could.
type Tamper struct {
	Open func(t *testing.T) (serverstore.Store, func(query string) error)
	// MoveToEnd is a statement that moves the entry numbered 2 to the end of the log
	// (gives it a pk after every other).
	MoveToEnd string
}

// RunAuditTamper checks that VerifyAudit names the first entry that was edited,
// deleted, moved or stripped of its hash, that a log cut short is caught by the head
// hash written down before, and that entries written before the chain existed are
// chained (sealed) by the next migration or append and then verify.
func RunAuditTamper(t *testing.T, tm Tamper) {
	const n = 5
	setup := func(t *testing.T) (serverstore.Store, func(string), string) {
		s, exec := tm.Open(t)
		t.Cleanup(func() { s.Close() })
		if err := s.Migrate(ctx()); err != nil {
			t.Fatal(err)
		}
		mustTeam(t, s, "team-a", "A")
		for i := 1; i <= n; i++ {
			if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), TeamID: "team-a",
				Action: fmt.Sprintf("action.%d", i), Detail: "detail"}); err != nil {
				t.Fatal(err)
			}
		}
		r, err := serverstore.VerifyAudit(ctx(), s, "")
		if err != nil || r.Break != nil || r.Entries != n {
			t.Fatalf("before tampering: %+v, %v", r, err)
		}
		return s, func(q string) {
			t.Helper()
			if err := exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}, r.Head
	}
	broken := func(t *testing.T, s serverstore.Store, pos int64, action, reason string) {
		t.Helper()
		r, err := serverstore.VerifyAudit(ctx(), s, "")
		if err != nil {
			t.Fatal(err)
		}
		if r.Break == nil {
			t.Fatalf("VerifyAudit found the log intact (%d entries), want broken at entry %d", r.Entries, pos)
		}
		if r.Break.Position != pos || r.Break.Entry.Action != action || !strings.Contains(r.Break.Reason, reason) {
			t.Errorf("break = %v, want entry %d (%s): %q", r.Break, pos, action, reason)
		}
	}
	t.Run("Edited", func(t *testing.T) {
		s, exec, _ := setup(t)
		exec("UPDATE audit SET detail = 'nothing happened' WHERE seq = 3")
		broken(t, s, 3, "action.3", "does not match its hash")
	})
	t.Run("EditedTeam", func(t *testing.T) {
		s, exec, _ := setup(t)
		exec("UPDATE audit SET team_id = 'team-b' WHERE seq = 4")
		broken(t, s, 4, "action.4", "does not match its hash")
	})
	t.Run("Deleted", func(t *testing.T) {
		s, exec, _ := setup(t)
		exec("DELETE FROM audit WHERE seq = 3")
		broken(t, s, 3, "action.4", "was deleted")
	})
	t.Run("Moved", func(t *testing.T) {
		s, exec, _ := setup(t)
		exec(tm.MoveToEnd)
		broken(t, s, 2, "action.3", "numbered 3 where 2 was expected")
	})
	t.Run("HashRemoved", func(t *testing.T) {
		s, exec, _ := setup(t)
		exec("UPDATE audit SET hash = NULL WHERE seq = 2")
		broken(t, s, 2, "action.2", "no hash")
	})
	t.Run("Rehashed", func(t *testing.T) {
		// An edit with a new hash for the entry alone breaks the next entry.
		s, exec, _ := setup(t)
		exec("UPDATE audit SET detail = 'x', hash = '" + strings.Repeat("0", 64) + "' WHERE seq = 2")
		broken(t, s, 2, "action.2", "does not match")
	})
	t.Run("TailCut", func(t *testing.T) {
		s, exec, head := setup(t)
		exec(fmt.Sprintf("DELETE FROM audit WHERE seq = %d", n))
		r, err := serverstore.VerifyAudit(ctx(), s, head)
		if err != nil || r.Break != nil || r.Entries != n-1 {
			t.Fatalf("VerifyAudit = %+v, %v: a cut tail still verifies, with fewer entries", r, err)
		}
		if r.WantHeadAt != 0 || r.Head == head {
			t.Errorf("the head written down before the cut was found: %+v", r)
		}
	})
	t.Run("SealedBeforeChain", func(t *testing.T) {
		// Entries written before the chain existed (no number, no hash) are chained by
		// the next migration, in the order they were written, and verify.
		s, exec, head := setup(t)
		exec("UPDATE audit SET seq = NULL, hash = NULL")
		if err := s.Migrate(ctx()); err != nil {
			t.Fatal(err)
		}
		r, err := serverstore.VerifyAudit(ctx(), s, head)
		if err != nil || r.Break != nil || r.Entries != n || r.Head != head {
			t.Errorf("after sealing: %+v, %v; want intact, %d entries, the same head", r, err, n)
		}
	})
	t.Run("UnchainedTailSealedByAppend", func(t *testing.T) {
		// Entries an older server wrote after the chain began are chained by the next
		// append, in a push or not.
		s, exec, _ := setup(t)
		exec("UPDATE audit SET seq = NULL, hash = NULL WHERE seq >= 4")
		err := s.InTeamTx(ctx(), "team-a", func(tx serverstore.Tx) error {
			return tx.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(time.Hour), TeamID: "team-a", Action: "push"})
		})
		if err != nil {
			t.Fatal(err)
		}
		exec("UPDATE audit SET seq = NULL, hash = NULL WHERE seq = 6")
		if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(2 * time.Hour), TeamID: "team-a", Action: "enrol"}); err != nil {
			t.Fatal(err)
		}
		r, err := serverstore.VerifyAudit(ctx(), s, "")
		if err != nil || r.Break != nil || r.Entries != n+2 || r.HeadSeq != n+2 {
			t.Errorf("after appends: %+v, %v; want intact, %d entries", r, err, n+2)
		}
	})
}

package synctest_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncer"
)

// acks remembers every change whose push the server acknowledged to a laptop: the
// outbox entries a sync removed (the engine removes an entry only when a result for it
// came back applied, duplicate, merged or conflict). Whatever happens afterwards —
// dropped connections, a killed server — each must be on the server, as the revision
// the laptop sent, and its record on every laptop.
type acks struct {
	byID map[string]ackedChange
}

type ackedChange struct {
	device string
	syncer.OutboxEntry
}

func newAcks() *acks { return &acks{byID: map[string]ackedChange{}} }

// sync runs one sync of d and records what it acknowledged. The outbox is read when
// the push starts (its first progress report): a laptop's first sync installs the
// team's key before it pushes, and that seals every waiting change again with it
// (sealed values made before with the laptop's own key), so what is sent is the
// outbox as it is then, not before the sync.
func (a *acks) sync(d *device) (syncer.Summary, error) {
	d.t.Helper()
	before := d.pending()
	started := false
	sum, err := d.eng.SyncOnce(bg(), func(p syncer.Progress) {
		if p.Phase == syncer.PhasePush && !started {
			started = true
			before = d.pending()
		}
	})
	a.collect(d, before)
	return sum, err
}

// collect records the entries of before that are no longer waiting and were not
// rejected.
func (a *acks) collect(d *device, before map[string]syncer.OutboxEntry) {
	d.t.Helper()
	after := d.pending()
	rejected := map[string]bool{}
	list, err := d.db.FindRejectedChanges(bg())
	if err != nil {
		d.t.Fatal(err)
	}
	for _, r := range list {
		rejected[r.ChangeID] = true
		// an entry rejected before it was ever taken had no change id in before
		rejected[key(r.Entity, r.RecordID)] = true
	}
	for id, e := range before {
		if !stillWaiting(e, id, after) && !rejected[id] && (e.ChangeID != "" || !rejected[key(e.Entity, e.RecordID)]) {
			a.byID[id] = ackedChange{device: d.name, OutboxEntry: e}
		}
	}
}

// syncUntilOK syncs d through faults until a sync succeeds (at most limit tries) and
// returns how many failed.
func (a *acks) syncUntilOK(d *device, limit int) int {
	n, _ := a.syncUntilOKSum(d, limit)
	return n
}

// syncUntilOKSum is syncUntilOK that also returns what the tries pushed, in all.
func (a *acks) syncUntilOKSum(d *device, limit int) (int, syncer.PushTally) {
	d.t.Helper()
	var last error
	var push syncer.PushTally
	for i := 0; i < limit; i++ {
		sum, err := a.sync(d)
		push.Add(sum.Push)
		if err == nil {
			return i, push
		}
		if !syncer.Retryable(err) {
			d.t.Fatalf("%s: sync failed with a permanent error: %v", d.name, err)
		}
		last = err
	}
	d.t.Fatalf("%s: no sync succeeded in %d tries; last error: %v", d.name, limit, last)
	return limit, push
}

// bookkeeping fields the server sets on what it stores.
var serverStamped = []string{"updatedAt", "teamId", "rev"}

func content(t testing.TB, entity string, state []byte) map[string]json.RawMessage {
	t.Helper()
	c, err := canon(entity, state)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]json.RawMessage{}
	json.Unmarshal([]byte(c), &m)
	for _, k := range serverStamped {
		delete(m, k)
	}
	return m
}

// check verifies that every acknowledged change is stored on the server as the
// revision the laptop sent (same content), and that its record is in final (the
// server's data, which settle has checked every laptop holds).
func (a *acks) check(t *testing.T, st serverstore.Store, teamID string, final dataset) {
	t.Helper()
	missing := 0
	err := st.InTeamTx(bg(), teamID, func(tx serverstore.Tx) error {
		for id, c := range a.byID {
			rv, found, err := tx.GetRevision(bg(), teamID, c.RecordID, c.Rev)
			if err != nil {
				return err
			}
			problem := ""
			switch {
			case !found:
				problem = "the server has no revision " + fmt.Sprint(c.Rev)
			default:
				sent, stored := content(t, c.Entity, c.State), content(t, c.Entity, rv.State)
				for k := range sent {
					if !jsonEq(sent[k], stored[k]) {
						problem = fmt.Sprintf("field %s sent %s, stored %s", k, sent[k], stored[k])
						break
					}
				}
				for k := range stored {
					if _, ok := sent[k]; !ok && problem == "" {
						problem = fmt.Sprintf("field %s stored %s, not sent", k, stored[k])
					}
				}
			}
			if _, ok := final[key(c.Entity, c.RecordID)]; !ok && problem == "" {
				problem = "the record is not in the server's data"
			}
			if problem != "" {
				if missing++; missing <= 10 {
					t.Errorf("acknowledged change %s (%s %s rev %d from %s): %s", id, c.Entity, c.RecordID, c.Rev, c.device, problem)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading revisions: %v", err)
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged changes are not on the server as sent", missing, len(a.byID))
	}
	t.Logf("%d acknowledged changes, all on the server as sent: %v", len(a.byID), missing == 0)
}

package syncer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/syncapi"
)

// What the laptop does with the server's answers to a push (docs/sync-protocol.md).
// The decisions are here; the Store's transaction only reads and writes.

// PushTally counts push results by status.
type PushTally struct {
	Applied, Duplicate, Merged, Conflict, Rejected int
	// Unanswered entries got no result (or one this version does not know); they stay
	// in the outbox and go again next time.
	Unanswered int
}

// Add sums two tallies.
func (t *PushTally) Add(o PushTally) {
	t.Applied += o.Applied
	t.Duplicate += o.Duplicate
	t.Merged += o.Merged
	t.Conflict += o.Conflict
	t.Rejected += o.Rejected
	t.Unanswered += o.Unanswered
}

// Accepted is how many changes the server took (applied, duplicate, merged, conflict).
func (t PushTally) Accepted() int { return t.Applied + t.Duplicate + t.Merged + t.Conflict }

// takePushBatch takes at most n pending outbox entries with after < seq <= upTo
// (upTo 0: no bound), oldest first, and marks them sent in the same transaction, so
// that a later edit of the same record makes a new entry instead of changing one the
// server may already have. Entries sent before whose answer never came are included:
// they go again with the same change id, which the server answers as a duplicate.
func takePushBatch(ctx context.Context, st Store, after, upTo int64, n int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := st.SyncTx(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Take(after, upTo, n, nil)
		return err
	})
	return out, err
}

// ackAndTake is ApplyPushResults and then takePushBatch, in one transaction: a sync
// records the answers to what it sent and takes what it sends next with one commit.
// inFlight are entries sent whose answers are not recorded yet (a sync sends the next
// group while it records the last): the take stops before the first entry of one of
// their records, so that recording those answers can still rebase it, as if the
// groups had gone one after the other.
//
// move (nil: none) moves the saved pull cursor past the laptop's own changes that the
// answers cover (engine.go, ownRange), in the same transaction.
func ackAndTake(ctx context.Context, st Store, sent []OutboxEntry, results []syncapi.Result, move *cursorMove, after, upTo int64, n int, inFlight []OutboxEntry) (PushTally, []OutboxEntry, error) {
	var busy func(Key) bool
	if len(inFlight) > 0 {
		set := make(map[Key]bool, len(inFlight))
		for _, e := range inFlight {
			set[keyOf(&e)] = true
		}
		busy = func(k Key) bool { return set[k] }
	}
	var t PushTally
	var next []OutboxEntry
	err := st.SyncTx(ctx, func(tx Tx) error {
		var err error
		if t, err = applyPushResults(st, tx, sent, results); err != nil {
			return err
		}
		if move != nil {
			if move.done, err = tx.MoveCursor(move.from, move.to); err != nil {
				return err
			}
		}
		next, err = tx.Take(after, upTo, n, busy)
		return err
	})
	return t, next, err
}

// ApplyPushResults records the server's answers to a push, in one transaction.
// Applied, duplicate, merged and conflict remove the entry, record the server's
// revision and state as the record's sync base and, unless a newer local change of
// the record waits, write the server's state (and revision) to the record; a newer
// change waiting is rebased on the server's answer when that can be done without
// losing anything. Rejected marks the entry rejected with the reason: it stays,
// visible, and is never sent again. An entry already handled (by another sync of this
// laptop running at the same time) is left alone.
func ApplyPushResults(ctx context.Context, st Store, sent []OutboxEntry, results []syncapi.Result) (PushTally, error) {
	var t PushTally
	err := st.SyncTx(ctx, func(tx Tx) error {
		var err error
		t, err = applyPushResults(st, tx, sent, results)
		return err
	})
	return t, err
}

func keyOf(e *OutboxEntry) Key { return Key{e.Entity, e.RecordID} }

type ack struct {
	e *OutboxEntry
	r *syncapi.Result
}

func applyPushResults(st Store, tx Tx, sent []OutboxEntry, results []syncapi.Result) (PushTally, error) {
	var t PushTally
	byID := make(map[string]*OutboxEntry, len(sent))
	for i := range sent {
		byID[sent[i].ChangeID] = &sent[i]
	}
	team, err := tx.TeamID()
	if err != nil {
		return t, err
	}
	answered := map[string]bool{}
	// First every answered entry leaves the queue (or is marked rejected)...
	var acks []ack
	var taken []*OutboxEntry
	for i := range results {
		r := &results[i]
		e := byID[r.ChangeID]
		if e == nil || answered[r.ChangeID] {
			continue
		}
		switch r.Status {
		case syncapi.StatusApplied, syncapi.StatusDuplicate, syncapi.StatusMerged, syncapi.StatusConflict:
			acks = append(acks, ack{e, r})
			taken = append(taken, e)
			switch r.Status {
			case syncapi.StatusApplied:
				t.Applied++
			case syncapi.StatusDuplicate:
				t.Duplicate++
			case syncapi.StatusMerged:
				t.Merged++
			default:
				t.Conflict++
			}
		case syncapi.StatusRejected:
			if err := reject(tx, e, r); err != nil {
				return t, err
			}
			t.Rejected++
		default:
			continue // a status this version does not know: sent again next time
		}
		answered[r.ChangeID] = true
	}
	t.Unanswered = len(sent) - len(answered)
	// (one statement for the whole batch; an entry already gone was handled by another
	// sync of this laptop: it is left alone)
	deleted, err := tx.Remove(taken)
	if err != nil {
		return t, err
	}
	n := 0
	for _, a := range acks {
		if deleted[a.e.ChangeID] {
			acks[n] = a
			n++
		}
	}
	acks = acks[:n]
	if len(acks) == 0 {
		return t, nil
	}
	// ...then the changes that still wait for those records, in one query...
	keys := make([]Key, len(acks))
	for i, a := range acks {
		keys[i] = keyOf(a.e)
	}
	waiting, err := tx.Waiting(keys)
	if err != nil {
		return t, err
	}
	// ...and each record takes the server's answer. A change applied as sent, whose
	// record nothing else in the batch or the queue touches, only needs its sync base
	// and the server's revision and team: those are written for all of them at once.
	perRecord := make(map[Key]int, len(acks))
	for _, k := range keys {
		perRecord[k]++
	}
	var plain []SentAck
	var rest []ack
	for _, a := range acks {
		k := keyOf(a.e)
		if !isObject(a.r.State) && len(waiting[k]) == 0 && perRecord[k] == 1 && st.Holds(a.e.Entity) {
			rev := a.r.Rev
			if rev <= 0 {
				rev = a.e.Rev
			}
			plain = append(plain, SentAck{Entry: a.e, Rev: rev, UpdatedAt: a.r.UpdatedAt})
		} else {
			rest = append(rest, a)
		}
	}
	if err := tx.StampSent(team, plain); err != nil {
		return t, err
	}
	for _, a := range rest {
		if err := ackChange(st, tx, team, a.e, a.r, waiting[keyOf(a.e)]); err != nil {
			return t, fmt.Errorf("push result for %s %s: %w", a.e.Entity, a.e.RecordID, err)
		}
	}
	return t, tx.Flush()
}

// rejectUnsendable marks an entry the server can never take (one change larger than
// the server accepts) as rejected, with the reason.
func rejectUnsendable(ctx context.Context, st Store, e OutboxEntry, reason string) error {
	return st.SyncTx(ctx, func(tx Tx) error {
		return reject(tx, &e, &syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusRejected,
			Code: syncapi.ETOOLARGE, Reason: reason})
	})
}

func reject(tx Tx, e *OutboxEntry, r *syncapi.Result) error {
	reason := strings.TrimSpace(r.Reason)
	if reason == "" {
		reason = "The server did not accept this change (" + r.Code + ")."
	}
	if ok, err := tx.Reject(e, reason); err != nil || !ok {
		return err
	}
	// A later change of the record was based on the rejected one, which the server
	// never stored: base it on what the server has.
	return tx.RebaseUnsent(keyOf(e), e.Rev, e.BaseRev)
}

func isObject(b json.RawMessage) bool {
	s := strings.TrimSpace(string(b))
	return len(s) > 0 && s[0] == '{'
}

// ackChange records the server's answer to a change that left the queue: the sync
// base, and the record itself unless a newer local change waits (next).
func ackChange(st Store, tx Tx, team string, e *OutboxEntry, r *syncapi.Result, next []Waiting) error {
	rev := r.Rev
	if rev <= 0 {
		rev = e.Rev
	}
	fromServer := isObject(r.State)
	state := e.State
	if fromServer {
		state = r.State
	}
	if ok, err := tx.PutBase(keyOf(e), rev, state); err != nil || !ok {
		return err // not written: a newer server state is known already (pulled)
	}
	if len(next) == 0 {
		if !fromServer {
			// applied as sent: the record is the server's; note its revision and team
			return tx.Stamp(keyOf(e), e.Rev, rev, team, r.UpdatedAt)
		}
		rec, meta, err := st.Decode(e.Entity, state)
		if err != nil {
			return err
		}
		meta.ID, meta.Rev = e.RecordID, rev
		if team != "" && meta.TeamID == "" {
			meta.TeamID = team
		}
		// The merged state may name a session or project this laptop has not pulled
		// yet: park it like a pulled record (the pull that follows brings the parent
		// and writes it).
		if ok, err := tx.ParentExists(rec); err != nil {
			return err
		} else if !ok {
			tx.Park(keyOf(e))
			return nil
		}
		return tx.Put(rec)
	}
	// A newer local change waits. Rebase the unsent one made on top of what was sent.
	for _, p := range next {
		if p.Sent || p.BaseRev != e.Rev {
			continue
		}
		if !fromServer {
			if rev != e.Rev {
				if err := tx.SetWaiting(p.Seq, rev, 0, nil); err != nil {
					return err
				}
			}
			continue
		}
		if err := rebase(st, tx, e, state, rev, p); err != nil {
			return err
		}
	}
	return nil
}

// rebase moves a waiting local change p, made on top of the sent change e, onto the
// server's merged state (rev): fields the other device changed come in, fields changed
// here stay. If both changed the same field, p is left as it is: the server merges it
// against e's state when it arrives, and records the conflict, so nothing is lost.
func rebase(st Store, tx Tx, e *OutboxEntry, serverState json.RawMessage, rev int64, p Waiting) error {
	mine, err := tx.WaitingState(p.Seq)
	if err != nil {
		return err
	}
	var base, srv, cli map[string]json.RawMessage
	if json.Unmarshal(e.State, &base) != nil || json.Unmarshal(serverState, &srv) != nil || json.Unmarshal(mine, &cli) != nil {
		return nil
	}
	merged, conflicts := syncapi.Merge(base,
		syncapi.Side{State: srv, Rev: rev, DeviceID: "server"},
		syncapi.Side{State: cli, Rev: p.Rev, DeviceID: st.DeviceID()})
	if len(conflicts) > 0 {
		return nil
	}
	newRev := st.NextRev(max(rev, p.Rev))
	for _, k := range []string{"updatedAt", "deviceId"} {
		if v, ok := cli[k]; ok {
			merged[k] = v
		}
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return err
	}
	rec, meta, err := st.Decode(e.Entity, b)
	if err != nil {
		return err
	}
	if ok, err := tx.ParentExists(rec); err != nil || !ok {
		return err // names a record not pulled yet: leave p for the server to merge
	}
	meta.ID, meta.Rev = e.RecordID, newRev
	if err := tx.Put(rec); err != nil {
		return err
	}
	state, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return tx.SetWaiting(p.Seq, rev, newRev, state)
}

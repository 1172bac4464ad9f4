package serverpostgres

import (
	"bytes"
	"context"
)

// A new record's first state is stored once (migration 0010; as the SQLite store's
// shared.go, docs/decisions.md): the revision a push adds with a new record's state is
// written with state NULL, "the state of the team's record with this id" (which is at
// that rev). That stays true because every write that replaces a stored record's state
// first gives the record's NULL revisions the state it had (keepSharedStates, queued
// before the records in queueRows). Erasure deletes a record's revisions before its
// erased state is written, a deleted record's revisions go before it (DeleteRecords),
// and the team key's rewrite rewrites the record, which its NULL revisions share.

// revState is a revision's state in SQL, in a statement over revisions: its own or,
// when NULL, its record's.
const revState = "coalesce(state, (SELECT r.state FROM records r WHERE r.id = revisions.record_id AND r.team_id = revisions.team_id))"

// markAbsent notes that the team has no stored record with id.
func (t *teamTx) markAbsent(id string) {
	if t.absent == nil {
		t.absent = map[string]bool{}
	}
	t.absent[id] = true
}

// markFresh notes, at a record's first PutRecord, whether the team had none stored.
func (t *teamTx) markFresh(id string) {
	if t.fresh == nil {
		t.fresh = map[string]bool{}
	}
	t.fresh[id] = t.absent[id]
}

// sharedRevisions says which of t.revs queueRows stores without their state: for each
// record the transaction creates (fresh), the last of its revisions with the record's
// final rev and the same state.
func (t *teamTx) sharedRevisions() []bool {
	shared := make([]bool, len(t.revs))
	done := make(map[string]bool, len(t.recs))
	for i := len(t.revs) - 1; i >= 0; i-- {
		v := &t.revs[i]
		if done[v.RecordID] || !t.fresh[v.RecordID] {
			continue
		}
		if r, ok := t.recs[v.RecordID]; ok && r.Rev == v.Rev && bytes.Equal(r.State, v.State) {
			shared[i], done[v.RecordID] = true, true
		}
	}
	return shared
}

// keepSharedStates queues, before the records are written, the copying of the state
// the stored records' NULL revisions share into them. Records the transaction created
// have none stored.
func (t *teamTx) keepSharedStates(ctx context.Context) error {
	var ids []string
	for _, id := range t.recOrder {
		if !t.fresh[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return t.write(ctx, "keep the states revisions share",
		`UPDATE revisions SET state = r.state FROM records r
		WHERE revisions.team_id = $1 AND revisions.record_id = ANY($2::text[]) AND revisions.state IS NULL
			AND r.id = revisions.record_id AND r.team_id = revisions.team_id`, t.teamID, ids)
}

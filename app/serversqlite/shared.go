package serversqlite

import (
	"bytes"
	"encoding/json"
)

// A new record's first state is stored once (migration 0010; docs/decisions.md): the
// revision a push adds with a new record's state is written with state NULL, which
// means "the state of the team's record with this id" (the record is at that rev).
// That stays true because every write that replaces a stored record's state first
// gives the record's NULL revisions the state it had (keepSharedStates, in flush).
// Erasure deletes a record's revisions before its erased state is written, and a
// deleted record's revisions go before it (DeleteRecords); the team key's rewrite
// rewrites the record, which its NULL revisions share (teamkey.go).

// revState is a revision's state in SQL, in a statement over revisions: its own or,
// when NULL, its record's.
const revState = "coalesce(state, (SELECT r.state FROM records r WHERE r.id = revisions.record_id AND r.team_id = revisions.team_id))"

// sharedRevisions says which of t.revs flush stores without their state: for each
// record the transaction creates (none of the team's before it: fresh), the last of its
// revisions with the record's final rev and the same state.
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

// keepSharedStates gives the NULL revisions of the records flush is about to replace
// the state they share, before it is replaced. Records the transaction created have
// none stored.
func (t *teamTx) keepSharedStates() error {
	var ids []string
	for _, id := range t.recOrder {
		if !t.fresh[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	return t.exec(`UPDATE revisions SET state = (SELECT r.state FROM records r WHERE r.id = revisions.record_id AND r.team_id = revisions.team_id)
		WHERE team_id = ? AND record_id IN (SELECT value FROM json_each(?)) AND state IS NULL`, t.teamID, string(list))
}

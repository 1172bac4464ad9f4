package store

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// Light sync bases (issue 17, docs/decisions.md): a sync base of a session or feedback
// item whose state is '' says "the server's state is the record's row as it is now":
// the row has not changed since the base was taken. A push answer applied as sent to a
// row still at the sent revision (StampSent), and a pulled session or feedback item
// written to its row unchanged by an erasure (CollectBase, PutPulled), or the same
// version again as a light base (this laptop's own change back: BaseStates noted it,
// and the row is not written), write their bases light, so that the laptop does not keep a second full copy of every record it
// synced (some 45–50 MB at 100 000 items).
//
// Before such a row changes, freezeLight (at every place that changes a session or
// feedback row: putFeedback, upsertSession, the import's update) writes the row's
// state into the base, as into the record's light outbox entries. Readers of base states fill a light one from
// the row (BaseStates) or skip it where the row is what they want anyway (an erasure
// erases the row in place, erasure_apply.go; the sealing sweep never selects sessions
// or feedback). A parked base (parked = 1: no row yet) is never light; a purge or a
// role's removal deletes the bases with the rows.

// lightBaseSQL selects a record's light sync base (?1 entity, ?2 id; a parked base is
// never light): freezeLight writes the row's state into it before the row changes.
const lightBaseSQL = `entity = ?1 AND record_id = ?2 AND state = '' AND parked = 0`

// fillLightBases gives the light bases among states their records' rows (in states
// only); a light base whose row is gone is left out.
func fillLightBases(ctx context.Context, q queryer, states map[syncer.Key]json.RawMessage) error {
	byEntity := map[string][]string{}
	for k, s := range states {
		if len(s) == 0 {
			byEntity[k.Entity] = append(byEntity[k.Entity], k.ID)
		}
	}
	for entity, ids := range byEntity {
		m, err := lightStates(ctx, q, entity, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			k := syncer.Key{Entity: entity, ID: id}
			if s, ok := m[id]; ok {
				states[k] = json.RawMessage(s)
			} else {
				delete(states, k)
			}
		}
	}
	return nil
}

// atRev says which of the records (of one light entity) are at the given revisions:
// pairs of [id, rev].
func atRev(ctx context.Context, q queryer, entity string, pairs [][2]any) (map[string]bool, error) {
	out := map[string]bool{}
	if len(pairs) == 0 {
		return out, nil
	}
	table := tableOf(entity)
	rows, err := q.QueryContext(ctx, `SELECT t.id FROM json_each(?) j JOIN `+table+` t ON t.id = j.value ->> 0 AND t.rev = j.value ->> 1`,
		jsonList(pairs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// readsBack says whether state, written to its record's row as rec (decoded from it),
// reads back the same (lightStates): only then may its base be light, so that a reader
// filling the base from the row (BaseStates) gets what the base would hold. The row
// keeps lists as JSON text (a null list reads back as []) and no session's project
// name or feedback count; a state with a field the record does not have (from a newer
// version) reads back shorter. Keys in another order are the same state, so the
// check is the length of what the row reads back as: any doubt keeps the base full
// (a base kept full costs space, never a wrong merge).
func readsBack(rec any, state []byte) bool {
	var v any
	switch r := rec.(type) {
	case *involve.Session:
		if r.Standards == nil || r.AccessSupport == nil || r.QuestionSets == nil || r.ProjectName != "" || r.FeedbackCount != 0 {
			return false
		}
		v = r
	case *involve.Feedback:
		if r.Themes == nil {
			return false
		}
		return feedbackJSONLen(r) == len(state) // len(json.Marshal(r)), counted (sync_base_len.go)
	default:
		return false
	}
	b, err := json.Marshal(v)
	return err == nil && len(b) == len(state)
}

// sentReadsBack is readsBack for a state this laptop sent (a session or feedback
// item), without decoding it: such a state is json.Marshal of the record (its row's,
// for a light outbox entry), fields in the type's order, so what the row does not keep
// shows as bytes: a null list, a session's project name or feedback count. (A state
// from an older version with fewer fields passes: its base then differs from the row
// in fields it did not have, which costs at most writing the record again when it is
// pulled back at the same revision, never a wrong merge: the server merges.)
func sentReadsBack(entity string, state []byte) bool {
	switch entity {
	case involve.EntitySession:
		return !bytes.Contains(state, []byte(`"standards":null`)) && !bytes.Contains(state, []byte(`"accessSupport":null`)) &&
			!bytes.Contains(state, []byte(`"questionSets":null`)) && bytes.HasSuffix(state, []byte(`"projectName":"","feedbackCount":0}`))
	case involve.EntityFeedback:
		return !bytes.Contains(state, []byte(`"themes":null`))
	}
	return false
}

package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// Records stored by versions of Involve before sealed fields hold identifying values in
// plain text. At start the server seals them in place with each team's key: in its
// records and revisions, in conflict records about them, and in the stored results of
// the changes that made them (a merge's result carries the merged state). Sealing is deterministic,
// so a laptop sealing the same value in the same place gets the same token, and doing
// it again changes nothing.

// SealPlainValues seals every plain sealed-field value of every team's records and
// revisions (one transaction per team and kind), and returns how many states it
// rewrote.
func (k *Keys) SealPlainValues(ctx context.Context) (int, error) {
	teams, err := k.store.ListTeams(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, t := range teams {
		key, err := k.TeamKey(ctx, t.ID)
		if err != nil {
			return total, err
		}
		for _, entity := range []string{involve.EntityContributor, involve.EntityConsent, involve.EntityTimeEntry, involve.EntityConflict} {
			n, err := k.store.RewriteStates(ctx, t.ID, entity, func(state json.RawMessage) (json.RawMessage, error) {
				return sealState(key, entity, state)
			}, func(result json.RawMessage) (json.RawMessage, error) {
				return sealResult(key, entity, result)
			})
			total += n
			if err != nil {
				return total, fmt.Errorf("seal the plain values of team %s's %s records: %w", t.ID, entity, err)
			}
		}
	}
	return total, nil
}

// sealResult returns a stored change result with the plain values of its state
// sealed, or nil when it holds none (most results carry no state).
func sealResult(key *lockbox.TeamKey, entity string, result json.RawMessage) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(result, &m); err != nil {
		return nil, err
	}
	state, ok := m["state"]
	if !ok || len(bytes.TrimSpace(state)) == 0 || bytes.Equal(bytes.TrimSpace(state), []byte("null")) {
		return nil, nil
	}
	sealed, err := sealState(key, entity, state)
	if err != nil || sealed == nil {
		return nil, err
	}
	m["state"] = sealed
	return json.Marshal(m)
}

// sealState returns state with its plain sealed-field values sealed, or nil when it
// holds none.
func sealState(key *lockbox.TeamKey, entity string, state json.RawMessage) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(state, &m); err != nil {
		return nil, err
	}
	if entity == involve.EntityConflict {
		var c involve.Conflict
		if err := json.Unmarshal(state, &c); err != nil {
			return nil, err
		}
		if !involve.HasSealedFields(c.Entity) {
			return nil, nil
		}
		changed := false
		for _, v := range []*json.RawMessage{&c.Base, &c.Winner.Value, &c.Loser.Value} {
			sealed, err := sealFieldValue(key, c.Entity, c.RecordID, c.Field, *v)
			if err != nil {
				return nil, err
			}
			if sealed != nil {
				*v, changed = sealed, true
			}
		}
		if !changed {
			return nil, nil
		}
		for name, v := range map[string]any{"base": c.Base, "winner": c.Winner, "loser": c.Loser} {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			m[name] = b
		}
		return json.Marshal(m)
	}
	kind, ok := involve.KindOf(entity)
	if !ok {
		return nil, nil
	}
	rec := kind.NewRecord()
	if err := json.Unmarshal(state, rec); err != nil {
		return nil, err
	}
	if !sealPlain(key, entity, rec) {
		return nil, nil
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var sealed map[string]json.RawMessage
	if err := json.Unmarshal(b, &sealed); err != nil {
		return nil, err
	}
	for _, f := range involve.SealedFields(rec) {
		if v, ok := sealed[f.Name]; ok {
			m[f.Name] = v
		}
	}
	return json.Marshal(m)
}

// sealPlain seals each plain sealed-field value of rec in place and reports whether
// there was one.
func sealPlain(key *lockbox.TeamKey, entity string, rec any) bool {
	id := involve.MetaOf(rec).ID
	changed := false
	for _, f := range involve.SealedFields(rec) {
		if *f.Value != "" && !involve.IsSealedValue(*f.Value) {
			*f.Value = key.SealField(lockbox.FieldPlace(entity, id, f.Name), *f.Value)
			changed = true
		}
	}
	return changed
}

// sealFieldValue seals the plain values of one field's value (a conflict's side): nil
// when there are none.
func sealFieldValue(key *lockbox.TeamKey, entity, recordID, field string, v json.RawMessage) (json.RawMessage, error) {
	if t := bytes.TrimSpace(v); len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil, nil
	}
	kind, ok := involve.KindOf(entity)
	if !ok {
		return nil, nil
	}
	name, err := json.Marshal(field)
	if err != nil {
		return nil, err
	}
	rec := kind.NewRecord()
	involve.MetaOf(rec).ID = recordID
	if err := json.Unmarshal([]byte(`{`+string(name)+`:`+string(v)+`}`), rec); err != nil {
		return nil, nil // not a value of a sealed field as the record holds it: left as it is
	}
	if involve.MetaOf(rec).ID != recordID || !sealPlain(key, entity, rec) {
		return nil, nil
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m[field], nil
}

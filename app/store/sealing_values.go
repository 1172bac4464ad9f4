package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// Sealed values, one at a time: every way the store changes the sealed fields of a
// record (sealing, opening, sealing again with another key, blanking) is a valueFn
// applied to each of them, wherever the record is: a typed record in memory, a state
// (JSON) in the docs table, the outbox or a sync base, or a conflict about a sealed
// field.

// valueFn turns one sealed field's value, in its place (lockbox.FieldPlace), into
// another. It is never called with "".
type valueFn func(place, v string) (string, error)

// sealedNames are the sealed fields of each kind with some (involve.HasSealedFields),
// by JSON name.
var sealedNames = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, k := range involve.Kinds() {
		if !involve.HasSealedFields(k.Entity) {
			continue
		}
		rec := k.NewRecord()
		if c, ok := rec.(*involve.Contributor); ok {
			c.LivedExperience = []string{""} // a list: its elements are sealed one by one
		}
		names := map[string]bool{}
		for _, f := range involve.SealedFields(rec) {
			names[f.Name] = true
		}
		if len(names) == 0 {
			panic("store: " + k.Entity + " has sealed fields, but involve.SealedFields lists none")
		}
		out[k.Entity] = names
	}
	return out
}()

// isSealedField reports whether field of entity is sealed.
func isSealedField(entity, field string) bool { return sealedNames[entity][field] }

// sealedKinds are the entities with sealed fields, as a JSON list for SQL.
var sealedKinds = func() string {
	var list []string
	for e := range sealedNames {
		list = append(list, e)
	}
	return jsonList(list)
}()

// applyRec applies fn to every sealed field of a typed record, in place.
func applyRec(entity string, rec any, fn valueFn) error {
	id := involve.MetaOf(rec).ID
	for _, f := range involve.SealedFields(rec) {
		if *f.Value == "" {
			continue
		}
		v, err := fn(lockbox.FieldPlace(entity, id, f.Name), *f.Value)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		*f.Value = v
	}
	return nil
}

// applyValue applies fn to a field's JSON value: a string, or a list of strings (each
// element in the same place); null and "" are left alone.
func applyValue(place string, raw json.RawMessage, fn valueFn) (json.RawMessage, bool, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return raw, false, nil
	}
	one := func(s string) (string, bool, error) {
		if s == "" {
			return s, false, nil
		}
		v, err := fn(place, s)
		return v, v != s, err
	}
	switch t[0] {
	case '"':
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return raw, false, err
		}
		v, changed, err := one(s)
		if err != nil || !changed {
			return raw, false, err
		}
		b, err := json.Marshal(v)
		return b, true, err
	case '[':
		var list []string
		if err := json.Unmarshal(t, &list); err != nil {
			return raw, false, err
		}
		any := false
		for i, s := range list {
			v, changed, err := one(s)
			if err != nil {
				return raw, false, err
			}
			list[i], any = v, any || changed
		}
		if !any {
			return raw, false, nil
		}
		b, err := json.Marshal(list)
		return b, true, err
	}
	return raw, false, fmt.Errorf("a sealed field holds a value of the wrong kind")
}

// applyState applies fn to the sealed fields of a record's state (JSON) of entity,
// whose id is id; a conflict's state is a conflict's (applyConflict). It returns the
// state unchanged (the same bytes) when nothing changed.
func applyState(entity, id string, state []byte, fn valueFn) ([]byte, bool, error) {
	if entity == involve.EntityConflict {
		var c involve.Conflict
		if err := json.Unmarshal(state, &c); err != nil {
			return state, false, err
		}
		changed, err := applyConflict(&c, fn)
		if err != nil || !changed {
			return state, false, err
		}
		b, err := json.Marshal(&c)
		return b, true, err
	}
	names := sealedNames[entity]
	if len(names) == 0 {
		return state, false, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(state, &m); err != nil {
		return state, false, err
	}
	changed := false
	for name := range names {
		raw, ok := m[name]
		if !ok {
			continue
		}
		v, ch, err := applyValue(lockbox.FieldPlace(entity, id, name), raw, fn)
		if err != nil {
			return state, false, fmt.Errorf("%s: %w", name, err)
		}
		if ch {
			m[name], changed = v, true
		}
	}
	if !changed {
		return state, false, nil
	}
	b, err := json.Marshal(m)
	return b, true, err
}

// applyConflict applies fn to the values of a conflict about a sealed field (the
// base, the winner's and the loser's): they are sealed in the place of the record's
// field.
func applyConflict(c *involve.Conflict, fn valueFn) (bool, error) {
	if !isSealedField(c.Entity, c.Field) {
		return false, nil
	}
	place := lockbox.FieldPlace(c.Entity, c.RecordID, c.Field)
	changed := false
	for _, v := range []*json.RawMessage{&c.Base, &c.Winner.Value, &c.Loser.Value} {
		nv, ch, err := applyValue(place, *v, fn)
		if err != nil {
			return false, fmt.Errorf("conflict about %s: %w", c.Field, err)
		}
		if ch {
			*v, changed = nv, true
		}
	}
	return changed, nil
}

// Value functions.

// sealWith seals plain values with k; sealed ones are kept.
func sealWith(k *lockbox.TeamKey) valueFn {
	return func(place, v string) (string, error) {
		if involve.IsSealedValue(v) {
			return v, nil
		}
		return k.SealField(place, v), nil
	}
}

// openWith opens sealed values with k, or with one of also (nil ones skipped) when the
// value names it; plain ones are kept (a record from before fields were sealed, on its
// way to being sealed).
func openWith(k *lockbox.TeamKey, also ...*lockbox.TeamKey) valueFn {
	return func(place, v string) (string, error) {
		if !involve.IsSealedValue(v) {
			return v, nil
		}
		use := k
		if id, _ := lockbox.FieldKeyID(v); id != k.ID() {
			for _, o := range also {
				if o != nil && o.ID() == id {
					use = o
				}
			}
		}
		p, err := use.OpenField(place, v)
		if err != nil {
			return "", errCannotOpen(err)
		}
		return p, nil
	}
}

// resealWith seals every value with next: values sealed with old are opened first,
// plain values sealed, values of next kept. A value of another key is an error.
func resealWith(old, next *lockbox.TeamKey) valueFn {
	return func(place, v string) (string, error) {
		if !involve.IsSealedValue(v) {
			return next.SealField(place, v), nil
		}
		id, _ := lockbox.FieldKeyID(v)
		switch {
		case id == next.ID():
			return v, nil
		case old != nil && id == old.ID():
			p, err := old.OpenField(place, v)
			if err != nil {
				return "", errCannotOpen(err)
			}
			return next.SealField(place, p), nil
		}
		return "", errCannotOpen(lockbox.ErrOtherKey)
	}
}

// blankPlain empties plain values (a state that should have been sealed and cannot be
// sealed now: nothing plain is stored).
func blankPlain(place, v string) (string, error) {
	if involve.IsSealedValue(v) {
		return v, nil
	}
	return "", nil
}

// rejectPlain refuses plain values (a pulled state must carry them sealed).
func rejectPlain(place, v string) (string, error) {
	if !lockbox.IsFieldToken(v) {
		return "", errPlainPulled
	}
	return v, nil
}

var errPlainPulled = involve.Errorf(involve.EINVALID, "An identifying field arrived unsealed; it was not stored.")

func errCannotOpen(err error) error {
	return involve.Errorf(involve.EINTERNAL, "A Lived Experience Partner's details could not be opened with this laptop's key (%v). "+
		"Sync to receive your team's key, or ask for help.", err)
}

// copyRecord returns a copy of a record of a sealed kind that sealing or opening may
// change without changing rec (its lists are copied too).
func copyRecord(rec any) any {
	switch v := rec.(type) {
	case *involve.Contributor:
		c := *v
		c.LivedExperience = append([]string(nil), v.LivedExperience...)
		if v.LivedExperience == nil {
			c.LivedExperience = nil
		}
		return &c
	case *involve.Consent:
		c := *v
		c.Purposes = append([]string(nil), v.Purposes...)
		if v.Purposes == nil {
			c.Purposes = nil
		}
		return &c
	case *involve.TimeEntry:
		c := *v
		return &c
	case *involve.RetentionHold:
		c := *v
		return &c
	}
	// Any other kind: a copy of the struct, never rec itself (sealing or opening the
	// copy must not change rec: a pulled record is stored as it arrived).
	if rv := reflect.ValueOf(rec); rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
		cp := reflect.New(rv.Elem().Type())
		cp.Elem().Set(rv.Elem())
		return cp.Interface()
	}
	return rec
}

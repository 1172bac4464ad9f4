package store

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// normalizer is a form input (SessionInput, FeedbackInput, ProjectInput) that tidies
// itself: trims text, tidies code lists, fills defaults.
type normalizer[T any] interface {
	*T
	Normalize()
}

// overlayEdits returns the input a form save should store: the record's current input
// with every field the person changed (where edited differs from loaded, the input as
// the form received it) taken from edited. A change the background sync pulled while
// the form was open, to a field the person did not touch, so survives the save. A zero
// loaded (a caller with no loaded state) means edited replaces every field.
//
// Fields are compared by their JSON encoding after both sides are normalized, so
// white space the rules trim is no change, and an empty list equals no list.
func overlayEdits[T any, PT normalizer[T]](current, loaded, edited T) (T, error) {
	if reflect.ValueOf(loaded).IsZero() {
		return edited, nil
	}
	PT(&loaded).Normalize()
	norm := edited
	PT(&norm).Normalize()
	var cur, was, now map[string]json.RawMessage
	for _, p := range []struct {
		v   T
		out *map[string]json.RawMessage
	}{{current, &cur}, {loaded, &was}, {norm, &now}} {
		b, err := json.Marshal(p.v)
		if err != nil {
			return current, err
		}
		if err := json.Unmarshal(b, p.out); err != nil {
			return current, err
		}
	}
	changed := false
	for k, v := range now {
		if !sameJSON(v, was[k]) {
			cur[k], changed = v, true
		}
	}
	if !changed {
		return current, nil
	}
	b, err := json.Marshal(cur)
	if err != nil {
		return current, err
	}
	var out T
	err = json.Unmarshal(b, &out)
	return out, err
}

// sameJSON compares two encoded field values; null and [] are the same (no list).
func sameJSON(a, b json.RawMessage) bool {
	empty := func(v json.RawMessage) bool {
		v = bytes.TrimSpace(v)
		return len(v) == 0 || string(v) == "null" || string(v) == "[]"
	}
	if empty(a) && empty(b) {
		return true
	}
	return bytes.Equal(a, b)
}

package syncapi

import (
	"bytes"
	"encoding/json"
	"sort"
)

// Fields that are bookkeeping, not content: they are never merged or put in conflict.
// The server sets them on the merged record.
var metaFields = map[string]bool{
	"id": true, "createdAt": true, "updatedAt": true, "createdBy": true, "deviceId": true, "rev": true,
	"teamId": true,
	// derived by the store when read, carried in states for convenience
	"projectName": true, "feedbackCount": true, "sessionCount": true, "usage": true,
	// when the notes were last saved: follows the notes, never a conflict of its own
	"notesUpdatedAt": true,
}

// followers are bookkeeping fields that take the value from the side whose content
// field the merge kept.
var followers = map[string]string{"notesUpdatedAt": "notes"}

// IsMetaField reports whether a state field is bookkeeping (never merged).
func IsMetaField(f string) bool { return metaFields[f] }

// DeletedField is the tombstone field.
const DeletedField = "deletedAt"

// Side is one of the two concurrent versions of a record.
type Side struct {
	State    map[string]json.RawMessage
	Rev      int64
	DeviceID string
}

// FieldConflict is a field both sides changed to different values.
type FieldConflict struct {
	Field  string
	Base   json.RawMessage
	Winner json.RawMessage
	Loser  json.RawMessage
	// LoserIsClient says which side lost (for the conflict record's attribution).
	LoserIsClient bool
}

// wins reports whether a beats b: the higher revision, then the higher device id.
// Every server and device computes the same answer.
func wins(a, b Side) bool {
	if a.Rev != b.Rev {
		return a.Rev > b.Rev
	}
	return a.DeviceID > b.DeviceID
}

var null = json.RawMessage("null")

func get(m map[string]json.RawMessage, k string) json.RawMessage {
	if v, ok := m[k]; ok && len(v) > 0 {
		return v
	}
	return null
}

// Equal compares two JSON values (states are written by encoding/json, so compact
// forms compare byte for byte; an absent value equals null).
func Equal(a, b json.RawMessage) bool {
	if len(a) == 0 {
		a = null
	}
	if len(b) == 0 {
		b = null
	}
	if bytes.Equal(a, b) {
		return true
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return false
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func isNull(v json.RawMessage) bool { return Equal(v, null) || Equal(v, json.RawMessage(`""`)) }

// Merge combines a server record and a concurrent client change that both started
// from base (nil base: both created the record independently). Rules:
//   - a field changed on one side only takes that side's value;
//   - a field changed on both sides to the same value is that value;
//   - a field changed on both sides to different values takes the winner's value
//     (higher rev, then higher device id) and yields a FieldConflict with the loser;
//   - delete against edit: if one side deleted the record (deletedAt set) and the other
//     changed any content field, the record stays deleted, the edits are kept in the
//     tombstone (so a restore brings them back), and a "deletedAt" conflict is recorded
//     so that a person can restore it.
//
// Bookkeeping fields are left to the caller. The result is deterministic.
func Merge(base map[string]json.RawMessage, server, client Side) (map[string]json.RawMessage, []FieldConflict) {
	if base == nil {
		base = map[string]json.RawMessage{}
	}
	keys := map[string]bool{}
	for _, m := range []map[string]json.RawMessage{base, server.State, client.State} {
		for k := range m {
			if !metaFields[k] {
				keys[k] = true
			}
		}
	}
	fields := make([]string, 0, len(keys))
	for k := range keys {
		fields = append(fields, k)
	}
	sort.Strings(fields)

	clientWins := wins(client, server)
	merged := make(map[string]json.RawMessage, len(server.State))
	for k, v := range server.State {
		merged[k] = v
	}
	var conflicts []FieldConflict
	serverEdited, clientEdited := false, false
	for _, f := range fields {
		b, s, c := get(base, f), get(server.State, f), get(client.State, f)
		sChanged, cChanged := !Equal(s, b), !Equal(c, b)
		if f != DeletedField {
			serverEdited = serverEdited || sChanged
			clientEdited = clientEdited || cChanged
		}
		switch {
		case !cChanged:
			merged[f] = s
		case !sChanged || Equal(s, c):
			merged[f] = c
		case f == DeletedField:
			// both changed the tombstone (deleted at different times, or one restored):
			// handled below with the delete-against-edit rule
			merged[f] = s
		case clientWins:
			merged[f] = c
			conflicts = append(conflicts, FieldConflict{Field: f, Base: b, Winner: c, Loser: s})
		default:
			merged[f] = s
			conflicts = append(conflicts, FieldConflict{Field: f, Base: b, Winner: s, Loser: c, LoserIsClient: true})
		}
	}

	for follower, field := range followers {
		c := get(client.State, field)
		if _, ok := client.State[follower]; ok && Equal(merged[field], c) && !Equal(c, get(server.State, field)) {
			merged[follower] = client.State[follower]
		}
	}

	// Delete against edit.
	bDel, sDel, cDel := !isNull(get(base, DeletedField)), !isNull(get(server.State, DeletedField)), !isNull(get(client.State, DeletedField))
	switch {
	case sDel && cDel:
		// both deleted: keep the earlier deletion time (a stable choice)
		s, c := get(server.State, DeletedField), get(client.State, DeletedField)
		if bytes.Compare(c, s) < 0 {
			merged[DeletedField] = c
		} else {
			merged[DeletedField] = s
		}
	case !bDel && sDel && !cDel:
		merged[DeletedField] = get(server.State, DeletedField)
		if clientEdited {
			conflicts = append(conflicts, FieldConflict{Field: DeletedField, Base: null,
				Winner: get(server.State, DeletedField), Loser: null, LoserIsClient: true})
		}
	case !bDel && cDel && !sDel:
		merged[DeletedField] = get(client.State, DeletedField)
		if serverEdited {
			conflicts = append(conflicts, FieldConflict{Field: DeletedField, Base: null,
				Winner: get(client.State, DeletedField), Loser: null})
		}
	case bDel && (!sDel || !cDel):
		// one side restored a deleted record: the restore wins (nothing is lost)
		merged[DeletedField] = null
	}
	return merged, conflicts
}

package syncwire

import "bytes"

// stamped are the fields the server sets on what it stores, and the derived counts a
// state carries: they do not make two versions of a record different.
var stamped = map[string]bool{"teamId": true, "rev": true, "updatedAt": true,
	"projectName": true, "feedbackCount": true, "sessionCount": true, "usage": true}

// Stamped reports whether a state's field is one the server stamps or a derived count
// (a field two versions of one record may differ in and still be the same version).
func Stamped(field string) bool { return stamped[field] }

// SameFields is the quick answer, for the usual case of two states written by
// json.Marshal of the same type, to whether they agree on every field but the stamped
// ones: the same fields in the same order with the same bytes. false means "not
// known to be the same" (a caller that must know compares the decoded values).
func SameFields(a, b []byte) bool {
	type field struct{ k, v []byte }
	var fa [48]field
	list := fa[:0]
	if !Fields(a, func(k, v []byte) bool {
		if !stamped[string(k)] {
			list = append(list, field{k, v})
		}
		return true
	}) {
		return false
	}
	i := 0
	return Fields(b, func(k, v []byte) bool {
		if stamped[string(k)] {
			return true
		}
		if i >= len(list) || !bytes.Equal(list[i].k, k) || !bytes.Equal(list[i].v, v) {
			return false
		}
		i++
		return true
	}) && i == len(list)
}

package servertest

import (
	"bytes"
	"testing"
)

// ErasedAtRest makes the erasure scenario of testErasurePartner (a partner with a
// consent record, a time entry, a merge and a conflict; then a lead's erasure) through
// a real server over a store of kind, and searches what the server keeps afterwards
// (StoreBytes: every file of the SQLite store's data folder as the server left it, or
// a pg_dump of the PostgreSQL store's schema) for the erased values: the sealed tokens
// of the partner's name and access needs, and the time entry's task.
func ErasedAtRest(t *testing.T, kind string) {
	st, where := OpenStore(t, kind)
	e := NewEnvOn(t, st)
	ec := newErasureCaseOn(t, e)
	before := StoreBytes(t, kind, where, ec.team.ID)
	if !bytes.Contains(before, []byte(ec.nameToken)) || !bytes.Contains(before, []byte(erasureTask)) {
		t.Fatal("the store does not hold the values to erase: the search proves nothing")
	}
	ec.erase(t)
	e.Server.Close()
	dump := StoreBytes(t, kind, where, ec.team.ID)
	for _, w := range []string{ec.nameToken, ec.token, erasureTask} {
		if bytes.Contains(dump, []byte(w)) {
			t.Errorf("after the erasure, the %s store still holds %q", kind, w)
		}
	}
}

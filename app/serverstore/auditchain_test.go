package serverstore

import (
	"testing"
	"time"
)

// TestChainHashPinned: the encoding of an entry is part of every stored log: a change
// to it would make every existing log fail to verify. These values must never change.
func TestChainHashPinned(t *testing.T) {
	e := AuditEntry{At: time.Date(2026, 12, 6, 9, 0, 0, 123456789, time.UTC), TeamID: "team-a", DeviceID: "d1", Action: "push",
		Detail: "3 changes: 3 applied"}
	first := ChainHash("", 1, e)
	second := ChainHash(first, 2, e)
	if first != wantFirst || second != wantSecond {
		t.Errorf("ChainHash = %s, %s; want %s, %s", first, second, wantFirst, wantSecond)
	}
	// The time counts to the microsecond only (what the databases keep).
	e2 := e
	e2.At = e.At.Add(200 * time.Nanosecond) // still .123456
	if ChainHash("", 1, e2) != first {
		t.Error("a time differing below the microsecond changed the hash")
	}
	// Moving text from one field to the next changes the hash (lengths are encoded).
	e3 := e
	e3.TeamID, e3.DeviceID = "team-ad", "1"
	if ChainHash("", 1, e3) == first {
		t.Error("field boundaries are not part of the hash")
	}
}

// Computed independently: Python's hashlib.sha256 over the length-prefixed fields.
const (
	wantFirst  = "c21f505da1b6a9103bcf1bd9f22335d82b7bec6b6b36ff73b1eaa7e8537789a9"
	wantSecond = "6add5dbb373acc26caada781d61d4b6cbdf59571ff1ba368daf0522bb0c7528c"
)

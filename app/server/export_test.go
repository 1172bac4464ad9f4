package server

import (
	"time"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
)

// SetRowWait sets how long a push in a row waits for the push it follows (tests);
// it returns a function that puts it back.
func SetRowWait(d time.Duration) func() {
	old := rowWait
	rowWait = d
	return func() { rowWait = old }
}

// SetPullWait sets how long a pull waits for a slot (tests); it returns a function
// that puts it back.
func SetPullWait(d time.Duration) func() {
	old := pullWait
	pullWait = d
	return func() { pullWait = old }
}

// DecodePushStrict is DecodePush with every state decoded by syncapi's strict decoding
// (encoding/json), none read by readFast: what the fast read must answer the same as.
func DecodePushStrict(body []byte, maxBatch int, key *lockbox.TeamKey) ([]PushChange, error) {
	return decodePush(body, maxBatch, key, nil, func(*syncapi.Change) any { return nil })
}

// SetPageBytes sets where a pull page stops taking records (tests); it returns a
// function that puts it back.
func SetPageBytes(n int) func() {
	old := pageBytes
	pageBytes = n
	return func() { pageBytes = old }
}

// SetBusyPageRecords sets where a pull page ends while another pull waits for a slot
// (tests); it returns a function that puts it back.
func SetBusyPageRecords(n int) func() {
	old := busyPageRecords
	busyPageRecords = n
	return func() { busyPageRecords = old }
}

// PullsWaiting is how many pulls wait for a slot (tests).
func PullsWaiting(s *Server) int { return int(s.pullsWaiting.Load()) }

// BatchFor is the Batch a push's answer asks for with devices pushing at once.
var BatchFor = batchFor

// PageFor is the most records a page holds with devices pulling at once.
var PageFor = pageFor

// SetPageRound sets the records the pages of the devices pulling at once share (tests);
// it returns a function that puts it back.
func SetPageRound(n int) func() {
	old := pageRound
	pageRound = n
	return func() { pageRound = old }
}

// SetPushingRecently sets how long after its last push a device still counts as
// pushing (tests; 0: only while its push is handled); it returns a function that puts
// it back. Servers made after the call use it.
func SetPushingRecently(d time.Duration) func() {
	old := pushingRecently
	pushingRecently = d
	return func() { pushingRecently = old }
}

package serversqlite_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/serverstoretest"
)

// BenchmarkPushPath runs the store calls of a push of new records (change result
// lookup, record lookup, put, revision, result) in transactions of 1000.
func BenchmarkPushPath(b *testing.B) {
	s := MustOpen(b)
	defer s.Close()
	serverstoretest.BenchPushPath(b, s, false)
}

package server_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
)

// BenchmarkSync100k pushes 100 000 feedback items from one device in batches of 1000
// and pulls them into another in pages of 5000, over loopback with the SQLite store
// (DESIGN §8: each ≤ 1.5 s). Run: go test -tags sqlite_fts5 -run X -bench Sync100k -benchtime 1x ./app/server
func BenchmarkSync100k(b *testing.B) {
	servertest.BenchSync100k(b, func(b *testing.B) serverstore.Store { return openSQLite(b) })
}

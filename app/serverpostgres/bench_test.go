package serverpostgres_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/serverstoretest"
	"github.com/hin-south-london/involve/app/servertest"
)

// BenchmarkPushPath runs the store calls of a push of new records (change result
// lookup, record lookup, put, revision, result) in transactions of 1000, like
// serversqlite's benchmark of the same name; "prefetch" first reads the batch's
// change results and records in one round trip (the optional Tx.Prefetch).
//
//	scripts/with-postgres.sh go test -tags sqlite_fts5 -run X -bench PushPath ./app/serverpostgres
func BenchmarkPushPath(b *testing.B) {
	for _, prefetch := range []bool{false, true} {
		name := "plain"
		if prefetch {
			name = "prefetch"
		}
		b.Run(name, func(b *testing.B) { serverstoretest.BenchPushPath(b, MustOpen(b, FreshSchemaURL(b)), prefetch) })
	}
}

// BenchmarkSync100k is app/server's benchmark of the same name over PostgreSQL: push
// 100 000 feedback items from one device in batches of 1000 over loopback HTTP, then
// pull them into another in pages of 5000.
//
//	scripts/with-postgres.sh go test -tags sqlite_fts5 -run X -bench Sync100k -benchtime 1x ./app/serverpostgres
func BenchmarkSync100k(b *testing.B) {
	servertest.BenchSync100k(b, func(b *testing.B) serverstore.Store { return MustOpen(b, FreshSchemaURL(b)) })
}

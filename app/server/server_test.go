package server_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
)

// openSQLite opens a fresh server store in a temporary directory.
func openSQLite(t testing.TB) serverstore.Store {
	t.Helper()
	s, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHTTP runs the HTTP suite over the SQLite store (app/serverpostgres runs the same
// suite over PostgreSQL).
func TestHTTP(t *testing.T) {
	servertest.Run(t, func(t *testing.T) serverstore.Store { return openSQLite(t) })
}

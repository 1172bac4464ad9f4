package server_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/servertest"
)

// openSQLite opens a fresh server store in a temporary directory.
var openSQLite = servertest.OpenSQLite

// TestHTTP runs the HTTP suite over the SQLite store (app/serverpostgres runs the same
// suite over PostgreSQL).
func TestHTTP(t *testing.T) {
	servertest.Run(t, servertest.SQLite)
}

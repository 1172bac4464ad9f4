package server_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/servertest"
)

// TestSealedAtRestSQLite: after a sealed partner is pushed, no byte of the SQLite
// server's data folder holds their details.
func TestSealedAtRestSQLite(t *testing.T) { servertest.SealedAtRest(t, "sqlite") }

// TestErasedAtRestSQLite: after a lead's erasure, no file of the server's data folder
// holds the erased values (secure_delete, and the log emptied after the erasure).
func TestErasedAtRestSQLite(t *testing.T) { servertest.ErasedAtRest(t, "sqlite") }

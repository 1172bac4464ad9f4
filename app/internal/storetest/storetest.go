// Package storetest has the test helpers for app/store (the laptop's database) that
// the tests of several packages use: one place to open a fresh database. Only test
// code imports it.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/store"
)

// Open opens a fresh database file in tb's temporary folder, closed when the test
// ends.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	db, _ := OpenPath(tb)
	return db
}

// OpenPath is Open that also returns the database file's path.
func OpenPath(tb testing.TB) (*store.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "involve.db")
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, path
}

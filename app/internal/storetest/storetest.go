// Package storetest has the test helpers for app/store (the laptop's database) that
// the tests of several packages use: one place to open a fresh database. Only test
// code imports it.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

// Passphrase is the passphrase Open sets.
const Passphrase = "test passphrase for involve"

// FastParams are the cheapest Argon2id parameters lockbox accepts: for tests only
// (the app always wraps with lockbox.DefaultParams).
var FastParams = lockbox.Params{Memory: 8, Time: 1, Threads: 1}

// Open opens a fresh database file in tb's temporary folder, closed when the test
// ends, with a passphrase set (Passphrase) and unlocked, so that it may hold Lived
// Experience Partners' details.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	db, _ := OpenPath(tb)
	return db
}

// OpenPath is Open that also returns the database file's path.
func OpenPath(tb testing.TB) (*store.DB, string) {
	tb.Helper()
	db, path := OpenNoPassphrase(tb)
	SetPassphrase(tb, db)
	return db, path
}

// OpenNoPassphrase is OpenPath without a passphrase.
func OpenNoPassphrase(tb testing.TB) (*store.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "involve.db")
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, path
}

// SetPassphrase sets Passphrase on db, wrapped with FastParams, and unlocks it
// (store.DB.Unlock), as the app does when a passphrase is first set.
func SetPassphrase(tb testing.TB, db *store.DB) {
	tb.Helper()
	key, err := lockbox.NewDataKey()
	if err != nil {
		tb.Fatal(err)
	}
	defer lockbox.Wipe(key)
	w, err := lockbox.Wrap(key, Passphrase, FastParams)
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.SaveLockKey(context.Background(), w); err != nil {
		tb.Fatal(err)
	}
	if err := db.Unlock(context.Background(), key); err != nil {
		tb.Fatal(err)
	}
}

// Unlock unlocks db (a database Open made, opened again) with Passphrase.
func Unlock(tb testing.TB, db *store.DB) {
	tb.Helper()
	key, err := db.UnwrapLockKey(context.Background(), Passphrase)
	if err != nil {
		tb.Fatal(err)
	}
	defer lockbox.Wipe(key)
	if err := db.Unlock(context.Background(), key); err != nil {
		tb.Fatal(err)
	}
}

// InstallTeamKey gives db (unlocked) a new team key, as if from the server, and
// returns it: a test seals the records it pulls with it.
func InstallTeamKey(tb testing.TB, db *store.DB) *lockbox.TeamKey {
	tb.Helper()
	k, err := lockbox.NewTeamKey()
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.InstallTeamKey(context.Background(), k); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(k.Wipe)
	return k
}

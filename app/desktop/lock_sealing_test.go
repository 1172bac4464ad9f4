package desktop_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// storeOf keeps the store the façade opened last (at start, or a restore).
type storeOf struct {
	mu sync.Mutex
	db *store.DB
}

func (s *storeOf) set(db *store.DB) { s.mu.Lock(); s.db = db; s.mu.Unlock() }
func (s *storeOf) get() *store.DB   { s.mu.Lock(); defer s.mu.Unlock(); return s.db }

func openSealingApp(t *testing.T, dir string, clock *testClock, opened *storeOf) *desktop.App {
	t.Helper()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, LockParams: lockbox.Params{Memory: 64, Time: 1, Threads: 1},
		Open: openStore(dir, func(db *store.DB) { db.Now = clock.Now; opened.set(db) })})
	desktop.Startup(a, context.Background(), &fakeRuntime{})
	return a
}

// The store holds the data key exactly while Involve is unlocked: given at the first
// passphrase and at every unlock, wiped by Lock and by the idle deadline.
func TestLockGivesTheStoreItsKeyAndWipesIt(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	var opened storeOf
	a := openSealingApp(t, dir, clock, &opened)
	defer desktop.Shutdown(a)
	db := opened.get()
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if !db.Unlocked() {
		t.Fatal("the store has no key after the first passphrase")
	}
	if _, err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if db.Unlocked() {
		t.Fatal("the store kept its key after Lock")
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	if !db.Unlocked() {
		t.Fatal("the store has no key after Unlock")
	}
	clock.Add(2 * time.Hour)
	if _, err := a.ListSessions(involve.SessionFilter{}); !isLockedErr(err) {
		t.Fatalf("after the idle time: %v", err)
	}
	if db.Unlocked() {
		t.Fatal("the store kept its key after the idle deadline")
	}
	// a restart opens locked, and so does the store
	desktop.Shutdown(a)
	a = openSealingApp(t, dir, clock, &opened)
	defer desktop.Shutdown(a)
	if st := lockState(t, a); !st.Locked || opened.get().Unlocked() {
		t.Fatalf("after a restart: %+v, store unlocked %v", st, opened.get().Unlocked())
	}
	if _, err := a.Unlock(pass1); err != nil || !opened.get().Unlocked() {
		t.Fatalf("unlock after a restart: %v, store unlocked %v", err, opened.get().Unlocked())
	}
}

// Involve restarted locked cannot sync (its device token is sealed): the sync waits,
// and runs as soon as someone unlocks it.
func TestUnlockResumesTheSyncThatWaited(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	dir := t.TempDir()
	clock := &testClock{t: time.Now().UTC()}
	var opened storeOf
	a := openSealingApp(t, dir, clock, &opened)
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ConnectServer(env.Server.URL, env.CodeAs(team.ID, involve.RoleNameCapture, time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if st, err := a.SyncNow(); err != nil || st.State != desktop.SyncIdle {
		t.Fatalf("first sync: %+v, %v", st, err)
	}
	if _, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-12-06", Type: "outreach_stall"}); err != nil {
		t.Fatal(err)
	}
	desktop.Shutdown(a)

	a = openSealingApp(t, dir, clock, &opened)
	defer desktop.Shutdown(a)
	db := opened.get()
	ctx := context.Background()
	// the background sync meets the lock (or cannot start: the token is sealed)
	waitFor(t, "sync to wait for the lock", func() bool {
		set, err := db.SyncSettings(ctx)
		return involve.ErrorCode(err) == involve.ELOCKED || !set.Connected() || set.LastErrorCode == syncer.CodeLocked
	})
	if n, _, _, err := db.SyncCounts(ctx); err != nil || n != 1 {
		t.Fatalf("waiting changes while locked: %d, %v", n, err)
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the change to be sent after unlocking", func() bool {
		st, err := a.GetSyncStatus()
		return err == nil && st.State == desktop.SyncIdle && st.Pending == 0
	})
}

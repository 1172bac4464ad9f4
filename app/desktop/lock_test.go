package desktop_test

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

const (
	pass1 = "correct horse battery staple"
	pass2 = "a different long passphrase"
)

// openLockApp starts a façade on dir (a restart when dir holds a database) with cheap
// key derivation and the store's clock set to clock.
func openLockApp(t *testing.T, dir string, clock *testClock) (*desktop.App, *fakeRuntime) {
	t.Helper()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, LockParams: lockbox.Params{Memory: 64, Time: 1, Threads: 1},
		Open: openStore(dir, func(db *store.DB) { db.Now = clock.Now })})
	rt := &fakeRuntime{}
	desktop.Startup(a, context.Background(), rt)
	return a, rt
}

func lockState(t *testing.T, a *desktop.App) desktop.LockState {
	t.Helper()
	st, err := a.GetLockState()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func isLockedErr(err error) bool {
	return involve.ErrorCode(err) == involve.EUNAUTHORIZED && strings.Contains(involve.ErrorMessage(err), "Involve is locked")
}

func TestLockRefusesDataMethodsAndRestartOpensLocked(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, rt := openLockApp(t, dir, clock)
	if st := lockState(t, a); st.HasPassphrase || st.Locked || st.IdleMinutes != 5 {
		t.Fatalf("new laptop: %+v", st)
	}
	s, err := a.CreateSession(involve.SessionInput{Title: "Zorbic steering group", Date: "2026-12-06", Type: "steering_group"})
	if err != nil {
		t.Fatal(err)
	}
	// the policy: too short, and too few words
	for _, p := range []string{"", "short", "two words", "  a  b  c  "} {
		if _, err := a.SetPassphrase("", p); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("SetPassphrase(%q) = %v, want refused", p, err)
		}
	}
	if _, err := a.SetPassphrase("", "four short words ok"); err != nil {
		t.Errorf("four words refused: %v", err)
	}
	if _, err := a.SetPassphrase("four short words ok", pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetPassphrase("wrong", pass2); involve.ErrorCode(err) != involve.EUNAUTHORIZED {
		t.Fatalf("change with a wrong current passphrase: %v", err)
	}
	if st := lockState(t, a); !st.HasPassphrase || st.Locked {
		t.Fatalf("after setting: %+v", st)
	}
	if _, err := a.GetSession(s.ID); err != nil {
		t.Fatalf("unlocked: %v", err)
	}

	if _, err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if rt.count(desktop.EventLock) == 0 {
		t.Error("no lock event")
	}
	if _, err := a.GetSession(s.ID); !isLockedErr(err) {
		t.Fatalf("GetSession while locked = %v", err)
	}
	if _, err := a.ListSessions(involve.SessionFilter{}); !isLockedErr(err) {
		t.Fatalf("ListSessions while locked = %v", err)
	}
	if _, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "x"}); !isLockedErr(err) {
		t.Fatalf("CreateFeedback while locked = %v", err)
	}
	if _, err := a.RestoreBackup("involve-x.db"); !isLockedErr(err) {
		t.Fatalf("RestoreBackup while locked = %v", err)
	}
	if _, err := a.SetPassphrase(pass1, pass2); !isLockedErr(err) {
		t.Fatalf("SetPassphrase while locked = %v", err)
	}
	if err := a.NoteActivity(); !isLockedErr(err) {
		t.Fatalf("NoteActivity while locked = %v", err)
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.GetSession(s.ID); err != nil {
		t.Fatalf("after unlock: %v", err)
	}

	// restart on the same data folder: it opens locked
	desktop.Shutdown(a)
	a, _ = openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if st := lockState(t, a); !st.HasPassphrase || !st.Locked {
		t.Fatalf("after restart: %+v", st)
	}
	if _, err := a.ListSessions(involve.SessionFilter{}); !isLockedErr(err) {
		t.Fatalf("ListSessions after restart = %v", err)
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	// remove: the current passphrase is needed; then nothing locks
	if _, err := a.RemovePassphrase("wrong"); involve.ErrorCode(err) != involve.EUNAUTHORIZED {
		t.Fatalf("remove with a wrong passphrase: %v", err)
	}
	if st, err := a.RemovePassphrase(pass1); err != nil || st.HasPassphrase {
		t.Fatalf("remove: %+v, %v", st, err)
	}
	a.Lock()
	if _, err := a.GetSession(s.ID); err != nil {
		t.Fatalf("Lock without a passphrase locked: %v", err)
	}
}

// Wrong passphrases wait longer each time (after five free tries), even across a
// restart, and the wait is enforced in Go.
func TestUnlockWaitsGrow(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, _ := openLockApp(t, dir, clock)
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	a.Lock()
	for i := 1; i <= 5; i++ {
		_, err := a.Unlock("wrong passphrase")
		if involve.ErrorCode(err) != involve.EUNAUTHORIZED || strings.Contains(involve.ErrorMessage(err), "try again") != (i == 5) {
			t.Fatalf("wrong try %d: %v", i, err)
		}
	}
	if st := lockState(t, a); st.WaitSeconds != 30 {
		t.Fatalf("wait after five wrong tries = %d s, want 30", st.WaitSeconds)
	}
	// during the wait even the right passphrase is refused
	if _, err := a.Unlock(pass1); err == nil || !strings.Contains(involve.ErrorMessage(err), "Try again in 30 seconds") {
		t.Fatalf("right passphrase during the wait: %v", err)
	}
	var waits []int
	for range 3 {
		clock.Add(time.Duration(lockState(t, a).WaitSeconds) * time.Second)
		if _, err := a.Unlock("wrong passphrase"); err == nil {
			t.Fatal("a wrong passphrase unlocked")
		}
		waits = append(waits, lockState(t, a).WaitSeconds)
	}
	if waits[0] != 60 || waits[1] != 120 || waits[2] != 240 {
		t.Fatalf("waits = %v s, want 60, 120, 240", waits)
	}
	// a restart keeps the count and the wait
	desktop.Shutdown(a)
	a, _ = openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if st := lockState(t, a); st.WaitSeconds != 240 || !st.Locked {
		t.Fatalf("after restart: %+v", st)
	}
	clock.Add(240 * time.Second)
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	a.Lock()
	if _, err := a.Unlock("wrong passphrase"); err == nil || strings.Contains(involve.ErrorMessage(err), "try again") {
		t.Fatalf("after a right passphrase the count starts again: %v", err)
	}
}

// Go keeps its own idle deadline: with no call for longer than the idle time (and the
// minute's grace for the window's activity reports), the next call finds it locked.
func TestIdleDeadlineInGo(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, rt := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetIdleLock(0); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("idle 0: %v", err)
	}
	if _, err := a.SetIdleLock(61); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("idle 61: %v", err)
	}
	if st, err := a.SetIdleLock(2); err != nil || st.IdleMinutes != 2 {
		t.Fatalf("idle 2: %+v, %v", st, err)
	}
	// activity keeps it open
	for range 5 {
		clock.Add(2 * time.Minute)
		if err := a.NoteActivity(); err != nil {
			t.Fatalf("activity within the idle time: %v", err)
		}
	}
	clock.Add(3*time.Minute + time.Second) // 2 minutes idle + 1 minute grace, and a second
	before := rt.count(desktop.EventLock)
	if _, err := a.ListProjects(); !isLockedErr(err) {
		t.Fatalf("first call after the idle deadline = %v", err)
	}
	if rt.count(desktop.EventLock) != before+1 {
		t.Error("idle lock sent no lock event")
	}
	if st := lockState(t, a); !st.Locked {
		t.Fatalf("after the idle deadline: %+v", st)
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
	// GetLockState alone also sees the deadline
	clock.Add(3*time.Minute + time.Second)
	if st := lockState(t, a); !st.Locked {
		t.Fatalf("GetLockState after the idle deadline: %+v", st)
	}
}

// While locked, every bound method that reads or changes records refuses: they all go
// through the one door (store, refuseInKiosk). A new method gets this for free.
func TestLockedEveryOtherMethodRefused(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, _ := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	s, err := a.CreateSession(involve.SessionInput{Title: "Zorbic steering group", Date: "2026-12-06", Type: "steering_group"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	mayAnswer := map[string]bool{
		"GetLockState": true, "Unlock": true, "Lock": true,
		"GetStartupState": true, "Quit": true, "CancelExport": true,
		"GetAppInfo":    true, // version and data folder only: checked below
		"GetKioskState": true, // "kiosk mode is off", nothing more
		"LeaveKiosk":    true, // the same
	}
	v := reflect.ValueOf(a)
	for i := 0; i < v.NumMethod(); i++ {
		m, name := v.Method(i), v.Type().Method(i).Name
		if mayAnswer[name] || strings.HasSuffix(name, "Reference") || strings.HasSuffix(name, "ReferenceData") {
			continue
		}
		mt := m.Type()
		args := make([]reflect.Value, mt.NumIn())
		for j := range args {
			if mt.In(j).Kind() == reflect.String {
				args[j] = reflect.ValueOf(s.ID).Convert(mt.In(j))
			} else {
				args[j] = reflect.Zero(mt.In(j))
			}
		}
		out := m.Call(args)
		if mt.NumOut() == 0 {
			t.Errorf("%s returns no error, so it cannot refuse while locked", name)
			continue
		}
		err, _ := out[len(out)-1].Interface().(error)
		if err == nil {
			t.Errorf("%s answered while Involve is locked: make it use a.store()", name)
		}
	}
	info, _ := a.GetAppInfo()
	if info.DeviceID != "" || info.UserName != "" {
		t.Errorf("GetAppInfo while locked told %+v", info)
	}
	if st := lockState(t, a); !st.Locked {
		t.Fatalf("still locked? %+v", st)
	}
}

// Changing the passphrase rewraps the same data key (nothing sealed with it is lost),
// with new Argon2id parameters when they have changed.
func TestChangePassphraseKeepsDataKey(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, _ := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	key := func(pass string) ([]byte, lockbox.Params) {
		t.Helper()
		db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s, err := db.LockSettings(context.Background())
		if err != nil || s.Wrapped == nil {
			t.Fatalf("lock record: %+v, %v", s, err)
		}
		k, err := lockbox.Unwrap(*s.Wrapped, pass)
		if err != nil {
			t.Fatalf("unwrap with %q: %v", pass, err)
		}
		return k, s.Wrapped.Params
	}
	before, _ := key(pass1)
	if _, err := a.SetPassphrase(pass1, pass2); err != nil {
		t.Fatal(err)
	}
	after, p := key(pass2)
	if !bytes.Equal(before, after) {
		t.Fatal("changing the passphrase changed the data key")
	}
	if p != (lockbox.Params{Memory: 64, Time: 1, Threads: 1}) {
		t.Errorf("stored parameters %+v", p)
	}
}

// Kiosk mode carries on whatever the lock; leaving it after the idle time finds
// Involve locked, so staff need the passphrase as well as the PIN.
func TestKioskThenLock(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, _ := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	s, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-12-06", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.StartKiosk(s.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	clock.Add(2 * time.Hour)
	if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "good stall"}); err != nil {
		t.Fatalf("the kiosk after the idle time: %v", err)
	}
	if _, err := a.GetLockState(); err == nil {
		t.Error("GetLockState answered in kiosk mode")
	}
	if _, err := a.LeaveKiosk("2468"); err != nil {
		t.Fatal(err)
	}
	if st := lockState(t, a); !st.Locked {
		t.Fatalf("after leaving kiosk mode two hours later: %+v", st)
	}
	if _, err := a.ListSessions(involve.SessionFilter{}); !isLockedErr(err) {
		t.Fatalf("ListSessions after leaving kiosk mode = %v", err)
	}
}

// A restored backup that has a passphrase opens locked, and the window is told.
func TestRestoredBackupWithPassphraseIsLocked(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	// a backup made while a passphrase was set
	db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k, _ := lockbox.NewDataKey()
	w, _ := lockbox.Wrap(k, pass1, lockbox.Params{Memory: 64, Time: 1, Threads: 1})
	if err := db.SaveLockKey(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	b, err := db.Backup(context.Background(), "daily")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ClearLockKey(context.Background()); err != nil {
		t.Fatal(err)
	}
	db.Close()

	a, rt := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if st := lockState(t, a); st.HasPassphrase {
		t.Fatalf("before the restore: %+v", st)
	}
	if _, err := a.RestoreBackup(b.Name); err != nil {
		t.Fatal(err)
	}
	before := rt.count(desktop.EventLock)
	if _, err := a.ListSessions(involve.SessionFilter{}); !isLockedErr(err) {
		t.Fatalf("ListSessions after restoring a locked backup = %v", err)
	}
	if rt.count(desktop.EventLock) != before+1 {
		t.Error("the window was not told that Involve is locked")
	}
	if _, err := a.Unlock(pass1); err != nil {
		t.Fatal(err)
	}
}

// With a shorter IdleUnit (the end-to-end tests' hook in a `wails dev` build), one
// minute of the setting lasts that long: the window is told IdleSeconds, and Go's own
// deadline is the scaled idle time plus the real minute of grace.
func TestIdleUnitScalesTheDeadline(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, LockParams: lockbox.Params{Memory: 64, Time: 1, Threads: 1},
		IdleUnit: 10 * time.Second, Open: openStore(dir, func(db *store.DB) { db.Now = clock.Now })})
	desktop.Startup(a, context.Background(), &fakeRuntime{})
	defer desktop.Shutdown(a)
	if st := lockState(t, a); st.IdleMinutes != 5 || st.IdleSeconds != 50 {
		t.Fatalf("no passphrase yet: %+v", st)
	}
	if st, err := a.SetPassphrase("", pass1); err != nil || st.IdleSeconds != 50 {
		t.Fatalf("passphrase set: %+v, %v", st, err)
	}
	if st, err := a.SetIdleLock(1); err != nil || st.IdleMinutes != 1 || st.IdleSeconds != 10 {
		t.Fatalf("idle 1: %+v, %v", st, err)
	}
	clock.Add(70 * time.Second) // 10 s idle + 60 s grace: not yet
	if _, err := a.ListProjects(); err != nil {
		t.Fatalf("at the deadline: %v", err)
	}
	clock.Add(70*time.Second + time.Millisecond)
	if _, err := a.ListProjects(); !isLockedErr(err) {
		t.Fatalf("after the deadline = %v", err)
	}
}

// Without IdleUnit, a minute is a minute: the window is told 60 seconds a minute.
func TestIdleSecondsIsMinutesTimesSixty(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
	a, _ := openLockApp(t, dir, clock)
	defer desktop.Shutdown(a)
	if _, err := a.SetPassphrase("", pass1); err != nil {
		t.Fatal(err)
	}
	if st, err := a.SetIdleLock(7); err != nil || st.IdleSeconds != 420 {
		t.Fatalf("idle 7: %+v, %v", st, err)
	}
}

package desktop_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestKioskNoWayOut: while kiosk mode is on the window is fullscreen and closing it or
// quitting is refused; leaving kiosk mode with the PIN gives both back. A restart in
// kiosk mode starts fullscreen.
func TestKioskNoWayOut(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 6, 13, 10, 0, 0, 0, time.UTC)}
	a := openKioskApp(t, dir, clock)
	rt := kioskRuntime
	s, err := a.CreateSession(involve.SessionInput{Title: "Stall", Date: "2026-06-13", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	if desktop.BeforeClose(a) || desktop.KioskAtStart(dir) {
		t.Fatal("closing refused (or kiosk marked) before kiosk mode started")
	}
	if _, err := a.StartKiosk(s.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	if !desktop.BeforeClose(a) {
		t.Fatal("closing the window is allowed in kiosk mode")
	}
	if !rt.isFull() {
		t.Fatal("the kiosk's window is not fullscreen")
	}
	a.Quit()
	if rt.quit {
		t.Fatal("Quit closed the app in kiosk mode")
	}
	if !desktop.KioskAtStart(dir) {
		t.Fatal("the next start would not know it is a kiosk")
	}
	if fi, err := os.Stat(filepath.Join(dir, datadir.KioskName)); err != nil || fi.Mode().Perm()&0o077 != 0 {
		t.Fatalf("kiosk marker: %v %v", fi, err)
	}

	// a restart in kiosk mode: fullscreen (once the page is there) and closing refused again
	desktop.Shutdown(a)
	a = openKioskApp(t, dir, clock)
	rt = kioskRuntime
	if rt.isFull() {
		t.Fatal("the window was touched before it existed")
	}
	desktop.DomReady(a)
	if !desktop.BeforeClose(a) || !rt.isFull() {
		t.Fatalf("after a restart in kiosk mode: close refused %v, fullscreen %v", desktop.BeforeClose(a), rt.isFull())
	}

	if _, err := a.LeaveKiosk("2468"); err != nil {
		t.Fatal(err)
	}
	if desktop.BeforeClose(a) || rt.isFull() || desktop.KioskAtStart(dir) {
		t.Fatal("leaving kiosk mode did not give back closing, the window's size, or left the marker")
	}
	a.Quit()
	if !rt.quit {
		t.Fatal("Quit does nothing after kiosk mode ended")
	}
	desktop.Shutdown(a)

	// a marker the database does not bear out (kiosk mode ended behind the app's back):
	// the window, started fullscreen, gets its size back and the marker goes
	if err := datadir.WriteKioskMarker(dir, "$2a$10$stale"); err != nil {
		t.Fatal(err)
	}
	a = openKioskApp(t, dir, clock)
	defer desktop.Shutdown(a)
	rt = kioskRuntime
	rt.Fullscreen() // WindowStartState
	desktop.DomReady(a)
	if desktop.BeforeClose(a) || rt.isFull() || desktop.KioskAtStart(dir) {
		t.Fatalf("a stale marker: close refused %v, fullscreen %v, marker %v", desktop.BeforeClose(a), rt.isFull(), desktop.KioskAtStart(dir))
	}
}

// TestKioskDamagedDatabase: a kiosk whose database cannot be opened shows the public
// only "needs attention from staff" (no folder, error or backups), refuses to restore
// and to close, and gives staff the restore screen once they enter the PIN.
func TestKioskDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 6, 13, 10, 0, 0, 0, time.UTC)}
	a := openKioskApp(t, dir, clock)
	s, err := a.CreateSession(involve.SessionInput{Title: "Stall", Date: "2026-06-13", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.StartKiosk(s.ID, "2468"); err != nil {
		t.Fatal(err)
	}
	desktop.Shutdown(a)
	path := filepath.Join(dir, datadir.DBName)
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Backup(ctx, "daily")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Remove(path + "-wal")
	os.WriteFile(path, []byte(strings.Repeat("garbage ", 64)), 0o600)

	a = openKioskApp(t, dir, clock)
	defer desktop.Shutdown(a)
	rt := kioskRuntime
	desktop.DomReady(a)
	st, _ := a.GetStartupState()
	if st.Status != desktop.StatusDamaged || !st.Kiosk || st.Message != "This device needs attention from staff." ||
		st.DataDir != "" || len(st.Backups) != 0 {
		t.Fatalf("the public sees %+v", st)
	}
	if !desktop.BeforeClose(a) || !rt.isFull() {
		t.Fatal("a damaged kiosk can be closed, or is not fullscreen")
	}
	if _, err := a.RestoreBackup(b.Name); involve.ErrorCode(err) != involve.EUNAUTHORIZED {
		t.Fatalf("restore in kiosk mode: %v, want refused", err)
	}
	if _, err := a.LeaveKiosk("1111"); involve.ErrorCode(err) != involve.EUNAUTHORIZED {
		t.Fatalf("wrong PIN: %v", err)
	}
	if !desktop.BeforeClose(a) {
		t.Fatal("a wrong PIN left kiosk mode")
	}
	if _, err := a.LeaveKiosk("2468"); err != nil {
		t.Fatal(err)
	}
	st, _ = a.GetStartupState()
	if st.Status != desktop.StatusDamaged || st.Kiosk || st.DataDir != dir || len(st.Backups) != 1 {
		t.Fatalf("staff see %+v, want the restore screen", st)
	}
	if desktop.BeforeClose(a) || desktop.KioskAtStart(dir) {
		t.Fatal("still a kiosk after the PIN")
	}
	if st, err := a.RestoreBackup(b.Name); err != nil || st.Status != desktop.StatusOK {
		t.Fatalf("restore after leaving kiosk mode: %+v %v", st, err)
	}
	// the backup was made in kiosk mode: the restored database is a kiosk again
	if !desktop.BeforeClose(a) || !rt.isFull() {
		t.Fatal("the restored kiosk database did not bring kiosk mode back")
	}
}

package desktop_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// fakeRuntime records events instead of calling Wails.
type fakeRuntime struct {
	mu     sync.Mutex
	events []string
	data   []any
	quit   bool
	full   bool
}

func (f *fakeRuntime) Emit(name string, data ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, name)
	f.data = append(f.data, data...)
}
func (f *fakeRuntime) Quit() { f.quit = true }

// Fullscreen and Unfullscreen record the window's state (desktop.Window).
func (f *fakeRuntime) Fullscreen()   { f.mu.Lock(); f.full = true; f.mu.Unlock() }
func (f *fakeRuntime) Unfullscreen() { f.mu.Lock(); f.full = false; f.mu.Unlock() }
func (f *fakeRuntime) isFull() bool  { f.mu.Lock(); defer f.mu.Unlock(); return f.full }

func (f *fakeRuntime) count(name string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, e := range f.events {
		if e == name {
			n++
		}
	}
	return n
}

// openStore opens the database in dir the way main.go does: one that does not open
// starts the app in the damaged state. Each of prepare is done to it first (a test
// clock).
func openStore(dir string, prepare ...func(*store.DB)) func() (*store.DB, desktop.StartupState) {
	return func() (*store.DB, desktop.StartupState) {
		db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
		if err != nil {
			return nil, desktop.DamagedState(dir, err)
		}
		for _, f := range prepare {
			f(db)
		}
		return db, desktop.StartupState{Status: desktop.StatusOK}
	}
}

// newApp starts a façade on a fresh data folder the way main.go does.
func newApp(t *testing.T) (*desktop.App, *fakeRuntime, string) {
	t.Helper()
	dir := t.TempDir()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir), LockParams: storetest.FastParams})
	rt := &fakeRuntime{}
	desktop.Startup(a, context.Background(), rt)
	t.Cleanup(func() { desktop.Shutdown(a) })
	return a, rt, dir
}

// newLockedApp is newApp with a passphrase set (storetest.Passphrase), so that it may
// hold Lived Experience Partners' details; Involve is left unlocked.
func newLockedApp(t *testing.T) (*desktop.App, *fakeRuntime, string) {
	t.Helper()
	a, rt, dir := newApp(t)
	if _, err := a.SetPassphrase("", storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	return a, rt, dir
}

func TestFacade(t *testing.T) {
	a, rt, dir := newApp(t)
	st, _ := a.GetStartupState()
	if st.Status != desktop.StatusOK || st.DataDir != dir || st.Backups == nil {
		t.Fatalf("startup state %+v", st)
	}

	t.Run("CaptureFlowEmitsChanges", func(t *testing.T) {
		s, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall"})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			if _, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "card"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := a.SaveSessionNotes(s.ID, "notes"); err != nil {
			t.Fatal(err)
		}
		if got := rt.count(desktop.EventDataChanged); got != 4 {
			t.Fatalf("%d data:changed events, want 4 (session + 3 feedback; notes saves are silent)", got)
		}
		list, _ := a.ListFeedback(s.ID)
		if len(list) != 3 {
			t.Fatalf("%d feedback", len(list))
		}
		if err := a.DeleteFeedback(list[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.RestoreFeedback(list[0].ID); err != nil {
			t.Fatal(err)
		}
		h, _ := a.GetHome()
		if h.Counts.Feedback != 3 {
			t.Fatalf("home counts %+v", h.Counts)
		}
		ans, _ := a.Search("market", 10)
		res := ans.Results
		if len(res) != 1 || res[0].ID != s.ID {
			t.Fatalf("search %+v", res)
		}
	})

	t.Run("ValidationErrorReachesTheUIStructured", func(t *testing.T) {
		_, err := a.CreateSession(involve.SessionInput{Date: "24/11/2026"})
		obj := desktop.ErrorFormatter(a)(err)
		b, _ := json.Marshal(obj)
		var got struct {
			Code    string
			Message string
			Fields  []struct{ Field, Message string }
		}
		json.Unmarshal(b, &got)
		if got.Code != "invalid" || len(got.Fields) != 3 {
			t.Fatalf("frontend receives %s", b)
		}
		want := map[string]string{"title": "Enter a session title", "date": "Date of the session must be a real date", "type": "Select the type of session"}
		for _, f := range got.Fields {
			if want[f.Field] != f.Message {
				t.Errorf("field %s: %q, want %q", f.Field, f.Message, want[f.Field])
			}
		}
	})

	t.Run("InternalErrorsAreNotShown", func(t *testing.T) {
		obj := desktop.ErrorFormatter(a)(os.ErrPermission)
		b, _ := json.Marshal(obj)
		if string(b) != `{"code":"internal","message":"Internal error."}` {
			t.Fatalf("got %s", b)
		}
	})

	t.Run("UserName", func(t *testing.T) {
		info, err := a.SetUserName("  Amira K. ")
		if err != nil || info.UserName != "Amira K." || info.DeviceID == "" || info.SchemaVersion != store.LatestVersion() {
			t.Fatalf("%+v %v", info, err)
		}
		s, _ := a.CreateSession(involve.SessionInput{Title: "x", Date: "2026-01-01", Type: "workshop"})
		if s.CreatedBy != "Amira K." {
			t.Fatalf("created_by %q", s.CreatedBy)
		}
		// The name asked on the welcome screen is "captured by" on feedback too.
		f, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "The signs are hard to read"})
		if err != nil || f.CreatedBy != "Amira K." || f.CapturedBy != "Amira K." {
			t.Fatalf("feedback created_by %q captured_by %q: %v", f.CreatedBy, f.CapturedBy, err)
		}
	})
}

// TestStartupStateWaitsForOpen: Wails runs OnStartup beside the window's loading, so
// the page may ask for the startup state while the database is still opening (a long
// migration, a slow disk): it gets the state once the open has finished, not "damaged"
// (as it did, with "Involve has not started yet.").
func TestStartupStateWaitsForOpen(t *testing.T) {
	dir := t.TempDir()
	release := make(chan struct{})
	open := openStore(dir)
	a := desktop.New(desktop.Config{DataDir: dir, LockParams: storetest.FastParams,
		Open: func() (*store.DB, desktop.StartupState) { <-release; return open() }})
	started := make(chan struct{})
	go func() { desktop.Startup(a, context.Background(), &fakeRuntime{}); close(started) }()
	asked := make(chan desktop.StartupState, 1)
	go func() { st, _ := a.GetStartupState(); asked <- st }()
	select {
	case st := <-asked:
		t.Fatalf("answered before the database was open: %+v", st)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	<-started
	defer desktop.Shutdown(a)
	if st := <-asked; st.Status != desktop.StatusOK || st.DataDir != dir {
		t.Fatalf("after the open: %+v", st)
	}
}

func TestFacadeLocked(t *testing.T) {
	dir := t.TempDir()
	a := desktop.New(desktop.Config{DataDir: dir, Open: func() (*store.DB, desktop.StartupState) { return nil, desktop.LockedState(dir) }})
	desktop.Startup(a, context.Background(), &fakeRuntime{})
	defer desktop.Shutdown(a)
	st, _ := a.GetStartupState()
	if st.Status != desktop.StatusLocked || st.Message == "" {
		t.Fatalf("%+v", st)
	}
	_, err := a.CreateFeedback(involve.FeedbackInput{SessionID: "x", Text: "y"})
	if involve.ErrorCode(err) != involve.EUNAVAILABLE {
		t.Fatalf("writing while locked: %v", err)
	}
	if _, err := a.RestoreBackup("involve-x.db"); involve.ErrorCode(err) != involve.ECONFLICT {
		t.Fatalf("restore while locked: %v", err)
	}
}

func TestFacadeDamagedAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, _ := store.Open(ctx, path, store.Options{})
	s, _ := db.CreateSession(ctx, involve.SessionInput{Title: "Saved before the damage", Date: "2026-01-01", Type: "workshop"})
	b, err := db.Backup(ctx, "daily")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Remove(path + "-wal")
	os.WriteFile(path, []byte("garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage"), 0o600)

	open := func() (*store.DB, desktop.StartupState) {
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			return nil, desktop.DamagedState(dir, err)
		}
		return db, desktop.StartupState{}
	}
	a := desktop.New(desktop.Config{DataDir: dir, Open: open})
	desktop.Startup(a, ctx, &fakeRuntime{})
	defer desktop.Shutdown(a)
	st, _ := a.GetStartupState()
	if st.Status != desktop.StatusDamaged || len(st.Backups) != 1 || st.Backups[0].Name != b.Name {
		t.Fatalf("%+v", st)
	}
	if _, err := a.RestoreBackup("../../etc/passwd"); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("path in backup name: %v", err)
	}
	st, err = a.RestoreBackup(b.Name)
	if err != nil || st.Status != desktop.StatusOK {
		t.Fatalf("%+v %v", st, err)
	}
	if got, err := a.GetSession(s.ID); err != nil || got.Title != s.Title {
		t.Fatalf("after restore: %+v %v", got, err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "involve-replaced-*.db"))
	if len(matches) == 0 {
		t.Fatal("the damaged file was not kept")
	}
	if !strings.Contains(st.Message, matches[0]) {
		t.Fatalf("the app does not say where the damaged file was kept: %q", st.Message)
	}
}

func TestFacadeRestoreRefusesAnUnusableBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, _ := store.Open(ctx, path, store.Options{})
	db.CreateSession(ctx, involve.SessionInput{Title: "Saved before the damage", Date: "2026-01-01", Type: "workshop"})
	b, err := db.Backup(ctx, "daily")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Remove(path + "-wal")
	damaged := []byte(strings.Repeat("garbage ", 64))
	os.WriteFile(path, damaged, 0o600)
	// the backup has gained a trigger since it was made (expanded, changed, compressed
	// again: backups are gzip files)
	plain := filepath.Join(t.TempDir(), "plain.db")
	regzip(t, b.Path, plain, false)
	tamper, _ := sql.Open("sqlite3", "file:"+plain)
	if _, err := tamper.Exec("CREATE TRIGGER wipe AFTER INSERT ON docs BEGIN DELETE FROM docs; END"); err != nil {
		t.Fatal(err)
	}
	tamper.Close()
	regzip(t, plain, b.Path, true)

	open := func() (*store.DB, desktop.StartupState) {
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			return nil, desktop.DamagedState(dir, err)
		}
		return db, desktop.StartupState{}
	}
	a := desktop.New(desktop.Config{DataDir: dir, Open: open})
	desktop.Startup(a, ctx, &fakeRuntime{})
	defer desktop.Shutdown(a)
	st, err := a.RestoreBackup(b.Name)
	if involve.ErrorCode(err) != involve.EINVALID || !strings.Contains(err.Error(), "trigger wipe") || st.Status != desktop.StatusDamaged {
		t.Fatalf("%+v %v", st, err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(damaged) {
		t.Fatal("the damaged database was changed")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "involve-replaced-*")); len(m) != 0 {
		t.Fatalf("kept copies of a file that was not replaced: %v", m)
	}
}

// regzip expands the gzip file src into dst, or (compress) compresses src over dst.
func regzip(t *testing.T, src, dst string, compress bool) {
	t.Helper()
	in, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if compress {
		zw := gzip.NewWriter(&out)
		zw.Write(in)
		zw.Close()
	} else {
		zr, err := gzip.NewReader(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := out.ReadFrom(zr); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(dst, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

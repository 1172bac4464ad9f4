package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

const dataset = "../jsonl/testdata/dataset-300.jsonl"

func TestCommands(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	run := func(args ...string) int {
		t.Helper()
		return runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
	}

	// the app is open on this folder: it holds the lock and a connection
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	appDB, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := appDB.CreateSession(ctx, involve.SessionInput{Title: "Made in the app", Date: "2026-11-24", Type: "workshop"})

	t.Run("ImportWhileAppOpen", func(t *testing.T) {
		if code := run("import", dataset); code != 0 {
			t.Fatalf("exit %d", code)
		}
		h, _ := appDB.Home(ctx)
		if h.Counts.Feedback != 300 || h.Counts.Sessions != 7 {
			t.Fatalf("the open app sees %+v", h.Counts)
		}
	})
	t.Run("ImportBadFileChangesNothing", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.jsonl")
		b, _ := os.ReadFile(dataset)
		os.WriteFile(bad, append(b, []byte("{not json\n")...), 0o600)
		if code := run("import", bad); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		h, _ := appDB.Home(ctx)
		if h.Counts.Feedback != 300 {
			t.Fatalf("partial import: %+v", h.Counts)
		}
	})
	t.Run("UsageErrors", func(t *testing.T) {
		if code := run("import"); code != 2 {
			t.Fatalf("import without a file: exit %d", code)
		}
		if code := run("export", "--format", "xml"); code != 1 {
			t.Fatalf("unknown format: exit %d", code)
		}
	})
	out := filepath.Join(t.TempDir(), "all.jsonl")
	t.Run("Export", func(t *testing.T) {
		if code := run("export", "--format", "jsonl", "--out", out); code != 0 {
			t.Fatalf("exit %d", code)
		}
		b, _ := os.ReadFile(out)
		if n := strings.Count(string(b), "\n"); n < 300+7+1+1 {
			t.Fatalf("export has %d lines", n)
		}
		if !strings.Contains(string(b), s.ID) {
			t.Fatal("export lacks the app's session")
		}
	})
	t.Run("BackupAndCheck", func(t *testing.T) {
		if code := run("backup"); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if code := run("check"); code != 0 {
			t.Fatalf("check exit %d", code)
		}
		list, _ := store.ListBackups(dir)
		if len(list) != 1 {
			t.Fatalf("%d backups", len(list))
		}
	})
	t.Run("RestoreRefusedWhileAppOpen", func(t *testing.T) {
		list, _ := store.ListBackups(dir)
		if code := run("restore", list[0].Name); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
	})
	t.Run("KioskOffRefusedWhileAppOpen", func(t *testing.T) {
		if err := appDB.SaveKioskSettings(ctx, store.KioskSettings{SessionID: s.ID, PINHash: "$2a$10$fixture"}); err != nil {
			t.Fatal(err)
		}
		if err := datadir.WriteKioskMarker(dir, "$2a$10$fixture"); err != nil { // as the app writes it
			t.Fatal(err)
		}
		if code := run("kiosk-off"); code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		if k, _ := appDB.KioskSettings(ctx); !k.Active() {
			t.Fatal("kiosk ended while the app was open")
		}
	})
	appDB.Close()
	lock.Close()
	t.Run("KioskOffAfterAppClosed", func(t *testing.T) {
		if code := run("kiosk-off"); code != 0 {
			t.Fatalf("exit %d", code)
		}
		db, _ := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
		defer db.Close()
		if k, _ := db.KioskSettings(ctx); k.Active() {
			t.Fatal("still in kiosk mode")
		}
		if _, on := datadir.ReadKioskMarker(dir); on {
			t.Fatal("the kiosk marker is still there: the app would start as a kiosk")
		}
	})
	t.Run("RestoreAfterAppClosed", func(t *testing.T) {
		db, _ := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
		db.DeleteSession(ctx, s.ID)
		db.Close()
		list, _ := store.ListBackups(dir)
		if code := run("restore", list[0].Name); code != 0 {
			t.Fatalf("exit %d", code)
		}
		db, _ = store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
		defer db.Close()
		if _, err := db.FindSessionByID(ctx, s.ID); err != nil {
			t.Fatalf("restored database lacks the session: %v", err)
		}
	})
	t.Run("ImportIntoFreshFolderRoundTrips", func(t *testing.T) {
		dir2 := t.TempDir()
		if code := runCommand("import", []string{"--data-dir", dir2, out}); code != 0 {
			t.Fatalf("exit %d", code)
		}
		out2 := filepath.Join(t.TempDir(), "again.jsonl")
		if code := runCommand("export", []string{"--data-dir", dir2, "--out", out2}); code != 0 {
			t.Fatalf("exit %d", code)
		}
		a, _ := os.ReadFile(out)
		b, _ := os.ReadFile(out2)
		_, ra, _ := strings.Cut(string(a), "\n")
		_, rb, _ := strings.Cut(string(b), "\n")
		if ra != rb {
			t.Fatal("export → import → export differs")
		}
	})
}

func TestAppDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	got, code, ok := AppDataDir("test", []string{"--data-dir", dir})
	if !ok || got != dir {
		t.Fatalf("got %q, %d, %v", got, code, ok)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("the data folder was not made: %v", err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{{[]string{"frob"}, 2}, {[]string{"--bogus"}, 2}, {[]string{"-h"}, 0}} {
		if _, code, ok := AppDataDir("test", c.args); ok || code != c.code {
			t.Errorf("%v: exit %d, ok %v; want exit %d", c.args, code, ok, c.code)
		}
	}
	if !IsCommand("export") || !IsCommand("--version") || IsCommand("--data-dir") {
		t.Error("IsCommand")
	}
	// what a mistake prints (on stderr): the flag package's message, then the usage
	errFile, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = errFile
	_, _, _ = AppDataDir("test", []string{"--bogus"})
	os.Stderr = saved
	errFile.Close()
	printed, _ := os.ReadFile(errFile.Name())
	if !strings.HasPrefix(string(printed), "flag provided but not defined: -bogus\n") || !strings.Contains(string(printed), "\nUsage:\n") {
		t.Errorf("--bogus printed:\n%s", printed)
	}
	if code := Main("test", []string{"frob"}); code != 2 {
		t.Errorf("Main with an unknown command: exit %d", code)
	}
}

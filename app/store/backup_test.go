package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

func TestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustSession(t, db, "Backed up")

	t.Run("OnlineBackupIsCompleteAndChecked", func(t *testing.T) {
		b, err := db.Backup(ctx, "manual")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.Name, "involve-") || !strings.HasSuffix(b.Name, "-manual.db.gz") || b.SizeBytes == 0 {
			t.Fatalf("backup %+v", b)
		}
		copyDB, err := store.Open(ctx, store.ExpandForTest(t, b.Path), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer copyDB.Close()
		if _, err := copyDB.FindSessionByID(ctx, s.ID); err != nil {
			t.Fatalf("backup lacks the session: %v", err)
		}
	})

	t.Run("RotatesKeepingSeven", func(t *testing.T) {
		for i := 0; i < 9; i++ {
			if _, err := db.Backup(ctx, "daily"); err != nil {
				t.Fatal(err)
			}
		}
		list, err := store.ListBackups(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != store.KeepBackups {
			t.Fatalf("%d backups kept, want %d", len(list), store.KeepBackups)
		}
		if list[0].Name <= list[1].Name {
			t.Fatalf("not newest first: %s, %s", list[0].Name, list[1].Name)
		}
		if store.NeedsDailyBackup(dir, db.Now()) {
			t.Fatal("a fresh backup exists; no daily backup needed")
		}
	})

	t.Run("BackupFileRefusesToOverwrite", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "mine.db")
		if _, err := db.BackupFile(ctx, dst); err != nil {
			t.Fatal(err)
		}
		if _, err := db.BackupFile(ctx, dst); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("second backup to the same file: %v", err)
		}
	})

	t.Run("RestoreKeepsTheReplacedFile", func(t *testing.T) {
		list, _ := store.ListBackups(dir)
		mustSession(t, db, "Made after the backup")
		db.Close()
		aside, err := store.RestoreBackup(ctx, path, list[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(aside); err != nil {
			t.Fatalf("replaced database not kept: %v", err)
		}
		db2, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		got, _ := db2.FindSessions(ctx, involve.SessionFilter{})
		if len(got) != 1 || got[0].ID != s.ID {
			t.Fatalf("restored database has %+v", got)
		}
		kept, err := store.Open(ctx, aside, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer kept.Close()
		if got, _ := kept.FindSessions(ctx, involve.SessionFilter{}); len(got) != 2 {
			t.Fatalf("the replaced file lost data: %d sessions", len(got))
		}
	})
}

func TestDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	t.Run("NotADatabaseIsLeftAlone", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "involve.db")
		junk := []byte(strings.Repeat("this is not a database ", 500))
		os.WriteFile(path, junk, 0o600)
		_, err := store.Open(ctx, path, store.Options{})
		var de *store.DamagedError
		if !errors.As(err, &de) {
			t.Fatalf("err = %v, want DamagedError", err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(junk) {
			t.Fatal("the damaged file was modified")
		}
	})
	t.Run("CorruptPagesFailIntegrityCheck", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "involve.db")
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := mustSession(t, db, "x")
		for i := 0; i < 300; i++ {
			db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: strings.Repeat("feedback text ", 20)})
		}
		db.Close()
		// scribble over the middle of the file, as a failing disk might
		b, _ := os.ReadFile(path)
		for i := len(b) / 2; i < len(b)/2+8192 && i < len(b); i++ {
			b[i] = 0x5a
		}
		os.WriteFile(path, b, 0o600)
		before, _ := os.ReadFile(path)
		if err := store.CheckFile(ctx, path); err == nil {
			t.Fatal("integrity check passed on a scribbled file")
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Fatal("checking modified the file")
		}
		if _, err := store.RestoreBackup(ctx, filepath.Join(t.TempDir(), "x.db"), path); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("restoring from a damaged backup: %v", err)
		}
	})
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := mustSession(t, db, "In the backup")
	b, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	if got := store.BackupPath(dir, b.Name); got != b.Path {
		t.Fatalf("BackupPath %q, want %q", got, b.Path)
	}
	mustSession(t, db, "Made after the backup")
	db.Close()

	t.Run("BadBackupChangesNothing", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.db")
		os.WriteFile(bad, []byte("not a database"), 0o600)
		got, aside, err := store.Restore(ctx, path, bad)
		if got != nil || aside != "" || involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("got %v, aside %q, err %v", got, aside, err)
		}
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if list, _ := db.FindSessions(ctx, involve.SessionFilter{}); len(list) != 2 {
			t.Fatalf("%d sessions, want the 2 there were", len(list))
		}
	})
	t.Run("OpensTheRestoredDatabase", func(t *testing.T) {
		got, aside, err := store.Restore(ctx, path, store.BackupPath(dir, b.Name))
		if err != nil {
			t.Fatal(err)
		}
		defer got.Close()
		if list, _ := got.FindSessions(ctx, involve.SessionFilter{}); len(list) != 1 || list[0].ID != s.ID {
			t.Fatalf("restored database has %+v", list)
		}
		if _, err := os.Stat(aside); err != nil {
			t.Fatalf("replaced database not kept: %v", err)
		}
	})
}

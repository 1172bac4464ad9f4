package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/store"
)

// A backup leaves nothing but itself in backups/ (no .partial, .partial-wal or
// .partial-shm), private to the user, and so does a backup into a chosen file.
func TestBackupLeavesOnlyAPrivateFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "involve.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustSession(t, db, "Backed up")
	bdir := filepath.Join(dir, store.BackupDirName)
	if err := os.MkdirAll(bdir, 0o755); err != nil { // an older version's folder
		t.Fatal(err)
	}
	if err := os.Chmod(bdir, 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "copy.db")
	if _, err := db.BackupFile(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{bdir, filepath.Dir(other)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != b.Name && e.Name() != "copy.db" {
				t.Errorf("left in %s: %s", d, e.Name())
			}
		}
	}
	if runtime.GOOS == "windows" {
		return
	}
	for _, p := range []string{b.Path, other} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600 (%v)", p, st.Mode().Perm(), err)
		}
	}
	if st, err := os.Stat(bdir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("backups folder: mode %v, want 0700 (%v)", st.Mode().Perm(), err)
	}
	// The backup, expanded, opens as an ordinary database (rollback journal, not WAL).
	if mode := journalMode(t, store.ExpandForTest(t, b.Path)); !strings.EqualFold(mode, "delete") {
		t.Errorf("backup journal mode %q, want delete", mode)
	}
}

// The database and its -wal and -shm are private to the user once open, even when an
// older version (or a copy) left them readable by others.
func TestOpenMakesTheDatabasePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSession(t, db, "Kept private")
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustSession(t, db, "Written through the WAL")
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
}

func journalMode(t *testing.T, path string) string {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var mode string
	if err := d.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	return mode
}

package store_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// restoreFixture is a closed live database with two sessions and a checked backup of
// it holding one.
type restoreFixture struct {
	dir, path, backup string
}

func newRestoreFixture(t *testing.T) restoreFixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSession(t, db, "In the backup")
	b, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	mustSession(t, db, "Made after the backup")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return restoreFixture{dir: dir, path: path, backup: b.Path}
}

// snapshot is every file in the data folder (not in backups/) and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// mustRefuse restores src over the fixture's database and wants an EINVALID error
// containing want, with the data folder byte for byte as it was.
func (f restoreFixture) mustRefuse(t *testing.T, src, want string) {
	t.Helper()
	before := snapshot(t, f.dir)
	db, aside, err := store.Restore(context.Background(), f.path, src)
	if db != nil || aside != "" || involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("db %v, aside %q, err %v; want a refusal", db, aside, err)
	}
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "Nothing was changed") {
		t.Fatalf("err %q, want it to say %q and that nothing was changed", err, want)
	}
	after := snapshot(t, f.dir)
	if len(after) != len(before) {
		t.Fatalf("files before %d, after %d (%v)", len(before), len(after), keys(after))
	}
	for name, b := range before {
		if after[name] != b {
			t.Fatalf("%s changed", name)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// tamper copies the fixture's backup and runs stmts on the copy.
func (f restoreFixture) tamper(t *testing.T, stmts ...string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "tampered.db")
	b, err := os.ReadFile(store.ExpandForTest(t, f.backup))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dst, b, 0o600)
	execFile(t, dst, stmts...)
	return dst
}

func execFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, s := range stmts {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

type fullDisk struct {
	f    *os.File
	left int
}

func (w *fullDisk) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n, _ := w.f.Write(p[:w.left])
		w.left = 0
		return n, &os.PathError{Op: "write", Path: w.f.Name(), Err: syscall.ENOSPC}
	}
	w.left -= len(p)
	return w.f.Write(p)
}

func TestRestoreLosesNothing(t *testing.T) {
	ctx := context.Background()
	t.Run("FullDiskDuringTheCopy", func(t *testing.T) {
		f := newRestoreFixture(t)
		store.SetRestoreWriterForTest(t, func(file *os.File) io.Writer { return &fullDisk{f: file, left: 8192} })
		f.mustRefuse(t, f.backup, "no space left on device")
	})
	t.Run("NewerVersion", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := f.tamper(t, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (99, '0099_future.sql', '2030-01-01')")
		f.mustRefuse(t, src, "newer version of Involve")
	})
	t.Run("Truncated", func(t *testing.T) {
		f := newRestoreFixture(t)
		for _, backup := range []string{f.backup, store.ExpandForTest(t, f.backup)} { // compressed, plain
			b, _ := os.ReadFile(backup)
			src := filepath.Join(t.TempDir(), "half.db")
			os.WriteFile(src, b[:len(b)/2], 0o600)
			f.mustRefuse(t, src, "That backup cannot be used")
		}
	})
	t.Run("CompressedDamaged", func(t *testing.T) {
		// a changed byte fails the gzip checksum (or the expansion); bytes after the
		// end are refused too
		f := newRestoreFixture(t)
		b, _ := os.ReadFile(f.backup)
		flipped := append([]byte(nil), b...)
		flipped[len(flipped)-12] ^= 0x40
		trailing := append(append([]byte(nil), b...), "more"...)
		for name, content := range map[string][]byte{"flipped.db.gz": flipped, "trailing.db.gz": trailing} {
			src := filepath.Join(t.TempDir(), name)
			os.WriteFile(src, content, 0o600)
			f.mustRefuse(t, src, "That backup cannot be used")
		}
	})
	t.Run("CompressedRestores", func(t *testing.T) {
		f := newRestoreFixture(t)
		db, aside, err := store.Restore(ctx, f.path, f.backup)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if list, err := db.FindSessions(ctx, involve.SessionFilter{}); err != nil || len(list) != 1 || list[0].Title != "In the backup" || aside == "" {
			t.Fatalf("restored %+v %v, aside %q", list, err, aside)
		}
	})
	t.Run("EmptyFile", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := filepath.Join(t.TempDir(), "empty.db")
		os.WriteFile(src, nil, 0o600)
		f.mustRefuse(t, src, "not an Involve database")
	})
	t.Run("AnotherProgramsDatabase", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := filepath.Join(t.TempDir(), "other.db")
		execFile(t, src, "CREATE TABLE notes(x)", "INSERT INTO notes VALUES (1)")
		f.mustRefuse(t, src, "not an Involve database")
		execFile(t, src, "PRAGMA application_id = 42")
		f.mustRefuse(t, src, "another program")
	})
	t.Run("ExtraTrigger", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := f.tamper(t, `CREATE TRIGGER wipe_consent AFTER INSERT ON docs BEGIN
			DELETE FROM docs WHERE entity = 'consent';
			UPDATE meta SET value = 'https://attacker.example' WHERE key = 'sync_url';
		END`)
		f.mustRefuse(t, src, "trigger wipe_consent")
	})
	t.Run("ExtraViewTableAndIndex", func(t *testing.T) {
		f := newRestoreFixture(t)
		f.mustRefuse(t, f.tamper(t, "CREATE VIEW everything AS SELECT * FROM docs"), "view everything")
		f.mustRefuse(t, f.tamper(t, "CREATE TABLE stash(x)"), "table stash")
		f.mustRefuse(t, f.tamper(t, "CREATE INDEX docs_x ON docs(title)"), "index docs_x")
	})
	t.Run("MissingObject", func(t *testing.T) {
		f := newRestoreFixture(t)
		f.mustRefuse(t, f.tamper(t, "DROP TABLE conflicts"), "table conflicts)")
	})
	t.Run("CheckFileNamesTheObject", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := f.tamper(t, "CREATE TRIGGER t1 AFTER UPDATE ON meta BEGIN SELECT 1; END")
		if err := store.CheckFile(ctx, src); err == nil || !strings.Contains(err.Error(), "trigger t1") {
			t.Fatalf("check: %v", err)
		}
		if err := store.CheckFile(ctx, f.backup); err != nil {
			t.Fatalf("check of a good backup: %v", err)
		}
	})
	t.Run("OlderBackupWithoutApplicationID", func(t *testing.T) {
		f := newRestoreFixture(t)
		src := f.tamper(t, "PRAGMA application_id = 0")
		db, aside, err := store.Restore(ctx, f.path, src)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var id int64
		db.QueryRowForTest(ctx, "PRAGMA application_id").Scan(&id)
		if id != store.ApplicationID || aside == "" {
			t.Fatalf("application_id %#x, aside %q", id, aside)
		}
	})
	t.Run("OlderSchemaIsMigrated", func(t *testing.T) {
		f := newRestoreFixture(t)
		old := filepath.Join(t.TempDir(), "v3.db")
		odb, err := store.Open(ctx, old, store.Options{MaxVersion: 3, NoBackupBeforeMigrate: true})
		if err != nil {
			t.Fatal(err)
		}
		odb.Close()
		db, _, err := store.Restore(ctx, f.path, old)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if v, _ := db.SchemaVersion(ctx); v != store.LatestVersion() {
			t.Fatalf("version %d", v)
		}
	})
	t.Run("ReplacedDatabaseKeptWithItsWAL", func(t *testing.T) {
		f := newRestoreFixture(t)
		// the state a crash leaves: the last session only in the -wal file
		db, err := store.Open(ctx, f.path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.ExecForTest(ctx, "PRAGMA wal_autocheckpoint = 0")
		s := mustSession(t, db, "Only in the WAL")
		crash := t.TempDir()
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(f.path + suffix)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(crash, "involve.db"+suffix), b, 0o600)
		}
		db.Close()
		os.Remove(f.path + "-wal")
		os.Remove(f.path + "-shm")
		crashed := filepath.Join(crash, "involve.db")
		got, aside, err := store.Restore(ctx, crashed, f.backup)
		if err != nil {
			t.Fatal(err)
		}
		if list, _ := got.FindSessions(ctx, involve.SessionFilter{}); len(list) != 1 {
			t.Fatalf("restored database has %d sessions", len(list))
		}
		got.Close()
		if !strings.HasPrefix(filepath.Base(aside), "involve-replaced-") || filepath.Dir(aside) != crash {
			t.Fatalf("kept as %q", aside)
		}
		kept, err := store.Open(ctx, aside, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer kept.Close()
		if _, err := kept.FindSessionByID(ctx, s.ID); err != nil {
			t.Fatalf("the replaced database lost its WAL: %v", err)
		}
		if m, _ := filepath.Glob(filepath.Join(crash, "*.restoring*")); len(m) != 0 {
			t.Fatalf("left behind: %v", m)
		}
	})
}

func TestRestoreMovesAWALWithoutItsDatabase(t *testing.T) {
	ctx := context.Background()
	f := newRestoreFixture(t)
	// a -wal from another database, left behind in a folder whose database is gone
	other := filepath.Join(t.TempDir(), "other.db")
	odb, err := store.Open(ctx, other, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	odb.ExecForTest(ctx, "PRAGMA wal_autocheckpoint = 0")
	for i := 0; i < 20; i++ {
		mustSession(t, odb, "Not in the backup")
	}
	wal, err := os.ReadFile(other + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no -wal to leave behind: %v", err)
	}
	odb.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	os.WriteFile(path+"-wal", wal, 0o600)

	db, aside, err := store.Restore(ctx, path, f.backup)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if list, _ := db.FindSessions(ctx, involve.SessionFilter{}); len(list) != 1 {
		t.Fatalf("the restored database has %d sessions, want the backup's 1", len(list))
	}
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(aside + "-wal"); string(got) != string(wal) {
		t.Fatalf("the -wal was not kept as %s-wal", aside)
	}
}

func TestRestorePutsTheDatabaseBackWhenTheRestoredOneWillNotOpen(t *testing.T) {
	ctx := context.Background()
	f := newRestoreFixture(t)
	old := filepath.Join(t.TempDir(), "v3.db")
	odb, err := store.Open(ctx, old, store.Options{MaxVersion: 3, NoBackupBeforeMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	odb.Close()
	// opening the restored v3 file migrates it, which first makes a backup: make that fail
	os.RemoveAll(filepath.Join(f.dir, store.BackupDirName))
	os.WriteFile(filepath.Join(f.dir, store.BackupDirName), []byte("not a folder"), 0o600)
	before := snapshot(t, f.dir)
	db, aside, err := store.Restore(ctx, f.path, old)
	if db != nil || aside != "" || err == nil || !strings.Contains(err.Error(), "put back") {
		t.Fatalf("db %v, aside %q, err %v", db, aside, err)
	}
	after := snapshot(t, f.dir)
	if len(after) != len(before) {
		t.Fatalf("files %v, want %v", keys(after), keys(before))
	}
	for name, b := range before {
		if after[name] != b {
			t.Fatalf("%s changed", name)
		}
	}
}

func TestRestoreMovesAHotJournalWithoutItsDatabase(t *testing.T) {
	ctx := context.Background()
	f := newRestoreFixture(t)
	// a rollback journal caught mid-transaction (another database, DELETE mode)
	other := filepath.Join(t.TempDir(), "other.db")
	d, err := sql.Open("sqlite3", "file:"+other+"?_journal_mode=DELETE")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA cache_size = 10", "CREATE TABLE t(x)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT randomblob(500) FROM n"} {
		if _, err := d.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	tx, _ := d.Begin()
	if _, err := tx.Exec("UPDATE t SET x = randomblob(500)"); err != nil {
		t.Fatal(err)
	}
	journal, err := os.ReadFile(other + "-journal")
	tx.Rollback()
	if err != nil || len(journal) == 0 {
		t.Fatalf("no journal: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "involve.db")
	os.WriteFile(path+"-journal", journal, 0o600)

	db, aside, err := store.Restore(ctx, path, f.backup)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Fatalf("the stray journal was rolled into the restored database: %v", err)
	}
	if list, _ := db.FindSessions(ctx, involve.SessionFilter{}); len(list) != 1 {
		t.Fatalf("the restored database has %d sessions, want the backup's 1", len(list))
	}
	if got, _ := os.ReadFile(aside + "-journal"); string(got) != string(journal) {
		t.Fatalf("the journal was not kept as %s-journal", aside)
	}
}

func TestOpenMarksApplicationID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.ExecForTest(ctx, "PRAGMA application_id = 0") // a database made before the mark
	db.Close()
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRowForTest(ctx, "PRAGMA application_id").Scan(&id); err != nil || id != 0x494E564C {
		t.Fatalf("application_id %#x, %v", id, err)
	}
}

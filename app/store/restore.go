package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// ApplicationID marks an Involve database in its file header (PRAGMA application_id):
// the ASCII bytes "INVL". Open sets it on every database it opens.
const ApplicationID = 0x494E564C

// restoreWriter is what the copy of a backup is written through; tests replace it
// with one that fails as a full disk does.
var restoreWriter = func(f *os.File) io.Writer { return f }

// CheckFile checks a database file without changing it: SQLite's integrity_check, then
// that it is an Involve database of a schema this version knows, holding exactly the
// tables, indexes, triggers and views the migrations create (verifyFile).
//
// A compressed backup is expanded beside it first (path.checking, removed after).
func CheckFile(ctx context.Context, path string) error {
	if gz, err := isGzip(path); err != nil {
		return err
	} else if gz {
		plain := path + ".checking"
		removeDBFiles(plain)
		defer removeDBFiles(plain)
		if err := copyFile(path, plain); err != nil {
			return fmt.Errorf("the compressed backup could not be read: %w", err)
		}
		path = plain
	}
	_, err := verifyFile(ctx, path)
	return err
}

// verifyFile opens path read-only and returns its schema version if it is an Involve
// database this version can use; otherwise an error saying why not.
func verifyFile(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	d, err := sql.Open("sqlite3", sqldb.FileURI(path, "mode=ro&_query_only=true"))
	if err != nil {
		return 0, err
	}
	defer d.Close()
	d.SetMaxOpenConns(1) // the pragma below holds for the one connection
	// a hostile file's schema never runs functions with side effects while we look
	if _, err := d.ExecContext(ctx, "PRAGMA trusted_schema = OFF"); err != nil {
		return 0, err
	}
	if err := integrityCheck(ctx, d); err != nil {
		return 0, err
	}
	var appID int64
	if err := d.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, err
	}
	if appID != 0 && appID != ApplicationID {
		return 0, fmt.Errorf("it is not an Involve database (it belongs to another program: application_id %#x)", appID)
	}
	var n int
	if err := d.QueryRowContext(ctx,
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, errors.New("it is not an Involve database (it has no schema_migrations table)")
	}
	version, err := checkMigrations(ctx, d)
	if err != nil {
		return 0, err
	}
	want, err := schemaOf(ctx, version)
	if err != nil {
		return 0, err
	}
	got, err := readSchema(ctx, d)
	if err != nil {
		return 0, err
	}
	if err := compareSchema(got, want); err != nil {
		return 0, err
	}
	return version, nil
}

// checkMigrations reads schema_migrations: versions 1…v without a gap, each with the
// name of this version's migration, and v no newer than this version knows.
func checkMigrations(ctx context.Context, d *sql.DB) (int, error) {
	rows, err := d.QueryContext(ctx, "SELECT version, name FROM schema_migrations ORDER BY version")
	if err != nil {
		return 0, fmt.Errorf("it is not an Involve database (schema_migrations: %v)", err)
	}
	defer rows.Close()
	v := 0
	for rows.Next() {
		var version int
		var name string
		if err := rows.Scan(&version, &name); err != nil {
			return 0, fmt.Errorf("it is not an Involve database (schema_migrations: %v)", err)
		}
		if version > len(migrations) {
			return 0, fmt.Errorf("it was written by a newer version of Involve (schema %d; this version knows %d); install the newer version to use it",
				version, len(migrations))
		}
		if version != v+1 || name != migrations[version-1].Name {
			return 0, fmt.Errorf("it is not an Involve database of a known schema (schema_migrations has version %d %q)", version, name)
		}
		v = version
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if v == 0 {
		return 0, errors.New("it is not an Involve database (no migrations applied)")
	}
	return v, nil
}

// schemaObject is one row of sqlite_schema.
type schemaObject struct{ Type, Name, SQL string }

// readSchema lists a database's objects by "type name". SQLite's own tables (statistics
// from ANALYZE, AUTOINCREMENT counters) hold no code and are left out.
func readSchema(ctx context.Context, d *sql.DB) (map[string]schemaObject, error) {
	rows, err := d.QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.Type, &o.Name, &o.SQL); err != nil {
			return nil, err
		}
		if o.Type == "table" && (o.Name == "sqlite_sequence" || strings.HasPrefix(o.Name, "sqlite_stat")) {
			continue
		}
		out[o.Type+" "+o.Name] = o
	}
	return out, rows.Err()
}

// schemaOf is the schema a database freshly migrated to version has (in memory).
func schemaOf(ctx context.Context, version int) (map[string]schemaObject, error) {
	d, err := sql.Open("sqlite3", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	d.SetMaxOpenConns(1)
	if err := sqldb.CreateMigrationsTable(ctx, d); err != nil {
		return nil, err
	}
	if err := sqldb.Migrate(ctx, "version of Involve", migrations[:version], func(fn func(sqldb.MigrationTx) error) error {
		return sqldb.InTx(ctx, d, func(tx *sql.Tx) error { return fn(sqldb.SQLiteMigrationTx(tx, involve.FormatTime)) })
	}); err != nil {
		return nil, err
	}
	return readSchema(ctx, d)
}

// compareSchema names every object got has that want lacks (or has with other SQL, for
// triggers and views, which hold code), and every object it lacks.
func compareSchema(got, want map[string]schemaObject) error {
	var extra, missing []string
	for k, o := range got {
		w, ok := want[k]
		if !ok || (o.Type == "trigger" || o.Type == "view") && o.SQL != w.SQL {
			extra = append(extra, o.Type+" "+o.Name)
		}
	}
	for k, w := range want {
		if _, ok := got[k]; !ok {
			missing = append(missing, w.Type+" "+w.Name)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	if len(extra) > 0 {
		return fmt.Errorf("it holds objects Involve did not create: %s", strings.Join(extra, ", "))
	}
	if len(missing) > 0 {
		return fmt.Errorf("it is not an Involve database of a known schema (it lacks %s)", strings.Join(missing, ", "))
	}
	return nil
}

// markApplicationID sets PRAGMA application_id on an open Involve database.
func (db *DB) markApplicationID(ctx context.Context) error {
	var id int64
	if err := db.writer.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return err
	}
	if id == ApplicationID {
		return nil
	}
	_, err := db.writer.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
	return err
}

// RestoreBackup replaces the database at dbPath with the backup file src, losing
// nothing whatever fails. It copies src to a temporary file beside the database
// (synced), verifies that copy (verifyFile), and only then swaps it in with a rename;
// the database that was there is kept, with its -wal and -shm files, as
// "involve-replaced-<time>.db" in the same folder, and its path returned ("" when
// there was none). On any error the database at dbPath is as it was and the temporary
// file is gone. The database must be closed.
func RestoreBackup(ctx context.Context, dbPath, src string) (string, error) {
	tmp := dbPath + ".restoring"
	removeDBFiles(tmp)
	defer removeDBFiles(tmp) // nothing is left of it, whatever happens
	if err := copyFile(src, tmp); err != nil {
		if errors.As(err, new(errDamagedBackup)) {
			return "", involve.Errorf(involve.EINVALID, "That backup cannot be used: %v. Nothing was changed.", err)
		}
		return "", involve.Errorf(involve.EINVALID, "That backup could not be copied (%v). Nothing was changed.", err)
	}
	if _, err := verifyFile(ctx, tmp); err != nil {
		return "", involve.Errorf(involve.EINVALID, "That backup cannot be used: %v. Nothing was changed.", err)
	}
	for _, suffix := range sideFiles {
		os.Remove(tmp + suffix) // only the verified file itself goes in (no -shm from reading it)
	}
	if err := syncFile(tmp); err != nil {
		return "", err
	}
	aside, err := keepAside(dbPath)
	if err != nil {
		return "", fmt.Errorf("keeping the current database before restoring: %w. Nothing was changed", err)
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		putBack(dbPath, aside)
		return "", fmt.Errorf("putting the backup in place: %w. Nothing was changed", err)
	}
	return aside, syncDir(filepath.Dir(dbPath))
}

// keepAside keeps the database at dbPath under a new name in its folder without moving
// it: a hard link (or, where links are not supported, a synced copy) of the file, and
// its -wal, -shm and -journal files moved beside it so that they stay one database.
func keepAside(dbPath string) (string, error) {
	anything := fileExists(dbPath)
	for _, suffix := range sideFiles {
		anything = anything || fileExists(dbPath+suffix)
	}
	if !anything {
		return "", nil
	}
	dir := filepath.Dir(dbPath)
	stamp := time.Now().UTC().Format("20060102T150405Z")
	aside := filepath.Join(dir, "involve-replaced-"+stamp+".db")
	for i := 2; fileExists(aside); i++ {
		aside = filepath.Join(dir, fmt.Sprintf("involve-replaced-%s-%d.db", stamp, i))
	}
	// a -wal or -journal left without its database (it would be read into the
	// restored one) is moved too, under the name it would have beside the kept database
	if fileExists(dbPath) {
		if err := os.Link(dbPath, aside); err != nil {
			if err := copyFile(dbPath, aside); err != nil {
				os.Remove(aside)
				return "", err
			}
		}
	}
	for _, suffix := range sideFiles {
		if err := os.Rename(dbPath+suffix, aside+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			putBack(dbPath, aside)
			return "", err
		}
	}
	return aside, syncDir(dir)
}

// putBack undoes keepAside while dbPath is still the original file.
func putBack(dbPath, aside string) {
	if aside == "" {
		return
	}
	for _, suffix := range sideFiles {
		os.Rename(aside+suffix, dbPath+suffix)
	}
	os.Remove(aside)
}

// sideFiles are SQLite's files beside a database that belong to it: a -wal or a hot
// -journal is read into whatever database next opens under that name.
var sideFiles = []string{"-wal", "-shm", "-journal"}

// removeDBFiles removes a database file and SQLite's files beside it.
func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// Restore puts the backup file src in place of the database at dbPath (RestoreBackup:
// the backup is copied and verified first, and the database that was there is kept
// beside it) and opens the result, which migrates a backup made by an older version.
// The database must be closed, and its data folder held by the caller
// (datadir.Acquire): both the desktop app and `involve restore` restore through here.
//
// It returns the restored database, open; where the previous database was kept (""
// when there was none); and on failure the error, with db nil. A backup that fails its
// check is an EINVALID error and changes nothing; if the restored file cannot be
// opened, the previous database is put back.
func Restore(ctx context.Context, dbPath, src string) (db *DB, aside string, err error) {
	aside, err = RestoreBackup(ctx, dbPath, src)
	if err != nil {
		return nil, "", err
	}
	db, err = Open(ctx, dbPath, Options{})
	if err != nil {
		if aside != "" {
			for _, suffix := range sideFiles {
				os.Remove(dbPath + suffix) // the restored file's, never to be read with the old one
			}
			if rerr := os.Rename(aside, dbPath); rerr == nil {
				for _, suffix := range sideFiles {
					os.Rename(aside+suffix, dbPath+suffix)
				}
				return nil, "", fmt.Errorf("the restored database could not be opened (%w); the previous database was put back", err)
			}
		}
		return nil, aside, err
	}
	return db, aside, nil
}

// copyFile copies src into the new file dst, through restoreWriter, and syncs it; a
// gzip file is expanded, and refused if its checksum or length is wrong.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	r, err := expanding(in) // a compressed backup is expanded (backup_gzip.go)
	if err != nil {
		out.Close()
		return err
	}
	if _, err := io.Copy(restoreWriter(out), r); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// After an erasure is committed: the database file and its WAL are rewritten (the
// database runs with secure_delete, so deleted and overwritten cells are zeros; the
// checkpoint and VACUUM leave no free page or log frame with an old value), and every
// local backup made before, in the backups folder or kept aside by a restore
// (involve-replaced-*.db), is rewritten without the erased content: a copy of it, of
// this version's schema, is erased with the same function (applyErasureTx), written
// out with VACUUM INTO and renamed over it. A backup that cannot be rewritten (an older
// schema, a damaged file) is deleted. The lists of both are returned (file names).
func (db *DB) afterErasure(ctx context.Context, erasures []*involve.Erasure) (rewritten, deleted []string) {
	var busy, logged, done int
	_ = db.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done)
	_ = db.Compact(ctx) // best effort: the erasure is committed; a busy log is emptied at the next checkpoint
	rewritten, deleted = []string{}, []string{}
	for _, path := range localBackups(db.Dir()) {
		if err := rewriteBackup(ctx, path, erasures); err != nil {
			removeDBFiles(path)
			deleted = append(deleted, filepath.Base(path))
			continue
		}
		rewritten = append(rewritten, filepath.Base(path))
	}
	return rewritten, deleted
}

// localBackups lists the backups in a data folder (backups/involve-*.db, and
// involve-*.db.gz: compressed) and the
// databases a restore kept aside (involve-replaced-*.db), oldest name first.
func localBackups(dataDir string) []string {
	var out []string
	for _, pattern := range []string{filepath.Join(dataDir, BackupDirName, "involve-*.db"),
		filepath.Join(dataDir, BackupDirName, "involve-*"+compressedSuffix),
		filepath.Join(dataDir, "involve-replaced-*.db")} {
		m, _ := filepath.Glob(pattern)
		for _, p := range m {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// rewriteBackup erases a backup: copy (with its -wal), open, check the schema is
// this version's, apply the erasures and store their records, VACUUM INTO a new file,
// sync it and rename it over the backup. Any error leaves the backup as it was (the
// caller deletes it).
func rewriteBackup(ctx context.Context, path string, erasures []*involve.Erasure) (err error) {
	work := path + ".erasing"
	out := path + ".erased"
	defer func() {
		removeDBFiles(work)
		removeDBFiles(out)
	}()
	removeDBFiles(work)
	removeDBFiles(out)
	for _, suffix := range []string{"", "-wal"} {
		if !fileExists(path + suffix) {
			continue
		}
		if err := copyFile(path+suffix, work+suffix); err != nil {
			return err
		}
		makePrivate(work+suffix, 0o600)
	}
	d, err := sql.Open("sqlite3", sqldb.FileURI(work, "_secure_delete=on&_foreign_keys=on"))
	if err != nil {
		return err
	}
	defer d.Close()
	d.SetMaxOpenConns(1)
	if _, err := d.ExecContext(ctx, "PRAGMA trusted_schema = OFF"); err != nil {
		return err
	}
	if version, err := checkMigrations(ctx, d); err != nil {
		return err
	} else if version != LatestVersion() {
		return fmt.Errorf("the backup is of schema %d, not %d", version, LatestVersion())
	}
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, e := range erasures {
		if _, err := applyErasureTx(ctx, tx, e); err != nil {
			return err
		}
		// the erasure itself: a restored backup refuses edits of the subject too, and
		// sends the erasure to the server if it has not had it yet
		if err := putDoc(ctx, tx, e); err != nil {
			return err
		}
		if err := queueInBackup(ctx, tx, e); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if _, err := d.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return err
	}
	makePrivate(out, 0o600)
	if err := checkFile(ctx, out); err != nil {
		return err
	}
	if gz, err := isGzip(path); err != nil {
		return err
	} else if gz { // a compressed backup stays compressed (backup_gzip.go)
		if err := compressInto(out, path); err != nil {
			return err
		}
	} else {
		if err := syncFile(out); err != nil {
			return err
		}
		if err := os.Rename(out, path); err != nil {
			return err
		}
	}
	for _, suffix := range sideFiles { // the old log and journal belonged to the old file
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return syncDir(filepath.Dir(path))
}

// queueInBackup gives a backup an outbox entry for the erasure, unless it has one
// (a restored backup sends it; the server takes an erasure it has already, unchanged,
// again).
func queueInBackup(ctx context.Context, tx *sql.Tx, e *involve.Erasure) error {
	b, err := marshalState(e)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		SELECT ?, 'erasure', ?, 0, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE entity = 'erasure' AND record_id = ?)`,
		newChangeID(), e.ID, e.Rev, b, e.CreatedAt, e.CreatedAt, e.ID)
	return err
}

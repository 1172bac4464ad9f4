// Package store is Involve's local store: the laptop's SQLite database (mattn/go-sqlite3,
// build tag sqlite_fts5). It applies the embedded migrations, keeps one writer
// connection beside a read pool, writes an outbox entry with every mutation, indexes
// text for search, and makes and restores backups.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

var migrations = sqldb.MustLoad(migrationFS, "migrations")

// sqliteOptions are the laptop's settings for its file.
var sqliteOptions = sqldb.Options{
	Synchronous: "FULL", // human-rate writes: durable on power loss
	CacheSize:   -16000,
	// Deleted and replaced values are overwritten, not left in free pages: a partner
	// removed from this laptop, or an old value replaced, is not in the file for a
	// byte search to find (docs/privacy.md, "Secure deletion").
	SecureDelete: true,
	// A new file's pages are 8 KiB (issue 17, docs/decisions.md): a feedback row of
	// ~490 bytes wastes less of each page than of a 4 KiB one (45.97 instead of 48.04
	// MiB at 100 000 items); a file that exists keeps its page size.
	PageSize: 8192,
	// A new file gives free pages back (issue 17): an import ends with PRAGMA
	// incremental_vacuum, so the search index's merges leave no free pages behind
	// (2 MiB at 100 000 items).
	IncrementalVacuum: true,
}

// DB is an open local database.
type DB struct {
	path   string
	pools  *sqldb.DB
	writer *sql.DB // pools.Writer: exactly one connection, SQLite has one writer at a time
	reader *sql.DB // pools.Reader: read pool (WAL readers never block the writer)

	// Now is the clock; tests replace it.
	Now func() time.Time

	keys sealKeys // the data key and the team key, while unlocked (sealing.go)

	mu       sync.Mutex // guards lastRev and the identity below
	lastRev  int64
	deviceID string
	userName string
	ahead    *homeAhead // the home screen's answer ahead, until taken (home_ahead.go)

	ckptMu    sync.Mutex // guards the two below (checkpoint.go)
	ckptHolds int        // imports and sync transactions running without auto-checkpoint
	ckptPages int        // wal_autocheckpoint before the first of them

	// MigratedFrom is the schema version found on open (0 for a new database).
	MigratedFrom int
	// BackupBeforeMigration is the backup made before migrating, if any.
	BackupBeforeMigration string
}

// Options tune Open.
type Options struct {
	// NoBackupBeforeMigrate skips the safety backup (tests that build old versions).
	NoBackupBeforeMigrate bool
	// MaxVersion stops migrating at this version (tests of upgrades); 0 = all.
	MaxVersion int
	// ReadConns is the size of the read pool (default 4).
	ReadConns int
}

// DamagedError says the database file cannot be used as it is. The file is left
// untouched so that nothing more is lost; the caller offers a backup.
type DamagedError struct {
	Path string
	Err  error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the database %s cannot be used: %v", e.Path, e.Err)
}
func (e *DamagedError) Unwrap() error { return e.Err }

// Open opens (creating if needed) and migrates the database at path. A file that is
// not a usable SQLite database gives a *DamagedError and is not modified.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	o := sqliteOptions
	o.ReadConns = opt.ReadConns
	if o.ReadConns <= 0 {
		o.ReadConns = 4
	}
	pools, err := sqldb.Open(ctx, path, o)
	if err != nil {
		if se, ok := corrupt(err); ok {
			return nil, &DamagedError{Path: path, Err: se}
		}
		return nil, err
	}
	db := &DB{path: path, pools: pools, writer: pools.Writer, reader: pools.Reader, Now: time.Now}
	// SQLite creates the file 0644, and an older version's file may be: the user's alone
	// (its -wal and -shm, made with the database's permissions, follow).
	for _, suffix := range []string{"", "-wal", "-shm"} {
		makePrivate(path+suffix, 0o600)
	}
	if err := db.migrate(ctx, opt); err != nil {
		pools.Close()
		if _, ok := corrupt(err); ok {
			return nil, &DamagedError{Path: path, Err: err}
		}
		return nil, err
	}
	if err := db.markApplicationID(ctx); err != nil {
		pools.Close()
		return nil, err
	}
	if opt.MaxVersion == 0 {
		if err := db.loadIdentity(ctx); err != nil {
			db.Close()
			return nil, err
		}
		// After migration 0007 (once), the search index's vocabulary is filled from it
		// (search_words.go). A failure (a damaged index) leaves the mark for the next
		// open or the index's repair: search works without it, only without suggestions.
		_ = db.fillSearchWords(ctx)
		// Tombstones past their period go at open too (purge.go). A failure leaves
		// them for the next sync's purge: it does not stop Involve opening.
		_, _ = db.PurgeTombstones(ctx, db.Now())
		// Migration 0010 leaves the search index's old copy of the texts and two
		// indexes in free pages (about 40 MiB at 100 000 items): the file shrinks only
		// when it is rebuilt, once, here. A failure (a full disk, a busy log) leaves the
		// file as it was, to be compacted by a later erasure.
		if db.MigratedFrom > 0 && db.MigratedFrom < compactAfterVersion {
			_ = db.Compact(ctx)
		}
	}
	return db, nil
}

// compactAfterVersion: a database migrated from a version before this one is
// compacted once it is open (migration 0010 frees a third of a large file).
const compactAfterVersion = 10

// corrupt finds SQLite's own error in err and says whether it is one of a file that is
// damaged or not a database.
func corrupt(err error) (sqlite3.Error, bool) {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se, se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	return se, false
}

// Close closes both pools (checkpointing the WAL).
func (db *DB) Close() error {
	if a := db.dropHomeAhead(nil); a != nil {
		a.release()
	}
	return db.pools.Close()
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Dir is the folder the database lives in (the data directory).
func (db *DB) Dir() string { return filepath.Dir(db.path) }

// DeviceID identifies this installation in every record it writes.
func (db *DB) DeviceID() string { db.mu.Lock(); defer db.mu.Unlock(); return db.deviceID }

// UserName is the staff name recorded as created_by.
func (db *DB) UserName() string { db.mu.Lock(); defer db.mu.Unlock(); return db.userName }

// LatestVersion is the schema version this build migrates to.
func LatestVersion() int { return len(migrations) }

// SchemaVersion reads the applied schema version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.writer.QueryRowContext(ctx, sqldb.VersionQuery).Scan(&v)
	return v, err
}

// migrate backs the database up (unless it is new) and applies the migrations it has
// not seen, up to opt.MaxVersion.
func (db *DB) migrate(ctx context.Context, opt Options) error {
	if err := sqldb.CreateMigrationsTable(ctx, db.writer); err != nil {
		return err
	}
	cur, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	db.MigratedFrom = cur
	target := len(migrations)
	if opt.MaxVersion > 0 && opt.MaxVersion < target {
		target = opt.MaxVersion
	}
	if cur > len(migrations) {
		return involve.Errorf(involve.EUNAVAILABLE,
			"This database was written by a newer version of Involve (schema %d; this version knows %d). Install the newer version.", cur, len(migrations))
	}
	if cur >= target {
		return nil
	}
	if cur > 0 && !opt.NoBackupBeforeMigrate {
		b, err := db.backupTo(ctx, filepath.Join(filepath.Dir(db.path), BackupDirName), fmt.Sprintf("before-v%d", target))
		if err != nil {
			return fmt.Errorf("backup before migration: %w", err)
		}
		db.BackupBeforeMigration = b.Path
	}
	return sqldb.Migrate(ctx, "version of Involve", migrations[:target], func(fn func(sqldb.MigrationTx) error) error {
		return db.inTx(ctx, func(tx *sql.Tx) error { return fn(sqldb.SQLiteMigrationTx(tx, involve.FormatTime)) })
	})
}

// loadIdentity reads (or on first open creates) the device id and seeds the starter
// themes.
func (db *DB) loadIdentity(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		get := func(k string) (string, error) {
			var v string
			err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", k).Scan(&v)
			if errors.Is(err, sql.ErrNoRows) {
				return "", nil
			}
			return v, err
		}
		dev, err := get("device_id")
		if err != nil {
			return err
		}
		if dev == "" {
			dev = uuid.Must(uuid.NewV7()).String()
			if _, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('device_id', ?), ('created_at', ?)",
				dev, involve.FormatTime(db.Now())); err != nil {
				return err
			}
		}
		user, err := get("user_name")
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(rev) FROM outbox), 0), `+importedMaxRevSQL+`)`).Scan(&db.lastRev); err != nil {
			return err
		}
		db.mu.Lock()
		db.deviceID, db.userName = dev, user
		db.mu.Unlock()
		seeded, err := get("themes_seeded")
		if err != nil || seeded != "" {
			return err
		}
		// Starter themes are identical on every device (same id, rev 1, fixed time, no
		// device): nothing to sync, and any real edit outranks them.
		for _, label := range involve.StarterThemes {
			t := involve.StarterTheme(label)
			if err := writeTheme(ctx, tx, &t); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('themes_seeded', ?)", involve.FormatTime(db.Now()))
		return err
	})
}

// SetUserName records the staff name stamped on new records.
func (db *DB) SetUserName(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	var p involve.Problems
	if len([]rune(name)) > 100 {
		p.Add("userName", "Your name must be 100 characters or fewer")
	}
	if err := p.Err("settings"); err != nil {
		return err
	}
	if err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('user_name', ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, name)
		return err
	}); err != nil {
		return err
	}
	db.mu.Lock()
	db.userName = name
	db.mu.Unlock()
	return nil
}

// inTx runs fn in a write transaction (BEGIN IMMEDIATE), rolling back on error or
// panic and committing otherwise.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return sqldb.InTx(ctx, db.writer, fn)
}

// nextRev returns a hybrid-logical-clock revision: milliseconds since the epoch in the
// high bits, a counter in the low 16, always greater than both the last revision this
// device issued and the record's previous revision.
func (db *DB) nextRev(prev int64) int64 {
	db.mu.Lock()
	defer db.mu.Unlock()
	r := db.Now().UnixMilli() << 16
	if r <= db.lastRev {
		r = db.lastRev + 1
	}
	if r <= prev {
		r = prev + 1
	}
	db.lastRev = r
	return r
}

// stamp fills the metadata of a new record.
func (db *DB) stamp(m *involve.Meta, now string) {
	if m.ID == "" {
		m.ID = uuid.Must(uuid.NewV7()).String()
	}
	m.CreatedAt, m.UpdatedAt = now, now
	db.mu.Lock()
	m.CreatedBy, m.DeviceID = db.userName, db.deviceID
	db.mu.Unlock()
}

// CheckIntegrity runs PRAGMA integrity_check and returns nil or an error listing what
// SQLite found.
func (db *DB) CheckIntegrity(ctx context.Context) error {
	return integrityCheck(ctx, db.reader)
}

func integrityCheck(ctx context.Context, q *sql.DB) error {
	rows, err := q.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		if s != "ok" {
			msgs = append(msgs, s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(msgs) > 0 {
		if len(msgs) > 5 {
			msgs = append(msgs[:5], fmt.Sprintf("and %d more problems", len(msgs)-5))
		}
		return fmt.Errorf("integrity check failed: %s", strings.Join(msgs, "; "))
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

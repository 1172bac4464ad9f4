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
	"github.com/hin-south-london/involve/app/migrate"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open local database.
type DB struct {
	path   string
	writer *sql.DB // exactly one connection: SQLite has one writer at a time
	reader *sql.DB // read pool (WAL readers never block the writer)

	// Now is the clock; tests replace it.
	Now func() time.Time

	mu       sync.Mutex // guards lastRev and the identity below
	lastRev  int64
	deviceID string
	userName string

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

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", "10000") // first, so every later pragma waits for locks
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "FULL") // human-rate writes: durable on power loss
	q.Set("_cache_size", "-16000")
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
	}
	return fileURI(path, q.Encode())
}

// fileURI makes a SQLite URI for path, escaped so that spaces, '?' or '#' in a folder
// name cannot change its meaning.
func fileURI(path, query string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + query
}

// Open opens (creating if needed) and migrates the database at path. A file that is
// not a usable SQLite database gives a *DamagedError and is not modified.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	db := &DB{path: path, Now: time.Now}
	var err error
	if db.writer, err = sql.Open("sqlite3", dsn(path, false)); err != nil {
		return nil, err
	}
	db.writer.SetMaxOpenConns(1)
	db.writer.SetMaxIdleConns(1)
	db.writer.SetConnMaxLifetime(0)
	db.writer.SetConnMaxIdleTime(0)

	// Reading the schema is the cheapest test that the file is a database at all.
	var n int
	if err := db.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		db.writer.Close()
		if isCorrupt(err) {
			return nil, &DamagedError{Path: path, Err: err}
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.migrate(ctx, opt); err != nil {
		db.writer.Close()
		if isCorrupt(err) {
			return nil, &DamagedError{Path: path, Err: err}
		}
		return nil, err
	}
	if db.reader, err = sql.Open("sqlite3", dsn(path, true)); err != nil {
		db.writer.Close()
		return nil, err
	}
	conns := opt.ReadConns
	if conns <= 0 {
		conns = 4
	}
	db.reader.SetMaxOpenConns(conns)
	db.reader.SetMaxIdleConns(conns)
	if opt.MaxVersion == 0 {
		if err := db.loadIdentity(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func isCorrupt(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	return false
}

// Close closes both pools (checkpointing the WAL).
func (db *DB) Close() error {
	var err error
	if db.reader != nil {
		err = db.reader.Close()
	}
	if db.writer != nil {
		if e := db.writer.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Dir is the folder the database lives in (the data directory).
func (db *DB) Dir() string { return filepath.Dir(db.path) }

// DeviceID identifies this installation in every record it writes.
func (db *DB) DeviceID() string { db.mu.Lock(); defer db.mu.Unlock(); return db.deviceID }

// UserName is the staff name recorded as created_by.
func (db *DB) UserName() string { db.mu.Lock(); defer db.mu.Unlock(); return db.userName }

// migration is one numbered schema file.
type migration = migrate.Migration

func migrations() ([]migration, error) { return migrate.Load(migrationFS, "migrations") }

// LatestVersion is the schema version this build migrates to.
func LatestVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err)
	}
	return len(ms)
}

// SchemaVersion reads the applied schema version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.writer.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

func (db *DB) migrate(ctx context.Context, opt Options) error {
	if _, err := db.writer.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	cur, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	db.MigratedFrom = cur
	target := len(ms)
	if opt.MaxVersion > 0 && opt.MaxVersion < target {
		target = opt.MaxVersion
	}
	if cur > len(ms) {
		return involve.Errorf(involve.EUNAVAILABLE,
			"This database was written by a newer version of Involve (schema %d; this version knows %d). Install the newer version.", cur, len(ms))
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
	for _, m := range ms[cur:target] {
		if err := db.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, involve.FormatTime(time.Now()))
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
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
		if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rev), 0) FROM outbox").Scan(&db.lastRev); err != nil {
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
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
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

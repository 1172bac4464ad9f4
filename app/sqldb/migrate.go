package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migration is one numbered schema file ("0001_name.sql", …): forward only.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Load reads every migration in dir of fsys, in version order, and checks that the
// versions run 1, 2, 3… without a gap.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %q: name must start with a number", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{v, name, string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// MustLoad is Load for migrations embedded in the binary, where a bad file name is a
// mistake of the build: it panics.
func MustLoad(fsys fs.FS, dir string) []Migration {
	ms, err := Load(fsys, dir)
	if err != nil {
		panic(err)
	}
	return ms
}

// VersionQuery reads the applied schema version (0 for none).
const VersionQuery = "SELECT coalesce(max(version), 0) FROM schema_migrations"

// MigrationTx is what Migrate needs of one transaction on a store's database.
type MigrationTx interface {
	// Version is the applied schema version (VersionQuery).
	Version(ctx context.Context) (int, error)
	// Apply runs m and records it in schema_migrations.
	Apply(ctx context.Context, m Migration) error
}

// Migrate applies, in order, each migration of ms not yet applied, each in a
// transaction of its own that inTx begins (and commits or rolls back). Each transaction
// first re-reads the applied version, so several processes may migrate at once, as
// long as their transactions exclude each other (BEGIN IMMEDIATE, an advisory lock),
// and every migration runs once. A database that is past every migration of ms was
// written by a newer build of program, and is refused.
func Migrate(ctx context.Context, program string, ms []Migration, inTx func(fn func(MigrationTx) error) error) error {
	for _, m := range ms {
		err := inTx(func(tx MigrationTx) error {
			cur, err := tx.Version(ctx)
			if err != nil {
				return err
			}
			if cur > len(ms) {
				return fmt.Errorf("the database was written by a newer %s (schema %d; this one knows %d)", program, cur, len(ms))
			}
			if cur >= m.Version {
				return nil
			}
			return tx.Apply(ctx, m)
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// CreateMigrationsTable creates SQLite's schema_migrations if need be.
func CreateMigrationsTable(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	return nil
}

// SQLiteMigrationTx is a SQLite write transaction as Migrate needs it; stamp writes
// applied_at (each store keeps its own time format).
func SQLiteMigrationTx(tx *sql.Tx, stamp func(time.Time) string) MigrationTx {
	return sqliteMigrationTx{tx, stamp}
}

type sqliteMigrationTx struct {
	tx    *sql.Tx
	stamp func(time.Time) string
}

func (t sqliteMigrationTx) Version(ctx context.Context) (int, error) {
	var v int
	err := t.tx.QueryRowContext(ctx, VersionQuery).Scan(&v)
	return v, err
}

func (t sqliteMigrationTx) Apply(ctx context.Context, m Migration) error {
	if _, err := t.tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
		m.Version, m.Name, t.stamp(time.Now()))
	return err
}

// CheckVersion reads a schema version from row (a row of VersionQuery) and says
// whether it is want, the version this build migrates to: the servers' readiness check.
func CheckVersion(row Row, want int) error {
	var v int
	if err := row.Scan(&v); err != nil {
		return err
	}
	if v != want {
		return fmt.Errorf("database schema is version %d, this server needs %d", v, want)
	}
	return nil
}

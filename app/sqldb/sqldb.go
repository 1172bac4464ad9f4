// Package sqldb is the database plumbing every store of Involve shares: it opens a
// SQLite file (mattn/go-sqlite3) as one writer connection beside a read pool, with
// each store's own settings; runs a function in a write transaction that rolls back on
// error and panic; reads the embedded, numbered migrations and applies them, one
// transaction each, recorded in schema_migrations (for SQLite and, through a small
// interface, PostgreSQL); and scans query results row by row. What a store keeps and
// how it decides stays in the store.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"

	_ "github.com/mattn/go-sqlite3" // registers the sqlite3 driver
)

// Options are one store's settings for its SQLite file.
type Options struct {
	// Synchronous is PRAGMA synchronous: "FULL" makes a committed write survive a
	// power cut.
	Synchronous string
	// CacheSize is PRAGMA cache_size of each connection (negative: KiB).
	CacheSize int
	// ReadConns is the size of the read pool.
	ReadConns int
	// SecureDelete is PRAGMA secure_delete on every connection: SQLite overwrites
	// deleted and replaced content with zeros instead of leaving it in free space and
	// free pages (the laptop's database, docs/privacy.md).
	SecureDelete bool
	// PageSize is the page size of a file Open creates (0: SQLite's default, 4096). A
	// file that exists keeps its own: a page size is set before the first table.
	PageSize int
	// IncrementalVacuum makes a file Open creates with auto_vacuum=INCREMENTAL: its free
	// pages are given back to the file system by PRAGMA incremental_vacuum (a file that
	// exists keeps its own mode).
	IncrementalVacuum bool
}

// DSN is the data source name of the file at path: busy timeout first (so that every
// later pragma waits for locks), WAL, foreign keys, o's synchronous and cache size,
// secure deletion when o asks for it, and either query-only (readOnly) or BEGIN
// IMMEDIATE for every transaction (a writer takes the write lock when it begins, never
// half-way through).
func DSN(path string, o Options, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", o.Synchronous)
	q.Set("_cache_size", strconv.Itoa(o.CacheSize))
	if o.SecureDelete {
		q.Set("_secure_delete", "on")
	}
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
	}
	return FileURI(path, q.Encode())
}

// FileURI makes a SQLite URI for path, escaped so that spaces, '?' or '#' in a folder
// name cannot change its meaning.
func FileURI(path, query string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + query
}

// DB is a SQLite file open as exactly one writer connection (SQLite has one writer at a
// time) beside a read pool of query-only connections (WAL readers never block the
// writer).
type DB struct {
	Writer *sql.DB
	Reader *sql.DB
}

// Open opens (creating if needed) the SQLite file at path. It reads the schema on the
// writer first: the cheapest test that the file is a database at all, which also
// creates the file in WAL mode before any reader opens it.
func Open(ctx context.Context, path string, o Options) (*DB, error) {
	if err := create(ctx, path, o); err != nil {
		return nil, err
	}
	w, err := OpenWriter(path, o)
	if err != nil {
		return nil, err
	}
	var n int
	if err := w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite3", DSN(path, o, true))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(o.ReadConns)
	r.SetMaxIdleConns(o.ReadConns)
	return &DB{Writer: w, Reader: r}, nil
}

// create makes a database file at path with o's page size and auto-vacuum mode, in WAL
// mode, unless the file exists with something in it (or o asks for neither: SQLite makes
// the file itself).
func create(ctx context.Context, path string, o Options) error {
	if o.PageSize <= 0 && !o.IncrementalVacuum {
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 || err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil // (an error reading it: Open's own reports it)
	}
	c, err := sql.Open("sqlite3", FileURI(path, "_busy_timeout=10000"))
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	// both are written with the file's first page, which WAL mode writes
	q := ""
	if o.PageSize > 0 {
		q += fmt.Sprintf("PRAGMA page_size = %d; ", o.PageSize)
	}
	if o.IncrementalVacuum {
		q += "PRAGMA auto_vacuum = INCREMENTAL; "
	}
	if _, err = c.ExecContext(ctx, q+"PRAGMA journal_mode = WAL"); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return c.Close()
}

// OpenWriter opens a pool of exactly one writing connection to path, kept open for
// good. Open makes the writer with it; a store may open another for work of its own
// (the server's background checkpoints).
func OpenWriter(path string, o Options) (*sql.DB, error) {
	w, err := sql.Open("sqlite3", DSN(path, o, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	return w, nil
}

// Close closes the read pool, then the writer (the last connection checkpoints the WAL).
func (db *DB) Close() error {
	err := db.Reader.Close()
	if e := db.Writer.Close(); e != nil && err == nil {
		err = e
	}
	return err
}

// Beginner begins transactions: a *sql.DB, or a *sql.Conn (one of its connections,
// held).
type Beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// InTx runs fn in a transaction of db (on a writer opened here, BEGIN IMMEDIATE),
// rolling back when fn returns an error or panics (the panic goes on) and committing
// otherwise.
func InTx(ctx context.Context, db Beginner, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, nil)
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

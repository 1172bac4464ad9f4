// Package serversqlite is the central server's default store: one embedded SQLite file
// (mattn/go-sqlite3) in the server's data directory. It keeps one writer connection
// (every write transaction is BEGIN IMMEDIATE, so pushes are serialised and sequence
// numbers commit in order; pushes that wait for it share one transaction, each in a
// savepoint: group.go) beside a read pool for pulls and token lookups, and applies
// its embedded, numbered migrations. It implements serverstore.Store.
package serversqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

var migrations = sqldb.MustLoad(migrationFS, "migrations")

// sqliteOptions are the server's settings for its file.
var sqliteOptions = sqldb.Options{
	Synchronous: "FULL", // an acknowledged push survives a power cut
	CacheSize:   -32000,
	ReadConns:   8,
	// Deleted and overwritten content is zeroed in the file's pages, not left in free
	// space: an erasure destroys (docs/deploy.md), and a purged record (purge.go)
	// leaves nothing behind.
	SecureDelete: true,
}

// FileName is the database file the server keeps in its data directory.
const FileName = "involve-server.db"

// Store is an open server database.
type Store struct {
	path   string
	pools  *sqldb.DB
	writer *sql.DB // pools.Writer: exactly one connection, SQLite has one writer at a time
	reader *sql.DB // pools.Reader: read pool (WAL readers never block the writer)
	ckpt   *sql.DB // one connection for the background checkpoints
	// turn is the writer's queue: write transactions take it in the order they asked
	// (a channel's waiting senders are served first come, first served), where the pool
	// would hand its one connection to a waiter at random and leave some pushes waiting
	// for many others when laptops sync at once.
	turn chan struct{}
	// Pushes waiting for the writer, applied by whoever gets the turn (group.go).
	groupMu sync.Mutex
	queued  []*teamJob

	commits  atomic.Int64 // write transactions committed (the checkpointer looks)
	stopCkpt chan struct{}
	ckptDone chan struct{}
	stopOnce sync.Once

	// Now stamps change results; tests replace it.
	Now func() time.Time
}

var (
	_ serverstore.Store     = (*Store)(nil)
	_ serverstore.RawPuller = (*Store)(nil)
	_ serverstore.Sequenced = (*Store)(nil)
)

// Open opens (creating if needed) the database file at path. Call Migrate before use.
func Open(ctx context.Context, path string) (*Store, error) {
	pools, err := sqldb.Open(ctx, path, sqliteOptions)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, pools: pools, writer: pools.Writer, reader: pools.Reader, Now: time.Now, turn: make(chan struct{}, 1)}
	if err := s.startCheckpoints(ctx); err != nil {
		pools.Close()
		return nil, err
	}
	return s, nil
}

// Checkpoints. SQLite's automatic checkpoint runs inside the commit that takes the WAL
// past its threshold (1000 pages by default). A push of 1000 changes with random ids
// dirties a couple of thousand index pages, so nearly every push paid, on its request,
// for copying the WAL into the database file and an fsync. Instead the writer
// checkpoints itself only past a far larger threshold (a safety net), and a goroutine
// checkpoints in the background on its own connection shortly after writes: PASSIVE,
// so it never waits for or blocks the readers or the writer, and index pages that
// several pushes rewrote are copied once. Durability is the WAL's (synchronous=FULL),
// not the checkpoint's.
const (
	writerCheckpointPages = 32768 // 128 MiB of WAL: only when the background checkpoints fall behind
	checkpointEvery       = 1000 * time.Millisecond
	walSizeLimit          = 64 << 20 // the WAL file is cut back to this after it restarts
)

func (s *Store) startCheckpoints(ctx context.Context) error {
	for _, p := range []string{
		"PRAGMA wal_autocheckpoint = " + strconv.Itoa(writerCheckpointPages),
		"PRAGMA journal_size_limit = " + strconv.Itoa(walSizeLimit),
		// Each push of a group is a savepoint (group.go): SQLite keeps the pages it
		// changes as they were before it in a sub-journal, which past 64 KiB goes to a
		// temporary file unless temporary files are in memory.
		"PRAGMA temp_store = MEMORY",
		"PRAGMA cache_size = -262144",
	} {
		if _, err := s.writer.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	var err error
	if s.ckpt, err = sqldb.OpenWriter(s.path, sqliteOptions); err != nil {
		return err
	}
	s.stopCkpt, s.ckptDone = make(chan struct{}), make(chan struct{})
	go s.checkpointLoop()
	return nil
}

// checkpointLoop checkpoints after writes until Close.
func (s *Store) checkpointLoop() {
	defer close(s.ckptDone)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	var seen int64
	for {
		select {
		case <-s.stopCkpt:
			return
		case <-t.C:
		}
		if n := s.commits.Load(); n != seen {
			seen = n
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			// Errors (busy, say) are harmless: the next round or the writer tries again.
			s.ckpt.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
			cancel()
		}
	}
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close stops the background checkpoints and closes the pools (the last connection
// checkpoints the WAL).
func (s *Store) Close() error {
	if s.stopCkpt != nil {
		s.stopOnce.Do(func() {
			close(s.stopCkpt)
			<-s.ckptDone
			s.ckpt.Close()
		})
	}
	return s.pools.Close()
}

// Ping checks that the database answers and that its schema is this build's.
func (s *Store) Ping(ctx context.Context) error {
	return sqldb.CheckVersion(s.reader.QueryRowContext(ctx, sqldb.VersionQuery), LatestVersion())
}

// LatestVersion is the schema version this build migrates to.
func LatestVersion() int { return len(migrations) }

// Migrate applies the migrations not yet applied, each in its own transaction. Several
// processes may call it at once: BEGIN IMMEDIATE serialises them and each re-reads the
// applied version inside its transaction. Then the audit entries that have no place in
// the hash chain yet (written before it existed) are chained (sealLog).
func (s *Store) Migrate(ctx context.Context) error {
	if err := s.migrateTo(ctx, len(migrations)); err != nil {
		return err
	}
	// Entries written before the audit log was a hash chain join it now.
	if err := s.sealLog(ctx); err != nil {
		return fmt.Errorf("chain the audit log: %w", err)
	}
	return nil
}

// migrateTo applies the first n migrations (tests start from older schemas).
func (s *Store) migrateTo(ctx context.Context, n int) error {
	if err := sqldb.CreateMigrationsTable(ctx, s.writer); err != nil {
		return err
	}
	err := sqldb.Migrate(ctx, "involve-server", migrations[:n], func(fn func(sqldb.MigrationTx) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(sqldb.SQLiteMigrationTx(tx, formatTime)) })
	})
	return err
}

// inTx runs fn in a write transaction (sqldb.InTx: BEGIN IMMEDIATE, rolled back on
// error or panic) once it is the caller's turn, and counts the commit for the
// checkpointer.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	select {
	case s.turn <- struct{}{}:
		defer func() { <-s.turn }()
	case <-ctx.Done():
		return ctx.Err()
	}
	if err = sqldb.InTx(ctx, s.writer, fn); err == nil {
		s.commits.Add(1)
	}
	return err
}

// exec runs one statement in a write transaction (inTx); result, when not nil, judges
// what it did there (affected: ErrNotFound when it changed no row).
func (s *Store) exec(ctx context.Context, result func(sql.Result, error) error, query string, args ...any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if result != nil {
			return result(res, err)
		}
		return err
	})
}

// timeFormat is fixed width (microseconds, like PostgreSQL), so text order is time order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

func parseNullTime(s sql.NullString) (*time.Time, error) {
	if !s.Valid {
		return nil, nil
	}
	t, err := parseTime(s.String)
	return &t, err
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return serverstore.ErrNotFound
	}
	return err
}

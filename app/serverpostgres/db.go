// Package serverpostgres is the central server's store for organisations that outgrow one
// machine: several stateless involve-server processes over one PostgreSQL database
// (jackc/pgx, a connection pool per process). It applies its embedded, numbered
// migrations under an advisory lock, serialises each team's pushes with a
// transaction-scoped advisory lock (so sequence numbers commit in order on every
// replica), and keeps nothing in memory that another process would need. It implements
// serverstore.Store; docs/postgres.md says how to run it.
package serverpostgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

var migrations = sqldb.MustLoad(migrationFS, "migrations")

// DefaultMaxConns is the pool size when the URL does not set pool_max_conns. A push
// holds its connection while it waits for its team's lock, so the pool is larger than
// pgx's default (4 on small machines), and pushes may use only half of it (the rest
// stays free for pulls and token lookups).
const DefaultMaxConns = 16

// Store is an open PostgreSQL server store.
type Store struct {
	pool *pgxpool.Pool
	// txSlots bounds how many InTeamTx of this process hold a connection at once (half
	// the pool): pushes waiting for a busy team's lock must not take every connection
	// and leave pulls and token checks waiting behind them.
	txSlots chan struct{}

	// Each team's queued InTeamTx (group.go), by team id.
	groupMu sync.Mutex
	teams   map[string]*teamQueue
	commits atomic.Int64 // transactions of groups committed (tests)

	// Now stamps change results; tests replace it.
	Now func() time.Time
}

var (
	_ serverstore.Store     = (*Store)(nil)
	_ serverstore.RawPuller = (*Store)(nil)
)

// Open connects to the database at url (a postgres:// URL or a key=value DSN that pgx
// understands, e.g. postgres://involve:secret@db:5432/involve?sslmode=verify-full) and
// checks that it answers. pgx's pool settings (pool_max_conns, …) and PostgreSQL
// run-time parameters (search_path, …) may be given in the URL. Call Migrate before use.
func Open(ctx context.Context, url string) (serverstore.Store, error) {
	s, err := open(ctx, url)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password and all: say only what is wrong.
		return nil, errors.New("postgres: the database URL is not valid (expected postgres://user:password@host:port/database?sslmode=…)")
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "involve-server"
	}
	// Every session in UTC: times are stored as timestamptz and read back as UTC anyway;
	// this only makes psql sessions over the same data read alike.
	if _, ok := cfg.ConnConfig.RuntimeParams["timezone"]; !ok {
		cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return &Store{pool: pool, txSlots: make(chan struct{}, max(1, cfg.MaxConns/2)), teams: map[string]*teamQueue{}, Now: time.Now}, nil
}

// Close closes the pool (waiting for connections in use to be released).
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Ping checks that the database answers and that its schema is this build's.
func (s *Store) Ping(ctx context.Context) error {
	return sqldb.CheckVersion(s.pool.QueryRow(ctx, sqldb.VersionQuery), LatestVersion())
}

// LatestVersion is the schema version this build migrates to.
func LatestVersion() int { return len(migrations) }

// migrateLockKey is the advisory lock that serialises Migrate across processes.
var migrateLockKey = lockKey("involve-server/migrate")

// Migrate applies the migrations not yet applied, each in its own transaction. Several
// processes may call it at once: each transaction first takes the same advisory lock
// (pg_advisory_xact_lock, released at commit or rollback, also if the process dies)
// and only then creates the bookkeeping table and reads the applied version, so a
// migration runs exactly once and concurrent CREATE TABLEs never race. Then the audit
// entries that have no place in the hash chain yet (written before it existed) are
// chained (sealLog).
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
	err := sqldb.Migrate(ctx, "involve-server", migrations[:n], func(fn func(sqldb.MigrationTx) error) error {
		return s.inTx(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrateLockKey); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
				return fmt.Errorf("migrations table: %w", err)
			}
			return fn(migrationTx{tx})
		})
	})
	return err
}

// migrationTx is a transaction as sqldb.Migrate needs it.
type migrationTx struct{ tx pgx.Tx }

func (t migrationTx) Version(ctx context.Context) (int, error) {
	var v int
	err := t.tx.QueryRow(ctx, sqldb.VersionQuery).Scan(&v)
	return v, err
}

func (t migrationTx) Apply(ctx context.Context, m sqldb.Migration) error {
	// A migration file holds several statements: the simple protocol runs them in one
	// round trip (a migration takes no parameters).
	if _, err := t.tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return err
	}
	_, err := t.tx.Exec(ctx, "INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)",
		m.Version, m.Name, time.Now().UTC())
	return err
}

// inTx runs fn in a transaction, rolling back on error or panic and committing
// otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) (err error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			rollback(ctx, tx)
			panic(p)
		}
		if err != nil {
			rollback(ctx, tx)
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// rollback rolls tx back even when ctx is already cancelled (a cancelled request must
// still give its connection back clean).
func rollback(ctx context.Context, tx pgx.Tx) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	tx.Rollback(ctx)
}

// lockKey maps a name to a 64-bit advisory lock key (FNV-1a). Two names that collide
// only share a lock: they wait for each other, nothing more.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64())
}

// teamLockKey is the advisory lock that serialises a team's InTeamTx.
func teamLockKey(teamID string) int64 { return lockKey("involve-server/team/" + teamID) }

// retryable tells whether PostgreSQL asks for the transaction to be run again:
// serialization failure (40001) or deadlock detected (40P01).
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return serverstore.ErrNotFound
	}
	return err
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

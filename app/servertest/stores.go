package servertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serverpostgres"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
)

// The tests and benchmarks that run against either server store open it here: a fresh
// SQLite file, or a PostgreSQL schema of its own in the database PostgresEnv names.

// PostgresEnv names the PostgreSQL database tests may use: scripts/with-postgres.sh
// starts a throwaway server and sets it, and each test works in a schema of its own
// inside that database.
const PostgresEnv = "INVOLVE_TEST_POSTGRES_URL"

// StoreKinds names the stores to run against: "sqlite", and "postgres" when
// PostgresEnv is set.
func StoreKinds() []string {
	if os.Getenv(PostgresEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// OpenStore opens a fresh, migrated store of a kind ("sqlite" or "postgres"), closed
// when tb ends, and says where it is: the SQLite store's file, or the PostgreSQL URL
// (a FreshSchemaURL). A PostgreSQL kind is skipped when PostgresEnv is not set.
func OpenStore(tb testing.TB, kind string) (serverstore.Store, string) {
	tb.Helper()
	ctx := context.Background()
	var st serverstore.Store
	var where string
	var err error
	switch kind {
	case "sqlite":
		where = filepath.Join(tb.TempDir(), serversqlite.FileName)
		st, err = serversqlite.Open(ctx, where)
	case "postgres":
		where = FreshSchemaURL(tb)
		st, err = serverpostgres.Open(ctx, where)
	default:
		tb.Fatalf("unknown store %q", kind)
	}
	if err != nil {
		tb.Fatalf("open %s store: %v", kind, err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s store: %v", kind, err)
	}
	return st, where
}

// PostgresURL returns the URL PostgresEnv names, or skips tb when it is not set.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(PostgresEnv)
	if u == "" {
		tb.Skip(PostgresEnv + " is not set: the PostgreSQL variants run under scripts/with-postgres.sh " +
			"(scripts/with-postgres.sh go test -tags sqlite_fts5 ./app/synctest/)")
	}
	return u
}

// FreshSchemaURL makes an empty schema in PostgresEnv's database (dropped when tb
// ends) and returns a URL whose connections work in it (search_path), so that tests
// never see each other. It skips tb when PostgresEnv is not set.
func FreshSchemaURL(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	base := PostgresURL(tb)
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		conn.Close(ctx)
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
		conn.Close(ctx)
	})
	if !strings.HasPrefix(base, "postgres://") && !strings.HasPrefix(base, "postgresql://") {
		return base + " search_path=" + schema // a key=value DSN
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s is not a URL: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

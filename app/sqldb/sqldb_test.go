package sqldb_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hin-south-london/involve/app/sqldb"
)

var options = sqldb.Options{Synchronous: "FULL", CacheSize: -16000, ReadConns: 2}

func MustOpen(tb testing.TB) *sqldb.DB {
	tb.Helper()
	db, err := sqldb.Open(context.Background(), filepath.Join(tb.TempDir(), "a b?#.db"), options)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestDSN(t *testing.T) {
	t.Run("Writer", func(t *testing.T) {
		got := sqldb.DSN("/data/my folder/x?.db", options, false)
		want := "file:/data/my%20folder/x%3F.db?_busy_timeout=10000&_cache_size=-16000&_foreign_keys=on&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate"
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("Reader", func(t *testing.T) {
		got := sqldb.DSN("/d/x.db", sqldb.Options{Synchronous: "FULL", CacheSize: -32000}, true)
		want := "file:/d/x.db?_busy_timeout=10000&_cache_size=-32000&_foreign_keys=on&_journal_mode=WAL&_query_only=true&_synchronous=FULL"
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	// The laptop's settings (app/store): secure deletion on writer and readers alike.
	t.Run("SecureDelete", func(t *testing.T) {
		o := sqldb.Options{Synchronous: "FULL", CacheSize: -16000, SecureDelete: true}
		for readOnly, want := range map[bool]string{
			false: "file:/d/x.db?_busy_timeout=10000&_cache_size=-16000&_foreign_keys=on&_journal_mode=WAL&_secure_delete=on&_synchronous=FULL&_txlock=immediate",
			true:  "file:/d/x.db?_busy_timeout=10000&_cache_size=-16000&_foreign_keys=on&_journal_mode=WAL&_query_only=true&_secure_delete=on&_synchronous=FULL",
		} {
			if got := sqldb.DSN("/d/x.db", o, readOnly); got != want {
				t.Errorf("read-only %v:\ngot  %s\nwant %s", readOnly, got, want)
			}
		}
	})
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	for _, c := range []struct {
		pool  *sql.DB
		q     string
		want  string
		conns int
	}{
		{db.Writer, "PRAGMA journal_mode", "wal", 1},
		{db.Writer, "PRAGMA synchronous", "2", 1}, // FULL
		{db.Reader, "PRAGMA foreign_keys", "1", 2},
		{db.Reader, "PRAGMA query_only", "1", 2},
		{db.Reader, "PRAGMA cache_size", "-16000", 2},
	} {
		var got string
		if err := c.pool.QueryRowContext(ctx, c.q).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.q, got, err, c.want)
		}
		if n := c.pool.Stats().MaxOpenConnections; n != c.conns {
			t.Errorf("%s: pool of %d, want %d", c.q, n, c.conns)
		}
	}
	if _, err := db.Reader.ExecContext(ctx, "CREATE TABLE t(x)"); err == nil {
		t.Error("the read pool wrote")
	}

	t.Run("NotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "junk.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := sqldb.Open(ctx, path, options)
		if err == nil || !strings.HasPrefix(err.Error(), "open "+path+": ") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestInTx(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, err := db.Writer.ExecContext(ctx, "CREATE TABLE t(x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	insert := func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (1)")
		return err
	}
	count := func() int {
		var n int
		if err := db.Reader.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("Commits", func(t *testing.T) {
		if err := sqldb.InTx(ctx, db.Writer, insert); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != 1 {
			t.Fatalf("got %d rows, want 1", got)
		}
	})
	t.Run("RollsBackOnError", func(t *testing.T) {
		boom := errors.New("boom")
		err := sqldb.InTx(ctx, db.Writer, func(tx *sql.Tx) error {
			if err := insert(tx); err != nil {
				return err
			}
			return boom
		})
		if err != boom {
			t.Fatalf("err = %v, want boom", err)
		}
		if got := count(); got != 1 {
			t.Fatalf("got %d rows, want 1", got)
		}
	})
	t.Run("RollsBackOnPanic", func(t *testing.T) {
		func() {
			defer func() {
				if p := recover(); p != "boom" {
					t.Fatalf("recovered %v, want the panic to go on", p)
				}
			}()
			sqldb.InTx(ctx, db.Writer, func(tx *sql.Tx) error {
				insert(tx)
				panic("boom")
			})
		}()
		if got := count(); got != 1 {
			t.Fatalf("got %d rows, want 1", got)
		}
		// The writer's one connection was given back.
		if err := sqldb.InTx(ctx, db.Writer, insert); err != nil {
			t.Fatal(err)
		}
	})
}

var migrationFS = fstest.MapFS{
	"m/0002_b.sql": {Data: []byte("CREATE TABLE b(x); INSERT INTO b VALUES (2);")},
	"m/0001_a.sql": {Data: []byte("CREATE TABLE a(x);")},
}

func TestLoad(t *testing.T) {
	ms := sqldb.MustLoad(migrationFS, "m")
	if len(ms) != 2 || ms[0].Version != 1 || ms[0].Name != "0001_a.sql" || ms[1].Version != 2 || ms[1].SQL != string(migrationFS["m/0002_b.sql"].Data) {
		t.Fatalf("got %+v", ms)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"Gap":       {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"NoNumber":  {"m/0001_a.sql": {}, "m/two.sql": {}},
		"NoFolder":  {},
		"Duplicate": {"m/0001_a.sql": {}, "m/01_a.sql": {}},
	} {
		t.Run(name, func(t *testing.T) {
			if ms, err := sqldb.Load(fsys, "m"); err == nil {
				t.Errorf("loaded %+v", ms)
			}
		})
	}
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	ms := sqldb.MustLoad(migrationFS, "m")
	stamp := func(time.Time) string { return "stamp" }
	migrate := func(ms []sqldb.Migration) error {
		if err := sqldb.CreateMigrationsTable(ctx, db.Writer); err != nil {
			return err
		}
		return sqldb.Migrate(ctx, "involve-test", ms, func(fn func(sqldb.MigrationTx) error) error {
			return sqldb.InTx(ctx, db.Writer, func(tx *sql.Tx) error { return fn(sqldb.SQLiteMigrationTx(tx, stamp)) })
		})
	}
	version := func() int {
		var v int
		if err := db.Reader.QueryRowContext(ctx, sqldb.VersionQuery).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}

	if err := migrate(ms[:1]); err != nil {
		t.Fatal(err)
	}
	if got := version(); got != 1 {
		t.Fatalf("version %d, want 1", got)
	}
	for range 2 { // the second time, nothing is left to do
		if err := migrate(ms); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.Reader.QueryContext(ctx, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type applied struct {
		Version    int
		Name, When string
	}
	got, err := sqldb.Collect(rows, nil, func(r sqldb.Row) (applied, error) {
		var a applied
		return a, r.Scan(&a.Version, &a.Name, &a.When)
	})
	if err != nil || len(got) != 2 || got[0] != (applied{1, "0001_a.sql", "stamp"}) || got[1] != (applied{2, "0002_b.sql", "stamp"}) {
		t.Fatalf("schema_migrations: %+v, %v", got, err)
	}
	if err := sqldb.CheckVersion(db.Reader.QueryRowContext(ctx, sqldb.VersionQuery), 2); err != nil {
		t.Error(err)
	}

	t.Run("NewerRefused", func(t *testing.T) {
		err := migrate(ms[:1])
		want := "migration 0001_a.sql: the database was written by a newer involve-test (schema 2; this one knows 1)"
		if err == nil || err.Error() != want {
			t.Fatalf("err = %v, want %s", err, want)
		}
		err = sqldb.CheckVersion(db.Reader.QueryRowContext(ctx, sqldb.VersionQuery), 1)
		if want := "database schema is version 2, this server needs 1"; err == nil || err.Error() != want {
			t.Fatalf("err = %v, want %s", err, want)
		}
	})
	t.Run("FailedMigrationRolledBack", func(t *testing.T) {
		bad := append(ms, sqldb.Migration{Version: 3, Name: "0003_bad.sql", SQL: "CREATE TABLE c(x); INSERT INTO nowhere VALUES (1);"})
		if err := migrate(bad); err == nil || !strings.HasPrefix(err.Error(), "migration 0003_bad.sql: ") {
			t.Fatalf("err = %v", err)
		}
		if got := version(); got != 2 {
			t.Errorf("version %d, want 2", got)
		}
		var n int
		db.Reader.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'c'").Scan(&n)
		if n != 0 {
			t.Error("the failed migration's table stayed")
		}
	})
}

func TestEach(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, err := db.Writer.ExecContext(ctx, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3)"); err != nil {
		t.Fatal(err)
	}
	scan := func(r sqldb.Row) (int, error) {
		var x int
		return x, r.Scan(&x)
	}
	query := func() *sql.Rows {
		rows, err := db.Reader.QueryContext(ctx, "SELECT x FROM t ORDER BY x")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rows.Close() })
		return rows
	}
	var got []int
	stop := errors.New("stop")
	err := sqldb.Each(query(), scan, func(x int) error {
		got = append(got, x)
		if x == 2 {
			return stop
		}
		return nil
	})
	if err != stop || len(got) != 2 {
		t.Fatalf("got %v, %v; want [1 2], stop", got, err)
	}
	all, err := sqldb.Collect(query(), []int{0}, scan)
	if err != nil || len(all) != 4 || all[3] != 3 {
		t.Fatalf("got %v, %v", all, err)
	}
	bad := func(r sqldb.Row) (int, error) {
		var a, b int
		return a, r.Scan(&a, &b) // one column, two destinations
	}
	if all, err := sqldb.Collect(query(), nil, bad); err == nil || all != nil {
		t.Fatalf("got %v, %v; want nil and an error", all, err)
	}
}

// fakeRows are rows whose Close returns nothing, as pgx.Rows' does.
type fakeRows struct {
	n      int
	closed bool
}

func (r *fakeRows) Next() bool             { r.n--; return r.n >= 0 }
func (r *fakeRows) Scan(dest ...any) error { *dest[0].(*int) = r.n; return nil }
func (r *fakeRows) Err() error             { return nil }
func (r *fakeRows) Close()                 { r.closed = true }

// sqlRows are fake rows whose Close returns an error, as *sql.Rows' does.
type sqlRows struct{ fakeRows }

func (r *sqlRows) Close() error { r.closed = true; return nil }

func TestKeyCounts(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, err := db.Writer.ExecContext(ctx, "CREATE TABLE c(k TEXT, n INTEGER); INSERT INTO c VALUES ('a', 3), ('b', 0)"); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Reader.QueryContext(ctx, "SELECT k, n FROM c")
	got, err := sqldb.KeyCounts(rows, err)
	if err != nil || len(got) != 2 || got["a"] != 3 || got["b"] != 0 {
		t.Fatalf("KeyCounts = %v, %v; want map[a:3 b:0]", got, err)
	}
	rows, err = db.Reader.QueryContext(ctx, "SELECT nothing FROM c")
	if got, err := sqldb.KeyCounts(rows, err); err == nil || got != nil {
		t.Fatalf("a failed query gave %v, %v", got, err)
	}
}

func TestCollectQuery(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	if _, err := db.Writer.ExecContext(ctx, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2)"); err != nil {
		t.Fatal(err)
	}
	scan := func(r sqldb.Row) (int, error) {
		var x int
		return x, r.Scan(&x)
	}
	rows, err := db.Reader.QueryContext(ctx, "SELECT x FROM t ORDER BY x")
	got, err := sqldb.CollectQuery(rows, err, nil, scan)
	if err != nil || len(got) != 2 || got[1] != 2 {
		t.Fatalf("got %v, %v", got, err)
	}
	rows, err = db.Reader.QueryContext(ctx, "SELECT nothing FROM t")
	if got, err := sqldb.CollectQuery(rows, err, nil, scan); err == nil || got != nil {
		t.Fatalf("a failed query gave %v, %v", got, err)
	}
	rows, err = db.Reader.QueryContext(ctx, "SELECT nothing FROM t")
	if err := sqldb.EachQuery(rows, err, scan, func(int) error { return nil }); err == nil {
		t.Fatal("a failed query gave no error")
	}
	for _, each := range []bool{false, true} {
		plain, std := &fakeRows{n: 3}, &sqlRows{fakeRows{n: 3}}
		for _, fr := range []sqldb.Rows{plain, std} {
			var n int
			if each {
				err = sqldb.EachQuery(fr, nil, scan, func(int) error { n++; return nil })
			} else {
				var all []int
				all, err = sqldb.CollectQuery(fr, nil, nil, scan)
				n = len(all)
			}
			if err != nil || n != 3 {
				t.Errorf("each %v: %d rows, %v; want 3, nil", each, n, err)
			}
		}
		if !plain.closed || !std.closed {
			t.Errorf("each %v: rows not closed (Close(): %v, Close() error: %v)", each, plain.closed, std.closed)
		}
	}
}

// Open makes a new file with Options.PageSize (in WAL mode); a file that exists keeps
// its page size.
func TestOpenPageSize(t *testing.T) {
	ctx := context.Background()
	pageSize := func(path string, o sqldb.Options) (int, string) {
		t.Helper()
		db, err := sqldb.Open(ctx, path, o)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Writer.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS t(x)"); err != nil {
			t.Fatal(err)
		}
		var n int
		var mode string
		if err := db.Writer.QueryRowContext(ctx, "SELECT page_size, journal_mode FROM pragma_page_size, pragma_journal_mode").Scan(&n, &mode); err != nil {
			t.Fatal(err)
		}
		return n, mode
	}
	o := options
	o.PageSize = 8192
	path := filepath.Join(t.TempDir(), "new file?.db")
	if n, mode := pageSize(path, o); n != 8192 || mode != "wal" {
		t.Fatalf("a new file: page size %d, journal %s; want 8192, wal", n, mode)
	}
	old := filepath.Join(t.TempDir(), "old.db")
	if n, _ := pageSize(old, options); n != 4096 {
		t.Fatalf("default page size %d", n)
	}
	if n, mode := pageSize(old, o); n != 4096 || mode != "wal" {
		t.Fatalf("a file that exists: page size %d, journal %s; want 4096, wal", n, mode)
	}
	// auto_vacuum=INCREMENTAL likewise
	o.IncrementalVacuum = true
	for path, want := range map[string]int{filepath.Join(t.TempDir(), "v.db"): 2, old: 0} {
		db, err := sqldb.Open(ctx, path, o)
		if err != nil {
			t.Fatal(err)
		}
		var mode int
		if err := db.Writer.QueryRowContext(ctx, "PRAGMA auto_vacuum").Scan(&mode); err != nil || mode != want {
			t.Errorf("%s: auto_vacuum %d (%v), want %d", filepath.Base(path), mode, err, want)
		}
		db.Close()
	}
}

package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/hin-south-london/involve/app/store"
)

// BenchmarkImportFloor measures what SQLite alone needs to write an import's rows
// with this schema (docs/benchmarks.md, "Issue 17 — import"): a fresh store (the
// laptop's pragmas, synchronous=FULL) copies the sessions, feedback, outbox and import entries,
// search index and word list of the imported data set with INSERT … SELECT, in one
// transaction, nothing decoded, checked or bound. Reports records per CPU-second of
// the whole (records/cpu-s) and the CPU of each part (…-cpu-s; commit included in
// commit-cpu-s). Compare with BenchmarkImport.
func BenchmarkImportFloor(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("100 000 items: skipped with -short")
			}
			b.StopTimer()
			src := benchdata.ImportedDB(b, n)
			ctx := context.Background()
			parts := []struct{ name, sql string }{
				{"rows", `INSERT INTO sessions SELECT * FROM k.sessions ORDER BY pk;
					INSERT INTO feedback SELECT * FROM k.feedback ORDER BY pk`},
				{"outbox", `INSERT INTO outbox SELECT * FROM k.outbox ORDER BY seq;
					INSERT INTO outbox_import SELECT * FROM k.outbox_import ORDER BY seq`},
				// From the records' texts: the index is contentless (migration 0010), its
				// columns read back as NULL.
				{"fts", `INSERT INTO search(rowid, title, body) SELECT pk*2+1, title, notes FROM k.sessions WHERE deleted_at IS NULL ORDER BY pk;
					INSERT INTO search(rowid, title, body) SELECT pk*2, '', text FROM k.feedback WHERE deleted_at IS NULL ORDER BY pk`},
				{"words", `INSERT INTO search_words SELECT * FROM k.search_words`},
			}
			cpuOf := map[string]time.Duration{}
			var cpu time.Duration
			records := 0
			for range b.N {
				path := filepath.Join(b.TempDir(), "involve.db")
				db, err := store.Open(ctx, path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				db.Close()
				w, err := sql.Open("sqlite3", sqldb.DSN(path, sqldb.Options{Synchronous: "FULL", CacheSize: -16000, SecureDelete: true}, false))
				if err != nil {
					b.Fatal(err)
				}
				w.SetMaxOpenConns(1)
				if _, err := w.ExecContext(ctx, "ATTACH ? AS k", src); err != nil {
					b.Fatal(err)
				}
				var n int
				if err := w.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM k.sessions) + (SELECT count(*) FROM k.feedback)").Scan(&n); err != nil {
					b.Fatal(err)
				}
				records += n
				b.StartTimer()
				c0 := benchdata.CPUTime()
				tx, err := w.BeginTx(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range parts {
					c := benchdata.CPUTime()
					if _, err := tx.ExecContext(ctx, p.sql); err != nil {
						b.Fatalf("%s: %v", p.name, err)
					}
					cpuOf[p.name] += benchdata.CPUTime() - c
				}
				c := benchdata.CPUTime()
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				cpuOf["commit"] += benchdata.CPUTime() - c
				cpu += benchdata.CPUTime() - c0
				b.StopTimer()
				w.Close()
			}
			b.ReportMetric(float64(records)/cpu.Seconds(), "records/cpu-s")
			for _, p := range append(parts, struct{ name, sql string }{"commit", ""}) {
				b.ReportMetric(cpuOf[p.name].Seconds()/float64(b.N), p.name+"-cpu-s")
			}
		})
	}
}

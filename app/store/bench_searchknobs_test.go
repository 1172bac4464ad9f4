package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/hin-south-london/involve/app/store"
)

// BenchmarkSearchIndexKnobs measures FTS5's own knobs on the import's search index
// (docs/benchmarks.md, "Issue 17 — the search index in an import and a pull"): a fresh
// store with the imported data set's sessions and feedback rows already committed,
// then, in one transaction at synchronous=FULL, the index filled from their texts as
// the import's flush does, with FTS5's hashsize (bytes of pending terms before a
// segment is written) and crisismerge set for that transaction, and optionally an
// 'optimize' after. Reports the CPU of the index's statements (fts-cpu-s), of the
// optimize, of the commit, and the index's segments and size after.
func BenchmarkSearchIndexKnobs(b *testing.B) {
	knobs := []struct {
		name     string
		hashsize int
		crisis   int
		optimize bool
	}{
		{"default", 0, 0, false},
		{"hashsize=4MiB", 4 << 20, 0, false},
		{"hashsize=16MiB", 16 << 20, 0, false},
		{"hashsize=64MiB", 64 << 20, 0, false},
		{"crisismerge=64", 0, 64, false},
		{"hashsize=16MiB,crisismerge=64", 16 << 20, 64, false},
		{"default+optimize", 0, 0, true},
		{"hashsize=16MiB+optimize", 16 << 20, 0, true},
	}
	for _, k := range knobs {
		b.Run(k.name, func(b *testing.B) {
			b.StopTimer()
			src := benchdata.ImportedDB(b, 100_000)
			ctx := context.Background()
			var fts, opt, commit float64
			var segs, bytes int
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
				must := func(q string, args ...any) {
					if _, err := w.ExecContext(ctx, q, args...); err != nil {
						b.Fatalf("%s: %v", q, err)
					}
				}
				must("ATTACH ? AS k", src)
				must(`INSERT INTO sessions SELECT * FROM k.sessions ORDER BY pk;
					INSERT INTO feedback SELECT * FROM k.feedback ORDER BY pk`)
				must("DETACH k")
				b.StartTimer()
				c := benchdata.CPUTime()
				must("BEGIN")
				if k.hashsize > 0 {
					must("INSERT INTO search(search, rank) VALUES ('hashsize', ?)", k.hashsize)
				}
				if k.crisis > 0 {
					must("INSERT INTO search(search, rank) VALUES ('crisismerge', ?)", k.crisis)
				}
				must(`INSERT INTO search(rowid, title, body) SELECT pk*2+1, title, notes FROM sessions WHERE deleted_at IS NULL ORDER BY pk;
					INSERT INTO search(rowid, title, body) SELECT pk*2, '', text FROM feedback WHERE deleted_at IS NULL ORDER BY pk`)
				if k.hashsize > 0 {
					must("DELETE FROM search_config WHERE k = 'hashsize'")
				}
				if k.crisis > 0 {
					must("DELETE FROM search_config WHERE k = 'crisismerge'")
				}
				fts += (benchdata.CPUTime() - c).Seconds()
				if k.optimize {
					c = benchdata.CPUTime()
					must("INSERT INTO search(search) VALUES ('optimize')")
					opt += (benchdata.CPUTime() - c).Seconds()
				}
				c = benchdata.CPUTime()
				must("COMMIT")
				commit += (benchdata.CPUTime() - c).Seconds()
				b.StopTimer()
				var s, p int
				if err := w.QueryRowContext(ctx, "SELECT count(DISTINCT id >> 37) FROM search_data WHERE id >= (1 << 37)").Scan(&s); err != nil {
					b.Fatal(err)
				}
				if err := w.QueryRowContext(ctx, "SELECT sum(length(block)) FROM search_data").Scan(&p); err != nil {
					b.Fatal(err)
				}
				segs, bytes = s, p
				w.Close()
			}
			n := float64(b.N)
			b.ReportMetric(fts/n, "fts-cpu-s")
			b.ReportMetric(opt/n, "optimize-cpu-s")
			b.ReportMetric(commit/n, "commit-cpu-s")
			b.ReportMetric(float64(segs), "segments")
			b.ReportMetric(float64(bytes)/(1<<20), "search_data-MiB")
		})
	}
}

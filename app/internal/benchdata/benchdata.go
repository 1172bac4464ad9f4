// Package benchdata provides the shared synthetic data set (scripts/bench/DATASET.md,
// `node scripts/bench/gen.mjs N 42`) to the benchmarks of app, app/sqlite and
// app/syncer: it generates the JSON Lines once, imports it once into a database, and
// caches both in .cache/bench/ at the repository root, keyed by the generator's and
// the migrations' contents (delete the folder to start afresh). The file names are
// those scripts/bench.sh uses, so whichever runs first makes the data for the others.
// Only test and benchmark code imports it.
package benchdata

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/store"
)

// Seed is the generator's seed for every benchmark.
const Seed = "42"

// Root is the repository root (the folder with go.mod).
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("cannot find the repository root (go.mod)")
		}
		dir = parent
	}
}

// generator finds the data set generator and returns its path and a hash of its code
// (gen.mjs then lib/spec.mjs, the same key scripts/bench.sh uses), or why the data set
// cannot be generated here.
func generator(tb testing.TB) (gen, hash, missing string) {
	tb.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		return "", "", "node is not installed: it is needed to generate the benchmark data set (scripts/bench/gen.mjs)"
	}
	root := Root(tb)
	for _, dir := range []string{filepath.Join(root, "scripts", "bench"), filepath.Join(root, "..", "shared", "bench")} {
		g, s := filepath.Join(dir, "gen.mjs"), filepath.Join(dir, "lib", "spec.mjs")
		bg, err1 := os.ReadFile(g)
		bs, err2 := os.ReadFile(s)
		if err1 == nil && err2 == nil {
			sum := sha256.Sum256(append(bg, bs...))
			return g, hex.EncodeToString(sum[:])[:12], ""
		}
	}
	return "", "", "the data set generator scripts/bench/gen.mjs (with lib/spec.mjs) is missing"
}

// cache is .cache/bench at the repository root.
func cache(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(Root(tb), ".cache", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// schemaHash identifies the schema (the migrations' contents), so that a cached
// database is rebuilt when a migration changes.
func schemaHash(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(Root(tb), "app", "store", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("migrations: %v (%d files)", err, len(files))
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Variant is a form of the data set: Plain (sessions and feedback) or Responses (gen.mjs
// --responses: a question set and a response to every feedback item as well).
type Variant string

const (
	Plain     Variant = ""
	Responses Variant = "responses"
)

func (v Variant) suffix() string {
	if v == Plain {
		return ""
	}
	return "-" + string(v)
}

// Dataset returns the JSON Lines file of the n-item data set, generating it once. It
// skips tb when node or the generator is missing.
func Dataset(tb testing.TB, n int) string { return DatasetOf(tb, n, Plain) }

// DatasetOf is Dataset for a variant of the data set.
func DatasetOf(tb testing.TB, n int, v Variant) string {
	tb.Helper()
	gen, hash, missing := generator(tb)
	if missing != "" {
		tb.Skip(missing)
	}
	return dataset(tb, gen, hash, n, v)
}

func dataset(tb testing.TB, gen, hash string, n int, v Variant) string {
	tb.Helper()
	path := filepath.Join(cache(tb), fmt.Sprintf("data-%d-seed%s-%s%s.jsonl", n, Seed, hash, v.suffix()))
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return path
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	defer os.Remove(tmp)
	args := []string{gen, fmt.Sprint(n), Seed}
	if v != Plain {
		args = append(args, "--"+string(v))
	}
	cmd := exec.Command("node", args...)
	cmd.Stdout, cmd.Stderr = f, os.Stderr
	start := time.Now()
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		tb.Fatalf("generate %d items: %v", n, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("generated %s in %v", path, time.Since(start).Round(time.Millisecond))
	return path
}

// ImportedDB returns a database file holding the n-item data set, imported once (as
// `involve import` does, so every record has its outbox entry) and cached. Callers may
// open it but must not change it: copy it first (CopyFile). It skips tb when node or
// the generator is missing.
func ImportedDB(tb testing.TB, n int) string { return ImportedDBOf(tb, n, Plain) }

// ImportedDBOf is ImportedDB for a variant of the data set.
func ImportedDBOf(tb testing.TB, n int, v Variant) string {
	tb.Helper()
	path, missing := importedDB(tb, n, v)
	if missing != "" {
		tb.Skip(missing)
	}
	return path
}

// TryImportedDB is ImportedDB, but returns ok false instead of skipping when the data
// set cannot be made here.
func TryImportedDB(tb testing.TB, n int) (path string, ok bool) {
	tb.Helper()
	path, missing := importedDB(tb, n, Plain)
	return path, missing == ""
}

func importedDB(tb testing.TB, n int, v Variant) (path, missing string) {
	tb.Helper()
	gen, hash, missing := generator(tb)
	if missing != "" {
		return "", missing
	}
	data := dataset(tb, gen, hash, n, v)
	path = filepath.Join(cache(tb), fmt.Sprintf("db-%d-seed%s-%s-schema%s%s.db", n, Seed, hash, schemaHash(tb), v.suffix()))
	if _, err := os.Stat(path); err == nil {
		return path, ""
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), "import-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "involve.db")
	ctx := context.Background()
	db, err := store.Open(ctx, tmp, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Open(data)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	res, err := jsonl.Import(ctx, db, f, nil)
	if err != nil {
		db.Close()
		tb.Fatalf("import %s: %v", data, err)
	}
	// and searchable, as `involve import` leaves it
	if _, err := db.CatchUpSearchIndex(ctx, store.SearchIndexChunkAlone); err != nil {
		db.Close()
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("imported %d records into %s in %v", res.Records, path, res.Duration.Round(time.Millisecond))
	// Databases built by an older generator or schema are about 250 MB each at 100 000
	// items.
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), fmt.Sprintf("db-%d-seed%s-*%s.db", n, Seed, v.suffix())))
	for _, f := range old {
		if f != path && (v != Plain || !strings.HasSuffix(f, Responses.suffix()+".db")) {
			os.Remove(f)
		}
	}
	return path, ""
}

// CopyFile copies a database file (closed, checkpointed) to dst.
func CopyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

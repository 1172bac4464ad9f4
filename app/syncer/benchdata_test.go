package syncer_test

// The shared synthetic data set (scripts/bench/DATASET.md, `node scripts/bench/gen.mjs N
// 42`), generated and imported once into .cache/bench/ at the repository root. The file
// names are app/sqlite/bench_test.go's, so that both use the same cached files.

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
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/sqlite"
)

const benchSeed = "42"

// cpuTime is the CPU time (user and system) this process has used: the laptops' and
// the server's together, as they run in one process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchRoot is the repository root (the folder with go.mod).
func benchRoot(tb testing.TB) string {
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

// benchGenerator returns the data set generator and a hash of its code, or ok false
// when node or the generator is missing.
func benchGenerator(tb testing.TB) (gen, hash string, ok bool) {
	tb.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		return "", "", false
	}
	root := benchRoot(tb)
	for _, dir := range []string{filepath.Join(root, "scripts", "bench"), filepath.Join(root, "..", "shared", "bench")} {
		g, s := filepath.Join(dir, "gen.mjs"), filepath.Join(dir, "lib", "spec.mjs")
		bg, err1 := os.ReadFile(g)
		bs, err2 := os.ReadFile(s)
		if err1 == nil && err2 == nil {
			sum := sha256.Sum256(append(bg, bs...))
			return g, hex.EncodeToString(sum[:])[:12], true
		}
	}
	return "", "", false
}

func benchCache(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(benchRoot(tb), ".cache", "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func benchSchemaHash(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(benchRoot(tb), "app", "sqlite", "migrations", "*.sql"))
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

// benchDataset returns the JSON Lines file of the n-item data set, generating it once.
func benchDataset(tb testing.TB, gen, hash string, n int) string {
	tb.Helper()
	path := filepath.Join(benchCache(tb), fmt.Sprintf("data-%d-seed%s-%s.jsonl", n, benchSeed, hash))
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return path
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	f, err := os.Create(tmp)
	if err != nil {
		tb.Fatal(err)
	}
	defer os.Remove(tmp)
	cmd := exec.Command("node", gen, fmt.Sprint(n), benchSeed)
	cmd.Stdout, cmd.Stderr = f, os.Stderr
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
	return path
}

// benchImportedDB returns a database file holding the n-item data set (imported once
// and cached; every record has its outbox entry, as after `involve import`), or ok
// false when the data set cannot be made here. Callers copy it before changing it.
func benchImportedDB(tb testing.TB, n int) (string, bool) {
	tb.Helper()
	gen, hash, ok := benchGenerator(tb)
	if !ok {
		return "", false
	}
	data := benchDataset(tb, gen, hash, n)
	path := filepath.Join(benchCache(tb), fmt.Sprintf("db-%d-seed%s-%s-schema%s.db", n, benchSeed, hash, benchSchemaHash(tb)))
	if _, err := os.Stat(path); err == nil {
		return path, true
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), "import-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "involve.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, tmp, sqlite.Options{})
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
	if err := db.Close(); err != nil { // checkpoints the WAL into the file
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("imported %d records into %s in %v", res.Records, path, res.Duration.Round(time.Millisecond))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), fmt.Sprintf("db-%d-seed%s-*.db", n, benchSeed)))
	for _, f := range old {
		if f != path {
			os.Remove(f)
		}
	}
	return path, true
}

// copyFile copies a database file (closed, checkpointed) to dst.
func copyFile(tb testing.TB, src, dst string) {
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
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// postgresCPU is the CPU time of every PostgreSQL process on this machine (the server
// scripts/with-postgres.sh starts), which getrusage of this process does not see.
func postgresCPU() time.Duration {
	dirs, _ := os.ReadDir("/proc")
	var ticks int64
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open || s[open+1:end] != "postgres" {
			continue
		}
		f := strings.Fields(s[end+1:])
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64) // utime, field 14
		k, _ := strconv.ParseInt(f[12], 10, 64) // stime, field 15
		ticks += u + k
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ
}

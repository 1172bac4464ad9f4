package datadir_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
)

func TestResolve(t *testing.T) {
	base := t.TempDir()
	t.Setenv(datadir.EnvVar, filepath.Join(base, "from-env"))
	got, err := datadir.Resolve("")
	if err != nil || got != filepath.Join(base, "from-env") {
		t.Fatalf("env: %q %v", got, err)
	}
	got, err = datadir.Resolve(filepath.Join(base, "from-flag"))
	if err != nil || got != filepath.Join(base, "from-flag") {
		t.Fatalf("flag wins: %q %v", got, err)
	}
	if st, err := os.Stat(got); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("folder not created private: %v %v", st.Mode(), err)
	}
	t.Setenv(datadir.EnvVar, "")
	t.Setenv("XDG_DATA_HOME", filepath.Join(base, "xdg"))
	if got, _ := datadir.Resolve(""); got != filepath.Join(base, "xdg", "involve") {
		t.Fatalf("default: %q", got)
	}
}

func TestLock(t *testing.T) {
	dir := t.TempDir()
	l, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrLocked) {
		t.Fatalf("second acquire: %v", err)
	}
	other := t.TempDir()
	l2, err := datadir.Acquire(other)
	if err != nil {
		t.Fatalf("another folder: %v", err)
	}
	l2.Close()
	l.Close()
	l3, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l3.Close()
}

// TestLockReleasedWhenProcessKilled: a crashed app must not lock people out.
// heldLock keeps the child's lock alive while it waits to be killed.
var heldLock any

func TestLockReleasedWhenProcessKilled(t *testing.T) {
	if os.Getenv("INVOLVE_LOCK_CHILD") != "" {
		l, err := datadir.Acquire(os.Getenv("INVOLVE_LOCK_CHILD"))
		if err != nil {
			os.Exit(3)
		}
		heldLock = l // kept reachable: a collected lock's file is closed by its finalizer
		os.Stdout.WriteString("locked\n")
		// Sleep, not select {}: run without -test.timeout the child has no timer, so an
		// empty select is "all goroutines are asleep", the child dies at once and its
		// lock goes with it, racing the parent's check (the old flake).
		time.Sleep(time.Hour)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockReleasedWhenProcessKilled$")
	cmd.Env = append(os.Environ(), "INVOLVE_LOCK_CHILD="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		t.Fatalf("child: %q %v", buf, err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrLocked) {
		t.Fatalf("while the child holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	l.Close()
}

// An existing data folder left readable by others (an older version, a copy, a umask of
// 022) is the user's alone after Resolve: the folder and backups 0700, Involve's files
// 0600; a file of the user's own in a folder chosen with --data-dir is left alone.
func TestResolveMakesAnExistingFolderPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "involve")
	backups := filepath.Join(dir, datadir.BackupDirName)
	if err := os.MkdirAll(backups, 0o755); err != nil {
		t.Fatal(err)
	}
	files := []string{datadir.DBName, datadir.DBName + "-wal", datadir.DBName + "-shm",
		datadir.DBName + ".replaced-20260101T000000Z", "involve-replaced-20260101T000000Z.db", datadir.LockName,
		filepath.Join(datadir.BackupDirName, "involve-20260101T000000.000Z-daily.db"),
		filepath.Join(datadir.BackupDirName, "involve-20260101T000000.000Z-daily.db.partial-wal")}
	for _, f := range append(files, "notes.txt") {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{dir, backups} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := datadir.Resolve(dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{".": 0o700, datadir.BackupDirName: 0o700, "notes.txt": 0o644}
	for _, f := range files {
		want[f] = 0o600
	}
	for f, mode := range want {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", f, st.Mode().Perm(), mode)
		}
	}
}

// The lock file is made 0600 when it exists already.
func TestAcquireMakesTheLockFilePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, datadir.LockName)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("lock file mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
}

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

func TestPassphraseCommands(t *testing.T) {
	ctx := context.Background()
	lockParams = lockbox.Params{Memory: 64, Time: 1, Threads: 1}
	t.Cleanup(func() { lockParams = lockbox.DefaultParams; stdin = nil })
	dir := t.TempDir()
	run := func(input string, args ...string) int {
		t.Helper()
		stdin = strings.NewReader(input)
		return runCommand("passphrase", append([]string{"--data-dir", dir}, args...))
	}
	unsetEnv(t)

	if code := run("", "check"); code != 1 {
		t.Fatalf("check with none set: exit %d", code)
	}
	if code := run("short\n", "set"); code != 1 {
		t.Fatalf("a short passphrase: exit %d", code)
	}
	if code := run("correct horse battery staple\n", "set"); code != 0 {
		t.Fatalf("set: exit %d", code)
	}
	if code := run("correct horse battery staple\n", "check"); code != 0 {
		t.Fatalf("check the right one: exit %d", code)
	}
	if code := run("wrong passphrase\n", "check"); code != 1 {
		t.Fatalf("check a wrong one: exit %d", code)
	}
	if code := run("", "check"); code != 1 {
		t.Fatalf("check with no input: exit %d", code)
	}
	// change: the current one, then the new one, a line each (no final newline: fine)
	if code := run("correct horse battery staple\nfour words will do", "set"); code != 0 {
		t.Fatalf("change: exit %d", code)
	}
	if code := run("correct horse battery staple\n", "check"); code != 1 {
		t.Fatalf("the old passphrase still works: exit %d", code)
	}
	// the current one from the variable, the new one from standard input
	t.Setenv(PassphraseEnv, "four words will do")
	if code := run("a third good passphrase\n", "set"); code != 0 {
		t.Fatalf("change with the variable: exit %d", code)
	}
	if code := run("", "check"); code != 1 {
		t.Fatalf("check with the old passphrase in the variable: exit %d", code)
	}
	t.Setenv(PassphraseEnv, "a third good passphrase")
	if code := run("", "check"); code != 0 {
		t.Fatalf("check with the variable: exit %d", code)
	}
	// the app open: set and remove are refused, nothing changes
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if code := run("", "remove"); code != 1 {
		t.Fatalf("remove while the app is open: exit %d", code)
	}
	lock.Close()
	if code := run("", "frobnicate"); code != 2 {
		t.Fatalf("an unknown action: exit %d", code)
	}
	if code := run("", "remove"); code != 0 {
		t.Fatalf("remove: exit %d", code)
	}
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s, err := db.LockSettings(ctx); err != nil || s.Wrapped != nil {
		t.Fatalf("after remove: %+v, %v", s, err)
	}
	// with the variable and none set, it is the new passphrase
	db.Close()
	if code := run("", "set"); code != 0 {
		t.Fatalf("set from the variable: exit %d", code)
	}
	unsetEnv(t)
	if code := run("a third good passphrase\n", "check"); code != 0 {
		t.Fatalf("check after set from the variable: exit %d", code)
	}
}

// unsetEnv removes $INVOLVE_PASSPHRASE for the rest of the test (t.Setenv restores it).
func unsetEnv(t *testing.T) {
	t.Helper()
	t.Setenv(PassphraseEnv, "")
	if err := os.Unsetenv(PassphraseEnv); err != nil {
		t.Fatal(err)
	}
}

package datadir_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
)

// The kiosk marker: written whole and private, read back with its PIN hash, removed;
// one that cannot be read still counts as there (a kiosk is not opened by a bad file).
func TestKioskMarker(t *testing.T) {
	dir := t.TempDir()
	if _, on := datadir.ReadKioskMarker(dir); on {
		t.Fatal("a marker in an empty folder")
	}
	if err := datadir.WriteKioskMarker(dir, "$2a$10$hash"); err != nil {
		t.Fatal(err)
	}
	if hash, on := datadir.ReadKioskMarker(dir); !on || hash != "$2a$10$hash" {
		t.Fatalf("read %q %v", hash, on)
	}
	p := filepath.Join(dir, datadir.KioskName)
	if fi, err := os.Stat(p); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("marker %v %v, want 0600", fi, err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, datadir.KioskName+".tmp-*")); len(m) != 0 {
		t.Fatalf("left behind %v", m)
	}
	if err := datadir.RemoveKioskMarker(dir); err != nil {
		t.Fatal(err)
	}
	if _, on := datadir.ReadKioskMarker(dir); on {
		t.Fatal("still there after removing it")
	}
	if err := datadir.RemoveKioskMarker(dir); err != nil {
		t.Fatalf("removing no marker: %v", err)
	}
	// a folder where the marker's name is taken by something unreadable as a file
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	if hash, on := datadir.ReadKioskMarker(dir); !on || hash != "" {
		t.Fatalf("an unreadable marker: %q %v, want on with no hash", hash, on)
	}
}

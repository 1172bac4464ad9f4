package desktop_test

import (
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
)

func TestOpenDataDir(t *testing.T) {
	dir := t.TempDir()
	logger := log.New(os.Stderr, "test: ", 0)
	open, release := desktop.OpenDataDir(dir, logger)
	db, st := open()
	if db == nil || st.Status != desktop.StatusOK {
		t.Fatalf("first window: %+v", st)
	}
	defer db.Close()
	if _, err := os.Stat(filepath.Join(dir, datadir.DBName)); err != nil {
		t.Fatal(err)
	}

	t.Run("SecondWindowIsLockedOut", func(t *testing.T) {
		open2, release2 := desktop.OpenDataDir(dir, logger)
		defer release2()
		db2, st := open2()
		if db2 != nil || st.Status != desktop.StatusLocked || !strings.Contains(st.Message, dir) {
			t.Fatalf("second window: %v %+v", db2, st)
		}
	})
	t.Run("ReleaseFreesTheFolder", func(t *testing.T) {
		release()
		lock, err := datadir.Acquire(dir)
		if err != nil {
			t.Fatalf("after release: %v", err)
		}
		lock.Close()
	})
	t.Run("ReleaseBeforeOpen", func(t *testing.T) {
		_, release := desktop.OpenDataDir(t.TempDir(), logger)
		release() // the window never started: nothing to give back
	})
}

func TestInstanceID(t *testing.T) {
	a, b := desktop.InstanceID("/data/one"), desktop.InstanceID("/data/two")
	if a == b || a != desktop.InstanceID("/data/one") || !strings.HasPrefix(a, "uk.nhs.involve.") || len(a) != len("uk.nhs.involve.")+16 {
		t.Fatalf("ids %q, %q", a, b)
	}
}

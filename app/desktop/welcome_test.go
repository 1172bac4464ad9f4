package desktop_test

import (
	"path/filepath"
	"testing"
)

func TestWelcome(t *testing.T) {
	a, _, dir := newApp(t)
	t.Run("ShownOnAFreshDataFolder", func(t *testing.T) {
		w, err := a.GetWelcome()
		if err != nil {
			t.Fatal(err)
		}
		if !w.Show {
			t.Error("Show = false on a fresh data folder, want true")
		}
		if got, want := w.DataDir, dir; got != want {
			t.Errorf("DataDir = %q, want %q", got, want)
		}
		if got, want := w.DBPath, filepath.Join(dir, "involve.db"); got != want {
			t.Errorf("DBPath = %q, want %q", got, want)
		}
		if got, want := w.BackupDir, filepath.Join(dir, "backups"); got != want {
			t.Errorf("BackupDir = %q, want %q", got, want)
		}
	})
	t.Run("NotShownOnceDismissed", func(t *testing.T) {
		for i := 0; i < 2; i++ { // dismissing twice is harmless
			if err := a.DismissWelcome(); err != nil {
				t.Fatal(err)
			}
		}
		w, err := a.GetWelcome()
		if err != nil {
			t.Fatal(err)
		}
		if w.Show {
			t.Error("Show = true after DismissWelcome, want false")
		}
	})
}

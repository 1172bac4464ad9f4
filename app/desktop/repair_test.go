package desktop_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

// damageSearchIndex deletes the search index's segments behind the app's back (1 and
// 10 are its averages and structure): the index then points at nothing, which
// integrity_check reports.
func damageSearchIndex(t *testing.T, dir string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, datadir.DBName))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("DELETE FROM search_data WHERE id > 10"); err != nil {
		t.Fatal(err)
	}
}

// TestCheckDataAndRepair: "Check this laptop's data" finds a damaged search index
// and "Repair search index" rebuilds it, as `involve check --repair` does; a database
// found damaged at start only in its search index is repaired from the damaged screen.
func TestCheckDataAndRepair(t *testing.T) {
	a, _, dir := newApp(t)
	if _, err := a.CreateSession(involve.SessionInput{Title: "Café conversation", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	if c, err := a.CheckData(); err != nil || !c.OK || c.SearchIndexDamaged || c.Message == "" || c.CheckedAt == "" {
		t.Fatalf("a sound database: %+v %v", c, err)
	}

	damageSearchIndex(t, dir)
	c, err := a.CheckData()
	if err != nil || c.OK || !c.SearchIndexDamaged || c.Details == "" {
		t.Fatalf("a damaged search index: %+v %v", c, err)
	}
	c, err = a.RepairSearchIndex()
	if err != nil || !c.OK || c.Message != "The search index was rebuilt. Your data now passes every check." {
		t.Fatalf("repair: %+v %v", c, err)
	}
	if res, err := a.Search("cafe", 10); err != nil || len(res.Results) != 1 {
		t.Fatalf("search after the repair: %+v %v", res, err)
	}

	t.Run("DamagedAtStart", func(t *testing.T) {
		dir := t.TempDir()
		a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir), IntegrityCheckDelay: time.Millisecond})
		rt := &fakeRuntime{}
		desktop.Startup(a, context.Background(), rt)
		if _, err := a.CreateSession(involve.SessionInput{Title: "Walking group", Date: "2026-11-24", Type: "workshop"}); err != nil {
			t.Fatal(err)
		}
		desktop.Shutdown(a)
		damageSearchIndex(t, dir)

		a = desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir), IntegrityCheckDelay: time.Millisecond})
		rt = &fakeRuntime{}
		desktop.Startup(a, context.Background(), rt)
		defer desktop.Shutdown(a)
		waitFor(t, "the integrity check", func() bool { return rt.count(desktop.EventIntegrity) > 0 })
		st, _ := a.GetStartupState()
		if st.Status != desktop.StatusDamaged || !st.Repairable {
			t.Fatalf("damaged at start: %+v, want repairable", st)
		}
		if _, err := a.CheckData(); involve.ErrorCode(err) != involve.EUNAVAILABLE {
			t.Fatalf("CheckData on the damaged screen: %v", err)
		}
		c, err := a.RepairSearchIndex()
		if err != nil || !c.OK {
			t.Fatalf("repair: %+v %v", c, err)
		}
		if st, _ := a.GetStartupState(); st.Status != desktop.StatusOK {
			t.Fatalf("after the repair: %+v", st)
		}
		if res, err := a.Search("walking", 10); err != nil || len(res.Results) != 1 {
			t.Fatalf("search after the repair: %+v %v", res, err)
		}
	})
}

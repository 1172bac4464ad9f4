package synctest_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestPullWaitsForAPassphrase: Bo's staff laptop (enrolled with a staff code through a
// real server) has no passphrase. Its sync still sends its own changes, but stores
// nothing of a page holding Ada's partner, keeps its cursor, and says why; once a
// passphrase is set, the next sync brings the partner.
func TestPullWaitsForAPassphrase(t *testing.T) {
	s := newStack(t, "sqlite")
	ada := s.enrol(t, "ada")
	bo := openDeviceNoPassphrase(t, "bo", t.TempDir())
	if _, err := syncer.Connect(bg(), bo.db, s.ts.URL, s.code(s.team.ID), bo.hc); err != nil {
		t.Fatal(err)
	}
	bo.engine()
	c, _, err := ada.db.CreateContributor(bg(), &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"},
		newConsent(3, "", "", involve.PurposeAnalysis))
	if err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	fb, err := bo.db.CreateSession(bg(), involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	before, err := bo.db.SyncSettings(bg())
	if err != nil {
		t.Fatal(err)
	}

	sum, err := bo.sync()
	if err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Fatalf("sync without a passphrase: %+v, %v; want it to wait", sum, err)
	}
	if sum.Pushed != 1 {
		t.Errorf("pushed %d, want Bo's session sent all the same", sum.Pushed)
	}
	if _, err := bo.db.FindContributor(bg(), c.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Errorf("the partner came to a laptop without a passphrase: %v", err)
	}
	after, err := bo.db.SyncSettings(bg())
	if err != nil {
		t.Fatal(err)
	}
	if after.Cursor != before.Cursor {
		t.Errorf("cursor moved from %q to %q", before.Cursor, after.Cursor)
	}
	st := bo.eng.Status()
	if st.State != syncer.StateNeedsPassphrase || !strings.HasPrefix(st.Message, "Sync is waiting: set a passphrase") {
		t.Errorf("status %q: %q", st.State, st.Message)
	}
	if server := serverData(t, s.store, s.team.ID); server.fields(key(involve.EntitySession, fb.ID)) == nil {
		t.Errorf("Bo's session did not reach the server")
	}

	storetest.SetPassphrase(t, bo.db)
	bo.mustSync()
	if v, err := bo.db.FindContributor(bg(), c.ID); err != nil || v.Name != "Priya" {
		t.Errorf("after setting a passphrase: %+v, %v", v, err)
	}
	if st := bo.eng.Status(); st.State != syncer.StateIdle {
		t.Errorf("status after: %q %q", st.State, st.Message)
	}
}

package desktop_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// leadApp is newLockedApp on a laptop enrolled as a lead, with a dialog runtime.
func leadApp(t *testing.T, answer func() (string, error)) (*desktop.App, *dialogRuntime) {
	t.Helper()
	dir := t.TempDir()
	asLead := func(db *store.DB) {
		if err := db.SaveSyncConnection(context.Background(), syncer.Connection{ServerURL: "https://involve.example.nhs.uk",
			DeviceToken: "inv1_test", TeamID: "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d99", TeamName: "South London",
			DeviceName: "lead", Role: involve.RoleNameLead}); err != nil {
			t.Fatal(err)
		}
	}
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir, asLead), LockParams: storetest.FastParams})
	rt := &dialogRuntime{answer: answer}
	desktop.Startup(a, context.Background(), rt)
	t.Cleanup(func() { desktop.Shutdown(a) })
	if _, err := a.SetPassphrase("", storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	return a, rt
}

// TestPrivacyRegister: a lead's laptop adds and edits a request, lists the register
// with its due date, and saves it as CSV where the person chose (".csv" added); closing
// the dialog writes nothing. A laptop that is not a lead's is refused.
func TestPrivacyRegister(t *testing.T) {
	out := t.TempDir()
	answer := filepath.Join(out, "register")
	a, rt := leadApp(t, func() (string, error) { return answer, nil })
	v, err := a.CreatePrivacyRequest(involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-01-31", ReceivedVia: "email",
		Requester: "A carer, by letter"})
	if err != nil {
		t.Fatal(err)
	}
	if v.DueBy != "2026-02-28" || v.Requester != "A carer, by letter" {
		t.Errorf("created %+v", v)
	}
	edited := v.PrivacyRequest
	edited.Status, edited.DoneOn, edited.DoneBy, edited.ActionTaken = "done", "2026-02-20", "Sam", "Copy sent"
	if v, err = a.UpdatePrivacyRequest(v.ID, v.PrivacyRequest, edited); err != nil || v.Status != "done" || v.ActionTaken != "Copy sent" {
		t.Fatalf("updated %+v, %v", v, err)
	}
	reg, err := a.GetPrivacyRegister()
	if err != nil || len(reg.Requests) != 1 || len(reg.Types) != 5 {
		t.Fatalf("register %+v, %v", reg, err)
	}
	res, err := a.ExportPrivacyRegister()
	if err != nil || res.Cancelled || res.Path != answer+".csv" || res.Bytes == 0 {
		t.Fatalf("export %+v, %v", res, err)
	}
	if len(rt.saves) != 1 || !strings.HasPrefix(rt.saves[0].DefaultFilename, "involve-requests-") || rt.saves[0].Title != "Save the register of requests" {
		t.Errorf("dialog %+v", rt.saves)
	}
	b, err := os.ReadFile(answer + ".csv")
	if err != nil || !strings.Contains(string(b), "A carer, by letter") || !strings.Contains(string(b), "Copy sent") {
		t.Errorf("file %q, %v", b, err)
	}
	answer = ""
	if res, err := a.ExportPrivacyRegister(); err != nil || !res.Cancelled {
		t.Errorf("dialog closed: %+v, %v", res, err)
	}

	staff, _, _ := newLockedApp(t) // not enrolled with a server
	if _, err := staff.CreatePrivacyRequest(involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-01-31", ReceivedVia: "email",
		Requester: "A carer"}); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("a laptop that is not a lead's: %v, want forbidden", err)
	}
}

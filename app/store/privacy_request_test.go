package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// connectAs connects db to a server as a device of role.
func connectAs(tb testing.TB, db *store.DB, role string) {
	tb.Helper()
	if err := db.SaveSyncConnection(context.Background(), syncer.Connection{ServerURL: "https://involve.example.nhs.uk",
		DeviceToken: "inv1_test", TeamID: teamID, TeamName: "South London", DeviceName: "laptop", Role: role}); err != nil {
		tb.Fatal(err)
	}
}

// The register's free text, synthetic and distinctive, to search the data folder for.
var zorbicRequest = []string{"Zorbicrequester Carer", "zorbicrequester carer", "zorbicdoneby", "zorbicaction sent",
	"zorbicextension", "zorbicrefusal"}

// TestPrivacyRequestSealedAtRest: an entry of the register made and edited on a lead's
// laptop reads back plain through the store's API, and who asked, who dealt with it,
// what was done and the reasons are nowhere in the data folder in plain text (the
// database, its log, the outbox and a backup), nor in the title.
func TestPrivacyRequestSealedAtRest(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	connectAs(t, db, involve.RoleNameLead)
	r, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "erasure", ReceivedOn: "2026-01-31",
		ReceivedVia: "letter", Requester: "Zorbicrequester Carer", ExtendedMonths: 1, ExtensionReason: "zorbicextension"})
	if err != nil {
		t.Fatal(err)
	}
	loaded := *r
	edited := *r
	edited.Status, edited.DoneOn, edited.DoneBy, edited.ActionTaken = "done", "2026-03-02", "zorbicdoneby", "zorbicaction sent"
	if _, err := db.UpdatePrivacyRequest(ctx, r.ID, &loaded, &edited); err != nil {
		t.Fatal(err)
	}
	refused, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "objection", ReceivedOn: "2026-02-01",
		ReceivedVia: "email", Requester: "Someone else", Status: "refused", DoneOn: "2026-02-03", DoneBy: "Sam",
		RefusalReason: "zorbicrefusal"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx, "test"); err != nil {
		t.Fatal(err)
	}

	v, err := db.FindPrivacyRequest(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Requester != "Zorbicrequester Carer" || v.DoneBy != "zorbicdoneby" || v.ActionTaken != "zorbicaction sent" ||
		v.ExtensionReason != "zorbicextension" || v.Status != "done" || v.DueBy != "2026-03-31" {
		t.Errorf("FindPrivacyRequest: %+v", v)
	}
	list, err := db.FindPrivacyRequestsByDue(ctx)
	if err != nil || len(list) != 2 || list[0].ID != refused.ID || list[0].RefusalReason != "zorbicrefusal" || list[1].ID != r.ID {
		t.Errorf("FindPrivacyRequestsByDue: %+v, %v", list, err)
	}
	var title, state string
	if err := db.QueryRowForTest(ctx, `SELECT title, state FROM docs WHERE id = ?`, r.ID).Scan(&title, &state); err != nil {
		t.Fatal(err)
	}
	if title != "Erasure request received 31 January 2026" || !strings.Contains(state, `"requester":"sealed1.`) {
		t.Errorf("stored title %q, state %s", title, state)
	}
	if found := folderHolds(t, filepath.Dir(path), zorbicRequest); len(found) > 0 {
		t.Errorf("the data folder holds the register's free text in plain text: %v", found)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if found := folderHolds(t, filepath.Dir(path), zorbicRequest); len(found) > 0 {
		t.Errorf("after closing, the data folder holds the register's free text in plain text: %v", found)
	}
}

// TestPrivacyRequestLeadOnly: a staff laptop, a capture laptop and one not enrolled
// with a server keep no register: the role's refusal, nothing saved.
func TestPrivacyRequestLeadOnly(t *testing.T) {
	ctx := context.Background()
	for _, role := range []string{"", involve.RoleNameStaff, involve.RoleNameCapture} {
		db := storetest.Open(t)
		if role != "" {
			connectAs(t, db, role)
		}
		_, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-01-31",
			ReceivedVia: "email", Requester: "A carer"})
		if involve.ErrorCode(err) != involve.EFORBIDDEN || !strings.Contains(involve.ErrorMessage(err), "Only a lead’s laptop keeps the register") {
			t.Errorf("role %q: %v, want the role's refusal", role, err)
		}
		if list, err := db.FindPrivacyRequestsByDue(ctx); err != nil || len(list) != 0 {
			t.Errorf("role %q: %d entries after a refusal, %v", role, len(list), err)
		}
	}
}

// TestPrivacyRegisterOrder: overdue first, then due soon, other open ones, then those
// done or refused; a partner who asked is named.
func TestPrivacyRegisterOrder(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	connectAs(t, db, involve.RoleNameLead)
	db.Now = func() time.Time { return time.Date(2026, 3, 10, 12, 0, 0, 0, time.Local) }
	c, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya Shah", PaymentPreference: "payroll"}, lepConsent())
	if err != nil {
		t.Fatal(err)
	}
	mk := func(received, status string) string {
		t.Helper()
		r := &involve.PrivacyRequest{RequestType: "access", ReceivedOn: received, ReceivedVia: "email", Requester: "Asker " + received, Status: status}
		if status != "open" {
			r.DoneOn, r.DoneBy, r.ActionTaken, r.RefusalReason = received, "Sam", "Sent", "Manifestly unfounded"
		}
		saved, err := db.CreatePrivacyRequest(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return saved.ID
	}
	done := mk("2026-01-05", "done")
	open := mk("2026-03-01", "open")       // due 1 April
	soon := mk("2026-02-12", "open")       // due 12 March
	overdue := mk("2026-01-31", "open")    // due 28 February
	refused := mk("2026-02-20", "refused") // the latest closed first
	p, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "erasure", ReceivedOn: "2026-03-09", ReceivedVia: "phone",
		ContributorID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := db.PrivacyRegister(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range reg.Requests {
		got = append(got, v.ID)
	}
	want := []string{overdue, soon, open, p.ID, refused, done}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("register order %v, want %v", got, want)
	}
	if reg.Today != "2026-03-10" || !reg.Requests[0].Overdue || reg.Requests[0].DueBy != "2026-02-28" || !reg.Requests[1].DueSoon {
		t.Errorf("register: today %s, first %+v, second %+v", reg.Today, reg.Requests[0], reg.Requests[1])
	}
	if v := reg.Requests[3]; v.ContributorName != "Priya Shah" || v.ContributorPseudonym != "Contributor 1" {
		t.Errorf("a partner's request names %q (%q)", v.ContributorName, v.ContributorPseudonym)
	}
	if len(reg.Types) != 5 || len(reg.Channels) != 5 || len(reg.Statuses) != 3 {
		t.Errorf("reference lists: %+v", reg)
	}
}

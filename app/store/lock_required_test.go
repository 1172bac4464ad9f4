package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

func needsLockRefusal(t *testing.T, what string, err error) {
	t.Helper()
	if involve.ErrorCode(err) != involve.ELOCKREQUIRED || !strings.Contains(involve.ErrorMessage(err), "Set a passphrase") {
		t.Errorf("%s: %v, want refused until a passphrase is set", what, err)
	}
}

// A laptop without a passphrase stores no new partner, consent, time entry or imported
// partner; with one it does.
func TestPersonalRecordsNeedAPassphrase(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.OpenNoPassphrase(t)
	_, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}, lepConsent())
	needsLockRefusal(t, "partner", err)
	_, err = db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: newID(), Date: "2026-11-24", Task: "Reading group", MinutesAttend: 60})
	needsLockRefusal(t, "time entry", err)
	partner := &involve.Contributor{Name: "Imported", PaymentPreference: "payroll"}
	partner.ID, partner.Rev, partner.CreatedAt, partner.UpdatedAt = newID(), 5, "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	needsLockRefusal(t, "import", db.Import(ctx, func(im *store.Importer) error { return im.PutDoc(partner) }))
	if n := personal(t, db); n["docs"]+n["outbox"] != 0 {
		t.Errorf("refused records left rows: %v", n)
	}
	// Records of other kinds are not affected.
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	if need, err := db.NeedsPassphrase(ctx); err != nil || need {
		t.Errorf("NeedsPassphrase = %v, %v with no partners held", need, err)
	}

	storetest.SetPassphrase(t, db)
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}, lepConsent()); err != nil {
		t.Fatalf("with a passphrase: %v", err)
	}
	if err := db.Import(ctx, func(im *store.Importer) error { return im.PutDoc(partner) }); err != nil {
		t.Fatalf("import with a passphrase: %v", err)
	}
}

// The passphrase refusal comes before the form's own problems: someone is not asked to
// complete the consent fields for a partner this laptop may not record yet.
func TestPassphraseRefusalBeforeValidation(t *testing.T) {
	db, _ := storetest.OpenNoPassphrase(t)
	_, _, err := db.CreateContributor(context.Background(), &involve.Contributor{Name: "Priya"}, &involve.Consent{})
	needsLockRefusal(t, "incomplete partner form", err)
}

// A database that holds partners without a passphrase (from before the rule) keeps
// them; it asks for a passphrase and refuses new ones (the passphrase rule before the
// lock). Their details are sealed, so they are read and changed once a passphrase is
// set and Involve unlocked (the first unlock seals what was plain).
func TestPartnersHeldWithoutAPassphraseStay(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.OpenNoPassphrase(t)
	c := insertPlain(t, db, "Priya")
	if need, err := db.NeedsPassphrase(ctx); err != nil || !need {
		t.Errorf("NeedsPassphrase = %v, %v, want true", need, err)
	}
	if _, err := db.FindContributor(ctx, c.ID); involve.ErrorCode(err) != involve.ELOCKED {
		t.Errorf("reading a partner held before, with no passphrase: %v, want ELOCKED", err)
	}
	_, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Sam", PaymentPreference: "payroll"}, lepConsent())
	needsLockRefusal(t, "a new partner", err)
	storetest.SetPassphrase(t, db)
	if need, err := db.NeedsPassphrase(ctx); err != nil || need {
		t.Errorf("NeedsPassphrase = %v, %v after setting one", need, err)
	}
	v, err := db.FindContributor(ctx, c.ID)
	if err != nil || v.Name != "Priya" {
		t.Fatalf("the partner held before: %+v, %v", v, err)
	}
	edited := *c
	edited.Name = "Priya S"
	if _, err := db.UpdateContributor(ctx, c.ID, c, &edited); err != nil {
		t.Errorf("editing a partner held before: %v", err)
	}
}

// A capture laptop is refused for its role, whether or not a passphrase is set.
func TestCaptureRefusalComesFirst(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.OpenNoPassphrase(t)
	if err := syncer.SaveConnection(ctx, db, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: teamID, TeamName: "South London", DeviceName: "kiosk", Role: "capture"}); err != nil {
		t.Fatal(err)
	}
	_, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}, lepConsent())
	if involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("capture without a passphrase: %v, want the role's refusal", err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Errorf("capture without a passphrase cannot make a session: %v", err)
	}
}

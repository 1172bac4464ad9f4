package store_test

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/syncer"
	"github.com/hin-south-london/involve/app/xlsx"
)

// TestWorkbookLockedShowsNoToken: the workbook and its CSV files are made while
// Involve is locked (they use pseudonyms), and hold no sealed value, token or plain.
func TestWorkbookLockedShowsNoToken(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	c, _, _ := zorbicPartner(t, db)
	db.Lock()
	dir := t.TempDir()
	wb := filepath.Join(dir, "summary.xlsx")
	if _, err := xlsx.ExportWorkbook(ctx, wb, db, report.Filter{}, xlsx.Options{}); err != nil {
		t.Fatalf("workbook while locked: %v", err)
	}
	if _, err := xlsx.ExportCSV(ctx, filepath.Join(dir, "csv"), db, report.Filter{}, xlsx.Options{}); err != nil {
		t.Fatalf("CSV files while locked: %v", err)
	}
	var text strings.Builder
	z, err := zip.OpenReader(wb)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		text.Write(b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "csv", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no CSV file")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text.Write(b)
	}
	for _, s := range append([]string{lockbox.FieldPrefix}, zorbicAll...) {
		if strings.Contains(text.String(), s) {
			t.Errorf("the workbook or its CSV files hold %q", s)
		}
	}
	if !strings.Contains(text.String(), c.Pseudonym()) {
		t.Errorf("the workbook does not show the partner's pseudonym %q: the search above proves little", c.Pseudonym())
	}
}

// TestLockRuleOrder: a new partner is refused for the laptop's role first, then for
// want of a passphrase, then because Involve is locked.
func TestLockRuleOrder(t *testing.T) {
	ctx := context.Background()
	newPartner := func(db interface {
		CreateContributor(context.Context, *involve.Contributor, *involve.Consent) (*involve.Contributor, *involve.Consent, error)
	}) error {
		_, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", PaymentPreference: "payroll"}, lepConsent())
		return err
	}
	capture := storetest.Open(t)
	if err := capture.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: teamID, TeamName: "South London", DeviceName: "kiosk", Role: involve.RoleNameCapture}); err != nil {
		t.Fatal(err)
	}
	capture.Lock()
	if err := newPartner(capture); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("a locked capture laptop: %v, want forbidden", err)
	}
	bare, _ := storetest.OpenNoPassphrase(t)
	if err := newPartner(bare); involve.ErrorCode(err) != involve.ELOCKREQUIRED {
		t.Errorf("no passphrase: %v, want passphrase_required", err)
	}
	locked := storetest.Open(t)
	locked.Lock()
	if err := newPartner(locked); involve.ErrorCode(err) != involve.ELOCKED {
		t.Errorf("locked: %v, want locked", err)
	}
}

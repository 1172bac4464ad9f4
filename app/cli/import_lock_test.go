package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

// stderrOf runs fn with os.Stderr going to a file, and returns what was written.
func stderrOf(t *testing.T, fn func()) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = f
	fn()
	os.Stderr = old
	f.Close()
	b, _ := os.ReadFile(f.Name())
	return string(b)
}

// TestImportPartnersNeedsAPassphrase: `involve import` of a file with a Lived
// Experience Partner into a laptop without a passphrase imports nothing and says how
// to set one; after `involve passphrase set` it imports.
func TestImportPartnersNeedsAPassphrase(t *testing.T) {
	ctx := context.Background()
	from := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(from, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.SetPassphrase(t, db)
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
			GivenAt: "2026-01-10", GivenBy: "Themselves"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	file := filepath.Join(t.TempDir(), "partners.jsonl")
	// another laptop's sealed values do not open here: the partner goes readable
	t.Setenv(PassphraseEnv, storetest.Passphrase)
	if code := runCommand("export", []string{"--data-dir", from, "--decrypt", "--out", file}); code != 0 {
		t.Fatalf("export: exit %d", code)
	}

	dir := t.TempDir()
	var code int
	out := stderrOf(t, func() { code = runCommand("import", []string{"--data-dir", dir, file}) })
	if code != 1 || !strings.Contains(out, "Set a passphrase to lock Involve before recording Lived Experience Partners' details") {
		t.Fatalf("import without a passphrase: exit %d, %q", code, out)
	}
	db, err = store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := db.Home(ctx); h.Counts.Sessions != 0 {
		t.Errorf("a refused import left %+v", h.Counts)
	}
	db.Close()

	lockParams = lockbox.Params{Memory: 64, Time: 1, Threads: 1}
	t.Cleanup(func() { lockParams = lockbox.DefaultParams; stdin = nil })
	unsetEnv(t)
	stdin = strings.NewReader("correct horse battery staple\n")
	if code := runCommand("passphrase", []string{"--data-dir", dir, "set"}); code != 0 {
		t.Fatalf("passphrase set: exit %d", code)
	}
	t.Setenv(PassphraseEnv, "correct horse battery staple") // the import seals the partner
	if code := runCommand("import", []string{"--data-dir", dir, file}); code != 0 {
		t.Fatalf("import with a passphrase: exit %d", code)
	}
	db, err = store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := unlock(ctx, db); err != nil { // the partner is sealed
		t.Fatal(err)
	}
	if list, err := db.FindContributors(ctx); err != nil || len(list) != 1 {
		t.Errorf("partners after the import: %d, %v", len(list), err)
	}
}

package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// partnerLaptop is a data folder with a passphrase (storetest.Passphrase) holding one
// Lived Experience Partner, closed.
func partnerLaptop(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.SetPassphrase(t, db)
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", ContactDetails: "zorbic@example.org",
		AccessNeeds: "zorbicaccess", PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
			GivenAt: "2026-01-10", GivenBy: "Themselves"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// noTerminal makes standard input not a terminal for the rest of the test.
func noTerminal(t *testing.T) {
	t.Helper()
	old := console
	console.isTerminal = func() bool { return false }
	console.readHidden = func() (string, error) { return "", errors.New("not a terminal") }
	t.Cleanup(func() { console = old })
}

// Each subcommand that reads or writes sealed fields refuses on a laptop with a
// passphrase when it has no way to get it (no variable, no terminal); an export
// without --decrypt needs none.
func TestSealedCommandsRefuseWithoutThePassphrase(t *testing.T) {
	dir := partnerLaptop(t)
	unsetEnv(t)
	noTerminal(t)
	file := filepath.Join(t.TempDir(), "out.jsonl")
	for _, args := range [][]string{
		{"sync"},
		{"connect", "https://involve.example.org", "K7QD-9XWM-3PTR"},
		{"import", file},
		{"export", "--decrypt", "--out", file},
		{"export", "--xlsx", filepath.Join(t.TempDir(), "summary.xlsx")},
		{"subject-access", "some-partner", "--out", filepath.Join(t.TempDir(), "sar")},
	} {
		if args[0] == "import" {
			os.WriteFile(file, []byte("\n"), 0o600)
		}
		var code int
		out := stderrOf(t, func() { code = runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...)) })
		if code != 1 || !strings.Contains(out, "This laptop's Involve has a passphrase: set INVOLVE_PASSPHRASE or run it in a terminal") {
			t.Errorf("%v without the passphrase: exit %d, %q", args, code, out)
		}
	}
	os.Remove(file)
	var code int
	out := stderrOf(t, func() { code = runCommand("export", []string{"--data-dir", dir, "--out", file}) })
	if code != 0 || strings.Contains(out, "warning") {
		t.Fatalf("a sealed export without the passphrase: exit %d, %q", code, out)
	}
}

// A wrong passphrase from the variable is refused and counted as in the app.
func TestUnlockCountsWrongPassphrases(t *testing.T) {
	dir := partnerLaptop(t)
	noTerminal(t)
	t.Setenv(PassphraseEnv, "not the right passphrase at all")
	var code int
	out := stderrOf(t, func() { code = runCommand("sync", []string{"--data-dir", dir}) })
	if code != 1 || !strings.Contains(out, "That passphrase is not right.") {
		t.Fatalf("a wrong passphrase: exit %d, %q", code, out)
	}
	db, err := openDB(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s, err := db.LockSettings(context.Background()); err != nil || s.FailedTries != 1 {
		t.Fatalf("wrong tries after one: %+v, %v", s, err)
	}
}

// At a terminal the passphrase is asked for (not shown), and the command goes on
// unlocked: --decrypt writes the partner readable, and says the file holds personal
// data in clear.
func TestUnlockAsksAtTheTerminal(t *testing.T) {
	dir := partnerLaptop(t)
	unsetEnv(t)
	old := console
	t.Cleanup(func() { console = old })
	asked := 0
	console.isTerminal = func() bool { return true }
	console.readHidden = func() (string, error) { asked++; return storetest.Passphrase, nil }
	file := filepath.Join(t.TempDir(), "clear.jsonl")
	var code int
	out := stderrOf(t, func() { code = runCommand("export", []string{"--data-dir", dir, "--decrypt", "--out", file}) })
	if code != 0 || asked != 1 || !strings.Contains(out, "(not shown)") || !strings.Contains(out, "personal data") {
		t.Fatalf("export --decrypt at a terminal: exit %d, asked %d, %q", code, asked, out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Zorbicnamé Testperson", "zorbic@example.org", "zorbicaccess"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("the decrypted export lacks %q", s)
		}
	}
}

// `involve passphrase remove` is refused while the laptop holds sealed data.
func TestPassphraseRemoveRefusedWithSealedData(t *testing.T) {
	dir := partnerLaptop(t)
	t.Setenv(PassphraseEnv, storetest.Passphrase)
	var code int
	out := stderrOf(t, func() { code = runCommand("passphrase", []string{"--data-dir", dir, "remove"}) })
	if code != 1 || !strings.Contains(out, "the passphrase cannot be removed") {
		t.Fatalf("remove with a partner held: exit %d, %q", code, out)
	}
	db, err := openDB(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if has, err := db.HasPassphrase(context.Background()); err != nil || !has {
		t.Fatalf("passphrase after the refusal: %v, %v", has, err)
	}
}

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
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// `involve erase contributor ID` on a lead laptop: it prints what is destroyed and
// kept and asks; anything but ERASE erases nothing; ERASE erases the partner and names
// the backup it rewrote; a second erasure is refused; `erase` of another kind is a
// mistake on the command line; a staff laptop is refused.
func TestEraseCommand(t *testing.T) {
	ctx := context.Background()
	dir := partnerLaptop(t)
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Unlock(t, db)
	list, err := db.FindContributors(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	id := list[0].ID
	setRole := func(role string) {
		t.Helper()
		if _, err := syncer.ApplyPull(ctx, db, syncapi.PullResponse{Role: role}); err != nil {
			t.Fatal(err)
		}
	}
	setRole(involve.RoleNameStaff)
	if _, err := db.Backup(ctx, "daily"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(PassphraseEnv, storetest.Passphrase)

	run := func(input string, args ...string) (int, string, string) {
		t.Helper()
		outF, _ := os.Create(filepath.Join(t.TempDir(), "out"))
		errF, _ := os.Create(filepath.Join(t.TempDir(), "err"))
		realOut, realErr, realIn := os.Stdout, os.Stderr, stdin
		os.Stdout, os.Stderr, stdin = outF, errF, strings.NewReader(input)
		code := runCommand("erase", append([]string{"--data-dir", dir}, args...))
		os.Stdout, os.Stderr, stdin = realOut, realErr, realIn
		eraseArgs.yes, eraseArgs.request = false, ""
		o, _ := os.ReadFile(outF.Name())
		e, _ := os.ReadFile(errF.Name())
		return code, string(o), string(e)
	}
	erased := func() bool {
		t.Helper()
		v, err := db.FindContributor(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return v.Erased()
	}

	if code, _, errs := run("", "contributor", id, "--yes"); code != 1 || !strings.Contains(errs, "Only a lead’s laptop may erase") {
		t.Errorf("staff laptop: exit %d, %q", code, errs)
	}
	setRole(involve.RoleNameLead)
	if code, _, errs := run("", "session", id); code != 2 || !strings.Contains(errs, "erase what?") {
		t.Errorf("erase session: exit %d, %q", code, errs)
	}
	code, out, errs := run("no\n", "contributor", id)
	if code != 1 || !strings.Contains(errs, "nothing was erased") {
		t.Errorf("answered no: exit %d, %q", code, errs)
	}
	if !strings.Contains(out, "Erasing Zorbicnamé Testperson (afterwards: Erased contributor 1)") ||
		!strings.Contains(out, "HMRC") || !strings.Contains(out, "The 1 local backup made before") {
		t.Errorf("summary: %q", out)
	}
	if erased() {
		t.Fatal("erased without ERASE typed")
	}
	code, out, errs = run("ERASE\n", "contributor", id, "--request", "req-7")
	if code != 0 || !strings.Contains(out, "Backup rewritten without the erased content: involve-") ||
		!strings.Contains(out, `"Erased contributor 1"`) {
		t.Fatalf("ERASE: exit %d, %q, %q", code, out, errs)
	}
	if !erased() {
		t.Fatal("not erased")
	}
	if code, _, errs := run("", "contributor", id, "--yes"); code != 1 || !strings.Contains(errs, "was erased on") {
		t.Errorf("erased again: exit %d, %q", code, errs)
	}
	db.Close()
}

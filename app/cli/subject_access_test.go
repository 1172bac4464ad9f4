package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/store"
)

// `involve subject-access ID --out DIR` unlocks with the passphrase and writes the
// partner's HTML page and JSON file, 0600, into DIR (made 0700); the id before or
// after --out.
func TestSubjectAccessCommand(t *testing.T) {
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
	db.Close()
	t.Setenv(PassphraseEnv, storetest.Passphrase)
	var out bytes.Buffer
	old := reportOut
	reportOut = &out
	t.Cleanup(func() { reportOut = old })

	for i, args := range [][]string{{id, "--out", "A"}, {"--out", "B", id}} {
		target := filepath.Join(t.TempDir(), "sar", args[map[int]int{0: 2, 1: 1}[i]])
		args[map[int]int{0: 2, 1: 1}[i]] = target
		if code := runCommand("subject-access", append([]string{"--data-dir", dir}, args...)); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v, %v; want a folder 0700", target, fi, err)
		}
		for _, ext := range []string{".html", ".json"} {
			p := filepath.Join(target, "subject-access-"+id+ext)
			b, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(b), "Zorbicnamé Testperson") || !strings.Contains(string(b), "zorbicaccess") {
				t.Errorf("%s: %v", p, err)
			}
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v, %v; want 0600", p, fi.Mode(), err)
			}
		}
	}
	if !strings.Contains(out.String(), "1 consent records") {
		t.Errorf("printed %q", out.String())
	}
	if code := runCommand("subject-access", []string{"--data-dir", dir, id}); code != 2 {
		t.Errorf("without --out: exit %d, want 2", code)
	}
}

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

// `involve retention --erase-due` on a lead laptop erases a partner due under
// "Contributor details" once the lead set that kind to be erased automatically, and
// says so; before that, it erases nothing.
func TestRetentionEraseDue(t *testing.T) {
	ctx := context.Background()
	dir := partnerLaptop(t)
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.Unlock(t, db)
	if _, err := syncer.ApplyPull(ctx, db, syncapi.PullResponse{Role: involve.RoleNameLead}); err != nil {
		t.Fatal(err)
	}
	list, err := db.FindContributors(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	id := list[0].ID
	cur, err := db.FindDoc(ctx, involve.EntityContributor, id)
	if err != nil {
		t.Fatal(err)
	}
	c := *cur.(*involve.Contributor)
	c.AgreementEnd = "2020-01-31" // 12 months after it: long due
	if _, err := db.UpdateContributor(ctx, id, nil, &c); err != nil {
		t.Fatal(err)
	}
	t.Setenv(PassphraseEnv, storetest.Passphrase)
	run := func() (int, string) {
		t.Helper()
		outF, _ := os.Create(filepath.Join(t.TempDir(), "out"))
		realOut := os.Stdout
		os.Stdout = outF
		code := runCommand("retention", []string{"--data-dir", dir, "--erase-due"})
		os.Stdout = realOut
		retentionArgs.eraseDue = false
		o, _ := os.ReadFile(outF.Name())
		return code, string(o)
	}
	erased := func() bool {
		v, err := db.FindContributor(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return v.Contributor.Erased()
	}
	if code, out := run(); code != 0 || !strings.Contains(out, "Nothing set to be erased automatically is due") || erased() {
		t.Fatalf("not set to be erased automatically: exit %d, %q, erased %v", code, out, erased())
	}
	r := *involve.DefaultRule(involve.RetainContributor)
	r.AutoErase = true
	if _, err := db.SetRetentionRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	code, out := run()
	if code != 0 || !strings.Contains(out, "Erased: Erased contributor ") || !erased() {
		t.Fatalf("set to be erased automatically: exit %d, %q, erased %v", code, out, erased())
	}
}

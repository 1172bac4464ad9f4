package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
)

// TestSyncOverQuota: `involve sync` to a team whose storage quota is full fails, and
// `involve status` then shows the server's message (the work is safe on the laptop,
// an administrator must raise the quota) with the changes still waiting.
func TestSyncOverQuota(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	if err := env.Store.SetTeamQuota(ctx, team.ID, serverstore.Quota{StorageBytes: 100}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var out, errs bytes.Buffer
	syncOut, syncErr = &out, &errs
	t.Cleanup(func() { syncOut, syncErr = os.Stdout, os.Stderr })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		return runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
	}
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code := run("connect", env.Server.URL, env.Code(team.ID, time.Hour)); code != 0 {
		t.Fatalf("connect: exit %d", code)
	}
	if code := run("sync"); code != 1 {
		t.Fatalf("sync over the quota: exit %d, want 1", code)
	}
	if code := run("status"); code != 0 {
		t.Fatalf("status: exit %d", code)
	}
	for _, want := range []string{"state:      error", "storage quota", "safe on this laptop", "administrator", "pending:    1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status does not say %q:\n%s", want, out.String())
		}
	}
}

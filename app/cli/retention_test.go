package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestRetentionDue: `involve retention --due` lists an old session's notes, as a table
// and as JSON, on a lead laptop only (a session deleted long ago is not listed: it was
// purged when the database was opened); `involve retention` prints the schedule with
// its defaults.
func TestRetentionDue(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2019, 3, 2, 9, 0, 0, 0, time.UTC) }
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Old pathway"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Clinic redesign", Date: "2019-03-01", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveSessionNotes(ctx, s.ID, "We agreed three changes."); err != nil {
		t.Fatal(err)
	}
	gone, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Cancelled talk", Date: "2019-04-01", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSession(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	role := func(r string) {
		t.Helper()
		if _, err := syncer.ApplyPull(ctx, db, syncapi.PullResponse{Role: r}); err != nil {
			t.Fatal(err)
		}
	}
	role(involve.RoleNameStaff)
	db.Close()

	run := func(args ...string) (int, string, string) {
		t.Helper()
		outF, _ := os.Create(filepath.Join(t.TempDir(), "out"))
		errF, _ := os.Create(filepath.Join(t.TempDir(), "err"))
		realOut, realErr := os.Stdout, os.Stderr
		os.Stdout, os.Stderr = outF, errF
		code := runCommand("retention", append([]string{"--data-dir", dir}, args...))
		os.Stdout, os.Stderr = realOut, realErr
		retentionArgs.due, retentionArgs.json = false, false
		o, _ := os.ReadFile(outF.Name())
		e, _ := os.ReadFile(errF.Name())
		return code, string(o), string(e)
	}

	code, _, errs := run("--due")
	if code != 1 || !strings.Contains(errs, "Only a lead laptop reviews records due") || !strings.Contains(errs, "enrolled for staff") {
		t.Errorf("staff laptop: exit %d, %q", code, errs)
	}
	code, out, _ := run()
	if code != 0 || !strings.Contains(out, "Deleted records") || !strings.Contains(out, "30 days after deletion") ||
		!strings.Contains(out, "6 years after the end of the tax year of the payment") || !strings.Contains(out, "HMRC") {
		t.Errorf("schedule: exit %d\n%s", code, out)
	}

	db, err = store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	role(involve.RoleNameLead)
	db.Close()
	code, out, errs = run("--due")
	// The session deleted in 2019 is past its period too: this laptop, which has never
	// synced, purged it when it opened the database (docs/sync-protocol.md "Purging
	// deleted records"), so it is not listed.
	if code != 0 || !strings.Contains(out, "1 record is due for review") || !strings.Contains(out, "Notes of Clinic redesign") ||
		!strings.Contains(out, "2025-03-01") || strings.Contains(out, "Cancelled talk") ||
		!strings.Contains(out, "6 years after the session (1 March 2019)") || strings.Contains(out, "three changes") {
		t.Errorf("due: exit %d %s\n%s", code, errs, out)
	}
	code, out, _ = run("--due", "--json")
	var rep dueReport
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || len(rep.Due) != 1 || rep.AsOf != time.Now().UTC().Format("2006-01-02") {
		t.Fatalf("due --json: exit %d, %v\n%s", code, err, out)
	}
	if d := rep.Due[0]; d.RecordID == gone.ID || d.RecordID != s.ID || d.RecordKind != involve.RetainSessionNotes || d.Entity != involve.EntitySession {
		t.Errorf("due: %+v", d)
	}
}

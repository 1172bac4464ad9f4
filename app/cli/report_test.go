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
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

func TestExportReport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out, errs bytes.Buffer
	reportOut, reportErr = &out, &errs
	t.Cleanup(func() { reportOut, reportErr = os.Stdout, os.Stderr })
	// runCommand reports failures on os.Stderr: a file here, copied into errs
	stderr, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	realStderr := os.Stderr
	t.Cleanup(func() { os.Stderr = realStderr })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		errs.Reset()
		stderr.Truncate(0)
		stderr.Seek(0, 0)
		os.Stderr = stderr
		code := runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
		os.Stderr = realStderr
		b, _ := os.ReadFile(stderr.Name())
		errs.Write(b)
		return code
	}
	if code := run("import", dataset); code != 0 {
		t.Fatalf("import: exit %d", code)
	}

	// the app is open on this folder: it holds the lock and a connection
	lock, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	appDB, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer appDB.Close()
	p, err := appDB.CreateProject(ctx, involve.ProjectInput{Name: "Maternity voices"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := appDB.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Made in the app", Date: "2026-11-24",
		Type: "focus_group", Borough: "E09000008"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := appDB.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "card", Rating: new(int)}); err != nil {
			t.Fatal(err)
		}
	}
	figures := func(f report.Filter) *report.Figures {
		t.Helper()
		fig, err := report.Summarize(ctx, appDB, f, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return fig
	}
	all := figures(report.Filter{})
	if all.Sessions != 7 || all.FeedbackItems != 303 {
		t.Fatalf("fixture: %d sessions, %d items", all.Sessions, all.FeedbackItems)
	}

	t.Run("WorkbookWhileAppOpen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "summary.xlsx")
		if code := run("export", "--xlsx", path); code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			t.Fatalf("not a workbook (%d bytes): %v", len(b), err)
		}
		line := out.String()
		if !strings.HasPrefix(line, "xlsx: 7 sessions, 303 feedback items to "+path+" (") || strings.Count(line, "\n") != 1 ||
			!strings.Contains(line, "KB)") {
			t.Fatalf("summary line %q", line)
		}
		if !strings.Contains(errs.String(), "writing workbook: 310 of 310 rows (100%)") {
			t.Fatalf("progress %q", errs.String())
		}
		if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
			t.Fatal("partial file left")
		}
	})

	t.Run("CSVAndWorkbookFiltered", func(t *testing.T) {
		tmp := t.TempDir()
		path, csvDir := filepath.Join(tmp, "wandsworth.xlsx"), filepath.Join(tmp, "csv", "wandsworth")
		want := figures(report.Filter{From: "2024-01-01", Borough: "E09000032", SessionType: "lep_meeting"})
		if want.Sessions == 0 || want.FeedbackItems == 0 {
			t.Fatalf("the filter matches nothing in the data set: %+v", want)
		}
		if code := run("export", "--xlsx", path, "--csv", csvDir, "--from", "2024-01-01", "--borough", "wandsworth", "--type", "LEP meeting"); code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[0], "xlsx: "+thousands(want.Sessions)+" sessions, "+thousands(want.FeedbackItems)+" feedback items") ||
			!strings.HasPrefix(lines[1], "csv: "+thousands(want.Sessions)+" sessions, "+thousands(want.FeedbackItems)+" feedback items to 6 files in "+csvDir) { // sessions, feedback, actions, outcomes, lep, responses
			t.Fatalf("summary:\n%s", out.String())
		}
		b, _ := os.ReadFile(filepath.Join(csvDir, "feedback.csv"))
		if n := strings.Count(string(b), "\r\n") - 1; n < want.FeedbackItems { // (quoted text may hold line breaks)
			t.Fatalf("feedback.csv has %d rows, want %d", n, want.FeedbackItems)
		}
		b, _ = os.ReadFile(filepath.Join(csvDir, "sessions.csv"))
		if n := strings.Count(string(b), "\r\n") - 1; n < want.Sessions {
			t.Fatalf("sessions.csv has %d rows, want %d", n, want.Sessions)
		}
	})

	t.Run("ProjectByNameOrID", func(t *testing.T) {
		for _, arg := range []string{"Maternity voices", p.ID} {
			if code := run("export", "--csv", t.TempDir(), "--project", arg); code != 0 {
				t.Fatalf("--project %q: exit %d: %s", arg, code, errs.String())
			}
			if !strings.HasPrefix(out.String(), "csv: 1 sessions, 3 feedback items") {
				t.Fatalf("--project %q: %s", arg, out.String())
			}
		}
	})

	t.Run("BadFiltersWriteNothing", func(t *testing.T) {
		tmp := t.TempDir()
		path, csvDir := filepath.Join(tmp, "x.xlsx"), filepath.Join(tmp, "csv")
		for _, c := range []struct {
			args []string
			msg  string
		}{
			{[]string{"--from", "2026-02-30"}, "--from: Start date must be a real date"},
			{[]string{"--from", "2026-03-01", "--to", "2026-02-01"}, "--to: End date must be the same as or after the start date"},
			{[]string{"--to", "last week"}, "--to: End date must be a real date (YYYY-MM-DD)"},
			{[]string{"--borough", "Atlantis"}, `--borough: "Atlantis" is not a borough`},
			{[]string{"--type", "party"}, `--type: "party" is not a session type`},
			{[]string{"--project", "No such project"}, `--project: no project has the id or name "No such project" (the projects are "Maternity voices")`},
			{[]string{"--out", "y.jsonl"}, "--out is for the JSON Lines export"},
		} {
			if code := run(append([]string{"export", "--xlsx", path, "--csv", csvDir}, c.args...)...); code != 2 {
				t.Errorf("%v: exit %d, want 2", c.args, code)
			}
			if !strings.Contains(errs.String(), c.msg) {
				t.Errorf("%v: stderr %q lacks %q", c.args, errs.String(), c.msg)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Fatalf("%v: written %v", c.args, entries)
			}
		}
		if code := run("export", "--from", "2026-01-01"); code != 2 {
			t.Errorf("a filter without --xlsx or --csv: exit %d, want 2", code)
		}
	})

	t.Run("TwoProjectsWithOneName", func(t *testing.T) {
		if _, err := appDB.CreateProject(ctx, involve.ProjectInput{Name: "Maternity voices"}); err != nil {
			t.Fatal(err)
		}
		if code := run("export", "--xlsx", filepath.Join(t.TempDir(), "x.xlsx"), "--project", "Maternity voices"); code != 2 ||
			!strings.Contains(errs.String(), `2 projects are called "Maternity voices"; give the id of one`) {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
	})
}

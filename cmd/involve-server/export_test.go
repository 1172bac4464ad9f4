package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/xlsx"
)

// TestExport: two teams push through the sync API; export without --team covers both,
// with --team one, with the filters applied, and each export is audited.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "Alpha", "--data-dir", dir)
	runCmd(t, 0, "team", "add", "Beta", "--data-dir", dir)

	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := servertest.NewEnvOn(t, st, withKeyFile(t, dir, st))
	for _, name := range []string{"Alpha", "Beta"} {
		tm, err := st.FindTeam(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		d := e.Enrol(tm.ID)
		servertest.PushReportData(t, d, name[:1])
		if name == "Alpha" {
			servertest.PushZorbicPartner(t, d) // sealed: the export names them by pseudonym only
		}
	}
	e.Server.Close()
	st.Close()

	open := func(path string) *servertest.Workbook {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return servertest.OpenWorkbook(t, b)
	}
	out := t.TempDir()

	t.Run("EveryTeam", func(t *testing.T) {
		path := filepath.Join(out, "all.xlsx")
		stdout, _ := runCmd(t, 0, "export", "--xlsx", path, "--csv", filepath.Join(out, "csv"), "--data-dir", dir)
		if !strings.Contains(stdout, path) || !strings.Contains(stdout, "every team") {
			t.Errorf("export printed %q", stdout)
		}
		wb := open(path)
		if got := wb.Count("Sessions held"); got != 4 {
			t.Errorf("Sessions held %d, want 4 (2 per team)", got)
		}
		if got := wb.Count("Feedback items"); got != 16 {
			t.Errorf("Feedback items %d, want 16 (8 per team)", got)
		}
		if a, b := wb.CellsWith(xlsx.SheetFeedback, "A item "), wb.CellsWith(xlsx.SheetFeedback, "B item "); a != 8 || b != 8 {
			t.Errorf("feedback rows: %d of team A, %d of team B; want 8 and 8", a, b)
		}
		f, err := os.Open(filepath.Join(out, "csv", "feedback.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil || len(rows) != 17 {
			t.Errorf("feedback.csv: %d rows, %v; want a header and 16", len(rows), err)
		}
		if _, err := os.Stat(filepath.Join(out, "csv", "sessions.csv")); err != nil {
			t.Error(err)
		}
		// No sealed field, plain or as a token: partners appear by pseudonym.
		texts := map[string]string{"the workbook": wb.WorkbookText()}
		csvs, _ := filepath.Glob(filepath.Join(out, "csv", "*.csv"))
		for _, p := range csvs {
			b, _ := os.ReadFile(p)
			texts[filepath.Base(p)] = string(b)
		}
		for what, text := range texts {
			if low := strings.ToLower(text); strings.Contains(low, "zorbic") || strings.Contains(text, "sealed1.") {
				t.Errorf("%s shows a sealed field", what)
			}
		}
		if !strings.Contains(wb.WorkbookText(), "Contributor 7") {
			t.Error("the workbook does not name the partner by pseudonym")
		}
	})

	t.Run("OneTeam", func(t *testing.T) {
		path := filepath.Join(out, "beta.xlsx")
		runCmd(t, 0, "export", "--xlsx", path, "--team", "beta", "--data-dir", dir)
		wb := open(path)
		if got, want := wb.Count("Sessions held"), 2; got != want {
			t.Errorf("Sessions held %d, want %d", got, want)
		}
		if got := wb.Count("Feedback items"); got != 8 {
			t.Errorf("Feedback items %d, want 8", got)
		}
		if strings.Contains(wb.WorkbookText(), "A item") || strings.Contains(wb.WorkbookText(), "A session") {
			t.Error("team Beta's workbook shows team Alpha's records")
		}
	})

	t.Run("Filters", func(t *testing.T) {
		path := filepath.Join(out, "alpha-april.xlsx")
		runCmd(t, 0, "export", "--xlsx", path, "--team", "Alpha", "--from", "2026-04-01", "--data-dir", dir)
		if wb := open(path); wb.Count("Sessions held") != 1 || wb.Count("Feedback items") != 3 {
			t.Errorf("from 2026-04-01: %d sessions, %d feedback; want 1, 3", wb.Count("Sessions held"), wb.Count("Feedback items"))
		}
		path = filepath.Join(out, "workshops.xlsx")
		runCmd(t, 0, "export", "--xlsx", path, "--type", "workshop", "--borough", "E09000022", "--data-dir", dir)
		if wb := open(path); wb.Count("Sessions held") != 2 || wb.Count("Feedback items") != 10 {
			t.Errorf("workshops in Lambeth, every team: %d sessions, %d feedback; want 2, 10", wb.Count("Sessions held"), wb.Count("Feedback items"))
		}
	})

	t.Run("Refused", func(t *testing.T) {
		bad := filepath.Join(out, "bad.xlsx")
		_, errOut := runCmd(t, 1, "export", "--xlsx", bad, "--from", "2026-02-30", "--data-dir", dir)
		if !strings.Contains(errOut, "--from") || !strings.Contains(errOut, "real date") {
			t.Errorf("bad --from: %q", errOut)
		}
		runCmd(t, 1, "export", "--xlsx", bad, "--type", "party", "--data-dir", dir)
		runCmd(t, 1, "export", "--xlsx", bad, "--team", "Nobody", "--data-dir", dir)
		runCmd(t, 1, "export", "--data-dir", dir)
		if _, err := os.Stat(bad); !os.IsNotExist(err) {
			t.Errorf("a refused export wrote %s (%v)", bad, err)
		}
	})

	audit, _ := runCmd(t, 0, "audit", "--team", "Alpha", "--data-dir", dir)
	if n := strings.Count(audit, "export"); n != 3 {
		t.Errorf("team Alpha's audit log has %d export lines, want 3 (every team, workshops, --team Alpha):\n%s", n, audit)
	}
	if !strings.Contains(audit, "organisation-wide") || !strings.Contains(audit, `from="2026-04-01"`) {
		t.Errorf("audit log:\n%s", audit)
	}
}

// withKeyFile gives a server under test the keys of the key file beside the data
// folder dir, as involve-server serve would.
func withKeyFile(t *testing.T, dir string, st serverstore.Store) func(*server.Config) {
	t.Helper()
	master, _, err := server.LoadKeyFile(filepath.Clean(dir)+".key", false)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := server.NewKeys(master, st)
	if err != nil {
		t.Fatal(err)
	}
	return func(c *server.Config) { c.Keys = keys }
}

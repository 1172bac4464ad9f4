package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/servertest"
)

// TestExportBoardPack: export --board-pack writes one team's board pack (PDF or Word,
// after the extension) with its name and none of another team's records or a partner's
// sealed name; --team is required, another extension, a bad filter or a second output
// is refused and writes nothing; each pack made is audited in the team's log.
func TestExportBoardPack(t *testing.T) {
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
			servertest.PushZorbicPartner(t, d) // sealed: the pack names partners by pseudonym only
		}
	}
	e.Server.Close()
	st.Close()
	out := t.TempDir()

	pdf := filepath.Join(out, "alpha.pdf")
	stdout, _ := runCmd(t, 0, "export", "--board-pack", pdf, "--team", "alpha", "--from", "2026-01-01", "--to", "2026-12-31",
		"--contact", "Email involve@example.nhs.uk", "--data-dir", dir)
	if !strings.HasPrefix(stdout, pdf+"\tteam \"Alpha\": board pack, The whole team, 1 January 2026 to 31 December 2026") {
		t.Errorf("export printed %q", stdout)
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("not a PDF (%v)", err)
	}
	if text, ok := servertest.PDFText(t, b); ok {
		for _, want := range []string{"Involvement board pack", "Alpha", "1 January 2026 to 31 December 2026", "Email involve@example.nhs.uk"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		if low := strings.ToLower(text); strings.Contains(low, "zorbic") || strings.Contains(text, "B project") || strings.Contains(text, "Beta") {
			t.Errorf("team Alpha's PDF shows a sealed name or team Beta's records:\n%s", text)
		}
	}

	docx := filepath.Join(out, "beta.DOCX")
	runCmd(t, 0, "export", "--board-pack", docx, "--team", "Beta", "--data-dir", dir)
	b, err = os.ReadFile(docx)
	if err != nil {
		t.Fatal(err)
	}
	if text := servertest.DOCXText(t, b); !strings.Contains(text, "Beta") || strings.Contains(text, "Alpha") || strings.Contains(text, "A project") {
		t.Errorf("team Beta's Word document:\n%s", text)
	}

	// Refused, and nothing written.
	bad := filepath.Join(out, "bad.pdf")
	for _, args := range [][]string{
		{"--board-pack", bad}, // no team: a board pack is one team's
		{"--board-pack", filepath.Join(out, "bad.odt"), "--team", "Alpha"},
		{"--board-pack", bad, "--team", "Nobody"},
		{"--board-pack", bad, "--team", "Alpha", "--from", "2026-02-30"},
		{"--board-pack", bad, "--team", "Alpha", "--xlsx", filepath.Join(out, "x.xlsx")},
		{"--board-pack", bad, "--team", "Alpha", "--contact", "two\nlines"},
		{"--xlsx", filepath.Join(out, "x.xlsx"), "--contact", "Email us"},
	} {
		_, errOut := runCmd(t, 1, append(append([]string{"export"}, args...), "--data-dir", dir)...)
		if args[len(args)-1] == bad && !strings.Contains(errOut, "--team") {
			t.Errorf("no --team: %q", errOut)
		}
	}
	for _, name := range []string{"bad.pdf", "bad.odt", "x.xlsx"} {
		if _, err := os.Stat(filepath.Join(out, name)); !os.IsNotExist(err) {
			t.Errorf("a refused export wrote %s (%v)", name, err)
		}
	}

	audit, _ := runCmd(t, 0, "audit", "--team", "Alpha", "--data-dir", dir)
	if n := strings.Count(audit, "board-pack.pdf"); n != 1 || !strings.Contains(audit, `from="2026-01-01"`) {
		t.Errorf("team Alpha's audit log has %d board pack lines, want 1:\n%s", n, audit)
	}
	if audit, _ := runCmd(t, 0, "audit", "--team", "Beta", "--data-dir", dir); strings.Count(audit, "board-pack.docx") != 1 {
		t.Errorf("team Beta's audit log:\n%s", audit)
	}
}

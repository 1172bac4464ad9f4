package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
)

// TestExportBoardPack: `involve export --board-pack` on a real data folder writes the
// board pack of the filters as a PDF or a Word document (the format follows the
// extension), with the team's name from Settings, the outcome, its consented quote and
// the done action, never words a person did not agree to share; a file of another kind,
// a bad filter or a second output is a usage error that writes nothing.
func TestExportBoardPack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Clinic signs"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2025-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	yes, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The signs are confusing", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "I waited four hours in pain", QuoteConsent: false}); err != nil {
		t.Fatal(err)
	}
	act, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{yes.ID}, ProjectID: p.ID, WeDid: "New signs went up in May.",
		Status: involve.ActionDone, Owner: "Staff Member Name"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: p.ID, ActionIDs: []string{act.ID}, Description: "Clinic signs were redesigned",
		Magnitude: "decision_changed", Direction: "positive", Evidence: "Fewer people got lost", Date: "2025-09-01"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetStallName(ctx, "Health Innovation Network South London"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var out bytes.Buffer
	reportOut = &out
	t.Cleanup(func() { reportOut = os.Stdout })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		return runCommand("export", append([]string{"--data-dir", dir}, args...))
	}
	wants := []string{"Involvement board pack", "Health Innovation Network South London", "1 April 2025 to 31 March 2026",
		"Clinic signs were redesigned", "The signs are confusing", "New signs went up in May.", "Email involve@example.nhs.uk"}
	nevers := []string{"four hours", "Staff Member Name", yes.ID}

	pdf := filepath.Join(t.TempDir(), "board-pack.PDF")
	if code := run("--board-pack", pdf, "--from", "2025-04-01", "--to", "2026-03-31", "--contact", "Email involve@example.nhs.uk"); code != 0 {
		t.Fatalf("pdf: exit %d", code)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF (%v)", err)
	}
	if got := out.String(); !strings.HasPrefix(got, "board pack: The whole team, 1 April 2025 to 31 March 2026: 1 outcome to "+pdf) {
		t.Errorf("summary line %q", got)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (poppler-utils): the board pack's text is not read back")
	} else {
		b, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		checkText(t, "PDF", strings.Join(strings.Fields(string(b)), " "), wants, nevers)
	}

	docx := filepath.Join(t.TempDir(), "board-pack.docx")
	if code := run("--board-pack", docx, "--project", "Clinic signs", "--contact", "Email involve@example.nhs.uk"); code != 0 {
		t.Fatalf("docx: exit %d", code)
	}
	if got := out.String(); !strings.HasPrefix(got, "board pack: Clinic signs, All dates: 1 outcome to "+docx) {
		t.Errorf("summary line %q", got)
	}
	checkText(t, "Word document", docxText(t, docx), append(wants[:2:2], wants[3:]...), nevers)

	// refused before anything is written
	for _, args := range [][]string{
		{"--board-pack", filepath.Join(dir, "pack.odt")},
		{"--board-pack", filepath.Join(dir, "pack")},
		{"--board-pack", filepath.Join(dir, "bad.pdf"), "--contact", "two\nlines"},
		{"--board-pack", filepath.Join(dir, "bad2.pdf"), "--from", "2026-02-30"},
		{"--board-pack", filepath.Join(dir, "bad3.pdf"), "--xlsx", filepath.Join(dir, "x.xlsx")},
		{"--board-pack", filepath.Join(dir, "bad4.pdf"), "--you-said-we-did", filepath.Join(dir, "y.html")},
		{"--board-pack", filepath.Join(dir, "bad5.pdf"), "--out", filepath.Join(dir, "out.jsonl")},
		{"--board-pack", filepath.Join(dir, "bad6.pdf"), "--language", "pl"},
	} {
		if code := run(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	for _, name := range []string{"pack.odt", "pack", "bad.pdf", "bad2.pdf", "bad3.pdf", "x.xlsx", "bad4.pdf", "y.html", "bad5.pdf", "out.jsonl", "bad6.pdf"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s written after a refusal", name)
		}
	}
	// a project that is not there is an error, and writes nothing
	missing := filepath.Join(dir, "missing.pdf")
	if code := run("--board-pack", missing, "--project", "No such project"); code == 0 {
		t.Error("an unknown project was accepted")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("missing.pdf written for an unknown project")
	}
}

func checkText(t *testing.T, what, text string, wants, nevers []string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("the %s lacks %q:\n%s", what, want, text)
		}
	}
	for _, never := range nevers {
		if strings.Contains(text, never) {
			t.Errorf("the %s holds %q", what, never)
		}
	}
}

// docxText is the text of the Word document at path (the shared suite's reader).
func docxText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return servertest.DOCXText(t, b)
}

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
	"github.com/hin-south-london/involve/app/store"
)

// TestExportYouSaidWeDid: `involve export --you-said-we-did` on a real data folder
// writes the done actions of the period as a web page and as email text, with the
// team's name from Settings and the contact line given; words a person did not agree
// to share never reach the file; a bad file kind or contact line writes nothing.
func TestExportYouSaidWeDid(t *testing.T) {
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
	s, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Last year", Date: "2025-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	yes, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The signs are confusing", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	no, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "I waited four hours in pain", QuoteConsent: false})
	if err != nil {
		t.Fatal(err)
	}
	oldFB, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: old.ID, Text: "Too far to walk", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*involve.Action{
		{FeedbackIDs: []string{yes.ID}, WeDid: "New signs went up in May.", Status: involve.ActionDone, Owner: "Staff Member Name"},
		{FeedbackIDs: []string{no.ID}, WeDid: "Waiting times are on a screen.", Status: involve.ActionDone}, // you said filled from the item: no consent
		{FeedbackIDs: []string{yes.ID}, YouSaid: "Signs in other languages", WeDid: "", Status: involve.ActionPlanned},
		{FeedbackIDs: []string{oldFB.ID}, WeDid: "A shuttle bus runs.", Status: involve.ActionDone}, // last year's
	} {
		if _, err := db.CreateAction(ctx, a); err != nil {
			t.Fatal(err)
		}
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
	page := filepath.Join(t.TempDir(), "you-said.html")
	if code := run("--you-said-we-did", page, "--from", "2026-04-01", "--to", "2027-03-31", "--contact", "Email involve@example.nhs.uk"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"<!DOCTYPE html>", "Health Innovation Network South London", "1 April 2026 to 31 March 2027",
		"The signs are confusing", "New signs went up in May.", "Email involve@example.nhs.uk"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, never := range []string{"four hours", "Waiting times are on a screen.", "Staff Member Name", "Signs in other languages", "shuttle bus", yes.ID} {
		if strings.Contains(html, never) {
			t.Errorf("page holds %q", never)
		}
	}
	// the action whose words can't be shown and has no theme is left out, and said so
	if !strings.Contains(out.String(), "1 action to ") || !strings.Contains(out.String(), "1 left out") {
		t.Errorf("summary line %q", out.String())
	}

	text := filepath.Join(t.TempDir(), "you-said.txt")
	if code := run("--you-said-we-did", text, "--project", "Clinic signs"); code != 0 {
		t.Fatalf("txt: exit %d", code)
	}
	if b, _ := os.ReadFile(text); !strings.Contains(string(b), "We did: A shuttle bus runs.\r\n") || strings.Contains(string(b), "four hours") {
		t.Errorf("email text:\n%s", b)
	}

	// the poster: the format follows the extension
	poster := filepath.Join(t.TempDir(), "you-said.PDF")
	if code := run("--you-said-we-did", poster, "--from", "2026-04-01", "--to", "2027-03-31", "--contact", "Email involve@example.nhs.uk"); code != 0 {
		t.Fatalf("pdf: exit %d", code)
	}
	if b, err := os.ReadFile(poster); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF (%v)", err)
	}
	if !strings.Contains(out.String(), "1 action to "+poster) {
		t.Errorf("summary line %q", out.String())
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (poppler-utils): the poster's text is not read back")
	} else {
		b, err := exec.Command(pdftotext, "-enc", "UTF-8", poster, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := strings.Join(strings.Fields(string(b)), " ")
		for _, want := range []string{"You said, we did", "Health Innovation Network South London", "The signs are confusing",
			"New signs went up in May.", "Email involve@example.nhs.uk", "Page 1 of 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("poster lacks %q:\n%s", want, text)
			}
		}
		for _, never := range []string{"four hours", "Staff Member Name", "Signs in other languages"} {
			if strings.Contains(text, never) {
				t.Errorf("poster holds %q", never)
			}
		}
	}

	// refused before anything is written
	for _, args := range [][]string{
		{"--you-said-we-did", filepath.Join(dir, "poster.docx")},
		{"--you-said-we-did", filepath.Join(dir, "bad.html"), "--contact", "two\nlines"},
		{"--you-said-we-did", filepath.Join(dir, "bad2.html"), "--from", "2026-02-30"},
		{"--you-said-we-did", filepath.Join(dir, "bad3.html"), "--xlsx", filepath.Join(dir, "x.xlsx")},
		{"--xlsx", filepath.Join(dir, "x.xlsx"), "--contact", "Email us"},
	} {
		if code := run(args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	for _, name := range []string{"poster.docx", "bad.html", "bad2.html", "bad3.html", "x.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s written after a refusal", name)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(page), ".*.partial")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

package desktop_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// TestMakeBoardPack: a refused form writes nothing; a PDF and a Word board pack made
// through the Save hook hold the team's name from Settings, the period and the outcome
// story with its consented quote.
func TestMakeBoardPack(t *testing.T) {
	a, _, _ := newApp(t)
	save := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, save)
	pr, err := a.CreateProject(involve.ProjectInput{Name: "Clinic signs"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.CreateSession(involve.SessionInput{ProjectID: pr.ID, Title: "Market stall", Date: "2026-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "The signs are confusing", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	done, err := a.CreateAction(involve.Action{FeedbackIDs: []string{fb.ID}, ProjectID: pr.ID, YouSaid: fb.Text, WeDid: "New signs went up.", Status: involve.ActionDone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateOutcome(involve.Outcome{ProjectID: pr.ID, ActionIDs: []string{done.ID}, Description: "Clinic signs were redesigned",
		Magnitude: "decision_changed", Direction: "positive", ImpactOn: []string{"design"}, Evidence: "Fewer people got lost", Date: "2026-05-20"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetStallName("Involvement team"); err != nil {
		t.Fatal(err)
	}

	_, err = a.MakeBoardPack(report.Filter{From: "2026-02-30", ProjectID: "no-such-project"}, "odt")
	fields := map[string]bool{}
	for _, fe := range involve.ErrorFields(err) {
		fields[fe.Field] = true
	}
	if involve.ErrorCode(err) != involve.EINVALID || !fields["from"] || !fields["format"] || !fields["projectId"] {
		t.Errorf("refused form: %v (fields %v)", err, fields)
	}
	if entries, _ := os.ReadDir(save); len(entries) != 0 {
		t.Fatalf("a refused form wrote %v", entries)
	}

	f := report.Filter{From: "2026-04-01", To: "2027-03-31"}
	res, err := a.MakeBoardPack(f, "pdf")
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(save, "involve-board-pack-2026-04-01-to-2027-03-31.pdf")
	if res.Cancelled || res.Path != want || res.Format != "pdf" || res.Scope != "The whole team" ||
		res.Period != "1 April 2026 to 31 March 2027" || res.Stories != 1 || res.YouSaid != 1 || res.Bytes == 0 {
		t.Fatalf("result %+v", res)
	}
	body, err := os.ReadFile(res.Path)
	if err != nil || !bytes.HasPrefix(body, []byte("%PDF-")) || int64(len(body)) != res.Bytes {
		t.Fatalf("not the PDF (%v, %d bytes)", err, len(body))
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed (poppler-utils): the board pack's text is not read back")
	} else {
		out, err := exec.Command(pdftotext, "-layout", res.Path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, s := range []string{"Involvement board pack", "Involvement team", "1 April 2026 to 31 March 2027",
			"Clinic signs were redesigned", "The signs are confusing", "New signs went up."} {
			if !strings.Contains(text, s) {
				t.Errorf("the PDF lacks %q:\n%s", s, text)
			}
		}
	}

	res, err = a.MakeBoardPack(report.Filter{ProjectID: pr.ID}, "docx")
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != filepath.Join(save, "involve-board-pack-all-dates.docx") || res.Period != "All dates" || res.Scope != "Clinic signs" {
		t.Fatalf("docx result %+v", res)
	}
	if body, err := os.ReadFile(res.Path); err != nil || !bytes.HasPrefix(body, []byte("PK")) {
		t.Fatalf("not a Word document (%v)", err)
	}
}

// TestMakeBoardPackDialog: the Save dialog offers the pack's name and kind; closing it
// writes nothing; a name typed without the extension gets it.
func TestMakeBoardPackDialog(t *testing.T) {
	a, rt, _ := newReportApp(t, 2, 3)
	out := t.TempDir()
	rt.answer = func() (string, error) { return "", nil }
	f := report.Filter{From: "2026-01-01", To: "2026-03-31"}
	res, err := a.MakeBoardPack(f, "docx")
	if err != nil || !res.Cancelled || res.Path != "" {
		t.Fatalf("closed dialog: %+v, %v", res, err)
	}
	last := rt.saves[len(rt.saves)-1]
	if last.DefaultFilename != "involve-board-pack-2026-01-01-to-2026-03-31.docx" || last.Title != "Save the board pack" ||
		len(last.Filters) != 1 || last.Filters[0].Pattern != "*.docx" {
		t.Fatalf("dialog options %+v", last)
	}
	if files := listDir(t, out); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
	rt.answer = func() (string, error) { return filepath.Join(out, "Board pack Q4"), nil }
	res, err = a.MakeBoardPack(f, "pdf")
	if err != nil || res.Path != filepath.Join(out, "Board pack Q4.pdf") || res.Period != "1 January 2026 to 31 March 2026" {
		t.Fatalf("saved: %+v, %v", res, err)
	}
	if files := listDir(t, out); len(files) != 1 || files[0] != "Board pack Q4.pdf" {
		t.Fatalf("files written: %v (no temporary file may be left)", files)
	}
}

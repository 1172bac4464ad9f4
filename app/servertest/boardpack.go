package servertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"mime"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testReportBoardPack: GET /v1/reports/board-pack.pdf and .docx give the device's
// team's board pack for the filters, typed and named as a download, with its outcome
// and done action and none of another team's records; each is audited as an export; a
// bad filter or a team parameter is refused as JSON and not audited.
func testReportBoardPack(t *testing.T, open Open) {
	e, a, b := reportSetup(t, open)
	d := a.Device
	p1 := a.Projects[0]
	action := &involve.Action{SessionID: a.Sessions[0].ID, ProjectID: p1.ID, YouSaid: "A said: the signs are confusing", WeDid: "A did: new signs",
		Status: involve.ActionDone, CommunicatedOn: "2026-03-20", Channel: "newsletter", FeedbackIDs: []string{}}
	action.ID = uuid.Must(uuid.NewV7()).String()
	outcome := &involve.Outcome{ProjectID: p1.ID, Description: "A outcome: clinic hours changed", Direction: "positive",
		Magnitude: "decision_changed", ImpactOn: []string{"decision"}, Date: "2026-03-25", Evidence: "A evidence: the rota",
		SessionIDs: []string{a.Sessions[0].ID}, ActionIDs: []string{action.ID}, Standards: []string{}}
	outcome.ID = uuid.Must(uuid.NewV7()).String()
	for i, r := range d.Push(d.Change(involve.EntityAction, action, 0), d.Change(involve.EntityOutcome, outcome, 0)) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push %d: %+v", i, r)
		}
	}

	const q = "?from=2026-01-01&to=2026-12-31"
	r := e.Do("GET", "/v1/reports/board-pack.pdf"+q, d.Token, nil, "Accept-Encoding", "gzip")
	if r.Status != http.StatusOK {
		t.Fatalf("board-pack.pdf: %d %s", r.Status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != server.PDFContentType {
		t.Errorf("Content-Type %q", ct)
	}
	if !bytes.HasPrefix(r.Body, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", r.Body[:min(10, len(r.Body))])
	}
	disp, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || !strings.HasPrefix(params["filename"], "involve-alpha-") ||
		!strings.HasSuffix(params["filename"], "-board-pack-from-2026-01-01-to-2026-12-31.pdf") {
		t.Errorf("Content-Disposition %q (%v)", r.Header.Get("Content-Disposition"), err)
	}
	if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	wants := []string{"Involvement board pack", "Alpha", "1 January 2026 to 31 December 2026", outcome.Description, action.WeDid}
	nevers := []string{"B item", "B project", "B session"}
	if text, ok := PDFText(t, r.Body); ok {
		checkPackText(t, "team A's PDF", text, wants, nevers)
	}

	r = e.Do("GET", "/v1/reports/board-pack.docx", d.Token, nil)
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != server.DOCXContentType {
		t.Fatalf("board-pack.docx: %d %q %s", r.Status, r.Header.Get("Content-Type"), r.Body[:min(200, len(r.Body))])
	}
	checkPackText(t, "team A's Word document", DOCXText(t, r.Body), []string{"Alpha", outcome.Description, action.WeDid}, nevers)

	// Team B's pack holds none of team A's records.
	r = e.Do("GET", "/v1/reports/board-pack.docx", b.Device.Token, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("team B's board-pack.docx: %d %s", r.Status, r.Body)
	}
	checkPackText(t, "team B's Word document", DOCXText(t, r.Body), []string{"Beta"}, []string{"A outcome", "A did", "A said", "Alpha"})

	// Refused: a bad filter, a team parameter (JSON errors, not audited).
	for _, bad := range []struct {
		q      string
		status int
		code   string
	}{{"?from=2026-02-30", 400, syncapi.EINVALID}, {"?colour=blue", 400, syncapi.EINVALID}, {"?team=" + b.Device.Team.ID, 403, syncapi.EFORBIDDEN}} {
		r := e.Do("GET", "/v1/reports/board-pack.pdf"+bad.q, d.Token, nil)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || r.Header.Get("Content-Disposition") != "" {
			t.Errorf("%q: answered %q as a download", bad.q, ct)
		}
		wantError(t, r, bad.status, bad.code)
	}
	if r := e.Do("GET", "/v1/reports/board-pack.odt", d.Token, nil); r.Status != 404 {
		t.Errorf("board-pack.odt: %d %s", r.Status, r.Body)
	}
	wantError(t, e.Do("GET", "/v1/reports/board-pack.pdf", "", nil), 401, syncapi.EUNAUTH)

	// One audit line per pack made, naming the file and the filter.
	entries, err := e.Store.ListAudit(context.Background(), a.Device.Team.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range entries {
		if en.Action == "export" {
			if en.DeviceID != d.ID {
				t.Errorf("export audit line %+v", en)
			}
			got = append(got, en.Detail)
		}
	}
	if len(got) != 2 || !strings.Contains(strings.Join(got, "\n"), `board-pack.pdf filter from="2026-01-01" to="2026-12-31"`) ||
		!strings.Contains(strings.Join(got, "\n"), "board-pack.docx filter") {
		t.Errorf("team A's export audit lines: %q", got)
	}
}

func checkPackText(t *testing.T, what, text string, wants, nevers []string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
	for _, n := range nevers {
		if strings.Contains(text, n) {
			t.Errorf("%s holds %q", what, n)
		}
	}
}

// PDFText is a PDF's text as pdftotext (poppler-utils) reads it, its white space made
// single spaces; ok is false (and the test is told) when pdftotext is not installed.
func PDFText(t testing.TB, pdf []byte) (text string, ok bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed (poppler-utils): the PDF's text is not read back")
		return "", false
	}
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " "), true
}

// DOCXText is the text of a Word document's body (word/document.xml), its tags taken
// out and its white space made single spaces.
func DOCXText(t testing.TB, docx []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a Word document (%d bytes): %v", len(docx), err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		return wordText(t, rc)
	}
	t.Fatal("the Word document has no word/document.xml")
	return ""
}

// wordText reads document.xml: the text of each w:t, a space for each tab or break and
// between paragraphs, white space made single spaces.
func wordText(t testing.TB, r io.Reader) string {
	t.Helper()
	var text strings.Builder
	dec := xml.NewDecoder(r)
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "t":
				inText = true
			case "tab", "br", "p":
				text.WriteByte(' ')
			}
		case xml.EndElement:
			if el.Name.Local == "t" {
				inText = false
			}
		case xml.CharData:
			if inText {
				text.Write(el)
			}
		}
	}
	return strings.Join(strings.Fields(text.String()), " ")
}

package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

const (
	polishSaid = "Pani Łucja Wąsowska-Żółć: źle oznaczone wejście, ciężko trafić do przychodni"
	polishDid  = "Nowe tablice: „Wejście główne” i strzałki. Dziękujemy, że daliście znać!"
	arabicSaid = "المواعيد صعبة جدا ولا أحد يجيب على الهاتف"
	bengaliDid = "We translated the leaflet: সবাই স্বাগত"
)

// pdfText is the text of the PDF (or of its page n, when n > 0) through poppler's
// pdftotext, with its white space made single spaces. It skips the test when
// pdftotext is missing (poppler-utils), unless CI=true.
func pdfText(t *testing.T, pdf []byte, page int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext not installed (poppler-utils): the poster's text cannot be read back")
	}
	path := filepath.Join(t.TempDir(), "poster.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	out, err := exec.Command(bin, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// posterFixture: the publish fixture with a Polish and a right-to-left action, both
// answering an item with consent, and a Polish team and contact line.
func posterFixture(t *testing.T) *YouSaidWeDid {
	t.Helper()
	src := source()
	act := func(id, youSaid, weDid string) *involve.Action {
		return &involve.Action{Meta: involve.Meta{ID: id, CreatedAt: "2026-06-01T10:00:00Z"}, FeedbackIDs: []string{"f-ok"},
			ProjectID: "p1", YouSaid: youSaid, WeDid: weDid, Status: involve.ActionDone}
	}
	src.DocList = append(src.DocList, act("a8-polish", polishSaid, polishDid), act("a9-arabic", arabicSaid, bengaliDid))
	d, err := Build(context.Background(), src, period, Options{Team: "Zespół Zaangażowania Łódź",
		Contact: "Napisz: involve@example.nhs.uk · call 020 0000 0000", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPosterText reads the poster back with pdftotext: every chosen action's "you
// said" (or what it was about) and "we did", nothing without consent, Polish exact, the
// sentence in place of Arabic and Bengali, the title, contact line and page numbers,
// and the document's title and language.
func TestPosterText(t *testing.T) {
	d := posterFixture(t)
	pdf, err := Bytes(Poster, d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(20, len(pdf))])
	}
	text := pdfText(t, pdf, 0)
	want := []string{"You said, we did", "Zespół Zaangażowania Łódź · 1 April 2026 to 31 March 2027",
		"Napisz: involve@example.nhs.uk · call 020 0000 0000", "Published on 6 December 2026. Page 1 of",
		polishSaid, polishDid, "You told us about waiting times"}
	for _, it := range d.Items {
		if it.ActionID == "a9-arabic" {
			continue
		}
		if it.YouSaid != "" {
			want = append(want, paras(it.YouSaid)...)
		}
		want = append(want, paras(it.WeDid)...)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the poster lacks %q:\n%s", w, text)
		}
	}
	if n := strings.Count(text, "[This text is in a script the PDF cannot show; see the web page version]"); n != 2 {
		t.Errorf("the sentence for Arabic and Bengali shows %d times, want 2:\n%s", n, text)
	}
	for _, never := range []string{"I waited four hours", "Mrs Example", "Priya", "a1-consented", "Parking is hard",
		"المواعيد", "সবাই", "<script"} {
		if strings.Contains(text, never) {
			t.Errorf("the poster holds %q", never)
		}
	}
	for _, it := range d.Items {
		if it.PosterCannotShow != (it.ActionID == "a9-arabic") {
			t.Errorf("%s: PosterCannotShow %v", it.ActionID, it.PosterCannotShow)
		}
	}
	if !bytes.Contains(pdf, []byte("/Lang (en-GB)")) {
		t.Error("the document's language is not en-GB")
	}
	if info, err := exec.Command("pdfinfo", filepath.Join(writeTemp(t, pdf))).Output(); err == nil {
		if !bytes.Contains(info, []byte("You said, we did: Zespół Zaangażowania Łódź")) || !bytes.Contains(info, []byte("595.28 x 841.89 pts (A4)")) {
			t.Errorf("pdfinfo:\n%s", info)
		}
	}
}

// TestPosterMetadata: a team name with the PDF string's special characters is the
// document's title exactly (fpdf escapes it), and the file still reads.
func TestPosterMetadata(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed (poppler-utils)")
	}
	d := &YouSaidWeDid{Team: `Team (North) \ "South" ) /Evil`, Made: "6 December 2026",
		Items: []Item{{YouSaid: "Signs", WeDid: "New signs."}}}
	pdf, err := Bytes(Poster, d)
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", writeTemp(t, pdf)).CombinedOutput()
	if err != nil || !bytes.Contains(info, []byte(`You said, we did: Team (North) \ "South" ) /Evil`+"\n")) ||
		!bytes.Contains(info, []byte("Pages:")) {
		t.Errorf("pdfinfo (%v):\n%s", err, info)
	}
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "poster.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestPosterPageBreaks: items that each fit on a page are never split across two; one
// longer than a page flows on; each page says its number of the whole.
func TestPosterPageBreaks(t *testing.T) {
	d := &YouSaidWeDid{Team: "HIN", Contact: "Email involve@example.nhs.uk", Period: "2026", Made: "6 December 2026"}
	long := strings.Repeat("People told us the waiting room was too hot and too loud, and that the chairs were hard. ", 4)
	for i := 1; i <= 9; i++ {
		d.Items = append(d.Items, Item{ActionID: fmt.Sprint(i), YouSaid: fmt.Sprintf("Item%dstarts. %s", i, long),
			WeDid: fmt.Sprintf("%s\n\nItem%dends.", long, i)})
	}
	huge := strings.Repeat("A very long answer that goes on and on. ", 150)
	d.Items = append(d.Items, Item{ActionID: "huge", YouSaid: "Item10starts. " + huge, WeDid: huge + " Item10ends."})
	pdf, err := Bytes(Poster, d)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	all := pdfText(t, pdf, 0)
	if _, err := fmt.Sscanf(all[strings.LastIndex(all, "Page "):], "Page %d of %d", &n, &n); err != nil {
		t.Fatalf("no page numbers: %v\n%s", err, all)
	}
	pages := []string{}
	for p := 1; p <= n; p++ {
		s := pdfText(t, pdf, p)
		pages = append(pages, s)
		if !strings.Contains(s, fmt.Sprintf("Page %d of ", p)) {
			t.Errorf("page %d has no page number: %s", p, s)
		}
	}
	if len(pages) < 4 {
		t.Fatalf("%d pages: the items did not need several", len(pages))
	}
	last := fmt.Sprintf("Page %d of %d", len(pages), len(pages))
	if !strings.Contains(pages[len(pages)-1], last) {
		t.Errorf("the last page does not say %q", last)
	}
	for i := 1; i <= 9; i++ {
		start, end := -1, -1
		for p, s := range pages {
			if strings.Contains(s, fmt.Sprintf("Item%dstarts", i)) {
				start = p
			}
			if strings.Contains(s, fmt.Sprintf("Item%dends", i)) {
				end = p
			}
		}
		if start < 0 || start != end {
			t.Errorf("item %d starts on page %d and ends on page %d", i, start+1, end+1)
		}
	}
	if !strings.Contains(strings.Join(pages, " "), "Item10ends") {
		t.Error("the item longer than a page was cut short")
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"Zażółć gęślą jaźń":           "Zażółć gęślą jaźń",
		"Ελληνικά and русский":        "Ελληνικά and русский",
		"  two\n lines ":              "two lines",
		"Thank you 🙂":                 "Thank you",
		"left\u200Fmark":              "leftmark",
		"Urdu: آپ نے کہا":             CannotShow,
		"বাংলা":                       CannotShow,
		"Hebrew שלום":                 CannotShow,
		"Chinese 你好":                  CannotShow,
		"Arabic digits ١٢٣":           CannotShow,
		"£5, €10, 50% — “quoted” 1–2": "£5, €10, 50% — “quoted” 1–2",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLibreOfficeOpensPoster converts the poster to PNG with LibreOffice (headless,
// private profile): it must open it. Page 1 is kept as build/test-artifacts/poster.png
// (docs/img/poster.png is a copy of it). It skips when LibreOffice is not installed,
// unless CI=true.
func TestLibreOfficeOpensPoster(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("soffice (LibreOffice) is not installed: scripts/deps.sh test")
		}
		t.Skip("soffice not installed (LibreOffice)")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds")
	}
	pdf, err := Bytes(Poster, posterFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	in := filepath.Join(work, "poster.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(work, "png")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "png", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	if low := strings.ToLower(string(msg)); strings.Contains(low, "could not be loaded") {
		t.Fatalf("LibreOffice cannot open the poster (its PDF import is in libreoffice-draw-nogui):\n%s", msg)
	}
	if low := strings.ToLower(string(msg)); strings.Contains(low, "error") || strings.Contains(low, "corrupt") {
		t.Fatalf("soffice reported a problem:\n%s", msg)
	}
	png, err := os.ReadFile(filepath.Join(out, "poster.png"))
	if err != nil || len(png) < 5000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no PNG from soffice (%v):\n%s", err, msg)
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "build", "test-artifacts"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); os.IsNotExist(err) {
		_ = os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("# test artifacts: never committed\n*\n"), 0o644)
	}
	if err := os.WriteFile(filepath.Join(dir, "poster.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("page 1 rendered to %s", filepath.Join(dir, "poster.png"))
}

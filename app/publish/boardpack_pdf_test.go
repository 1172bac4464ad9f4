package publish

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/hin-south-london/involve/app/involve"
)

// bpPDF writes the pack as a PDF.
func bpPDF(t testing.TB, p *BoardPack) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := BoardPackPDF(&b, p); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

// layoutText is pdftotext -layout's text of the PDF (of page n when n > 0), as it is
// (lines and spaces kept). It skips the test when pdftotext is missing, unless CI=true.
func layoutText(t *testing.T, pdf []byte, page int, extra ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext not installed (poppler-utils): the board pack's text cannot be read back")
	}
	args := append([]string{"-enc", "UTF-8"}, extra...)
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	out, err := exec.Command(bin, append(args, writeTemp(t, pdf), "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

var bpHeadings = []string{bpHeadOutcomes, bpHeadYouSaid, bpHeadReach, bpHeadLEP, bpHeadStandards, bpHeadAbout}

// TestBoardPackPDFText reads the fixture's pack back with pdftotext -layout: the
// sections in the order, each story with its consented quote, no quote without
// consent and no partner's name, Polish exact, suppression and the benchmark
// differences as the model has them, the standards' worded ratings, the footer and
// the document's title and language.
func TestBoardPackPDFText(t *testing.T) {
	p := boardPack(t, period)
	pdf := bpPDF(t, p)
	text := oneSpace(layoutText(t, pdf, 0, "-layout"))

	at := 0
	for _, h := range bpHeadings {
		i := strings.Index(text[at:], h)
		if i < 0 {
			t.Fatalf("the heading %q is missing or out of order:\n%s", h, text)
		}
		at += i + len(h)
	}
	want := []string{BoardPackTitle, "Health Innovation Network", "The whole team · 1 April 2026 to 31 March 2027",
		"Made on 6 December 2026", "Contributor 3", "Contributor 8", "dziękuję", "<5", p.SuppressionRule,
		"Health Innovation Network · Board pack — The whole team, 1 April 2026 to 31 March 2027", "Page 1 of "}
	// The headline figures' boxes, read in the order they are drawn (their labels
	// wrap, so -layout mixes the columns' lines).
	raw := oneSpace(layoutText(t, pdf, 1, "-raw"))
	for _, f := range p.Headline {
		box := f.Value + " " + f.Label + " " + f.Note
		if !strings.Contains(raw, strings.TrimSpace(box)) {
			t.Errorf("the headline figures lack %q:\n%s", box, raw)
		}
	}
	if len(p.Stories) != 3 {
		t.Fatalf("%d stories", len(p.Stories))
	}
	for _, s := range p.Stories {
		want = append(want, s.WhatChanged, s.Evidence)
		if s.Quote != "" {
			want = append(want, "\u201c"+s.Quote+"\u201d")
		}
	}
	for _, it := range p.YouSaid.Items {
		want = append(want, paras(it.WeDid)...)
	}
	// The reach's tables: each bar's label and texts on one line.
	for _, r := range p.Reach {
		for _, b := range r.Chart.Bars {
			want = append(want, b.Label+" "+strings.Join(b.Texts, " "))
		}
	}
	// The benchmark: our share, the benchmark's and the difference, as the model has them.
	c := p.Comparisons[0].Comparison
	diffs := 0
	for _, r := range c.Rows {
		want = append(want, fmt.Sprintf("%s %s %s %s", r.Label, r.PercentText, r.BenchmarkText, r.DifferenceText))
		if r.DifferenceText != "–" {
			diffs++
		}
	}
	if diffs == 0 {
		t.Fatalf("the fixture's comparison shows no difference: %+v", c)
	}
	// The standards: each row's worded ratings, in order.
	for _, s := range p.Standards.Standards {
		row := s.Code + ". " + s.Name
		for _, r := range s.Ratings {
			row += " " + involve.LabelOf(involve.StandardRatings, r.Rating)
		}
		want = append(want, row)
	}
	if !strings.Contains(text, "1. Inclusive opportunities Red Amber") {
		t.Errorf("standard 1 is not rated Red then Amber in words:\n%s", text)
	}
	for _, l := range p.LEP.Rows {
		want = append(want, fmt.Sprintf("%s %d %d %s %s %s", l.Contributor, l.Projects, l.Entries, l.Hours, l.Fees, l.Paid))
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the board pack lacks %q:\n%s", w, text)
		}
	}
	for _, never := range []string{"Please do not quote me", "I waited four hours", "Realname", "Zofia", "Kwame", "Priya",
		"Mrs Example", "o2-decision", "a1-consented", "Before the period", "more outcomes"} {
		if strings.Contains(text, never) {
			t.Errorf("the board pack holds %q", never)
		}
	}
	if !bytes.Contains(pdf, []byte("/Lang (en-GB)")) {
		t.Error("the document's language is not en-GB")
	}
	if info, err := exec.Command("pdfinfo", writeTemp(t, pdf)).Output(); err == nil {
		for _, w := range []string{"Title:           Involvement board pack: Health Innovation Network\n",
			"Author:          Health Innovation Network\n", "595.28 x 841.89 pts (A4)"} {
			if !bytes.Contains(info, []byte(w)) {
				t.Errorf("pdfinfo lacks %q:\n%s", w, info)
			}
		}
	}
}

// TestBoardPackPDFProject: a project's pack names the project in its footer and
// shows the project's own self-assessment; "Not rated" is a word too. The sections are
// in the PDF's outline.
func TestBoardPackPDFProject(t *testing.T) {
	f := period
	f.ProjectID = "p1"
	p := boardPack(t, f)
	p.Standards.Standards[1].Ratings[0].Rating = involve.RatingNotRated
	pdf := bpPDF(t, p)
	text := oneSpace(layoutText(t, pdf, 0, "-layout"))
	for _, w := range []string{"Health Innovation Network · Board pack — Clinic signs, 1 April 2026 to 31 March 2027",
		"The self-assessment of Clinic signs", "Assessed 10", "August 2026", "1. Inclusive opportunities Green",
		"2. Working together Not rated", "3. Support and learning Amber"} {
		if !strings.Contains(text, w) {
			t.Errorf("the project's pack lacks %q:\n%s", w, text)
		}
	}
	if !bytes.Contains(pdf, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
}

// TestBoardPackPDFMore: a period with 30 outcomes tells the 12 largest and says how
// many more; actions and partners left out are counted the same way.
func TestBoardPackPDFMore(t *testing.T) {
	src := boardSource()
	for i := 0; i < 27; i++ {
		src.DocList = append(src.DocList, &involve.Outcome{Meta: involve.Meta{ID: fmt.Sprintf("o-more-%02d", i),
			CreatedAt: "2026-09-01T09:00:00Z"}, ProjectID: "p1", Description: fmt.Sprintf("Extra outcome %02d", i),
			Direction: "positive", Magnitude: "minor", Date: "2026-09-01"})
	}
	p, err := BuildBoardPack(context.Background(), src, period, BoardPackOptions{Team: "HIN", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Stories) != MaxStories || p.MoreStories != 30-MaxStories {
		t.Fatalf("%d stories, %d more", len(p.Stories), p.MoreStories)
	}
	p.MoreYouSaid, p.LEP.MoreRows = 7, 1234
	text := oneSpace(layoutText(t, bpPDF(t, p), 0, "-layout"))
	for _, w := range []string{"and 18 more outcomes: see the workbook.", "and 7 more actions done: see the workbook.",
		"and 1,234 more contributors: see the workbook."} {
		if !strings.Contains(text, w) {
			t.Errorf("the board pack lacks %q:\n%s", w, text)
		}
	}
	for _, s := range p.Stories {
		if !strings.Contains(text, s.WhatChanged) {
			t.Errorf("story %q missing", s.WhatChanged)
		}
	}
}

// TestBoardPackPDFCannotShow: a quote in Arabic (which fpdf cannot shape) is replaced
// by the sentence, never printed as broken letters; Polish beside it prints.
func TestBoardPackPDFCannotShow(t *testing.T) {
	p := boardPack(t, period)
	p.Stories[0].Quote = arabicSaid
	p.Stories[2].Quote = "Zażółć gęślą jaźń"
	text := oneSpace(layoutText(t, bpPDF(t, p), 0, "-layout"))
	if n := strings.Count(text, BoardPackCannotShow); n != 1 {
		t.Errorf("the sentence shows %d times, want 1:\n%s", n, text)
	}
	if !strings.Contains(text, "\u201cZażółć gęślą jaźń\u201d") {
		t.Errorf("the Polish quote is not exact:\n%s", text)
	}
	for _, r := range text {
		if unicode.Is(unicode.Arabic, r) {
			t.Fatalf("the PDF prints Arabic letters (%q) it cannot shape:\n%s", r, text)
		}
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// TestBoardPackPDFTables: long "you said, we did" texts, a row longer than a page and
// twenty partners. Every word is inside the page's margins; each page the "you said"
// table goes on to repeats its header row; no text is cut; no page ends with a
// heading.
func TestBoardPackPDFTables(t *testing.T) {
	p := boardPack(t, period)
	long := strings.Repeat("People told us the waiting room was too hot and too loud, and that the chairs were hard. ", 3)
	p.YouSaid.Items = nil
	for i := 1; i <= 20; i++ {
		p.YouSaid.Items = append(p.YouSaid.Items, Item{YouSaid: fmt.Sprintf("Said%02dstarts %s Said%02dends", i, long, i),
			WeDid: fmt.Sprintf("Did%02dstarts %s\n\n%s Did%02dends", i, long, long, i)})
	}
	huge := strings.Repeat("A very long answer that goes on and on. ", 220)
	p.YouSaid.Items = append(p.YouSaid.Items, Item{YouSaid: "Said21starts " + huge + " Said21ends", WeDid: "Did21starts Did21ends"})
	p.LEP.Rows = nil
	for i := 1; i <= MaxLEPRows; i++ {
		p.LEP.Rows = append(p.LEP.Rows, LEPLine{Contributor: fmt.Sprintf("Contributor %d", i+100), Projects: 2, Entries: 3,
			Hours: "12.5", Fees: "£1,234,567.00", Paid: "£1,234,567.00"})
	}
	pdf := bpPDF(t, p)

	// Every word inside the margins (in points; 18 mm is 51 pt).
	bbox := layoutText(t, pdf, 0, "-bbox")
	words := bboxWord.FindAllStringSubmatch(bbox, -1)
	if len(words) < 500 {
		t.Fatalf("%d words in the bounding boxes", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		if x0 < 50 || x1 > 595.28-50 || y1 > 841.89-20 {
			t.Errorf("the word %q is outside the margins: x %.1f to %.1f, bottom %.1f", w[5], x0, x1, y1)
		}
	}

	all := oneSpace(layoutText(t, pdf, 0))
	var n int
	if _, err := fmt.Sscanf(all[strings.LastIndex(all, "Page "):], "Page %d of %d", &n, &n); err != nil || n < 5 {
		t.Fatalf("pages: %d (%v)", n, err)
	}
	for i := 1; i <= 21; i++ {
		for _, m := range []string{"Said%02dstarts", "Said%02dends", "Did%02dstarts", "Did%02dends"} {
			if !strings.Contains(all, fmt.Sprintf(m, i)) {
				t.Errorf("%s is missing: a cell was cut", fmt.Sprintf(m, i))
			}
		}
	}
	for pg := 1; pg <= n; pg++ {
		page := layoutText(t, pdf, pg, "-layout")
		flat := oneSpace(page)
		if !strings.Contains(flat, fmt.Sprintf("Page %d of %d", pg, n)) {
			t.Errorf("page %d has no page number", pg)
		}
		if regexp.MustCompile(`(Said|Did)\d\d`).MatchString(flat) && !strings.Contains(flat, "You said We did") {
			t.Errorf("page %d goes on with the table without its header row:\n%s", pg, page)
		}
		// The last line before the footer is not a heading.
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Page ") && !strings.Contains(l, "Board pack —") {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			for _, h := range append(bpHeadings, "Headline figures") {
				if lines[len(lines)-1] == h {
					t.Errorf("page %d ends with the heading %q", pg, h)
				}
			}
		}
	}
}

// TestBoardPackPDFEmpty: a pack with nothing in it is still a document.
func TestBoardPackPDFEmpty(t *testing.T) {
	text := oneSpace(layoutText(t, bpPDF(t, &BoardPack{Period: "All dates", Scope: "The whole team"}), 0, "-layout"))
	for _, w := range []string{BoardPackTitle, "No outcome was recorded", "No action was done", "No benchmark population",
		"No time was recorded", "No self-assessment of the whole team", "Page 1 of"} {
		if !strings.Contains(text, w) {
			t.Errorf("the empty pack lacks %q:\n%s", w, text)
		}
	}
}

// TestLibreOfficeOpensBoardPackPDF converts the board pack to PNG with LibreOffice
// (headless, private profile): it must open it. Page 1 is kept as
// build/test-artifacts/board-pack-pdf.png (docs/img/board-pack-pdf.png is a copy). It
// skips when LibreOffice is not installed, unless CI=true.
func TestLibreOfficeOpensBoardPackPDF(t *testing.T) {
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
	pdf := bpPDF(t, boardPack(t, period))
	work := t.TempDir()
	in := filepath.Join(work, "board-pack-pdf.pdf")
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
	if low := strings.ToLower(string(msg)); strings.Contains(low, "could not be loaded") || strings.Contains(low, "error") ||
		strings.Contains(low, "corrupt") {
		t.Fatalf("LibreOffice cannot open the board pack:\n%s", msg)
	}
	png, err := os.ReadFile(filepath.Join(out, "board-pack-pdf.png"))
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
	if err := os.WriteFile(filepath.Join(dir, "board-pack-pdf.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("page 1 rendered to %s", filepath.Join(dir, "board-pack-pdf.png"))
}

// BenchmarkBoardPackPDF writes the fixture's pack (charts drawn and embedded each
// time); the 100 000-item pack is measured in docs/benchmarks.md.
func BenchmarkBoardPackPDF(b *testing.B) {
	p, err := BuildBoardPack(context.Background(), boardSource(), period, BoardPackOptions{Team: "HIN", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		var w bytes.Buffer
		if err := BoardPackPDF(&w, p); err != nil {
			b.Fatal(err)
		}
	}
}

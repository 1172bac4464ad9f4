package publish

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	docxArabicQuote = "المواعيد صعبة جدا ولا أحد يجيب على الهاتف"
	docxPolishQuote = "The new signs made it so much easier – dziękuję!"
	docxBengali     = "আমরা প্রচারপত্রটি অনুবাদ করেছি"
	// docxHostile has what could break out of the XML (an element, a CDATA end, an
	// ampersand) and characters XML 1.0 cannot hold (NUL, U+FFFE).
	docxHostile = "Bad <w:p> ]]> & \"x\" \x00end\uFFFE."
	// docxHostileOut is docxHostile as a reader sees it: the characters XML cannot
	// hold removed, the rest as typed.
	docxHostileOut = "Bad <w:p> ]]> & \"x\" end."
)

// docxPara is one paragraph of document.xml as a reader sees it.
type docxPara struct {
	style   string
	bidi    bool
	inTable bool
	text    string
	rtlText string // the text of its runs marked right to left
}

// docxRead is a .docx unpacked and its body parsed with encoding/xml.
type docxRead struct {
	parts    map[string][]byte
	paras    []docxPara
	pictures []struct{ descr, embed string }
	tables   int
	headers  int // tables whose first row is marked w:tblHeader
	// grids are the tables' cells' texts, row by row; afterPicture[i] is the number of
	// the picture (from 1) that the table i immediately follows, 0 when none.
	grids        [][][]string
	afterPicture []int
	rels         map[string]string
}

func readDocx(t *testing.T, b []byte) *docxRead {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	r := &docxRead{parts: map[string][]byte{}, rels: map[string]string{}}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		r.parts[f.Name] = data
		// Every XML part must be well-formed XML 1.0.
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
				}
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"} {
		if r.parts[name] == nil {
			t.Fatalf("no %s in the package", name)
		}
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(r.parts["word/_rels/document.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels.Rel {
		r.rels[rel.ID] = rel.Target
	}

	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(bytes.NewReader(r.parts["word/document.xml"]))
	var cur *docxPara
	depth, rowInTable, inRun, runRTL := 0, 0, false, false
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch {
			case el.Name.Space == w && el.Name.Local == "tbl":
				depth++
				r.tables++
				rowInTable = 0
				r.grids = append(r.grids, nil)
				after := 0
				if n := len(r.paras); n > 0 && r.paras[n-1].style == "Picture" {
					after = len(r.pictures)
				}
				r.afterPicture = append(r.afterPicture, after)
			case el.Name.Space == w && el.Name.Local == "tr":
				rowInTable++
				g := &r.grids[len(r.grids)-1]
				*g = append(*g, nil)
			case el.Name.Space == w && el.Name.Local == "tblHeader" && rowInTable == 1:
				r.headers++
			case el.Name.Space == w && el.Name.Local == "p":
				cur = &docxPara{inTable: depth > 0}
			case el.Name.Space == w && el.Name.Local == "pStyle" && cur != nil:
				cur.style = attr(el, "val")
			case el.Name.Space == w && el.Name.Local == "bidi" && cur != nil:
				cur.bidi = true
			case el.Name.Space == w && el.Name.Local == "r":
				inRun, runRTL = true, false
			case el.Name.Space == w && el.Name.Local == "rtl" && inRun:
				runRTL = true
			case el.Name.Space == w && el.Name.Local == "t":
				text.Reset()
			case el.Name.Space == w && el.Name.Local == "br" && cur != nil:
				cur.text += "\n"
			case el.Name.Local == "docPr":
				r.pictures = append(r.pictures, struct{ descr, embed string }{descr: attr(el, "descr")})
			case el.Name.Local == "blip" && len(r.pictures) > 0:
				r.pictures[len(r.pictures)-1].embed = attr(el, "embed")
			}
		case xml.CharData:
			text.Write(el)
		case xml.EndElement:
			switch {
			case el.Name.Space == w && el.Name.Local == "tbl":
				depth--
			case el.Name.Space == w && el.Name.Local == "t" && cur != nil:
				cur.text += text.String()
				if runRTL {
					cur.rtlText += text.String()
				}
			case el.Name.Space == w && el.Name.Local == "r":
				inRun = false
			case el.Name.Space == w && el.Name.Local == "p" && cur != nil:
				r.paras = append(r.paras, *cur)
				if cur.inTable {
					g := r.grids[len(r.grids)-1]
					g[len(g)-1] = append(g[len(g)-1], cur.text)
				}
				cur = nil
			}
		}
	}
	return r
}

func attr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// styled is the text of the paragraphs of style, in order.
func (r *docxRead) styled(style string) []string {
	var out []string
	for _, p := range r.paras {
		if p.style == style {
			out = append(out, p.text)
		}
	}
	return out
}

// has: some paragraph (or table cell) is exactly s.
func (r *docxRead) has(s string, cell bool) bool {
	for _, p := range r.paras {
		if p.inTable == cell && p.text == s {
			return true
		}
	}
	return false
}

func (r *docxRead) all() string {
	var b strings.Builder
	for _, p := range r.paras {
		b.WriteString(p.text + "\n")
	}
	return b.String()
}

func docxBytes(t *testing.T, p *BoardPack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := BoardPackDOCX(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBoardPackDOCX reads the Word document's document.xml back: the sections in the
// pack's order under real headings, every story with its evidence and consented
// quote, no quote without consent and no partner's name, suppression and the
// benchmark's differences as the model has them, each chart a picture with its
// alternative text and its data table, Polish as typed, and an Arabic quote in a
// right-to-left paragraph.
func TestBoardPackDOCX(t *testing.T) {
	p := boardPack(t, period)
	// A copy of the pack with an Arabic quote in the last story.
	ar := *p
	ar.Stories = append([]Story(nil), p.Stories...)
	ar.Stories[2].Quote = docxArabicQuote
	ar.Stories[1].Evidence = docxBengali
	b := docxBytes(t, &ar)
	r := readDocx(t, b)

	if got := r.styled("Title"); len(got) != 1 || got[0] != BoardPackTitle {
		t.Errorf("title %q", got)
	}
	want := []string{"Headline figures", bpHeadOutcomes, "You said, we did", "Who we reached",
		"Lived Experience Partners' contribution", bpHeadStandards, "About these figures"}
	if got := r.styled("Heading1"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings\n got %q\nwant %q", got, want)
	}
	// The styles are real headings: Word's names and outline levels.
	styles := string(r.parts["word/styles.xml"])
	for _, s := range []string{`w:styleId="Heading1"><w:name w:val="heading 1"/>`, `<w:outlineLvl w:val="0"/>`,
		`<w:outlineLvl w:val="2"/>`, `w:styleId="Title"><w:name w:val="Title"/>`} {
		if !strings.Contains(styles, s) {
			t.Errorf("styles.xml lacks %s", s)
		}
	}
	if core := string(r.parts["docProps/core.xml"]); !strings.Contains(core, "<dc:language>en-GB</dc:language>") ||
		!strings.Contains(core, "<dc:title>"+BoardPackTitle+": The whole team, 1 April 2026 to 31 March 2027</dc:title>") {
		t.Errorf("core.xml %s", core)
	}

	// Stories: their headings in the pack's order, evidence, and quotes in the Quote style.
	h2 := strings.Join(r.styled("Heading2"), "|")
	for i, s := range p.Stories {
		if !strings.Contains(h2, s.WhatChanged) {
			t.Errorf("story %d %q has no heading (%s)", i, s.WhatChanged, h2)
		}
		if i == 1 {
			s.Evidence = docxBengali
		}
		if !r.has("Evidence: "+s.Evidence, false) {
			t.Errorf("story %d: no evidence %q", i, s.Evidence)
		}
	}
	if i, j := strings.Index(h2, p.Stories[0].WhatChanged), strings.Index(h2, p.Stories[1].WhatChanged); i > j {
		t.Errorf("stories out of order: %s", h2)
	}
	quotes := r.styled("Quote")
	if strings.Join(quotes, "|") != "\u201cThe signs to the clinic are confusing\u201d|\u201c"+docxPolishQuote+"\u201d|\u201c"+docxArabicQuote+"\u201d" {
		t.Errorf("quotes %q", quotes)
	}
	// The Arabic quote: a right-to-left paragraph whose Arabic runs are right to left.
	for _, para := range r.paras {
		if strings.Contains(para.text, docxArabicQuote) && (!para.bidi || !strings.Contains(para.rtlText, docxArabicQuote)) {
			t.Errorf("Arabic quote: bidi %v, right-to-left runs %q", para.bidi, para.rtlText)
		}
		if (strings.Contains(para.text, docxPolishQuote) || strings.Contains(para.text, docxBengali)) && (para.bidi || para.rtlText != "") {
			t.Errorf("%q set right to left", para.text)
		}
	}

	// Nothing that must not be published, in any part.
	for name, data := range r.parts {
		for _, bad := range []string{"Please do not quote me", "I waited four hours", "Realname", "Priya"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds %q", name, bad)
			}
		}
	}
	all := r.all()
	for _, s := range []string{"Contributor 3", "Contributor 8", "2.5", "£54.50", p.SuppressionRule, "Red", "Amber", "10 January 2026"} {
		if !strings.Contains(all, s) {
			t.Errorf("the document lacks %q", s)
		}
	}
	// You said, we did: every item's "we did".
	for _, it := range p.YouSaid.Items {
		if !r.has(it.WeDid, false) {
			t.Errorf("no %q", it.WeDid)
		}
	}
	// Suppression: Greenwich's "<5" in the borough table; the benchmark's differences.
	if !r.has("<5", true) {
		t.Error("no suppressed count in any table")
	}
	for _, row := range p.Comparisons[0].Comparison.Rows {
		if !r.has(row.DifferenceText, true) || !r.has(row.PercentText, true) || !r.has(row.BenchmarkText, true) {
			t.Errorf("benchmark row %q: %q %q %q missing", row.Label, row.PercentText, row.BenchmarkText, row.DifferenceText)
		}
	}

	// Pictures: one per chart, each with its alternative text and its media part.
	charts := []Chart{p.OutcomeChart}
	for _, rp := range p.Reach {
		charts = append(charts, rp.Chart)
	}
	for _, cp := range p.Comparisons {
		charts = append(charts, cp.Chart)
	}
	if len(r.pictures) != len(charts) {
		t.Fatalf("%d pictures for %d charts", len(r.pictures), len(charts))
	}
	for i, pic := range r.pictures {
		target := r.rels[pic.embed]
		if pic.descr == "" || pic.descr != charts[i].Alt {
			t.Errorf("picture %d: descr %q, want %q", i, pic.descr, charts[i].Alt)
		}
		if target == "" || !bytes.HasPrefix(r.parts["word/"+target], []byte("\x89PNG")) {
			t.Errorf("picture %d: %q → %q has no PNG part", i, pic.embed, target)
		}
		// The chart's title, then the table right under the picture.
		if !r.has(charts[i].Title, false) && !strings.Contains(h2+strings.Join(r.styled("Heading3"), "|"), charts[i].Title) {
			t.Errorf("chart %q has no title", charts[i].Title)
		}
	}
	if r.tables == 0 || r.headers != r.tables {
		t.Errorf("%d tables, %d with a header row", r.tables, r.headers)
	}
	// Right under each picture, its table: the header row from the series, a row per
	// bar with the texts the chart prints (and for a benchmark, the difference).
	for i, c := range charts {
		var grid [][]string
		for j, after := range r.afterPicture {
			if after == i+1 {
				grid = r.grids[j]
			}
		}
		if grid == nil {
			t.Errorf("chart %q: no table right under its picture", c.Title)
			continue
		}
		if got := strings.Join(grid[0][1:1+len(c.Series)], "|"); got != strings.Join(c.Series, "|") {
			t.Errorf("chart %q: header %q, series %q", c.Title, grid[0], c.Series)
		}
		if len(grid) != len(c.Bars)+1 {
			t.Errorf("chart %q: %d rows for %d bars", c.Title, len(grid)-1, len(c.Bars))
			continue
		}
		for k, bar := range c.Bars {
			want := append([]string{bar.Label}, bar.Texts...)
			if got := grid[k+1][:len(want)]; strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("chart %q row %d: %q, want %q", c.Title, k, got, want)
			}
		}
	}
	cmp := p.Comparisons[0]
	for j, after := range r.afterPicture {
		if after == len(charts) {
			for k, row := range cmp.Comparison.Rows {
				if got := r.grids[j][k+1]; got[len(got)-1] != row.DifferenceText {
					t.Errorf("benchmark row %q: %q, want the difference %q", row.Label, got, row.DifferenceText)
				}
			}
		}
	}
}

// TestBoardPackDOCXPolish: Polish comes out exactly as typed, in the document and as
// the model holds it.
func TestBoardPackDOCXPolish(t *testing.T) {
	p := boardPack(t, period)
	r := readDocx(t, docxBytes(t, p))
	if !r.has("\u201c"+docxPolishQuote+"\u201d", false) {
		t.Errorf("no Polish quote as typed in\n%s", r.all())
	}
}

// TestBoardPackDOCXHostile: text that could break out of the XML comes out as text;
// characters XML cannot hold are removed; the document is still well-formed (and
// LibreOffice opens it: TestLibreOfficeOpensBoardPackDOCX).
func TestBoardPackDOCXHostile(t *testing.T) {
	p := hostilePack(t)
	r := readDocx(t, docxBytes(t, p))
	if h := r.styled("Heading2"); len(h) == 0 || h[0] != docxHostileOut {
		t.Errorf("heading %q", h)
	}
	for _, s := range []string{"Evidence: " + docxHostileOut, "Team: " + docxHostileOut} {
		if !r.has(s, false) {
			t.Errorf("no %q", s)
		}
	}
	if q := r.styled("Quote"); len(q) == 0 || q[0] != "\u201c"+docxHostileOut+"\u201d" {
		t.Errorf("quote %q", q)
	}
	if !r.has(docxHostileOut, true) {
		t.Error("no hostile text in a table cell")
	}
	if !bytes.Contains(r.parts["docProps/core.xml"], []byte("<dc:creator>Bad &lt;w:p&gt; ]]&gt; &amp;")) {
		t.Errorf("core.xml %s", r.parts["docProps/core.xml"])
	}
	// Nothing XML cannot hold, in any part.
	for name, data := range r.parts {
		if strings.HasSuffix(name, ".png") {
			continue
		}
		if bytes.ContainsRune(data, 0) || bytes.Contains(data, []byte("\uFFFE")) {
			t.Errorf("%s holds a character XML cannot", name)
		}
	}
}

// hostilePack is the fixture's pack with hostile text in the team's name, the first
// story's title, evidence and quote, a headline figure and a chart's alternative
// text, and an Arabic quote in the last story.
func hostilePack(t *testing.T) *BoardPack {
	p := boardPack(t, period)
	h := *p
	h.Team = docxHostile
	h.Stories = append([]Story(nil), p.Stories...)
	h.Stories[0].WhatChanged, h.Stories[0].Evidence, h.Stories[0].Quote = docxHostile, docxHostile, docxHostile
	h.Stories[2].Quote = docxArabicQuote
	h.Headline = append([]Figure(nil), p.Headline...)
	h.Headline[0].Note = docxHostile
	h.OutcomeChart.Alt = docxHostile
	return &h
}

// TestLibreOfficeOpensBoardPackDOCX converts the board pack's Word document to PDF
// with LibreOffice (headless, private profile): pdftotext of it shows the headings
// and the partners' pseudonyms. Page 1 is kept as build/test-artifacts/board-pack-docx.png
// (docs/img/board-pack-docx.png is a copy). The hostile pack opens too, its text
// shown as typed. It skips when LibreOffice is not installed, unless CI=true.
func TestLibreOfficeOpensBoardPackDOCX(t *testing.T) {
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
	work := t.TempDir()
	write := func(name string, p *BoardPack) string {
		path := filepath.Join(work, name)
		if err := os.WriteFile(path, docxBytes(t, p), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	in := []string{write("board-pack.docx", boardPack(t, period)), write("hostile.docx", hostilePack(t))}
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out := filepath.Join(work, "pdf")
	cmd := exec.CommandContext(ctx, soffice, append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", out}, in...)...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	if low := strings.ToLower(string(msg)); strings.Contains(low, "error") || strings.Contains(low, "corrupt") {
		t.Fatalf("soffice reported a problem:\n%s", msg)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "board-pack.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("no PDF from soffice (%v):\n%s", err, msg)
	}
	text := pdfText(t, pdf, 0)
	for _, s := range []string{BoardPackTitle, bpHeadOutcomes, "You said, we did", "Who we reached",
		"Lived Experience Partners' contribution", "UK Standards for Public Involvement", "About these figures",
		"Contributor 3", docxPolishQuote, "<5", "Page 1 of "} {
		if !strings.Contains(text, s) {
			t.Errorf("LibreOffice's PDF lacks %q", s)
		}
	}
	hostile, err := os.ReadFile(filepath.Join(out, "hostile.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice did not open the hostile document:\n%s", msg)
	}
	if text := pdfText(t, hostile, 0); !strings.Contains(text, docxHostileOut) {
		t.Errorf("the hostile text is not shown as typed in\n%s", text)
	}

	// Page 1 as a PNG, for the docs.
	ppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not installed (poppler-utils)")
	}
	png := filepath.Join(work, "page")
	if out, err := exec.Command(ppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
		filepath.Join(out, "board-pack.pdf"), png).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	data, err := os.ReadFile(png + ".png")
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Fatalf("no PNG of page 1: %v", err)
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
	if err := os.WriteFile(filepath.Join(dir, "board-pack-docx.png"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("page 1 rendered to %s", filepath.Join(dir, "board-pack-docx.png"))
}

// TestBoardPackDOCXEmpty: a pack with nothing in it is still a well-formed document
// that says so in words; no pack is an error, not a file.
func TestBoardPackDOCXEmpty(t *testing.T) {
	r := readDocx(t, docxBytes(t, &BoardPack{Title: BoardPackTitle}))
	all := r.all()
	for _, s := range []string{"No outcomes were recorded in this period.", "No actions were done in this period.",
		"No time was recorded in this period.", "No self-assessment has been recorded for"} {
		if !strings.Contains(all, s) {
			t.Errorf("no %q in\n%s", s, all)
		}
	}
	if len(r.pictures) != 0 || r.headers != r.tables {
		t.Errorf("%d pictures, %d tables, %d headers", len(r.pictures), r.tables, r.headers)
	}
	if err := BoardPackDOCX(io.Discard, nil); err == nil {
		t.Error("no error for no pack")
	}
}

// TestDocxDirection: a paragraph is right to left when its first letter is; runs are
// cut where the letters change direction, digits and punctuation staying with the
// letters before them; XML's forbidden characters go, the rest stays.
func TestDocxDirection(t *testing.T) {
	for _, c := range []struct {
		in    string
		rtl   bool
		spans string
	}{
		{"Hello", false, "Hello"},
		{"“" + docxArabicQuote + "”", true, "<“" + docxArabicQuote + "”>"},
		{"12: שלום world", true, "<12: שלום >world"},
		{"We said مرحبا 3 times", false, "We said <مرحبا 3 >times"},
		{"اردو میں بات کریں", true, "<اردو میں بات کریں>"},
		{docxBengali, false, docxBengali},
		{"ę ó", false, "ę ó"},
		{"", false, ""},
	} {
		var got strings.Builder
		for _, sp := range spans(c.in) {
			if sp.rtl {
				got.WriteString("<" + sp.text + ">")
			} else {
				got.WriteString(sp.text)
			}
		}
		if paragraphRTL(c.in) != c.rtl || got.String() != c.spans {
			t.Errorf("%q: right to left %v, spans %q; want %v, %q", c.in, paragraphRTL(c.in), got.String(), c.rtl, c.spans)
		}
	}
	if got := xmlSafe("a\x00b\x1fc\td\ne\rf\uFFFEg\uFFFFh\xffi\u0085"); got != "abc\td\ne\rfgh\uFFFDi\u0085" {
		t.Errorf("xmlSafe: %q", got)
	}
	if got := docxText(`<a href="x">&'`); got != "&lt;a href=&#34;x&#34;&gt;&amp;&#39;" {
		t.Errorf("docxText: %q", got)
	}
}

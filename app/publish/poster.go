package publish

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// The poster: the same "you said, we did" as the web page, as an A4 PDF to print for a
// notice board or hand out as a leaflet. fpdf lays it out; DejaVu Sans (fonts/, with
// its licence) is embedded, so Polish and other Latin, Greek and Cyrillic text prints
// as typed. fpdf cannot shape or reorder text, so a text in a script that needs it
// (Arabic, Urdu, Bengali and the like) is replaced by CannotShow rather than printed
// as broken letters: the web page and the email show it properly.

//go:embed fonts/DejaVuSans.ttf
var fontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var fontBold []byte

// CannotShow stands in the poster for a text it cannot print properly.
const CannotShow = "[This text is in a script the PDF cannot show; see the web page version]"

// The layout, in millimetres and points: large print (body 16 pt, headings 24 pt).
const (
	pageW, pageH   = 210.0, 297.0
	margin         = 20.0
	textW          = pageW - 2*margin
	titlePt        = 34.0
	headingPt      = 24.0
	bodyPt         = 16.0
	footerPt       = 14.0
	bodyLine       = 8.0  // mm per line of body text
	headingLine    = 11.0 // mm per line of a heading
	footerLine     = 6.5
	itemGap        = 8.0 // mm between items
	font           = "DejaVu"
	pageNumberMark = "{nb}"
)

var (
	nhsBlue  = [3]int{0, 94, 184}
	nhsGreen = [3]int{0, 127, 59}
	darkText = [3]int{33, 43, 50}
	greyText = [3]int{76, 98, 114}
)

// block is a run of text in one style: a heading or a paragraph.
type block struct {
	pt    float64
	bold  bool
	color [3]int
	line  float64 // mm per line
	after float64 // mm after the block
	text  string
}

// Poster writes the "you said, we did" as an A4 portrait PDF: the title, the team,
// project and period, the same opening sentence as the web page, then each item ("You
// said" or "You told us about …", then "We did"). An item starts a new page when it
// does not fit on what is left of this one, unless it is longer than a page. Each page's
// footer has the contact line, the date and "Page n of m". The document's title and
// language (en-GB, or that of its translated words: translate.go) are set for screen
// readers. Translated words print as typed in Latin, Greek and Cyrillic scripts (Polish,
// Spanish, Romanian…); in a script fpdf cannot shape (Arabic, Urdu, Bengali) each
// text is CannotShow, as for words typed in English, and the web page shows them.
func Poster(w io.Writer, d *YouSaidWeDid) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
	title := "You said, we did"
	if d.Team != "" {
		title += ": " + d.Team
	}
	pdf.SetTitle(title, true)
	if d.Team != "" {
		pdf.SetAuthor(d.Team, true)
	}
	pdf.SetSubject(strings.TrimSpace(d.Project+" "+d.Period), true)
	pdf.SetCreator("Involve", true)
	pdf.SetLang(pageLang(d))
	pdf.SetCatalogSort(true)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetCellMargin(0)
	pdf.AliasNbPages(pageNumberMark)

	// The footer's height depends on how many lines the contact line takes.
	pdf.SetFont(font, "", footerPt)
	contact := printable(d.Contact)
	var contactLines []string
	if contact != "" {
		contactLines = pdf.SplitText(contact, textW)
	}
	footerH := float64(len(contactLines)+1)*footerLine + 6
	pdf.SetAutoPageBreak(true, footerH+8)
	pdf.SetFooterFunc(func() {
		pdf.SetY(pageH - margin/2 - footerH)
		pdf.SetDrawColor(216, 221, 224)
		pdf.SetLineWidth(0.4)
		pdf.Line(margin, pdf.GetY(), pageW-margin, pdf.GetY())
		pdf.Ln(3)
		pdf.SetFont(font, "", footerPt)
		setColor(pdf, darkText)
		for _, l := range contactLines {
			pdf.CellFormat(textW, footerLine, l, "", 1, "L", false, 0, "")
		}
		setColor(pdf, greyText)
		pdf.CellFormat(textW, footerLine, fmt.Sprintf("Published on %s. Page %d of %s", d.Made, pdf.PageNo(), pageNumberMark),
			"", 1, "L", false, 0, "")
	})

	pdf.AddPage()
	head := []block{{pt: titlePt, bold: true, color: nhsBlue, line: 14, after: 3, text: "You said, we did"}}
	var sub []string
	for _, p := range []string{d.Team, d.Project, d.Period} {
		if p != "" {
			sub = append(sub, printable(p))
		}
	}
	if len(sub) > 0 {
		head = append(head, block{pt: bodyPt + 2, color: greyText, line: 9, after: 6, text: strings.Join(sub, " · ")})
	}
	head = append(head, block{pt: bodyPt, color: darkText, line: bodyLine, after: itemGap, text: intro(d)})
	draw(pdf, head)

	top := margin
	bottom := pageH - (footerH + 8)
	for i, it := range d.Items {
		blocks := itemBlocks(it)
		h := measure(pdf, blocks)
		if pdf.GetY()+h > bottom && h <= bottom-top && pdf.GetY() > top {
			pdf.AddPage()
		} else if i > 0 {
			y := pdf.GetY() - itemGap/2
			pdf.SetDrawColor(nhsBlue[0], nhsBlue[1], nhsBlue[2])
			pdf.SetLineWidth(0.8)
			pdf.Line(margin, y, pageW-margin, y)
		}
		draw(pdf, blocks)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("cannot make the poster: %w", err)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return fmt.Errorf("cannot make the poster: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// itemBlocks lays out one "you said, we did".
func itemBlocks(it Item) []block {
	var out []block
	if it.YouSaid != "" {
		out = append(out, block{pt: headingPt, bold: true, color: nhsBlue, line: headingLine, after: 2, text: "You said"})
		for _, p := range paras(it.YouSaid) {
			out = append(out, block{pt: bodyPt, color: darkText, line: bodyLine, after: 3, text: printable(p)})
		}
	} else {
		out = append(out, block{pt: headingPt, bold: true, color: nhsBlue, line: headingLine, after: 2,
			text: "You told us about " + lowerFirst(printable(it.About))})
	}
	out = append(out, block{pt: headingPt, bold: true, color: nhsGreen, line: headingLine, after: 2, text: "We did"})
	for _, p := range paras(it.WeDid) {
		out = append(out, block{pt: bodyPt, color: darkText, line: bodyLine, after: 3, text: printable(p)})
	}
	out[len(out)-1].after = itemGap
	return out
}

func setFont(pdf *fpdf.Fpdf, b block) {
	style := ""
	if b.bold {
		style = "B"
	}
	pdf.SetFont(font, style, b.pt)
}

func setColor(pdf *fpdf.Fpdf, c [3]int) { pdf.SetTextColor(c[0], c[1], c[2]) }

// measure is the height the blocks take, wrapped to the text width.
func measure(pdf *fpdf.Fpdf, blocks []block) float64 {
	h := 0.0
	for _, b := range blocks {
		setFont(pdf, b)
		h += float64(len(pdf.SplitText(b.text, textW)))*b.line + b.after
	}
	return h
}

func draw(pdf *fpdf.Fpdf, blocks []block) {
	for _, b := range blocks {
		setFont(pdf, b)
		setColor(pdf, b.color)
		for _, l := range pdf.SplitText(b.text, textW) {
			pdf.CellFormat(textW, b.line, l, "", 1, "L", false, 0, "")
		}
		pdf.Ln(b.after)
	}
}

// printable is s on one line as the poster can print it: CannotShow in its place when
// it holds a letter of a script the font lacks or fpdf cannot shape (Arabic, Hebrew,
// Urdu, Bengali, Devanagari, Thai, Chinese…); a symbol the font lacks (an emoji) and
// invisible format characters are left out.
func printable(s string) string {
	var b strings.Builder
	// composed first: "e" + combining ogonek (as some keyboards type it) is "ę"
	for _, r := range norm.NFC.String(paragraph(s)) {
		switch {
		case canPrint(r):
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			return CannotShow
		}
	}
	return strings.TrimSpace(b.String())
}

// posterCannotShow says whether the poster replaces some of the item's text by
// CannotShow: the same texts itemBlocks prints.
func posterCannotShow(it Item) bool {
	texts := paras(it.WeDid)
	if it.YouSaid != "" {
		texts = append(texts, paras(it.YouSaid)...)
	} else {
		texts = append(texts, it.About)
	}
	for _, s := range texts {
		if printable(s) == CannotShow {
			return true
		}
	}
	return false
}

// printRanges are the letters and signs the poster prints: the scripts fpdf can set one
// character after another (Latin with its accents, Greek, Cyrillic, Armenian, Georgian,
// punctuation, currency and common symbols), limited to those both DejaVu Sans faces
// have (fc-query's charset of each, intersected).
var printRanges = []struct{ lo, hi rune }{
	{0x20, 0x7e}, {0xa0, 0x2e9}, {0x2ec, 0x2ee}, {0x2f3, 0x2f3}, {0x2f7, 0x2f7}, {0x300, 0x34f}, {0x351, 0x353},
	{0x357, 0x358}, {0x35a, 0x35a}, {0x35c, 0x362}, {0x370, 0x377}, {0x37a, 0x37f}, {0x384, 0x38a}, {0x38c, 0x38c},
	{0x38e, 0x3a1}, {0x3a3, 0x525}, {0x531, 0x556}, {0x559, 0x55f}, {0x561, 0x587}, {0x589, 0x58a}, {0x10a0, 0x10c5},
	{0x10d0, 0x10fc}, {0x1e00, 0x1efb}, {0x1f00, 0x1f15}, {0x1f18, 0x1f1d}, {0x1f20, 0x1f45}, {0x1f48, 0x1f4d},
	{0x1f50, 0x1f57}, {0x1f59, 0x1f59}, {0x1f5b, 0x1f5b}, {0x1f5d, 0x1f5d}, {0x1f5f, 0x1f7d}, {0x1f80, 0x1fb4},
	{0x1fb6, 0x1fc4}, {0x1fc6, 0x1fd3}, {0x1fd6, 0x1fdb}, {0x1fdd, 0x1fef}, {0x1ff2, 0x1ff4}, {0x1ff6, 0x1ffe},
	{0x2010, 0x2027}, {0x2030, 0x205e}, {0x20a0, 0x20b5}, {0x20b8, 0x20ba}, {0x20bd, 0x20bd}, {0x2100, 0x2109},
	{0x210b, 0x2149}, {0x214b, 0x214b}, {0x214e, 0x214e}, {0x2150, 0x2185}, {0x2189, 0x2189}, {0x2190, 0x22ff},
	{0x2c60, 0x2c77}, {0x2c79, 0x2c7f}, {0xa722, 0xa72b}, {0xa730, 0xa741}, {0xa746, 0xa74b}, {0xa74e, 0xa753},
	{0xa756, 0xa757}, {0xa764, 0xa767}, {0xa780, 0xa783}, {0xa789, 0xa78e}, {0xa790, 0xa791}, {0xa7a0, 0xa7aa},
	{0xa7f8, 0xa7ff}, {0xfb00, 0xfb06},
}

func canPrint(r rune) bool {
	if unicode.Is(unicode.Cf, r) { // bidi marks, zero-width joiners: nothing to print
		return false
	}
	for _, g := range printRanges {
		if r >= g.lo && r <= g.hi {
			return true
		}
	}
	return false
}

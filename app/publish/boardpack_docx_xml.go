package publish

import (
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The board pack's Word document is WordprocessingML (ECMA-376, Office Open XML,
// transitional), written here by hand: see boardpack_docx.go and docs/decisions.md.
// This file holds the body's building blocks: escaped text, paragraphs whose
// direction follows their script, tables with a repeating header row and inline
// pictures with their alternative text.

// docxText is s as XML character data: characters XML 1.0 cannot hold (control
// characters other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone
// surrogates) are removed, invalid UTF-8 becomes U+FFFD, then &, <, >, quotes and
// white space control characters are escaped. Every text that goes into the document
// passes through here or docxAttr.
func docxText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(xmlSafe(s)))
	return b.String()
}

// docxAttr is s as an attribute value (between double quotes): docxText escapes
// quotes, tabs and line breaks too.
func docxAttr(s string) string { return docxText(s) }

// xmlSafe removes what XML 1.0 cannot hold (see docxText).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError:
			return r // invalid UTF-8 (or U+FFFD itself): kept as U+FFFD
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF, r > unicode.MaxRune:
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// isRTL is true for letters of the right-to-left scripts: Hebrew, Arabic (Urdu and
// Persian too), Syriac, Thaana, N'Ko and their presentation forms.
func isRTL(r rune) bool {
	return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko,
		unicode.Samaritan, unicode.Mandaic) && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// paragraphRTL is true when the first strong letter of s is right to left: the
// paragraph is then laid out right to left (w:bidi), as Unicode's bidirectional
// algorithm would.
func paragraphRTL(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return true
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return false
}

// docxSpan is a stretch of text in one direction.
type docxSpan struct {
	text string
	rtl  bool
}

// spans cuts s where its letters change direction; digits, spaces and punctuation
// stay with the letters before them (those at the start go with the first letters).
func spans(s string) []docxSpan {
	var out []docxSpan
	var cur strings.Builder
	dir, known := false, false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			rtl := isRTL(r)
			if !known {
				dir, known = rtl, true
			} else if rtl != dir && !unicode.IsMark(r) {
				out = append(out, docxSpan{cur.String(), dir})
				cur.Reset()
				dir = rtl
			}
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		out = append(out, docxSpan{cur.String(), dir})
	}
	return out
}

// docxRun is a run of text with its formatting.
type docxRun struct {
	text   string
	bold   bool
	italic bool
}

// runsXML writes runs: each is cut into spans by direction, a right-to-left span
// marked w:rtl (Word and LibreOffice then shape it and set it right to left); line
// breaks become w:br and tabs w:tab.
func runsXML(b *strings.Builder, runs []docxRun) {
	for _, r := range runs {
		for _, sp := range spans(r.text) {
			var props strings.Builder
			if r.bold {
				props.WriteString("<w:b/><w:bCs/>")
			}
			if r.italic {
				props.WriteString("<w:i/><w:iCs/>")
			}
			if sp.rtl {
				props.WriteString("<w:rtl/>")
			}
			b.WriteString("<w:r>")
			if props.Len() > 0 {
				b.WriteString("<w:rPr>" + props.String() + "</w:rPr>")
			}
			text := strings.ReplaceAll(strings.ReplaceAll(sp.text, "\r\n", "\n"), "\r", "\n")
			for i, line := range strings.Split(text, "\n") {
				if i > 0 {
					b.WriteString("<w:br/>")
				}
				for j, part := range strings.Split(line, "\t") {
					if j > 0 {
						b.WriteString("<w:tab/>")
					}
					if part != "" {
						b.WriteString(`<w:t xml:space="preserve">` + docxText(part) + "</w:t>")
					}
				}
			}
			b.WriteString("</w:r>")
		}
	}
}

// docxBody is document.xml's body as it is written, with the pictures it refers to.
type docxBody struct {
	b      strings.Builder
	media  [][]byte // word/media/chartN.png, N from 1
	drawID int      // the last wp:docPr id
}

// para writes a paragraph of style ("" is Normal), right to left when its text's
// first letter is.
func (d *docxBody) para(style string, runs ...docxRun) {
	var all strings.Builder
	for _, r := range runs {
		all.WriteString(r.text)
	}
	d.b.WriteString("<w:p>")
	props := ""
	if style != "" {
		props += `<w:pStyle w:val="` + style + `"/>`
	}
	if paragraphRTL(all.String()) {
		props += "<w:bidi/>"
	}
	if props != "" {
		d.b.WriteString("<w:pPr>" + props + "</w:pPr>")
	}
	runsXML(&d.b, runs)
	d.b.WriteString("</w:p>")
}

// text writes a Normal paragraph of plain text.
func (d *docxBody) text(s string) { d.para("", docxRun{text: s}) }

// field writes "Label: value" with the label in bold; nothing when value is "". A
// value in a right-to-left script gets a paragraph of its own under the label, so
// that it is laid out right to left.
func (d *docxBody) field(label, value string) {
	if value == "" {
		return
	}
	if paragraphRTL(value) {
		d.para("Label", docxRun{text: label})
		d.text(value)
		return
	}
	d.para("", docxRun{text: label + ": ", bold: true}, docxRun{text: value})
}

// heading writes a heading of level 1 to 3 (the styles Heading1 to Heading3).
func (d *docxBody) heading(level int, s string) {
	d.para(fmt.Sprintf("Heading%d", level), docxRun{text: s})
}

// docxTextWidth is the text's width on an A4 page with 2 cm margins, in twentieths
// of a point (17 cm).
const docxTextWidth = 9638

// table writes a table: header is its first row, marked w:tblHeader so that it
// repeats on every page and screen readers announce it as the column headers;
// caption is the table's title for assistive technology (w:tblCaption). The first
// column is wider when there are several.
func (d *docxBody) table(caption string, header []string, rows [][]string) {
	cols := len(header)
	if cols == 0 {
		return
	}
	widths := make([]int, cols)
	if cols == 1 {
		widths[0] = docxTextWidth
	} else {
		first := docxTextWidth * 2 / 5
		switch {
		case cols == 2:
			first = docxTextWidth / 2
		case cols >= 5:
			first = docxTextWidth / 4
		}
		widths[0] = first
		for i := 1; i < cols; i++ {
			widths[i] = (docxTextWidth - first) / (cols - 1)
		}
	}
	d.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="BoardTable"/><w:tblW w:w="5000" w:type="pct"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
		`<w:left w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
		`<w:right w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="768692"/>` +
		`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="768692"/></w:tblBorders>` +
		`<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>`)
	if caption != "" {
		d.b.WriteString(`<w:tblCaption w:val="` + docxAttr(caption) + `"/>`)
	}
	d.b.WriteString("</w:tblPr><w:tblGrid>")
	for _, w := range widths {
		fmt.Fprintf(&d.b, `<w:gridCol w:w="%d"/>`, w)
	}
	d.b.WriteString("</w:tblGrid>")
	row := func(cells []string, head bool) {
		d.b.WriteString("<w:tr>")
		if head {
			d.b.WriteString("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
		} else {
			d.b.WriteString("<w:trPr><w:cantSplit/></w:trPr>")
		}
		for i := 0; i < cols; i++ {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			fmt.Fprintf(&d.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[i])
			if head {
				d.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E8EDEE"/>`)
			}
			d.b.WriteString("</w:tcPr>")
			d.para("TableText", docxRun{text: cell, bold: head})
			d.b.WriteString("</w:tc>")
		}
		d.b.WriteString("</w:tr>")
	}
	row(header, true)
	for _, r := range rows {
		row(r, false)
	}
	d.b.WriteString("</w:tbl>")
	// A paragraph after every table keeps two tables from merging into one.
	d.para("")
}

// The picture's size on the page: 12 cm wide, the height in proportion (a chart of
// ChartWidthPx pixels prints at 254 pixels per inch, its labels at about 8 points).
const (
	emuPerCm      = 360000
	docxChartCx   = 12 * emuPerCm
	docxPictureNS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	docxDrawingNS = "http://schemas.openxmlformats.org/drawingml/2006/main"
)

// picture writes a paragraph holding png as an inline picture of the given size in
// pixels, with alt as its description (the text alternative screen readers read and
// Word shows as "Alt Text"). The image becomes word/media/chartN.png.
func (d *docxBody) picture(png []byte, wPx, hPx int, name, alt string) {
	d.media = append(d.media, png)
	n := len(d.media)
	d.drawID++
	cx := int64(docxChartCx)
	cy := cx * int64(hPx) / int64(wPx)
	fmt.Fprintf(&d.b, `<w:p><w:pPr><w:pStyle w:val="Picture"/></w:pPr><w:r><w:drawing>`+
		`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`+
		`<wp:effectExtent l="0" t="0" r="0" b="0"/>`+
		`<wp:docPr id="%d" name="%s" descr="%s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="%s"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%d" name="chart%d.png" descr="%s"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="rIdMedia%d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, d.drawID, docxAttr(name), docxAttr(alt), docxPictureNS,
		d.drawID, n, docxAttr(alt), n, cx, cy)
}

// chartTitle writes a chart's title: a heading at level, or a bold paragraph when
// level is 0.
func (d *docxBody) chartTitle(c Chart, level int) {
	if level > 0 {
		d.heading(level, c.Title)
	} else {
		d.para("Label", docxRun{text: c.Title})
	}
}

// chart writes a chart under its title (see chartTitle): the image (ChartPNG) with
// Alt as its description and, right under it, the same numbers as a table, one
// column per series with the texts the chart prints. extra adds a column after the
// series (the benchmark's difference): extraHeader and a text per bar.
func (d *docxBody) chart(c Chart, level int, firstHeader string, extraHeader string, extra []string) error {
	if len(c.Bars) == 0 {
		return nil
	}
	d.chartTitle(c, level)
	return d.chartFigure(c, firstHeader, extraHeader, extra)
}

// chartFigure writes the chart's image and its table (see chart).
func (d *docxBody) chartFigure(c Chart, firstHeader string, extraHeader string, extra []string) error {
	png, err := ChartPNG(c)
	if err != nil {
		return err
	}
	d.picture(png, ChartWidthPx, ChartHeightPx(c), "Chart: "+c.Title, c.Alt)
	header := append([]string{firstHeader}, c.Series...)
	if extraHeader != "" {
		header = append(header, extraHeader)
	}
	rows := make([][]string, 0, len(c.Bars))
	for i, bar := range c.Bars {
		row := []string{bar.Label}
		for j := range c.Series {
			t := ""
			if j < len(bar.Texts) {
				t = bar.Texts[j]
			}
			row = append(row, t)
		}
		if extraHeader != "" {
			t := ""
			if i < len(extra) {
				t = extra[i]
			}
			row = append(row, t)
		}
		rows = append(rows, row)
	}
	d.table(c.Title+": the chart's figures", header, rows)
	return nil
}

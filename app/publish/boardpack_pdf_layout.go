package publish

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The board pack PDF's layout: paragraphs, headings kept with what follows them,
// tables that wrap their cells and repeat their header row on a new page, a grid of
// headline figures and charts as images. Sizes are in millimetres and points; the
// pack is for reading at a table, so the body is 11 pt (the poster's is 16 pt).

const (
	bpMargin    = 18.0
	bpTextW     = pageW - 2*bpMargin
	bpTop       = bpMargin
	bpFooterPt  = 8.5
	bpFooterLn  = 4.2
	bpCellPadH  = 1.6 // mm left and right of a table cell's text
	bpCellPadV  = 1.3 // mm above and below
	bpTablePt   = 9.5
	bpTableLn   = 4.4
	bpMarkW     = 3.2 // the side of a rating's coloured square
	bpChartMaxW = 130.0
	bpChartMaxH = 150.0
)

// bpStyle is a kind of text: its size, weight, colour, line height and the space after.
type bpStyle struct {
	pt     float64
	bold   bool
	color  [3]int
	line   float64
	after  float64
	indent float64 // from the left margin
	bar    bool    // a blue bar in the indent (a quote)
}

var (
	bpTitle = bpStyle{pt: 24, bold: true, color: nhsBlue, line: 11, after: 2}
	bpH1    = bpStyle{pt: 16, bold: true, color: nhsBlue, line: 8, after: 2}
	bpH2    = bpStyle{pt: 12.5, bold: true, color: darkText, line: 6.2, after: 1.5}
	bpBody  = bpStyle{pt: 11, color: darkText, line: 5.3, after: 2.5}
	bpMeta  = bpStyle{pt: 9.5, color: greyText, line: 4.6, after: 1.5}
	bpQuote = bpStyle{pt: 11, color: darkText, line: 5.3, after: 2.5, indent: 6, bar: true}

	paleBlue  = [3]int{232, 240, 249}
	paleGrey  = [3]int{240, 244, 245}
	ruleGrey  = [3]int{216, 221, 224}
	ratingInk = map[string][3]int{"red": {218, 41, 28}, "amber": {237, 139, 0}, "green": {0, 150, 57}}
)

// bpDoc is a board pack being laid out.
type bpDoc struct {
	pdf    *fpdf.Fpdf
	bottom float64 // nothing is drawn below this (the footer is under it)
	images int
}

func (d *bpDoc) font(pt float64, bold bool) {
	style := ""
	if bold {
		style = "B"
	}
	d.pdf.SetFont(font, style, pt)
}

// space is what is left of the page, in millimetres.
func (d *bpDoc) space() float64 { return d.bottom - d.pdf.GetY() }

// ensure starts a new page unless h fits on this one (or this page is still empty).
func (d *bpDoc) ensure(h float64) {
	if h > d.space() && d.pdf.GetY() > bpTop+0.5 {
		d.pdf.AddPage()
	}
}

// wrap splits text to lines of width w in the current font: each "\n" starts a line.
func (d *bpDoc) wrap(text string, w float64) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		lines := d.pdf.SplitText(p, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, lines...)
	}
	return out
}

// height is what text takes in style s.
func (d *bpDoc) height(s bpStyle, text string) float64 {
	d.font(s.pt, s.bold)
	return float64(len(d.wrap(text, bpTextW-s.indent)))*s.line + s.after
}

// para writes text in style s; it breaks across pages line by line.
func (d *bpDoc) para(s bpStyle, text string) {
	d.font(s.pt, s.bold)
	setColor(d.pdf, s.color)
	for _, l := range d.wrap(text, bpTextW-s.indent) {
		d.ensure(s.line)
		if s.bar {
			d.pdf.SetFillColor(nhsBlue[0], nhsBlue[1], nhsBlue[2])
			d.pdf.Rect(bpMargin+1, d.pdf.GetY(), 1.2, s.line, "F")
		}
		d.pdf.SetX(bpMargin + s.indent)
		d.pdf.CellFormat(bpTextW-s.indent, s.line, l, "", 1, "L", false, 0, "")
	}
	d.pdf.Ln(s.after)
}

// heading writes a heading, on a new page unless it and the next follow millimetres
// fit on this one; level 0 headings are in the document's outline.
func (d *bpDoc) heading(s bpStyle, text string, level int, follow float64) {
	d.ensure(d.height(s, text) + follow)
	if level >= 0 {
		d.pdf.Bookmark(text, level, -1)
	}
	d.para(s, text)
}

// bpTable is a table: a header row, then rows; cells wrap within their column.
type bpTable struct {
	widths []float64
	align  []string // "L" or "R" per column
	header []string
	rows   [][]string
	// marks, when set, gives a cell a coloured square before its text (the standards'
	// ratings); ok false leaves the cell as it is.
	marks func(row, col int) (c [3]int, outline bool, ok bool)
}

// cellLines are a row's cells wrapped to their columns.
func (d *bpDoc) cellLines(t *bpTable, r int, cells []string, bold bool) [][]string {
	d.font(bpTablePt, bold)
	out := make([][]string, len(t.widths))
	for i := range t.widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		w := t.widths[i] - 2*bpCellPadH
		if t.marks != nil && r >= 0 {
			if _, _, ok := t.marks(r, i); ok {
				w -= bpMarkW + 1.5
			}
		}
		out[i] = d.wrap(text, w)
	}
	return out
}

func rowHeight(lines [][]string) float64 {
	n := 1
	for _, c := range lines {
		n = max(n, len(c))
	}
	return float64(n)*bpTableLn + 2*bpCellPadV
}

// firstRowHeight is the height of the table's header and first row (what a heading
// is kept with).
func (d *bpDoc) firstRowHeight(t *bpTable) float64 {
	h := rowHeight(d.cellLines(t, -1, t.header, true))
	if len(t.rows) > 0 {
		h += rowHeight(d.cellLines(t, 0, t.rows[0], false))
	}
	return h
}

// tableHeight is the height of the whole table, unbroken.
func (d *bpDoc) tableHeight(t *bpTable) float64 {
	h := rowHeight(d.cellLines(t, -1, t.header, true))
	for r, cells := range t.rows {
		h += rowHeight(d.cellLines(t, r, cells, false))
	}
	return h
}

// table draws t. A row that does not fit on what is left of the page starts a new
// page, with the header row again; a row taller than a whole page is split by lines.
func (d *bpDoc) table(t *bpTable) {
	head := d.cellLines(t, -1, t.header, true)
	headH := rowHeight(head)
	d.ensure(d.firstRowHeight(t))
	d.row(t, -1, head, true)
	for r, cells := range t.rows {
		lines := d.cellLines(t, r, cells, false)
		h := rowHeight(lines)
		if h > d.space() && h <= d.bottom-bpTop-headH {
			d.pdf.AddPage()
			d.row(t, -1, head, true)
		}
		for {
			fit := int(math.Floor((d.space() - 2*bpCellPadV) / bpTableLn))
			n := 0
			for _, c := range lines {
				n = max(n, len(c))
			}
			if fit >= n || n == 0 {
				d.row(t, r, lines, false)
				break
			}
			if fit < 1 && d.pdf.GetY() > bpTop+headH+0.5 {
				d.pdf.AddPage()
				d.row(t, -1, head, true)
				continue
			}
			fit = max(fit, 1) // a header row as tall as the page: go on a line at a time
			part, rest := make([][]string, len(lines)), make([][]string, len(lines))
			for i, c := range lines {
				k := min(fit, len(c))
				part[i], rest[i] = c[:k], c[k:]
			}
			d.row(t, r, part, false)
			d.pdf.AddPage()
			d.row(t, -1, head, true)
			lines = rest
		}
	}
	d.pdf.Ln(3)
}

// row draws one row of already wrapped cells at the current position.
func (d *bpDoc) row(t *bpTable, r int, lines [][]string, header bool) {
	pdf := d.pdf
	h := rowHeight(lines)
	y := pdf.GetY()
	x := bpMargin
	if header {
		pdf.SetFillColor(paleBlue[0], paleBlue[1], paleBlue[2])
		pdf.Rect(bpMargin, y, sum(t.widths), h, "F")
	}
	d.font(bpTablePt, header)
	setColor(pdf, darkText)
	for i, w := range t.widths {
		tx, tw := x+bpCellPadH, w-2*bpCellPadH
		if t.marks != nil && !header && len(lines[i]) > 0 && lines[i][0] != "" {
			if c, outline, ok := t.marks(r, i); ok {
				my := y + bpCellPadV + (bpTableLn-bpMarkW)/2
				if outline {
					pdf.SetDrawColor(greyText[0], greyText[1], greyText[2])
					pdf.SetLineWidth(0.3)
					pdf.Rect(tx, my, bpMarkW, bpMarkW, "D")
				} else {
					pdf.SetFillColor(c[0], c[1], c[2])
					pdf.Rect(tx, my, bpMarkW, bpMarkW, "F")
				}
				tx += bpMarkW + 1.5
				tw -= bpMarkW + 1.5
			}
		}
		align := "L"
		if i < len(t.align) && t.align[i] != "" {
			align = t.align[i]
		}
		for j, l := range lines[i] {
			pdf.SetXY(tx, y+bpCellPadV+float64(j)*bpTableLn)
			pdf.CellFormat(tw, bpTableLn, l, "", 0, align, false, 0, "")
		}
		x += w
	}
	pdf.SetDrawColor(ruleGrey[0], ruleGrey[1], ruleGrey[2])
	pdf.SetLineWidth(0.3)
	pdf.Line(bpMargin, y+h, bpMargin+sum(t.widths), y+h)
	pdf.SetXY(bpMargin, y+h)
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// grid draws figures as boxes, four to a row: the value large, the label, the note.
func (d *bpDoc) grid(figs []Figure) {
	const cols, gap, pad = 4, 3.0, 2.5
	w := (bpTextW - gap*(cols-1)) / cols
	pdf := d.pdf
	for start := 0; start < len(figs); start += cols {
		row := figs[start:min(start+cols, len(figs))]
		type box struct{ value, label, note []string }
		boxes := make([]box, len(row))
		h := 0.0
		for i, f := range row {
			d.font(18, true)
			boxes[i].value = d.wrap(printable(f.Value), w-2*pad)
			d.font(9.5, true)
			boxes[i].label = d.wrap(printable(f.Label), w-2*pad)
			if f.Note != "" {
				d.font(8.5, false)
				boxes[i].note = d.wrap(printable(f.Note), w-2*pad)
			}
			bh := 2*pad + float64(len(boxes[i].value))*8 + float64(len(boxes[i].label))*4.4 + float64(len(boxes[i].note))*3.9
			h = math.Max(h, bh)
		}
		d.ensure(h)
		y := pdf.GetY()
		for i, b := range boxes {
			x := bpMargin + float64(i)*(w+gap)
			pdf.SetFillColor(paleGrey[0], paleGrey[1], paleGrey[2])
			pdf.Rect(x, y, w, h, "F")
			pdf.SetFillColor(nhsBlue[0], nhsBlue[1], nhsBlue[2])
			pdf.Rect(x, y, 1.2, h, "F")
			cy := y + pad
			put := func(lines []string, pt float64, bold bool, c [3]int, lh float64) {
				d.font(pt, bold)
				setColor(pdf, c)
				for _, l := range lines {
					pdf.SetXY(x+pad, cy)
					pdf.CellFormat(w-2*pad, lh, l, "", 0, "L", false, 0, "")
					cy += lh
				}
			}
			put(b.value, 18, true, nhsBlue, 8)
			put(b.label, 9.5, true, darkText, 4.4)
			put(b.note, 8.5, false, greyText, 3.9)
		}
		pdf.SetXY(bpMargin, y+h+gap)
	}
	pdf.Ln(2)
}

// chartSize is the size a chart is printed at: at most bpChartMaxW wide and
// bpChartMaxH high, keeping its proportions.
func chartSize(c Chart) (w, h float64) {
	w = bpChartMaxW
	h = w * float64(ChartHeightPx(c)) / ChartWidthPx
	if h > bpChartMaxH {
		w, h = w*bpChartMaxH/h, bpChartMaxH
	}
	return w, h
}

// chartKeep is the height a chart's heading is kept with: its note, the image and the
// table's header and first row.
func (d *bpDoc) chartKeep(c Chart, t *bpTable, note string) float64 {
	if len(c.Bars) == 0 {
		return 0
	}
	_, h := chartSize(c)
	if note != "" {
		h += d.height(bpMeta, note)
	}
	return d.height(bpH2, printable(c.Title)) + h + 3 + d.firstRowHeight(t)
}

// chart draws a chart's title and note, the chart as a PNG image, then its data table
// directly under it; the title goes with the image, the image with the table's first
// row.
func (d *bpDoc) chart(c Chart, t *bpTable, note string) error {
	if len(c.Bars) == 0 {
		return nil
	}
	img, err := ChartPNG(c)
	if err != nil {
		return err
	}
	d.images++
	name := fmt.Sprintf("chart%d", d.images)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(img))
	w, h := chartSize(c)
	noteH := 0.0
	if note != "" {
		noteH = d.height(bpMeta, note)
	}
	d.heading(bpH2, printable(c.Title), 1, noteH+h+3+d.firstRowHeight(t))
	if note != "" {
		d.para(bpMeta, note)
	}
	d.ensure(h + 3)
	d.pdf.ImageOptions(name, bpMargin, d.pdf.GetY(), w, h, false, opt, 0, "")
	d.pdf.SetY(d.pdf.GetY() + h + 3)
	d.table(t)
	return d.pdf.Error()
}

// chartTable is a chart's data table: a column for the bars' labels (headed label),
// one per series, and any extra columns (extra[i] is row i's).
func chartTable(c Chart, label string, extraHead []string, extra [][]string) *bpTable {
	n := len(c.Series) + len(extraHead)
	const numW = 36.0
	lw := math.Min(100, bpTextW-float64(n)*numW)
	t := &bpTable{widths: []float64{lw}, align: []string{"L"}, header: []string{printable(label)}}
	for _, s := range append(append([]string{}, c.Series...), extraHead...) {
		t.widths = append(t.widths, numW)
		t.align = append(t.align, "R")
		t.header = append(t.header, printable(s))
	}
	for i, b := range c.Bars {
		row := []string{printable(b.Label)}
		for j := range c.Series {
			text := ""
			if j < len(b.Texts) {
				text = b.Texts[j]
			}
			row = append(row, printable(text))
		}
		if i < len(extra) {
			for _, e := range extra[i] {
				row = append(row, printable(e))
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

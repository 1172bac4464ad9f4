package publish

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The board pack as an A4 PDF: the poster's font (DejaVu Sans, embedded) and colours,
// at reading size. Like the poster, fpdf cannot shape text, so a text in a script that
// needs shaping (Arabic, Urdu, Bengali…) is printed as BoardPackCannotShow; the Word
// version shows it (the reader's software shapes it).

// BoardPackCannotShow stands in the board pack PDF for a text it cannot print properly.
const BoardPackCannotShow = "[This text is in a script the PDF cannot show; see the Word version]"

// The sections' headings, in the order they are printed: the same in the PDF and the
// Word document.
const (
	bpHeadOutcomes  = "Outcomes: what changed"
	bpHeadYouSaid   = "You said, we did"
	bpHeadReach     = "Who we reached"
	bpHeadLEP       = "Lived Experience Partners' contribution"
	bpHeadStandards = "UK Standards for Public Involvement"
	bpHeadAbout     = "About these figures"
)

// bpText is s as the board pack prints it (printable), with BoardPackCannotShow in
// place of a text it cannot show.
func bpText(s string) string {
	t := printable(s)
	if t == CannotShow {
		return BoardPackCannotShow
	}
	return t
}

// bpParas is a text's paragraphs as the board pack prints them, one per line.
func bpParas(s string) string {
	var out []string
	for _, p := range paras(s) {
		if t := bpText(p); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n")
}

// BoardPackPDF writes the board pack as an A4 portrait PDF: the title block and the
// headline figures, then the outcome stories, "you said, we did", reach (with the
// benchmark comparisons), the Lived Experience Partners' contribution, the UK
// Standards over time and "About these figures". Each chart is an image with its data
// table directly under it. Each page's footer has the team, "Board pack — scope,
// period" and "Page n of m". The document's title, author, subject and language
// (en-GB) are set, and each section is in its outline.
func BoardPackPDF(w io.Writer, p *BoardPack) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(font, "", fontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", fontBold)
	title := p.Title
	if title == "" {
		title = BoardPackTitle
	}
	if p.Team != "" {
		pdf.SetTitle(title+": "+p.Team, true)
		pdf.SetAuthor(p.Team, true)
	} else {
		pdf.SetTitle(title, true)
	}
	pdf.SetSubject(strings.TrimSpace(p.Scope+", "+p.Period), true)
	pdf.SetCreator("Involve", true)
	pdf.SetLang("en-GB")
	pdf.SetCatalogSort(true)
	pdf.SetMargins(bpMargin, bpTop, bpMargin)
	pdf.SetCellMargin(0)
	pdf.AliasNbPages(pageNumberMark)

	// The footer: the team, what this is, the page number.
	pdf.SetFont(font, "", bpFooterPt)
	what := "Board pack \u2014 " + bpText(p.Scope) + ", " + bpText(p.Period)
	if p.Team != "" {
		what = bpText(p.Team) + " \u00b7 " + what
	}
	footLines := pdf.SplitText(what, bpTextW)
	footH := float64(len(footLines)+1)*bpFooterLn + 3
	footTop := pageH - bpMargin/1.5 - footH
	pdf.SetAutoPageBreak(true, pageH-footTop+4)
	pdf.SetFooterFunc(func() {
		pdf.SetY(footTop)
		pdf.SetDrawColor(ruleGrey[0], ruleGrey[1], ruleGrey[2])
		pdf.SetLineWidth(0.3)
		pdf.Line(bpMargin, footTop, pageW-bpMargin, footTop)
		pdf.Ln(2)
		pdf.SetFont(font, "", bpFooterPt)
		setColor(pdf, greyText)
		for _, l := range footLines {
			pdf.CellFormat(bpTextW, bpFooterLn, l, "", 1, "L", false, 0, "")
		}
		pdf.CellFormat(bpTextW, bpFooterLn, fmt.Sprintf("Page %d of %s", pdf.PageNo(), pageNumberMark), "", 1, "L", false, 0, "")
	})
	d := &bpDoc{pdf: pdf, bottom: footTop - 4}
	pdf.AddPage()

	d.titleBlock(p, title)
	steps := []func(*BoardPack) error{d.outcomes, d.youSaid, d.reach, d.lep, d.standards, d.about}
	for _, step := range steps {
		if err := step(p); err != nil {
			return fmt.Errorf("cannot make the board pack: %w", err)
		}
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("cannot make the board pack: %w", err)
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return fmt.Errorf("cannot make the board pack: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// titleBlock: the title, team, scope and period, the date made, the headline figures.
func (d *bpDoc) titleBlock(p *BoardPack, title string) {
	d.para(bpTitle, bpText(title))
	if p.Team != "" {
		d.para(bpStyle{pt: 14, bold: true, color: darkText, line: 7, after: 1}, bpText(p.Team))
	}
	d.para(bpStyle{pt: 12, color: darkText, line: 6, after: 1}, bpText(p.Scope)+" \u00b7 "+bpText(p.Period))
	d.para(bpMeta, "Made on "+bpText(p.Made))
	d.pdf.Ln(3)
	if len(p.Headline) > 0 {
		d.heading(bpH2, "Headline figures", -1, 30)
		d.grid(p.Headline)
	}
}

// outcomes: the stories, the largest changes first, then the chart by size of change.
func (d *bpDoc) outcomes(p *BoardPack) error {
	intro := "What changed because of involvement, the largest changes first. Quotes are only from people who agreed to be quoted."
	if len(p.Stories) == 0 {
		intro = "No outcome was recorded for this period."
	}
	d.heading(bpH1, bpHeadOutcomes, 0, d.height(bpBody, intro)+20)
	d.para(bpBody, intro)
	for i, s := range p.Stories {
		blocks := storyBlocks(s)
		h := 0.0
		for _, b := range blocks {
			h += d.height(b.style, b.text)
		}
		// A story is kept on one page when it fits on one.
		if h > d.space() && h <= d.bottom-bpTop {
			d.pdf.AddPage()
		} else if i > 0 {
			d.ensure(d.height(blocks[0].style, blocks[0].text) + 12)
		}
		for _, b := range blocks {
			d.para(b.style, b.text)
		}
	}
	if p.MoreStories > 0 {
		d.para(bpBody, fmt.Sprintf("and %s more outcomes: see the workbook.", thousands(p.MoreStories)))
	}
	return d.chart(p.OutcomeChart, chartTable(p.OutcomeChart, "Size of change", nil, nil), "")
}

type bpBlock struct {
	style bpStyle
	text  string
}

// storyBlocks lays out one outcome story.
func storyBlocks(s Story) []bpBlock {
	var meta []string
	for _, m := range []string{s.Magnitude, s.Direction, s.Project, s.Date} {
		if m = bpText(m); m != "" {
			meta = append(meta, m)
		}
	}
	what := bpText(s.WhatChanged)
	if what == "" {
		what = "(No description)"
	}
	out := []bpBlock{{bpStyle{pt: 12.5, bold: true, color: darkText, line: 6, after: 0.5}, what}}
	if len(meta) > 0 {
		out = append(out, bpBlock{bpMeta, strings.Join(meta, " \u00b7 ")})
	}
	if len(s.ImpactOn) > 0 {
		var on []string
		for _, a := range s.ImpactOn {
			on = append(on, bpText(a))
		}
		out = append(out, bpBlock{bpStyle{pt: 11, color: darkText, line: 5.3, after: 1}, "Impact on: " + strings.Join(on, ", ")})
	}
	if ev := bpParas(s.Evidence); ev != "" {
		out = append(out, bpBlock{bpStyle{pt: 11, color: darkText, line: 5.3, after: 1}, "Evidence: " + ev})
	}
	if q := bpText(s.Quote); q != "" {
		if q != BoardPackCannotShow {
			q = "\u201c" + q + "\u201d"
		}
		out = append(out, bpBlock{bpQuote, q})
	}
	out[len(out)-1].style.after = 6
	return out
}

// youSaid: the done actions as a two-column table, newest first.
func (d *bpDoc) youSaid(p *BoardPack) error {
	var items []Item
	withheld := 0
	if p.YouSaid != nil {
		items, withheld = p.YouSaid.Items, p.YouSaid.Withheld
	}
	intro := "What was done about what people told us, newest first, as the public \u201cyou said, we did\u201d shows it: people's words only when they agreed to be quoted."
	if len(items) == 0 {
		intro = "No action was done in this period."
	}
	t := &bpTable{widths: []float64{bpTextW / 2, bpTextW / 2}, header: []string{"You said", "We did"}}
	for _, it := range items {
		said := bpParas(it.YouSaid)
		if said == "" {
			said = "You told us about " + lowerFirst(bpText(it.About))
		}
		t.rows = append(t.rows, []string{said, bpParas(it.WeDid)})
	}
	follow := d.height(bpBody, intro)
	if len(items) > 0 {
		follow += d.firstRowHeight(t)
	}
	d.heading(bpH1, bpHeadYouSaid, 0, follow)
	d.para(bpBody, intro)
	if len(items) > 0 {
		d.table(t)
	}
	if p.MoreYouSaid > 0 {
		d.para(bpBody, fmt.Sprintf("and %s more actions done: see the workbook.", thousands(p.MoreYouSaid)))
	}
	if withheld > 0 {
		d.para(bpBody, fmt.Sprintf("%s more done actions are not shown: what people said cannot be quoted and they have no theme.",
			thousands(withheld)))
	}
	return nil
}

// reach: people reached by age band, ethnic group and borough, then against each
// benchmark population.
func (d *bpDoc) reach(p *BoardPack) error {
	intro := "Counted: " + lowerFirst(bpText(p.ReachSource)) + ". Counts from 1 to 4 are shown as \u201c<5\u201d (see About these figures)."
	follow := d.height(bpBody, intro)
	if len(p.Reach) > 0 {
		r := p.Reach[0]
		follow += d.chartKeep(r.Chart, chartTable(r.Chart, r.Dimension.Label, nil, nil), "")
	}
	d.heading(bpH1, bpHeadReach, 0, follow)
	d.para(bpBody, intro)
	for _, r := range p.Reach {
		if r.Dimension.Multi {
			d.para(bpMeta, bpText(r.Dimension.Label)+": a person may give several answers, so the counts do not add up to the total.")
		}
		if err := d.chart(r.Chart, chartTable(r.Chart, r.Dimension.Label, nil, nil), ""); err != nil {
			return err
		}
	}
	if len(p.Comparisons) == 0 {
		d.para(bpBody, "No benchmark population has been imported, so the reach is not compared with one.")
		return nil
	}
	for _, c := range p.Comparisons {
		cmp := c.Comparison
		var notes []string
		src := bpText(cmp.Source)
		if cmp.Year > 0 {
			src = strings.TrimSpace(fmt.Sprintf("%s %d", src, cmp.Year))
		}
		if src != "" {
			notes = append(notes, "Benchmark: "+bpText(cmp.BenchmarkName)+" ("+src+").")
		}
		switch {
		case !cmp.Available:
			notes = append(notes, "The period's reach has no figures for "+strings.ToLower(bpText(cmp.DimensionLabel))+": the benchmark's shares are shown alone.")
		case cmp.SharesWithheld:
			notes = append(notes, "Our shares and the differences are withheld: with one small count hidden, they would let it be worked out.")
		default:
			notes = append(notes, fmt.Sprintf("Our shares are of the %s people whose answer is one of the benchmark's categories (%s more gave another answer or none). The difference is in percentage points.",
				thousands(cmp.Compared), thousands(cmp.Outside)))
		}
		var extra [][]string
		for _, r := range cmp.Rows {
			extra = append(extra, []string{r.DifferenceText})
		}
		t := chartTable(c.Chart, cmp.DimensionLabel, []string{"Difference"}, extra)
		if err := d.chart(c.Chart, t, strings.Join(notes, " ")); err != nil {
			return err
		}
	}
	return nil
}

// lep: the partners' contribution in figures, then per contributor by pseudonym.
func (d *bpDoc) lep(p *BoardPack) error {
	l := p.LEP
	intro := "Time given and payments, by pseudonym: partners' names are never printed."
	if l.Figures.Entries == 0 {
		intro = "No time was recorded for Lived Experience Partners in this period."
	}
	d.heading(bpH1, bpHeadLEP, 0, d.height(bpBody, intro)+30)
	d.para(bpBody, intro)
	if l.Figures.Entries == 0 {
		return nil
	}
	days := l.DaysToPay
	if days == "" {
		days = "nothing paid yet"
	}
	d.grid([]Figure{
		{Label: "Partners", Value: thousands(l.Figures.Contributors), Note: "with time recorded"},
		{Label: "Hours", Value: l.Hours, Note: thousands(l.Figures.Entries) + " entries"},
		{Label: "Fees", Value: l.Fees, Note: "and expenses " + l.Expenses},
		{Label: "Paid", Value: l.Paid, Note: "days from claim to payment: " + days},
	})
	t := &bpTable{widths: []float64{44, 22, 22, 22, 32, 32}, align: []string{"L", "R", "R", "R", "R", "R"},
		header: []string{"Contributor", "Projects", "Entries", "Hours", "Fees and expenses due", "Paid"}}
	for _, r := range l.Rows {
		t.rows = append(t.rows, []string{bpText(r.Contributor), thousands(r.Projects), thousands(r.Entries), r.Hours, r.Fees, r.Paid})
	}
	if len(t.rows) > 0 {
		d.table(t)
	}
	if l.MoreRows > 0 {
		d.para(bpBody, fmt.Sprintf("and %s more contributors: see the workbook.", thousands(l.MoreRows)))
	}
	return nil
}

// standards: the six standards as rows, the assessments as columns, worded ratings
// with a coloured square beside each word.
func (d *bpDoc) standards(p *BoardPack) error {
	st := p.Standards
	scope := bpText(st.ScopeName)
	if scope == "" {
		scope = bpText(p.Scope)
	}
	if scope == report.TeamScopeName {
		scope = "the whole team"
	}
	intro := fmt.Sprintf("The self-assessment of %s against the six UK Standards for Public Involvement, oldest first. "+
		"Red: not met, much to do. Amber: partly met, some to do. Green: met. Not rated: not assessed that time.", scope)
	if len(st.Assessments) == 0 {
		intro = fmt.Sprintf("No self-assessment of %s against the six UK Standards for Public Involvement has been recorded.", scope)
	}
	n := len(st.Assessments)
	t := &bpTable{header: []string{"Standard"}, align: []string{"L"}}
	colW := 30.0
	t.widths = []float64{bpTextW - float64(n)*colW}
	for _, a := range st.Assessments {
		t.widths = append(t.widths, colW)
		t.align = append(t.align, "L")
		t.header = append(t.header, "Assessed "+involve.LongDate(a))
	}
	codes := make([][]string, len(st.Standards))
	for i, s := range st.Standards {
		row := []string{bpText(s.Code + ". " + s.Name)}
		for _, c := range s.Ratings {
			codes[i] = append(codes[i], c.Rating)
			row = append(row, involve.LabelOf(involve.StandardRatings, c.Rating))
		}
		t.rows = append(t.rows, row)
	}
	t.marks = func(r, col int) ([3]int, bool, bool) {
		if col == 0 || r < 0 || r >= len(codes) || col-1 >= len(codes[r]) {
			return [3]int{}, false, false
		}
		c, ok := ratingInk[codes[r][col-1]]
		return c, !ok, true
	}
	follow := d.height(bpBody, intro)
	if n > 0 {
		// The six rows are kept together with their heading.
		follow += d.tableHeight(t)
	}
	d.heading(bpH1, bpHeadStandards, 0, follow)
	d.para(bpBody, intro)
	if n > 0 {
		d.table(t)
	}
	return nil
}

// about: the suppression rule, the filters in words, when and by whom it was made.
func (d *bpDoc) about(p *BoardPack) error {
	d.heading(bpH1, bpHeadAbout, 0, 20)
	d.para(bpBody, bpText(p.SuppressionRule))
	if len(p.FilterText) > 0 {
		d.heading(bpH2, "What the figures cover", -1, 10)
		for _, f := range p.FilterText {
			d.para(bpStyle{pt: 11, color: darkText, line: 5.3, after: 0.5, indent: 4}, "\u2022 "+bpText(f))
		}
		d.pdf.Ln(2)
	}
	made := "Made with Involve on " + bpText(p.Made) + ", from the same figures as the Reports screen and the workbook."
	d.para(bpBody, made)
	if c := bpText(p.Contact); c != "" {
		d.para(bpBody, "Contact: "+c)
	}
	return nil
}

package publish

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// BoardPackDOCX writes the board pack as an editable Word document (.docx), with the
// same content in the same order as the PDF: the title block and headline figures,
// the outcome stories, "you said, we did", reach (with each benchmark population),
// the Lived Experience Partners' contribution, the UK Standards self-assessment over
// time, and "About these figures".
//
// The document is WordprocessingML written by hand (no Go library that is both
// maintained and permissively licensed writes right-to-left paragraphs, table header
// rows and pictures' alternative text; see docs/decisions.md). Headings use the real
// Title and Heading 1–3 styles; every chart is an inline picture whose description is
// the chart's text alternative, with its figures in a table right under it whose
// header row repeats (w:tblHeader). Text in a right-to-left script (Arabic, Urdu,
// Hebrew) is set in a right-to-left paragraph, its runs marked right to left, and
// Word or LibreOffice shapes it; every other script is written as typed. Every text
// is escaped, and characters XML cannot hold are removed.
func BoardPackDOCX(w io.Writer, p *BoardPack) error {
	if p == nil {
		return errors.New("board pack (Word): there is no board pack to write")
	}
	d := &docxBody{}
	d.titleBlock(p)
	if err := d.stories(p); err != nil {
		return err
	}
	d.youSaid(p)
	if err := d.reach(p); err != nil {
		return err
	}
	d.partners(p)
	d.standards(p)
	d.about(p)
	creator := p.Team
	if creator == "" {
		creator = "Involve"
	}
	title := p.Title + ": " + p.Scope + ", " + p.Period
	return writeDocx(w, d, title, "Involvement outcomes, reach and contribution", creator)
}

// titleBlock: the title, who and what the pack covers, and the headline figures.
func (d *docxBody) titleBlock(p *BoardPack) {
	d.para("Title", docxRun{text: p.Title})
	d.field("Team", p.Team)
	d.field("Covers", p.Scope)
	d.field("Period", p.Period)
	d.field("Made on", p.Made)
	d.field("Contact", p.Contact)

	d.heading(1, "Headline figures")
	rows := make([][]string, 0, len(p.Headline))
	for _, f := range p.Headline {
		rows = append(rows, []string{f.Label, f.Value, f.Note})
	}
	d.table("Headline figures", []string{"Figure", "Value", "What it counts"}, rows)
}

// stories: each outcome, the largest changes first, with its evidence and a quote
// from someone who agreed to be quoted; then the outcomes by size of change.
func (d *docxBody) stories(p *BoardPack) error {
	d.heading(1, bpHeadOutcomes)
	if len(p.Stories) == 0 {
		d.text("No outcomes were recorded in this period.")
	}
	for _, s := range p.Stories {
		title := s.WhatChanged
		if strings.TrimSpace(title) == "" {
			title = "Outcome"
		}
		d.heading(2, title)
		size := s.Magnitude
		if s.Direction != "" {
			size += " (" + s.Direction + ")"
		}
		d.field("Size of change", size)
		d.field("Project", s.Project)
		d.field("Date", s.Date)
		d.field("Impact on", strings.Join(s.ImpactOn, ", "))
		d.field("Evidence", s.Evidence)
		if s.Quote != "" {
			d.para("Label", docxRun{text: "In their words (quoted with consent)"})
			d.para("Quote", docxRun{text: "\u201c" + s.Quote + "\u201d"})
		}
	}
	if p.MoreStories > 0 {
		d.text(fmt.Sprintf("And %s more %s: see the workbook.", thousands(p.MoreStories), plural(p.MoreStories, "outcome", "outcomes")))
	}
	return d.chart(p.OutcomeChart, 2, "Size of change", "", nil)
}

// youSaid: "you said, we did", as the public page shows it.
func (d *docxBody) youSaid(p *BoardPack) {
	d.heading(1, bpHeadYouSaid)
	if p.YouSaid == nil || len(p.YouSaid.Items) == 0 {
		d.text("No actions were done in this period.")
	} else {
		for _, it := range p.YouSaid.Items {
			if it.YouSaid != "" {
				d.para("Label", docxRun{text: "You said"})
				d.text(it.YouSaid)
			} else {
				d.para("Label", docxRun{text: "You told us about " + lowerFirst(it.About)})
			}
			d.para("Label", docxRun{text: "We did"})
			d.text(it.WeDid)
		}
	}
	if p.MoreYouSaid > 0 {
		d.text(fmt.Sprintf("And %s more %s done: see the workbook.", thousands(p.MoreYouSaid), plural(p.MoreYouSaid, "action", "actions")))
	}
	if p.YouSaid != nil && p.YouSaid.Withheld > 0 {
		d.text(fmt.Sprintf("%s more %s done but not listed: what people said cannot be published and no theme says what it was about.",
			thousands(p.YouSaid.Withheld), plural(p.YouSaid.Withheld, "action was", "actions were")))
	}
}

// reach: the people reached by age band, ethnic group and borough, then against each
// benchmark population.
func (d *docxBody) reach(p *BoardPack) error {
	d.heading(1, bpHeadReach)
	d.text(p.ReachSource + ".")
	for _, r := range p.Reach {
		if len(r.Chart.Bars) == 0 {
			d.heading(2, r.Dimension.Label)
			d.text("No answers in this period.")
			continue
		}
		if err := d.chart(r.Chart, 2, r.Dimension.Label, "", nil); err != nil {
			return err
		}
		total := fmt.Sprintf("Total: %s people.", thousands(r.Dimension.Total))
		if r.Dimension.Multi {
			total += " People could give more than one answer, so the counts add up to more."
		}
		d.text(total)
	}
	if len(p.Comparisons) == 0 {
		return nil
	}
	d.heading(2, "Against the benchmark populations")
	d.text("Each share is of the people reached whose answer is one of the benchmark's categories. " +
		"The difference is our share less the benchmark's, in percentage points.")
	for _, cp := range p.Comparisons {
		c := cp.Comparison
		diffs := make([]string, 0, len(c.Rows))
		for _, r := range c.Rows {
			diffs = append(diffs, r.DifferenceText)
		}
		d.chartTitle(cp.Chart, 3)
		src := c.BenchmarkName
		if c.Source != "" {
			src += ", " + c.Source
		}
		if c.Year > 0 {
			src += fmt.Sprintf(" (%d)", c.Year)
		}
		d.field("Benchmark", src)
		switch {
		case !c.Available:
			d.text("The period's reach has no figures for " + strings.ToLower(c.DimensionLabel) + ": the benchmark's shares are shown alone.")
		case c.SharesWithheld:
			d.text("Shares and differences are withheld: with one small count hidden, it could be worked out from the total.")
		default:
			d.text(fmt.Sprintf("Compared: %s people. Not compared (not stated, or outside the benchmark's categories): %s.",
				thousands(c.Compared), thousands(c.Outside)))
		}
		if len(cp.Chart.Bars) == 0 {
			continue
		}
		if err := d.chartFigure(cp.Chart, c.DimensionLabel, "Difference", diffs); err != nil {
			return err
		}
	}
	return nil
}

// partners: the Lived Experience Partners' contribution, by pseudonym only.
func (d *docxBody) partners(p *BoardPack) {
	d.heading(1, bpHeadLEP)
	l := p.LEP
	if l.Figures.Entries == 0 {
		d.text("No time was recorded in this period.")
		return
	}
	days := l.DaysToPay
	if days == "" {
		days = "Nothing has been paid yet"
	}
	d.table("Lived Experience Partners' contribution", []string{"Measure", "Value"}, [][]string{
		{"Contributors", thousands(l.Figures.Contributors)},
		{"Time entries", thousands(l.Figures.Entries)},
		{"Hours", l.Hours},
		{"Fees", l.Fees},
		{"Expenses", l.Expenses},
		{"Paid", l.Paid},
		{"Days from claim to payment", days},
	})
	d.heading(2, "By contributor")
	d.text("Partners are shown by pseudonym only, the most hours first.")
	rows := make([][]string, 0, len(l.Rows))
	for _, r := range l.Rows {
		rows = append(rows, []string{r.Contributor, thousands(r.Projects), thousands(r.Entries), r.Hours, r.Fees, r.Paid})
	}
	d.table("Contribution by contributor", []string{"Contributor", "Projects", "Time entries", "Hours", "Fees and expenses due", "Paid"}, rows)
	if l.MoreRows > 0 {
		d.text(fmt.Sprintf("And %s more %s: see the workbook.", thousands(l.MoreRows), plural(l.MoreRows, "contributor", "contributors")))
	}
}

// standards: the self-assessment against the six UK Standards over time, each rating
// in words.
func (d *docxBody) standards(p *BoardPack) {
	d.heading(1, bpHeadStandards)
	st := p.Standards
	scope := st.ScopeName
	if scope == "" {
		scope = p.Scope
	}
	if len(st.Assessments) == 0 {
		d.text("No self-assessment has been recorded for " + scope + ".")
		return
	}
	d.text(fmt.Sprintf("%s's last %s, oldest first. Each rating is in words: Red, Amber, Green or Not rated.",
		scope, plural(len(st.Assessments), "assessment", thousands(len(st.Assessments))+" assessments")))
	header := []string{"Standard"}
	for _, on := range st.Assessments {
		header = append(header, involve.LongDate(on))
	}
	rows := make([][]string, 0, len(st.Standards))
	for _, s := range st.Standards {
		row := []string{s.Name}
		for _, c := range s.Ratings {
			row = append(row, involve.LabelOf(involve.StandardRatings, c.Rating))
		}
		rows = append(rows, row)
	}
	d.table("Self-assessment against the UK Standards for Public Involvement", header, rows)
}

// about: the suppression rule and the filters in words.
func (d *docxBody) about(p *BoardPack) {
	d.heading(1, bpHeadAbout)
	d.text("The figures come from the same report model as the Reports screen and the workbook.")
	d.text(p.SuppressionRule)
	if len(p.FilterText) > 0 {
		d.para("Label", docxRun{text: "What the figures cover"})
		for _, f := range p.FilterText {
			d.text(f)
		}
	}
}

// plural is one when n is 1, otherwise many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

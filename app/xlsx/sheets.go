package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/report"
)

// sheet writes one small sheet with the normal cell API, keeping the first error.
type sheet struct {
	bk   *book
	name string
	err  error
}

func (bk *book) sheet(name string) *sheet { return &sheet{bk: bk, name: name} }

// headedSheet starts a sheet with its columns' widths and a header row (names) frozen
// above the rest.
func (bk *book) headedSheet(name string, widths []float64, names ...string) *sheet {
	s := bk.sheet(name)
	s.widths(widths...)
	s.header(1, names...)
	s.freezeTop()
	return s
}

// titledSheet starts a sheet with a title in A1 (a taller row, frozen above the rest)
// and its columns' widths.
func (bk *book) titledSheet(name, title string, widths ...float64) *sheet {
	s := bk.sheet(name)
	s.widths(widths...)
	s.set(1, 1, title, bk.st.title)
	s.rowHeight(1, 26)
	s.freezeTop()
	return s
}

func ref(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// absRange is an absolute range on the sheet for a chart: 'Sheet name'!$A$2:$A$9.
func (s *sheet) absRange(col, fromRow, toRow int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(s.name, "'", "''"), name, fromRow, name, toRow)
}

// absCell is an absolute cell reference on the sheet: 'Sheet name'!$B$6.
func (s *sheet) absCell(col, row int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(s.name, "'", "''"), name, row)
}

// set writes a typed value: string (cleaned and cut to the cell limit, never a
// formula), int, float64 or time.Time.
func (s *sheet) set(col, row int, v any, style int) {
	if s.err != nil {
		return
	}
	cell := ref(col, row)
	switch v := v.(type) {
	case string:
		s.err = s.bk.x.SetCellStr(s.name, cell, cellText(v))
	case money:
		s.err = s.bk.x.SetCellFloat(s.name, cell, v.pounds(), -1, 64)
	case hours:
		s.err = s.bk.x.SetCellFloat(s.name, cell, v.value(), -1, 64)
	case nil:
	default:
		s.err = s.bk.x.SetCellValue(s.name, cell, v)
	}
	if s.err == nil && style != 0 {
		s.err = s.bk.x.SetCellStyle(s.name, cell, cell, style)
	}
	if v != nil || style != 0 {
		s.bk.used(s.name, col, row)
	}
}

// count writes a count of people: the number, or "<5"/"*" when it must be hidden.
func (s *sheet) count(col, row int, c report.Count) {
	if c.Hidden() {
		s.set(col, row, c.Text(), s.bk.st.right)
		return
	}
	s.set(col, row, c.N, s.bk.st.integer)
}

// percent writes a share as a number with a % format, or "–" when unknown or withheld.
func (s *sheet) percent(col, row int, p report.Percent) {
	if !p.Known() {
		s.set(col, row, report.NoValueText, s.bk.st.right)
		return
	}
	s.set(col, row, p.Fraction(), s.bk.st.percent)
}

func (s *sheet) header(row int, names ...string) {
	for i, n := range names {
		s.set(i+1, row, n, s.bk.st.header)
	}
	if s.err == nil {
		s.err = s.bk.x.SetRowHeight(s.name, row, 32)
	}
}

func (s *sheet) widths(w ...float64) { s.widthsFrom(1, w...) }

// widthsFrom sets the widths of the columns from col on.
func (s *sheet) widthsFrom(col int, w ...float64) {
	for i, v := range w {
		if s.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(col + i)
		s.err = s.bk.x.SetColWidth(s.name, c, c, v)
	}
}

func (s *sheet) freezeTop() {
	if s.err == nil {
		s.err = s.bk.x.SetPanes(s.name, frozenHeader())
	}
}

// landscape prints the sheet landscape, one page wide.
func (s *sheet) landscape() {
	if s.err != nil {
		return
	}
	o, one, zero := "landscape", 1, 0
	if s.err = s.bk.x.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); s.err == nil {
		s.err = s.bk.x.SetPageLayout(s.name, &excelize.PageLayoutOptions{Orientation: &o, FitToWidth: &one, FitToHeight: &zero})
	}
}

func (s *sheet) merge(from, to string) {
	if s.err == nil {
		s.err = s.bk.x.MergeCell(s.name, from, to)
	}
}

func (s *sheet) rowHeight(row int, h float64) {
	if s.err == nil {
		s.err = s.bk.x.SetRowHeight(s.name, row, h)
	}
}

// table makes an Excel table (with autofilter) of a header row and its data rows.
func (s *sheet) table(cols, headRow, lastRow int) {
	if s.err != nil || lastRow <= headRow {
		return
	}
	s.err = s.bk.x.AddTable(s.name, &excelize.Table{Range: ref(1, headRow) + ":" + ref(cols, lastRow),
		Name: s.bk.tableName(s.name), StyleName: "TableStyleLight9", ShowRowStripes: boolPtr(true)})
}

// chart adds a one-series chart over a label column and a value column whose header
// is the row above fromRow.
// Small counts get whole-number gridlines (maxVal is the largest value plotted).
func (s *sheet) chart(at string, typ excelize.ChartType, title string, labelCol, valueCol, fromRow, toRow, maxVal int, w, h uint) {
	if s.err != nil || toRow < fromRow {
		return
	}
	c := &excelize.Chart{
		Type: typ,
		Series: []excelize.ChartSeries{{
			Name:       s.absCell(valueCol, fromRow-1), // the column's header: a series name is a reference
			Categories: s.absRange(labelCol, fromRow, toRow),
			Values:     s.absRange(valueCol, fromRow, toRow),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{nhsBlue}},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Bold: true, Size: 12, Color: "212B32", Family: font}}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: w, Height: h},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		Format:    excelize.GraphicOptions{OffsetX: 8, OffsetY: 4},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Color: "212B32", Size: 9}},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: excelize.Font{Color: "212B32", Size: 9}},
	}
	if maxVal <= 5 {
		c.YAxis.MajorUnit = 1
	}
	if typ == excelize.Bar {
		c.XAxis.ReverseOrder = true // first category at the top, as in the table
	}
	s.err = s.bk.x.AddChart(s.name, at, c)
}

func (bk *book) summary(fig *report.Figures) error {
	s := bk.titledSheet(SheetSummary, "Involve summary report", 40, 16, 70, 2)
	st := bk.st
	s.set(1, 2, strings.Join(fig.FilterText, "; "), st.label)
	s.set(1, 3, "Generated at", st.text)
	s.set(2, 3, bk.generatedAt(fig), st.dateTime)
	s.set(1, 4, "Counts of people from 1 to 4 are shown as \"<5\" (small-number suppression); see the Notes sheet for definitions.", st.note)
	s.merge("A4", "C4")

	row := 6
	s.header(row, "Headline figure", "Value", "Detail")
	put := func(name string, v func(col, row int), detail string) {
		row++
		s.set(1, row, name, st.label)
		v(2, row)
		s.set(3, row, detail, st.detail)
	}
	num := func(n int) func(int, int) { return func(c, r int) { s.set(c, r, n, st.integer) } }
	none := func(c, r int) { s.set(c, r, NoneRecordedText, st.noData) }
	rated := 0
	for _, r := range fig.Ratings {
		if r.Code != "" {
			rated += r.Count
		}
	}
	put("Sessions held", num(fig.SessionsHeld), fmt.Sprintf("Held or written up, of %d sessions in the period", fig.Sessions))
	put("Sessions planned", num(fig.SessionsPlanned), "Not yet held")
	put("People reached", func(c, r int) { s.count(c, r, fig.PeopleReached) }, "Attendees recorded, summed over the sessions")
	put("Feedback items", num(fig.FeedbackItems), "Comment cards, conversations, forms and other feedback")
	put("FFT % positive", func(c, r int) { s.percent(c, r, fig.FFTPositive) },
		fmt.Sprintf("Very good or Good, of %d ratings given (Don't know included)", rated))
	put("% from Core20 areas", func(c, r int) {
		if fig.Core20.Den == 0 {
			s.set(c, r, "Not recorded", st.noData)
			return
		}
		s.percent(c, r, fig.Core20)
	}, "Most deprived 20% of areas (IMD deciles 1 and 2), of attendees whose decile is known")
	if fig.EthnicMinoritySource == "attendees" {
		put("% from ethnic minority groups", func(c, r int) { s.percent(c, r, fig.EthnicMinority) },
			"Attendees not White British, of those who stated one of the 19 Census 2021 ethnic groups (attendance tallies and profiles)")
	} else {
		put("% from ethnic minority groups", func(c, r int) { s.percent(c, r, fig.EthnicMinority) },
			"Asian, Black, Mixed or Other ethnic group, of feedback respondents who stated an ethnic group (no attendance tallies in the period)")
	}
	names := make([]string, len(fig.BoroughsCovered))
	for i, b := range fig.BoroughsCovered {
		names[i] = b.Label
	}
	boroughs := strings.Join(names, ", ")
	if boroughs == "" {
		boroughs = "None"
	}
	put("Boroughs covered", num(len(fig.BoroughsCovered)), boroughs)
	put("Quotes allowed", num(fig.QuotesAllowed), "Feedback items whose words may be quoted")
	put("Needing a response", num(fig.NeedsResponse),
		fmt.Sprintf("Feedback items marked as needing a response; %d of them answered by no action yet", fig.NeedsResponseWithoutAction))
	a := fig.Actions
	if a.Total == 0 {
		put("Actions completed", none, "You said, we did: no actions for this period")
		put("% communicated back", none, "Done or not possible actions told back to the people who raised them")
	} else {
		put("Actions completed", num(a.Done), fmt.Sprintf("Done, of %d actions (%d in progress, %d planned, %d not possible; %d overdue)",
			a.Total, a.InProgress, a.Planned, a.NotPossible, a.Overdue))
		put("% communicated back", func(c, r int) { s.percent(c, r, a.CommunicatedPct) },
			fmt.Sprintf("%d of %d done or not possible actions told back to the people who raised them", a.CommunicatedBack, a.CommunicatedPct.Den))
	}
	o := fig.Outcomes
	if o.Total == 0 {
		put("Outcomes by magnitude", none, "None, minor, substantial, decision changed")
	} else {
		var mags []string
		for i := len(o.ByMagnitude) - 1; i >= 0; i-- {
			mags = append(mags, fmt.Sprintf("%s %d", o.ByMagnitude[i].Label, o.ByMagnitude[i].Count))
		}
		put("Outcomes by magnitude", num(o.Total), "Outcomes: "+strings.Join(mags, ", ")+fmt.Sprintf(" (%d positive, %d negative)", o.Positive, o.Negative))
	}
	l := fig.LEP
	if l.Entries == 0 {
		put("LEP hours", none, "Lived Experience Partner time")
		put("LEP payments", none, "Fees and expenses due to Lived Experience Partners")
	} else {
		put("LEP hours", func(c, r int) { s.set(c, r, hours(l.Minutes), st.decimal) },
			fmt.Sprintf("%d time entries by %d Lived Experience Partners (preparation, attending, follow-up, travel)", l.Entries, l.Contributors))
		pay := fmt.Sprintf("Fees £%s and expenses £%s due; £%s paid", money(l.FeesPence).text(), money(l.ExpensesPence).text(), money(l.PaidPence).text())
		if l.MaxDaysToPay >= 0 {
			pay += fmt.Sprintf("; %s days from claim to payment (median), %d at most", strconv.FormatFloat(l.MedianDaysToPay, 'f', -1, 64), l.MaxDaysToPay)
		}
		put("LEP payments", func(c, r int) { s.set(c, r, money(l.FeesPence+l.ExpensesPence), st.money) }, pay)
	}

	row += 2
	s.set(1, row, "Feedback by FFT rating", st.section)
	row++
	s.header(row, "Rating", "Feedback items")
	first := row + 1
	for _, r := range fig.Ratings {
		row++
		s.set(1, row, r.Label, st.text)
		s.set(2, row, r.Count, st.integer)
	}
	ratingsFirst, ratingsLast := first, row

	row += 2
	s.set(1, row, "Sessions by type", st.section)
	row++
	s.header(row, "Type", "Sessions")
	first = row + 1
	for _, r := range fig.SessionsByType {
		row++
		s.set(1, row, r.Label, st.text)
		s.set(2, row, r.Count, st.integer)
	}
	s.chart("E6", excelize.Col, "Feedback by FFT rating", 1, 2, ratingsFirst, ratingsLast, maxRow(fig.Ratings), 520, 300)
	s.chart("E23", excelize.Bar, "Sessions by type", 1, 2, first, row, maxRow(fig.SessionsByType), 520, 300)
	s.landscape()
	return s.err
}

func (bk *book) generatedAt(fig *report.Figures) any {
	t, err := time.Parse(time.RFC3339, fig.GeneratedAt)
	if err != nil {
		return fig.GeneratedAt
	}
	return t
}

func (bk *book) reach(fig *report.Figures) error {
	s := bk.titledSheet(SheetReach, "Reach and diversity", 46, 11, 9, 2)
	st := bk.st
	s.set(1, 2, report.SuppressionRule, st.note)
	s.merge("A2", "C2")
	s.rowHeight(2, 92)
	row := 3
	s.set(1, row, "Attendees", st.section)
	row++
	if fig.ReachCounted == 0 {
		s.set(1, row, "No attendance tallies or attendee profiles were recorded for the sessions in this period.", st.noData)
		s.merge(ref(1, row), ref(3, row))
	} else {
		s.set(1, row, fmt.Sprintf("Who came to the %d sessions with an attendance tally or attendee profiles, by what they told us "+
			"(or staff estimated); \"Not stated\" is everyone a question does not account for. PLUS groups: a person may be in several groups, "+
			"or none, so they do not add up.", fig.ReachCounted), st.note)
		s.merge(ref(1, row), ref(3, row))
		s.rowHeight(row, 76)
		charted := map[string]bool{"ethnicGroup": true, "ageBand": true, "borough": true}
		for _, d := range fig.AttendeeReach {
			row = s.dimension(row, d, charted[d.Code])
		}
	}
	row += 3
	s.set(1, row, "Feedback respondents", st.section)
	row++
	s.set(1, row, "Counts are of feedback respondents (each feedback item is one person's), by what they chose to tell us; \"Not stated\" is everyone who did not answer.", st.note)
	s.merge(ref(1, row), ref(3, row))
	s.rowHeight(row, 46)
	for _, d := range fig.Respondents {
		row = s.dimension(row, d, true)
	}
	s.landscape()
	return s.err
}

// dimension writes one question's block two rows below row: its heading, every
// category with count and %, and a total (for PLUS groups, the people reached), with
// a bar chart beside it when chart is set. It returns the last row written.
func (s *sheet) dimension(row int, d report.Dimension, chart bool) int {
	st := s.bk.st
	row += 2
	s.set(1, row, d.Label, st.section)
	row++
	s.header(row, "Category", "Count", "%")
	first := row + 1
	for _, c := range d.Categories {
		row++
		s.set(1, row, c.Label, st.text)
		s.count(2, row, c.Count)
		s.percent(3, row, c.Percent)
	}
	last := row
	row++
	if d.Multi {
		s.set(1, row, "People reached (a person may be in several groups)", st.label)
		s.count(2, row, report.NewCount(d.Total))
	} else {
		s.set(1, row, "Total", st.label)
		s.count(2, row, report.NewCount(d.Total))
		if d.Total > 0 {
			s.set(3, row, 1.0, st.percent)
		} else {
			s.set(3, row, report.NoValueText, st.right)
		}
	}
	if chart {
		// Charts sit beside their tables; suppressed counts ("<5", "*") are text and
		// are not plotted.
		most := 0
		for _, c := range d.Categories {
			if !c.Count.Hidden() {
				most = max(most, c.Count.N)
			}
		}
		s.chart(ref(5, first-1), excelize.Bar, d.Label+" (counts under 5 not plotted)", 1, 2, first, last, most, 560, uint(last-first+4)*20)
	}
	return row
}

func (bk *book) themes(fig *report.Figures) error {
	s := bk.headedSheet(SheetThemes, []float64{30, 11, 10, 10, 10, 10, 2},
		"Theme", "Feedback items", "Positive", "Neutral", "Negative", "No rating")
	st := bk.st
	row := 1
	for _, t := range fig.Themes {
		row++
		s.set(1, row, t.Label, st.text)
		for i, n := range []int{t.Count, t.Positive, t.Neutral, t.Negative, t.NoRating} {
			s.set(2+i, row, n, st.integer)
		}
	}
	if row == 1 {
		s.set(1, 2, NoRecordsText, st.noData)
		return s.err
	}
	s.table(6, 1, row)
	top := min(row, 11) // the ten largest
	s.chart("H2", excelize.Bar, "Top themes (feedback items)", 1, 2, 2, top, fig.Themes[0].Count, 560, uint(top-1)*24+110)
	s.landscape()
	return s.err
}

func (bk *book) gripp2(fig *report.Figures) error {
	s := bk.headedSheet(SheetGRIPP2, []float64{24, 36, 40, 40, 32, 50, 10, 10},
		"Project", "1 Aim", "2 Methods", "3 Results", "4 Discussion", "5 Reflections", "Sessions", "Feedback items")
	st := bk.st
	row := 1
	for _, g := range fig.Projects {
		row++
		s.set(1, row, g.Project, st.wrap)
		for i, t := range []string{g.Aim, g.Methods, g.Results, g.Discussion, g.Reflections} {
			s.set(2+i, row, t, st.wrap)
		}
		s.set(7, row, g.Sessions, st.integer)
		s.set(8, row, g.Feedback, st.integer)
	}
	if row == 1 {
		s.set(1, 2, NoRecordsText, st.noData)
	} else {
		s.table(8, 1, row)
	}
	s.landscape()
	return s.err
}

func (bk *book) notes(fig *report.Figures) error {
	s := bk.headedSheet(SheetNotes, []float64{28, 110}, "Item", "Detail")
	st := bk.st
	app := bk.opt.AppVersion
	if app == "" {
		app = "unknown"
	}
	row := 1
	add := func(item string, v any, style int) {
		row++
		s.set(1, row, item, st.label)
		s.set(2, row, v, style)
	}
	add("Filters used", strings.Join(fig.FilterText, "\n"), st.wrap)
	for _, d := range Definitions {
		add(d[0], d[1], st.wrap)
	}
	add("Small-number suppression", report.SuppressionRule, st.wrap)
	add("Quote consent", QuoteConsentRule, st.wrap)
	add("Row order", RowOrder, st.wrap)
	add("Long text", LongTextRule, st.wrap)
	add("Reference data version", fig.ReferenceVersion, st.text)
	add("Generated at", bk.generatedAt(fig), st.dateTime)
	add("App version", app, st.text)
	s.landscape()
	return s.err
}

// Definitions are the Notes sheet's definitions (also in docs/reports.md).
var Definitions = [][2]string{
	{"Sessions", "Every session inside the filters, whatever its status. Held means held or written up; planned means not yet held."},
	{"People reached", "The attendees recorded for each session, summed over the sessions in the period (a person who came to two sessions is counted twice)."},
	{"Feedback items", "Each feedback item is one person's comment card, conversation, post-it, form, online or kiosk response. A feedback item belongs to its session: its date, project, borough and type are the session's."},
	{"FFT % positive", "Friends and Family Test: feedback rated Very good or Good, as a share of every rating given, Don't know included. Items with no rating are left out."},
	{"Sentiment", "Taken from the FFT rating: Very good or Good is positive; Neither good nor poor is neutral; Poor or Very poor is negative; Don't know or no rating is \"No rating\"."},
	{"Reach and diversity", "Attendees: the sessions' attendance tallies (counts per question, self-reported or estimated by staff) plus their anonymous attendee profiles (one returned monitoring form each; the tally counts the people without a profile). People a question does not account for are \"Not stated\". Feedback respondents: the age band, ethnic group and borough given on feedback items."},
	{"Ethnic minority groups", "When any session in the period has an attendance tally or attendee profiles: attendees whose ethnic group is not \"English, Welsh, Scottish, Northern Irish or British\" (so White Irish, Gypsy or Irish Traveller, Roma and Other White count, as the ONS defines it), as a share of those who gave one of the 19 Census 2021 groups. Otherwise, from feedback: respondents who gave their group as Asian, Black, Mixed or Multiple, or Other ethnic group, as a share of those who stated one of the 5 groups (the White group as a whole is not counted). \"Prefer not to say\" and no answer are left out."},
	{"Core20", "The most deprived 20% of areas in England (IMD deciles 1 and 2), as a share of the attendees whose IMD decile is known. \"Not recorded\" when no attendee's decile is known (feedback does not record it)."},
	{"Boroughs covered", "The London boroughs named as a session's borough, or where attendees or feedback respondents said they live. \"Other London borough\", \"Outside London\" and \"Prefer not to say\" are not counted."},
	{"Actions (you said, we did)", "An action is in the report when it answers a feedback item of a session inside the filters, or is filed under such a session; an action linked to no session or feedback counts in the period it was made (not with a borough or session type filter). Completed means Done. Overdue: due before the day of the report and neither Done nor Not possible. % communicated back: Done or Not possible actions with a date communicated back, of all Done or Not possible actions (actions are not people: no suppression)."},
	{"Outcomes", "Outcomes of live projects (the chosen project, if any) dated inside the period (with no date: the day recorded); with a borough or session type filter, only outcomes that name a session inside the filters."},
	{"LEP contribution", "Lived Experience Partners' time entries: an entry for a session counts with its session (inside the filters); an entry for a task counts by its date (not with a borough or session type filter). Hours are preparation, attending, follow-up and travel. Fees are what is due (an override when there is one, nothing when payment is declined). Days from claim to payment: over entries with both dates. Partners are shown only as \"Contributor N\", never by name."},
	{"Questions", report.QuestionsRule + " " + report.RankingScoreRule + " " + ResponsesColumnsRule},
}

// QuoteConsentRule, RowOrder and LongTextRule are Notes sheet lines.
const (
	QuoteConsentRule = "A feedback item's words are shown only when the person agreed that they may be quoted. Otherwise the Text cell reads \"" + NoConsentText + "\". Every item is still counted in the figures."
	RowOrder         = "Sessions rows are in date order. Feedback rows are in the order they were captured."
	LongTextRule     = "A cell holds at most 32,767 characters: longer text is cut and ends with \"… [truncated: full text is N characters]\". Characters that a workbook cannot hold (control characters) are removed. Text is never read as a formula."
)

func maxRow(rows []report.Row) int {
	m := 0
	for _, r := range rows {
		m = max(m, r.Count)
	}
	return m
}

package xlsx

import (
	"fmt"
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
	case nil:
	default:
		s.err = s.bk.x.SetCellValue(s.name, cell, v)
	}
	if s.err == nil && style != 0 {
		s.err = s.bk.x.SetCellStyle(s.name, cell, cell, style)
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

func (s *sheet) widths(w ...float64) {
	for i, v := range w {
		if s.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
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
	s := bk.sheet(SheetSummary)
	st := bk.st
	s.widths(40, 16, 70, 2)
	s.set(1, 1, "Involve summary report", st.title)
	s.rowHeight(1, 26)
	s.freezeTop()
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
	}, "Most deprived 20% of areas (IMD deciles 1 and 2)")
	put("% from ethnic minority groups", func(c, r int) { s.percent(c, r, fig.EthnicMinority) },
		"Asian, Black, Mixed or Other ethnic group, of respondents who stated an ethnic group")
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
	put("Needing a response", num(fig.NeedsResponse), "Feedback items marked as needing a response")
	put("Actions completed", none, "You said, we did: recorded from a later version")
	put("% communicated back", none, "Actions whose outcome was told to the people who raised them")
	put("Outcomes by magnitude", none, "None, minor, substantial, decision changed")
	put("LEP hours", none, "Lived Experience Partner time")
	put("LEP payments", none, "Fees and expenses paid to Lived Experience Partners")

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
	s := bk.sheet(SheetReach)
	st := bk.st
	s.widths(46, 11, 9, 2)
	s.set(1, 1, "Reach and diversity", st.title)
	s.rowHeight(1, 26)
	s.freezeTop()
	s.set(1, 2, report.SuppressionRule, st.note)
	s.merge("A2", "C2")
	s.rowHeight(2, 92)
	s.set(1, 3, "Counts are of feedback respondents (each feedback item is one person's), by what they chose to tell us; \"Not stated\" is everyone who did not answer.", st.note)
	s.merge("A3", "C3")
	s.rowHeight(3, 46)
	row := 4
	for _, d := range fig.Reach {
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
		s.set(1, row, "Total", st.label)
		s.count(2, row, report.NewCount(d.Total))
		if d.Total > 0 {
			s.set(3, row, 1.0, st.percent)
		} else {
			s.set(3, row, report.NoValueText, st.right)
		}
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
	s.landscape()
	return s.err
}

func (bk *book) themes(fig *report.Figures) error {
	s := bk.sheet(SheetThemes)
	st := bk.st
	s.widths(30, 11, 10, 10, 10, 10, 2)
	s.header(1, "Theme", "Feedback items", "Positive", "Neutral", "Negative", "No rating")
	s.freezeTop()
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

// emptySheet writes the headers of a sheet whose records do not exist yet and the
// no-records line.
func (bk *book) emptySheet(name string, cols []column) *sheet {
	s := bk.sheet(name)
	w := make([]float64, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		w[i], names[i] = c.Width, c.Name
	}
	s.widths(w...)
	s.header(1, names...)
	s.freezeTop()
	s.set(1, 2, NoRecordsText, bk.st.noData)
	return s
}

func (bk *book) actions(*report.Figures) error {
	s := bk.emptySheet(SheetActions, actionColumns)
	s.set(1, 4, "Actions by status", bk.st.section)
	s.header(5, "Status", "Actions")
	for i, st := range actionStatuses {
		s.set(1, 6+i, st, bk.st.text)
		s.set(2, 6+i, 0, bk.st.integer)
	}
	s.chart("D4", excelize.Col, "Actions by status", 1, 2, 6, 5+len(actionStatuses), 0, 480, 260)
	s.landscape()
	return s.err
}

func (bk *book) outcomes(*report.Figures) error {
	s := bk.emptySheet(SheetOutcomes, outcomeColumns)
	s.landscape()
	return s.err
}

func (bk *book) lep(*report.Figures) error {
	s := bk.emptySheet(SheetLEP, lepColumns)
	s.landscape()
	return s.err
}

func (bk *book) gripp2(fig *report.Figures) error {
	s := bk.sheet(SheetGRIPP2)
	st := bk.st
	s.widths(24, 36, 40, 40, 32, 50, 10, 10)
	s.header(1, "Project", "1 Aim", "2 Methods", "3 Results", "4 Discussion", "5 Reflections", "Sessions", "Feedback items")
	s.freezeTop()
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
	s := bk.sheet(SheetNotes)
	st := bk.st
	s.widths(28, 110)
	s.header(1, "Item", "Detail")
	s.freezeTop()
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
	{"Ethnic minority groups", "Respondents who gave their ethnic group (Census 2021 groups) as Asian, Black, Mixed or Multiple, or Other ethnic group, as a share of those who stated a group. The White group, which includes White minorities such as Irish, Gypsy or Irish Traveller and Roma, is not counted here; \"Prefer not to say\" and no answer are left out."},
	{"Core20", "The most deprived 20% of areas in England (IMD deciles 1 and 2). Involve does not record IMD deciles yet, so the figure reads \"Not recorded\"."},
	{"Boroughs covered", "The London boroughs named as a session's borough or as a respondent's borough. \"Other London borough\", \"Outside London\" and \"Prefer not to say\" are not counted."},
	{"Not yet recorded", "Actions (you said, we did), outcomes, and LEP time and payments are recorded from a later version of Involve; their sheets show headings only and the Summary shows \"None recorded\"."},
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

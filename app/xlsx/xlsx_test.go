package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

var testNow = time.Date(2026, 4, 2, 9, 30, 0, 0, time.UTC)

func writeBook(t testing.TB, src report.Source, f report.Filter, opt Options) (*excelize.File, *report.Figures, string) {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = testNow
	}
	if opt.AppVersion == "" {
		opt.AppVersion = "1.2.3-test"
	}
	path := filepath.Join(t.TempDir(), "report.xlsx")
	fig, err := WriteFile(context.Background(), path, src, f, opt)
	if err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial file left behind: %v", err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x, fig, path
}

func raw(t testing.TB, x *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func rows(t testing.TB, x *excelize.File, sheet string) [][]string {
	t.Helper()
	r, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	return r
}

// findRow is the 1-based row whose column A is label (0 if none).
func findRow(t testing.TB, x *excelize.File, sheet, label string) int {
	t.Helper()
	for i, r := range rows(t, x, sheet) {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	return 0
}

// numFmt is the number format of a cell: the built-in id or the custom code.
func numFmt(t testing.TB, x *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := x.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return st.NumFmt, *st.CustomNumFmt
	}
	return st.NumFmt, ""
}

// isNumber: a number cell (no type or "n") whose value parses.
func isNumber(t testing.TB, x *excelize.File, sheet, cell string) bool {
	t.Helper()
	typ, err := x.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		return false
	}
	_, err = strconv.ParseFloat(raw(t, x, sheet, cell), 64)
	return err == nil
}

func isDateFmt(code string) bool {
	return strings.Contains(code, "yyyy") && strings.Contains(code, "d")
}

func TestSheetsInOrder(t *testing.T) {
	x, _, _ := writeBook(t, fixture(), quarter, Options{})
	want := []string{"Summary", "Sessions", "Reach and diversity", "Feedback", "Themes", "Questions", "You said we did",
		"Outcomes and impact", "LEP contribution", "GRIPP2 short form", "Notes"}
	if got := x.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets\n got %q\nwant %q", got, want)
	}
	if x.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want Summary", x.GetActiveSheetIndex())
	}
}

func TestHeaders(t *testing.T) {
	x, _, _ := writeBook(t, fixture(), quarter, Options{})
	want := map[string][]string{
		"Sessions": {"Date", "Title", "Project", "Type", "Mode", "Borough", "Involvement level", "Status", "Purpose",
			"Intended outcome", "Attendees", "LEPs present", "UK Standards", "Facilitators", "Went well", "To improve", "Notes"},
		"Feedback": {"Date", "Session", "Source", "Rating", "Sentiment", "Themes", "Quote consent", "Needs response",
			"Age band", "Ethnic group", "Borough", "Text"},
		"You said we did": {"You said", "We did", "Theme", "Owner", "Due", "Status", "Reason if not done",
			"Decision influenced", "Communicated back on", "Channel", "Published"},
		"Outcomes and impact": {"Date", "Project", "Description", "Impact on", "Direction", "Intended", "Magnitude",
			"Evidence", "Contributor view", "Staff view", "UK Standards"},
		"LEP contribution": {"Contributor (pseudonymised)", "Project", "Entries", "Hours", "Fees £", "Expenses £", "Claimed £",
			"Paid £", "Days from claim to payment (median)", "Days from claim to payment (longest)"},
		"Themes":            {"Theme", "Feedback items", "Positive", "Neutral", "Negative", "No rating"},
		"GRIPP2 short form": {"Project", "1 Aim", "2 Methods", "3 Results", "4 Discussion", "5 Reflections", "Sessions", "Feedback items"},
		"Notes":             {"Item", "Detail"},
	}
	for sheet, cols := range want {
		r := rows(t, x, sheet)
		// The first cells are the table's header (a count table may sit beside it).
		if len(r) == 0 || len(r[0]) < len(cols) || !slices.Equal(r[0][:len(cols)], cols) {
			t.Errorf("%s header\n got %q\nwant %q", sheet, r[0], cols)
		}
	}
	for _, sheet := range x.GetSheetList() { // bold, frozen first row everywhere
		id, _ := x.GetCellStyle(sheet, "A1")
		st, _ := x.GetStyle(id)
		if st == nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("%s!A1 not bold", sheet)
		}
		panes, err := x.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: top row not frozen: %+v %v", sheet, panes, err)
		}
	}
	for _, sheet := range []string{"Sessions", "Feedback", "Themes", "GRIPP2 short form"} {
		tables, err := x.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: want one table, got %v %v", sheet, tables, err)
		}
	}
	for _, sheet := range []string{"Summary", "Reach and diversity", "Themes", "You said we did"} {
		if charts := countCharts(t, x, sheet); charts == 0 {
			t.Errorf("%s has no chart", sheet)
		}
	}
	if w, _ := x.GetColWidth("Feedback", "L"); w < 50 {
		t.Errorf("Feedback text column width %v", w)
	}
}

// countCharts counts the drawings (where charts live) of a sheet.
func countCharts(t testing.TB, x *excelize.File, sheet string) int {
	t.Helper()
	i := slices.Index(Sheets, sheet) // sheet files are numbered in creation order, the workbook order here
	if i < 0 {
		t.Fatalf("no sheet %s", sheet)
	}
	rels, ok := x.Pkg.Load(fmt.Sprintf("xl/worksheets/_rels/sheet%d.xml.rels", i+1))
	if !ok {
		return 0
	}
	return bytes.Count(rels.([]byte), []byte("relationships/drawing"))
}

// independent counts straight from the MemSource data, for the Summary check.
type counts struct {
	sessions, held, planned, attendees, feedback, positive, rated, minority, stated, quotes, needs int
	boroughs                                                                                       map[string]bool
}

func countByHand(src *report.MemSource, from, to string) counts {
	c := counts{boroughs: map[string]bool{}}
	in := map[string]bool{}
	for _, s := range src.SessionList {
		if s.DeletedAt != "" || s.Date < from || s.Date > to {
			continue
		}
		in[s.ID] = true
		c.sessions++
		if s.Status == "held" || s.Status == "written_up" {
			c.held++
		} else {
			c.planned++
		}
		c.attendees += s.Attendees
		if strings.HasPrefix(s.Borough, "E09") {
			c.boroughs[s.Borough] = true
		}
	}
	for _, fb := range src.FeedbackList {
		if fb.DeletedAt != "" || !in[fb.SessionID] {
			continue
		}
		c.feedback++
		if fb.Rating != nil {
			c.rated++
			if *fb.Rating >= 4 {
				c.positive++
			}
		}
		switch fb.EthnicGroup {
		case "asian", "black", "mixed", "other":
			c.minority++
			c.stated++
		case "white":
			c.stated++
		}
		if fb.QuoteConsent {
			c.quotes++
		}
		if fb.NeedsResponse {
			c.needs++
		}
		if strings.HasPrefix(fb.Borough, "E09") {
			c.boroughs[fb.Borough] = true
		}
	}
	return c
}

// Every formula in a chart (series name, categories, values) must be a valid reference
// to cells of the workbook: Excel offers to repair a file whose chart holds anything
// else (LibreOffice does not mind, so the LibreOffice check cannot see it).
func TestChartReferences(t *testing.T) {
	x, _, _ := writeBook(t, fixture(), quarter, Options{})
	refRE := regexp.MustCompile(`^'([^']+)'!\$([A-Z]+)\$(\d+)(:\$([A-Z]+)\$(\d+))?$`)
	fRE := regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	charts, refs := 0, 0
	x.Pkg.Range(func(k, v any) bool {
		name := k.(string)
		if !strings.HasPrefix(name, "xl/charts/chart") {
			return true
		}
		charts++
		for _, m := range fRE.FindAllStringSubmatch(string(v.([]byte)), -1) {
			refs++
			f := html.UnescapeString(m[1])
			r := refRE.FindStringSubmatch(f)
			if r == nil {
				t.Errorf("%s: %q is not a cell reference", name, f)
				continue
			}
			if !slices.Contains(x.GetSheetList(), r[1]) {
				t.Errorf("%s: %q names no sheet", name, m[1])
			}
			if r[4] == "" { // a series name: the header cell holds text
				if v, _ := x.GetCellValue(r[1], r[2]+r[3]); v == "" {
					t.Errorf("%s: series name %q is an empty cell", name, m[1])
				}
			}
		}
		return true
	})
	if charts < 7 || refs < 3*charts {
		t.Errorf("%d charts, %d references", charts, refs)
	}
}

func TestSummaryFigures(t *testing.T) {
	src := fixture()
	x, _, _ := writeBook(t, src, quarter, Options{})
	c := countByHand(src, quarter.From, quarter.To)
	if c.sessions != 6 || c.feedback != 74 { // the fixture itself, so that a broken fixture cannot pass
		t.Fatalf("fixture: %d sessions, %d feedback", c.sessions, c.feedback)
	}
	const S = "Summary"
	val := func(label string) (string, string) {
		r := findRow(t, x, S, label)
		if r == 0 {
			t.Fatalf("Summary has no %q row", label)
		}
		return raw(t, x, S, ref(2, r)), ref(2, r)
	}
	wantInt := func(label string, n int) {
		t.Helper()
		v, cell := val(label)
		if v != strconv.Itoa(n) || !isNumber(t, x, S, cell) {
			t.Errorf("%s = %q, want the number %d", label, v, n)
		}
	}
	wantPct := func(label string, num, den int) {
		t.Helper()
		v, cell := val(label)
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(f-float64(num)/float64(den)) > 1e-9 || !isNumber(t, x, S, cell) {
			t.Errorf("%s = %q, want %d/%d", label, v, num, den)
		}
		if id, _ := numFmt(t, x, S, cell); id != 9 && id != 10 {
			t.Errorf("%s: number format %d, want a percentage", label, id)
		}
	}
	wantInt("Sessions held", c.held)
	wantInt("Sessions planned", c.planned)
	wantInt("People reached", c.attendees)
	wantInt("Feedback items", c.feedback)
	wantPct("FFT % positive", c.positive, c.rated)
	wantPct("% from ethnic minority groups", c.minority, c.stated)
	wantInt("Boroughs covered", len(c.boroughs))
	wantInt("Quotes allowed", c.quotes)
	wantInt("Needing a response", c.needs)
	if v, _ := val("% from Core20 areas"); v != "Not recorded" {
		t.Errorf("Core20 = %q", v)
	}
	for _, label := range []string{"Actions completed", "% communicated back", "Outcomes by magnitude", "LEP hours", "LEP payments"} {
		if v, _ := val(label); v != NoneRecordedText {
			t.Errorf("%s = %q", label, v)
		}
	}
	r := findRow(t, x, S, "Boroughs covered")
	names := raw(t, x, S, ref(3, r))
	ref := involve.Reference()
	for code := range c.boroughs {
		if l := involve.LabelOf(ref.Boroughs, code); !strings.Contains(names, l) {
			t.Errorf("borough %s missing from %q", l, names)
		}
	}
	if strings.Contains(names, "Bromley") { // s7 is outside the period
		t.Errorf("out-of-period borough listed: %q", names)
	}
	if got := raw(t, x, S, "A2"); got != "Period: 2026-01-01 to 2026-03-31" {
		t.Errorf("filter in words: %q", got)
	}
	// ratings table: Very good count by hand
	vg := 0
	for _, fb := range src.FeedbackList {
		if fb.Rating != nil && *fb.Rating == 5 && fb.DeletedAt == "" && fb.SessionID != "s7" && fb.SessionID != "s8" {
			vg++
		}
	}
	if r := findRow(t, x, S, "Very good"); r == 0 || raw(t, x, S, fmt.Sprintf("B%d", r)) != strconv.Itoa(vg) {
		t.Errorf("Very good row: want %d", vg)
	}
	if r := findRow(t, x, S, "Outreach stall"); r == 0 || raw(t, x, S, fmt.Sprintf("B%d", r)) != "1" {
		t.Errorf("sessions by type: outreach stall")
	}
}

func TestCellTypes(t *testing.T) {
	x, _, _ := writeBook(t, fixture(), quarter, Options{})
	// Sessions: date, attendees
	if !isNumber(t, x, "Sessions", "A2") {
		t.Errorf("Sessions!A2 not a number: %q", raw(t, x, "Sessions", "A2"))
	}
	if _, code := numFmt(t, x, "Sessions", "A2"); !isDateFmt(code) {
		t.Errorf("Sessions!A2 format %q, want a date", code)
	}
	if v, _ := x.GetCellValue("Sessions", "A2"); v != "12 Jan 2026" {
		t.Errorf("Sessions!A2 shows %q", v)
	}
	if raw(t, x, "Sessions", "A2") != "46034" { // 2026-01-12 as an Excel serial date
		t.Errorf("Sessions!A2 serial %q", raw(t, x, "Sessions", "A2"))
	}
	if !isNumber(t, x, "Sessions", "K2") || raw(t, x, "Sessions", "K2") != "35" {
		t.Errorf("attendees not the number 35: %q", raw(t, x, "Sessions", "K2"))
	}
	if got := raw(t, x, "Sessions", "M2"); got != "1 Inclusive opportunities; 5 Impact" {
		t.Errorf("standards %q", got)
	}
	if got := raw(t, x, "Sessions", "C2"); got != "Maternity voices" {
		t.Errorf("project %q", got)
	}
	// Feedback date is the session's
	if !isNumber(t, x, "Feedback", "A2") {
		t.Errorf("Feedback!A2 not a date number")
	}
	// Notes: generated at is a date-time
	r := findRow(t, x, "Notes", "Generated at")
	if r == 0 || !isNumber(t, x, "Notes", ref(2, r)) {
		t.Fatalf("Notes generated at not a number")
	}
	if _, code := numFmt(t, x, "Notes", ref(2, r)); !strings.Contains(code, "hh:mm") {
		t.Errorf("generated at format %q", code)
	}
	// Reach: counts numeric, percentages numeric with %
	rr := findRow(t, x, "Reach and diversity", "Asian, Asian British or Asian Welsh")
	if rr == 0 || !isNumber(t, x, "Reach and diversity", ref(2, rr)) || !isNumber(t, x, "Reach and diversity", ref(3, rr)) {
		t.Fatalf("reach asian row %d not numeric", rr)
	}
	if id, _ := numFmt(t, x, "Reach and diversity", ref(3, rr)); id != 9 {
		t.Errorf("reach %% format %d", id)
	}
	if raw(t, x, "Reach and diversity", ref(2, rr)) != "12" {
		t.Errorf("asian count %q", raw(t, x, "Reach and diversity", ref(2, rr)))
	}
}

func TestSuppression(t *testing.T) {
	x, _, _ := writeBook(t, fixture(), quarter, Options{})
	const R = "Reach and diversity"
	if !strings.Contains(raw(t, x, R, "A2"), "<5") {
		t.Errorf("no suppression note at the top: %q", raw(t, x, R, "A2"))
	}
	var eth int
	for i, r := range rows(t, x, R) {
		if len(r) > 0 && r[0] == "Ethnic group" {
			eth = i + 1
		}
	}
	if eth == 0 {
		t.Fatal("no Ethnic group block")
	}
	at := func(label string) (string, string) {
		for i, r := range rows(t, x, R)[eth:] {
			if len(r) > 0 && r[0] == label {
				row := eth + i + 1
				return raw(t, x, R, ref(2, row)), raw(t, x, R, ref(3, row))
			}
		}
		t.Fatalf("no %q row", label)
		return "", ""
	}
	if n, p := at("Mixed or Multiple ethnic groups"); n != "<5" || p != "–" {
		t.Errorf("3 people shown as %q %q, want <5 –", n, p)
	}
	if n, p := at("Prefer not to say"); n != "*" || p != "–" {
		t.Errorf("complementary 6 shown as %q %q, want * –", n, p)
	}
	if n, _ := at("White"); n != "34" {
		t.Errorf("white %q", n)
	}
	if n, _ := at("Not stated"); n != "10" {
		t.Errorf("not stated %q", n)
	}
	if n, _ := at("Other ethnic group"); n != "0" {
		t.Errorf("zero shown as %q", n)
	}
	// nothing on any sheet reveals the 3 next to the mixed label
	for _, r := range rows(t, x, R) {
		if len(r) > 1 && r[0] == "Mixed or Multiple ethnic groups" && r[1] == "3" {
			t.Errorf("suppressed count revealed")
		}
	}
}

func TestQuoteConsent(t *testing.T) {
	src := fixture()
	x, _, path := writeBook(t, src, quarter, Options{})
	rs := rows(t, x, "Feedback")
	want := 0
	for _, fb := range src.FeedbackList {
		if fb.DeletedAt == "" && fb.SessionID != "s7" && fb.SessionID != "s8" {
			want++
		}
	}
	if len(rs)-1 != want {
		t.Fatalf("feedback rows %d, want %d", len(rs)-1, want)
	}
	shown, hidden := 0, 0
	for _, r := range rs[1:] {
		switch r[6] {
		case "Yes":
			shown++
			if r[11] == NoConsentText || strings.Contains(r[11], "secret") {
				t.Errorf("consented text hidden or wrong: %q", r[11])
			}
		case "No":
			hidden++
			if r[11] != NoConsentText {
				t.Errorf("text shown without consent: %q", r[11])
			}
		default:
			t.Errorf("quote consent %q", r[6])
		}
	}
	if shown == 0 || hidden == 0 {
		t.Fatalf("fixture has shown %d hidden %d", shown, hidden)
	}
	// not anywhere in the file, compressed or not
	for _, sheet := range x.GetSheetList() {
		for _, r := range rows(t, x, sheet) {
			for _, c := range r {
				if strings.Contains(c, "secret") {
					t.Errorf("%s holds unconsented text %q", sheet, c)
				}
			}
		}
	}
	_ = path
}

func TestTextEdgeCases(t *testing.T) {
	src := fixture()
	long := strings.Repeat("Long note. ", 4000)[:40000]
	src.SessionList[0].Notes = long
	src.SessionList[1].Notes = "ctrl\x00a\x07b\x1Fc\x0Bd\uFFFEe\tf"
	src.SessionList[2].Title = "=1+1"
	x, _, _ := writeBook(t, src, quarter, Options{})
	const F = "Feedback"
	rs := rows(t, x, F)
	texts := map[string]int{}
	for i, r := range rs {
		if len(r) > 11 {
			texts[r[11]] = i + 1
		}
	}
	for _, want := range edgeTexts {
		row, ok := texts[want]
		if !ok {
			t.Errorf("text %q did not round-trip", want)
			continue
		}
		cell := ref(12, row)
		if f, err := x.GetCellFormula(F, cell); err != nil || f != "" {
			t.Errorf("%q became a formula %q (%v)", want, f, err)
		}
		if typ, _ := x.GetCellType(F, cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%q: cell type %v, want a string", want, typ)
		}
	}
	// 40,000-character note: cut with the marker, within Excel's limit
	notes := raw(t, x, "Sessions", "Q2")
	if n := utf16Len(notes); n > MaxCellChars || n < MaxCellChars-100 {
		t.Errorf("long note is %d characters", n)
	}
	if !strings.HasSuffix(notes, "… [truncated: full text is 40000 characters]") || !strings.HasPrefix(notes, "Long note. Long note.") {
		t.Errorf("long note marker: …%q", notes[len(notes)-60:])
	}
	if got := raw(t, x, "Sessions", "Q3"); got != "ctrlabcde\tf" {
		t.Errorf("control characters: %q", got)
	}
	if f, _ := x.GetCellFormula("Sessions", "B4"); f != "" || raw(t, x, "Sessions", "B4") != "=1+1" {
		t.Errorf("title =1+1: formula %q value %q", f, raw(t, x, "Sessions", "B4"))
	}
	if got := raw(t, x, "Summary", "A2"); got == "" {
		t.Error("summary filter line empty")
	}
	// project names with & survive on the GRIPP2 sheet
	if findRow(t, x, "GRIPP2 short form", "A&E waiting & access") == 0 {
		t.Errorf("GRIPP2 project with & missing")
	}
}

func TestCellText(t *testing.T) {
	emoji := strings.Repeat("😀", 20000) // 40,000 UTF-16 units
	got := cellText(emoji)
	if n := utf16Len(got); n > MaxCellChars {
		t.Errorf("emoji text %d units", n)
	}
	if !strings.HasSuffix(got, "[truncated: full text is 20000 characters]") {
		t.Errorf("emoji marker missing")
	}
	if s := strings.Repeat("a", MaxCellChars); cellText(s) != s {
		t.Errorf("text at the limit changed")
	}
	if s := strings.Repeat("a", MaxCellChars+1); utf16Len(cellText(s)) > MaxCellChars || !strings.Contains(cellText(s), "truncated") {
		t.Errorf("text over the limit by one not cut")
	}
	if got := cleanText("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}

func TestEmptyPeriod(t *testing.T) {
	x, fig, _ := writeBook(t, fixture(), report.Filter{From: "2030-01-01", To: "2030-12-31"}, Options{})
	if fig.Sessions != 0 || fig.FeedbackItems != 0 {
		t.Fatalf("figures %+v", fig)
	}
	if len(x.GetSheetList()) != len(Sheets) {
		t.Errorf("sheets %q", x.GetSheetList())
	}
	for _, sheet := range []string{"Sessions", "Feedback", "Themes", "You said we did", "Outcomes and impact", "LEP contribution", "GRIPP2 short form"} {
		if got := raw(t, x, sheet, "A2"); got != NoRecordsText {
			t.Errorf("%s!A2 = %q", sheet, got)
		}
		if tables, _ := x.GetTables(sheet); len(tables) != 0 {
			t.Errorf("%s has a table with no rows", sheet)
		}
	}
	if r := findRow(t, x, "Summary", "Sessions held"); r == 0 || raw(t, x, "Summary", ref(2, r)) != "0" {
		t.Errorf("summary sessions held")
	}
	if r := findRow(t, x, "Summary", "FFT % positive"); r == 0 || raw(t, x, "Summary", ref(2, r)) != "–" {
		t.Errorf("FFT with no ratings should be –")
	}
}

func TestExactlyOneRecord(t *testing.T) {
	src := &report.MemSource{
		SessionList:  []involve.Session{{Meta: involve.Meta{ID: "s1"}, SessionInput: involve.SessionInput{Title: "Only", Date: "2026-02-02", Type: "workshop", Status: "held", Attendees: 3}}},
		FeedbackList: []involve.Feedback{{Meta: involve.Meta{ID: "f1"}, FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "Only one", QuoteConsent: true, Rating: ip(5), EthnicGroup: "asian"}}},
	}
	x, _, _ := writeBook(t, src, report.Filter{}, Options{})
	for _, sheet := range []string{"Sessions", "Feedback"} {
		rs := rows(t, x, sheet)
		if len(rs) != 2 {
			t.Errorf("%s rows %d", sheet, len(rs))
		}
		tables, _ := x.GetTables(sheet)
		if len(tables) != 1 || !strings.HasSuffix(tables[0].Range, "2") {
			t.Errorf("%s tables %+v", sheet, tables)
		}
	}
	if got := raw(t, x, "Feedback", "L2"); got != "Only one" {
		t.Errorf("text %q", got)
	}
	if r := findRow(t, x, "Summary", "People reached"); raw(t, x, "Summary", ref(2, r)) != "<5" {
		t.Errorf("3 people reached shown as %q", raw(t, x, "Summary", ref(2, r)))
	}
	if r := findRow(t, x, "Summary", "% from ethnic minority groups"); raw(t, x, "Summary", ref(2, r)) != "–" {
		t.Errorf("1 of 1 ethnic minority shown")
	}
}

func TestRowLimitContinuation(t *testing.T) {
	src := bigSource(3, 23)
	var progress [][2]int
	x, _, _ := writeBook(t, src, report.Filter{}, Options{MaxRowsPerSheet: 10, Progress: func(d, n int) { progress = append(progress, [2]int{d, n}) }})
	want := []string{"Summary", "Sessions", "Reach and diversity", "Feedback", "Feedback (2)", "Feedback (3)", "Themes"}
	if got := x.GetSheetList(); !slices.Equal(got[:len(want)], want) || len(got) != len(Sheets)+2 {
		t.Fatalf("sheets %q", got)
	}
	total, names := 0, map[string]bool{}
	for _, sheet := range []string{"Feedback", "Feedback (2)", "Feedback (3)"} {
		rs := rows(t, x, sheet)
		if len(rs) > 10 {
			t.Errorf("%s has %d rows", sheet, len(rs))
		}
		if !slices.Equal(rs[0], rows(t, x, "Feedback")[0]) {
			t.Errorf("%s header %q", sheet, rs[0])
		}
		total += len(rs) - 1
		tables, _ := x.GetTables(sheet)
		if len(tables) != 1 {
			t.Fatalf("%s tables %v", sheet, tables)
		}
		if names[tables[0].Name] {
			t.Errorf("table name %s used twice", tables[0].Name)
		}
		names[tables[0].Name] = true
		if panes, _ := x.GetPanes(sheet); !panes.Freeze {
			t.Errorf("%s not frozen", sheet)
		}
	}
	if total != 23 {
		t.Errorf("feedback rows %d, want 23", total)
	}
	// rows keep their order across sheets
	// rows keep their order across sheets: 9 + 9 + 5, item 10 second on the second sheet
	if n1, n2, n3 := len(rows(t, x, "Feedback")), len(rows(t, x, "Feedback (2)")), len(rows(t, x, "Feedback (3)")); n1 != 10 || n2 != 10 || n3 != 6 {
		t.Errorf("rows per sheet %d %d %d", n1, n2, n3)
	}
	if got := rows(t, x, "Feedback (2)")[2][11]; got != src.FeedbackList[10].Text {
		t.Errorf("continuation out of order: %q", got)
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{26, 26} {
		t.Errorf("progress %v", progress)
	}
}

func TestProgressEveryThousand(t *testing.T) {
	src := bigSource(10, 2500)
	var calls [][2]int
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, src, report.Filter{}, Options{Progress: func(d, n int) { calls = append(calls, [2]int{d, n}) }}); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{1000, 2510}, {2000, 2510}, {2510, 2510}}
	if !slices.Equal(calls, want) {
		t.Errorf("progress %v, want %v", calls, want)
	}
}

// cancelSource cancels the context after n feedback items, and itself ignores ctx (as
// a slow source might), so that only the writer's own checks can stop it.
type cancelSource struct {
	*report.MemSource
	n, seen int
	cancel  context.CancelFunc
}

func (c *cancelSource) Feedback(_ context.Context, f report.Filter, fn func(*involve.Feedback) error) error {
	i := 0
	return c.MemSource.Feedback(context.Background(), f, func(fb *involve.Feedback) error {
		c.seen++
		if i++; i == c.n {
			c.cancel()
		}
		return fn(fb)
	})
}

func TestCancelLeavesNoPartialFile(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &cancelSource{MemSource: bigSource(5, 3000), n: 700, cancel: cancel}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xlsx")
	_, err := WriteFile(ctx, path, src, report.Filter{}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
	if src.seen > 700+256 { // ctx is checked every 256 rows
		t.Errorf("went on for %d items after the cancel", src.seen-700)
	}
	// and an existing report is not touched
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	src.cancel, src.n = cancel2, 10
	if _, err := WriteFile(ctx2, path, src, report.Filter{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("second: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("existing file overwritten")
	}
	if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial left")
	}
}

func TestInvalidFilter(t *testing.T) {
	var buf bytes.Buffer
	_, err := Write(context.Background(), &buf, fixture(), report.Filter{From: "2026-13-01"}, Options{})
	if involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("err %v", err)
	}
}

func TestTableName(t *testing.T) {
	bk := &book{tables: map[string]bool{}}
	for _, c := range []struct{ in, want string }{
		{"Feedback", "Feedback"}, {"Feedback (2)", "Feedback_2"}, {"Feedback", "Feedback_3"},
		{"GRIPP2 short form", "GRIPP2_short_form"}, {"2 things", "things"}, {"(((", "Table"},
	} {
		if got := bk.tableName(c.in); got != c.want {
			t.Errorf("tableName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func BenchmarkWorkbook(b *testing.B) {
	src := bigSource(500, 10000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := Write(context.Background(), &buf, src, report.Filter{}, Options{Now: testNow}); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}

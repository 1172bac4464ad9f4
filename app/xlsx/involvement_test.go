package xlsx

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// Names that must never appear anywhere in a workbook or CSV file: contributors'
// names, whether their consent is live (Zelda) or withdrawn (Yusuf).
const (
	liveName      = "Zelda Quartermaine"
	withdrawnName = "Yusuf Abernathy"
)

// withDocs adds the records of outcome-led involvement to the fixture's quarter:
// 3 actions in it (done + told back, not possible, planned and overdue) and 1 outside,
// 2 outcomes in it and 1 outside, 2 contributors with 3 entries in it and 1 outside,
// and a tally on s2 (9 attendees): sex female 6, male 3 (suppressed).
func withDocs(src *report.MemSource) *report.MemSource {
	m := func(id string) involve.Meta { return involve.Meta{ID: id, CreatedAt: "2026-02-01T09:00:00.000Z"} }
	src.DocList = []involve.Doc{
		&involve.Action{Meta: m("a1"), SessionID: "s1", ProjectID: "p1", YouSaid: "Signs are confusing", WeDid: "New signs",
			ThemeID: themeAccess.ID, Owner: "Estates", Due: "2026-02-10", Status: involve.ActionDone,
			DecisionInfluenced: "Signage budget", CommunicatedOn: "2026-03-01", Channel: "newsletter", Published: true},
		&involve.Action{Meta: m("a2"), SessionID: "s3", ProjectID: "p2", YouSaid: "Open on Sundays", Status: involve.ActionNotPossible,
			ReasonNotPossible: "No staff"},
		&involve.Action{Meta: m("a3"), SessionID: "s4", ProjectID: "p2", YouSaid: "=cmd() text", Status: involve.ActionPlanned, Due: "2026-03-01"},
		&involve.Action{Meta: m("a4"), SessionID: "s7", ProjectID: "p1", YouSaid: "Last year's action", Status: involve.ActionDone, WeDid: "x"},
		&involve.Outcome{Meta: m("o1"), ProjectID: "p1", Date: "2026-03-10", Description: "Clinic hours changed",
			ImpactOn: []string{"decision", "implementation"}, Direction: "positive", Intended: true, Magnitude: "decision_changed",
			Evidence: "Board minutes", EvidenceLink: "https://example.org/minutes", Standards: []string{"5"}},
		&involve.Outcome{Meta: m("o2"), ProjectID: "p2", Date: "2026-02-20", Description: "Leaflet rewritten",
			ImpactOn: []string{"materials"}, Direction: "positive", Magnitude: "minor"},
		&involve.Outcome{Meta: m("o3"), ProjectID: "p2", Date: "2025-10-01", Description: "Old outcome", Direction: "positive", Magnitude: "minor"},
		&involve.Contributor{Meta: m("c1"), Name: liveName, Number: 3, ContactDetails: "zelda@example.org"},
		&involve.Contributor{Meta: m("c2"), Name: withdrawnName, Number: 4, ConsentWithdrawnAt: "2026-03-01T00:00:00.000Z"},
		&involve.TimeEntry{Meta: m("e1"), ContributorID: "c1", SessionID: "s1", Date: "2026-01-12", MinutesAttend: 120, MinutesTravel: 30,
			FeePence: 5025, ExpensesPence: 740, ClaimedOn: "2026-01-13", ApprovedOn: "2026-01-14", PaidOn: "2026-01-27"},
		&involve.TimeEntry{Meta: m("e2"), ContributorID: "c1", ProjectID: "p1", Task: "Reading", Date: "2026-02-02", MinutesPrep: 60,
			FeePence: 2000, ClaimedOn: "2026-02-03"},
		&involve.TimeEntry{Meta: m("e3"), ContributorID: "c2", SessionID: "s3", Date: "2026-02-03", MinutesAttend: 90, FeePence: 3000,
			ClaimedOn: "2026-02-04", ApprovedOn: "2026-02-05", PaidOn: "2026-02-10"},
		&involve.TimeEntry{Meta: m("e4"), ContributorID: "c2", SessionID: "s7", Date: "2025-11-02", MinutesAttend: 90, FeePence: 99999},
		&involve.Tally{Meta: m("t1"), SessionID: "s2",
			Sex: &involve.TallyDim{Basis: involve.BasisSelfReported, Counts: map[string]int{"female": 6, "male": 3}}},
	}
	return src
}

func TestActionsSheet(t *testing.T) {
	x, fig, _ := writeBook(t, withDocs(fixture()), quarter, Options{})
	const S = SheetActions
	rs := rows(t, x, S)
	if len(rs) < 4 {
		t.Fatalf("%d rows on %s, want a header and 3 actions", len(rs), S)
	}
	got := []string{rs[1][0], rs[2][0], rs[3][0]}
	if strings.Join(got, "|") != "Signs are confusing|Open on Sundays|=cmd() text" {
		t.Errorf("actions %q", got)
	}
	if r := rs[1]; r[1] != "New signs" || r[2] != "Access" || r[3] != "Estates" || r[5] != "Done" || r[7] != "Signage budget" ||
		r[9] != "Newsletter" || r[10] != "Yes" {
		t.Errorf("first action row %q", r)
	}
	if rs[2][6] != "No staff" || rs[2][5] != "Not possible" {
		t.Errorf("reason if not done %q", rs[2])
	}
	for _, cell := range []string{"E2", "I2"} { // Due, Communicated back on: real dates
		if !isNumber(t, x, S, cell) {
			t.Errorf("%s!%s = %q is not a date", S, cell, raw(t, x, S, cell))
		} else if _, code := numFmt(t, x, S, cell); !isDateFmt(code) {
			t.Errorf("%s!%s format %q", S, cell, code)
		}
	}
	if typ, _ := x.GetCellType(S, "A4"); typ == excelize.CellTypeFormula {
		t.Errorf("=cmd() became a formula")
	}
	if f, _ := x.GetCellFormula(S, "A4"); f != "" {
		t.Errorf("formula %q", f)
	}
	tables, _ := x.GetTables(S)
	if len(tables) != 1 || tables[0].Range != "A1:K4" {
		t.Errorf("tables %+v", tables)
	}
	// The status table beside it counts the rows.
	status := map[string]string{}
	for _, r := range rs[1:] {
		if len(r) >= 14 && r[12] != "" {
			status[r[12]] = r[13]
		}
	}
	if status["Planned"] != "1" || status["Done"] != "1" || status["Not possible"] != "1" || status["In progress"] != "0" || status["Total"] != "3" {
		t.Errorf("status table %v", status)
	}
	if fig.Actions.Total != 3 || fig.Actions.Overdue != 1 || fig.Actions.CommunicatedBack != 1 {
		t.Errorf("figures %+v", fig.Actions)
	}
	r := findRow(t, x, SheetSummary, "Actions completed")
	if v := raw(t, x, SheetSummary, ref(2, r)); v != "1" || !isNumber(t, x, SheetSummary, ref(2, r)) {
		t.Errorf("Actions completed %q", v)
	}
	r = findRow(t, x, SheetSummary, "% communicated back")
	if v := raw(t, x, SheetSummary, ref(2, r)); v != "0.5" {
		t.Errorf("%% communicated back %q, want 1 of 2 closed", v)
	}
}

func TestOutcomesSheet(t *testing.T) {
	x, _, _ := writeBook(t, withDocs(fixture()), quarter, Options{})
	const S = SheetOutcomes
	rs := rows(t, x, S)
	if len(rs) != 3+6 && len(rs) < 3 { // the magnitude table beside may add rows
		t.Fatalf("rows %d", len(rs))
	}
	// By date: the leaflet (20 Feb) first.
	if rs[1][2] != "Leaflet rewritten" || rs[2][2] != "Clinic hours changed" {
		t.Errorf("outcomes %q / %q", rs[1], rs[2])
	}
	if r := rs[2]; r[1] != "Maternity voices" || r[3] != "Decision; Implementation" || r[4] != "Positive" || r[5] != "Yes" ||
		r[6] != "Decision changed" || !strings.Contains(r[7], "https://example.org/minutes") || r[10] != "5 Impact" {
		t.Errorf("outcome row %q", r)
	}
	if !isNumber(t, x, S, "A2") {
		t.Errorf("outcome date %q not a date", raw(t, x, S, "A2"))
	}
	for _, r := range rs {
		if len(r) > 2 && r[2] == "Old outcome" {
			t.Errorf("an outcome outside the period is listed")
		}
	}
	r := findRow(t, x, SheetSummary, "Outcomes by magnitude")
	if v := raw(t, x, SheetSummary, ref(2, r)); v != "2" || !strings.Contains(raw(t, x, SheetSummary, ref(3, r)), "Decision changed 1") {
		t.Errorf("Summary outcomes %q %q", v, raw(t, x, SheetSummary, ref(3, r)))
	}
}

func TestLEPSheet(t *testing.T) {
	x, fig, path := writeBook(t, withDocs(fixture()), quarter, Options{})
	const S = SheetLEP
	rs := rows(t, x, S)
	if len(rs) < 3 || rs[1][0] != "Contributor 3" || rs[2][0] != "Contributor 4" {
		t.Fatalf("LEP rows %q", rs)
	}
	// Contributor 3 on Maternity voices: e1 (s1, p1) and e2 (p1): 3.5 hours, £70.25 fees, £7.40 expenses.
	if r := rs[1]; r[1] != "Maternity voices" || r[2] != "2" || r[3] != "3.5" || r[4] != "70.25" || r[5] != "7.4" ||
		r[6] != "77.65" || r[7] != "57.65" || r[8] != "14" || r[9] != "14" {
		t.Errorf("Contributor 3's row %q", r)
	}
	if _, code := numFmt(t, x, S, "E2"); !strings.Contains(code, "£") || !isNumber(t, x, S, "E2") {
		t.Errorf("fees cell format %q", code)
	}
	if !isNumber(t, x, S, "D2") {
		t.Errorf("hours not a number")
	}
	if fig.LEP.Entries != 3 || fig.LEP.FeesPence != 5025+2000+3000 || fig.LEP.MaxDaysToPay != 14 || fig.LEP.Contributors != 2 {
		t.Errorf("figures %+v", fig.LEP)
	}
	r := findRow(t, x, SheetSummary, "LEP hours")
	if v := raw(t, x, SheetSummary, ref(2, r)); v != "5" {
		t.Errorf("LEP hours %q, want 5 (150 + 60 + 90 minutes)", v)
	}
	r = findRow(t, x, SheetSummary, "LEP payments")
	if v := raw(t, x, SheetSummary, ref(2, r)); v != "107.65" {
		t.Errorf("LEP payments %q, want fees and expenses due £107.65", v)
	}
	noNames(t, path)
}

// noNames fails if a contributor's name or contact details are anywhere in the file
// (cells, shared strings, document properties: the raw zip members).
func noNames(t *testing.T, path string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var all strings.Builder
	x.Pkg.Range(func(k, v any) bool {
		if b, ok := v.([]byte); ok {
			all.Write(b)
		}
		return true
	})
	for _, sheet := range x.GetSheetList() {
		rs, _ := x.GetRows(sheet)
		for _, r := range rs {
			all.WriteString(strings.Join(r, "\t"))
		}
	}
	for _, secret := range []string{liveName, withdrawnName, "Zelda", "Yusuf", "zelda@example.org"} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("the workbook holds %q", secret)
		}
	}
}

func TestReachSheetFromAttendees(t *testing.T) {
	x, fig, _ := writeBook(t, withDocs(fixture()), quarter, Options{})
	const R = SheetReach
	if fig.ReachCounted != 1 || fig.EthnicMinoritySource != "attendees" {
		t.Fatalf("reach counted %d source %q", fig.ReachCounted, fig.EthnicMinoritySource)
	}
	labels := map[string]int{}
	for i, r := range rows(t, x, R) {
		if len(r) > 0 {
			if _, seen := labels[r[0]]; !seen {
				labels[r[0]] = i + 1
			}
		}
	}
	for _, q := range involve.ReachQuestions() {
		if labels[q.Label] == 0 {
			t.Errorf("no %q block", q.Label)
		}
	}
	for _, l := range []string{"Attendees", "Ethnic group (5 groups)", "Feedback respondents", "Female", "Male"} {
		if labels[l] == 0 {
			t.Errorf("no %q row", l)
		}
	}
	if labels["Attendees"] > labels["Feedback respondents"] {
		t.Errorf("respondents before attendees")
	}
	// Sex on s2 (9 people): female 6, male 3 → "<5", and the complement withheld.
	row := labels["Male"]
	if v := raw(t, x, R, ref(2, row)); v != "<5" {
		t.Errorf("male 3 shown as %q", v)
	}
	if v := raw(t, x, R, ref(2, labels["Female"])); v != "*" {
		t.Errorf("female 6 shown as %q, want * (the only suppressed count's complement)", v)
	}
	if countCharts(t, x, R) == 0 {
		t.Errorf("no charts on %s", R)
	}
}

func TestDocsCSV(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteCSVDir(context.Background(), dir, withDocs(fixture()), quarter, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) [][]string {
		b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{liveName, withdrawnName} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s.csv holds %q", name, secret)
			}
		}
		return readCSV(t, b)
	}
	a := read("actions")
	if len(a) != 4 || a[1][4] != "2026-02-10" || a[1][8] != "2026-03-01" || a[3][0] != "'=cmd() text" {
		t.Errorf("actions.csv %q", a)
	}
	if h := a[0]; strings.Join(h, "|") != strings.Join(columnNames(actionColumns), "|") {
		t.Errorf("actions.csv header %q", h)
	}
	o := read("outcomes")
	if len(o) != 3 || o[1][0] != "2026-02-20" || o[2][6] != "Decision changed" {
		t.Errorf("outcomes.csv %q", o)
	}
	l := read("lep")
	if len(l) != 3 || l[1][0] != "Contributor 3" || l[1][3] != "3.50" || l[1][4] != "70.25" || l[1][5] != "7.40" || l[2][0] != "Contributor 4" {
		t.Errorf("lep.csv %q", l)
	}
}

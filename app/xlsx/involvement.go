package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The small sheets of outcome-led involvement: "You said we did" (actions), "Outcomes
// and impact" and "LEP contribution". Their rows come from the report.Builder (the
// records its filter covers, docs/reports.md) once the sessions and feedback have
// streamed past; they number in the hundreds, so they are written with the normal cell
// API, and the same rows make actions.csv, outcomes.csv and lep.csv.

// actionRows are the rows of "You said we did", in the order the actions were made.
func (p *pass) actionRows() [][]any {
	var out [][]any
	for _, a := range p.b.Actions() {
		theme := ""
		if a.ThemeID != "" {
			theme = p.b.ThemeLabel(a.ThemeID)
		}
		said := a.YouSaid
		if !p.b.YouSaidQuotable(a) {
			said = NoConsentText
		}
		out = append(out, []any{said, a.WeDid, theme, a.Owner, dateValue(a.Due),
			label(involve.ActionStatuses, a.Status), a.ReasonNotPossible, a.DecisionInfluenced,
			dateValue(a.CommunicatedOn), label(involve.ActionChannels, a.Channel), yesNo(a.Published)})
	}
	return out
}

// outcomeRows are the rows of "Outcomes and impact", by date.
func (p *pass) outcomeRows() [][]any {
	var out [][]any
	for _, o := range p.b.Outcomes() {
		areas := make([]string, 0, len(o.ImpactOn))
		for _, c := range o.ImpactOn {
			areas = append(areas, label(involve.ImpactAreas, c))
		}
		evidence := o.Evidence
		if o.EvidenceLink != "" {
			evidence = strings.TrimSpace(evidence + "\n" + o.EvidenceLink)
		}
		date := o.Date
		if date == "" && len(o.CreatedAt) >= 10 {
			date = o.CreatedAt[:10]
		}
		out = append(out, []any{dateValue(date), p.b.ProjectName(o.ProjectID), o.Description, strings.Join(areas, "; "),
			label(involve.ImpactDirections, o.Direction), yesNo(o.Intended), label(involve.ImpactMagnitudes, o.Magnitude),
			evidence, o.ContributorView, o.StaffView, standards(p.ref, o.Standards)})
	}
	return out
}

// lepRows are the rows of "LEP contribution": one per contributor, by pseudonym only,
// and project.
func (p *pass) lepRows() [][]any {
	var out [][]any
	for _, l := range p.b.LEPRows() {
		var med, longest any
		if l.PaidClaims > 0 {
			med, longest = l.MedianDaysToPay, l.MaxDaysToPay
		}
		out = append(out, []any{l.Pseudonym, l.Project, l.Entries, hours(l.Minutes), money(l.FeesPence),
			money(l.ExpensesPence), money(l.ClaimedPence), money(l.PaidPence), med, longest})
	}
	return out
}

// rowTable writes a small row sheet: the header (bold, frozen), the rows typed by
// their columns, and a table with autofilter, or the no-records line.
func (bk *book) rowTable(name string, cols []column, rows [][]any) *sheet {
	w := make([]float64, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		w[i], names[i] = c.Width, c.Name
	}
	s := bk.headedSheet(name, w, names...)
	for i, r := range rows {
		for j, v := range r {
			s.set(j+1, i+2, v, bk.cellStyle(cols[j].Kind))
		}
	}
	if len(rows) == 0 {
		s.set(1, 2, NoRecordsText, bk.st.noData)
	} else {
		s.table(len(cols), 1, len(rows)+1)
	}
	return s
}

// countTable writes a small table of counts beside a row sheet's table (from column
// col, header in row 1) with a column chart of it at chartAt.
func (s *sheet) countTable(col int, head, value, chartTitle, chartAt string, rows []report.Row) {
	st := s.bk.st
	s.widthsFrom(col-1, 2, 18, 10)
	s.set(col, 1, head, st.header)
	s.set(col+1, 1, value, st.header)
	total := 0
	for i, r := range rows {
		s.set(col, 2+i, r.Label, st.text)
		s.set(col+1, 2+i, r.Count, st.integer)
		total += r.Count
	}
	s.set(col, 2+len(rows), "Total", st.label)
	s.set(col+1, 2+len(rows), total, st.integer)
	s.chart(chartAt, excelize.Col, chartTitle, col, col+1, 2, 1+len(rows), maxRow(rows), 480, 260)
}

func (bk *book) actions(fig *report.Figures, rows [][]any) error {
	return bk.countedRowTable(SheetActions, actionColumns, rows, "Status", "Actions", "Actions by status", fig.Actions.ByStatus)
}

func (bk *book) outcomes(fig *report.Figures, rows [][]any) error {
	return bk.countedRowTable(SheetOutcomes, outcomeColumns, rows, "Magnitude", "Outcomes", "Outcomes by magnitude", fig.Outcomes.ByMagnitude)
}

// countedRowTable writes a row sheet with a count table and its chart beside it
// (countTable), printed landscape.
func (bk *book) countedRowTable(name string, cols []column, rows [][]any, head, value, chartTitle string, counts []report.Row) error {
	s := bk.rowTable(name, cols, rows)
	side := len(cols) + 2
	s.countTable(side, head, value, chartTitle, ref(side, 8), counts)
	s.landscape()
	return s.err
}

func (bk *book) lep(fig *report.Figures, rows [][]any) error {
	s := bk.rowTable(SheetLEP, lepColumns, rows)
	st := bk.st
	if len(rows) > 0 {
		l := fig.LEP
		r := len(rows) + 3
		s.set(1, r, "Total", st.label)
		s.set(3, r, l.Entries, st.integer)
		s.set(4, r, hours(l.Minutes), st.decimal)
		s.set(5, r, money(l.FeesPence), st.money)
		s.set(6, r, money(l.ExpensesPence), st.money)
		s.set(8, r, money(l.PaidPence), st.money)
		if l.MaxDaysToPay >= 0 {
			s.set(9, r, l.MedianDaysToPay, st.decimal)
			s.set(10, r, l.MaxDaysToPay, st.integer)
		}
		s.set(1, r+2, LEPNote, st.note)
		s.merge(ref(1, r+2), ref(8, r+2))
		s.rowHeight(r+2, 48)
	}
	s.landscape()
	return s.err
}

// LEPNote is the line under the LEP contribution table.
const LEPNote = "Lived Experience Partners are shown by pseudonym only (\"Contributor N\"), never by name, whether or not their consent is still in place. " +
	"Fees are what is due (an override when there is one; nothing when payment is declined). Claimed and paid are the fees and expenses of the entries with a date claimed or paid."

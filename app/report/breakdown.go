package report

import "github.com/hin-south-london/involve/app/involve"

// A breakdown of one question's answers by one demographic question of the feedback
// item that carries the response (the respondent's age band, ethnic group or
// borough). Every cell is a count of people: each row goes through SuppressList, and
// then, column by column and row by row (a row's total counted as one of its cells),
// wherever exactly one cell is hidden the next smallest is withheld too, until nothing
// changes, so that no hidden cell can be worked out from the question's own totals or
// from a row's total.

// BreakdownRequest chooses a breakdown: a set (family id), one of its questions
// (QuestionResult.Key) and a demographic ("ageBand", "ethnicGroup" or "borough").
type BreakdownRequest struct {
	SetID    string `json:"setId"`
	Question string `json:"question"`
	By       string `json:"by"`
}

// BreakdownBy are the demographics a breakdown offers.
var BreakdownBy = []Label{{"ageBand", "Age band"}, {"ethnicGroup", "Ethnic group"}, {"borough", "Borough where they live"}}

// Breakdown is one question's answers by one demographic.
type Breakdown struct {
	SetID    string         `json:"setId"`
	Question string         `json:"question"` // QuestionResult.Key
	Label    string         `json:"label"`    // the question
	By       string         `json:"by"`
	ByLabel  string         `json:"byLabel"`
	Multi    bool           `json:"multi,omitempty"` // a person may be in several columns
	Columns  []Label        `json:"columns"`         // the answers, then Prefer not to say, Not answered
	Rows     []BreakdownRow `json:"rows"`            // the demographic's answers given, then Not stated
}

// BreakdownRow is one answer of the demographic: people asked, and per column.
type BreakdownRow struct {
	Code  string  `json:"code"`
	Label string  `json:"label"`
	Total Count   `json:"total"`
	Cells []Count `json:"cells"`
}

type bdAcc struct {
	fam, by string
	g       *groupAcc
	cols    []Label
	col     map[string]int
	rows    map[string][]int // demographic code → counts per column
	totals  map[string]int
}

// Breakdown asks the builder for a breakdown (before any response is added). A request
// naming no known set, question or demographic, or a question whose answers are not
// choices, asks for none.
func (qb *QuestionBuilder) Breakdown(r BreakdownRequest) {
	qb.bd = nil
	fa := qb.families[r.SetID]
	if fa == nil || LabelOfCode(BreakdownBy, r.By) == "" {
		return
	}
	for _, g := range fa.groups {
		if g.key != r.Question || !g.q.HasChoices() {
			continue
		}
		bd := &bdAcc{fam: fa.id, by: r.By, g: g, col: map[string]int{}, rows: map[string][]int{}, totals: map[string]int{}}
		for _, c := range choicesOf(g.q) {
			bd.col[c.Code] = len(bd.cols)
			bd.cols = append(bd.cols, Label{c.Code, c.Label})
		}
		bd.col[involve.ChoicePreferNot] = len(bd.cols)
		bd.cols = append(bd.cols, Label{involve.ChoicePreferNot, "Prefer not to say"})
		bd.cols = append(bd.cols, Label{"", "Not answered"})
		qb.bd = bd
		return
	}
}

// LabelOfCode is the label of code in list ("" when absent).
func LabelOfCode(list []Label, code string) string {
	for _, l := range list {
		if l.Code == code {
			return l.Label
		}
	}
	return ""
}

func (bd *bdAcc) add(r *ResponseRow, a *involve.Answer) {
	code := r.AgeBand
	switch bd.by {
	case "ethnicGroup":
		code = r.EthnicGroup
	case "borough":
		code = r.Borough
	}
	row := bd.rows[code]
	if row == nil {
		row = make([]int, len(bd.cols))
		bd.rows[code] = row
	}
	bd.totals[code]++
	switch {
	case a == nil:
		row[len(row)-1]++
	case a.PreferNot:
		row[bd.col[involve.ChoicePreferNot]]++
	default:
		for _, c := range a.Choices {
			if i, ok := bd.col[c]; ok {
				row[i]++
			}
		}
	}
}

func (bd *bdAcc) result() *Breakdown {
	g := bd.g
	out := &Breakdown{SetID: bd.fam, Question: g.key, Label: g.q.Text, By: bd.by, ByLabel: LabelOfCode(BreakdownBy, bd.by),
		Multi: g.q.Type == involve.QuestionMultiple || g.q.Type == involve.QuestionRanking, Columns: bd.cols, Rows: []BreakdownRow{}}
	ref := involve.Reference()
	list := map[string][]involve.RefItem{"ageBand": ref.AgeBands, "ethnicGroup": ref.EthnicGroups, "borough": ref.Boroughs}[bd.by]
	if bd.by == "ageBand" {
		list = append(append([]involve.RefItem(nil), list...), involve.LegacyAgeBands...)
	}
	type rowN struct {
		code, label string
		cells       []int
		total       int
	}
	var rows []rowN
	seen := map[string]bool{"": true}
	for _, it := range list {
		seen[it.Code] = true
		if n := bd.totals[it.Code]; n > 0 {
			rows = append(rows, rowN{it.Code, it.Label, bd.rows[it.Code], n})
		}
	}
	other := rowN{code: "other_answer", label: "Other answer", cells: make([]int, len(bd.cols))}
	for code, n := range bd.totals {
		if !seen[code] {
			other.total += n
			for i, v := range bd.rows[code] {
				other.cells[i] += v
			}
		}
	}
	if other.total > 0 {
		rows = append(rows, other)
	}
	if n := bd.totals[""]; n > 0 {
		rows = append(rows, rowN{"", "Not stated", bd.rows[""], n})
	}
	grid := make([][]Category, len(rows))
	for i, r := range rows {
		grid[i] = make([]Category, len(r.cells))
		for j, n := range r.cells {
			grid[i][j].Count.N = n
		}
		SuppressList(grid[i], r.total)
		grid[i] = append(grid[i], Category{Count: NewCount(r.total)}) // the row's total: a cell too
	}
	suppressGrid(grid)
	for i, r := range rows {
		br := BreakdownRow{Code: r.code, Label: r.label, Total: grid[i][len(r.cells)].Count, Cells: make([]Count, len(r.cells))}
		for j := range r.cells {
			br.Cells[j] = grid[i][j].Count
		}
		out.Rows = append(out.Rows, br)
	}
	return out
}

// suppressGrid withholds, in any row or column with exactly one hidden non-zero cell,
// the smallest shown non-zero cell beside it, until no row or column has exactly one.
func suppressGrid(grid [][]Category) {
	if len(grid) == 0 {
		return
	}
	cols := len(grid[0])
	for changed := true; changed; {
		changed = false
		lines := make([][]*Count, 0, len(grid)+cols)
		for i := range grid {
			line := make([]*Count, cols)
			for j := range grid[i] {
				line[j] = &grid[i][j].Count
			}
			lines = append(lines, line)
		}
		for j := 0; j < cols; j++ {
			line := make([]*Count, len(grid))
			for i := range grid {
				line[i] = &grid[i][j].Count
			}
			lines = append(lines, line)
		}
		for _, line := range lines {
			hidden := 0
			var best *Count
			for _, c := range line {
				switch {
				case c.N > 0 && c.Hidden():
					hidden++
				case c.N > 0 && (best == nil || c.N < best.N):
					best = c
				}
			}
			if hidden == 1 && best != nil {
				best.Withheld = true
				changed = true
			}
		}
	}
}

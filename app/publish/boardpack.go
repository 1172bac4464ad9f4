package publish

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The board pack (issue 16): for a period, a project or the whole team, what a board
// or a funder reads, outcomes first. It is built from the same report model as the
// Reports screen and the workbook (report.Stream's Builder), then written as a PDF
// (BoardPackPDF) or an editable Word document (BoardPackDOCX). A board paper is often
// published, so it is as strict as the public outputs: consented quotes only, Lived
// Experience Partners by pseudonym, small numbers suppressed, no staff name or id.

// The board pack's limits: a board reads pages, not a database. What is left out is
// counted in the pack and is in the workbook.
const (
	MaxStories      = 12 // outcome stories, the largest changes first
	MaxYouSaid      = 20 // "you said, we did" items, the newest first
	MaxLEPRows      = 20 // contributors, the most hours first
	StandardsShown  = 4  // the self-assessment's last assessments
	BoardPackTitle  = "Involvement board pack"
	boardQuoteLimit = 400 // characters of a quote before it is shortened
)

// BoardPackOptions say who makes the pack and when.
type BoardPackOptions struct {
	Team    string // the team's name (Settings); "" leaves it out
	Contact string // the contact line (Settings); "" leaves it out
	Now     time.Time
}

// BoardPack is a board pack's content, in the order it is printed.
type BoardPack struct {
	Title      string   `json:"title"`
	Team       string   `json:"team"`
	Contact    string   `json:"contact"`
	Scope      string   `json:"scope"`      // "The whole team" or the project's name
	Period     string   `json:"period"`     // "1 April 2025 to 31 March 2026", or "All dates"
	FilterText []string `json:"filterText"` // every filter in words (the workbook's Notes)
	Made       string   `json:"made"`       // "6 December 2026"
	Headline   []Figure `json:"headline"`

	// Stories are the outcomes, the largest changes first (decision changed, then
	// substantial…), newest first within each; MoreStories counts those left out.
	Stories      []Story `json:"stories"`
	MoreStories  int     `json:"moreStories"`
	OutcomeChart Chart   `json:"outcomeChart"` // outcomes by size of change

	// YouSaid is "you said, we did": the done actions, as the public page shows them,
	// newest first; MoreYouSaid counts those left out.
	YouSaid     *YouSaidWeDid `json:"youSaid"`
	MoreYouSaid int           `json:"moreYouSaid"`

	// Reach is the Reports screen's reach (attendees when any session was counted,
	// otherwise feedback respondents): age band, ethnic group and borough, each with
	// its chart. ReachSource says which in words.
	Reach       []ReachPart `json:"reach"`
	ReachSource string      `json:"reachSource"`
	// Comparisons set the reach beside each benchmark population a lead imported.
	Comparisons []ComparisonPart `json:"comparisons"`

	LEP       LEPPart                  `json:"lep"`
	Standards report.StandardsTimeline `json:"standards"`

	SuppressionRule string `json:"suppressionRule"`
	// Figures are the report model's figures the pack was made from (for tests and
	// for the screen's summary; not printed as such).
	Figures *report.Figures `json:"-"`
}

// Figure is one headline number.
type Figure struct {
	Label string `json:"label"`
	Value string `json:"value"` // as shown: "1,234", "<5", "87%", "–"
	Note  string `json:"note"`  // what it counts, in a few words ("" none)
}

// Story is one outcome: what changed, the evidence and, when there is one, a quote
// from someone who agreed to be quoted.
type Story struct {
	OutcomeID   string   `json:"-"` // for tests; never written out
	WhatChanged string   `json:"whatChanged"`
	Project     string   `json:"project"`
	Date        string   `json:"date"`      // in words
	Magnitude   string   `json:"magnitude"` // "Decision changed"
	Direction   string   `json:"direction"` // "Positive", "Negative" or ""
	ImpactOn    []string `json:"impactOn"`  // the areas' labels
	Evidence    string   `json:"evidence"`
	// Quote is a feedback item's words, from an item the outcome's actions answer or
	// of the outcome's sessions, whose person agreed to be quoted; "" when none.
	Quote string `json:"quote"`
}

// ReachPart is one reach dimension with its chart.
type ReachPart struct {
	Dimension report.Dimension `json:"dimension"`
	Chart     Chart            `json:"chart"`
}

// ComparisonPart is the reach against one benchmark population, with its chart.
type ComparisonPart struct {
	Comparison report.ReachComparison `json:"comparison"`
	Chart      Chart                  `json:"chart"`
}

// Chart is a horizontal bar chart and, in the same numbers, its data table: the
// documents draw it as an image (ChartPNG) with the table beside it. A hidden count
// (suppressed or withheld) is drawn as no bar and written as its text ("<5", "–").
type Chart struct {
	Title  string   `json:"title"`
	Series []string `json:"series"` // the columns: "People", or "People reached (%)" and "Benchmark (%)"
	Bars   []Bar    `json:"bars"`
	// Percent: the values are percentages (0 to 100), drawn on one 0–100 scale.
	Percent bool `json:"percent"`
	// Alt is the chart's text alternative: what it shows, in a sentence.
	Alt string `json:"alt"`
}

// Bar is one row of a chart: a value per series.
type Bar struct {
	Label  string    `json:"label"`
	Values []float64 `json:"values"` // 0 when hidden
	Texts  []string  `json:"texts"`  // as the table shows them
}

// LEPPart is the Lived Experience Partners' contribution, by pseudonym only.
type LEPPart struct {
	Figures  report.LEPFigures `json:"figures"`
	Hours    string            `json:"hours"`    // "123.5"
	Fees     string            `json:"fees"`     // "£1,234.00"
	Expenses string            `json:"expenses"` // "£56.00"
	Paid     string            `json:"paid"`
	// DaysToPay is the median and longest days from claim to payment, in words ("" when
	// nothing has been paid).
	DaysToPay string    `json:"daysToPay"`
	Rows      []LEPLine `json:"rows"`
	MoreRows  int       `json:"moreRows"` // contributors left out of Rows
}

// LEPLine is one contributor's contribution over the pack's projects.
type LEPLine struct {
	Contributor string `json:"contributor"` // "Contributor 7"
	Projects    int    `json:"projects"`
	Entries     int    `json:"entries"`
	Hours       string `json:"hours"`
	Fees        string `json:"fees"` // fees and expenses due
	Paid        string `json:"paid"`
	minutes     int
}

// BuildBoardPack streams the filter's records through the report model once, then
// reads what the pack adds: the consent of the feedback items it may quote, the
// benchmark populations and the self-assessments. src must also be a
// report.DocSource (the desktop store and the server's source are).
func BuildBoardPack(ctx context.Context, src report.Source, f report.Filter, opt BoardPackOptions) (*BoardPack, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	docs, ok := src.(report.DocSource)
	if !ok {
		return nil, fmt.Errorf("board pack: the source cannot read outcomes and assessments")
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	b, err := report.Stream(ctx, src, f, now)
	if err != nil {
		return nil, err
	}
	fig := b.Figures()
	p := &BoardPack{Title: BoardPackTitle, Team: oneLine(opt.Team), Contact: oneLine(opt.Contact),
		Scope: report.TeamScopeName, Period: periodText(f), FilterText: b.FilterText(),
		Made: involve.LongDate(now.Format("2006-01-02")), SuppressionRule: report.SuppressionRule, Figures: fig}
	if p.Period == "" {
		p.Period = "All dates"
	}
	if f.ProjectID != "" {
		p.Scope = b.ProjectName(f.ProjectID)
	}
	p.Headline = headline(fig)

	ysd, err := buildFrom(ctx, src, b, f, Options{Team: opt.Team, Contact: opt.Contact, Now: now}, now)
	if err != nil {
		return nil, err
	}
	// Newest first (action ids are UUIDv7), at most MaxYouSaid.
	sort.SliceStable(ysd.Items, func(i, j int) bool { return ysd.Items[i].ActionID > ysd.Items[j].ActionID })
	if len(ysd.Items) > MaxYouSaid {
		p.MoreYouSaid = len(ysd.Items) - MaxYouSaid
		ysd.Items = ysd.Items[:MaxYouSaid]
	}
	p.YouSaid = ysd

	if p.Stories, p.MoreStories, err = stories(ctx, src, b); err != nil {
		return nil, err
	}
	p.OutcomeChart = countChart("Outcomes by size of change", "Outcomes", fig.Outcomes.ByMagnitude)

	p.ReachSource = "People who came to sessions (from attendance tallies and profiles)"
	if fig.ReachCounted == 0 {
		p.ReachSource = "People who gave feedback (no session in the period was counted)"
	}
	for _, d := range fig.Reach {
		if d.Code == "ageBand" || d.Code == "ethnicGroup" || d.Code == "borough" {
			p.Reach = append(p.Reach, ReachPart{Dimension: d, Chart: reachChart(d)})
		}
	}
	if p.Comparisons, err = comparisons(ctx, docs, fig.Reach); err != nil {
		return nil, err
	}
	p.LEP = lepPart(fig.LEP, b.LEPRows())
	if p.Standards, err = standards(ctx, docs, f, p.Scope); err != nil {
		return nil, err
	}
	return p, nil
}

// headline is the first page's figures, outcomes and reach first.
func headline(fig *report.Figures) []Figure {
	decisions := 0
	for _, r := range fig.Outcomes.ByMagnitude {
		if r.Code == "decision_changed" {
			decisions = r.Count
		}
	}
	return []Figure{
		{Label: "Outcomes recorded", Value: thousands(fig.Outcomes.Total), Note: "what changed because of involvement"},
		{Label: "Decisions changed", Value: thousands(decisions), Note: "outcomes that changed a decision"},
		{Label: "Actions done", Value: thousands(fig.Actions.Done), Note: "\u201cyou said, we did\u201d"},
		{Label: "Told back", Value: fig.Actions.CommunicatedPct.Text(), Note: "of closed actions, told back to the people who raised them"},
		{Label: "People reached", Value: countText(fig.PeopleReached), Note: "attending sessions"},
		{Label: "Sessions held", Value: thousands(fig.SessionsHeld), Note: ""},
		{Label: "Feedback items", Value: thousands(fig.FeedbackItems), Note: ""},
		{Label: "Rated Very good or Good", Value: fig.FFTPositive.Text(), Note: "Friends and Family Test"},
	}
}

// stories picks the outcomes to tell, the largest changes first, and a quote for each.
func stories(ctx context.Context, src report.Source, b *report.Builder) ([]Story, int, error) {
	outs := append([]*involve.Outcome(nil), b.Outcomes()...)
	rank := map[string]int{}
	for i, m := range involve.ImpactMagnitudes {
		rank[m.Code] = i
	}
	sort.SliceStable(outs, func(i, j int) bool {
		if ri, rj := rank[outs[i].Magnitude], rank[outs[j].Magnitude]; ri != rj {
			return ri > rj
		}
		if di, dj := outcomeDay(outs[i]), outcomeDay(outs[j]); di != dj {
			return di > dj
		}
		return outs[i].ID > outs[j].ID
	})
	more := 0
	if len(outs) > MaxStories {
		more = len(outs) - MaxStories
		outs = outs[:MaxStories]
	}
	// The feedback items each story may quote: those its actions answer, then those of
	// its sessions.
	actions := map[string]*involve.Action{}
	for _, a := range b.Actions() {
		actions[a.ID] = a
	}
	wantFB, wantSession := map[string][]int{}, map[string][]int{}
	for i, o := range outs {
		for _, id := range o.ActionIDs {
			if a := actions[id]; a != nil {
				for _, fid := range a.FeedbackIDs {
					wantFB[fid] = append(wantFB[fid], i)
				}
			}
		}
		for _, sid := range o.SessionIDs {
			wantSession[sid] = append(wantSession[sid], i)
		}
	}
	byAction, bySession := make([]string, len(outs)), make([]string, len(outs))
	if len(wantFB) > 0 || len(wantSession) > 0 {
		err := src.Feedback(ctx, report.Filter{}, func(fb *involve.Feedback) error {
			text := strings.TrimSpace(fb.Text)
			if !fb.QuoteConsent || text == "" || text == involve.ErasedText {
				return nil
			}
			for _, i := range wantFB[fb.ID] {
				if byAction[i] == "" {
					byAction[i] = text
				}
			}
			for _, i := range wantSession[fb.SessionID] {
				if bySession[i] == "" {
					bySession[i] = text
				}
			}
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	list := make([]Story, 0, len(outs))
	for i, o := range outs {
		s := Story{OutcomeID: o.ID, WhatChanged: o.Description, Project: b.ProjectName(o.ProjectID),
			Date: involve.LongDate(outcomeDay(o)), Magnitude: involve.LabelOf(involve.ImpactMagnitudes, o.Magnitude),
			Direction: involve.LabelOf(involve.ImpactDirections, o.Direction), Evidence: o.Evidence, ImpactOn: []string{}}
		for _, a := range o.ImpactOn {
			s.ImpactOn = append(s.ImpactOn, involve.LabelOf(involve.ImpactAreas, a))
		}
		s.Quote = byAction[i]
		if s.Quote == "" {
			s.Quote = bySession[i]
		}
		s.Quote = shorten(s.Quote, boardQuoteLimit)
		list = append(list, s)
	}
	return list, more, nil
}

// outcomeDay is the outcome's date, or the day it was recorded.
func outcomeDay(o *involve.Outcome) string {
	if o.Date != "" {
		return o.Date
	}
	if len(o.CreatedAt) >= 10 {
		return o.CreatedAt[:10]
	}
	return ""
}

// comparisons compares the reach with each live benchmark population, by name.
func comparisons(ctx context.Context, docs report.DocSource, reach []report.Dimension) ([]ComparisonPart, error) {
	var bps []*involve.BenchmarkPopulation
	err := docs.Docs(ctx, involve.EntityBenchmarkPopulation, func(d involve.Doc) error {
		if bp, ok := d.(*involve.BenchmarkPopulation); ok && bp.DeletedAt == "" {
			bps = append(bps, bp)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(bps, func(i, j int) bool {
		if bps[i].Name != bps[j].Name {
			return bps[i].Name < bps[j].Name
		}
		return bps[i].ID < bps[j].ID
	})
	out := []ComparisonPart{}
	for _, bp := range bps {
		c := report.CompareReach(reach, bp)
		out = append(out, ComparisonPart{Comparison: c, Chart: comparisonChart(c)})
	}
	return out, nil
}

// standards is the self-assessment over time of the pack's scope: the project's when
// the filter names one, otherwise the whole team's.
func standards(ctx context.Context, docs report.DocSource, f report.Filter, scopeName string) (report.StandardsTimeline, error) {
	var list []*involve.StandardsAssessment
	err := docs.Docs(ctx, involve.EntityStandardsAssessment, func(d involve.Doc) error {
		if a, ok := d.(*involve.StandardsAssessment); ok {
			list = append(list, a)
		}
		return nil
	})
	if err != nil {
		return report.StandardsTimeline{}, err
	}
	scope := involve.ScopeTeam
	if f.ProjectID != "" {
		scope = f.ProjectID
	}
	return report.StandardsOverTime(list, scope, scopeName, StandardsShown), nil
}

// lepPart adds up the contribution per contributor, the most hours first.
func lepPart(fig report.LEPFigures, rows []report.LEPRow) LEPPart {
	p := LEPPart{Figures: fig, Hours: hours(fig.Minutes), Fees: involve.Pounds(fig.FeesPence),
		Expenses: involve.Pounds(fig.ExpensesPence), Paid: involve.Pounds(fig.PaidPence), Rows: []LEPLine{}}
	if fig.MedianDaysToPay >= 0 {
		p.DaysToPay = fmt.Sprintf("median %s days, longest %d days",
			strconv.FormatFloat(fig.MedianDaysToPay, 'f', -1, 64), fig.MaxDaysToPay)
	}
	type acc struct {
		line       LEPLine
		number     int
		due, paid  int64
		projectSet map[string]bool
	}
	by := map[string]*acc{}
	var order []*acc
	for _, r := range rows {
		a := by[r.ContributorID]
		if a == nil {
			a = &acc{line: LEPLine{Contributor: r.Pseudonym}, number: r.Number, projectSet: map[string]bool{}}
			by[r.ContributorID] = a
			order = append(order, a)
		}
		a.projectSet[r.ProjectID] = true
		a.line.Entries += r.Entries
		a.line.minutes += r.Minutes
		a.due += r.FeesPence + r.ExpensesPence
		a.paid += r.PaidPence
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].line.minutes != order[j].line.minutes {
			return order[i].line.minutes > order[j].line.minutes
		}
		return order[i].number < order[j].number
	})
	for i, a := range order {
		if i == MaxLEPRows {
			p.MoreRows = len(order) - MaxLEPRows
			break
		}
		l := a.line
		l.Projects, l.Hours, l.Fees, l.Paid = len(a.projectSet), hours(l.minutes), involve.Pounds(a.due), involve.Pounds(a.paid)
		p.Rows = append(p.Rows, l)
	}
	return p
}

// countChart charts counts that are not people (never suppressed).
func countChart(title, series string, rows []report.Row) Chart {
	c := Chart{Title: title, Series: []string{series}, Bars: []Bar{}}
	var parts []string
	for _, r := range rows {
		c.Bars = append(c.Bars, Bar{Label: r.Label, Values: []float64{float64(r.Count)}, Texts: []string{thousands(r.Count)}})
		parts = append(parts, r.Label+" "+thousands(r.Count))
	}
	c.Alt = title + ": " + strings.Join(parts, ", ") + "."
	return c
}

// reachChart charts a reach dimension's people; hidden counts have no bar.
func reachChart(d report.Dimension) Chart {
	c := Chart{Title: d.Label, Series: []string{"People"}, Bars: []Bar{}}
	var parts []string
	for _, cat := range d.Categories {
		v := 0.0
		if !cat.Count.Hidden() {
			v = float64(cat.Count.N)
		}
		c.Bars = append(c.Bars, Bar{Label: cat.Label, Values: []float64{v}, Texts: []string{cat.Count.Text()}})
		parts = append(parts, cat.Label+" "+cat.Count.Text())
	}
	c.Alt = "People reached by " + strings.ToLower(d.Label) + ": " + strings.Join(parts, ", ") + "."
	return c
}

// comparisonChart sets our share beside the benchmark's, in percent.
func comparisonChart(cmp report.ReachComparison) Chart {
	c := Chart{Title: cmp.DimensionLabel + " against " + cmp.BenchmarkName, Percent: true,
		Series: []string{"People reached (%)", "Benchmark (%)"}, Bars: []Bar{}}
	var parts []string
	for _, r := range cmp.Rows {
		ours := 0.0
		if r.Percent.Known() {
			ours = r.Percent.Fraction() * 100
		}
		c.Bars = append(c.Bars, Bar{Label: r.Label, Values: []float64{ours, r.BenchmarkPercent},
			Texts: []string{r.PercentText, r.BenchmarkText}})
		parts = append(parts, fmt.Sprintf("%s %s against %s", r.Label, r.PercentText, r.BenchmarkText))
	}
	c.Alt = "Share of people reached against " + cmp.BenchmarkName + ", by " + strings.ToLower(cmp.DimensionLabel) +
		": " + strings.Join(parts, "; ") + "."
	return c
}

// countText is a people count as shown ("<5" when suppressed), with thousands commas.
func countText(c report.Count) string {
	if c.Hidden() {
		return c.Text()
	}
	return thousands(c.N)
}

// hours writes minutes as hours to one decimal place.
func hours(minutes int) string {
	return strconv.FormatFloat(float64(minutes)/60, 'f', 1, 64)
}

// thousands writes n with commas: 12345 → "12,345".
func thousands(n int) string { return involve.Thousands(int64(n)) }

// shorten keeps at most n characters of s, ending with "…" at a word when it cuts.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "\u2026"
}

package publish

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// TestBoardPackModel: the pack's parts come from the report model, the largest changes
// first, quotes only with consent, partners by pseudonym, suppression as the Reports
// screen applies it, and the self-assessment of the pack's scope over time.
func TestBoardPackModel(t *testing.T) {
	p := boardPack(t, period)
	if p.Title != BoardPackTitle || p.Scope != report.TeamScopeName || p.Period != "1 April 2026 to 31 March 2027" || p.Made != "6 December 2026" {
		t.Errorf("header: %q %q %q %q", p.Title, p.Scope, p.Period, p.Made)
	}
	// Headline: the report model's figures.
	head := map[string]string{}
	for _, f := range p.Headline {
		head[f.Label] = f.Value
	}
	if head["Outcomes recorded"] != "3" || head["Decisions changed"] != "1" || head["Feedback items"] != "31" {
		t.Errorf("headline %v (figures: %d outcomes, %d items)", head, p.Figures.Outcomes.Total, p.Figures.FeedbackItems)
	}
	if head["Actions done"] != thousands(p.Figures.Actions.Done) {
		t.Errorf("actions done %q, figures %d", head["Actions done"], p.Figures.Actions.Done)
	}

	// Stories: the period's three outcomes, decision changed first; quotes only from
	// consented items (o1's action answers an item without consent: no quote; o3's
	// session has one consented item among many that are not).
	var ids, quotes []string
	for _, s := range p.Stories {
		ids = append(ids, s.OutcomeID)
		quotes = append(quotes, s.Quote)
	}
	if strings.Join(ids, " ") != "o2-decision o3-substantial o1-minor" {
		t.Fatalf("stories %v", ids)
	}
	if quotes[0] != "The signs to the clinic are confusing" || quotes[1] != "The new signs made it so much easier – dziękuję!" || quotes[2] != "" {
		t.Errorf("quotes %q", quotes)
	}
	if s := p.Stories[0]; s.Magnitude != "Decision changed" || s.Direction != "Positive" || s.Project != "Clinic signs" ||
		strings.Join(s.ImpactOn, ",") != "Design,Materials" || s.Date != "15 June 2026" || s.Evidence != "Board minutes, 12 June" {
		t.Errorf("story 1: %+v", s)
	}
	if p.MoreStories != 0 || len(p.OutcomeChart.Bars) != 4 {
		t.Errorf("more stories %d, outcome chart %+v", p.MoreStories, p.OutcomeChart)
	}

	// "You said, we did": the same items as the public page, newest first.
	d := build(t, Options{})
	if len(p.YouSaid.Items) != len(d.Items) || p.YouSaid.Items[0].ActionID < p.YouSaid.Items[len(p.YouSaid.Items)-1].ActionID {
		t.Errorf("you said: %d items, page has %d", len(p.YouSaid.Items), len(d.Items))
	}

	// Reach: respondents (no tallies), Lewisham's 2 suppressed, in the chart too.
	var borough *ReachPart
	for i := range p.Reach {
		if p.Reach[i].Dimension.Code == "borough" {
			borough = &p.Reach[i]
		}
	}
	if borough == nil || len(p.Reach) != 3 || !strings.HasPrefix(p.ReachSource, "People who gave feedback") {
		t.Fatalf("reach %+v (%s)", p.Reach, p.ReachSource)
	}
	for _, b := range borough.Chart.Bars {
		if b.Label == "Greenwich" && (b.Values[0] != 0 || b.Texts[0] != "<5") {
			t.Errorf("Greenwich bar %+v: a suppressed count must have no bar", b)
		}
		if b.Label == "Lambeth" && (b.Values[0] != 14 || b.Texts[0] != "14") {
			t.Errorf("Lambeth bar %+v", b)
		}
	}
	// The benchmark comparison is CompareReach's.
	if len(p.Comparisons) != 1 {
		t.Fatalf("comparisons %+v", p.Comparisons)
	}
	var bp *involve.BenchmarkPopulation
	for _, d := range boardSource().DocList {
		if b, ok := d.(*involve.BenchmarkPopulation); ok {
			bp = b
		}
	}
	want := report.CompareReach(p.Figures.Reach, bp)
	got := p.Comparisons[0].Comparison
	if got.BenchmarkName != want.BenchmarkName || got.SharesWithheld || got.Rows[0].DifferenceText == "–" || len(got.Rows) != 3 || len(p.Comparisons[0].Chart.Bars) != 3 {
		t.Fatalf("comparison %+v", got)
	}
	for i, r := range got.Rows {
		b := p.Comparisons[0].Chart.Bars[i]
		if r.DifferenceText != want.Rows[i].DifferenceText || b.Texts[0] != r.PercentText || b.Texts[1] != r.BenchmarkText {
			t.Errorf("row %d: %+v, bar %+v, want %+v", i, r, b, want.Rows[i])
		}
	}

	// Partners: pseudonyms only, most hours first.
	if len(p.LEP.Rows) != 2 || p.LEP.Rows[0].Contributor != "Contributor 3" || p.LEP.Rows[0].Hours != "2.5" ||
		p.LEP.Rows[0].Fees != "£54.50" || p.LEP.Rows[0].Paid != "£54.50" || p.LEP.Rows[1].Paid != "£0.00" {
		t.Errorf("LEP rows %+v", p.LEP.Rows)
	}
	if p.LEP.Hours != "3.5" || p.LEP.DaysToPay != "median 10 days, longest 10 days" {
		t.Errorf("LEP %+v", p.LEP)
	}

	// Standards: the team's two live assessments, oldest first.
	if strings.Join(p.Standards.Assessments, " ") != "2026-01-10 2026-07-10" || len(p.Standards.Standards) != 6 ||
		p.Standards.Standards[0].Ratings[0].Rating != "red" || p.Standards.Standards[0].Ratings[1].Rating != "amber" {
		t.Errorf("standards %+v", p.Standards)
	}

	// Nothing personal anywhere in the model.
	all := fmt.Sprintf("%+v %+v %+v", *p, p.LEP, p.Stories)
	for _, bad := range []string{"Realname", "Priya", "I waited four hours", "Please do not quote me"} {
		if strings.Contains(all, bad) {
			t.Errorf("the board pack holds %q", bad)
		}
	}
}

// TestBoardPackProject: a project's pack has its name as scope and the project's own
// self-assessment.
func TestBoardPackProject(t *testing.T) {
	f := period
	f.ProjectID = "p1"
	p := boardPack(t, f)
	if p.Scope != "Clinic signs" || strings.Join(p.Standards.Assessments, " ") != "2026-08-10" || p.Standards.ScopeName != "Clinic signs" {
		t.Errorf("scope %q, standards %+v", p.Scope, p.Standards)
	}
}

// TestChartPNG: the image is the size the documents place, with a bar drawn for a
// shown count and none for a suppressed one.
func TestChartPNG(t *testing.T) {
	p := boardPack(t, period)
	var c Chart
	for _, r := range p.Reach {
		if r.Dimension.Code == "borough" {
			c = r.Chart
		}
	}
	b, err := ChartPNG(c)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != ChartWidthPx || h != ChartHeightPx(c) {
		t.Fatalf("size %d×%d", w, h)
	}
	// Count the blue pixels in each row's bar area.
	blue := func(row int) int {
		n := 0
		top := chartPad + row*rowH(c)
		for y := top; y < top+rowH(c); y++ {
			for x := ChartWidthPx*2/5 + 16; x < ChartWidthPx; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				if r>>8 == 0 && g>>8 == 94 && b>>8 == 184 {
					n++
				}
			}
		}
		return n
	}
	for i, bar := range c.Bars {
		switch bar.Label {
		case "Lambeth":
			if blue(i) == 0 {
				t.Errorf("Lambeth (14) has no bar")
			}
		case "Greenwich":
			if blue(i) != 0 {
				t.Errorf("Greenwich (<5) has a bar of %d pixels", blue(i))
			}
		}
	}
	if c.Alt == "" || !strings.Contains(c.Alt, "Greenwich <5") {
		t.Errorf("alt %q", c.Alt)
	}
}

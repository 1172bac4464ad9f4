package report_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// reachDim makes a reach dimension as Summarize does: the reference list's
// categories with counts, then Not stated, suppressed.
func reachDim(code string, items []involve.RefItem, counts map[string]int) report.Dimension {
	d := report.Dimension{Code: code}
	for _, it := range append(items, involve.RefItem{Code: "", Label: "Not stated"}) {
		d.Categories = append(d.Categories, report.Category{Code: it.Code, Label: it.Label, Count: report.Count{N: counts[it.Code]}})
		d.Total += counts[it.Code]
	}
	report.SuppressList(d.Categories, d.Total)
	return d
}

type rowWant struct{ label, count, pct, bench, diff string }

func checkRows(t *testing.T, c report.ReachComparison, want []rowWant) {
	t.Helper()
	if len(c.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(c.Rows), len(want), c.Rows)
	}
	for i, w := range want {
		r := c.Rows[i]
		got := rowWant{r.Label, r.Count.Text(), r.PercentText, r.BenchmarkText, r.DifferenceText}
		if got != w {
			t.Errorf("row %d: got %+v, want %+v", i, got, w)
		}
		if (r.Difference == nil) != (w.diff == "–") {
			t.Errorf("row %d: difference %v", i, r.Difference)
		}
	}
}

// TestCompareReach: the shares of the people reached whose borough the benchmark
// counts, against the benchmark's, to one decimal place; a suppressed count hides its
// percentage and difference; a borough nobody came from shows 0.
func TestCompareReach(t *testing.T) {
	ref := involve.Reference()
	reach := []report.Dimension{reachDim("borough", ref.Boroughs, map[string]int{
		"E09000022": 30, "E09000023": 3, "E09000028": 12, "other_london": 7, "prefer_not_to_say": 2, "": 6})}
	b := &involve.BenchmarkPopulation{Meta: involve.Meta{ID: "b1"}, Name: "Census 2021", Year: 2021, Dimension: "borough",
		Shares: []involve.BenchmarkShare{{Category: "E09000028", Count: 300}, {Category: "E09000022", Count: 300}, {Category: "E09000023", Count: 300}, {Category: "E09000011", Count: 100}}}
	c := report.CompareReach(reach, b)
	if !c.Available || c.Compared != 45 || c.Outside != 15 || c.BenchmarkTotal != 1000 || c.DimensionLabel != "Borough where they live" {
		t.Fatalf("comparison: %+v", c)
	}
	checkRows(t, c, []rowWant{
		{"Greenwich", "0", "0.0%", "10.0%", "−10.0 points"},
		{"Lambeth", "30", "66.7%", "30.0%", "+36.7 points"},
		{"Lewisham", "<5", "–", "30.0%", "–"},
		{"Southwark", "12", "26.7%", "30.0%", "−3.3 points"},
	})
	if d := *c.Rows[1].Difference; d != 36.7 {
		t.Errorf("Lambeth's difference %v", d)
	}
	js, _ := json.Marshal(c)
	if strings.Contains(string(js), `"value":3,`) || !strings.Contains(string(js), `"difference":null`) {
		t.Errorf("the suppressed count leaks: %s", js)
	}
}

// TestCompareReachWithheld: when one count is suppressed, the next smallest is
// withheld too (the reach's rule), and both hide their percentage and difference.
func TestCompareReachWithheld(t *testing.T) {
	ref := involve.Reference()
	reach := []report.Dimension{reachDim("ageBand", ref.AgeBands, map[string]int{"18_24": 4, "25_34": 6, "35_44": 20, "": 10})}
	b := &involve.BenchmarkPopulation{Name: "Census", Year: 2021, Dimension: "ageBand",
		Shares: []involve.BenchmarkShare{{Category: "35_44", Count: 100}, {Category: "18_24", Count: 50}, {Category: "25_34", Count: 50}}}
	c := report.CompareReach(reach, b)
	if c.Compared != 30 || c.Outside != 10 {
		t.Fatalf("comparison: %+v", c)
	}
	checkRows(t, c, []rowWant{
		{"18 to 24", "<5", "–", "25.0%", "–"},
		{"25 to 34", "*", "–", "25.0%", "–"},
		{"35 to 44", "20", "66.7%", "50.0%", "+16.7 points"},
	})
}

// TestCompareReachUnavailable: a dimension the period's reach lacks shows the
// benchmark alone; nobody reached makes no percentages.
func TestCompareReachUnavailable(t *testing.T) {
	b := &involve.BenchmarkPopulation{Name: "Census", Year: 2021, Dimension: "ethnicity",
		Shares: []involve.BenchmarkShare{{Category: "indian", Count: 1}, {Category: "white_british", Count: 3}}}
	c := report.CompareReach(nil, b)
	if c.Available || c.Compared != 0 {
		t.Fatalf("comparison: %+v", c)
	}
	checkRows(t, c, []rowWant{{"Indian", "0", "–", "25.0%", "–"}, {"English, Welsh, Scottish, Northern Irish or British", "0", "–", "75.0%", "–"}})
	if report.PointsText(0) != "0.0 points" || report.PointsText(1) != "+1.0 points" || report.PointsText(-2.5) != "−2.5 points" {
		t.Error("points text")
	}
}

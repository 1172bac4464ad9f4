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
// counts, against the benchmark's, to one decimal place; suppressed counts hide their
// percentage and difference; a borough nobody came from shows 0.
func TestCompareReach(t *testing.T) {
	ref := involve.Reference()
	reach := []report.Dimension{reachDim("borough", ref.Boroughs, map[string]int{
		"E09000022": 30, "E09000023": 3, "E09000011": 2, "E09000028": 12, "other_london": 7, "": 6})}
	b := &involve.BenchmarkPopulation{Meta: involve.Meta{ID: "b1"}, Name: "Census 2021", Year: 2021, Dimension: "borough",
		Shares: []involve.BenchmarkShare{{Category: "E09000028", Count: 200}, {Category: "E09000022", Count: 300},
			{Category: "E09000023", Count: 300}, {Category: "E09000011", Count: 100}, {Category: "E09000004", Count: 100}}}
	c := report.CompareReach(reach, b)
	if !c.Available || c.SharesWithheld || c.Compared != 47 || c.Outside != 13 || c.BenchmarkTotal != 1000 || c.DimensionLabel != "Borough where they live" {
		t.Fatalf("comparison: %+v", c)
	}
	checkRows(t, c, []rowWant{
		{"Bexley", "0", "0.0%", "10.0%", "−10.0 points"},
		{"Greenwich", "<5", "–", "10.0%", "–"},
		{"Lambeth", "30", "63.8%", "30.0%", "+33.8 points"},
		{"Lewisham", "<5", "–", "30.0%", "–"},
		{"Southwark", "12", "25.5%", "20.0%", "+5.5 points"},
	})
	if d := *c.Rows[2].Difference; d != 33.8 {
		t.Errorf("Lambeth's difference %v", d)
	}
	js, _ := json.Marshal(c)
	if strings.Contains(string(js), `"value":3,`) || strings.Contains(string(js), `"value":2,`) || !strings.Contains(string(js), `"difference":null`) {
		t.Errorf("a suppressed count leaks: %s", js)
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

// TestCompareReachOneHiddenInside: the reach hides Lewisham (3) and withholds Other
// London borough (6, the next smallest), which the benchmark does not count. The
// reach shows Lambeth and Southwark, so the people compared, less those, would be
// Lewisham's 3: no share, difference or total is shown, and none is in the JSON.
func TestCompareReachOneHiddenInside(t *testing.T) {
	ref := involve.Reference()
	reach := []report.Dimension{reachDim("borough", ref.Boroughs, map[string]int{
		"E09000022": 30, "E09000023": 3, "E09000028": 12, "other_london": 6, "": 9})}
	if !reach[0].Categories[12].Count.Withheld {
		t.Fatalf("the reach withholds Other London borough: %+v", reach[0].Categories[12])
	}
	b := &involve.BenchmarkPopulation{Name: "Census", Year: 2021, Dimension: "borough",
		Shares: []involve.BenchmarkShare{{Category: "E09000022", Count: 500}, {Category: "E09000023", Count: 250}, {Category: "E09000028", Count: 250}}}
	c := report.CompareReach(reach, b)
	if !c.SharesWithheld || c.Compared != 0 || c.Outside != 0 {
		t.Fatalf("comparison: %+v", c)
	}
	checkRows(t, c, []rowWant{
		{"Lambeth", "30", "–", "50.0%", "–"},
		{"Lewisham", "<5", "–", "25.0%", "–"},
		{"Southwark", "12", "–", "25.0%", "–"},
	})
	js, _ := json.Marshal(c)
	if strings.Contains(string(js), "45") || strings.Contains(string(js), `"value":0.`) {
		t.Errorf("the JSON gives the people compared away: %s", js)
	}
}

// TestCompareReachOneHiddenOutside: two hidden counts among the benchmark's boroughs
// and one outside them (Prefer not to say, 4): the people outside, less Not stated,
// would be that 4, so no share or total is shown.
func TestCompareReachOneHiddenOutside(t *testing.T) {
	ref := involve.Reference()
	reach := []report.Dimension{reachDim("borough", ref.Boroughs, map[string]int{
		"E09000022": 30, "E09000023": 3, "E09000011": 2, "E09000028": 12, "prefer_not_to_say": 4, "": 6})}
	b := &involve.BenchmarkPopulation{Name: "Census", Year: 2021, Dimension: "borough",
		Shares: []involve.BenchmarkShare{{Category: "E09000022", Count: 500}, {Category: "E09000023", Count: 250}, {Category: "E09000011", Count: 250}}}
	c := report.CompareReach(reach, b)
	if !c.SharesWithheld || c.Compared != 0 || c.Outside != 0 || c.Rows[1].PercentText != "–" || c.Rows[1].Count.Text() != "30" {
		t.Fatalf("comparison: %+v", c)
	}
}

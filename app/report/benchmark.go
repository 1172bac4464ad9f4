package report

import (
	"math"
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
)

// The reach compared with a benchmark population (docs/reports.md, "Reach against a
// benchmark population"): for each of the benchmark's categories, the people reached
// (the Reports screen's reach, suppressed as it is there) and their share of the people
// reached whose answer is one of the benchmark's categories, beside the benchmark's
// share of its population and the difference in percentage points.

// ComparisonRow is one category of the benchmark.
type ComparisonRow struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	// Count is the people reached in the category, as the reach shows it (a count
	// from 1 to 4 is "<5", and one more may be withheld, "*").
	Count Count `json:"count"`
	// Percent is Count of Compared; withheld when Count is hidden.
	Percent     Percent `json:"percent"`
	PercentText string  `json:"percentText"` // to one decimal place: "12.3%", "–" when withheld
	// BenchmarkCount and BenchmarkPercent (0 to 100) are the benchmark's (population
	// figures, never suppressed).
	BenchmarkCount   int     `json:"benchmarkCount"`
	BenchmarkPercent float64 `json:"benchmarkPercent"`
	BenchmarkText    string  `json:"benchmarkText"` // "12.3%"
	// Difference is Percent minus BenchmarkPercent in percentage points, to one
	// decimal place; nil when Percent cannot be shown.
	Difference     *float64 `json:"difference"`
	DifferenceText string   `json:"differenceText"` // "+3.2 points", "−1.0 points", "0.0 points" or "–"
}

// ReachComparison is the reach of one dimension against a benchmark population.
type ReachComparison struct {
	BenchmarkID    string `json:"benchmarkId"`
	BenchmarkName  string `json:"benchmarkName"`
	Source         string `json:"source"`
	Year           int    `json:"year"`
	Dimension      string `json:"dimension"` // an involve.BenchmarkDimensions code
	DimensionLabel string `json:"dimensionLabel"`
	// Available is false when the period's reach has no figures for the dimension
	// (the 19 ethnic categories come from attendees only); Rows then show the
	// benchmark alone.
	Available bool `json:"available"`
	// Compared is the people reached whose answer is one of the benchmark's
	// categories (the percentages' denominator); Outside is the rest of the
	// dimension's people: Not stated, Prefer not to say, other answers and categories
	// the benchmark does not count. Both are totals of several counts, shown as they
	// are (like the reach's total).
	Compared int `json:"compared"`
	Outside  int `json:"outside"`
	// SharesWithheld: exactly one of the benchmark's categories has a hidden count, or
	// exactly one of the others does, so Compared (or Outside), less the counts the
	// reach shows, would be that count. Then no share, difference, Compared or Outside
	// is shown (they are 0 and "–"); the counts are as the reach shows them.
	SharesWithheld  bool            `json:"sharesWithheld"`
	BenchmarkTotal  int             `json:"benchmarkTotal"`
	Rows            []ComparisonRow `json:"rows"`
	SuppressionRule string          `json:"suppressionRule"`
}

// CompareReach compares the reach dimensions (Figures.Reach: already suppressed) with
// a benchmark population. The rows follow the benchmark's categories in reference
// order; a category the benchmark has and nobody reached shows 0 (zero is not a small
// number).
func CompareReach(reach []Dimension, b *involve.BenchmarkPopulation) ReachComparison {
	c := ReachComparison{BenchmarkID: b.ID, BenchmarkName: b.Name, Source: b.Source, Year: b.Year,
		Dimension: b.Dimension, DimensionLabel: involve.LabelOf(involve.BenchmarkDimensions, b.Dimension),
		BenchmarkTotal: b.Total(), Rows: []ComparisonRow{}, SuppressionRule: SuppressionRule}
	var dim *Dimension
	for i := range reach {
		if reach[i].Code == b.Dimension {
			dim = &reach[i]
		}
	}
	c.Available = dim != nil
	bench := map[string]int{}
	for _, s := range b.Shares {
		bench[s.Category] = s.Count
	}
	ours := map[string]Count{}
	if dim != nil {
		for _, cat := range dim.Categories {
			if _, ok := bench[cat.Code]; ok {
				ours[cat.Code] = cat.Count
				c.Compared += cat.Count.N
			}
		}
		c.Outside = dim.Total - c.Compared
		inside, outside := 0, 0 // hidden counts among the benchmark's categories, and the rest
		for _, cat := range dim.Categories {
			if _, ok := bench[cat.Code]; ok && cat.Count.Hidden() {
				inside++
			} else if cat.Count.Hidden() {
				outside++
			}
		}
		if inside == 1 || outside == 1 {
			c.SharesWithheld, c.Compared, c.Outside = true, 0, 0
		}
	}
	for _, it := range involve.BenchmarkCategories(b.Dimension) {
		n, ok := bench[it.Code]
		if !ok {
			continue
		}
		row := ComparisonRow{Code: it.Code, Label: it.Label, Count: ours[it.Code], BenchmarkCount: n}
		if c.BenchmarkTotal > 0 {
			row.BenchmarkPercent = round1(float64(n) * 100 / float64(c.BenchmarkTotal))
		}
		row.BenchmarkText = strconv.FormatFloat(row.BenchmarkPercent, 'f', 1, 64) + "%"
		row.Percent = Percent{Num: row.Count.N, Den: c.Compared, Withheld: row.Count.Hidden() || c.SharesWithheld}
		row.PercentText, row.DifferenceText = NoValueText, NoValueText
		if dim != nil && row.Percent.Known() {
			ourExact := row.Percent.Fraction() * 100
			row.PercentText = strconv.FormatFloat(round1(ourExact), 'f', 1, 64) + "%"
			d := round1(ourExact - float64(n)*100/float64(c.BenchmarkTotal))
			row.Difference = &d
			row.DifferenceText = PointsText(d)
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// PointsText is a difference in percentage points as shown: "+3.2 points",
// "−1.0 points" (a minus sign) or "0.0 points".
func PointsText(d float64) string {
	s := strconv.FormatFloat(math.Abs(d), 'f', 1, 64) + " points"
	switch {
	case d > 0:
		return "+" + s
	case d < 0:
		return "−" + s
	}
	return s
}

// round1 rounds to one decimal place (halves away from zero), without -0.
func round1(f float64) float64 {
	r := math.Round(f*10) / 10
	if r == 0 {
		return 0
	}
	return r
}

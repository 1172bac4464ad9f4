package involve

import "strings"

// EntityBenchmarkPopulation: a population a lead imports (from a CSV file) to compare
// the people reached with, such as the boroughs' Census 2021 figures (issue 16). It
// holds counts of people per category of one reach dimension: it names nobody.
const EntityBenchmarkPopulation = "benchmark_population"

// MaxBenchmarkRows caps the categories of one benchmark population (and the rows of
// its CSV file).
const MaxBenchmarkRows = 500

// MaxBenchmarkCount caps one category's count of people (100 million: more than the
// United Kingdom's population).
const MaxBenchmarkCount = 100_000_000

// BenchmarkDimensions are the reach dimensions a benchmark may describe: the codes of
// the report's reach dimensions (report.Figures.Reach).
var BenchmarkDimensions = []RefItem{
	{Code: "borough", Label: "Borough where they live"},
	{Code: "ethnicGroup", Label: "Ethnic group (5 groups)"},
	{Code: "ethnicity", Label: "Ethnic group (19 categories)"},
	{Code: "ageBand", Label: "Age band"},
}

// BenchmarkCategories returns the categories a benchmark of dimension may count: the
// reference list the reach figures use, without "Prefer not to say" (a population
// count has none). Nil for an unknown dimension.
func BenchmarkCategories(dimension string) []RefItem {
	var items []RefItem
	switch dimension {
	case "borough":
		items = reference.Boroughs
	case "ethnicGroup":
		items = reference.EthnicGroups
	case "ethnicity":
		items = reference.Ethnicities
	case "ageBand":
		items = reference.AgeBands
	default:
		return nil
	}
	out := make([]RefItem, 0, len(items))
	for _, it := range items {
		if it.Code != PreferNotToSay {
			out = append(out, RefItem{Code: it.Code, Label: it.Label})
		}
	}
	return out
}

// BenchmarkCategoryCode maps what a CSV row names (a code or a label, any case) to the
// dimension's category code; "" when it is neither.
func BenchmarkCategoryCode(dimension, name string) string {
	name = strings.TrimSpace(name)
	for _, it := range BenchmarkCategories(dimension) {
		if strings.EqualFold(it.Code, name) || strings.EqualFold(it.Label, name) {
			return it.Code
		}
	}
	return ""
}

// BenchmarkShare is one category of a benchmark population: how many people.
type BenchmarkShare struct {
	Category string `json:"category"` // a BenchmarkCategories code
	Count    int    `json:"count"`    // people, 0 or more
}

// BenchmarkPopulation is a population to compare reach with: counts of people per
// category of one dimension (stored as counts, never as percentages). A lead imports
// and deletes it; every device holds it.
type BenchmarkPopulation struct {
	Meta
	Name      string           `json:"name"`      // "Census 2021, south-east London boroughs"
	Source    string           `json:"source"`    // where the figures come from
	Year      int              `json:"year"`      // the year the figures describe
	Dimension string           `json:"dimension"` // BenchmarkDimensions
	Shares    []BenchmarkShare `json:"shares"`
}

func (b *BenchmarkPopulation) DocMeta() *Meta           { return &b.Meta }
func (b *BenchmarkPopulation) DocEntity() string        { return EntityBenchmarkPopulation }
func (b *BenchmarkPopulation) Parent() (string, string) { return "", "" }
func (b *BenchmarkPopulation) Title() string {
	return shortTitle(b.Name, "Benchmark population")
}

// Total is the people the benchmark counts.
func (b *BenchmarkPopulation) Total() int {
	t := 0
	for _, s := range b.Shares {
		t += s.Count
	}
	return t
}

// Normalize trims the text.
func (b *BenchmarkPopulation) Normalize() {
	trimAll(&b.Name, &b.Dimension)
	b.Source = trimText(b.Source)
	for i := range b.Shares {
		b.Shares[i].Category = strings.TrimSpace(b.Shares[i].Category)
	}
}

// Validate normalizes the benchmark and returns an EINVALID error listing every
// problem: a name, a year, a dimension from the list, and 1 to MaxBenchmarkRows
// categories of that dimension, each once, with counts from 0 to MaxBenchmarkCount
// adding up to more than 0.
func (b *BenchmarkPopulation) Validate() error {
	b.Normalize()
	var pr Problems
	if b.Name == "" {
		pr.Add("name", "Enter a name for the benchmark population")
	}
	checkLen(&pr, "name", "Name", b.Name, MaxShortText)
	checkLen(&pr, "source", "Source", b.Source, MaxShortText*5)
	if b.Year < 1800 || b.Year > 2100 {
		pr.Add("year", "Year must be a year from 1800 to 2100, like 2021")
	}
	cats := BenchmarkCategories(b.Dimension)
	if cats == nil {
		pr.Add("dimension", "Select what the figures count from the list")
	}
	set := codeSet(cats)
	seen := map[string]bool{}
	total := 0
	switch {
	case len(b.Shares) == 0:
		pr.Add("shares", "The file must have at least one row of figures")
	case len(b.Shares) > MaxBenchmarkRows:
		pr.Add("shares", "A benchmark population may have "+itoa(MaxBenchmarkRows)+" rows or fewer")
	}
	for _, s := range b.Shares {
		if pr.Has("shares") || cats == nil {
			break
		}
		switch {
		case !set[s.Category]:
			pr.Add("shares", "“"+shortTitle(s.Category, "?")+"” is not a category of "+strings.ToLower(LabelOf(BenchmarkDimensions, b.Dimension)))
		case seen[s.Category]:
			pr.Add("shares", LabelOf(cats, s.Category)+" appears more than once")
		case s.Count < 0 || s.Count > MaxBenchmarkCount:
			pr.Add("shares", "The count of "+LabelOf(cats, s.Category)+" must be a whole number from 0 to 100,000,000")
		}
		seen[s.Category] = true
		total += s.Count
	}
	if !pr.Has("shares") && cats != nil && len(b.Shares) > 0 && total <= 0 {
		pr.Add("shares", "The counts add up to 0: a benchmark population needs people in it")
	}
	return pr.Err("benchmark population")
}

// benchmarkLabels name the fields of a benchmark population for people (kinds).
var benchmarkLabels = map[string]string{
	"name": "Name", "source": "Source", "year": "Year", "dimension": "What the figures count", "shares": "Figures",
}

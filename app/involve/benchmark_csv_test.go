package involve_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestParseBenchmarkCSV: good files (codes or labels in any case, a byte order mark,
// Windows line ends, quoted labels with commas, quoted thousands separators, blank
// lines) give the counts by code.
func TestParseBenchmarkCSV(t *testing.T) {
	for _, tc := range []struct {
		name, dim, text string
		want            []involve.BenchmarkShare
	}{
		{"codes", "borough", "code,count\nE09000022,317498\nE09000028,307637\n",
			[]involve.BenchmarkShare{{Category: "E09000022", Count: 317498}, {Category: "E09000028", Count: 307637}}},
		{"labels, BOM, CRLF, quoted thousands", "borough", "\uFEFFCategory,Count\r\nlambeth,\"317,498\"\r\n  SOUTHWARK , 307637 \r\n\r\nOutside London,0\r\n",
			[]involve.BenchmarkShare{{Category: "E09000022", Count: 317498}, {Category: "E09000028", Count: 307637}, {Category: "outside_london", Count: 0}}},
		{"quoted label with commas", "ethnicGroup", "label,count\n\"Black, Black British, Black Welsh, Caribbean or African\",\"1,234,567\"\nwhite,12\n",
			[]involve.BenchmarkShare{{Category: "black", Count: 1234567}, {Category: "white", Count: 12}}},
		{"age bands, no final newline", "ageBand", "category,count\n18 to 24,100\n85_plus,100000000",
			[]involve.BenchmarkShare{{Category: "18_24", Count: 100}, {Category: "85_plus", Count: 100000000}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := involve.ParseBenchmarkCSV(tc.dim, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestParseBenchmarkCSVRefused: hostile or wrong files are refused whole, each
// problem with its line and a sentence.
func TestParseBenchmarkCSVRefused(t *testing.T) {
	many := "category,count\n" + ""
	for i := 0; i < involve.MaxBenchmarkRows+1; i++ {
		many += "Lambeth,1\n"
	}
	for _, tc := range []struct {
		name, dim, text, want string
	}{
		{"empty", "borough", "", "The file is empty"},
		{"header only", "borough", "category,count\r\n", "has a header but no figures"},
		{"wrong header", "borough", "borough,people\nLambeth,1\n", "Line 1: the first line must be the header"},
		{"unknown category", "borough", "category,count\nLambeth,1\nAtlantis,5\n", "Line 3: “Atlantis” is not a category of borough where they live"},
		{"prefer not to say is no category", "borough", "category,count\nPrefer not to say,5\n", "Line 2: “Prefer not to say” is not a category"},
		{"twice", "borough", "category,count\nLambeth,1\nE09000022,5\n", "Line 3: Lambeth is on line 2 already."},
		{"negative", "borough", "category,count\nLambeth,-1\n", "Line 2: the count must be a whole number"},
		{"decimal", "borough", "category,count\nLambeth,1.5\n", "Line 2: the count must be a whole number"},
		{"too large", "borough", "category,count\nLambeth,100000001\n", "Line 2: the count must be a whole number"},
		{"bad separators", "borough", "category,count\nLambeth,\"1,23\"\n", "Line 2: the count must be a whole number"},
		{"empty count", "borough", "category,count\nLambeth,\n", "Line 2: the count is empty"},
		{"formula", "borough", "category,count\nLambeth,1\n=1+2,5\n", "Line 3: a category must not start with ="},
		{"control character", "borough", "category,count\n\"Lam\x07beth\",5\n", "Line 2: the category has a control character"},
		{"three values", "borough", "category,count\nBlack, Black British,5\n", "Line 2: each line must have 2 values"},
		{"bad quotes", "borough", "category,count\nLambeth,1\n\"Southwark,5\n", "Line 3: the quotation marks do not match"},
		{"all zero", "borough", "category,count\nLambeth,0\n", "The counts add up to 0"},
		{"too many rows", "borough", many, "Line 502: the file has more than 500 rows"},
		{"too large a file", "borough", "category,count\n" + strings.Repeat("x", involve.MaxBenchmarkFile), "larger than 1 MB"},
		{"not UTF-8", "borough", "category,count\nLamb\xffeth,1\n", "not text in UTF-8"},
		{"unknown dimension", "religion", "category,count\nNone,1\n", "Select what the figures count"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := involve.ParseBenchmarkCSV(tc.dim, tc.text)
			if err == nil || got != nil {
				t.Fatalf("accepted: %+v", got)
			}
			if involve.ErrorCode(err) != involve.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestBenchmarkPopulationValidate: the record's own rules, as a pulled one is checked.
func TestBenchmarkPopulationValidate(t *testing.T) {
	good := func() *involve.BenchmarkPopulation {
		return &involve.BenchmarkPopulation{Name: " Census 2021 ", Year: 2021, Dimension: "ageBand",
			Shares: []involve.BenchmarkShare{{Category: "18_24", Count: 10}, {Category: "25_34", Count: 0}}}
	}
	if b := good(); b.Validate() != nil || b.Name != "Census 2021" || b.Total() != 10 {
		t.Fatalf("a good benchmark: %v %+v", b.Validate(), b)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*involve.BenchmarkPopulation)
		field string
	}{
		{"no name", func(b *involve.BenchmarkPopulation) { b.Name = "" }, "name"},
		{"year", func(b *involve.BenchmarkPopulation) { b.Year = 21 }, "year"},
		{"dimension", func(b *involve.BenchmarkPopulation) { b.Dimension = "sex" }, "dimension"},
		{"code of another dimension", func(b *involve.BenchmarkPopulation) { b.Shares[0].Category = "E09000022" }, "shares"},
		{"twice", func(b *involve.BenchmarkPopulation) { b.Shares[1].Category = "18_24" }, "shares"},
		{"negative", func(b *involve.BenchmarkPopulation) { b.Shares[1].Count = -1 }, "shares"},
		{"zero total", func(b *involve.BenchmarkPopulation) { b.Shares[0].Count = 0 }, "shares"},
		{"no rows", func(b *involve.BenchmarkPopulation) { b.Shares = nil }, "shares"},
		{"too many rows", func(b *involve.BenchmarkPopulation) {
			b.Shares = make([]involve.BenchmarkShare, involve.MaxBenchmarkRows+1)
		}, "shares"},
	} {
		b := good()
		tc.edit(b)
		err := b.Validate()
		if fs := involve.ErrorFields(err); len(fs) != 1 || fs[0].Field != tc.field {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

package desktop_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// TestFacadeBenchmarks: a lead imports a benchmark from CSV text, the list offers it
// with the form's dimensions, and the reach comparison uses the Reports screen's reach
// (GetReport's figures) with the small-number rule; a laptop that is not a lead's
// cannot import.
func TestFacadeBenchmarks(t *testing.T) {
	staff, _, _ := newApp(t)
	if _, err := staff.ImportBenchmarkPopulation(desktop.BenchmarkImport{Name: "Census", Year: 2021, Dimension: "ageBand",
		CSVText: "category,count\n18 to 24,10\n"}); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Fatalf("a laptop not connected imports: %v", err)
	}

	a, _ := leadApp(t, nil)
	p, err := a.CreateProject(involve.ProjectInput{Name: "Community pharmacy"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.CreateSession(involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall", Attendees: 30})
	if err != nil {
		t.Fatal(err)
	}
	sr, err := a.GetSessionReach(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveTally(s.ID, sr.Tally, involve.Tally{AgeBand: &involve.TallyDim{Counts: map[string]int{"25_34": 20, "35_44": 3, "45_54": 7}}}); err != nil {
		t.Fatal(err)
	}
	b, err := a.ImportBenchmarkPopulation(desktop.BenchmarkImport{Name: "Census 2021, ages", Source: "ONS", Year: 2021, Dimension: "ageBand",
		CSVText: "\uFEFFlabel,count\r\n25 to 34,\"1,000\"\r\n35_44,500\r\n45 TO 54,500\r\n18 to 24,0\r\n"})
	if err != nil {
		t.Fatal(err)
	}
	list, err := a.ListBenchmarkPopulations()
	if err != nil || len(list.Benchmarks) != 1 || list.Benchmarks[0].ID != b.ID || len(list.Dimensions) != len(involve.BenchmarkDimensions) {
		t.Fatalf("list: %+v %v", list, err)
	}
	f := report.Filter{From: "2026-11-01", To: "2026-11-30"}
	c, err := a.GetReachComparison(f, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 30 reached: 25–34 20, 35–44 3 (suppressed), 45–54 7 (withheld: the next smallest)
	got := []string{}
	for _, r := range c.Rows {
		got = append(got, r.Label+" "+r.Count.Text()+" "+r.PercentText+" "+r.BenchmarkText+" "+r.DifferenceText)
	}
	want := []string{"18 to 24 0 0.0% 0.0% 0.0 points", "25 to 34 20 66.7% 50.0% +16.7 points",
		"35 to 44 <5 – 25.0% –", "45 to 54 * – 25.0% –"}
	if strings.Join(got, "|") != strings.Join(want, "|") || c.Compared != 30 || c.Outside != 0 {
		t.Fatalf("comparison %d/%d:\n%s\nwant\n%s", c.Compared, c.Outside, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := a.GetReachComparison(f, "0195f3a4-7c1e-7a2b-9d4e-000000000000"); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Errorf("an unknown benchmark: %v", err)
	}
	if err := a.DeleteBenchmarkPopulation(b.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := a.ListBenchmarkPopulations(); len(list.Benchmarks) != 0 {
		t.Errorf("deleted, still listed")
	}
}

package desktop

import (
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// Benchmark populations (the #/benchmarks screen) and the Reports screen's reach
// compared with one. A lead imports a benchmark from a CSV file the screen reads as
// text (nothing is uploaded anywhere); every laptop lists them and compares.

// BenchmarkImport is the import form: the name, source, year and dimension the lead
// chose, and the chosen CSV file's text.
type BenchmarkImport struct {
	Name      string `json:"name"`
	Source    string `json:"source"`
	Year      int    `json:"year"`
	Dimension string `json:"dimension"` // involve.BenchmarkDimensions
	CSVText   string `json:"csvText"`
}

// BenchmarkList is the screen's list and what its form offers.
type BenchmarkList struct {
	Benchmarks []involve.BenchmarkPopulation `json:"benchmarks"`
	Dimensions []BenchmarkDimension          `json:"dimensions"`
}

// BenchmarkDimension is a dimension a benchmark may count, with the categories its
// file may name (codes or labels).
type BenchmarkDimension struct {
	Code       string            `json:"code"`
	Label      string            `json:"label"`
	Categories []involve.RefItem `json:"categories"`
}

func benchmarkID(b involve.BenchmarkPopulation) string { return b.ID }

// ImportBenchmarkPopulation stores a benchmark population from the form and the CSV
// text (a lead laptop only: EFORBIDDEN otherwise). Nothing is stored unless the whole
// file passes; the file's problems name their lines (EINVALID, field "file").
func (a *App) ImportBenchmarkPopulation(in BenchmarkImport) (involve.BenchmarkPopulation, error) {
	return write(a, involve.EntityBenchmarkPopulation, benchmarkID, func(db *store.DB) (involve.BenchmarkPopulation, error) {
		b, err := db.ImportBenchmarkPopulation(a.ctx,
			involve.BenchmarkPopulation{Name: in.Name, Source: in.Source, Year: in.Year, Dimension: in.Dimension}, in.CSVText)
		if err != nil {
			return involve.BenchmarkPopulation{}, err
		}
		return *b, nil
	})
}

// ListBenchmarkPopulations lists the benchmark populations and the dimensions the
// import form offers.
func (a *App) ListBenchmarkPopulations() (BenchmarkList, error) {
	return read(a, func(db *store.DB) (BenchmarkList, error) {
		bs, err := db.BenchmarkPopulations(a.ctx)
		if err != nil {
			return BenchmarkList{}, err
		}
		for i := range bs {
			if bs[i].Shares == nil {
				bs[i].Shares = []involve.BenchmarkShare{}
			}
		}
		out := BenchmarkList{Benchmarks: bs}
		for _, d := range involve.BenchmarkDimensions {
			out.Dimensions = append(out.Dimensions, BenchmarkDimension{Code: d.Code, Label: d.Label,
				Categories: involve.BenchmarkCategories(d.Code)})
		}
		return out, nil
	})
}

// DeleteBenchmarkPopulation deletes a benchmark population (a lead laptop only).
func (a *App) DeleteBenchmarkPopulation(id string) error {
	_, err := write(a, involve.EntityBenchmarkPopulation, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteBenchmarkPopulation(a.ctx, id)
	})
	return err
}

// GetReachComparison compares the filter's reach (the Reports screen's) with a
// benchmark population.
func (a *App) GetReachComparison(f report.Filter, benchmarkID string) (report.ReachComparison, error) {
	return read(a, func(db *store.DB) (report.ReachComparison, error) {
		if err := a.checkFilter(db, &f); err != nil {
			return report.ReachComparison{}, err
		}
		b, err := db.BenchmarkPopulation(a.ctx, benchmarkID)
		if err != nil {
			return report.ReachComparison{}, err
		}
		fig, err := report.Summarize(a.ctx, db, f, time.Now())
		if err != nil {
			return report.ReachComparison{}, err
		}
		return report.CompareReach(fig.Reach, b), nil
	})
}

package store

import (
	"context"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// Benchmark populations (issue 16): a lead imports one from a CSV file to compare the
// people reached with; every device holds them (they name nobody). Only a lead laptop
// may import or delete one (the kind's EditedBy: checkLocalWrite refuses others with
// EFORBIDDEN, as the server would).

// ImportBenchmarkPopulation reads the CSV text's figures (involve.ParseBenchmarkCSV)
// and stores the benchmark with them. Nothing is stored unless the form and the whole
// file pass: the form's problems and the file's come back together (EINVALID).
func (db *DB) ImportBenchmarkPopulation(ctx context.Context, in involve.BenchmarkPopulation, csvText string) (*involve.BenchmarkPopulation, error) {
	if err := db.CheckLead(ctx, "imports benchmark populations"); err != nil {
		return nil, err
	}
	b := &involve.BenchmarkPopulation{Name: in.Name, Source: in.Source, Year: in.Year, Dimension: in.Dimension}
	var pr involve.Problems
	if err := b.Validate(); err != nil { // the form (no rows yet: their message is the file's)
		for _, fe := range involve.ErrorFields(err) {
			if fe.Field != "shares" {
				pr = append(pr, fe)
			}
		}
	}
	if involve.BenchmarkCategories(b.Dimension) != nil {
		shares, err := involve.ParseBenchmarkCSV(b.Dimension, csvText)
		if err != nil {
			pr = append(pr, involve.ErrorFields(err)...)
		}
		b.Shares = shares
	}
	if err := pr.Err("benchmark population"); err != nil {
		return nil, err
	}
	d, err := db.CreateDoc(ctx, b)
	if err != nil {
		return nil, err
	}
	return d.(*involve.BenchmarkPopulation), nil
}

// BenchmarkPopulations lists the live benchmark populations by name.
func (db *DB) BenchmarkPopulations(ctx context.Context) ([]involve.BenchmarkPopulation, error) {
	docs, err := db.FindDocs(ctx, involve.EntityBenchmarkPopulation, "")
	if err != nil {
		return nil, err
	}
	out := make([]involve.BenchmarkPopulation, 0, len(docs))
	for _, d := range docs {
		out = append(out, *d.(*involve.BenchmarkPopulation))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// BenchmarkPopulation returns one live benchmark population (ENOTFOUND if none).
func (db *DB) BenchmarkPopulation(ctx context.Context, id string) (*involve.BenchmarkPopulation, error) {
	d, err := db.FindDoc(ctx, involve.EntityBenchmarkPopulation, id)
	if err != nil {
		return nil, err
	}
	return d.(*involve.BenchmarkPopulation), nil
}

// DeleteBenchmarkPopulation deletes a benchmark population (a lead laptop only).
func (db *DB) DeleteBenchmarkPopulation(ctx context.Context, id string) error {
	if err := db.CheckLead(ctx, "deletes benchmark populations"); err != nil {
		return err
	}
	if _, err := db.BenchmarkPopulation(ctx, id); err != nil {
		return err
	}
	return db.DeleteDoc(ctx, involve.EntityBenchmarkPopulation, id)
}

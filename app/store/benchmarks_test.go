package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

const censusCSV = "\uFEFFcategory,count\r\nLambeth,\"317,498\"\r\nE09000028,307637\r\n"

// TestBenchmarkPopulationImport: a lead laptop imports a benchmark from CSV text (the
// counts stored by code, queued to sync), lists it and deletes it; a file with one bad
// line stores nothing and names the line beside the form's own problems.
func TestBenchmarkPopulationImport(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	setLocalRole(t, db, "lead")
	b, err := db.ImportBenchmarkPopulation(ctx, involve.BenchmarkPopulation{Name: "Census 2021, south-east London boroughs",
		Source: "ONS TS001", Year: 2021, Dimension: "borough"}, censusCSV)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID == "" || len(b.Shares) != 2 || b.Shares[0] != (involve.BenchmarkShare{Category: "E09000022", Count: 317498}) || b.Total() != 625135 {
		t.Fatalf("imported: %+v", b)
	}
	if n := countRows(t, db, "outbox WHERE entity = 'benchmark_population'"); n != 1 {
		t.Errorf("%d outbox entries", n)
	}
	_, err = db.ImportBenchmarkPopulation(ctx, involve.BenchmarkPopulation{Name: "", Year: 2021, Dimension: "borough"},
		"category,count\nLambeth,10\nAtlantis,5\n")
	fs := involve.ErrorFields(err)
	if len(fs) != 2 || fs[0].Field != "name" || fs[1].Field != "file" || !strings.HasPrefix(fs[1].Message, "Line 3: ") {
		t.Errorf("a bad form and file: %v", err)
	}
	list, err := db.BenchmarkPopulations(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "Census 2021, south-east London boroughs" {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := db.DeleteBenchmarkPopulation(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.BenchmarkPopulations(ctx); len(list) != 0 {
		t.Errorf("deleted, still listed: %+v", list)
	}
	if _, err := db.BenchmarkPopulation(ctx, b.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Errorf("deleted, still found: %v", err)
	}
}

// TestBenchmarkPopulationLeadOnly: a staff laptop, a capture laptop and a laptop with
// no team cannot import or delete one (EFORBIDDEN), and nothing is stored or queued;
// they may list them.
func TestBenchmarkPopulationLeadOnly(t *testing.T) {
	ctx := context.Background()
	for _, role := range []string{"", "staff", "capture"} {
		db := storetest.Open(t)
		setLocalRole(t, db, "lead")
		b, err := db.ImportBenchmarkPopulation(ctx, involve.BenchmarkPopulation{Name: "Census", Year: 2021, Dimension: "borough"}, censusCSV)
		if err != nil {
			t.Fatal(err)
		}
		if role == "" {
			if err := db.ExecForTest(ctx, `DELETE FROM meta WHERE key = 'sync_role'`); err != nil {
				t.Fatal(err)
			}
		} else {
			setLocalRole(t, db, role)
		}
		_, err = db.ImportBenchmarkPopulation(ctx, involve.BenchmarkPopulation{Name: "Other", Year: 2021, Dimension: "borough"}, censusCSV)
		if involve.ErrorCode(err) != involve.EFORBIDDEN || !strings.Contains(err.Error(), "Only a lead laptop") {
			t.Errorf("%q laptop imports: %v", role, err)
		}
		if err := db.DeleteBenchmarkPopulation(ctx, b.ID); involve.ErrorCode(err) != involve.EFORBIDDEN {
			t.Errorf("%q laptop deletes: %v", role, err)
		}
		// the kind's own rule, below the store's check: a direct change is refused too
		if err := db.DeleteDoc(ctx, involve.EntityBenchmarkPopulation, b.ID); involve.ErrorCode(err) != involve.EFORBIDDEN ||
			!strings.Contains(err.Error(), "import or delete a benchmark population") {
			t.Errorf("%q laptop deletes the doc: %v", role, err)
		}
		if list, err := db.BenchmarkPopulations(ctx); err != nil || len(list) != 1 {
			t.Errorf("%q laptop lists: %+v %v", role, list, err)
		}
		if n := countRows(t, db, "outbox WHERE entity = 'benchmark_population'"); n != 1 {
			t.Errorf("%q laptop: %d outbox entries", role, n)
		}
	}
}

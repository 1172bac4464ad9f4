package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/publish"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// boardPackDB copies the imported n-item data set (sessions and feedback only) and
// adds what a board pack reports on beyond them: a project, 200 done actions answering
// feedback items (every other one's person agreed to be quoted), 60 outcomes of every
// size, 10 partners with 100 time entries, a benchmark population of the boroughs and
// four self-assessments (a lead laptop's).
func boardPackDB(b *testing.B, n int) *store.DB {
	b.Helper()
	if n > 10_000 && testing.Short() {
		b.Skip("100 000 items: skipped with -short")
	}
	src := benchdata.ImportedDB(b, n)
	path := filepath.Join(b.TempDir(), "involve.db")
	benchdata.CopyFile(b, src, path)
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	setLocalRole(b, db, "lead")
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Waiting times"})
	if err != nil {
		b.Fatal(err)
	}
	var fbs []*involve.Feedback
	err = db.Feedback(ctx, report.Filter{}, func(fb *involve.Feedback) error {
		if len(fbs) < 200 {
			fbs = append(fbs, fb)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var actions []string
	for i, fb := range fbs {
		a, err := db.CreateAction(ctx, &involve.Action{ProjectID: p.ID, FeedbackIDs: []string{fb.ID},
			YouSaid: fmt.Sprintf("People said the wait was too long (%d)", i), WeDid: "We added evening clinics.",
			Status: involve.ActionDone})
		if err != nil {
			b.Fatal(err)
		}
		actions = append(actions, a.ID)
	}
	mags := []string{"none", "minor", "substantial", "decision_changed"}
	for i := 0; i < 60; i++ {
		_, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: p.ID, ActionIDs: actions[i*3 : i*3+2],
			SessionIDs: []string{fbs[i].SessionID}, Description: fmt.Sprintf("Outcome %d: clinics open later", i),
			ImpactOn: []string{"design"}, Direction: "positive", Magnitude: mags[i%4], Evidence: "Board minutes",
			Date: "2025-06-01"})
		if err != nil {
			b.Fatal(err)
		}
	}
	storetest.SetPassphrase(b, db) // partners' details are sealed
	mustRate(b, db, involve.UnitHour, 2500, "2020-01-01", "")
	for c := 0; c < 10; c++ {
		con, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: fmt.Sprintf("Partner %d", c), PaymentPreference: "payroll",
			AgreementStart: "2020-01-01"}, lepConsent())
		if err != nil {
			b.Fatal(err)
		}
		for e := 0; e < 10; e++ {
			_, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: con.ID, ProjectID: p.ID,
				Date: fmt.Sprintf("2025-0%d-1%d", 1+e%9, c%10), Task: "Reading group", MinutesAttend: 90, Route: "payroll", ClaimedOn: "2025-10-01", ApprovedOn: "2025-10-05", PaidOn: "2025-10-20"})
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	var shares []involve.BenchmarkShare
	for i, bo := range involve.Reference().Boroughs[:12] {
		shares = append(shares, involve.BenchmarkShare{Category: bo.Code, Count: 250_000 + i*10_000})
	}
	if _, err := db.CreateDoc(ctx, &involve.BenchmarkPopulation{Name: "Census 2021, south London", Source: "ONS",
		Year: 2021, Dimension: "borough", Shares: shares}); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		a := &involve.StandardsAssessment{AssessedOn: fmt.Sprintf("202%d-03-01", 2+i), Scope: involve.ScopeTeam}
		for _, s := range involve.Reference().Standards {
			a.Ratings = append(a.Ratings, involve.StandardRating{Standard: s.Code, Rating: involve.RatingAmber})
		}
		if _, err := db.CreateStandardsAssessment(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkBoardPack builds the board pack for every date of the data set (10 000
// and, without -short, 100 000 feedback items) from the store: the time and the peak
// heap (sampled every 5 ms).
func BenchmarkBoardPack(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			db := boardPackDB(b, n)
			ctx := context.Background()
			peak := benchdata.SampleHeap()
			b.ResetTimer()
			for range b.N {
				p, err := publish.BuildBoardPack(ctx, db, report.Filter{}, publish.BoardPackOptions{Team: "HIN"})
				if err != nil {
					b.Fatal(err)
				}
				if p.Figures.FeedbackItems != n || len(p.Stories) != publish.MaxStories || len(p.LEP.Rows) != 10 || len(p.Comparisons) != 1 {
					b.Fatalf("pack: %d items, %d stories, %d partners, %d comparisons", p.Figures.FeedbackItems, len(p.Stories), len(p.LEP.Rows), len(p.Comparisons))
				}
			}
			b.StopTimer()
			b.ReportMetric(peak()/(1<<20), "peak-heap-MB")
		})
	}
}

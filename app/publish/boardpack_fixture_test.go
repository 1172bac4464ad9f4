package publish

import (
	"context"
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// boardSource is source() (sessions, feedback with and without consent, actions) with
// what a board pack adds: respondents' reach (so that some counts are suppressed),
// outcomes of every size, Lived Experience Partners' time, a benchmark population and
// three self-assessments of the team (one deleted) and one of the project.
func boardSource() *report.MemSource {
	m := source()
	// Respondents of s2: 14 from Lambeth (E09000022), 6 from Southwark (E09000028), 5
	// from Lewisham (E09000023), 2 from Greenwich and 2 from Bexley (suppressed: two
	// hidden counts outside the benchmark, so its shares can be shown).
	n := 0
	add := func(count int, borough, age, eth, text string, consent bool) {
		for i := 0; i < count; i++ {
			n++
			m.FeedbackList = append(m.FeedbackList, involve.Feedback{Meta: involve.Meta{ID: fmt.Sprintf("f-r%03d", n)},
				FeedbackInput: involve.FeedbackInput{SessionID: "s2", Text: text, QuoteConsent: consent, Source: "comment_card",
					Borough: borough, AgeBand: age, EthnicGroup: eth}})
		}
	}
	add(12, "E09000022", "25_34", "white", "", false)
	add(6, "E09000028", "35_44", "black", "", false)
	add(5, "E09000023", "65_74", "asian", "", false)
	add(2, "E09000011", "45_54", "mixed", "", false)
	add(2, "E09000004", "55_64", "other", "", false)
	add(1, "E09000022", "25_34", "white", "The new signs made it so much easier – dziękuję!", true)
	add(1, "E09000022", "25_34", "white", "Please do not quote me on the waiting room", false)

	out := func(id, date, magnitude, desc, evidence string, sessions, actions []string) *involve.Outcome {
		return &involve.Outcome{Meta: involve.Meta{ID: id, CreatedAt: date + "T09:00:00Z"}, ProjectID: "p1", SessionIDs: sessions,
			ActionIDs: actions, Description: desc, ImpactOn: []string{"design", "materials"}, Direction: "positive",
			Magnitude: magnitude, Evidence: evidence, Date: date}
	}
	m.DocList = append(m.DocList,
		out("o1-minor", "2026-07-01", "minor", "Leaflets rewritten in plain English", "Readability score up", nil, []string{"a2-no-consent"}),
		out("o2-decision", "2026-06-15", "decision_changed", "The clinic stays open on Saturdays", "Board minutes, 12 June", nil, []string{"a1-consented"}),
		out("o3-substantial", "2026-08-01", "substantial", "Signs in six languages", "Visitor survey", []string{"s2"}, nil),
		out("o0-outside", "2025-01-20", "decision_changed", "Before the period", "", []string{"s0"}, nil),
		&involve.Contributor{Meta: involve.Meta{ID: "c1"}, Name: "Zofia Realname", Number: 3},
		&involve.Contributor{Meta: involve.Meta{ID: "c2"}, Name: "Kwame Realname", Number: 8},
		&involve.TimeEntry{Meta: involve.Meta{ID: "t1"}, ContributorID: "c1", ProjectID: "p1", SessionID: "s1", Date: "2026-05-01",
			MinutesAttend: 120, MinutesPrep: 30, FeePence: 5000, ExpensesPence: 450, ClaimedOn: "2026-05-02", PaidOn: "2026-05-12", Route: "payroll"},
		&involve.TimeEntry{Meta: involve.Meta{ID: "t2"}, ContributorID: "c2", ProjectID: "p1", SessionID: "s2", Date: "2026-06-01",
			MinutesAttend: 60, FeePence: 2500, ClaimedOn: "2026-06-02", Route: "payroll"},
		&involve.BenchmarkPopulation{Meta: involve.Meta{ID: "b1"}, Name: "Census 2021, three boroughs", Source: "ONS", Year: 2021,
			Dimension: "borough", Shares: []involve.BenchmarkShare{{Category: "E09000022", Count: 317000},
				{Category: "E09000028", Count: 307000}, {Category: "E09000023", Count: 300000}}},
		assessment("sa1", "2026-01-10", involve.ScopeTeam, "red", ""),
		assessment("sa2", "2026-07-10", involve.ScopeTeam, "amber", ""),
		assessment("sa3", "2026-09-10", involve.ScopeTeam, "green", "2026-09-11T00:00:00Z"),
		assessment("sa4", "2026-08-10", "p1", "green", ""),
	)
	return m
}

// assessment rates standard 1 (Inclusive opportunities) as rating and the others
// amber.
func assessment(id, on, scope, rating, deleted string) *involve.StandardsAssessment {
	a := &involve.StandardsAssessment{Meta: involve.Meta{ID: id, DeletedAt: deleted}, AssessedOn: on, Scope: scope}
	for _, s := range involve.Reference().Standards {
		r := involve.StandardRating{Standard: s.Code, Rating: involve.RatingAmber}
		if s.Code == "1" {
			r.Rating = rating
		}
		a.Ratings = append(a.Ratings, r)
	}
	return a
}

// boardPack builds the fixture's board pack for the period (the whole team).
func boardPack(t *testing.T, f report.Filter) *BoardPack {
	t.Helper()
	p, err := BuildBoardPack(context.Background(), boardSource(), f,
		BoardPackOptions{Team: "Health Innovation Network", Contact: "Email involve@example.nhs.uk", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

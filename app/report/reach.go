package report

import "github.com/hin-south-london/involve/app/involve"

// Reach of attendees (attendance tallies and attendee profiles, involve.Reach) as
// reports show it: every count of people through the small-number rule. The Reports
// screen, the project page's reach (app.SummarizeReach) and the workbook all use
// these, so they suppress alike.

// ReachDimensions turns a reach's questions into suppressed dimensions, in the
// reach's order (Not stated last in each).
func ReachDimensions(r involve.Reach) []Dimension {
	out := make([]Dimension, 0, len(r.Dimensions))
	for _, d := range r.Dimensions {
		dim := Dimension{Code: d.Code, Label: d.Label, Multi: d.Multi, Total: d.Total,
			Categories: make([]Category, 0, len(d.Categories))}
		for _, c := range d.Categories {
			dim.Categories = append(dim.Categories, Category{Code: c.Code, Label: c.Label, Count: Count{N: c.N}})
		}
		SuppressList(dim.Categories, dim.Total)
		out = append(out, dim)
	}
	return out
}

// SharePercent is a share of people (ethnic minority, Core20) with the rule for
// percentages of people applied (PeoplePercent).
func SharePercent(s involve.Share) Percent { return PeoplePercent(s.Num, s.Den) }

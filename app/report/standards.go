package report

import (
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// The self-assessment against the six UK Standards for Public Involvement over time:
// the #/standards screen's table and the board pack's, on the laptop and the server.

// TeamScopeName names the whole team as an assessment's scope.
const TeamScopeName = "The whole team"

// StandardCell is one standard's rating in one assessment.
type StandardCell struct {
	AssessmentID string `json:"assessmentId"`
	AssessedOn   string `json:"assessedOn"`
	Rating       string `json:"rating"` // involve.StandardRatings
}

// StandardRow is one standard over time: its ratings in the assessments, oldest first.
type StandardRow struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	Statement string         `json:"statement"`
	Ratings   []StandardCell `json:"ratings"`
}

// StandardsTimeline is the ratings of the last assessments of one scope, per
// standard, oldest to newest: the screen's table and the board pack's.
type StandardsTimeline struct {
	Scope       string        `json:"scope"`
	ScopeName   string        `json:"scopeName"`
	Assessments []string      `json:"assessments"` // their dates (YYYY-MM-DD), oldest first: the columns
	Standards   []StandardRow `json:"standards"`   // the six, in order: the rows
}

// SortAssessments puts assessments newest first: by date assessed, then by when they
// were recorded (ids are UUIDv7).
func SortAssessments(list []*involve.StandardsAssessment) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].AssessedOn != list[j].AssessedOn {
			return list[i].AssessedOn > list[j].AssessedOn
		}
		return list[i].ID > list[j].ID
	})
}

// StandardsOverTime returns, for each of the six standards, its ratings in the last n
// live assessments of scope (involve.ScopeTeam or a project id), oldest to newest; n
// < 1 means every one. A scope without assessments gives the six rows with no
// ratings. list may be in any order; it is not changed.
func StandardsOverTime(list []*involve.StandardsAssessment, scope, scopeName string, n int) StandardsTimeline {
	all := make([]*involve.StandardsAssessment, 0, len(list))
	for _, a := range list {
		if a.DeletedAt == "" && a.Scope == scope {
			all = append(all, a)
		}
	}
	SortAssessments(all)
	if n > 0 && len(all) > n {
		all = all[:n]
	}
	tl := StandardsTimeline{Scope: scope, ScopeName: scopeName, Assessments: []string{}, Standards: []StandardRow{}}
	for i := len(all) - 1; i >= 0; i-- {
		tl.Assessments = append(tl.Assessments, all[i].AssessedOn)
	}
	for _, s := range involve.Reference().Standards {
		row := StandardRow{Code: s.Code, Name: s.Label, Statement: involve.StandardStatements[s.Code], Ratings: []StandardCell{}}
		for i := len(all) - 1; i >= 0; i-- {
			a := all[i]
			cell := StandardCell{AssessmentID: a.ID, AssessedOn: a.AssessedOn, Rating: involve.RatingNotRated}
			for _, r := range a.Ratings {
				if r.Standard == s.Code {
					cell.Rating = r.Rating
				}
			}
			row.Ratings = append(row.Ratings, cell)
		}
		tl.Standards = append(tl.Standards, row)
	}
	return tl
}

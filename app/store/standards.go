package store

import (
	"context"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// The self-assessment against the six UK Standards for Public Involvement (issue 16):
// a lead rates each standard red, amber or green with evidence; each assessment is a
// new record, so the ratings are shown over time (the #/standards screen and the board
// pack, through StandardsOverTime). Only a lead laptop may make or change one: the
// kind's EditedBy, enforced by checkLocalWrite (EFORBIDDEN).

// TeamScopeName names the whole team as an assessment's scope.
const TeamScopeName = "The whole team"

// StandardsAssessmentItem is an assessment with the name of what it covers.
type StandardsAssessmentItem struct {
	Assessment involve.StandardsAssessment `json:"assessment"`
	ScopeName  string                      `json:"scopeName"` // "The whole team" or the project's name
}

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

// CreateStandardsAssessment stores a new assessment (a lead laptop only: EFORBIDDEN
// otherwise). A project scope must name a live project.
func (db *DB) CreateStandardsAssessment(ctx context.Context, a *involve.StandardsAssessment) (*involve.StandardsAssessment, error) {
	a.Meta = involve.Meta{}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if err := db.checkAssessmentScope(ctx, a.Scope); err != nil {
		return nil, err
	}
	if _, err := db.CreateDoc(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// UpdateStandardsAssessment saves an edited assessment (a lead laptop only): loaded is
// the record as the form received it (nil: every field is replaced), edited what the
// lead saved; a change pulled meanwhile to another field survives. A scope changed to a
// project must name a live one.
func (db *DB) UpdateStandardsAssessment(ctx context.Context, id string, loaded, edited *involve.StandardsAssessment) (*involve.StandardsAssessment, error) {
	if err := edited.Validate(); err != nil {
		return nil, err
	}
	// A new scope must be a live project; one left as loaded may be a project deleted
	// since (its old assessments stay editable).
	if loaded == nil || loaded.Scope != edited.Scope {
		if err := db.checkAssessmentScope(ctx, edited.Scope); err != nil {
			return nil, err
		}
	}
	var l involve.Doc
	if loaded != nil {
		l = loaded
	}
	d, err := db.UpdateDoc(ctx, involve.EntityStandardsAssessment, id, l, edited)
	if err != nil {
		return nil, err
	}
	return d.(*involve.StandardsAssessment), nil
}

// FindStandardsAssessment returns a live assessment (ENOTFOUND otherwise).
func (db *DB) FindStandardsAssessment(ctx context.Context, id string) (*involve.StandardsAssessment, error) {
	d, err := db.FindDoc(ctx, involve.EntityStandardsAssessment, id)
	if err != nil {
		return nil, err
	}
	return d.(*involve.StandardsAssessment), nil
}

func (db *DB) checkAssessmentScope(ctx context.Context, scope string) error {
	if scope == involve.ScopeTeam {
		return nil
	}
	if _, err := db.FindProjectByID(ctx, scope); err != nil {
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			var p involve.Problems
			p.Add("scope", "That project no longer exists: select the whole team or another project")
			return p.Err("self-assessment")
		}
		return err
	}
	return nil
}

// StandardsAssessments lists the live assessments, newest first (by date assessed,
// then by when recorded), each with the name of its scope.
func (db *DB) StandardsAssessments(ctx context.Context) ([]StandardsAssessmentItem, error) {
	all, err := FindDocsOf[*involve.StandardsAssessment](ctx, db, involve.EntityStandardsAssessment, "")
	if err != nil {
		return nil, err
	}
	names, err := db.projectNames(ctx)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].AssessedOn != all[j].AssessedOn {
			return all[i].AssessedOn > all[j].AssessedOn
		}
		return all[i].ID > all[j].ID
	})
	out := make([]StandardsAssessmentItem, 0, len(all))
	for _, a := range all {
		out = append(out, StandardsAssessmentItem{Assessment: *a, ScopeName: scopeName(names, a.Scope)})
	}
	return out, nil
}

// StandardsOverTime returns, for each of the six standards, its ratings in the last n
// assessments of scope (involve.ScopeTeam or a project id), oldest to newest; n < 1
// means every one. A scope without assessments gives the six rows with no ratings.
func (db *DB) StandardsOverTime(ctx context.Context, scope string, n int) (StandardsTimeline, error) {
	list, err := db.StandardsAssessments(ctx)
	if err != nil {
		return StandardsTimeline{}, err
	}
	names, err := db.projectNames(ctx)
	if err != nil {
		return StandardsTimeline{}, err
	}
	var picked []involve.StandardsAssessment // newest first
	for _, it := range list {
		if it.Assessment.Scope == scope && (n < 1 || len(picked) < n) {
			picked = append(picked, it.Assessment)
		}
	}
	tl := StandardsTimeline{Scope: scope, ScopeName: scopeName(names, scope), Assessments: []string{}}
	for i := len(picked) - 1; i >= 0; i-- {
		tl.Assessments = append(tl.Assessments, picked[i].AssessedOn)
	}
	for _, s := range involve.Reference().Standards {
		row := StandardRow{Code: s.Code, Name: s.Label, Statement: involve.StandardStatements[s.Code], Ratings: []StandardCell{}}
		for i := len(picked) - 1; i >= 0; i-- {
			a := picked[i]
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
	return tl, nil
}

// projectNames maps the live projects' ids to their names.
func (db *DB) projectNames(ctx context.Context) (map[string]string, error) {
	ps, err := db.FindProjects(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.ID] = p.Name
	}
	return out, nil
}

func scopeName(names map[string]string, scope string) string {
	if scope == involve.ScopeTeam {
		return TeamScopeName
	}
	if n, ok := names[scope]; ok {
		return n
	}
	return "A deleted project"
}

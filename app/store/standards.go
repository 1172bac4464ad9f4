package store

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The self-assessment against the six UK Standards for Public Involvement (issue 16):
// a lead rates each standard red, amber or green with evidence; each assessment is a
// new record, so the ratings are shown over time (the #/standards screen and the board
// pack, through StandardsOverTime). Only a lead laptop may make or change one: the
// kind's EditedBy, enforced by checkLocalWrite (EFORBIDDEN).

// TeamScopeName names the whole team as an assessment's scope.
const TeamScopeName = report.TeamScopeName

// StandardsAssessmentItem is an assessment with the name of what it covers.
type StandardsAssessmentItem struct {
	Assessment involve.StandardsAssessment `json:"assessment"`
	ScopeName  string                      `json:"scopeName"` // "The whole team" or the project's name
}

// The timeline's types are the report's (the board pack shows the same table).
type (
	StandardCell      = report.StandardCell
	StandardRow       = report.StandardRow
	StandardsTimeline = report.StandardsTimeline
)

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
	report.SortAssessments(all)
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
	all, err := FindDocsOf[*involve.StandardsAssessment](ctx, db, involve.EntityStandardsAssessment, "")
	if err != nil {
		return StandardsTimeline{}, err
	}
	names, err := db.projectNames(ctx)
	if err != nil {
		return StandardsTimeline{}, err
	}
	return report.StandardsOverTime(all, scope, scopeName(names, scope), n), nil
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

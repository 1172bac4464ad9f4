package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// The self-assessment against the six UK Standards for Public Involvement (the
// #/standards screen): everyone reads it, a lead's laptop makes and changes it (the
// store refuses others with EFORBIDDEN).

// StandardsOverview is the screen: every assessment (newest first), the ratings over
// time of the team (or the scope asked for), and the ratings a standard may be given.
type StandardsOverview struct {
	Assessments []store.StandardsAssessmentItem `json:"assessments"`
	OverTime    store.StandardsTimeline         `json:"overTime"`
	Ratings     []involve.RefItem               `json:"ratings"`
}

// StandardsColumns is how many assessments the screen's table shows over time.
const StandardsColumns = 6

// ListStandardsAssessments returns every assessment, newest first, with the last
// StandardsColumns assessments of scope ("team" when "") over time.
func (a *App) ListStandardsAssessments(scope string) (StandardsOverview, error) {
	if scope == "" {
		scope = involve.ScopeTeam
	}
	return read(a, func(db *store.DB) (StandardsOverview, error) {
		list, err := db.StandardsAssessments(a.ctx)
		if err != nil {
			return StandardsOverview{}, err
		}
		tl, err := db.StandardsOverTime(a.ctx, scope, StandardsColumns)
		if err != nil {
			return StandardsOverview{}, err
		}
		return StandardsOverview{Assessments: list, OverTime: tl, Ratings: involve.StandardRatings}, nil
	})
}

// GetStandardsAssessment returns one assessment.
func (a *App) GetStandardsAssessment(id string) (involve.StandardsAssessment, error) {
	return read(a, func(db *store.DB) (involve.StandardsAssessment, error) {
		s, err := db.FindStandardsAssessment(a.ctx, id)
		if err != nil {
			return involve.StandardsAssessment{}, err
		}
		return *s, nil
	})
}

// CreateStandardsAssessment records a new assessment (a lead's laptop only).
func (a *App) CreateStandardsAssessment(in involve.StandardsAssessment) (involve.StandardsAssessment, error) {
	return write(a, involve.EntityStandardsAssessment, standardsAssessmentID,
		func(db *store.DB) (involve.StandardsAssessment, error) {
			s, err := db.CreateStandardsAssessment(a.ctx, &in)
			if err != nil {
				return involve.StandardsAssessment{}, err
			}
			return *s, nil
		})
}

// UpdateStandardsAssessment saves an edited assessment (a lead's laptop only): loaded
// as the form received it, edited as the lead saved it.
func (a *App) UpdateStandardsAssessment(id string, loaded, edited involve.StandardsAssessment) (involve.StandardsAssessment, error) {
	return write(a, involve.EntityStandardsAssessment, standardsAssessmentID,
		func(db *store.DB) (involve.StandardsAssessment, error) {
			s, err := db.UpdateStandardsAssessment(a.ctx, id, &loaded, &edited)
			if err != nil {
				return involve.StandardsAssessment{}, err
			}
			return *s, nil
		})
}

func standardsAssessmentID(s involve.StandardsAssessment) string { return s.ID }

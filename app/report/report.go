// Package report computes the figures of Involve's summary reports (DESIGN §6) from a
// stream of records: the headline figures, reach and diversity with small-number
// suppression, themes, and the per-project GRIPP2 short form. The same figures feed
// the Excel workbook (app/xlsx), the CSV files and the in-app Reports screen, on the
// desktop (app/sqlite is a Source) and on the server (every team's records). It
// imports no storage, HTTP or Wails code.
package report

import (
	"context"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// Filter chooses what a report covers. Empty fields do not filter. Dates are
// inclusive and compare with the session's date; a feedback item belongs to its
// session (its date, project, borough and type).
type Filter struct {
	From        string `json:"from"`        // YYYY-MM-DD
	To          string `json:"to"`          // YYYY-MM-DD
	ProjectID   string `json:"projectId"`   // one project
	Borough     string `json:"borough"`     // the session's borough (ONS code)
	SessionType string `json:"sessionType"` // reference code
	TeamID      string `json:"teamId"`      // server only: one team ("" = every team)
}

// Validate trims the filter and returns an EINVALID error naming each bad field.
func (f *Filter) Validate() error {
	var p involve.Problems
	for _, d := range []struct {
		field, label string
		v            *string
	}{{"from", "Start date", &f.From}, {"to", "End date", &f.To}} {
		*d.v = trim(*d.v)
		if *d.v != "" && !involve.ValidDate(*d.v) {
			p.Add(d.field, d.label+" must be a real date")
		}
	}
	if !p.Has("from") && !p.Has("to") && f.From != "" && f.To != "" && f.To < f.From {
		p.Add("to", "End date must be the same as or after the start date")
	}
	f.ProjectID, f.Borough, f.SessionType, f.TeamID = trim(f.ProjectID), trim(f.Borough), trim(f.SessionType), trim(f.TeamID)
	ref := involve.Reference()
	if f.Borough != "" && !hasCode(ref.Boroughs, f.Borough) {
		p.Add("borough", "Select a borough from the list")
	}
	if f.SessionType != "" && !hasCode(ref.SessionTypes, f.SessionType) {
		p.Add("sessionType", "Select a session type from the list")
	}
	return p.Err("report filters")
}

// MatchSession reports whether a session is inside the filter (for sources that
// filter in Go; the team is the source's business).
func (f Filter) MatchSession(s *involve.Session) bool {
	if s.DeletedAt != "" {
		return false
	}
	if f.From != "" && s.Date < f.From {
		return false
	}
	if f.To != "" && s.Date > f.To {
		return false
	}
	if f.ProjectID != "" && s.ProjectID != f.ProjectID {
		return false
	}
	if f.Borough != "" && s.Borough != f.Borough {
		return false
	}
	if f.SessionType != "" && s.Type != f.SessionType {
		return false
	}
	return true
}

// Source streams the live (not deleted) records a report covers. The desktop store and
// the server both implement it. Sessions come before their feedback: a source calls
// Sessions first, then Feedback.
type Source interface {
	// Projects returns every project, deleted ones included (a session may still name
	// one); the report shows live projects and uses the rest for names only.
	Projects(ctx context.Context) ([]involve.Project, error)
	// Themes returns every theme, archived and deleted ones included (for labels).
	Themes(ctx context.Context) ([]involve.Theme, error)
	// Sessions calls fn for each live session inside the filter, by date then id.
	// The session's Notes are filled in.
	Sessions(ctx context.Context, f Filter, fn func(*involve.Session) error) error
	// Feedback calls fn for each live feedback item whose live session is inside the
	// filter, in the order captured (by id: ids are UUIDv7).
	Feedback(ctx context.Context, f Filter, fn func(*involve.Feedback) error) error
}

// Counter is an optional Source method: how many sessions and feedback items the
// filter covers, so that an export can show progress. It may be approximate.
type Counter interface {
	Count(ctx context.Context, f Filter) (sessions, feedback int, err error)
}

// Summarize streams the source through a Builder and returns the figures (the in-app
// Reports screen; the workbook does the same while it writes its row sheets).
func Summarize(ctx context.Context, src Source, f Filter, now time.Time) (*Figures, error) {
	b, err := Stream(ctx, src, f, now)
	if err != nil {
		return nil, err
	}
	return b.Figures(), nil
}

// Stream makes a Builder and streams the filter's sessions and feedback through it:
// what Figures, Actions, Outcomes and the rest are read from.
func Stream(ctx context.Context, src Source, f Filter, now time.Time) (*Builder, error) {
	b, err := NewBuilder(ctx, src, f, now)
	if err != nil {
		return nil, err
	}
	if err := src.Sessions(ctx, f, func(s *involve.Session) error { b.AddSession(s); return nil }); err != nil {
		return nil, err
	}
	if err := src.Feedback(ctx, f, func(fb *involve.Feedback) error { b.AddFeedback(fb); return nil }); err != nil {
		return nil, err
	}
	return b, nil
}

func trim(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[i:j]
}

func hasCode(items []involve.RefItem, code string) bool {
	for _, it := range items {
		if it.Code == code {
			return true
		}
	}
	return false
}

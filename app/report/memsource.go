package report

import (
	"context"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// MemSource is a Source over records held in memory: tests, and small data sets that
// a caller has already decoded. It filters and orders as every Source must.
type MemSource struct {
	ProjectList  []involve.Project
	ThemeList    []involve.Theme
	SessionList  []involve.Session
	FeedbackList []involve.Feedback
	DocList      []involve.Doc // tallies, attendee profiles, actions, outcomes, contributors, time entries…
}

var _ DocSource = (*MemSource)(nil)

// Docs implements DocSource: the live docs of entity, in list order.
func (m *MemSource) Docs(ctx context.Context, entity string, fn func(involve.Doc) error) error {
	for _, d := range m.DocList {
		if d.DocEntity() != entity || d.DocMeta().DeletedAt != "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// Projects implements Source.
func (m *MemSource) Projects(context.Context) ([]involve.Project, error) {
	return append([]involve.Project(nil), m.ProjectList...), nil
}

// Themes implements Source.
func (m *MemSource) Themes(context.Context) ([]involve.Theme, error) {
	return append([]involve.Theme(nil), m.ThemeList...), nil
}

func (m *MemSource) inFilter(f Filter) map[string]bool {
	in := map[string]bool{}
	for i := range m.SessionList {
		if f.MatchSession(&m.SessionList[i]) {
			in[m.SessionList[i].ID] = true
		}
	}
	return in
}

// Sessions implements Source.
func (m *MemSource) Sessions(ctx context.Context, f Filter, fn func(*involve.Session) error) error {
	var out []*involve.Session
	for i := range m.SessionList {
		if f.MatchSession(&m.SessionList[i]) {
			out = append(out, &m.SessionList[i])
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	for _, s := range out {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

// Feedback implements Source.
func (m *MemSource) Feedback(ctx context.Context, f Filter, fn func(*involve.Feedback) error) error {
	in := m.inFilter(f)
	var out []*involve.Feedback
	for i := range m.FeedbackList {
		if fb := &m.FeedbackList[i]; fb.DeletedAt == "" && in[fb.SessionID] {
			out = append(out, fb)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for _, fb := range out {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(fb); err != nil {
			return err
		}
	}
	return nil
}

// Count implements Counter.
func (m *MemSource) Count(_ context.Context, f Filter) (int, int, error) {
	in := m.inFilter(f)
	n := 0
	for i := range m.FeedbackList {
		if fb := &m.FeedbackList[i]; fb.DeletedAt == "" && in[fb.SessionID] {
			n++
		}
	}
	return len(in), n, nil
}

var _ ResponseSource = (*MemSource)(nil)

// QuestionSets implements ResponseSource: the question set versions in DocList,
// deleted ones included.
func (m *MemSource) QuestionSets(context.Context) ([]involve.QuestionSet, error) {
	out := []involve.QuestionSet{}
	for _, d := range m.DocList {
		if s, ok := d.(*involve.QuestionSet); ok {
			out = append(out, *s)
		}
	}
	return out, nil
}

// Responses implements ResponseSource: the live responses in DocList whose live
// feedback item's live session is inside the filter, by id.
func (m *MemSource) Responses(ctx context.Context, f Filter, fn func(*ResponseRow) error) error {
	dates := map[string]string{}
	for i := range m.SessionList {
		if s := &m.SessionList[i]; f.MatchSession(s) {
			dates[s.ID] = s.Date
		}
	}
	items := map[string]*involve.Feedback{}
	for i := range m.FeedbackList {
		if fb := &m.FeedbackList[i]; fb.DeletedAt == "" {
			if _, in := dates[fb.SessionID]; in {
				items[fb.ID] = fb
			}
		}
	}
	var out []*involve.Response
	for _, d := range m.DocList {
		if r, ok := d.(*involve.Response); ok && r.DeletedAt == "" && items[r.FeedbackID] != nil {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	for _, r := range out {
		if err := ctx.Err(); err != nil {
			return err
		}
		fb := items[r.FeedbackID]
		if err := fn(&ResponseRow{Response: r, SessionDate: dates[fb.SessionID], QuoteConsent: fb.QuoteConsent,
			AgeBand: fb.AgeBand, EthnicGroup: fb.EthnicGroup, Borough: fb.Borough}); err != nil {
			return err
		}
	}
	return nil
}

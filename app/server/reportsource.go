package server

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// AllTeams is the scope of an organisation-wide report source (the command line's
// export without --team; never the HTTP API, which is scoped to the device's team).
const AllTeams = ""

// ReportSource is a report.Source over the server's store: the live records of one
// team, or of every team (AllTeams). Records are the JSON states that devices pushed,
// decoded into the domain types. Memory grows with the number of sessions, projects
// and themes, never with feedback items: feedback is read a page at a time
// (serverstore.EachRecord), and for several teams the teams' pages are merged by id.
//
// A ReportSource serves one report at a time (it remembers the sessions of the last
// Sessions call for the Feedback call that follows, so that the feedback belongs to
// exactly the sessions listed even while devices push).
type ReportSource struct {
	store serverstore.Store
	team  string

	teams []serverstore.Team // loaded once: every team (AllTeams) or the one

	inFor    report.Filter
	inFilter map[sessionKey]bool // sessions of the last Sessions call, inside inFor
}

// sessionKey names a session across teams (ids are made per device; a team's feedback
// names its own team's sessions).
type sessionKey struct{ team, id string }

var (
	_ report.Source    = (*ReportSource)(nil)
	_ report.DocSource = (*ReportSource)(nil)
)

// NewReportSource returns a source over one team's records (teamID), or every team's
// (AllTeams).
func NewReportSource(st serverstore.Store, teamID string) *ReportSource {
	return &ReportSource{store: st, team: teamID}
}

// scope returns the teams the source covers. A filter's TeamID must be empty or the
// source's own team: a source never reads another team's records because of a filter.
func (s *ReportSource) scope(ctx context.Context, f report.Filter) ([]serverstore.Team, error) {
	if f.TeamID != "" && f.TeamID != s.team {
		return nil, errorf(syncapi.EFORBIDDEN, "This report covers %s; it cannot be filtered to another team.", s.describe())
	}
	if s.teams != nil {
		return s.teams, nil
	}
	if s.team != AllTeams {
		t, err := s.store.FindTeam(ctx, s.team)
		if err != nil {
			return nil, fmt.Errorf("report team %s: %w", s.team, err)
		}
		s.teams = []serverstore.Team{t}
		return s.teams, nil
	}
	ts, err := s.store.ListTeams(ctx)
	if err != nil {
		return nil, err
	}
	s.teams = append(make([]serverstore.Team, 0, len(ts)), ts...)
	return s.teams, nil
}

func (s *ReportSource) describe() string {
	if s.team == AllTeams {
		return "every team"
	}
	return "one team"
}

// decode reads a stored state into v (not strictly: the push validated it, and a
// field added by a newer laptop must not stop a report).
func decode(r serverstore.Record, v any) error {
	if err := json.Unmarshal(r.State, v); err != nil {
		return fmt.Errorf("report: stored %s %s of team %s does not decode: %w", r.Entity, r.ID, r.TeamID, err)
	}
	return nil
}

// Projects implements report.Source: every project, deleted ones included. In an
// organisation-wide report each name says its team, as teams name projects alike.
func (s *ReportSource) Projects(ctx context.Context) ([]involve.Project, error) {
	teams, err := s.scope(ctx, report.Filter{})
	if err != nil {
		return nil, err
	}
	var out []involve.Project
	for _, t := range teams {
		err := serverstore.EachRecord(ctx, s.store, t.ID, involve.EntityProject, func(r serverstore.Record) error {
			var p involve.Project
			if err := decode(r, &p); err != nil {
				return err
			}
			p.TeamID = t.ID
			if len(teams) > 1 {
				p.Name += " (" + t.Name + ")"
			}
			out = append(out, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Themes implements report.Source: every theme, archived and deleted ones included.
//
// Starter themes (and themes made from the same label) have the same id in every team,
// and each team may rename or archive its copy. Organisation-wide, a theme id is one
// row: its label is the teams' label when they agree, and otherwise each different
// label, in team order, joined by " / " (so a team's renaming shows instead of being
// silently dropped); it is archived or deleted only when it is so in every team that
// has it. A team that never changed a starter theme has its seed (DESIGN: rev 1 is on
// every device and never on the server), which counts as that team's copy.
func (s *ReportSource) Themes(ctx context.Context) ([]involve.Theme, error) {
	teams, err := s.scope(ctx, report.Filter{})
	if err != nil {
		return nil, err
	}
	var out []involve.Theme
	index := map[string]int{}
	labels := map[string][]string{}
	have := map[string]int{} // teams that have the theme id
	for _, t := range teams {
		err := serverstore.EachRecord(ctx, s.store, t.ID, involve.EntityTheme, func(r serverstore.Record) error {
			var th involve.Theme
			if err := decode(r, &th); err != nil {
				return err
			}
			th.TeamID = t.ID
			have[th.ID]++
			i, seen := index[th.ID]
			if !seen {
				index[th.ID] = len(out)
				out = append(out, th)
				labels[th.ID] = []string{th.Label}
				return nil
			}
			m := &out[i]
			m.TeamID = AllTeams
			m.Archived = m.Archived && th.Archived
			if m.DeletedAt != "" && th.DeletedAt == "" {
				m.DeletedAt = ""
			}
			m.Usage += th.Usage
			if !containsFold(labels[th.ID], th.Label) {
				labels[th.ID] = append(labels[th.ID], th.Label)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range out {
		th := &out[i]
		// A starter theme that a team never changed is not on the server (rev 1 is on
		// every device): that team has the seed, not archived, under its starter label.
		if seed, ok := involve.StarterThemeByID(th.ID); ok && len(teams) > 1 && have[th.ID] < len(teams) {
			th.TeamID, th.Archived, th.DeletedAt = AllTeams, false, ""
			if !containsFold(labels[th.ID], seed.Label) {
				labels[th.ID] = append(labels[th.ID], seed.Label)
			}
		}
		th.Label = strings.Join(labels[th.ID], " / ")
	}
	return out, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Sessions implements report.Source: the live sessions inside the filter, by date then
// id (collected and sorted in memory: a team has hundreds of sessions, not millions).
func (s *ReportSource) Sessions(ctx context.Context, f report.Filter, fn func(*involve.Session) error) error {
	var list []*involve.Session
	in, err := s.sessions(ctx, f, func(ss *involve.Session) { list = append(list, ss) })
	if err != nil {
		return err
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Date != list[j].Date {
			return list[i].Date < list[j].Date
		}
		if list[i].ID != list[j].ID {
			return list[i].ID < list[j].ID
		}
		return list[i].TeamID < list[j].TeamID
	})
	s.inFor, s.inFilter = f, in
	for _, ss := range list {
		if err := fn(ss); err != nil {
			return err
		}
	}
	return nil
}

// sessions reads the live sessions inside the filter, calling keep for each (if not
// nil), and returns their keys.
func (s *ReportSource) sessions(ctx context.Context, f report.Filter, keep func(*involve.Session)) (map[sessionKey]bool, error) {
	teams, err := s.scope(ctx, f)
	if err != nil {
		return nil, err
	}
	in := map[sessionKey]bool{}
	for _, t := range teams {
		err := serverstore.EachRecord(ctx, s.store, t.ID, involve.EntitySession, func(r serverstore.Record) error {
			ss := &involve.Session{}
			if err := decode(r, ss); err != nil {
				return err
			}
			if !f.MatchSession(ss) {
				return nil
			}
			ss.TeamID = t.ID
			in[sessionKey{t.ID, ss.ID}] = true
			if keep != nil {
				keep(ss)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return in, nil
}

// Feedback implements report.Source: the live feedback items of the live sessions
// inside the filter, by id (capture order). The sessions are those of the Sessions
// call just before with the same filter, or read again.
func (s *ReportSource) Feedback(ctx context.Context, f report.Filter, fn func(*involve.Feedback) error) error {
	teams, err := s.scope(ctx, f)
	if err != nil {
		return err
	}
	in := s.inFilter
	if in == nil || s.inFor != f {
		if in, err = s.sessions(ctx, f, nil); err != nil {
			return err
		}
	}
	if len(in) == 0 {
		return nil
	}
	m := &merger{ctx: ctx, store: s.store, entity: involve.EntityFeedback}
	for _, t := range teams {
		m.cursors = append(m.cursors, &teamCursor{team: t.ID})
	}
	return m.each(func(r serverstore.Record) error {
		fb := &involve.Feedback{}
		if err := decode(r, fb); err != nil {
			return err
		}
		if fb.DeletedAt != "" || !in[sessionKey{r.TeamID, fb.SessionID}] {
			return nil
		}
		fb.TeamID = r.TeamID
		return fn(fb)
	})
}

// Docs implements report.DocSource: the live docs of one kind (tallies, actions,
// outcomes, time entries…) of the source's team, or of every team in turn, a page at a
// time (serverstore.EachRecord), decoded with involve.DecodeDoc.
func (s *ReportSource) Docs(ctx context.Context, entity string, fn func(involve.Doc) error) error {
	if !involve.IsDocEntity(entity) {
		return fmt.Errorf("report: %q is not a kind of doc", entity)
	}
	teams, err := s.scope(ctx, report.Filter{})
	if err != nil {
		return err
	}
	for _, t := range teams {
		err := serverstore.EachRecord(ctx, s.store, t.ID, entity, func(r serverstore.Record) error {
			d, err := involve.DecodeDoc(entity, r.State)
			if err != nil {
				return fmt.Errorf("report: stored %s %s of team %s does not decode: %w", r.Entity, r.ID, r.TeamID, err)
			}
			m := d.DocMeta()
			if m.DeletedAt != "" {
				return nil
			}
			m.TeamID = t.ID
			return fn(d)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// merger reads several teams' records of one entity a page at a time and hands them
// on merged by id (then team id): memory is one page per team.
type merger struct {
	ctx     context.Context
	store   serverstore.Store
	entity  string
	cursors []*teamCursor
}

type teamCursor struct {
	team  string
	page  []serverstore.Record
	pos   int
	after string
	done  bool
}

// fill makes sure the cursor has a record to offer, unless the team has no more.
func (m *merger) fill(c *teamCursor) error {
	if c.pos < len(c.page) || c.done {
		return nil
	}
	page, err := m.store.RecordsAfter(m.ctx, c.team, m.entity, c.after, serverstore.RecordsPage)
	if err != nil {
		return err
	}
	c.page, c.pos = page, 0
	if len(page) < serverstore.RecordsPage {
		c.done = true
	}
	if len(page) > 0 {
		c.after = page[len(page)-1].ID
	}
	return nil
}

func (m *merger) each(fn func(serverstore.Record) error) error {
	for {
		var best *teamCursor
		for _, c := range m.cursors {
			if err := m.fill(c); err != nil {
				return err
			}
			if c.pos >= len(c.page) {
				continue
			}
			if best == nil {
				best = c
				continue
			}
			r, b := c.page[c.pos], best.page[best.pos]
			if r.ID < b.ID || (r.ID == b.ID && r.TeamID < b.TeamID) {
				best = c
			}
		}
		if best == nil {
			return nil
		}
		r := best.page[best.pos]
		best.page[best.pos] = serverstore.Record{} // the page keeps no state it has handed on
		best.pos++
		if err := fn(r); err != nil {
			return err
		}
	}
}

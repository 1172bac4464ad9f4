package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// reportData is what a test stored for one team, kept in memory as the oracle
// (report.MemSource filters and orders as every source must).
type reportData struct {
	team serverstore.Team
	mem  report.MemSource
}

func putStates(t *testing.T, st serverstore.Store, teamID, entity string, recs ...any) {
	t.Helper()
	err := st.InTeamTx(context.Background(), teamID, func(tx serverstore.Tx) error {
		for _, rec := range recs {
			state, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			var m struct {
				ID  string `json:"id"`
				Rev int64  `json:"rev"`
			}
			json.Unmarshal(state, &m)
			r := serverstore.Record{TeamID: teamID, Entity: entity, ID: m.ID, Rev: m.Rev, State: state, DeviceID: "dev", UpdatedAt: time.Now()}
			if err := tx.PutRecord(context.Background(), &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func newID() string { return uuid.Must(uuid.NewV7()).String() }

// seedReports stores two teams' projects, sessions (some deleted, several on one date)
// and feedback (more than two pages for one team, ids interleaved across the teams,
// some deleted, some of deleted or unknown sessions), and returns the oracles.
func seedReports(t *testing.T, st serverstore.Store) (a, b *reportData) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	mk := func(name string) *reportData {
		tm := serverstore.Team{ID: newID(), Name: name, CreatedAt: time.Now()}
		if err := st.CreateTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
		return &reportData{team: tm}
	}
	a, b = mk("Alpha"), mk("Beta")
	types := []string{"workshop", "focus_group", "online"}
	boroughs := []string{"E09000022", "E09000028", ""}
	for _, d := range []*reportData{a, b} {
		for i := range 3 {
			p := involve.Project{}
			p.ID, p.Rev, p.Name, p.Aim = newID(), 1, fmt.Sprintf("Project %d", i), "Aim"
			if i == 2 {
				p.DeletedAt = "2026-05-01T00:00:00.000Z"
			}
			d.mem.ProjectList = append(d.mem.ProjectList, p)
		}
		for i := range 40 {
			s := involve.Session{}
			s.ID, s.Rev = newID(), 1
			s.Title = fmt.Sprintf("%s session %d", d.team.Name, i)
			s.Date = fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(6), 1+rng.IntN(3)) // many on one date
			s.Type, s.Borough, s.Status = types[rng.IntN(3)], boroughs[rng.IntN(3)], "held"
			s.ProjectID = d.mem.ProjectList[rng.IntN(3)].ID
			s.Attendees = rng.IntN(30)
			s.Notes = "notes of " + s.Title
			if i%9 == 4 {
				s.DeletedAt = "2026-06-01T00:00:00.000Z"
			}
			d.mem.SessionList = append(d.mem.SessionList, s)
		}
	}
	// Feedback ids interleave across the teams (made in one sequence).
	themes := []string{involve.ThemeIDFor("Access"), involve.ThemeIDFor("Digital"), involve.ThemeIDFor("Housing")}
	for i := range 1500 {
		d := a
		if rng.IntN(3) == 0 {
			d = b
		}
		f := involve.Feedback{}
		f.ID, f.Rev = newID(), 1
		f.SessionID = d.mem.SessionList[rng.IntN(len(d.mem.SessionList))].ID
		if i%97 == 0 {
			f.SessionID = newID() // unknown session
		}
		f.Text, f.Source = fmt.Sprintf("item %d", i), "comment_card"
		f.Themes = []string{themes[rng.IntN(3)]}
		if r := rng.IntN(7) - 1; r >= 0 {
			f.Rating = &r
		}
		f.EthnicGroup = []string{"", "white", "black", "asian"}[rng.IntN(4)]
		f.AgeBand = []string{"", "18_24", "65_74"}[rng.IntN(3)]
		if i%13 == 0 {
			f.DeletedAt = "2026-06-01T00:00:00.000Z"
		}
		d.mem.FeedbackList = append(d.mem.FeedbackList, f)
	}
	// Team A renamed the starter theme Access and archived Digital; team B made
	// Housing and archived Digital too.
	th := func(label string, archived bool) involve.Theme {
		x := involve.StarterTheme(label)
		x.Rev, x.Archived = 2, archived
		return x
	}
	access := th("Access", false)
	access.Label = "Getting in"
	a.mem.ThemeList = []involve.Theme{access, th("Digital", true)}
	housing := involve.Theme{Label: "Housing"}
	housing.ID, housing.Rev = involve.ThemeIDFor("Housing"), 1
	b.mem.ThemeList = []involve.Theme{th("Digital", true), housing}

	// Stored in shuffled order, so that nothing comes back in the order written.
	for _, d := range []*reportData{a, b} {
		var ps, ss, fs, ts []any
		for i := range d.mem.ProjectList {
			ps = append(ps, &d.mem.ProjectList[i])
		}
		for i := range d.mem.SessionList {
			ss = append(ss, &d.mem.SessionList[i])
		}
		for i := range d.mem.FeedbackList {
			fs = append(fs, &d.mem.FeedbackList[i])
		}
		for i := range d.mem.ThemeList {
			ts = append(ts, &d.mem.ThemeList[i])
		}
		for _, l := range [][]any{ps, ss, fs, ts} {
			rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
		}
		putStates(t, st, d.team.ID, "project", ps...)
		putStates(t, st, d.team.ID, "session", ss...)
		putStates(t, st, d.team.ID, "feedback", fs...)
		putStates(t, st, d.team.ID, "theme", ts...)
	}
	return a, b
}

// streamed lists the ids a source gives, in its order.
func streamed(t *testing.T, src report.Source, f report.Filter) (sessions, feedback []string) {
	t.Helper()
	ctx := context.Background()
	if err := src.Sessions(ctx, f, func(s *involve.Session) error {
		if s.Notes == "" {
			t.Errorf("session %s without its notes", s.ID)
		}
		sessions = append(sessions, s.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := src.Feedback(ctx, f, func(fb *involve.Feedback) error { feedback = append(feedback, fb.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return sessions, feedback
}

func TestReportSource(t *testing.T) {
	st := openSQLite(t)
	defer st.Close()
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a, b := seedReports(t, st)
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	filters := []report.Filter{
		{},
		{From: "2026-02-01", To: "2026-04-30"},
		{Borough: "E09000022", SessionType: "workshop"},
		{ProjectID: a.mem.ProjectList[1].ID},
		{From: "2030-01-01"},
	}

	t.Run("OneTeamAsMemSource", func(t *testing.T) {
		for _, f := range filters {
			src := server.NewReportSource(st, a.team.ID)
			gs, gf := streamed(t, src, f)
			ws, wf := streamed(t, &a.mem, f)
			if !reflect.DeepEqual(gs, ws) {
				t.Errorf("filter %+v: sessions\n got %v\nwant %v", f, gs, ws)
			}
			if !reflect.DeepEqual(gf, wf) {
				t.Errorf("filter %+v: %d feedback items, want %d (or not in id order)", f, len(gf), len(wf))
			}
			got, err := report.Summarize(ctx, server.NewReportSource(st, a.team.ID), f, now)
			if err != nil {
				t.Fatal(err)
			}
			want, err := report.Summarize(ctx, &a.mem, f, now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				t.Errorf("filter %+v: figures\n got %s\nwant %s", f, gj, wj)
			}
		}
		if _, f := streamed(t, server.NewReportSource(st, a.team.ID), report.Filter{}); len(f) <= serverstore.RecordsPage {
			t.Fatalf("only %d feedback items: the test should cross a page", len(f))
		}
	})

	t.Run("EveryTeam", func(t *testing.T) {
		all := report.MemSource{
			SessionList:  append(append([]involve.Session(nil), a.mem.SessionList...), b.mem.SessionList...),
			FeedbackList: append(append([]involve.Feedback(nil), a.mem.FeedbackList...), b.mem.FeedbackList...),
		}
		for _, f := range filters[:3] {
			gs, gf := streamed(t, server.NewReportSource(st, server.AllTeams), f)
			ws, wf := streamed(t, &all, f)
			if !reflect.DeepEqual(gs, ws) || !reflect.DeepEqual(gf, wf) {
				t.Errorf("filter %+v: %d sessions, %d feedback; want %d, %d in the same order", f, len(gs), len(gf), len(ws), len(wf))
			}
		}
		ps, err := server.NewReportSource(st, server.AllTeams).Projects(ctx)
		if err != nil || len(ps) != 6 {
			t.Fatalf("projects: %d, %v", len(ps), err)
		}
		names := map[string]bool{}
		for _, p := range ps {
			names[p.Name] = true
		}
		if !names["Project 0 (Alpha)"] || !names["Project 0 (Beta)"] {
			t.Errorf("organisation-wide project names should say their team: %v", names)
		}
	})

	t.Run("ThemeLabels", func(t *testing.T) {
		labels := func(teamID string) map[string]string {
			ts, err := server.NewReportSource(st, teamID).Themes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]string{}
			for _, th := range ts {
				if _, dup := out[th.ID]; dup {
					t.Errorf("theme %s twice", th.ID)
				}
				out[th.Label] = fmt.Sprint(th.Archived)
			}
			return out
		}
		if got, want := labels(a.team.ID), map[string]string{"Getting in": "false", "Digital": "true"}; !reflect.DeepEqual(got, want) {
			t.Errorf("team A themes %v, want %v", got, want)
		}
		// Organisation-wide: team B still has the starter label of Access; both archived Digital.
		if got, want := labels(server.AllTeams), map[string]string{"Getting in / Access": "false", "Digital": "true", "Housing": "false"}; !reflect.DeepEqual(got, want) {
			t.Errorf("organisation-wide themes %v, want %v", got, want)
		}
	})

	t.Run("FilterCannotCrossTeams", func(t *testing.T) {
		src := server.NewReportSource(st, a.team.ID)
		err := src.Sessions(ctx, report.Filter{TeamID: b.team.ID}, func(*involve.Session) error { t.Error("a session of team B"); return nil })
		var ae *syncapi.Error
		if !errors.As(err, &ae) || ae.Code != syncapi.EFORBIDDEN {
			t.Errorf("team A's source filtered to team B: %v, want forbidden", err)
		}
		if err := src.Feedback(ctx, report.Filter{TeamID: b.team.ID}, func(*involve.Feedback) error { t.Error("feedback of team B"); return nil }); err == nil {
			t.Error("team A's source gave feedback for team B's filter")
		}
		if _, f := streamed(t, src, report.Filter{TeamID: a.team.ID}); len(f) == 0 {
			t.Error("its own team in the filter: no feedback")
		}
	})

	t.Run("CallbackErrorStops", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := server.NewReportSource(st, server.AllTeams).Feedback(ctx, report.Filter{}, func(*involve.Feedback) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("Feedback stops at the callback's error: %v after %d", err, n)
		}
	})
}

// TestBulkEntityIsFeedback: the stores page through serverstore.BulkEntity by the
// records' key, not by their index by entity, which leaves it out (their migration
// 0011 names it): it is the domain's feedback items.
func TestBulkEntityIsFeedback(t *testing.T) {
	if serverstore.BulkEntity != involve.EntityFeedback {
		t.Errorf("serverstore.BulkEntity = %q, want %q", serverstore.BulkEntity, involve.EntityFeedback)
	}
}

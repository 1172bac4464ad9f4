package servertest

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

func testOtherTeam(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("A"), e.Team("B")
	da, db := e.Enrol(a.ID), e.Enrol(b.ID)
	f := NewFeedback("Team A's feedback")
	res := da.Push(da.Change("feedback", f, 0))
	if res[0].Status != syncapi.StatusApplied {
		t.Fatalf("team A push: %+v", res[0])
	}
	// Team B's device sends a change to team A's record (same id).
	g := *f
	g.Text = "overwritten by team B"
	res = db.Push(db.Change("feedback", &g, res[0].Rev))
	if res[0].Status != syncapi.StatusRejected || res[0].Code != syncapi.EFORBIDDEN || res[0].Reason == "" {
		t.Errorf("team B's change to team A's record: %+v, want rejected forbidden", res[0])
	}
	if got := db.PullAll(); len(got) != 0 {
		t.Errorf("team B pulls %d records, want none", len(got))
	}
	got := da.PullAll()
	if len(got) != 1 || Feedback(t, got[f.ID].State).Text != "Team A's feedback" {
		t.Errorf("team A's record after team B's attempt: %+v", got)
	}
	for _, c := range got {
		if strings.Contains(string(c.State), b.ID) {
			t.Errorf("team A's data mentions team B: %s", c.State)
		}
	}
}

func testThemesPerTeam(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("A"), e.Team("B")
	da, db := e.Enrol(a.ID), e.Enrol(b.ID)
	// Starter themes have the same id on every laptop of every team.
	mk := func(archived bool) *involve.Theme {
		th := &involve.Theme{Label: "Access", Archived: archived}
		th.ID, th.CreatedAt, th.Rev = involve.ThemeIDFor("Access"), "2026-01-01T00:00:00.000Z", 1
		return th
	}
	if r := da.Push(da.Change("theme", mk(true), 1))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("team A theme: %+v", r)
	}
	if r := db.Push(db.Change("theme", mk(false), 1))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("team B's own copy of a starter theme: %+v, want applied (theme ids are per team)", r)
	}
	ga, gb := da.PullAll()[involve.ThemeIDFor("Access")], db.PullAll()[involve.ThemeIDFor("Access")]
	if !strings.Contains(string(ga.State), `"archived":true`) || !strings.Contains(string(gb.State), `"archived":false`) {
		t.Errorf("teams' themes mixed: A %s, B %s", ga.State, gb.State)
	}
}

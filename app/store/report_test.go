package store_test

import (
	"context"
	"database/sql"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// reportFixture is a database made through the store's public methods: the 300-item
// test data set (7 sessions from 2023 to 2025, no project) imported, plus a project
// with sessions in 2026, deleted records, custom and archived themes, and feedback
// with every kind of answer.
type reportFixture struct {
	db                *store.DB
	path              string
	project, other    involve.Project
	held, planned     involve.Session
	deletedSession    involve.Session
	deletedFeedbackID string
}

func newReportFixture(t *testing.T) *reportFixture {
	t.Helper()
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	fx := &reportFixture{db: db, path: path}

	in, err := os.Open("../jsonl/testdata/dataset-300.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := jsonl.Import(ctx, db, in, nil); err != nil {
		t.Fatal(err)
	}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	fx.project, err = db.CreateProject(ctx, involve.ProjectInput{Name: "Maternity voices", Aim: "Hear from new mothers"})
	must(err)
	fx.other, err = db.CreateProject(ctx, involve.ProjectInput{Name: "Pharmacy access"})
	must(err)
	parking, err := db.CreateTheme(ctx, "Parking")
	must(err)
	oldTheme, err := db.CreateTheme(ctx, "Old leaflets")
	must(err)
	_, err = db.SetThemeArchived(ctx, oldTheme.ID, true)
	must(err)
	access := involve.ThemeIDFor("Access")

	fx.held, err = db.CreateSession(ctx, involve.SessionInput{ProjectID: fx.project.ID, Title: "Market stall", Date: "2026-03-01",
		Type: "outreach_stall", Borough: "E09000022", Status: "held", Attendees: 40, Standards: []string{"1", "4"},
		WentWell: "Busy stall"})
	must(err)
	_, err = db.SaveSessionNotes(ctx, fx.held.ID, "Notes of the stall")
	must(err)
	fx.planned, err = db.CreateSession(ctx, involve.SessionInput{ProjectID: fx.project.ID, Title: "Workshop", Date: "2026-04-10",
		Type: "workshop", Borough: "E09000008", Status: "planned", Attendees: 3})
	must(err)
	written, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: fx.other.ID, Title: "Pharmacy focus group", Date: "2026-03-01",
		Type: "focus_group", Borough: "outside_london", Status: "written_up", Attendees: 12})
	must(err)
	fx.deletedSession, err = db.CreateSession(ctx, involve.SessionInput{ProjectID: fx.project.ID, Title: "Cancelled", Date: "2026-03-05",
		Type: "workshop", Borough: "E09000032", Status: "held", Attendees: 500})
	must(err)

	ages := []string{"25_34", "25_34", "18_24", "", "prefer_not_to_say", "85_plus", "35_44"}
	ethnic := []string{"black", "white", "asian", "", "prefer_not_to_say", "mixed", "other", "white", "white"}
	boroughs := []string{"E09000022", "E09000004", "", "outside_london", "E09000022"}
	sources := []string{"comment_card", "conversation", "kiosk"}
	sessions := []string{fx.held.ID, fx.held.ID, fx.planned.ID, written.ID}
	for i := 0; i < 60; i++ {
		in := involve.FeedbackInput{SessionID: sessions[i%len(sessions)], Text: "Card " + strings.Repeat("x", i%7),
			Source: sources[i%len(sources)], AgeBand: ages[i%len(ages)], EthnicGroup: ethnic[i%len(ethnic)],
			Borough: boroughs[i%len(boroughs)], QuoteConsent: i%3 == 0, NeedsResponse: i%10 == 0}
		if r := i % 8; r < 6 {
			in.Rating = rating(r)
		} // 6, 7: no rating
		switch i % 5 {
		case 0:
			in.Themes = []string{access}
		case 1:
			in.Themes = []string{access, parking.ID}
		case 2:
			in.Themes = []string{oldTheme.ID}
		}
		fb, err := db.CreateFeedback(ctx, in)
		must(err)
		if i == 7 {
			fx.deletedFeedbackID = fb.ID
		}
	}
	must(db.DeleteFeedback(ctx, fx.deletedFeedbackID))
	for i := 0; i < 9; i++ {
		_, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: fx.deletedSession.ID, Text: "gone", Rating: rating(1),
			Themes: []string{parking.ID}, EthnicGroup: "black", Borough: "E09000032"})
		must(err)
	}
	must(db.DeleteSession(ctx, fx.deletedSession.ID))
	return fx
}

// expected holds the figures counted straight from the tables with SQL written here,
// independently of the store's report queries and of package report.
type expected struct {
	sessions, held, planned, attendees, feedback int
	fftNum, fftDen, minorityNum, minorityDen     int
	quotes, needsResponse                        int
	boroughs                                     []string
	themes                                       map[string][5]int // count, positive, neutral, negative, no rating
	reach                                        map[string]map[string]int
	sessionIDs                                   []string // by date, id
	feedbackIDs                                  []string // by id
}

func countBySQL(t *testing.T, conn *sql.DB, f report.Filter) expected {
	t.Helper()
	where := "s.deleted_at IS NULL"
	var args []any
	for _, c := range []struct{ col, op, v string }{
		{"date", ">=", f.From}, {"date", "<=", f.To}, {"project_id", "=", f.ProjectID},
		{"borough", "=", f.Borough}, {"type", "=", f.SessionType},
	} {
		if c.v != "" {
			where += " AND s." + c.col + " " + c.op + " ?"
			args = append(args, c.v)
		}
	}
	fbFrom := "feedback f JOIN sessions s ON s.id = f.session_id WHERE f.deleted_at IS NULL AND " + where
	one := func(q string, dest ...any) {
		t.Helper()
		if err := conn.QueryRow(q, args...).Scan(dest...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	list := func(q string, args ...any) []string {
		t.Helper()
		rows, err := conn.Query(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	var e expected
	one(`SELECT count(*), count(*) FILTER (WHERE status IN ('held', 'written_up')), count(*) FILTER (WHERE status = 'planned'),
		coalesce(sum(attendees), 0) FROM sessions s WHERE `+where, &e.sessions, &e.held, &e.planned, &e.attendees)
	one(`SELECT count(*), count(*) FILTER (WHERE rating >= 4), count(rating),
		count(*) FILTER (WHERE ethnic_group IN ('asian', 'black', 'mixed', 'other')),
		count(*) FILTER (WHERE ethnic_group NOT IN ('', 'prefer_not_to_say')),
		count(*) FILTER (WHERE quote_consent), count(*) FILTER (WHERE needs_response) FROM `+fbFrom,
		&e.feedback, &e.fftNum, &e.fftDen, &e.minorityNum, &e.minorityDen, &e.quotes, &e.needsResponse)
	e.boroughs = list(`SELECT s.borough FROM sessions s WHERE `+where+` AND s.borough LIKE 'E09%'
		UNION SELECT f.borough FROM `+fbFrom+` AND f.borough LIKE 'E09%'`, append(append([]any{}, args...), args...)...)
	sort.Strings(e.boroughs)

	e.themes = map[string][5]int{}
	rows, err := conn.Query(`SELECT j.value, count(*), count(*) FILTER (WHERE f.rating >= 4), count(*) FILTER (WHERE f.rating = 3),
		count(*) FILTER (WHERE f.rating IN (1, 2)), count(*) FILTER (WHERE f.rating IS NULL OR f.rating = 0)
		FROM `+strings.Replace(fbFrom, "JOIN sessions s", "JOIN json_each(f.themes) j JOIN sessions s", 1)+` GROUP BY j.value`, args...)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		var c [5]int
		if err := rows.Scan(&id, &c[0], &c[1], &c[2], &c[3], &c[4]); err != nil {
			t.Fatal(err)
		}
		e.themes[id] = c
	}
	rows.Close()

	e.reach = map[string]map[string]int{}
	for dim, col := range map[string]string{"ageBand": "age_band", "ethnicGroup": "ethnic_group", "borough": "borough"} {
		e.reach[dim] = map[string]int{}
		rows, err := conn.Query(`SELECT f.`+col+`, count(*) FROM `+fbFrom+` GROUP BY 1`, args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var code string
			var n int
			if err := rows.Scan(&code, &n); err != nil {
				t.Fatal(err)
			}
			e.reach[dim][code] = n
		}
		rows.Close()
	}
	e.sessionIDs = list(`SELECT s.id FROM sessions s WHERE `+where+` ORDER BY s.date, s.id`, args...)
	e.feedbackIDs = list(`SELECT f.id FROM `+fbFrom+` ORDER BY f.id`, args...)
	return e
}

func checkFigures(t *testing.T, fig *report.Figures, e expected) {
	t.Helper()
	got := []int{fig.Sessions, fig.SessionsHeld, fig.SessionsPlanned, fig.PeopleReached.N, fig.FeedbackItems,
		fig.FFTPositive.Num, fig.FFTPositive.Den, fig.EthnicMinority.Num, fig.EthnicMinority.Den, fig.QuotesAllowed, fig.NeedsResponse}
	want := []int{e.sessions, e.held, e.planned, e.attendees, e.feedback, e.fftNum, e.fftDen, e.minorityNum, e.minorityDen,
		e.quotes, e.needsResponse}
	names := []string{"sessions", "held", "planned", "people reached", "feedback items", "FFT positive", "FFT rated",
		"ethnic minority", "ethnic group stated", "quotes allowed", "needs response"}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s = %d, want %d", names[i], got[i], want[i])
		}
	}
	var boroughs []string
	for _, b := range fig.BoroughsCovered {
		boroughs = append(boroughs, b.Code)
	}
	sort.Strings(boroughs)
	if strings.Join(boroughs, ",") != strings.Join(e.boroughs, ",") {
		t.Errorf("boroughs covered %v, want %v", boroughs, e.boroughs)
	}
	if len(fig.Themes) != len(e.themes) {
		t.Errorf("%d theme rows, want %d", len(fig.Themes), len(e.themes))
	}
	for _, r := range fig.Themes {
		if g, w := [5]int{r.Count, r.Positive, r.Neutral, r.Negative, r.NoRating}, e.themes[r.ID]; g != w {
			t.Errorf("theme %s (%s): %v, want %v", r.Label, r.ID, g, w)
		}
	}
	if len(fig.Reach) != 3 {
		t.Fatalf("%d reach dimensions", len(fig.Reach))
	}
	for _, d := range fig.Reach {
		want := e.reach[d.Code]
		total, seen, other := 0, map[string]bool{}, -1
		for _, c := range d.Categories {
			total += c.Count.N
			if c.Code == "other_answer" { // codes outside the reference list
				other = c.Count.N
				continue
			}
			seen[c.Code] = true
			if c.Count.N != want[c.Code] {
				t.Errorf("reach %s %q = %d, want %d", d.Code, c.Code, c.Count.N, want[c.Code])
			}
			if c.Count.Suppressed != (c.Count.N > 0 && c.Count.N < 5) {
				t.Errorf("reach %s %q: %d suppressed = %v", d.Code, c.Code, c.Count.N, c.Count.Suppressed)
			}
		}
		wantOther := 0
		for code, n := range want {
			if !seen[code] {
				wantOther += n
			}
		}
		if wantOther > 0 && other != wantOther {
			t.Errorf("reach %s: other answers %d, want %d", d.Code, other, wantOther)
		}
		if d.Total != total || total != e.feedback {
			t.Errorf("reach %s total %d, categories sum %d, feedback %d", d.Code, d.Total, total, e.feedback)
		}
	}
}

func TestReportSource(t *testing.T) {
	ctx := context.Background()
	fx := newReportFixture(t)
	conn, err := sql.Open("sqlite3", "file:"+fx.path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

	cases := []struct {
		name string
		f    report.Filter
		// floor: at least this many sessions and items, so a filter that matches
		// nothing cannot pass by agreeing on zeros
		sessions, feedback int
	}{
		{"Everything", report.Filter{}, 9, 350},
		{"Period2026", report.Filter{From: "2026-01-01", To: "2026-12-31"}, 3, 50},
		{"PeriodOneDay", report.Filter{From: "2026-03-01", To: "2026-03-01"}, 2, 40},
		{"PeriodOpenEnded", report.Filter{To: "2025-06-30"}, 3, 100},
		{"Project", report.Filter{ProjectID: fx.project.ID}, 2, 40},
		{"Borough", report.Filter{Borough: "E09000022"}, 1, 30},
		{"Type", report.Filter{SessionType: "workshop"}, 2, 1},
		{"Combined", report.Filter{From: "2026-01-01", ProjectID: fx.project.ID, SessionType: "outreach_stall"}, 1, 29},
		{"DeletedSessionOnly", report.Filter{Borough: "E09000032", From: "2026-01-01"}, 0, 0},
		{"Nothing", report.Filter{From: "2030-01-01"}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := c.f
			if err := f.Validate(); err != nil {
				t.Fatal(err)
			}
			e := countBySQL(t, conn, f)
			if e.sessions < c.sessions || e.feedback < c.feedback {
				t.Fatalf("the fixture has %d sessions and %d items for this filter, want at least %d and %d",
					e.sessions, e.feedback, c.sessions, c.feedback)
			}
			fig, err := report.Summarize(ctx, fx.db, f, now)
			if err != nil {
				t.Fatal(err)
			}
			checkFigures(t, fig, e)

			var sessionIDs, feedbackIDs []string
			if err := fx.db.Sessions(ctx, f, func(s *involve.Session) error {
				sessionIDs = append(sessionIDs, s.ID)
				if s.ID == fx.held.ID && (s.Notes != "Notes of the stall" || strings.Join(s.Standards, ",") != "1,4" || s.WentWell != "Busy stall") {
					t.Errorf("session read back as %+v", s)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := fx.db.Feedback(ctx, f, func(fb *involve.Feedback) error {
				feedbackIDs = append(feedbackIDs, fb.ID)
				if fb.Themes == nil || fb.Text == "" || fb.SessionID == "" || fb.CreatedAt == "" {
					t.Errorf("feedback read back as %+v", fb)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if strings.Join(sessionIDs, ",") != strings.Join(e.sessionIDs, ",") {
				t.Errorf("sessions in order %v, want %v", sessionIDs, e.sessionIDs)
			}
			if strings.Join(feedbackIDs, ",") != strings.Join(e.feedbackIDs, ",") {
				t.Errorf("%d feedback ids (in order), want %d", len(feedbackIDs), len(e.feedbackIDs))
			}
			for _, id := range append(sessionIDs, feedbackIDs...) {
				if id == fx.deletedSession.ID || id == fx.deletedFeedbackID {
					t.Errorf("deleted record %s reported", id)
				}
			}
			ns, nf, err := fx.db.Count(ctx, f)
			if err != nil || ns != e.sessions || nf != e.feedback {
				t.Errorf("Count = %d, %d, %v; want %d, %d", ns, nf, err, e.sessions, e.feedback)
			}
		})
	}

	t.Run("ProjectsAndThemesIncludeArchived", func(t *testing.T) {
		ps, err := fx.db.Projects(ctx)
		if err != nil || len(ps) != 2 {
			t.Fatalf("projects %+v, %v", ps, err)
		}
		ts, err := fx.db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		archived := false
		for _, th := range ts {
			if th.Label == "Old leaflets" {
				archived = th.Archived
			}
		}
		if !archived {
			t.Fatalf("archived theme missing from %+v", ts)
		}
		fig, err := report.Summarize(ctx, fx.db, report.Filter{}, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range fig.Themes {
			if r.Label == "Unknown theme" {
				t.Errorf("theme %s has no label", r.ID)
			}
		}
	})

	t.Run("StopsWhenFnFails", func(t *testing.T) {
		n := 0
		stop := context.Canceled
		err := fx.db.Feedback(ctx, report.Filter{}, func(*involve.Feedback) error {
			n++
			if n == 3 {
				return stop
			}
			return nil
		})
		if err != stop || n != 3 {
			t.Fatalf("err %v after %d items", err, n)
		}
	})
	t.Run("CancelledContext", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		n := 0
		err := fx.db.Feedback(cctx, report.Filter{}, func(*involve.Feedback) error {
			n++
			if n == 2 {
				cancel()
			}
			return nil
		})
		if err == nil || n > 50 {
			t.Fatalf("err %v after %d items", err, n)
		}
	})
}

package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// MustOpenDB opens a fresh database file in a temporary folder.
var MustOpenDB = storetest.Open

func mustSession(tb testing.TB, db *store.DB, title string) involve.Session {
	tb.Helper()
	s, err := db.CreateSession(context.Background(), involve.SessionInput{Title: title, Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func rating(n int) *int { return &n }

func TestOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Pragmas", func(t *testing.T) {
		for _, c := range []struct{ pragma, want string }{
			{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"synchronous", "2"}, {"busy_timeout", "10000"}, {"secure_delete", "1"},
		} {
			var got string
			if err := db.QueryRowForTest(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
			}
		}
	})
	t.Run("SchemaVersion", func(t *testing.T) {
		v, err := db.SchemaVersion(ctx)
		if err != nil || v != store.LatestVersion() {
			t.Fatalf("version = %d, %v; want %d", v, err, store.LatestVersion())
		}
	})
	t.Run("DeviceIDStable", func(t *testing.T) {
		dev := db.DeviceID()
		if len(dev) != 36 {
			t.Fatalf("device id %q", dev)
		}
		db.Close()
		db2, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db2.Close()
		if db2.DeviceID() != dev {
			t.Fatalf("device id changed on reopen: %q != %q", db2.DeviceID(), dev)
		}
		themes, err := db2.FindThemes(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(themes) != len(involve.StarterThemes) {
			t.Fatalf("reopening seeded themes again: %d themes, want %d", len(themes), len(involve.StarterThemes))
		}
	})
}

// A new session with no status chosen is "held" when dated today or earlier, so a
// stall being captured counts as held; a later date is "planned".
func TestNewSessionStatusFollowsTheDate(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.Now = func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.Local) }
	for _, c := range []struct{ date, status, want string }{
		{"2026-12-06", "", "held"},    // today: the stall is happening
		{"2026-11-20", "", "held"},    // earlier
		{"2026-12-07", "", "planned"}, // tomorrow
		{"2026-12-05", "planned", "planned"},
	} {
		s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: c.date, Type: "outreach_stall", Status: c.status})
		if err != nil {
			t.Fatal(err)
		}
		if s.Status != c.want {
			t.Errorf("dated %s with status %q: got %q, want %q", c.date, c.status, s.Status, c.want)
		}
	}
}

func TestSession(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)

	t.Run("CreateAndFind", func(t *testing.T) {
		p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Diabetes pathway", Boroughs: []string{"E09000008"}})
		if err != nil {
			t.Fatal(err)
		}
		in := involve.SessionInput{ProjectID: p.ID, Title: "  Stall at Croydon market ", Date: "2026-11-20",
			StartTime: "10:00", EndTime: "13:00", Type: "outreach_stall", Borough: "E09000008",
			Standards: []string{"1", "4", "1"}, AccessSupport: []string{"interpreter"}, Attendees: 40}
		s, err := db.CreateSession(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if s.Title != "Stall at Croydon market" {
			t.Errorf("title not trimmed: %q", s.Title)
		}
		if got, want := len(s.Standards), 2; got != want {
			t.Errorf("standards %v: duplicates kept", s.Standards)
		}
		if s.ProjectName != "Diabetes pathway" || s.Status != "held" || s.Mode != "in_person" {
			t.Errorf("got project %q status %q mode %q", s.ProjectName, s.Status, s.Mode)
		}
		if s.Rev == 0 || s.DeviceID != db.DeviceID() || s.CreatedAt == "" {
			t.Errorf("sync fields not set: %+v", s.Meta)
		}
		got, err := db.FindSessionByID(ctx, s.ID)
		if err != nil || got.Title != s.Title || got.Attendees != 40 {
			t.Fatalf("find: %+v, %v", got, err)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		_, err := db.CreateSession(ctx, involve.SessionInput{Date: "2026-02-30", StartTime: "14:00", EndTime: "13:00", Type: "party"})
		if involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("err = %v, want invalid", err)
		}
		want := map[string]bool{"title": true, "date": true, "endTime": true, "type": true}
		for _, f := range involve.ErrorFields(err) {
			delete(want, f.Field)
		}
		if len(want) != 0 {
			t.Fatalf("missing field errors for %v in %v", want, involve.ErrorFields(err))
		}
	})

	t.Run("ErrUnknownProject", func(t *testing.T) {
		_, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: "0195f3a4-0000-7000-8000-000000000000", Title: "x", Date: "2026-01-01", Type: "workshop"})
		fs := involve.ErrorFields(err)
		if len(fs) != 1 || fs[0].Field != "projectId" {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("NotesRevAndOutboxCoalesced", func(t *testing.T) {
		s := mustSession(t, db, "Notes")
		before, _ := db.PendingChanges(ctx, 0)
		var last involve.NotesSaved
		for _, n := range []string{"F", "Fi", "First line"} {
			saved, err := db.SaveSessionNotes(ctx, s.ID, n)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Rev <= last.Rev {
				t.Fatalf("rev did not increase: %d after %d", saved.Rev, last.Rev)
			}
			last = saved
		}
		after, _ := db.PendingChanges(ctx, 0)
		if len(after) != len(before) {
			t.Fatalf("outbox grew from %d to %d: unsent changes to one record must coalesce", len(before), len(after))
		}
		var e syncer.OutboxEntry
		for _, x := range after {
			if x.RecordID == s.ID {
				e = x
			}
		}
		if e.BaseRev != 0 || e.Rev != last.Rev {
			t.Fatalf("outbox entry base %d rev %d, want base 0 rev %d", e.BaseRev, e.Rev, last.Rev)
		}
		got, _ := db.FindSessionByID(ctx, s.ID)
		if got.Notes != "First line" || got.NotesUpdatedAt != last.SavedAt {
			t.Fatalf("notes %q at %q", got.Notes, got.NotesUpdatedAt)
		}
	})

	t.Run("SoftDeleteAndRestore", func(t *testing.T) {
		s := mustSession(t, db, "To delete")
		if err := db.DeleteSession(ctx, s.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindSessionByID(ctx, s.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("deleted session found: %v", err)
		}
		list, _ := db.FindSessions(ctx, involve.SessionFilter{})
		for _, x := range list {
			if x.ID == s.ID {
				t.Fatal("deleted session listed")
			}
		}
		if err := db.DeleteSession(ctx, s.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		r, err := db.RestoreSession(ctx, s.ID)
		if err != nil || r.DeletedAt != "" {
			t.Fatalf("restore: %+v %v", r.Meta, err)
		}
	})
}

func TestFeedback(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := mustSession(t, db, "Library drop-in")
	themes, _ := db.FindThemes(ctx, false)

	t.Run("Create", func(t *testing.T) {
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "  Waited 3 hours at A&E\n", Rating: rating(2),
			Themes: []string{themes[0].ID, themes[0].ID}, QuoteConsent: true, AgeBand: "25_34", Borough: "E09000022"})
		if err != nil {
			t.Fatal(err)
		}
		if f.Text != "Waited 3 hours at A&E" || len(f.Themes) != 1 || f.Source != "comment_card" || *f.Rating != 2 {
			t.Fatalf("got %+v", f)
		}
		list, err := db.FindFeedback(ctx, s.ID)
		if err != nil || len(list) != 1 || list[0].ID != f.ID || !list[0].QuoteConsent || *list[0].Rating != 2 {
			t.Fatalf("list %+v %v", list, err)
		}
		pending, _ := db.PendingChanges(ctx, 0)
		found := false
		for _, e := range pending {
			found = found || (e.RecordID == f.ID && e.Entity == involve.EntityFeedback)
		}
		if !found {
			t.Fatal("no outbox entry for the new feedback")
		}
	})

	t.Run("NoRating", func(t *testing.T) {
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "no rating given"})
		if err != nil || f.Rating != nil {
			t.Fatalf("%+v %v", f.Rating, err)
		}
		got, _ := db.FindFeedbackByID(ctx, f.ID)
		if got.Rating != nil {
			t.Fatalf("nil rating stored as %d", *got.Rating)
		}
	})

	t.Run("ErrValidation", func(t *testing.T) {
		_, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Rating: rating(7), Source: "pigeon", AgeBand: "ancient"})
		if len(involve.ErrorFields(err)) != 4 {
			t.Fatalf("want 4 field errors (text, rating, source, ageBand), got %v", err)
		}
		_, err = db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "x", Themes: []string{"not-a-theme"}})
		if fs := involve.ErrorFields(err); len(fs) != 1 || fs[0].Field != "themes" {
			t.Fatalf("unknown theme: %v", err)
		}
		_, err = db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: "nope", Text: "x"})
		if fs := involve.ErrorFields(err); len(fs) != 1 || fs[0].Field != "sessionId" {
			t.Fatalf("unknown session: %v", err)
		}
	})

	t.Run("DeleteRestoreAndSessionDeleted", func(t *testing.T) {
		s2 := mustSession(t, db, "Other")
		f, _ := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s2.ID, Text: "bring back"})
		if err := db.DeleteFeedback(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RestoreFeedback(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		db.DeleteFeedback(ctx, f.ID)
		db.DeleteSession(ctx, s2.ID)
		if _, err := db.RestoreFeedback(ctx, f.ID); involve.ErrorCode(err) != involve.ECONFLICT {
			t.Fatalf("restoring feedback of a deleted session: %v", err)
		}
	})
}

func TestThemes(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t.Run("CreateRenameArchive", func(t *testing.T) {
		th, err := db.CreateTheme(ctx, "  Parking   and  access ")
		if err != nil {
			t.Fatal(err)
		}
		if th.Label != "Parking and access" || th.ID != involve.ThemeIDFor("parking and access") {
			t.Fatalf("got %+v", th)
		}
		if _, err := db.CreateTheme(ctx, "parking AND access"); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("duplicate label: %v", err)
		}
		r, err := db.RenameTheme(ctx, th.ID, "Parking")
		if err != nil || r.ID != th.ID || r.Rev <= th.Rev {
			t.Fatalf("rename %+v %v", r, err)
		}
		// the old label's id is taken by the renamed theme: a new theme with that label gets a fresh id
		again, err := db.CreateTheme(ctx, "Parking and access")
		if err != nil || again.ID == th.ID {
			t.Fatalf("recreate %+v %v", again, err)
		}
		if _, err := db.SetThemeArchived(ctx, th.ID, true); err != nil {
			t.Fatal(err)
		}
		live, _ := db.FindThemes(ctx, false)
		all, _ := db.FindThemes(ctx, true)
		if len(all) != len(live)+1 {
			t.Fatalf("archived theme: %d live, %d all", len(live), len(all))
		}
	})
	t.Run("Usage", func(t *testing.T) {
		s := mustSession(t, db, "x")
		themes, _ := db.FindThemes(ctx, false)
		db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "a", Themes: []string{themes[1].ID}})
		db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "b", Themes: []string{themes[1].ID, themes[2].ID}})
		themes, _ = db.FindThemes(ctx, false)
		if themes[1].Usage != 2 || themes[2].Usage != 1 || themes[0].Usage != 0 {
			t.Fatalf("usage %d %d %d", themes[0].Usage, themes[1].Usage, themes[2].Usage)
		}
	})
}

func TestHome(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	today := db.Now().Format("2006-01-02")
	a, _ := db.CreateSession(ctx, involve.SessionInput{Title: "Today", Date: today, Type: "workshop"})
	db.CreateSession(ctx, involve.SessionInput{Title: "Old", Date: "2020-01-01", Type: "workshop"})
	db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: a.ID, Text: "x", NeedsResponse: true})
	h, err := db.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Today) != 1 || h.Today[0].ID != a.ID || h.Today[0].FeedbackCount != 1 {
		t.Fatalf("today %+v", h.Today)
	}
	if len(h.Recent) != 1 || h.Recent[0].Title != "Old" {
		t.Fatalf("recent %+v", h.Recent)
	}
	if h.Counts.Sessions != 2 || h.Counts.Feedback != 1 || h.Counts.FeedbackToday != 1 || h.Counts.NeedsResponse != 1 {
		t.Fatalf("counts %+v", h.Counts)
	}
}

// A new database's pages are 8 KiB (issue 17: less of each page is left empty by the
// feedback rows), in WAL mode.
func TestNewDatabasePageSize(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	var size int
	var mode string
	if err := db.QueryRowForTest(ctx, `SELECT page_size, journal_mode FROM pragma_page_size, pragma_journal_mode`).Scan(&size, &mode); err != nil {
		t.Fatal(err)
	}
	if size != 8192 || mode != "wal" {
		t.Fatalf("page size %d, journal %s; want 8192, wal", size, mode)
	}
}

package synctest_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// fullBases counts a laptop's sync bases of sessions and feedback items that hold a
// state of their own (not light, issue 17), and all of them (written or implied by a
// feedback row: sync_base_all, migration 0016).
func fullBases(t *testing.T, d *device) (full, all int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(d.dir, "involve.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE state <> ''), count(*) FROM sync_base_all
		WHERE entity IN ('session', 'feedback')`).Scan(&full, &all); err != nil {
		t.Fatal(err)
	}
	return full, all
}

// baseOf is a laptop's sync base state of a record ("" when light).
func baseOf(t *testing.T, d *device, entity, id string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(d.dir, "involve.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	if err := db.QueryRow(`SELECT state FROM sync_base_all WHERE entity = ? AND record_id = ?`, entity, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// impliedBase says whether a laptop's feedback item is its own light sync base (its
// row marked, no sync_base row: migration 0016).
func impliedBase(t *testing.T, d *device, id string) bool {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(d.dir, "involve.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok bool
	if err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM feedback WHERE id = ?1 AND light_base = 1)
		AND NOT EXISTS (SELECT 1 FROM sync_base WHERE entity = 'feedback' AND record_id = ?1)`, id).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestLightSyncBases: after a full push (the pushing laptop) and a full first pull (a
// new laptop), no unchanged session or feedback item has a sync base holding a copy of
// its state (issue 17); an edit made over a light base freezes it first, and merges
// with another laptop's concurrent edit exactly as before: different fields both kept,
// the same field a conflict.
func TestLightSyncBases(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		s := mustSession(t, ada)
		var items []involve.Feedback
		for _, text := range []string{"The 37 never comes", "Step-free access at last", "More chairs please"} {
			f, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: text, Source: "comment_card"})
			if err != nil {
				t.Fatal(err)
			}
			items = append(items, f)
		}
		ada.mustSync()
		if full, all := fullBases(t, ada); full != 0 || all != 4 {
			t.Errorf("the pushing laptop: %d of %d session and feedback sync bases hold a state, want 0 of 4", full, all)
		}
		bo := st.enrol(t, "Bo")
		bo.mustSync()
		if full, all := fullBases(t, bo); full != 0 || all != 4 {
			t.Errorf("the pulling laptop: %d of %d session and feedback sync bases hold a state, want 0 of 4", full, all)
		}
		ada.mustSync()
		// a push of Ada's that her cursor cannot skip (Bo pushed first): her pull brings her
		// own change back, at the revision she has; its base stays light
		for _, d := range []*device{bo, ada} {
			if _, err := d.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: d.name + "'s card", Source: "comment_card"}); err != nil {
				t.Fatal(err)
			}
			d.mustSync()
		}
		if full, all := fullBases(t, ada); full != 0 || all != 6 {
			t.Errorf("after pulling her own change back: %d of %d of Ada's sync bases hold a state, want 0 of 6", full, all)
		}

		// different fields: both kept, no conflict
		form, err := ada.db.FindSessionByID(bg(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := form.SessionInput
		in.Venue = "Brixton Library"
		if _, err := bo.db.UpdateSession(bg(), s.ID, form.SessionInput, in); err != nil {
			t.Fatal(err)
		}
		in = form.SessionInput
		in.Title = "Library drop-in (morning)"
		if _, err := ada.db.UpdateSession(bg(), s.ID, form.SessionInput, in); err != nil {
			t.Fatal(err)
		}
		// Ada's base was frozen before her row changed: the server's state, as it was
		var base map[string]any
		if err := json.Unmarshal([]byte(baseOf(t, ada, "session", s.ID)), &base); err != nil {
			t.Fatalf("Ada's session base after her edit: %v (want the frozen state)", err)
		} else if base["title"] != form.Title || base["venue"] != form.Venue {
			t.Errorf("Ada's frozen base: title %v, venue %v; want %q, %q", base["title"], base["venue"], form.Title, form.Venue)
		}
		// a feedback item whose base is implied by its row at both ends (Bo's first
		// pull, Ada's push answer: migration 0016): different fields both kept
		other := items[1]
		for _, d := range []*device{bo, ada} {
			if !impliedBase(t, d, other.ID) {
				t.Errorf("%s's base of a feedback item is not implied by its row", d.name)
			}
		}
		edited := other.FeedbackInput
		edited.NeedsResponse = true
		if _, err := bo.db.UpdateFeedback(bg(), other.ID, other.FeedbackInput, edited); err != nil {
			t.Fatal(err)
		}
		edited = other.FeedbackInput
		edited.Text = "Step-free access at last, and a ramp"
		if _, err := ada.db.UpdateFeedback(bg(), other.ID, other.FeedbackInput, edited); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(baseOf(t, bo, "feedback", other.ID)), &base); err != nil || base["text"] != other.Text ||
			base["needsResponse"] != false {
			t.Errorf("Bo's frozen base of the feedback item: %v (%v), want the pulled state", base, err)
		}
		// the same field of a feedback item: a conflict
		fb := items[0]
		for _, d := range []*device{bo, ada} {
			edited := fb.FeedbackInput
			edited.Text = d.name + "'s reading of the card"
			if _, err := d.db.UpdateFeedback(bg(), fb.ID, fb.FeedbackInput, edited); err != nil {
				t.Fatal(err)
			}
		}
		bo.mustSync()
		final := settle(t, st.store, st.team.ID, ada, bo)
		got := final.fields(key("session", s.ID))
		if string(got["venue"]) != `"Brixton Library"` || string(got["title"]) != `"Library drop-in (morning)"` {
			t.Errorf("session after concurrent edits of different fields: venue %s, title %s; want both kept", got["venue"], got["title"])
		}
		if got := final.fields(key("feedback", other.ID)); string(got["needsResponse"]) != `true` ||
			string(got["text"]) != `"Step-free access at last, and a ramp"` {
			t.Errorf("feedback after concurrent edits of different fields: needsResponse %s, text %s; want both kept", got["needsResponse"], got["text"])
		}
		conflicts := final.conflicts()
		if len(conflicts) != 1 {
			t.Errorf("conflicts: %v; want one, about the feedback item's text", conflicts)
		}
	})
}

package store_test

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// searchHits runs a search and returns its hits by kind and id ("action:…").
func searchHits(t *testing.T, db *store.DB, q string) map[string]involve.SearchResult {
	t.Helper()
	res, err := db.Search(context.Background(), q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	out := map[string]involve.SearchResult{}
	for _, r := range res {
		out[r.Kind+":"+r.ID] = r
	}
	return out
}

// checkVocabulary fails when the search index's vocabulary is not what a fresh count
// of the indexed records gives, or not the words the index itself holds (FTS5's own
// vocabulary): a word left behind by a removed row, in the list or in the index, or a
// count off.
func checkVocabulary(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	have, err := db.SearchWordsForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.RecountSearchWordsForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	index, err := db.IndexWordsForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for what, want := range map[string]map[string]int{"the records": want, "the index": index} {
		if maps.Equal(have, want) {
			continue
		}
		for w, n := range have {
			if want[w] != n {
				t.Errorf("vocabulary: %q in %d rows; by %s, in %d", w, n, what, want[w])
			}
		}
		for w, n := range want {
			if _, ok := have[w]; !ok {
				t.Errorf("vocabulary: %q missing; by %s, in %d rows", w, what, n)
			}
		}
	}
}

// TestSearchFindsActionsAndOutcomes: actions (by "you said", "we did" and the rest)
// and outcomes (by their texts) are found, with what the result links to; an edit
// changes what finds them; deleted ones are not found, restored ones are again.
func TestSearchFindsActionsAndOutcomes(t *testing.T) {
	ctx := context.Background()
	w := newActionWorld(t)
	db := w.db
	a, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1a.ID}, WeDid: "Installed wayfinding totems in the atrium"})
	if err != nil {
		t.Fatal(err)
	}
	o, err := db.CreateOutcome(ctx, &involve.Outcome{ProjectID: w.project.ID, Description: "Fewer people got lost",
		Evidence: "Reception logged quieter mornings", Direction: "positive", Magnitude: "minor", Date: "2026-03-09"})
	if err != nil {
		t.Fatal(err)
	}

	hits := searchHits(t, db, "wayfinding")
	r, ok := hits["action:"+a.ID]
	if len(hits) != 1 || !ok {
		t.Fatalf("wayfinding: %+v, want the action", hits)
	}
	if r.Field != "We did" || r.SessionID != w.s1.ID || r.ProjectID != w.project.ID || r.Title != "The signs are confusing" ||
		r.Snippet != "Installed <mark>wayfinding</mark> totems in the atrium" {
		t.Errorf("action hit: %+v", r)
	}
	// "you said" (copied from the feedback): the feedback item and the action
	hits = searchHits(t, db, "signs confusing")
	if _, ok := hits["action:"+a.ID]; !ok || len(hits) != 2 || hits["action:"+a.ID].Field != "You said" {
		t.Errorf("signs confusing: %+v, want the feedback item and the action (you said)", hits)
	}
	hits = searchHits(t, db, "quieter")
	r, ok = hits["outcome:"+o.ID]
	if len(hits) != 1 || !ok || r.Field != "Evidence" || r.ProjectID != w.project.ID || r.Date != "2026-03-09" ||
		r.Title != "Fewer people got lost" {
		t.Fatalf("quieter: %+v, want the outcome by its evidence", hits)
	}

	// an edit: the old words no longer find it, the new ones do
	loaded, edited := *a, *a
	edited.WeDid = "Painted coloured floor lines"
	if _, err := db.UpdateAction(ctx, a.ID, &loaded, &edited); err != nil {
		t.Fatal(err)
	}
	if hits := searchHits(t, db, "wayfinding"); len(hits) != 0 {
		t.Errorf("after the edit, wayfinding finds %+v", hits)
	}
	if _, ok := searchHits(t, db, "floor lines")["action:"+a.ID]; !ok {
		t.Error("after the edit, floor lines does not find the action")
	}
	checkVocabulary(t, db)

	// deleted: not found; restored: found
	if err := db.DeleteDoc(ctx, involve.EntityAction, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDoc(ctx, involve.EntityOutcome, o.ID); err != nil {
		t.Fatal(err)
	}
	if hits := searchHits(t, db, "floor"); len(hits) != 0 {
		t.Errorf("a deleted action is found: %+v", hits)
	}
	if hits := searchHits(t, db, "quieter"); len(hits) != 0 {
		t.Errorf("a deleted outcome is found: %+v", hits)
	}
	checkVocabulary(t, db)
	if _, err := db.RestoreDoc(ctx, involve.EntityAction, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := searchHits(t, db, "floor")["action:"+a.ID]; !ok {
		t.Error("a restored action is not found")
	}

	// the repair rebuilds actions and outcomes too
	if err := db.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := searchHits(t, db, "floor")["action:"+a.ID]; !ok {
		t.Error("after the repair, the action is not found")
	}
	if hits := searchHits(t, db, "quieter"); len(hits) != 0 {
		t.Errorf("after the repair, the deleted outcome is found: %+v", hits)
	}
	checkVocabulary(t, db)
}

// TestDidYouMean: a misspelt word gets the closest word of the index's vocabulary; a
// known word, a word being typed (a prefix of a known one) and short words get none.
func TestDidYouMean(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := mustSession(t, db, "Outpatients drop-in")
	for _, text := range []string{"No interpreter was booked", "The interpreter came late", "Needed an interpreter for my mum",
		"Interpreted by my son", "The parking was full"} {
		if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]string{
		"interpretor":          "interpreter",
		"Interpretor":          "interpreter",
		"staff interpretor":    "staff interpreter",
		"intrepreter":          "interpreter", // two letters swapped
		"xinterpreter":         "interpreter", // a letter added at the start
		"niterpreter":          "interpreter", // the first two letters swapped
		"parkng":               "parking",
		"interpreter":          "",
		"interpre":             "", // being typed: a prefix of a known word
		"interpreted":          "", // in one row only, but nothing 10 times as common is near
		"prkng":                "", // 4–5 letters: one edit only
		"xylophone":            "",
		"mum":                  "", // shorter than 4 letters
		"interpretor2":         "",
		"booked interpretor s": "booked interpreter s",
	} {
		got, err := db.SuggestSearch(ctx, q)
		if err != nil || got != want {
			t.Errorf("SuggestSearch(%q) = %q, %v; want %q", q, got, err, want)
		}
	}
	// the same once the logged count changes are in search_words (the app's housekeeping)
	if err := db.MergeSearchIndex(ctx, 10); err != nil {
		t.Fatal(err)
	}
	if log, err := db.SearchWordsLogForTest(ctx); err != nil || log != "" {
		t.Fatalf("the log after MergeSearchIndex: %q, %v", log, err)
	}
	for q, want := range map[string]string{"interpretor": "interpreter", "interpre": "", "parkng": "parking", "prkng": ""} {
		if got, err := db.SuggestSearch(ctx, q); err != nil || got != want {
			t.Errorf("logged counts applied: SuggestSearch(%q) = %q, %v; want %q", q, got, err, want)
		}
	}
	// a misspelling the index holds once is still corrected to a word 10 times as common
	for i := 0; i < 10; i++ {
		if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Booked an interpreter"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "No interpretor again"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.SuggestSearch(ctx, "interpretor"); got != "interpreter" {
		t.Errorf("a rare misspelling: %q, want interpreter", got)
	}
	checkVocabulary(t, db)
}

// TestDidYouMeanForgetsRemovedWords: no suggestion comes from a comment that was
// erased, deleted or purged, and the vocabulary holds none of its words.
func TestDidYouMeanForgetsRemovedWords(t *testing.T) {
	ctx := context.Background()
	db, _ := storetest.OpenPath(t)
	setLocalRole(t, db, "lead")
	t0 := time.Now().AddDate(0, 0, -40).UTC()
	db.Now = func() time.Time { return t0 }
	s := mustSession(t, db, "Listening event")
	erased, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Dr Quibbleton was rude", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{erased.ID}}); err != nil {
		t.Fatal(err)
	}
	deleted, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Ask for Marjoribanks", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"quibbletin": "quibbleton", "marjoribonks": "marjoribanks"} {
		if got, _ := db.SuggestSearch(ctx, q); got != want {
			t.Fatalf("before: SuggestSearch(%q) = %q, want %q", q, got, want)
		}
	}
	if _, err := db.Erase(ctx, involve.EntityFeedback, erased.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteFeedback(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	words, err := db.SearchWordsForTest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"quibbletin", "marjoribonks"} {
		if got, _ := db.SuggestSearch(ctx, q); got != "" {
			t.Errorf("after: SuggestSearch(%q) = %q: a removed comment's word", q, got)
		}
	}
	for _, w := range []string{"quibbleton", "marjoribanks", "rude"} {
		if words[w] != 0 {
			t.Errorf("the vocabulary still holds %q (%d)", w, words[w])
		}
	}
	// the erasure applied the log of count changes, so neither holds the erased words
	if log, err := db.SearchWordsLogForTest(ctx); err != nil || strings.Contains(log, "quibbleton") {
		t.Errorf("the vocabulary's log after the erasure: %q, %v", log, err)
	}
	checkVocabulary(t, db)
	// the purge of the deleted comment leaves the vocabulary right
	if n, err := db.PurgeTombstones(ctx, t0.AddDate(0, 0, 31)); err != nil || n == 0 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	checkVocabulary(t, db)
}

// TestMigrate0007IndexesActionsAndOutcomes: a database of schema 6 holding actions and
// outcomes (one deleted) is migrated: they are found, the deleted one is not, and the
// vocabulary is filled from the whole index when the database opens.
func TestMigrate0007IndexesActionsAndOutcomes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	old, err := store.Open(ctx, path, store.Options{MaxVersion: 6})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO projects(id, name, created_at, updated_at, rev) VALUES ('0195f3a4-2222-7000-8000-000000000001', 'Old project', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1)`,
		`INSERT INTO sessions(id, project_id, title, date, type, notes, created_at, updated_at, rev)
		 VALUES ('0195f3a4-3333-7000-8000-000000000001', '0195f3a4-2222-7000-8000-000000000001', 'Café meeting', '2025-01-02', 'workshop', 'Talked about the interpreter service', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', 1)`,
		`INSERT INTO search(rowid, title, body) SELECT pk*2+1, title, notes FROM sessions`,
		`INSERT INTO docs(id, entity, parent_id, title, state, created_at, updated_at, rev) VALUES
		 ('0195f3a4-7777-7000-8000-000000000001', 'action', '', 'Signs are confusing',
		  '{"id":"0195f3a4-7777-7000-8000-000000000001","feedbackIds":[],"youSaid":"Signs are confusing","weDid":"Put up wayfinding boards","status":"done"}',
		  '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 1),
		 ('0195f3a4-7777-7000-8000-000000000002', 'outcome', '0195f3a4-2222-7000-8000-000000000001', 'Fewer complaints',
		  '{"id":"0195f3a4-7777-7000-8000-000000000002","projectId":"0195f3a4-2222-7000-8000-000000000001","description":"Fewer complaints","staffView":"Receptionists noticed calmer mornings","direction":"positive","magnitude":"minor"}',
		  '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z', 1)`,
		`INSERT INTO docs(id, entity, parent_id, title, state, created_at, updated_at, rev, deleted_at) VALUES
		 ('0195f3a4-7777-7000-8000-000000000003', 'action', '', 'Deleted',
		  '{"id":"0195f3a4-7777-7000-8000-000000000003","feedbackIds":[],"youSaid":"Zebracrossing please","weDid":"","status":"planned"}',
		  '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 2, '2025-01-05T00:00:00.000Z')`,
	} {
		if err := old.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if r, ok := searchHits(t, db, "wayfinding")["action:0195f3a4-7777-7000-8000-000000000001"]; !ok || r.Field != "We did" {
		t.Errorf("the migrated action is not found by its we did: %+v", r)
	}
	if r, ok := searchHits(t, db, "calmer")["outcome:0195f3a4-7777-7000-8000-000000000002"]; !ok || r.Field != "Staff view" ||
		r.ProjectID != "0195f3a4-2222-7000-8000-000000000001" {
		t.Errorf("the migrated outcome is not found by its staff view: %+v", r)
	}
	if hits := searchHits(t, db, "zebracrossing"); len(hits) != 0 {
		t.Errorf("the deleted action is found: %+v", hits)
	}
	for q, want := range map[string]string{"interpretor": "interpreter", "wayfindng": "wayfinding", "zebracrosing": ""} {
		if got, err := db.SuggestSearch(ctx, q); err != nil || got != want {
			t.Errorf("after migrating, SuggestSearch(%q) = %q, %v; want %q", q, got, err, want)
		}
	}
	checkVocabulary(t, db)
}

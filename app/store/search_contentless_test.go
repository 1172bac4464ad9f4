package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The search index keeps no copy of the texts it indexes (migration 0010): no content
// table, and its rows give no text back; search still finds and highlights (from the
// records).
func TestSearchIndexKeepsNoCopyOfTheTexts(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := mustSession(t, db, "Café conversation")
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The quokka mural in the waiting room"}); err != nil {
		t.Fatal(err)
	}
	var tables, texts int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM search WHERE title IS NOT NULL OR body IS NOT NULL`).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if tables != 0 || texts != 0 {
		t.Errorf("the search index keeps a copy of the texts: %d content tables, %d rows with text", tables, texts)
	}
	res, err := db.Search(ctx, "quokka", 10)
	if err != nil || len(res) != 1 || res[0].Snippet != "The <mark>quokka</mark> mural in the waiting room" {
		t.Fatalf("search: %+v %v", res, err)
	}
}

// Bulk writes (an import, a pulled page) that replace stored records count the words
// the records had out of the vocabulary, read from the records before they are written
// (the index has no copy), once for a record written twice in one write; the index
// finds only the new texts.
func TestBulkWritesReplaceIndexedWords(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s, f := importTwo(t, db) // "Imported comment about the café"
	s2, f2, f3 := s, f, f
	s2.Title, s2.Notes, s2.Rev = "Renamed gathering", "Notes on the aardvark", s.Rev+1
	f2.Text, f2.Rev = "Renamed zanzibar trip", f.Rev+1 // "renamed": in the session too
	f3.Text, f3.Rev = "Quokka sighting", f.Rev+2
	if err := db.Import(ctx, func(im *store.Importer) error {
		for _, put := range []func() error{
			func() error { return im.PutSession(&s2) },
			func() error { return im.PutFeedback(&f2) },
			func() error { return im.PutFeedback(&f3) },
		} {
			if err := put(); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	checkVocabulary(t, db)
	found := func(q string) []string {
		t.Helper()
		res, err := db.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range res {
			ids = append(ids, r.ID)
		}
		return ids
	}
	for q, want := range map[string][]string{"cafe": nil, "zanzibar": nil, "quokka": {f.ID}, "aardvark": {s.ID}, "renamed": {s.ID}} {
		if got := found(q); !slices.Equal(got, want) {
			t.Errorf("after the import, search %q finds %v, want %v", q, got, want)
		}
	}

	// pulled pages: a new session and item, then a page that changes the item twice and
	// empties the session's notes
	ps, pf := remoteSession("Pulled gathering", 1), remoteFeedback("", "Pelican crossing", 1)
	ps.Notes, pf.SessionID = "Notes on the tapir", ps.ID
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", ps, 1, 10),
		pulled(t, "feedback", pf, 2, 11)}, "11"); err != nil {
		t.Fatal(err)
	}
	checkVocabulary(t, db)
	p1, p2, ps2 := pf, pf, ps
	p1.Text, p2.Text, ps2.Notes = "Okapi enclosure for the pulled tapir", "Gibbon house", ""
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "feedback", p1, 3, 12),
		pulled(t, "session", ps2, 4, 13), pulled(t, "feedback", p2, 5, 14)}, "14"); err != nil {
		t.Fatal(err)
	}
	checkVocabulary(t, db)
	for q, want := range map[string][]string{"pelican": nil, "okapi": nil, "gibbon": {pf.ID}, "tapir": nil, "pulled": {ps.ID}} {
		if got := found(q); !slices.Equal(got, want) {
			t.Errorf("after the pull, search %q finds %v, want %v", q, got, want)
		}
	}
}

// Migration 0010 rebuilds the index without its copy of the texts, in place: a database
// made at version 9 finds the same records, in the same order, with the same snippets
// and suggestions, and its content table is gone.
func TestMigrate0010SameSearchResults(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "involve.db")
	old, err := store.Open(ctx, path, store.Options{MaxVersion: 9})
	if err != nil {
		t.Fatal(err)
	}
	// today's store writes to the search index's backlog (migration 0013), in the old
	// schema too: it has one for the test's writes, empty, and loses it before migrating;
	// the same for feedback's light_base (migration 0016), read before a row changes
	if err := old.ExecForTest(ctx, `CREATE TABLE search_backlog (row INTEGER PRIMARY KEY) STRICT`); err != nil {
		t.Fatal(err)
	}
	if err := old.ExecForTest(ctx, `ALTER TABLE feedback ADD COLUMN light_base INTEGER NOT NULL DEFAULT 0`); err != nil {
		t.Fatal(err)
	}
	texts := []string{"Waiting times at the café were long", "Staff were kind; the interpreter came late",
		"A&E waiting area needs more seats", "Bus stop too far from the clinic", "Naïve questions welcomed by the nurse",
		"Follow-up letter never arrived", "GP's receptionist was helpful", "Parking ramp is too steep"}
	var ids []string
	for i, title := range []string{"Croydon focus group", "Brixton café drop-in", "Walking group"} {
		s := mustSession(t, old, title)
		if _, err := old.SaveSessionNotes(ctx, s.ID, "Notes on waiting and the bus"); err != nil {
			t.Fatal(err)
		}
		for j, text := range texts {
			if (i+j)%2 == 0 {
				continue
			}
			f, err := old.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: text})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, f.ID)
		}
	}
	if err := old.DeleteFeedback(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := old.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{ids[1]}, YouSaid: "Waiting too long", WeDid: "Added a second receptionist"}); err != nil {
		t.Fatal(err)
	}
	queries := []string{"waiting", "wa", "caf", "cafe", "A&E", "GP's", "follow-up", "bus stop", "croydon", "receptionist", "naive", "xylophone"}
	search := func(db *store.DB) map[string][]involve.SearchResult {
		out := map[string][]involve.SearchResult{}
		for _, q := range queries {
			res, err := db.Search(ctx, q, 50)
			if err != nil {
				t.Fatal(err)
			}
			out[q] = res
		}
		return out
	}
	before := search(old)
	if len(before["waiting"]) < 5 {
		t.Fatalf("too few results to compare: %+v", before["waiting"])
	}
	suggestBefore, _ := old.SuggestSearch(ctx, "receptionst")
	if err := old.ExecForTest(ctx, `DROP TABLE search_backlog`); err != nil {
		t.Fatal(err)
	}
	if err := old.ExecForTest(ctx, `ALTER TABLE feedback DROP COLUMN light_base`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after := search(db)
	for _, q := range queries {
		if !slices.Equal(before[q], after[q]) {
			t.Errorf("search %q after migrating:\n%+v\nwant\n%+v", q, after[q], before[q])
		}
	}
	if got, _ := db.SuggestSearch(ctx, "receptionst"); got != suggestBefore || got != "receptionist" {
		t.Errorf("suggestion after migrating: %q, before %q", got, suggestBefore)
	}
	var content int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'search_content'`).Scan(&content); err != nil || content != 0 {
		t.Errorf("the content table after migrating: %d, %v", content, err)
	}
	checkVocabulary(t, db)
	if damaged, err := db.SearchIndexDamaged(ctx); err != nil || damaged {
		t.Errorf("the migrated index: damaged %v, %v", damaged, err)
	}
	// the pages the old index held are given back: the file is compacted once
	var free int
	if err := db.QueryRowForTest(ctx, `PRAGMA freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Errorf("free pages after migrating: %d, %v", free, err)
	}
}

// An erased comment's words leave the index's own pages, not only its results: a
// contentless index deletes a row by a tombstone until its segments are merged, and the
// erasure merges them (erasure_apply.go).
func TestErasedWordsLeaveTheIndexPages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	setLocalRole(t, db, "lead")
	s := mustSession(t, db, "Listening event")
	for i := 0; i < 50; i++ {
		if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The wait was long"}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Dr Quibbletonia was rude", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MergeSearchIndex(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	pages := func() int {
		var n int
		if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM search_data WHERE instr(block, 'quibbletonia')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if pages() == 0 {
		t.Fatal("the word is in no page of the index before the erasure: the check below proves nothing")
	}
	if _, err := db.Erase(ctx, involve.EntityFeedback, f.ID, ""); err != nil {
		t.Fatal(err)
	}
	if n := pages(); n != 0 {
		t.Errorf("the erased word is still in %d pages of the search index", n)
	}
	checkVocabulary(t, db)
}

// A large bulk write lets FTS5 gather more pending terms (its hashsize) for its own
// transaction only: afterwards the index's settings are as a fresh index has them, and
// every item is found.
func TestBulkHashSizeOnlyForTheWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 0) // indexed in the write's transaction

	const n = 2500 // above bulkHashRows
	storetest.ImportFeedback(t, db, n, "Comment number %d about the wombat")
	var settings string
	if err := db.QueryRowForTest(ctx, `SELECT group_concat(k, ',') FROM (SELECT k FROM search_config ORDER BY k)`).Scan(&settings); err != nil {
		t.Fatal(err)
	}
	if settings != "automerge,rank,version" {
		t.Errorf("search_config after a bulk write: %s, want automerge,rank,version", settings)
	}
	var hits int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM search WHERE search MATCH 'wombat'`).Scan(&hits); err != nil {
		t.Fatal(err)
	}
	if hits != n {
		t.Errorf("%d items found, want %d", hits, n)
	}
}

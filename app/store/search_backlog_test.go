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

// searchIDs is the ids search finds for q.
func searchIDs(t *testing.T, db *store.DB, q string) []string {
	t.Helper()
	res, err := db.Search(context.Background(), q, 50)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		ids = append(ids, r.ID)
	}
	slices.Sort(ids)
	return ids
}

func backlog(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.SearchBacklog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// indexAll runs the background indexer a chunk of chunk rows at a time until the
// backlog is empty, and returns how many transactions it took.
func indexAll(t *testing.T, db *store.DB, chunk int) int {
	t.Helper()
	for i := 1; ; i++ {
		left, err := db.IndexSearchBacklog(context.Background(), chunk)
		if err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			return i
		}
		if i > 1000 {
			t.Fatal("the backlog does not shrink")
		}
	}
}

// A large import and a large pulled page commit their records without indexing them:
// the records wait in the backlog, search says how many, and neither the index nor the
// vocabulary holds their words until the indexer has written them, a chunk a
// transaction; then search finds them and the vocabulary is what a recount gives.
func TestBulkWritesLeaveTheIndexToTheIndexer(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 2)
	s, f := importTwo(t, db) // "Imported workshop", "Imported comment about the café"
	if n := backlog(t, db); n != 2 {
		t.Errorf("backlog after the import: %d, want 2", n)
	}
	if ids := searchIDs(t, db, "imported"); len(ids) != 0 {
		t.Errorf("search finds records not yet indexed: %v", ids)
	}
	if words, _ := db.SearchWordsForTest(ctx); words["imported"] != 0 || words["cafe"] != 0 {
		t.Errorf("the vocabulary holds words not yet indexed: %v", words)
	}
	checkVocabulary(t, db)

	ps, pf := remoteSession("Pulled gathering", 1), remoteFeedback("", "Pelican crossing", 1)
	pf.SessionID = ps.ID
	if _, err := syncer.ApplyPullPage(ctx, db, []syncapi.PulledChange{pulled(t, "session", ps, 1, 10),
		pulled(t, "feedback", pf, 2, 11)}, "11"); err != nil {
		t.Fatal(err)
	}
	if n := backlog(t, db); n != 4 {
		t.Errorf("backlog after the pull: %d, want 4", n)
	}
	if ids := searchIDs(t, db, "pelican"); len(ids) != 0 {
		t.Errorf("search finds pulled records not yet indexed: %v", ids)
	}
	if n := indexAll(t, db, 1); n != 4 {
		t.Errorf("the indexer took %d transactions of one row for 4 rows", n)
	}
	want := []string{f.ID, s.ID}
	slices.Sort(want)
	if ids := searchIDs(t, db, "imported"); !slices.Equal(ids, want) {
		t.Errorf("search after indexing: %v, want %v", ids, want)
	}
	if ids := searchIDs(t, db, "pelican"); !slices.Equal(ids, []string{pf.ID}) {
		t.Errorf("search after indexing: %v, want %v", ids, []string{pf.ID})
	}
	checkVocabulary(t, db)
	if words, _ := db.SearchWordsForTest(ctx); words["imported"] != 2 || words["pelican"] != 1 {
		t.Errorf("the vocabulary after indexing: imported %d, pelican %d", words["imported"], words["pelican"])
	}
	// a small write indexes in its own transaction, and takes a waiting record out of
	// the backlog as it does
	store.SetSearchDeferRowsForTest(t, 100)
	f2 := f
	f2.Text, f2.Rev = "Quokka sighting", f.Rev+1
	if err := db.Import(ctx, func(im *store.Importer) error { return im.PutFeedback(&f2) }); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, db, "quokka"); !slices.Equal(ids, []string{f.ID}) || backlog(t, db) != 0 {
		t.Errorf("a small import: search %v, backlog %d", ids, backlog(t, db))
	}
	checkVocabulary(t, db)
}

// A record waiting in the backlog that is edited is indexed once, with its new words
// only; one deleted is never indexed; a bulk write that changes it leaves it waiting
// with its new text; the index's repair indexes everything and empties the backlog.
func TestBackloggedRecordsEditedAndDeleted(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 2)
	s := remoteSession("Walking group", 1)
	s.TeamID = ""
	var items []involve.Feedback
	for _, text := range []string{"Aardvark in the car park", "Badger by the bins", "Capybara at reception"} {
		f := remoteFeedback(s.ID, text, 1)
		f.TeamID = ""
		items = append(items, f)
	}
	put := func(fs ...involve.Feedback) {
		t.Helper()
		if err := db.Import(ctx, func(im *store.Importer) error {
			if err := im.PutSession(&s); err != nil {
				return err
			}
			for i := range fs {
				if err := im.PutFeedback(&fs[i]); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	put(items...)
	if n := backlog(t, db); n != 4 {
		t.Fatalf("backlog: %d, want 4", n)
	}
	a, b, c := items[0], items[1], items[2]
	edited := a.FeedbackInput
	edited.Text = "Wombat on the stairs"
	if _, err := db.UpdateFeedback(ctx, a.ID, involve.FeedbackInput{}, edited); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteFeedback(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if n := backlog(t, db); n != 2 {
		t.Errorf("backlog after an edit and a deletion: %d, want 2 (the session, c)", n)
	}
	if ids := searchIDs(t, db, "wombat"); !slices.Equal(ids, []string{a.ID}) {
		t.Errorf("the edited record: search %v", ids)
	}
	checkVocabulary(t, db)
	// c changed by a bulk write while it waits: it waits with its new text
	c.Text, c.Rev = "Dugong in the day room", c.Rev+1
	put(c, items[0]) // a's import revision is older than its edit: skipped
	indexAll(t, db, 10)
	for q, want := range map[string][]string{"wombat": {a.ID}, "aardvark": nil, "badger": nil, "capybara": nil, "dugong": {c.ID}} {
		if ids := searchIDs(t, db, q); !slices.Equal(ids, want) {
			t.Errorf("search %q: %v, want %v", q, ids, want)
		}
	}
	var rows int
	if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM search WHERE search MATCH 'wombat OR dugong'`).Scan(&rows); err != nil || rows != 2 {
		t.Errorf("index rows for the edited records: %d (%v), want 2: each indexed once", rows, err)
	}
	checkVocabulary(t, db)

	// the repair
	store.SetSearchDeferRowsForTest(t, 1)
	d := remoteFeedback(s.ID, "Emu at the entrance", 1)
	d.TeamID = ""
	put(d)
	if backlog(t, db) == 0 {
		t.Fatal("nothing in the backlog to repair")
	}
	if err := db.RebuildSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if ids := searchIDs(t, db, "emu"); backlog(t, db) != 0 || !slices.Equal(ids, []string{d.ID}) {
		t.Errorf("after the repair: backlog %d, search %v", backlog(t, db), ids)
	}
	checkVocabulary(t, db)
}

// A comment erased while it waits in the backlog leaves no word anywhere: not in the
// database file, its log or the backups, not in the index nor its vocabulary, and the
// indexer has nothing of it to write afterwards.
func TestEraseBackloggedComment(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	dir := filepath.Dir(path)
	connect(t, db)
	setLocalRole(t, db, "lead")
	store.SetSearchDeferRowsForTest(t, 2)
	s := remoteSession("Listening event", 1)
	s.TeamID = ""
	f := remoteFeedback(s.ID, "The zorbicwords clinic letter was late", 1)
	f.TeamID = ""
	g := remoteFeedback(s.ID, "The bus was on time", 1)
	g.TeamID = ""
	if err := db.Import(ctx, func(im *store.Importer) error {
		for _, put := range []func() error{func() error { return im.PutSession(&s) },
			func() error { return im.PutFeedback(&f) }, func() error { return im.PutFeedback(&g) }} {
			if err := put(); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := backlog(t, db); n != 3 {
		t.Fatalf("backlog: %d, want 3", n)
	}
	if _, err := db.Erase(ctx, involve.EntityFeedback, f.ID, ""); err != nil {
		t.Fatal(err)
	}
	if found := foldHolds(t, dir, []string{"zorbicwords", "zorb"}); len(found) > 0 {
		t.Errorf("the data folder still holds: %v", found)
	}
	indexAll(t, db, 10)
	if ids := searchIDs(t, db, "zorbicwords"); len(ids) != 0 {
		t.Errorf("search finds the erased comment: %v", ids)
	}
	if ids := searchIDs(t, db, "bus"); !slices.Equal(ids, []string{g.ID}) {
		t.Errorf("search for the other comment: %v", ids)
	}
	if words, _ := db.SearchWordsForTest(ctx); words["zorbicwords"] != 0 {
		t.Errorf("the vocabulary holds the erased word: %v", words)
	}
	if found := foldHolds(t, dir, []string{"zorbicwords", "zorb"}); len(found) > 0 {
		t.Errorf("after indexing, the data folder holds: %v", found)
	}
	checkVocabulary(t, db)
}

// The backlog outlives the process: records a large import left to the indexer are
// still waiting after the database is closed and opened again (a quit or a crash
// before the indexer ran), and the indexer then writes them.
func TestSearchBacklogSurvivesAReopen(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 2)
	_, f := importTwo(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := backlog(t, db); n != 2 {
		t.Fatalf("backlog after reopening: %d, want 2", n)
	}
	if n, err := db.CatchUpSearchIndex(ctx, 0); err != nil || n != 2 {
		t.Fatalf("indexed %d (%v), want 2", n, err)
	}
	if ids := searchIDs(t, db, "cafe"); !slices.Equal(ids, []string{f.ID}) {
		t.Errorf("search after indexing: %v", ids)
	}
	checkVocabulary(t, db)
}

// Records removed while they wait in the backlog (a role that may no longer hold them:
// RemoveKinds) leave it: the indexer has nothing of them to write, and the vocabulary
// never held their words.
func TestRemovedKindsLeaveTheBacklog(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 2)
	importTwo(t, db)
	if n := backlog(t, db); n != 2 {
		t.Fatalf("backlog: %d, want 2", n)
	}
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		_, err := tx.RemoveKinds([]string{involve.EntityFeedback, involve.EntitySession})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if n := backlog(t, db); n != 0 {
		t.Errorf("backlog after the removal: %d, want 0", n)
	}
	if words, _ := db.SearchWordsForTest(ctx); len(words) != 0 {
		t.Errorf("the vocabulary after the removal: %v", words)
	}
	checkVocabulary(t, db)
}

// Catching the index up gives free pages back (a new database, auto_vacuum=INCREMENTAL):
// the backlog's rows and the merged segments leave pages free in an import's file after
// its own incremental vacuum ran (`involve import`: 0.66 MiB at 100 000).
func TestCatchUpLeavesNoFreePages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	store.SetSearchDeferRowsForTest(t, 2)
	importTwo(t, db)
	if n := backlog(t, db); n != 2 {
		t.Fatalf("backlog after the import: %d, want 2", n)
	}
	// free pages, as the backlog's and the index's leave them
	if err := db.ExecForTest(ctx, `CREATE TABLE scratch(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50) INSERT INTO scratch SELECT randomblob(2000) FROM c; DROP TABLE scratch`); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CatchUpSearchIndex(ctx, 1); err != nil || n != 2 {
		t.Fatalf("caught up %d (%v), want 2", n, err)
	}
	var free int
	if err := db.QueryRowForTest(ctx, `SELECT freelist_count FROM pragma_freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Fatalf("%d free pages after the index caught up (%v)", free, err)
	}
}

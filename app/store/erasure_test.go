package store_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The erased partner's distinctive values, one in every identifying field (sealed or
// not), a consent record's, a time entry's and a conflict's.
var erasedStrings = []string{"Zorbicnamé Testperson", "zorbic@example.org", "zorbicaccess", "zorbiclived",
	"zorbicrole", "zorbictask", "PO-zorbicref", "zorbicgiver", "zorbicconflictvalue", "zorbicedit"}

// foldHolds reports which strings are in any file of the folder (the database, its
// log, backups, kept-aside databases), case-insensitively.
func foldHolds(tb testing.TB, dir string, what []string) []string {
	tb.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := readExpanded(p)
		if err != nil {
			return err
		}
		b = bytes.ToLower(b)
		for _, w := range what {
			if bytes.Contains(b, []byte(strings.ToLower(w))) {
				found = append(found, w+" in "+filepath.Base(p))
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return found
}

// readExpanded reads a file, expanded if it is gzip (a compressed backup): a byte
// search of a data folder must see inside the backups.
func readExpanded(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

var tokenRE = regexp.MustCompile(`sealed1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+`)

// sealedTokens are the sealed values the database holds for the records of a partner.
func sealedTokens(tb testing.TB, db *store.DB, id string) []string {
	tb.Helper()
	var all string
	if err := db.QueryRowForTest(context.Background(), `SELECT group_concat(state, ' ') FROM docs
		WHERE id = ? OR parent_id = ?`, id, id).Scan(&all); err != nil {
		tb.Fatal(err)
	}
	return tokenRE.FindAllString(all, -1)
}

// erasedPartner makes a partner with a distinctive value in every identifying field,
// a consent record, a time entry and a conflict about their role.
func erasedPartner(tb testing.TB, db *store.DB) (*involve.Contributor, *involve.Consent, *involve.TimeEntry) {
	tb.Helper()
	ctx := context.Background()
	mustRate(tb, db, involve.UnitHour, 2500, "2026-01-01", "")
	consent := lepConsent()
	consent.GivenBy = "zorbicgiver"
	c, k, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess", LivedExperience: []string{"zorbiclived"},
		Role: "zorbicrole", PaymentPreference: "payroll", AgreementStart: "2026-01-01"}, consent)
	if err != nil {
		tb.Fatal(err)
	}
	e, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", Task: "zorbictask",
		MinutesAttend: 60, ExpensesPence: 450, ReceiptRef: "PO-zorbicref"})
	if err != nil {
		tb.Fatal(err)
	}
	return c, k, e
}

func conflictAbout(entity, id, field, winner, loser string) *involve.Conflict {
	q := func(s string) json.RawMessage { b, _ := json.Marshal(s); return b }
	cf := &involve.Conflict{Entity: entity, RecordID: id, Field: field, Base: q("base"),
		Winner: involve.ConflictValue{Value: q(winner), Rev: 2, DeviceID: "d1", By: "A"},
		Loser:  involve.ConflictValue{Value: q(loser), Rev: 3, DeviceID: "d2", By: "B"}, Status: involve.ConflictOpen}
	cf.ID, cf.CreatedAt, cf.UpdatedAt, cf.Rev, cf.TeamID = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z", 5, teamID
	return cf
}

// TestErasePartner: a lead erases a partner. Afterwards none of their identifying
// values (nor the sealed tokens that held them) is in any file of the data folder:
// the database, its log, a backup made before, a database a restore kept aside; the
// conflict about them is gone; their payments add up as before, under "Erased
// contributor N"; nothing of theirs can be changed any more.
func TestErasePartner(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	dir := filepath.Dir(path)
	storetest.InstallTeamKey(t, db)
	setLocalRole(t, db, "lead")
	c, _, _ := erasedPartner(t, db)
	pullPage(t, db, "lead", "c1", pulled(t, involve.EntityConflict, conflictAbout(involve.EntityContributor, c.ID, "role",
		"zorbicrole", "zorbicconflictvalue"), 5, 1))
	if n := countRows(t, db, "conflicts"); n != 1 {
		t.Fatalf("%d conflicts before", n)
	}
	if _, err := db.Backup(ctx, "daily"); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(dir, "involve-replaced-20260101T000000Z.db")
	if _, err := db.BackupFile(ctx, aside); err != nil {
		t.Fatal(err)
	}
	tokens := sealedTokens(t, db, c.ID)
	if len(tokens) < 4 {
		t.Fatalf("sealed tokens: %v", tokens)
	}
	if found := foldHolds(t, dir, append([]string{"zorbicrole", "zorbictask"}, tokens...)); len(found) == 0 {
		t.Fatal("the data folder holds none of the values before: the search below proves nothing")
	}
	before, err := db.LEPTotals(ctx, "2026-01-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}

	s, err := db.PreviewErasure(ctx, involve.EntityContributor, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "Zorbicnamé Testperson" || s.Consents != 1 || s.TimeEntries != 1 || s.Conflicts != 1 || s.Backups != 2 ||
		s.Pseudonym != involve.ErasedPseudonym(c.Number) || len(s.Destroyed) == 0 || len(s.Kept) == 0 {
		t.Errorf("preview: %+v", s)
	}
	if n := countRows(t, db, "conflicts"); n != 1 {
		t.Fatalf("the preview changed something: %d conflicts", n)
	}
	res, err := db.Erase(ctx, involve.EntityContributor, c.ID, "req-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.BackupsRewritten) != 2 || len(res.BackupsDeleted) != 0 || res.Erasure.Number != c.Number ||
		res.Erasure.RequestID != "req-1" || res.Erasure.CreatedAt == "" {
		t.Errorf("result: %+v", res)
	}
	if found := foldHolds(t, dir, append(erasedStrings, tokens...)); len(found) > 0 {
		t.Errorf("the data folder still holds: %v", found)
	}
	if n := countRows(t, db, "conflicts"); n != 0 {
		t.Errorf("%d conflicts after", n)
	}
	if n := countRows(t, db, "outbox WHERE entity = 'erasure' AND status = 'pending'"); n != 1 {
		t.Errorf("the erasure is not queued for the server (%d)", n)
	}
	after, err := db.LEPTotals(ctx, "2026-01-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	if before.All.FeesPence != after.All.FeesPence || before.All.ExpensesPence != after.All.ExpensesPence ||
		before.All.Minutes != after.All.Minutes || before.All.Entries != after.All.Entries || after.All.Entries != 1 {
		t.Errorf("totals changed: %+v, then %+v", before.All, after.All)
	}
	v, err := db.FindContributor(ctx, c.ID)
	if err != nil || v.Title() != involve.ErasedPseudonym(c.Number) || !v.Erased() {
		t.Errorf("after: %+v, %v", v, err)
	}
	for _, b := range res.BackupsRewritten {
		p := filepath.Join(dir, store.BackupDirName, b)
		if b == filepath.Base(aside) {
			p = aside
		}
		if err := store.CheckFile(ctx, p); err != nil {
			t.Errorf("rewritten backup %s: %v", b, err)
		}
		// it holds the erasure, queued for the server (a restore of it sends it)
		bdb, err := sql.Open("sqlite3", "file:"+store.ExpandForTest(t, p)+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var docs, queued int
		if err := bdb.QueryRow(`SELECT (SELECT count(*) FROM docs WHERE entity = 'erasure' AND id = ?1),
			(SELECT count(*) FROM outbox WHERE entity = 'erasure' AND record_id = ?1 AND status = 'pending')`,
			res.Erasure.ID).Scan(&docs, &queued); err != nil || docs != 1 || queued != 1 {
			t.Errorf("backup %s: %d erasures, %d queued, %v", b, docs, queued, err)
		}
		bdb.Close()
	}

	// nothing of theirs can be changed
	edited := *c
	edited.Name = "zorbicedit"
	_, err = db.UpdateContributor(ctx, c.ID, nil, &edited)
	checkErased(t, "UpdateContributor", err)
	k := lepConsent()
	k.SubjectEntity, k.SubjectID = involve.EntityContributor, c.ID
	_, err = db.AddConsent(ctx, k)
	checkErased(t, "AddConsent", err)
	_, err = db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-25", MinutesAttend: 30})
	checkErased(t, "CreateTimeEntry", err)
	_, err = db.Erase(ctx, involve.EntityContributor, c.ID, "")
	checkErased(t, "Erase again", err)
}

func checkErased(tb testing.TB, what string, err error) {
	tb.Helper()
	if involve.ErrorCode(err) != involve.EERASED || !strings.Contains(err.Error(), "was erased on") {
		tb.Errorf("%s of an erased partner: %v; want %s", what, err, involve.EERASED)
	}
}

// TestEraseLeadOnly: a staff laptop, a laptop with no team and a locked lead laptop
// cannot erase; nothing is erased.
func TestEraseLeadOnly(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	c, _, _ := erasedPartner(t, db)
	for _, role := range []string{"", "staff"} {
		if role != "" {
			setLocalRole(t, db, role)
		}
		if _, err := db.Erase(ctx, involve.EntityContributor, c.ID, ""); involve.ErrorCode(err) != involve.EFORBIDDEN {
			t.Errorf("Erase as %q: %v", role, err)
		}
		if _, err := db.PreviewErasure(ctx, involve.EntityContributor, c.ID); involve.ErrorCode(err) != involve.EFORBIDDEN {
			t.Errorf("PreviewErasure as %q: %v", role, err)
		}
	}
	setLocalRole(t, db, "lead")
	db.Lock()
	if _, err := db.Erase(ctx, involve.EntityContributor, c.ID, ""); involve.ErrorCode(err) != involve.ELOCKED {
		t.Errorf("Erase while locked: %v", err)
	}
	storetest.Unlock(t, db)
	if _, err := db.Erase(ctx, involve.EntityContributor, newID(), ""); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Errorf("Erase of an unknown partner: %v", err)
	}
	if n := countRows(t, db, "docs WHERE entity = 'erasure'"); n != 0 {
		t.Errorf("%d erasures", n)
	}
	if found := fileHolds(t, path, []string{"zorbicrole"}); len(found) == 0 {
		t.Error("the partner is gone")
	}
}

// TestErasurePulled: a second laptop, holding the partner and an edit of them not
// yet sent, receives the erasure by a pull. It erases what it holds in the same
// transaction: its unsent edit ends rejected, holding the erased state, with the
// reason; its files hold none of the values; a record pulled afterwards in an old
// state (a push that had not finished) is erased before it is written; a conflict
// about the partner is not kept.
func TestErasurePulled(t *testing.T) {
	ctx := context.Background()
	a := storetest.Open(t)
	k := storetest.InstallTeamKey(t, a)
	setLocalRole(t, a, "lead")
	c, consent, te := erasedPartner(t, a)

	b, path := storetest.OpenPath(t)
	dir := filepath.Dir(path)
	installKey(t, b, k)
	pullPage(t, b, "staff", "c1",
		sealedPulled(t, k, involve.EntityConsent, consent, consent.Rev, 1),
		sealedPulled(t, k, involve.EntityContributor, c, c.Rev, 2),
		sealedPulled(t, k, involve.EntityTimeEntry, te, te.Rev, 3),
		pulled(t, involve.EntityConflict, conflictAbout(involve.EntityContributor, c.ID, "role", "zorbicrole", "zorbicconflictvalue"), 5, 4))
	if _, err := b.Backup(ctx, "daily"); err != nil {
		t.Fatal(err)
	}
	edited := *c
	edited.Name = "zorbicedit Newname"
	if _, err := b.UpdateContributor(ctx, c.ID, nil, &edited); err != nil {
		t.Fatal(err)
	}
	tokens := sealedTokens(t, b, c.ID)

	res, err := a.Erase(ctx, involve.EntityContributor, c.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	old := *c // the partner's state before, as an unfinished push might bring it back
	old.Rev = c.Rev + 1
	pullPage(t, b, "staff", "c2", pulled(t, involve.EntityErasure, &res.Erasure, 10, 5))
	// a later page (records of involvement are applied before erasures within one)
	pullPage(t, b, "staff", "c3", sealedPulled(t, k, involve.EntityContributor, &old, old.Rev, 6),
		pulled(t, involve.EntityConflict, conflictAbout(involve.EntityContributor, c.ID, "contactDetails", "x", "y"), 11, 7))

	if found := foldHolds(t, dir, append(erasedStrings, tokens...)); len(found) > 0 {
		t.Errorf("the second laptop's data folder still holds: %v", found)
	}
	rejected, err := b.FindRejectedChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rejected) != 1 || rejected[0].RecordID != c.ID || !strings.Contains(rejected[0].Reason, "was erased on") {
		t.Errorf("rejected: %+v", rejected)
	}
	if n := countRows(t, b, "outbox WHERE status = 'pending' AND entity = 'contributor'"); n != 0 {
		t.Errorf("%d changes of the erased partner still to send", n)
	}
	if n := countRows(t, b, "conflicts"); n != 0 {
		t.Errorf("%d conflicts", n)
	}
	v, err := b.FindContributor(ctx, c.ID)
	if err != nil || !v.Erased() || v.Name != involve.ErasedPseudonym(c.Number) || v.ContactDetails != "" {
		t.Errorf("on the second laptop: %+v, %v", v.Contributor, err)
	}
	_, err = b.UpdateContributor(ctx, c.ID, nil, &edited)
	checkErased(t, "UpdateContributor on the second laptop", err)
}

// installKey gives a laptop the team key another holds (as the server would).
func installKey(tb testing.TB, db *store.DB, k *lockbox.TeamKey) {
	tb.Helper()
	cp, err := lockbox.TeamKeyFrom(k.Raw())
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.InstallTeamKey(context.Background(), cp); err != nil {
		tb.Fatal(err)
	}
}

// TestEraseComment: a lead erases a feedback item. Its words are gone from the
// database, its log, a backup and the search index (no search finds them), and from
// the "you said" that quoted them; its rating stays.
func TestEraseComment(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	dir := filepath.Dir(path)
	setLocalRole(t, db, "lead")
	s := mustSession(t, db, "Listening event")
	rating := 4
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card", Rating: &rating,
		Text: "The zorbicwords clinic letter was late", Themes: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	act, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{f.ID}, Due: "2026-03-01"})
	if err != nil || !strings.Contains(act.YouSaid, "zorbicwords") {
		t.Fatalf("action: %+v, %v", act, err)
	}
	if _, err := db.Backup(ctx, "daily"); err != nil {
		t.Fatal(err)
	}
	if hits, err := db.Search(ctx, "zorbicwords", 10); err != nil || len(hits) != 2 { // the comment and the action's "you said"
		t.Fatalf("search before: %v, %v", hits, err)
	}
	// the action's words in Polish (issue 16): its "you said" holds the words too
	tr, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(act.ID), Language: "pl", LanguageName: "Polski",
		Reviewed: true, Texts: map[string]string{"youSaid": "List z przychodni zorbicwords przyszedł późno", "weDid": "Wysyłamy SMS"}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := db.PreviewErasure(ctx, involve.EntityFeedback, f.ID)
	if err != nil || sum.Actions != 1 || !strings.Contains(sum.Title, "zorbicwords") {
		t.Fatalf("preview: %+v, %v", sum, err)
	}
	res, err := db.Erase(ctx, involve.EntityFeedback, f.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.BackupsRewritten) != 1 || res.Summary.Actions != 1 {
		t.Errorf("result: %+v", res)
	}
	if found := foldHolds(t, dir, []string{"zorbicwords", "zorb"}); len(found) > 0 {
		t.Errorf("the data folder still holds: %v", found)
	}
	if hits, err := db.Search(ctx, "zorbicwords", 10); err != nil || len(hits) != 0 {
		t.Errorf("search after: %v, %v", hits, err)
	}
	got, err := db.FindFeedbackByID(ctx, f.ID)
	if err != nil || got.Text != involve.ErasedText || got.Rating == nil || *got.Rating != 4 {
		t.Errorf("feedback after: %+v, %v", got, err)
	}
	d, err := db.FindDoc(ctx, involve.EntityAction, act.ID)
	if err != nil || !strings.Contains(d.(*involve.Action).YouSaid, involve.ErasedQuote) {
		t.Errorf("action after: %+v, %v", d, err)
	}
	if d, err := db.FindDoc(ctx, involve.EntityTranslation, tr.ID); err != nil || d.(*involve.Translation).Texts["youSaid"] != "" ||
		d.(*involve.Translation).Texts["weDid"] != "Wysyłamy SMS" || d.(*involve.Translation).Reviewed {
		t.Errorf("translation after: %+v, %v", d, err)
	}
	_, err = db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card",
		Text: "zorbicwords again", Themes: []string{}})
	if involve.ErrorCode(err) != involve.EERASED {
		t.Errorf("edit of an erased comment: %v", err)
	}
}

// TestEraseDuringPush: a lead erases a partner while a push of the partner's records
// is on its way; the server's answer (applied as sent) arrives after the erasure and
// must not write the old states as the records' sync bases.
func TestEraseDuringPush(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	storetest.InstallTeamKey(t, db)
	setLocalRole(t, db, "lead")
	c, _, _ := erasedPartner(t, db)
	tokens := sealedTokens(t, db, c.ID)
	b, err := db.TakePushBatch(ctx, 0, 0, 10)
	if err != nil || len(b) < 3 {
		t.Fatalf("batch: %d, %v", len(b), err)
	}
	if _, err := db.Erase(ctx, involve.EntityContributor, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	results := make([]syncapi.Result, len(b))
	for i, e := range b {
		results[i] = syncapi.Result{ChangeID: e.ChangeID, Status: syncapi.StatusApplied, Rev: e.Rev}
	}
	if _, err := syncer.ApplyPushResults(ctx, db, b, results); err != nil {
		t.Fatal(err)
	}
	if err := db.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, path, append([]string{"zorbicrole", "zorbictask", "zorbicgiver"}, tokens...)); len(found) > 0 {
		t.Errorf("the database holds: %v", found)
	}
}

// TestEraseDeletesBackupItCannotRewrite: a backup that cannot be rewritten (here, not
// a database of this version) is deleted, and the result says so.
func TestEraseDeletesBackupItCannotRewrite(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	setLocalRole(t, db, "lead")
	c, _, _ := erasedPartner(t, db)
	bad := filepath.Join(filepath.Dir(path), store.BackupDirName, "involve-20200101T000000.000Z-old.db")
	if err := os.MkdirAll(filepath.Dir(bad), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("not a database: zorbicrole"), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := db.Erase(ctx, involve.EntityContributor, c.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.BackupsDeleted) != 1 || res.BackupsDeleted[0] != filepath.Base(bad) || len(res.BackupsRewritten) != 0 {
		t.Errorf("result: rewritten %v, deleted %v", res.BackupsRewritten, res.BackupsDeleted)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("the backup is still there: %v", err)
	}
	if found := foldHolds(t, filepath.Dir(path), []string{"zorbicrole"}); len(found) > 0 {
		t.Errorf("the data folder holds: %v", found)
	}
}

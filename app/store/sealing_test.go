package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The shared test strings of sealed fields (synthetic), the name also case-folded.
var zorbicAll = []string{"Zorbicnamé Testperson", "zorbicnamé testperson", "zorbic@example.org", "zorbicaccess", "PO-zorbicref"}

// sealedPulled is pulled with the record's sealed fields (or a conflict's values)
// sealed with k, as the server sends them.
func sealedPulled(tb testing.TB, k *lockbox.TeamKey, entity string, v any, rev, seq int64) syncapi.PulledChange {
	tb.Helper()
	if c, ok := v.(*involve.Conflict); ok {
		cp := *c
		place := lockbox.FieldPlace(cp.Entity, cp.RecordID, cp.Field)
		for _, raw := range []*json.RawMessage{&cp.Base, &cp.Winner.Value, &cp.Loser.Value} {
			var s string
			if err := json.Unmarshal(*raw, &s); err != nil {
				tb.Fatal(err)
			}
			b, _ := json.Marshal(k.SealField(place, s))
			*raw = b
		}
		return pulled(tb, entity, &cp, rev, seq)
	}
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	rec, err := involve.NewRecord(entity)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, rec); err != nil {
		tb.Fatal(err)
	}
	syncapi.SealRecord(k, entity, rec)
	return pulled(tb, entity, rec, rev, seq)
}

// folderHolds reports which of the strings are in any file of the folder (the
// database, its log, backups), byte for byte.
func folderHolds(tb testing.TB, dir string, what []string) []string {
	tb.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := readExpanded(p) // erasure_test.go
		if err != nil {
			return err
		}
		for _, w := range what {
			if bytes.Contains(b, []byte(w)) {
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

// zorbicPartner makes the shared test partner with a consent record and a time entry.
func zorbicPartner(tb testing.TB, db *store.DB) (*involve.Contributor, *involve.Consent, *involve.TimeEntry) {
	tb.Helper()
	ctx := context.Background()
	mustRate(tb, db, involve.UnitHour, 2500, "2026-01-01", "")
	consent := lepConsent()
	consent.GivenBy = "Zorbicnamé Testperson"
	c, k, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess", LivedExperience: []string{"zorbicaccess lived"},
		PaymentPreference: "payroll"}, consent)
	if err != nil {
		tb.Fatal(err)
	}
	e, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", Task: "Reading group",
		MinutesAttend: 60, ExpensesPence: 450, ReceiptRef: "PO-zorbicref"})
	if err != nil {
		tb.Fatal(err)
	}
	return c, k, e
}

// checkPlainAPI: the store's API gives the partner's details plain.
func checkPlainAPI(tb testing.TB, db *store.DB, id string) {
	tb.Helper()
	ctx := context.Background()
	v, err := db.FindContributor(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	if v.Name != "Zorbicnamé Testperson" || v.ContactDetails != "zorbic@example.org" || v.AccessNeeds != "zorbicaccess" ||
		len(v.LivedExperience) != 1 || v.LivedExperience[0] != "zorbicaccess lived" {
		tb.Errorf("FindContributor: %+v", v.Contributor)
	}
	list, err := db.FindContributors(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "Zorbicnamé Testperson" {
		tb.Errorf("FindContributors: %+v, %v", list, err)
	}
	consents, err := db.FindConsents(ctx, id)
	if err != nil || len(consents) != 1 || consents[0].GivenBy != "Zorbicnamé Testperson" {
		tb.Errorf("FindConsents: %+v, %v", consents, err)
	}
	entries, err := db.FindTimeEntries(ctx, id)
	if err != nil || len(entries) != 1 || entries[0].ReceiptRef != "PO-zorbicref" {
		tb.Errorf("FindTimeEntries: %+v, %v", entries, err)
	}
}

// TestSealedAtRest: a partner, their consent record and a time entry made on an
// unlocked laptop are nowhere in its data folder in plain text (the database, its
// log, the outbox and the sync bases in it, a backup), and no title holds the name;
// the store's API gives them plain.
func TestSealedAtRest(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	connect(t, db)
	c, _, _ := zorbicPartner(t, db)
	pushApplied(t, db) // sync bases of what was sent
	edited := *c
	edited.Role = "Panel member"
	if _, err := db.UpdateContributor(ctx, c.ID, nil, &edited); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "sync_base WHERE entity = 'contributor'"); n != 1 {
		t.Fatalf("%d sync bases of the partner, want 1", n)
	}
	if n := countRows(t, db, "outbox WHERE entity = 'contributor'"); n != 1 {
		t.Fatalf("%d outbox entries of the partner, want 1", n)
	}
	checkPlainAPI(t, db, c.ID)
	var title string
	if err := db.QueryRowForTest(ctx, `SELECT title FROM docs WHERE id = ?`, c.ID).Scan(&title); err != nil || title != c.Pseudonym() {
		t.Errorf("title %q, %v; want the pseudonym", title, err)
	}
	if res, err := db.Search(ctx, "Zorbicnamé", 10); err != nil || len(res) != 0 {
		t.Errorf("search: %v, %v", res, err)
	}
	if found := folderHolds(t, filepath.Dir(path), zorbicAll); len(found) > 0 {
		t.Errorf("the data folder holds sealed fields in plain text: %v", found)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if found := folderHolds(t, filepath.Dir(path), zorbicAll); len(found) > 0 {
		t.Errorf("after closing, the data folder holds sealed fields in plain text: %v", found)
	}
}

func isLocked(err error) bool { return involve.ErrorCode(err) == involve.ELOCKED }

// TestLockedRefuses: while locked, every read that would show a sealed field and every
// write of a sealed kind is refused (ELOCKED), after the role and passphrase rules;
// the sync token cannot be read; reports still work and show no token. Unlocking
// again gives everything back.
func TestLockedRefuses(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	connect(t, db)
	c, consent, e := zorbicPartner(t, db)
	db.Lock()
	if db.Unlocked() || db.TeamKeyID() != "" {
		t.Fatal("still unlocked")
	}
	checks := map[string]error{}
	_, checks["FindContributors"] = db.FindContributors(ctx)
	_, checks["FindContributor"] = db.FindContributor(ctx, c.ID)
	_, checks["FindConsents"] = db.FindConsents(ctx, c.ID)
	_, checks["FindTimeEntries"] = db.FindTimeEntries(ctx, c.ID)
	_, checks["FindDoc"] = db.FindDoc(ctx, involve.EntityTimeEntry, e.ID)
	_, checks["FindDocs"] = db.FindDocs(ctx, involve.EntityConsent, "")
	_, checks["LEPTotals"] = db.LEPTotals(ctx, "", "")
	_, _, checks["CreateContributor"] = db.CreateContributor(ctx, &involve.Contributor{Name: "New Partner", PaymentPreference: "payroll"}, lepConsent())
	edited := *c
	edited.Name = "Changed"
	_, checks["UpdateContributor"] = db.UpdateContributor(ctx, c.ID, nil, &edited)
	_, checks["CreateTimeEntry"] = db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-25", Task: "Walk", MinutesAttend: 30})
	_, checks["WithdrawConsent"] = db.WithdrawConsent(ctx, consent.ID)
	checks["DeleteDoc"] = db.DeleteDoc(ctx, involve.EntityTimeEntry, e.ID)
	checks["Export"] = db.Export(ctx, func(string, any) error { return nil })
	for name, err := range checks {
		if !isLocked(err) {
			t.Errorf("%s while locked: %v, want ELOCKED", name, err)
		}
	}
	set, err := db.SyncSettings(ctx)
	if !isLocked(err) || !strings.Contains(involve.ErrorMessage(err), "Sync waits until Involve is unlocked") || set.DeviceToken != "" {
		t.Errorf("the sync token while locked: %q, %v", set.DeviceToken, err)
	}
	if set.ServerURL == "" {
		t.Error("the settings that are not secret should still come back")
	}
	// a sealed export works locked, and holds no plain value
	var buf bytes.Buffer
	if err := db.ExportSealed(ctx, func(_ string, v any) error { return json.NewEncoder(&buf).Encode(v) }); err != nil {
		t.Fatal(err)
	}
	for _, s := range zorbicAll {
		if strings.Contains(buf.String(), s) {
			t.Errorf("the sealed export holds %q", s)
		}
	}
	if !strings.Contains(buf.String(), lockbox.FieldPrefix) {
		t.Error("the sealed export has no sealed field")
	}
	// the report works locked and shows no token and no name
	fig, err := report.Summarize(ctx, db, report.Filter{}, time.Now())
	if err != nil {
		t.Fatalf("report while locked: %v", err)
	}
	b, _ := json.Marshal(fig)
	if strings.Contains(string(b), lockbox.FieldPrefix) || strings.Contains(string(b), "Zorbic") {
		t.Errorf("the report shows a sealed field: %s", b)
	}
	if err := db.Docs(ctx, involve.EntityContributor, func(d involve.Doc) error {
		if d.(*involve.Contributor).Name != "" || d.(*involve.Contributor).Number != c.Number {
			t.Errorf("report source: %+v", d)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	storetest.Unlock(t, db)
	checkPlainAPI(t, db, c.ID)
	if set, err := db.SyncSettings(ctx); err != nil || set.DeviceToken != "inv1_test" {
		t.Errorf("the sync token once unlocked: %q, %v", set.DeviceToken, err)
	}
}

// TestSyncTokenSealed: once a passphrase is set the device's sync token is kept sealed
// by the data key (sealed at unlock if it was plain; written sealed when connecting
// while unlocked); a laptop without a passphrase keeps it as it was.
func TestSyncTokenSealed(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenNoPassphrase(t)
	const tok = "inv1_zorbictoken"
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: tok,
		TeamID: teamID, TeamName: "South London", DeviceName: "laptop"}); err != nil {
		t.Fatal(err)
	}
	if set, err := db.SyncSettings(ctx); err != nil || set.DeviceToken != tok {
		t.Fatalf("without a passphrase: %q, %v", set.DeviceToken, err)
	}
	storetest.SetPassphrase(t, db) // unlocks: the token is sealed and the file compacted
	if set, err := db.SyncSettings(ctx); err != nil || set.DeviceToken != tok {
		t.Fatalf("unlocked: %q, %v", set.DeviceToken, err)
	}
	if found := folderHolds(t, filepath.Dir(path), []string{tok}); len(found) > 0 {
		t.Errorf("the token is in plain text: %v", found)
	}
	// connecting again while unlocked writes it sealed
	const tok2 = "inv1_zorbicsecond"
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: tok2,
		TeamID: teamID, TeamName: "South London", DeviceName: "laptop"}); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowForTest(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(new(int), new(int), new(int)); err != nil {
		t.Fatal(err)
	}
	if found := folderHolds(t, filepath.Dir(path), []string{tok2}); len(found) > 0 {
		t.Errorf("the new token is in plain text: %v", found)
	}
	db.Lock()
	if _, err := db.SyncSettings(ctx); !isLocked(err) {
		t.Errorf("locked: %v", err)
	}
	storetest.Unlock(t, db)
	if set, err := db.SyncSettings(ctx); err != nil || set.DeviceToken != tok2 {
		t.Errorf("unlocked again: %q, %v", set.DeviceToken, err)
	}
}

// TestSealDeterministic: an edit of one field leaves the token of another unchanged
// in the outbox (merges and conflicts compare sealed values), and the token is the
// team key's own for that place.
func TestSealDeterministic(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	k := storetest.InstallTeamKey(t, db)
	c, _, _ := zorbicPartner(t, db)
	state := func() map[string]any {
		var s string
		if err := db.QueryRowForTest(ctx, `SELECT state FROM outbox WHERE entity = 'contributor' AND record_id = ? AND status = 'pending'`, c.ID).Scan(&s); err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	before := state()
	want := k.SealField(lockbox.FieldPlace(involve.EntityContributor, c.ID, "contactDetails"), "zorbic@example.org")
	if before["contactDetails"] != want {
		t.Fatalf("contactDetails %v, want %v", before["contactDetails"], want)
	}
	edited := *c
	edited.AccessNeeds = "zorbicaccess and a hearing loop"
	if _, err := db.UpdateContributor(ctx, c.ID, c, &edited); err != nil {
		t.Fatal(err)
	}
	after := state()
	if after["contactDetails"] != before["contactDetails"] || after["name"] != before["name"] {
		t.Errorf("unchanged fields changed their tokens: %v -> %v", before, after)
	}
	if after["accessNeeds"] == before["accessNeeds"] {
		t.Error("the changed field kept its token")
	}
}

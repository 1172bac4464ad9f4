package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

const oldTime = "2026-11-20T09:00:00.000Z"

// insertPlain writes rows as an older version left them: the partner, their consent
// record and a time entry in plain text, with an outbox entry and a sync base of the
// partner, and a conflict about their access needs (with its own outbox entry).
func insertPlain(tb testing.TB, db *store.DB, name string) *involve.Contributor {
	tb.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		tb.Helper()
		if err := db.ExecForTest(ctx, q, args...); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	c := &involve.Contributor{Name: name, ContactPreference: "email", ContactDetails: "zorbic@example.org",
		AccessNeeds: "zorbicaccess", LivedExperience: []string{"zorbicaccess lived"}, PaymentPreference: "payroll", Number: 1}
	c.ID, c.CreatedAt, c.UpdatedAt, c.Rev = newID(), oldTime, oldTime, 5
	consent := lepConsent()
	consent.GivenBy, consent.SubjectEntity, consent.SubjectID = name, involve.EntityContributor, c.ID
	consent.ID, consent.CreatedAt, consent.UpdatedAt, consent.Rev = newID(), oldTime, oldTime, 5
	e := &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", Task: "Reading group", Unit: "hour", MinutesAttend: 60,
		ExpensesPence: 450, ReceiptRef: "PO-zorbicref", Route: "payroll"}
	e.ID, e.CreatedAt, e.UpdatedAt, e.Rev = newID(), oldTime, oldTime, 5
	for _, d := range []involve.Doc{c, consent, e} {
		_, parent := d.Parent()
		exec(`INSERT INTO docs(id, entity, parent_id, title, state, created_at, updated_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, 5)`,
			d.DocMeta().ID, d.DocEntity(), parent, name, js(d), oldTime, oldTime)
	}
	exec(`INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at) VALUES (?, 'contributor', ?, 0, 5, ?, ?, ?)`,
		newID(), c.ID, js(c), oldTime, oldTime)
	exec(`INSERT INTO sync_base(entity, record_id, rev, state) VALUES ('contributor', ?, 4, ?)`, c.ID, js(c))
	// a sync base an older version kept from a page it could not use: not a state at all
	exec(`INSERT INTO sync_base(entity, record_id, rev, state) VALUES ('conflict', ?, 4, '["zorbicaccess"]')`, newID())
	cf := involve.Conflict{Entity: involve.EntityContributor, RecordID: c.ID, Field: "accessNeeds", Base: []byte(`"zorbicaccess"`),
		Winner: involve.ConflictValue{Value: []byte(`"zorbicaccess ramp"`), Rev: 9}, Loser: involve.ConflictValue{Value: []byte(`"zorbicaccess lift"`), Rev: 8},
		Status: involve.ConflictOpen}
	cf.ID, cf.CreatedAt, cf.UpdatedAt, cf.Rev = newID(), oldTime, oldTime, 3
	exec(`INSERT INTO conflicts(id, entity, record_id, field, base, winner, loser, created_at, updated_at, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 3)`,
		cf.ID, cf.Entity, cf.RecordID, cf.Field, string(cf.Base), js(cf.Winner), js(cf.Loser), oldTime, oldTime)
	exec(`INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at) VALUES (?, 'conflict', ?, 0, 3, ?, ?, ?)`,
		newID(), cf.ID, js(&cf), oldTime, oldTime)
	return c
}

// TestUpgradeSealsPlain: what an older version left plain (records, titles, outbox,
// sync bases, conflicts) is sealed at the first unlock, in place, and the file is
// compacted: no plain copy is left in the database, its log or free pages.
func TestUpgradeSealsPlain(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenNoPassphrase(t)
	c := insertPlain(t, db, "Zorbicnamé Testperson")
	if found := folderHolds(t, filepath.Dir(path), zorbicAll); len(found) < 4 {
		t.Fatalf("the plain rows are not in the folder (%v): the search below proves nothing", found)
	}
	if _, err := db.FindContributor(ctx, c.ID); !isLocked(err) {
		t.Errorf("reading a plain partner with no passphrase: %v, want ELOCKED", err)
	}
	storetest.SetPassphrase(t, db) // unlocks: the upgrade
	if found := folderHolds(t, filepath.Dir(path), zorbicAll); len(found) > 0 {
		t.Errorf("after the upgrade the folder still holds: %v", found)
	}
	checkPlainAPI(t, db, c.ID)
	for _, q := range []string{"docs WHERE title LIKE '%Zorbic%'", "outbox WHERE state LIKE '%zorbic%'",
		"sync_base WHERE state LIKE '%zorbic%'", "conflicts WHERE base || winner || loser LIKE '%zorbic%'"} {
		if n := countRows(t, db, q); n != 0 {
			t.Errorf("%d rows of %s", n, q)
		}
	}
	for _, q := range []string{"outbox WHERE entity = 'conflict' AND state LIKE '%sealed1.%'", "sync_base WHERE state LIKE '%sealed1.%'",
		"sync_base WHERE entity = 'conflict' AND state = '{}'"} {
		if n := countRows(t, db, q); n != 1 {
			t.Errorf("%d rows of %s, want 1", n, q)
		}
	}
	cs, err := db.FindConflicts(ctx)
	if err != nil || len(cs) != 1 || string(cs[0].Winner.Value) != `"zorbicaccess ramp"` || string(cs[0].Current) != `"zorbicaccess"` {
		t.Fatalf("conflicts: %+v, %v", cs, err)
	}
	if _, err := db.ResolveConflict(ctx, cs[0].ID, involve.ResolutionReplaced, nil); err != nil {
		t.Fatal(err)
	}
	if v, err := db.FindContributor(ctx, c.ID); err != nil || v.AccessNeeds != "zorbicaccess lift" {
		t.Errorf("after replacing: %q, %v", v.AccessNeeds, err)
	}
	if n := countRows(t, db, "outbox WHERE state LIKE '%zorbic%'"); n != 0 {
		t.Errorf("the resolution queued %d plain states", n)
	}
	if held, err := db.HoldsSealedData(ctx); err != nil || !held {
		t.Errorf("HoldsSealedData = %v, %v", held, err)
	}
	if err := db.ClearLockKey(ctx); involve.ErrorCode(err) != involve.ECONFLICT {
		t.Errorf("removing the passphrase of a laptop with sealed data: %v", err)
	}
}

// TestInstallTeamKeyReseals: a laptop that sealed with a local key before it had its
// team's key seals everything again with the team's key when it arrives, and keeps
// using it after a restart.
func TestInstallTeamKeyReseals(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	local := db.TeamKeyID()
	if local == "" {
		t.Fatal("no local key after unlocking")
	}
	connect(t, db)
	c, _, _ := zorbicPartner(t, db)
	pushApplied(t, db)
	edited := *c
	edited.AccessNeeds = "zorbicaccess and a ramp"
	if _, err := db.UpdateContributor(ctx, c.ID, c, &edited); err != nil {
		t.Fatal(err)
	}
	if need, err := db.NeedsTeamKey(ctx); err != nil || need {
		t.Errorf("NeedsTeamKey before enrolment with a role = %v, %v", need, err)
	}
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: teamID, TeamName: "South London", DeviceName: "laptop", Role: "staff"}); err != nil {
		t.Fatal(err)
	}
	if need, err := db.NeedsTeamKey(ctx); err != nil || !need {
		t.Errorf("NeedsTeamKey of a staff laptop with a local key = %v, %v", need, err)
	}
	k := storetest.InstallTeamKey(t, db)
	if db.TeamKeyID() != k.ID() || k.ID() == local {
		t.Fatalf("key in use %q, want %q", db.TeamKeyID(), k.ID())
	}
	if need, err := db.NeedsTeamKey(ctx); err != nil || need {
		t.Errorf("NeedsTeamKey with the server's key = %v, %v", need, err)
	}
	for _, table := range []string{"docs", "outbox", "sync_base"} {
		if n := countRows(t, db, table+" WHERE instr(state, ?) > 0", lockbox.FieldPrefix+local); n != 0 {
			t.Errorf("%d rows of %s still sealed with the local key", n, table)
		}
		if n := countRows(t, db, table+" WHERE instr(state, ?) > 0", lockbox.FieldPrefix+k.ID()); n == 0 {
			t.Errorf("no row of %s sealed with the team's key", table)
		}
	}
	v, err := db.FindContributor(ctx, c.ID)
	if err != nil || v.AccessNeeds != "zorbicaccess and a ramp" || v.Name != "Zorbicnamé Testperson" {
		t.Fatalf("after the new key: %+v, %v", v, err)
	}
	if err := db.InstallTeamKey(ctx, k); err != nil {
		t.Errorf("the same key again: %v", err)
	}
	db.Close()
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.FindContributors(ctx); !isLocked(err) {
		t.Errorf("after a restart, before unlocking: %v", err)
	}
	storetest.Unlock(t, db)
	if db.TeamKeyID() != k.ID() {
		t.Errorf("after a restart the key is %q, want %q", db.TeamKeyID(), k.ID())
	}
	if need, err := db.NeedsTeamKey(ctx); err != nil || need {
		t.Errorf("NeedsTeamKey after a restart = %v, %v", need, err)
	}
	if v, err := db.FindContributor(ctx, c.ID); err != nil || v.ContactDetails != "zorbic@example.org" {
		t.Errorf("after a restart: %+v, %v", v, err)
	}
	db.Lock()
	if err := db.InstallTeamKey(ctx, k); !isLocked(err) {
		t.Errorf("InstallTeamKey while locked: %v", err)
	}
}

// TestPulledSealed: a pulled partner must arrive sealed (a plain one is refused like an
// invalid state, and its sync base keeps no plain copy), opening with the team key to
// a valid record; it is stored sealed as received and read plain. A page with one
// while locked is not applied.
func TestPulledSealed(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	k := storetest.InstallTeamKey(t, db)
	connect(t, db)
	partner := func(name string) *involve.Contributor {
		p := &involve.Contributor{Name: name, ContactDetails: "zorbic@example.org", PaymentPreference: "payroll", Number: 3}
		p.ID, p.CreatedAt, p.UpdatedAt = newID(), oldTime, oldTime
		return p
	}
	plain := partner("Zorbicnamé Testperson")
	if tl := pullPage(t, db, "staff", "1", pulled(t, involve.EntityContributor, plain, 100, 1)); tl.Skipped != 1 || tl.Written != 0 {
		t.Errorf("a plain partner: %+v, want it skipped", tl)
	}
	if n := countRows(t, db, "docs WHERE entity = 'contributor'"); n != 0 {
		t.Errorf("a plain partner was stored (%d)", n)
	}
	if n := countRows(t, db, "sync_base WHERE instr(state, 'zorbic') > 0 OR instr(state, 'Zorbic') > 0"); n != 0 {
		t.Errorf("a plain partner's sync base holds the plain values")
	}
	other, _ := lockbox.NewTeamKey()
	invalid := partner(strings.Repeat("x", 300)) // a name too long
	if tl := pullPage(t, db, "staff", "2", sealedPulled(t, other, involve.EntityContributor, partner("Other Key"), 101, 2),
		sealedPulled(t, k, involve.EntityContributor, invalid, 102, 3)); tl.Skipped != 2 || tl.Written != 0 {
		t.Errorf("another team's key, and an invalid name: %+v, want both skipped", tl)
	}
	good := partner("Zorbicnamé Testperson")
	ch := sealedPulled(t, k, involve.EntityContributor, good, 103, 4)
	if tl := pullPage(t, db, "staff", "3", ch); tl.Written != 1 {
		t.Fatalf("a sealed partner: %+v", tl)
	}
	var sent, stored map[string]any
	var state string
	if err := db.QueryRowForTest(ctx, `SELECT state FROM docs WHERE id = ?`, good.ID).Scan(&state); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(ch.State, &sent)
	_ = json.Unmarshal([]byte(state), &stored)
	if stored["name"] != sent["name"] || stored["contactDetails"] != sent["contactDetails"] {
		t.Errorf("stored %v, want the sealed values as received %v", stored, sent)
	}
	if v, err := db.FindContributor(ctx, good.ID); err != nil || v.Name != "Zorbicnamé Testperson" || v.ContactDetails != "zorbic@example.org" {
		t.Errorf("read back: %+v, %v", v, err)
	}
	// locked: the page is not applied, its cursor not saved
	db.Lock()
	later := partner("Later Partner")
	_, err := syncer.ApplyPull(ctx, db, syncapi.PullResponse{Role: "staff", Cursor: "4",
		Changes: []syncapi.PulledChange{sealedPulled(t, k, involve.EntityContributor, later, 104, 5)}})
	if !isLocked(err) {
		t.Errorf("a pull while locked: %v, want ELOCKED", err)
	}
	if n := countRows(t, db, "docs WHERE id = ?", later.ID); n != 0 {
		t.Error("a partner was stored while locked")
	}
}

// TestPullWaitsForTheTeamKey: a partner sealed with the team's key, pulled by a laptop
// still on its own local key, is not skipped (the cursor would pass it for good): the
// page is not applied, and is once the team's key is here.
func TestPullWaitsForTheTeamKey(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t) // a local key
	connect(t, db)
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	p := &involve.Contributor{Name: "Zorbicnamé Testperson", PaymentPreference: "payroll", Number: 4}
	p.ID, p.CreatedAt, p.UpdatedAt = newID(), oldTime, oldTime
	page := syncapi.PullResponse{Role: "staff", Cursor: "1", Changes: []syncapi.PulledChange{sealedPulled(t, k, involve.EntityContributor, p, 100, 1)}}
	if _, err := syncer.ApplyPull(ctx, db, page); involve.ErrorCode(err) != involve.EUNAVAILABLE {
		t.Fatalf("a pull before the team's key: %v, want it to wait", err)
	}
	if set, _ := db.SyncSettings(ctx); set.Cursor != "" {
		t.Errorf("the cursor moved to %q", set.Cursor)
	}
	if err := db.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	if tl, err := syncer.ApplyPull(ctx, db, page); err != nil || tl.Written != 1 {
		t.Fatalf("the same page with the team's key: %+v, %v", tl, err)
	}
	if v, err := db.FindContributor(ctx, p.ID); err != nil || v.Name != "Zorbicnamé Testperson" {
		t.Errorf("read back: %+v, %v", v, err)
	}
}

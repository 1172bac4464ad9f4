package store_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// The partner's identifying strings: none of them may be found anywhere in the
// database file once the laptop is lowered to capture.
var zorbic = []string{"Zorbicnamé Testperson", "zorbicnamé testperson", "zorbic@example.org", "zorbicaccess"}

// countRows counts rows of a query (the store's own tables, read for the test).
func countRows(tb testing.TB, db *store.DB, q string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.QueryRowForTest(context.Background(), "SELECT count(*) FROM "+q, args...).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", q, err)
	}
	return n
}

// personal counts what the laptop holds of the personal kinds, table by table.
func personal(tb testing.TB, db *store.DB) map[string]int {
	tb.Helper()
	const kinds = `('contributor', 'consent', 'time_entry')`
	return map[string]int{
		"docs":      countRows(tb, db, "docs WHERE entity IN "+kinds),
		"outbox":    countRows(tb, db, "outbox WHERE entity IN "+kinds+" OR (entity = 'conflict' AND state ->> '$.entity' IN "+kinds+")"),
		"sync_base": countRows(tb, db, "sync_base WHERE entity IN "+kinds+" OR (entity = 'conflict' AND state ->> '$.entity' IN "+kinds+")"),
		"conflicts": countRows(tb, db, "conflicts WHERE entity IN "+kinds),
	}
}

func pullPage(tb testing.TB, db *store.DB, role, cursor string, changes ...syncapi.PulledChange) syncer.PullTally {
	tb.Helper()
	t, err := syncer.ApplyPull(context.Background(), db, syncapi.PullResponse{Changes: changes, Cursor: cursor, Role: role})
	if err != nil {
		tb.Fatalf("pull as %q: %v", role, err)
	}
	return t
}

// fileHolds reports which of the strings are in the database file or its log.
func fileHolds(tb testing.TB, path string, what []string) []string {
	tb.Helper()
	var found []string
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			tb.Fatal(err)
		}
		for _, w := range what {
			if bytes.Contains(b, []byte(w)) {
				found = append(found, w+" in "+p)
			}
		}
	}
	return found
}

// TestRoleLowered: a staff laptop told by a pull page that it is now a capture laptop
// removes every contributor, consent record and time entry, with their outbox entries
// (sent or not), sync bases and conflicts, in the page's transaction, says so, and
// keeps everything else; the database file then holds none of the partner's details.
func TestRoleLowered(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	k := storetest.InstallTeamKey(t, db)
	connect(t, db)
	pullPage(t, db, "staff", "1")

	// A partner made here and sent, one pulled, a time entry and a conflict about the
	// partner; then an edit of the partner and a new time entry not yet sent, and a
	// session not yet sent.
	mustRate(t, db, involve.UnitHour, 2500, "2026-01-01", "")
	c, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess", PaymentPreference: "payroll"}, lepConsent())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", Task: "Reading group", MinutesAttend: 60}); err != nil {
		t.Fatal(err)
	}
	for len(pending(t, db)) > 0 {
		pushApplied(t, db)
	}
	other := &involve.Contributor{Name: "Pulled Partner", PaymentPreference: "payroll"}
	other.ID, other.CreatedAt, other.UpdatedAt, other.Number = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z", 2
	conflict := involve.Conflict{Entity: involve.EntityContributor, RecordID: c.ID, Field: "accessNeeds", Base: []byte(`"zorbicaccess"`),
		Winner: involve.ConflictValue{Value: []byte(`"zorbicaccess ramp"`), Rev: 9}, Loser: involve.ConflictValue{Value: []byte(`"zorbicaccess lift"`), Rev: 8},
		Status: involve.ConflictOpen}
	conflict.ID, conflict.CreatedAt, conflict.UpdatedAt = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	if tl := pullPage(t, db, "staff", "3", sealedPulled(t, k, involve.EntityContributor, other, 100, 2),
		sealedPulled(t, k, involve.EntityConflict, &conflict, 101, 3)); tl.Written != 2 {
		t.Fatalf("pulled %+v, want the partner and the conflict written", tl)
	}
	if _, err := db.UpdateContributor(ctx, c.ID, nil, &involve.Contributor{Name: "Zorbicnamé Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess and a hearing loop", PaymentPreference: "payroll"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-25", Task: "Reading group", MinutesAttend: 30}); err != nil {
		t.Fatal(err)
	}
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Bus routes"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Drop-in", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	before := personal(t, db)
	if before["docs"] != 5 || before["outbox"] != 2 || before["sync_base"] != 5 || before["conflicts"] != 1 {
		t.Fatalf("before: %v", before)
	}

	// The server says capture; its page still carries a partner (a server that does
	// not filter): it is not stored.
	third := &involve.Contributor{Name: "Third Partner", PaymentPreference: "payroll"}
	third.ID, third.CreatedAt, third.UpdatedAt = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	tl := pullPage(t, db, "capture", "5", sealedPulled(t, k, involve.EntityContributor, third, 200, 4),
		pulled(t, involve.EntitySession, ptr(remoteSession("Market stall", 201)), 201, 5))
	if tl.Role == nil || tl.Withheld != 1 || tl.Written != 1 {
		t.Fatalf("tally %+v, want the role changed, the partner withheld and the session written", tl)
	}
	want := "This laptop is now enrolled for capture. 2 Lived Experience Partners, 1 consent record and 2 time entries " +
		"were removed from it. 2 changes made on this laptop and not yet sent were discarded; they cannot be recovered."
	if tl.Role.Notice != want {
		t.Errorf("notice\n%q, want\n%q", tl.Role.Notice, want)
	}
	for table, n := range personal(t, db) {
		if n != 0 {
			t.Errorf("%s still holds %d personal rows", table, n)
		}
	}
	if n := countRows(t, db, "outbox WHERE entity IN ('project', 'session') AND status = 'pending'"); n != 2 {
		t.Errorf("%d project and session changes wait, want 2 (they stay)", n)
	}
	if n := countRows(t, db, "sessions"); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
	set, err := db.SyncSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.Role != "capture" || set.RoleNotice != want || set.RoleChangedAt == "" || set.Cursor != "5" {
		t.Errorf("settings: role %q, notice %q at %q, cursor %q", set.Role, set.RoleNotice, set.RoleChangedAt, set.Cursor)
	}
	st, err := syncer.LocalStatus(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if st.Role != "capture" || !strings.HasPrefix(st.Message, want+" ") {
		t.Errorf("status: role %q, message %q", st.Role, st.Message)
	}
	if res, err := db.Search(ctx, "Zorbicnamé", 10); err != nil || len(res) != 0 {
		t.Errorf("search for the partner: %v %v", res, err)
	}
	checkVocabulary(t, db)
	if err := db.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if found := fileHolds(t, path, zorbic); len(found) > 0 {
		t.Errorf("the database still holds the partner's details: %v", found)
	}
	if err := db.CheckIntegrity(ctx); err != nil {
		t.Fatal(err)
	}

	// A capture laptop makes no personal record of its own.
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "New Partner", PaymentPreference: "payroll"}, lepConsent()); involve.ErrorCode(err) != involve.EFORBIDDEN ||
		!strings.Contains(involve.ErrorMessage(err), "enrolled for capture") {
		t.Errorf("capture laptop made a partner: %v", err)
	}
	if n := personal(t, db)["docs"] + personal(t, db)["outbox"]; n != 0 {
		t.Errorf("a refused partner left %d rows", n)
	}

	// The next page says capture again: nothing more happens.
	if tl := pullPage(t, db, "capture", "6"); tl.Role != nil {
		t.Errorf("same role again: %+v", tl.Role)
	}
}

func ptr[T any](v T) *T { return &v }

// TestRoleRaised: a capture laptop told it is staff now starts its pull again from the
// beginning, keeping its records, outbox and sync bases; pulling everything again
// writes the personal records it skipped and changes nothing else: no conflict, no
// duplicate, the waiting change still waits.
func TestRoleRaised(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	k := storetest.InstallTeamKey(t, db)
	connect(t, db)
	s := remoteSession("Drop-in", 100)
	partner := &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}
	partner.ID, partner.CreatedAt, partner.UpdatedAt = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	page := []syncapi.PulledChange{pulled(t, involve.EntitySession, &s, 100, 1), sealedPulled(t, k, involve.EntityContributor, partner, 101, 2)}
	if tl := pullPage(t, db, "capture", "2", page...); tl.Withheld != 1 || tl.Written != 1 {
		t.Fatalf("capture pull: %+v", tl)
	}
	if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More buses", Source: "comment_card"}); err != nil {
		t.Fatal(err)
	}
	tl := pullPage(t, db, "staff", "4", pulled(t, involve.EntitySession, ptr(remoteSession("Later", 300)), 300, 4))
	if tl.Role == nil || !tl.Role.Restart || tl.Written != 0 || len(tl.Role.Removed) != 0 {
		t.Fatalf("raise: %+v %+v", tl, tl.Role)
	}
	set, _ := db.SyncSettings(ctx)
	if set.Cursor != "" || set.Role != "staff" {
		t.Fatalf("after the raise: cursor %q role %q, want the beginning and staff", set.Cursor, set.Role)
	}
	// The pull from the beginning.
	page = append(page, pulled(t, involve.EntitySession, ptr(remoteSession("Later", 300)), 300, 4))
	if tl := pullPage(t, db, "staff", "4", page...); tl.Written != 2 || tl.Role != nil {
		t.Fatalf("pull again: %+v", tl)
	}
	if n := countRows(t, db, "docs WHERE entity = 'contributor'"); n != 1 {
		t.Errorf("%d partners, want 1", n)
	}
	if n := countRows(t, db, "sessions"); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
	if n := countRows(t, db, "conflicts"); n != 0 {
		t.Errorf("%d conflicts after pulling again", n)
	}
	if p := pending(t, db); len(p) != 1 || p[0].Entity != involve.EntityFeedback {
		t.Errorf("waiting: %+v, want the feedback item", p)
	}
	// staff → lead: a lead alone holds the register of requests, so the pull starts
	// again from the beginning for it; nothing is removed.
	if tl := pullPage(t, db, "lead", "5"); tl.Role == nil || !tl.Role.Restart || len(tl.Role.Removed) != 0 {
		t.Errorf("staff to lead: %+v", tl.Role)
	}
	if set, _ := db.SyncSettings(ctx); set.Cursor != "" || set.Role != "lead" {
		t.Errorf("after lead: cursor %q role %q, want the beginning and lead", set.Cursor, set.Role)
	}
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "New Partner", PaymentPreference: "payroll"}, lepConsent()); err != nil {
		t.Errorf("a lead laptop cannot make a partner: %v", err)
	}
	if _, err := db.CreatePrivacyRequest(ctx, &involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-01-31",
		ReceivedVia: "email", Requester: "A carer"}); err != nil {
		t.Fatalf("a lead laptop cannot keep the register: %v", err)
	}
	// A role this version does not know is refused; nothing changes.
	if _, err := syncer.ApplyPull(ctx, db, syncapi.PullResponse{Role: "auditor", Cursor: "6"}); err == nil {
		t.Error("an unknown role was accepted")
	}
	if set, _ := db.SyncSettings(ctx); set.Cursor != "" || set.Role != "lead" {
		t.Errorf("after an unknown role: cursor %q role %q", set.Cursor, set.Role)
	}
	// lead → staff: the register goes, and nothing else.
	if tl := pullPage(t, db, "staff", "6"); tl.Role == nil || tl.Role.Removed[involve.EntityPrivacyRequest] != 1 || len(tl.Role.Removed) != 1 ||
		tl.Role.Discarded != 1 {
		t.Errorf("lead to staff: %+v, want the register's one entry removed (and its change not yet sent)", tl.Role)
	}
	if n := countRows(t, db, "docs WHERE entity = 'privacy_request'"); n != 0 {
		t.Errorf("%d entries of the register on a staff laptop", n)
	}
	if n := countRows(t, db, "docs WHERE entity = 'contributor'"); n != 2 {
		t.Errorf("%d partners after lead to staff, want 2", n)
	}
}

// TestCaptureRefusesPersonalRecords: a capture laptop refuses to make or import a
// partner, a consent record or a time entry (EFORBIDDEN, nothing stored or queued);
// a laptop never connected keeps full use.
func TestCaptureRefusesPersonalRecords(t *testing.T) {
	ctx := context.Background()
	free := storetest.Open(t)
	if _, _, err := free.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}, lepConsent()); err != nil {
		t.Fatalf("an unconnected laptop cannot make a partner: %v", err)
	}

	db := storetest.Open(t)
	if err := syncer.SaveConnection(ctx, db, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: teamID, TeamName: "South London", DeviceName: "kiosk", Role: "capture"}); err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		t.Fatalf("a capture laptop cannot make a session: %v", err)
	}
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More buses", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	refused := func(what string, err error) {
		t.Helper()
		if involve.ErrorCode(err) != involve.EFORBIDDEN || !strings.HasPrefix(involve.ErrorMessage(err), "This laptop is enrolled for capture") {
			t.Errorf("%s: %v, want refused for capture", what, err)
		}
	}
	_, _, err = db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"}, lepConsent())
	refused("partner", err)
	_, err = db.AddConsent(ctx, &involve.Consent{SubjectEntity: involve.EntityFeedback, SubjectID: f.ID, Purposes: []string{"quotes"},
		LawfulBasis: "consent", NoticeVersion: "v3", Method: "written", GivenAt: "2026-01-10", GivenBy: "Themselves"})
	refused("consent", err)
	_, err = db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: newID(), Date: "2026-11-24", Task: "Reading group", MinutesAttend: 60})
	refused("time entry", err)
	partner := &involve.Contributor{Name: "Imported", PaymentPreference: "payroll"}
	partner.ID, partner.Rev, partner.CreatedAt, partner.UpdatedAt = newID(), 5, "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	refused("import", db.Import(ctx, func(im *store.Importer) error { return im.PutDoc(partner) }))
	if n := personal(t, db); n["docs"]+n["outbox"] != 0 {
		t.Errorf("refused records left rows: %v", n)
	}
	if p := pending(t, db); len(p) != 2 {
		t.Errorf("%d changes wait, want the session and the feedback item", len(p))
	}
}

// TestConnectAsCapture: a laptop used before connecting, or re-enrolled, connects with
// a capture code: the personal records on it go at once, with the connection.
func TestConnectAsCapture(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	mustContributor(t, db, "Zorbicnamé Testperson")
	conn := syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_test",
		TeamID: teamID, TeamName: "South London", DeviceName: "kiosk", Role: "capture"}
	if err := syncer.SaveConnection(ctx, db, conn); err != nil {
		t.Fatal(err)
	}
	if n := personal(t, db); n["docs"]+n["outbox"] != 0 {
		t.Errorf("after connecting for capture: %v", n)
	}
	set, _ := db.SyncSettings(ctx)
	want := "This laptop is now enrolled for capture. 1 Lived Experience Partner and 1 consent record were removed from it. " +
		"2 changes made on this laptop and not yet sent were discarded; they cannot be recovered."
	if set.Role != "capture" || set.RoleNotice != want || !set.Connected() {
		t.Errorf("settings: role %q notice %q connected %v", set.Role, set.RoleNotice, set.Connected())
	}
}

// TestRemoveKindsLeavesSecureDelete: the removal turns secure deletion on for itself
// only: the connection's setting is as it was afterwards.
func TestRemoveKindsLeavesSecureDelete(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	connect(t, db)
	mustContributor(t, db, "Priya")
	var before, after int
	if err := db.QueryRowForTest(ctx, "PRAGMA secure_delete").Scan(&before); err != nil {
		t.Fatal(err)
	}
	var removed syncer.Removed
	if err := db.SyncTx(ctx, func(tx syncer.Tx) error {
		var err error
		removed, err = tx.RemoveKinds([]string{involve.EntityContributor, involve.EntityConsent})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if removed.Records[involve.EntityContributor] != 1 || removed.Records[involve.EntityConsent] != 1 || removed.Discarded != 2 {
		t.Errorf("removed %+v", removed)
	}
	if err := db.QueryRowForTest(ctx, "PRAGMA secure_delete").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("secure_delete %d after the removal, %d before", after, before)
	}
}

package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// setLocalRole stores the role the server last gave this laptop.
func setLocalRole(tb testing.TB, db *store.DB, role string) {
	tb.Helper()
	if err := db.ExecForTest(context.Background(), `INSERT OR REPLACE INTO meta(key, value) VALUES ('sync_role', ?)`, role); err != nil {
		tb.Fatal(err)
	}
}

func dueList(tb testing.TB, db *store.DB) []store.DueItem {
	tb.Helper()
	due, err := db.DueForReview(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return due
}

func findDue(due []store.DueItem, id string) *store.DueItem {
	for i := range due {
		if due[i].RecordID == id {
			return &due[i]
		}
	}
	return nil
}

func code(err error) string {
	var e *involve.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// TestRetentionDue: with the clock moved, a partner past the default period (12 months
// after the agreement ends) and a record deleted 30 days ago are due; a hold hides the
// partner until its date; a rule the lead sets replaces the default; the list names
// the partner by pseudonym only, also while locked.
func TestRetentionDue(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	setLocalRole(t, db, "lead")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	at := func(date string) {
		var err error
		if now, err = time.Parse(time.DateOnly, date); err != nil {
			t.Fatal(err)
		}
		now = now.Add(9 * time.Hour)
	}

	mustRate(t, db, involve.UnitHour, 2500, "2026-01-01", "")
	c, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicnamé Testperson", PaymentPreference: "payroll",
		AgreementStart: "2026-01-01", AgreementEnd: "2026-01-31"}, lepConsent())
	if err != nil {
		t.Fatal(err)
	}
	entry, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", Task: "Reading group", MinutesAttend: 60})
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Old pathway"})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := db.CreateSession(ctx, involve.SessionInput{ProjectID: p.ID, Title: "Old session", Date: "2026-03-01",
		Type: "workshop", Mode: "in_person", Status: "held"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSession(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}

	// The defaults apply: nothing set, nothing due yet.
	sched, err := db.RetentionSchedule(ctx)
	if err != nil || len(sched) != len(involve.RetentionKinds) {
		t.Fatalf("schedule: %v, %d entries", err, len(sched))
	}
	for _, e := range sched {
		if !e.IsDefault || e.Source == "" || e.Text != e.DefaultText {
			t.Errorf("%s: %+v, want its default with a source", e.RecordKind, e)
		}
	}
	if due := dueList(t, db); len(due) != 0 {
		t.Fatalf("due on 1 December 2026: %+v", due)
	}

	// 31 days after the deletion: the project is due, the partner not yet.
	at("2027-01-01")
	due := dueList(t, db)
	if d := findDue(due, sess.ID); d == nil || d.RecordKind != involve.RetainDeleted || d.DueOn != "2026-12-31" || !strings.Contains(d.Why, "30 days after deletion") {
		t.Fatalf("deleted session on 1 January 2027: %+v", due)
	}
	if findDue(due, c.ID) != nil || findDue(due, entry.ID) != nil {
		t.Fatalf("partner due too early: %+v", due)
	}

	// 12 months after the agreement ended: the partner is due, by pseudonym.
	at("2027-02-01")
	d := findDue(dueList(t, db), c.ID)
	if d == nil || d.DueOn != "2027-01-31" || d.Title != c.Pseudonym() || d.Why != "12 months after the agreement ends (31 January 2026)" {
		t.Fatalf("partner on 1 February 2027: %+v", d)
	}

	// Keep until 30 June 2027: off the list until then, back the day after.
	if _, err := db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntityContributor, RecordID: c.ID,
		RecordKind: involve.RetainContributor, Until: "2027-01-15", Reason: "x"}); code(err) != involve.EINVALID {
		t.Errorf("a hold in the past: %v", err)
	}
	if _, err := db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntityContributor, RecordID: c.ID,
		RecordKind: involve.RetainContributor, Until: "2027-06-30", Reason: "Zorbicreason: an open complaint"}); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "docs WHERE state LIKE '%Zorbicreason%'"); n != 0 {
		t.Errorf("the hold's reason is stored in plain text (%d rows)", n)
	}
	if findDue(dueList(t, db), c.ID) != nil {
		t.Error("a held partner is still due")
	}
	at("2027-06-30")
	if findDue(dueList(t, db), c.ID) != nil {
		t.Error("the partner is due on the hold's last day")
	}
	at("2027-07-01")
	if d := findDue(dueList(t, db), c.ID); d == nil || d.KeptUntil != "2027-06-30" {
		t.Fatalf("the partner after the hold: %+v", d)
	}

	// The lead sets 24 months: the partner is due on 31 January 2028 instead.
	rule, err := db.SetRetentionRule(ctx, involve.RetentionRule{RecordKind: involve.RetainContributor, Period: 24,
		Unit: involve.UnitMonths, Anchor: involve.AnchorAgreementEnd, AutoErase: true})
	if err != nil {
		t.Fatal(err)
	}
	if rule.SetAt != "2027-07-01T09:00:00.000Z" {
		t.Errorf("set at %q", rule.SetAt)
	}
	if findDue(dueList(t, db), c.ID) != nil {
		t.Error("due under the default after the lead set 24 months")
	}
	at("2028-02-01")
	if d := findDue(dueList(t, db), c.ID); d == nil || d.DueOn != "2028-01-31" || !d.AutoErase {
		t.Fatalf("the partner under the lead's rule: %+v", d)
	}
	// A second change edits the same rule rather than making another.
	if _, err := db.SetRetentionRule(ctx, involve.RetentionRule{RecordKind: involve.RetainContributor, Period: 36,
		Unit: involve.UnitMonths, Anchor: involve.AnchorAgreementEnd}); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, db, "docs WHERE entity = 'retention_rule'"); n != 1 {
		t.Errorf("%d rule records, want 1", n)
	}
	sched, _ = db.RetentionSchedule(ctx)
	if sched[0].IsDefault || sched[0].Period != 36 || sched[0].SetAt == "" {
		t.Errorf("schedule after the change: %+v", sched[0])
	}

	// Locked: the list still works and names nobody.
	db.Lock()
	due = dueList(t, db)
	for _, d := range due {
		if strings.Contains(d.Title, "Zorbic") || strings.Contains(d.Title, "sealed1.") {
			t.Errorf("locked due list shows %q", d.Title)
		}
	}
	if findDue(due, entry.ID) != nil {
		t.Error("the time entry is due before 6 years after its tax year")
	}
}

// TestRetentionLeadOnly: a staff laptop, a capture laptop and a laptop with no team
// cannot change the schedule or keep a record (EFORBIDDEN), and nothing is queued.
func TestRetentionLeadOnly(t *testing.T) {
	ctx := context.Background()
	for _, role := range []string{"", "staff", "capture"} {
		db := storetest.Open(t)
		if role != "" {
			setLocalRole(t, db, role)
		}
		_, err := db.SetRetentionRule(ctx, involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 60, Unit: involve.UnitDays, Anchor: involve.AnchorDeletion})
		if code(err) != involve.EFORBIDDEN || !strings.Contains(err.Error(), "Only a lead laptop") {
			t.Errorf("%q laptop sets a rule: %v", role, err)
		}
		_, err = db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntityProject, RecordID: "p1",
			RecordKind: involve.RetainDeleted, Until: "2099-01-01", Reason: "Audit"})
		if code(err) != involve.EFORBIDDEN {
			t.Errorf("%q laptop keeps a record: %v", role, err)
		}
		if n := countRows(t, db, "docs WHERE entity LIKE 'retention%'") + countRows(t, db, "outbox WHERE entity LIKE 'retention%'"); n != 0 {
			t.Errorf("%q laptop stored or queued %d rows", role, n)
		}
		if s, _ := db.RetentionSchedule(ctx); !s[6].IsDefault || s[6].Period != 30 {
			t.Errorf("%q laptop: schedule changed: %+v", role, s[6])
		}
	}
}

// TestRetentionHoldPulled: a hold pulled from the server (its reason sealed) is stored
// sealed as it came (checking it opens a copy, never the record itself), and hides its
// record from the due list.
func TestRetentionHoldPulled(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	k := storetest.InstallTeamKey(t, db)
	connect(t, db)
	h := &involve.RetentionHold{RecordEntity: involve.EntitySession, RecordID: newID(), RecordKind: involve.RetainDeleted,
		Until: "2099-01-01", Reason: "Zorbicreason: under audit", SetBy: "Lead"}
	h.ID, h.CreatedAt, h.UpdatedAt = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z"
	if tl := pullPage(t, db, "staff", "1", sealedPulled(t, k, involve.EntityRetentionHold, h, 100, 1)); tl.Written != 1 {
		t.Fatalf("pull: %+v", tl)
	}
	if n := countRows(t, db, "docs WHERE entity = 'retention_hold' AND state LIKE '%sealed1.%'"); n != 1 {
		t.Errorf("%d sealed holds stored, want 1", n)
	}
	if n := countRows(t, db, "docs WHERE state LIKE '%Zorbicreason%'"); n != 0 {
		t.Error("the pulled hold's reason is stored in plain text")
	}
	got, err := db.FindDoc(ctx, involve.EntityRetentionHold, h.ID)
	if err != nil || got.(*involve.RetentionHold).Reason != h.Reason {
		t.Errorf("the hold opened: %+v %v", got, err)
	}
}

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

// TestEraseDue: a lead sets partners' details and feedback free text to be erased
// automatically; with the clock moved past their periods, EraseDue erases the partner
// and the comment that are due, leaves the one a hold keeps and the kinds without an
// erasure (attendee profiles) listed, does nothing on a staff laptop or while locked,
// and the erased records leave the due list.
func TestEraseDue(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	setLocalRole(t, db, "lead")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }

	mustRate(t, db, involve.UnitHour, 2500, "2026-01-01", "")
	partner := func(name string) *involve.Contributor {
		c, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: name, PaymentPreference: "payroll",
			AgreementStart: "2026-01-01", AgreementEnd: "2026-11-20"}, lepConsent())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	due, held := partner("Zorbicdue Person"), partner("Zorbicheld Person")
	if _, err := db.KeepUntil(ctx, involve.RetentionHold{RecordEntity: involve.EntityContributor, RecordID: held.ID,
		RecordKind: involve.RetainContributor, Until: "2031-01-01", Reason: "Complaint open"}); err != nil {
		t.Fatal(err)
	}
	sess, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-11-20", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: sess.ID, Text: "Qwixtrel's words", Source: "comment_card"})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{involve.RetainContributor, involve.RetainFeedbackText, involve.RetainAttendee} {
		r := *involve.DefaultRule(kind)
		r.Period, r.Unit, r.AutoErase = 1, involve.UnitMonths, true
		if _, err := db.SetRetentionRule(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.CreateAttendee(ctx, involve.Attendee{SessionID: sess.ID}); err != nil {
		t.Fatal(err)
	}

	// Nothing due yet... then, months later, on a staff laptop or locked: nothing erased.
	if done, skipped, err := db.EraseDue(ctx); err != nil || skipped || len(done) != 0 {
		t.Fatalf("nothing is due yet: %d erased, skipped %v, %v", len(done), skipped, err)
	}
	now = time.Date(2027, 6, 1, 9, 0, 0, 0, time.UTC)
	setLocalRole(t, db, "staff")
	if done, skipped, err := db.EraseDue(ctx); err != nil || !skipped || len(done) != 0 {
		t.Fatalf("a staff laptop erased %d (skipped %v): %v", len(done), skipped, err)
	}
	setLocalRole(t, db, "lead")

	done, skipped, err := db.EraseDue(ctx)
	if err != nil || skipped || len(done) != 2 {
		t.Fatalf("erased %d, skipped %v: %v", len(done), skipped, err)
	}
	got := map[string]bool{}
	for _, r := range done {
		got[r.Erasure.SubjectID] = true
	}
	if !got[due.ID] || !got[fb.ID] || got[held.ID] {
		t.Errorf("erased %v; want the due partner %s and the comment %s, not the held partner", got, due.ID, fb.ID)
	}
	c, err := db.FindContributor(ctx, due.ID)
	if err != nil || !c.Contributor.Erased() {
		t.Errorf("the due partner is not erased: %+v %v", c.Contributor, err)
	}
	if h, err := db.FindContributor(ctx, held.ID); err != nil || h.Contributor.Erased() || h.Name != "Zorbicheld Person" {
		t.Errorf("the held partner was touched: %+v %v", h.Contributor, err)
	}
	list := dueList(t, db)
	if findDue(list, due.ID) != nil || findDue(list, fb.ID) != nil {
		t.Errorf("erased records are still due: %+v", list)
	}
	attendees := 0
	for _, d := range list {
		if d.Entity == involve.EntityAttendee {
			attendees++
		}
	}
	if attendees != 1 {
		t.Errorf("%d attendee profiles due, want the one (no erasure exists for them: listed for review)", attendees)
	}
	// A second run has nothing left to do.
	if again, _, err := db.EraseDue(ctx); err != nil || len(again) != 0 {
		t.Errorf("second run erased %d: %v", len(again), err)
	}
}

package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

func fieldsOf(err error) map[string]string {
	m := map[string]string{}
	for _, f := range involve.ErrorFields(err) {
		m[f.Field] = f.Message
	}
	return m
}

func lepConsent() *involve.Consent {
	return &involve.Consent{Purposes: []string{"analysis", "payments", "recontact", "quotes"}, LawfulBasis: "consent",
		NoticeVersion: "LEP notice v3", Method: "written", GivenAt: "2026-01-10", GivenBy: "Themselves"}
}

func mustContributor(tb testing.TB, db *store.DB, name string) (*involve.Contributor, *involve.Consent) {
	tb.Helper()
	c, k, err := db.CreateContributor(context.Background(), &involve.Contributor{Name: name, PaymentPreference: "payroll"}, lepConsent())
	if err != nil {
		tb.Fatal(err)
	}
	return c, k
}

func mustRate(tb testing.TB, db *store.DB, unit string, pence int64, from, to string) *involve.RateCard {
	tb.Helper()
	r, err := db.CreateRateCard(context.Background(), &involve.RateCard{Unit: unit, AmountPence: pence, Source: "Policy", EffectiveFrom: from, EffectiveTo: to})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestContributorNeedsConsent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	t.Run("ErrConsentMissing", func(t *testing.T) {
		_, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Sam"}, &involve.Consent{})
		f := fieldsOf(err)
		if f["consent.purposes"] == "" || f["consent.lawfulBasis"] == "" || f["consent.givenAt"] == "" {
			t.Fatalf("got %v", f)
		}
		if list, _ := db.FindContributors(ctx); len(list) != 0 {
			t.Fatalf("a contributor was stored without consent: %+v", list)
		}
	})
	t.Run("CreatedTogether", func(t *testing.T) {
		before := len(pending(t, db))
		c, k := mustContributor(t, db, "Sam Jones")
		if c.Number != 1 || k.SubjectID != c.ID || k.SubjectEntity != "contributor" {
			t.Fatalf("%+v %+v", c, k)
		}
		p := pending(t, db)
		// the consent goes first: the server refuses a new contributor without one
		if len(p) != before+2 || p[len(p)-2].Entity != "consent" || p[len(p)-1].Entity != "contributor" {
			t.Fatalf("outbox %+v", p)
		}
		c2, _ := mustContributor(t, db, "Alex")
		if c2.Number != 2 {
			t.Fatalf("number %d", c2.Number)
		}
		v, err := db.FindContributor(ctx, c.ID)
		if err != nil || v.Withdrawn || !v.CanRecontact || !v.CanQuote || v.CanUsePhotos || v.Consents != 1 {
			t.Fatalf("%+v %v", v, err)
		}
	})
}

func TestWithdrawContributorConsent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustRate(t, db, "hour", 2000, "2026-01-01", "")
	c, k := mustContributor(t, db, "Priya Shah")
	c.ContactDetails = "priya@example.org"
	e, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: c.ID, Task: "Read papers", Date: "2026-02-01", MinutesPrep: 60})
	if err != nil {
		t.Fatal(err)
	}
	w, err := db.WithdrawConsent(ctx, k.ID)
	if err != nil || w.WithdrawnAt == "" {
		t.Fatal(err, w)
	}
	v, err := db.FindContributor(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Withdrawn || v.Name != "Contributor 1" || v.CanRecontact || v.CanQuote || len(v.Purposes) != 0 {
		t.Fatalf("after withdrawal: %+v", v)
	}
	list, _ := db.FindContributors(ctx)
	if len(list) != 1 || list[0].Name != "Contributor 1" {
		t.Fatalf("list %+v", list)
	}
	// payments stay
	es, _ := db.FindTimeEntries(ctx, c.ID)
	if len(es) != 1 || es[0].ID != e.ID || es[0].FeeDuePence != 2000 {
		t.Fatalf("entries %+v", es)
	}
	tot, _ := db.LEPTotals(ctx, "", "")
	if len(tot.ByContributor) != 1 || tot.ByContributor[0].Label != "Contributor 1" || strings.Contains(tot.ByContributor[0].Pseudonym, "Priya") {
		t.Fatalf("totals %+v", tot.ByContributor)
	}
	// details can no longer be changed; new consent brings them back
	if _, err := db.UpdateContributor(ctx, c.ID, nil, &involve.Contributor{Name: "x"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("edit after withdrawal: %v", err)
	}
	again := lepConsent()
	again.SubjectEntity, again.SubjectID = "contributor", c.ID
	if _, err := db.AddConsent(ctx, again); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.FindContributor(ctx, c.ID); v.Withdrawn || v.Name != "Priya Shah" || v.Consents != 2 {
		t.Fatalf("after new consent %+v", v)
	}
	// the new consent goes to the server before the contributor it brings back (whose
	// entry waited from before): the server refuses the other order pushed one by one
	at := map[string]int{}
	for i, p := range pending(t, db) {
		at[p.RecordID] = i + 1
	}
	if at[again.ID] == 0 || at[c.ID] == 0 || at[again.ID] > at[c.ID] {
		t.Fatalf("outbox order: consent at %d, contributor at %d", at[again.ID], at[c.ID])
	}
	// withdrawing twice changes nothing
	n := len(pending(t, db))
	if _, err := db.WithdrawConsent(ctx, k.ID); err != nil || len(pending(t, db)) != n {
		t.Fatalf("second withdrawal: %v", err)
	}
}

func TestWithdrawQuoteConsent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	s := mustSession(t, db, "Stall")
	f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The bus never comes", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	connect(t, db) // pending changes from here on are what the next sync sends
	k, err := db.WithdrawQuoteConsent(ctx, f.ID)
	if err != nil || !k.Withdrawn() || k.SubjectID != f.ID || !k.HasPurpose("quotes") {
		t.Fatalf("%+v %v", k, err)
	}
	got, _ := db.FindFeedbackByID(ctx, f.ID)
	if got.QuoteConsent || got.Rev <= f.Rev {
		t.Fatalf("feedback after withdrawal %+v", got)
	}
	var sawFeedback bool
	for _, p := range pending(t, db) {
		if p.Entity == "feedback" && p.RecordID == f.ID && p.Rev == got.Rev {
			sawFeedback = true
		}
	}
	if !sawFeedback {
		t.Fatalf("no outbox entry for the feedback edit: %+v", pending(t, db))
	}
	if cs, _ := db.FindConsents(ctx, f.ID); len(cs) != 1 {
		t.Fatalf("consents %+v", cs)
	}

	t.Run("RecordedConsentWithdrawnDirectly", func(t *testing.T) {
		f2, _ := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Lovely staff", QuoteConsent: true})
		k2, err := db.AddConsent(ctx, &involve.Consent{SubjectEntity: "feedback", SubjectID: f2.ID, Purposes: []string{"quotes"},
			LawfulBasis: "consent", NoticeVersion: "Card v1", Method: "written", GivenAt: "2026-03-01", GivenBy: "Respondent"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.WithdrawConsent(ctx, k2.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindFeedbackByID(ctx, f2.ID); got.QuoteConsent {
			t.Fatal("quote consent still on")
		}
	})
}

func TestRateCardsAndFees(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	old := mustRate(t, db, "hour", 2000, "2025-04-01", "2026-03-31")
	t.Run("ErrOverlap", func(t *testing.T) {
		_, err := db.CreateRateCard(ctx, &involve.RateCard{Unit: "hour", AmountPence: 2500, Source: "x", EffectiveFrom: "2026-03-01"})
		if !strings.Contains(fieldsOf(err)["effectiveFrom"], "overlap") {
			t.Fatalf("got %v", err)
		}
		if cs, _ := db.FindRateCards(ctx); len(cs) != 1 {
			t.Fatalf("overlapping card stored: %d", len(cs))
		}
	})
	cur := mustRate(t, db, "hour", 2500, "2026-04-01", "")
	t.Run("ErrOverlapByEdit", func(t *testing.T) {
		loaded := *old
		edited := *old
		edited.EffectiveTo = "2026-04-30"
		if _, err := db.UpdateRateCard(ctx, old.ID, &loaded, &edited); !strings.Contains(fieldsOf(err)["effectiveFrom"], "overlap") {
			t.Fatalf("got %v", err)
		}
	})
	c, _ := mustContributor(t, db, "Jo")
	p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Diabetes pathway"})
	if err != nil {
		t.Fatal(err)
	}
	entry := func(date string) *involve.TimeEntry {
		return &involve.TimeEntry{ContributorID: c.ID, ProjectID: p.ID, Task: "Steering group", Date: date, MinutesAttend: 90, MinutesTravel: 30}
	}
	before, err := db.CreateTimeEntry(ctx, entry("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	after, err := db.CreateTimeEntry(ctx, entry("2026-04-01"))
	if err != nil {
		t.Fatal(err)
	}
	if before.RateCardID != old.ID || before.FeePence != 4000 || after.RateCardID != cur.ID || after.FeePence != 5000 {
		t.Fatalf("fees: before %s %d, after %s %d", before.RateCardID, before.FeePence, after.RateCardID, after.FeePence)
	}
	if before.Route != "payroll" {
		t.Fatalf("route from the payment preference: %q", before.Route)
	}
	t.Run("ErrNoRate", func(t *testing.T) {
		_, err := db.CreateTimeEntry(ctx, entry("2024-01-01"))
		if !strings.Contains(fieldsOf(err)["date"], "1 January 2024") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("EditRecomputes", func(t *testing.T) {
		loaded := *before
		edited := *before
		edited.Date = "2026-04-02"
		got, err := db.UpdateTimeEntry(ctx, before.ID, &loaded, &edited)
		if err != nil || got.FeePence != 5000 || got.RateCardID != cur.ID {
			t.Fatalf("%+v %v", got, err)
		}
		loaded, edited = *got, *got
		edited.Date = "2026-03-31"
		if got, _ = db.UpdateTimeEntry(ctx, before.ID, &loaded, &edited); got.FeePence != 4000 {
			t.Fatalf("back: %d", got.FeePence)
		}
	})
	t.Run("ErrOverrideNeedsReason", func(t *testing.T) {
		e := entry("2026-04-03")
		v := int64(100)
		e.FeeOverridePence = &v
		if _, err := db.CreateTimeEntry(ctx, e); fieldsOf(err)["overrideReason"] == "" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("PreviewFee", func(t *testing.T) {
		fp, err := db.PreviewFee(ctx, entry("2026-04-05"))
		if err != nil || fp.FeePence != 5000 || fp.RatePence != 2500 || fp.Problem != "" || !strings.Contains(fp.RateTitle, "£25.00 per hour") {
			t.Fatalf("%+v %v", fp, err)
		}
		fp, err = db.PreviewFee(ctx, entry("2020-01-01"))
		if err != nil || !strings.Contains(fp.Problem, "1 January 2020") {
			t.Fatalf("%+v %v", fp, err)
		}
	})
	t.Run("DeclinesPayment", func(t *testing.T) {
		d, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Kim", DeclinesPayment: true}, lepConsent())
		if err != nil {
			t.Fatal(err)
		}
		e := entry("2026-04-05")
		e.ContributorID = d.ID
		got, err := db.CreateTimeEntry(ctx, e)
		if err != nil || got.Route != "declined" || got.FeeDue() != 0 {
			t.Fatalf("%+v %v", got, err)
		}
	})
	t.Run("Totals", func(t *testing.T) {
		e := entry("2026-05-10")
		e.ExpensesPence, e.ReceiptRef = 640, "R-1"
		e.ClaimedOn, e.ApprovedOn, e.PaidOn = "2026-05-10", "2026-05-12", "2026-05-30"
		if _, err := db.CreateTimeEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
		e = entry("2026-05-11")
		e.ClaimedOn, e.ApprovedOn, e.PaidOn = "2026-05-11", "2026-05-11", "2026-05-15"
		if _, err := db.CreateTimeEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
		tot, err := db.LEPTotals(ctx, "2026-04-01", "2026-05-31")
		if err != nil {
			t.Fatal(err)
		}
		// 2026-04-01 (Jo, 5000), Kim's declined (0), two in May (5000 each)
		if tot.All.Entries != 4 || tot.All.FeesPence != 15000 || tot.All.ExpensesPence != 640 || tot.All.Minutes != 480 {
			t.Fatalf("all %+v", tot.All)
		}
		if tot.All.PaidClaims != 2 || tot.All.MedianDaysToPay != 12 || tot.All.MaxDaysToPay != 20 {
			t.Fatalf("days %+v", tot.All)
		}
		if len(tot.ByMonth) != 2 || tot.ByMonth[0].Label != "April 2026" || tot.ByMonth[1].FeesPence != 10000 {
			t.Fatalf("months %+v", tot.ByMonth)
		}
		if len(tot.ByProject) != 1 || tot.ByProject[0].Label != "Diabetes pathway" {
			t.Fatalf("projects %+v", tot.ByProject)
		}
		if len(tot.ByContributor) != 2 || tot.ByContributor[0].Label != "Jo" || tot.ByContributor[0].Pseudonym != "Contributor 1" {
			t.Fatalf("contributors %+v", tot.ByContributor)
		}
		var n int
		if err := db.EachTimeEntry(ctx, func(*involve.TimeEntry) error { n++; return nil }); err != nil || n != 5 {
			t.Fatalf("EachTimeEntry %d %v", n, err)
		}
	})
}

func TestWriteDocsRollsBack(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	before := len(pending(t, db))
	err := db.WriteDocs(ctx, func(w *store.DocTx) error {
		if _, err := w.Create(&involve.RateCard{Unit: "task", AmountPence: 500, Source: "x", EffectiveFrom: "2026-01-01"}); err != nil {
			return err
		}
		_, err := w.Create(&involve.RateCard{Unit: "task"}) // invalid: the first is rolled back too
		return err
	})
	if involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("got %v", err)
	}
	if cs, _ := db.FindRateCards(ctx); len(cs) != 0 || len(pending(t, db)) != before {
		t.Fatalf("not rolled back: %d cards", len(cs))
	}
}

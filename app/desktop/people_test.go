package desktop_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

func TestPeopleFacade(t *testing.T) {
	a, rt, _ := newLockedApp(t)
	consent := involve.Consent{Purposes: []string{"analysis", "payments", "recontact"}, LawfulBasis: "consent",
		NoticeVersion: "v1", Method: "verbal", GivenAt: "2026-01-02", GivenBy: "Themselves"}

	t.Run("ErrConsentFieldsPrefixed", func(t *testing.T) {
		_, err := a.CreateContributor(desktop.NewContributor{Contributor: involve.Contributor{Name: "Lee"}})
		var names []string
		for _, f := range involve.ErrorFields(err) {
			names = append(names, f.Field)
		}
		if !strings.Contains(strings.Join(names, ","), "consent.purposes") {
			t.Fatalf("fields %v", names)
		}
	})

	before := rt.count(desktop.EventDataChanged)
	v, err := a.CreateContributor(desktop.NewContributor{Contributor: involve.Contributor{Name: "Lee Smith"}, Consent: consent})
	if err != nil || v.Name != "Lee Smith" || !v.CanRecontact || v.Number != 1 {
		t.Fatalf("%+v %v", v, err)
	}
	if rt.count(desktop.EventDataChanged) <= before {
		t.Fatal("no data:changed")
	}
	if _, err := a.CreateRateCard(involve.RateCard{Unit: "hour", AmountPence: 2000, Source: "Policy 2025", EffectiveFrom: "2025-04-01", EffectiveTo: "2026-03-31"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateRateCard(involve.RateCard{Unit: "hour", AmountPence: 2500, Source: "Policy 2026", EffectiveFrom: "2026-04-01"}); err != nil {
		t.Fatal(err)
	}
	if cs, _ := a.ListRateCards(); len(cs) != 2 || cs[0].AmountPence != 2500 {
		t.Fatalf("cards %+v", cs)
	}
	entry := involve.TimeEntry{ContributorID: v.ID, Task: "Panel", Date: "2026-03-31", MinutesAttend: 60}
	fp, err := a.PreviewFee(entry)
	if err != nil || fp.FeePence != 2000 {
		t.Fatalf("preview %+v %v", fp, err)
	}
	e1, err := a.CreateTimeEntry(entry)
	if err != nil {
		t.Fatal(err)
	}
	entry.Date = "2026-04-01"
	e2, err := a.CreateTimeEntry(entry)
	if err != nil || e1.FeePence != 2000 || e2.FeePence != 2500 {
		t.Fatalf("fees %d %d %v", e1.FeePence, e2.FeePence, err)
	}
	log, err := a.ListTimeEntries(v.ID)
	if err != nil || len(log) != 2 || log[0].Date != "2026-04-01" {
		t.Fatalf("log %+v %v", log, err)
	}
	tot, err := a.GetLEPTotals("", "")
	if err != nil || tot.All.FeesPence != 4500 || len(tot.ByMonth) != 2 {
		t.Fatalf("totals %+v %v", tot, err)
	}

	ks, err := a.ListConsents(v.ID)
	if err != nil || len(ks) != 1 {
		t.Fatalf("consents %+v %v", ks, err)
	}
	if _, err := a.WithdrawConsent(ks[0].ID); err != nil {
		t.Fatal(err)
	}
	list, _ := a.ListContributors()
	if len(list) != 1 || list[0].Name != "Contributor 1" || !list[0].Withdrawn || list[0].CanRecontact {
		t.Fatalf("after withdrawal %+v", list)
	}

	t.Run("WithdrawQuoteConsent", func(t *testing.T) {
		s, _ := a.CreateSession(involve.SessionInput{Title: "Stall", Date: "2026-11-24", Type: "outreach_stall"})
		f, _ := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "Quote me", QuoteConsent: true})
		k, err := a.WithdrawQuoteConsent(f.ID)
		if err != nil || k.WithdrawnAt == "" {
			t.Fatal(k, err)
		}
		fs, _ := a.ListFeedback(s.ID)
		if fs[0].QuoteConsent {
			t.Fatal("quote consent still on")
		}
	})
}

package involve_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func TestCheckContributorConsent(t *testing.T) {
	c := &involve.Contributor{Name: "Sam"}
	c.ID = "c1"
	consent := func(subject string, withdrawn, deleted bool) *involve.Consent {
		k := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: subject}
		if withdrawn {
			k.WithdrawnAt = "2026-03-01T10:00:00.000Z"
		}
		if deleted {
			k.DeletedAt = "2026-03-02T10:00:00.000Z"
		}
		return k
	}
	withdrawn := *c
	withdrawn.ConsentWithdrawnAt = "2026-03-01T10:00:00.000Z"
	feedbackConsent := consent("c1", false, false)
	feedbackConsent.SubjectEntity = involve.EntityFeedback
	for _, tc := range []struct {
		name       string
		prev, next *involve.Contributor
		consents   []*involve.Consent
		field      string // "" no problem
	}{
		{"new without consent", nil, c, nil, "consent"},
		{"new with another's consent", nil, c, []*involve.Consent{consent("c2", false, false)}, "consent"},
		{"new with a feedback item's consent", nil, c, []*involve.Consent{feedbackConsent}, "consent"},
		{"new with consent", nil, c, []*involve.Consent{consent("c1", false, false)}, ""},
		{"new with withdrawn, deleted consent", nil, c, []*involve.Consent{consent("c1", true, true)}, ""},
		{"edit without consent", c, c, nil, ""},
		{"withdrawn, edited", &withdrawn, &withdrawn, []*involve.Consent{consent("c1", true, false)}, ""},
		{"shown again without live consent", &withdrawn, c, []*involve.Consent{consent("c1", true, false), consent("c1", false, true)}, "consentWithdrawnAt"},
		{"shown again with new consent", &withdrawn, c, []*involve.Consent{consent("c1", true, false), consent("c1", false, false)}, ""},
	} {
		err := involve.CheckContributorConsent(tc.prev, tc.next, tc.consents)
		fields := involve.ErrorFields(err)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (involve.ErrorCode(err) != involve.EINVALID || len(fields) != 1 || fields[0].Field != tc.field):
			t.Errorf("%s: %v, want EINVALID on %s", tc.name, err, tc.field)
		}
	}
	gone := *c
	gone.DeletedAt = "2026-03-01T10:00:00.000Z"
	if err := involve.CheckContributorConsent(nil, &gone, nil); err != nil {
		t.Errorf("a deleted contributor: %v", err)
	}
}

func TestCheckConsentChange(t *testing.T) {
	k := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: "c1"}
	moved := *k
	moved.SubjectID = "c2"
	if err := involve.CheckConsentChange(nil, k); err != nil {
		t.Errorf("new: %v", err)
	}
	if err := involve.CheckConsentChange(k, k); err != nil {
		t.Errorf("same subject: %v", err)
	}
	if err := involve.CheckConsentChange(k, &moved); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("moved: %v", err)
	}
}

func TestCheckFee(t *testing.T) {
	card := &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2000, EffectiveFrom: "2026-01-01", EffectiveTo: "2026-03-31"}
	card.ID = "r1"
	later := *card // the same card, its amount and end changed since
	later.AmountPence, later.EffectiveTo = 2200, "2026-02-28"
	entry := func() *involve.TimeEntry {
		e := &involve.TimeEntry{Date: "2026-03-10", Unit: involve.UnitHour, MinutesAttend: 90, Route: "payroll"}
		if err := e.ApplyFee([]*involve.RateCard{card}, false); err != nil {
			t.Fatal(err)
		}
		return e
	}
	states := []*involve.RateCard{card, &later}
	for _, tc := range []struct {
		name  string
		edit  func(e *involve.TimeEntry)
		field string
	}{
		{"as ApplyFee works it out", func(e *involve.TimeEntry) {}, ""},
		{"forged fee", func(e *involve.TimeEntry) { e.FeePence = 99999 }, "feePence"},
		{"forged rate", func(e *involve.TimeEntry) { e.RatePence, e.FeePence = 9000, 13500 }, "ratePence"},
		{"another unit", func(e *involve.TimeEntry) { e.Unit = involve.UnitDay; e.FeePence = 2000 }, "ratePence"},
		{"date no state covers", func(e *involve.TimeEntry) { e.Date = "2026-04-01" }, "date"},
		{"unknown card", func(e *involve.TimeEntry) { e.RateCardID = "r9" }, "ratePence"},
		{"override", func(e *involve.TimeEntry) { e.FeeOverridePence, e.OverrideReason = pence(9999), "Agreed" }, ""},
		{"declined", func(e *involve.TimeEntry) { e.Route, e.FeePence = involve.RouteDeclined, 0 }, ""},
		{"declined with a fee", func(e *involve.TimeEntry) { e.Route = involve.RouteDeclined }, "feePence"},
		{"declined, overridden", func(e *involve.TimeEntry) {
			e.Route, e.FeePence, e.FeeOverridePence = involve.RouteDeclined, 0, pence(10)
		}, "feeOverridePence"},
		{"no card, overridden", func(e *involve.TimeEntry) {
			e.RateCardID, e.RatePence, e.FeePence, e.FeeOverridePence = "", 0, 0, pence(2500)
		}, ""},
		{"no card, no override", func(e *involve.TimeEntry) { e.RateCardID, e.RatePence, e.FeePence = "", 0, 0 }, "date"},
		{"no card, a fee", func(e *involve.TimeEntry) { e.RateCardID, e.RatePence = "", 0 }, "feePence"},
	} {
		e := entry()
		tc.edit(e)
		err := involve.CheckFee(e, states)
		fields := involve.ErrorFields(err)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (involve.ErrorCode(err) != involve.EINVALID || len(fields) == 0 || fields[0].Field != tc.field):
			t.Errorf("%s: %v, want EINVALID on %s", tc.name, err, tc.field)
		}
	}
	// priced from the later state of the card
	e := &involve.TimeEntry{Date: "2026-02-10", Unit: involve.UnitHour, MinutesAttend: 30}
	if err := e.ApplyFee([]*involve.RateCard{&later}, false); err != nil || e.FeePence != 1100 {
		t.Fatal(err, e.FeePence)
	}
	if err := involve.CheckFee(e, states); err != nil {
		t.Errorf("priced from the later state: %v", err)
	}
}

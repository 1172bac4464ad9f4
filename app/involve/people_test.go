package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func pence(v int64) *int64 { return &v }

func TestFeeFor(t *testing.T) {
	for _, tc := range []struct {
		unit    string
		amount  int64
		minutes int
		want    int64
	}{
		{involve.UnitHour, 2500, 60, 2500},
		{involve.UnitHour, 2500, 90, 3750},
		{involve.UnitHour, 2500, 1, 42}, // 41.67 → 42
		{involve.UnitHour, 1, 30, 1},    // 0.5p rounds half up
		{involve.UnitHour, 1, 29, 0},    // 0.48p rounds down
		{involve.UnitHour, 2000, 0, 0},  // no time, no fee
		{involve.UnitHalfDay, 7500, 30, 7500},
		{involve.UnitHalfDay, 7500, 240, 7500},
		{involve.UnitHalfDay, 7500, 241, 15000},
		{involve.UnitDay, 15000, 480, 15000},
		{involve.UnitDay, 15000, 481, 30000},
		{involve.UnitTask, 5000, 0, 5000},
		{involve.UnitTask, 5000, 600, 5000},
	} {
		if got := involve.FeeFor(tc.unit, tc.amount, tc.minutes); got != tc.want {
			t.Errorf("FeeFor(%s, %d, %d) = %d, want %d", tc.unit, tc.amount, tc.minutes, got, tc.want)
		}
	}
}

func rateCards() []*involve.RateCard {
	return []*involve.RateCard{
		{Meta: involve.Meta{ID: "a"}, Unit: "hour", AmountPence: 2000, Source: "2025 policy", EffectiveFrom: "2025-04-01", EffectiveTo: "2026-03-31"},
		{Meta: involve.Meta{ID: "b"}, Unit: "hour", AmountPence: 2500, Source: "2026 policy", EffectiveFrom: "2026-04-01"},
		{Meta: involve.Meta{ID: "c"}, Unit: "day", AmountPence: 15000, Source: "2026 policy", EffectiveFrom: "2026-04-01"},
	}
}

func TestApplyFeeAcrossRateChange(t *testing.T) {
	cards := rateCards()
	entry := func(date string) *involve.TimeEntry {
		return &involve.TimeEntry{ContributorID: "c1", Task: "Review leaflet", Date: date, MinutesPrep: 30, MinutesAttend: 60}
	}
	before, after := entry("2026-03-31"), entry("2026-04-01")
	for _, e := range []*involve.TimeEntry{before, after} {
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
		if err := e.ApplyFee(cards, false); err != nil {
			t.Fatal(err)
		}
	}
	if before.RateCardID != "a" || before.FeePence != 3000 || before.FeeDue() != 3000 {
		t.Errorf("before the change: card %q fee %d, want a 3000", before.RateCardID, before.FeePence)
	}
	if after.RateCardID != "b" || after.FeePence != 3750 || after.RatePence != 2500 {
		t.Errorf("after the change: card %q fee %d, want b 3750", after.RateCardID, after.FeePence)
	}

	t.Run("ErrNoRateInForce", func(t *testing.T) {
		e := entry("2025-03-03")
		err := e.ApplyFee(cards, false)
		if msg := fields(err)["date"]; !strings.Contains(msg, "no hourly rate in force on 3 March 2025") {
			t.Fatalf("got %q (%v)", msg, err)
		}
		// an override needs no rate
		e.FeeOverridePence, e.OverrideReason = pence(1000), "Agreed flat fee"
		if err := e.ApplyFee(cards, false); err != nil || e.FeeDue() != 1000 {
			t.Fatalf("override without a rate: %v %d", err, e.FeeDue())
		}
	})
	t.Run("DeclinesPayment", func(t *testing.T) {
		e := entry("2026-05-01")
		e.FeeOverridePence, e.OverrideReason = pence(999), "x"
		if err := e.ApplyFee(cards, true); err != nil {
			t.Fatal(err)
		}
		if e.Route != "declined" || e.FeeDue() != 0 || e.FeeOverridePence != nil {
			t.Fatalf("declined: %+v", e)
		}
	})
	t.Run("DayUnit", func(t *testing.T) {
		e := entry("2026-06-01")
		e.Unit = "day"
		if err := e.ApplyFee(cards, false); err != nil || e.FeePence != 15000 || e.RateCardID != "c" {
			t.Fatalf("day: %v %+v", err, e)
		}
	})
}

func TestRateCardRules(t *testing.T) {
	cards := rateCards()
	t.Run("ErrOverlap", func(t *testing.T) {
		n := &involve.RateCard{Unit: "hour", AmountPence: 3000, Source: "x", EffectiveFrom: "2026-01-01", EffectiveTo: "2026-12-31"}
		if err := n.Validate(); err != nil {
			t.Fatal(err)
		}
		err := involve.CheckRateOverlap(n, cards)
		if msg := fields(err)["effectiveFrom"]; !strings.Contains(msg, "overlap") {
			t.Fatalf("got %q", msg)
		}
	})
	t.Run("OtherUnitOrAdjacentIsFine", func(t *testing.T) {
		n := &involve.RateCard{Unit: "half_day", AmountPence: 7000, Source: "x", EffectiveFrom: "2026-01-01"}
		if err := involve.CheckRateOverlap(n, cards); err != nil {
			t.Fatal(err)
		}
		edit := *cards[0] // the card itself is not an overlap
		edit.EffectiveTo = "2026-03-30"
		if err := involve.CheckRateOverlap(&edit, cards); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Validate", func(t *testing.T) {
		r := &involve.RateCard{Unit: "week", AmountPence: 0, EffectiveFrom: "2026-02-30", EffectiveTo: "2026-01-01"}
		f := fields(r.Validate())
		for _, k := range []string{"unit", "amountPence", "source", "effectiveFrom"} {
			if f[k] == "" {
				t.Errorf("no error for %s: %v", k, f)
			}
		}
		r = &involve.RateCard{Unit: "hour", AmountPence: 1, Source: "s", EffectiveFrom: "2026-02-01", EffectiveTo: "2026-01-01"}
		if fields(r.Validate())["effectiveTo"] == "" {
			t.Error("end before start accepted")
		}
	})
	t.Run("OverlapResolvedTheSameWayEverywhere", func(t *testing.T) {
		two := append(rateCards(), &involve.RateCard{Meta: involve.Meta{ID: "z"}, Unit: "hour", AmountPence: 9900, EffectiveFrom: "2026-04-01"})
		if got := involve.RateInForce(two, "hour", "2026-05-01"); got.ID != "z" {
			t.Fatalf("got %s", got.ID)
		}
	})
}

func TestTimeEntryValidate(t *testing.T) {
	ok := func() involve.TimeEntry {
		return involve.TimeEntry{ContributorID: "c", SessionID: "s", Date: "2026-04-02", MinutesAttend: 60}
	}
	t.Run("OK", func(t *testing.T) {
		e := ok()
		if err := e.Validate(); err != nil || e.Unit != "hour" {
			t.Fatal(err, e.Unit)
		}
	})
	t.Run("ErrOverrideNeedsReason", func(t *testing.T) {
		e := ok()
		e.FeeOverridePence = pence(1000)
		if fields(e.Validate())["overrideReason"] != "Enter why the fee is different from the rate card" {
			t.Fatal(e.Validate())
		}
	})
	t.Run("ErrDateOrder", func(t *testing.T) {
		e := ok()
		e.ClaimedOn, e.ApprovedOn, e.PaidOn = "2026-04-10", "2026-04-09", "2026-04-08"
		f := fields(e.Validate())
		if f["approvedOn"] == "" {
			t.Errorf("approved before claimed accepted: %v", f)
		}
		e.ApprovedOn = "2026-04-11"
		if f := fields(e.Validate()); f["paidOn"] != "Date paid must be the same as or after the date approved" {
			t.Errorf("paid before approved accepted: %v", f)
		}
		e = ok()
		e.PaidOn = "2026-04-20"
		if f := fields(e.Validate()); f["approvedOn"] == "" {
			t.Errorf("paid without approval accepted: %v", f)
		}
		e = ok()
		e.ClaimedOn = "2026-04-01"
		if f := fields(e.Validate()); f["claimedOn"] == "" {
			t.Errorf("claim before the work accepted: %v", f)
		}
		e = ok()
		e.ClaimedOn, e.ApprovedOn, e.PaidOn = "2026-04-02", "2026-04-05", "2026-04-30"
		if err := e.Validate(); err != nil {
			t.Fatal(err)
		}
		if d, ok := e.DaysClaimToPaid(); !ok || d != 28 {
			t.Errorf("days %d %v", d, ok)
		}
	})
	t.Run("ErrNeedsWork", func(t *testing.T) {
		e := involve.TimeEntry{ContributorID: "c", Date: "2026-04-02", ExpensesPence: 500}
		f := fields(e.Validate())
		for _, k := range []string{"task", "minutesAttend", "receiptRef"} {
			if f[k] == "" {
				t.Errorf("no error for %s: %v", k, f)
			}
		}
	})
}

func TestConsentValidate(t *testing.T) {
	c := involve.Consent{SubjectEntity: "contributor", SubjectID: "x", Purposes: []string{"analysis", "equality_monitoring"},
		LawfulBasis: "consent", NoticeVersion: "v2", Method: "written", GivenAt: "2026-01-05", GivenBy: "Themselves"}
	if f := fields(c.Validate()); f["specialCondition"] == "" {
		t.Fatalf("equality monitoring without an Article 9 condition: %v", f)
	}
	c.SpecialCondition = "explicit_consent"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.WithdrawnAt = "2026-01-04T10:00:00.000Z"
	if f := fields(c.Validate()); f["withdrawnAt"] == "" {
		t.Fatalf("withdrawn before given: %v", f)
	}
	empty := involve.Consent{}
	f := fields(empty.Validate())
	for _, k := range []string{"subjectEntity", "subjectId", "purposes", "lawfulBasis", "noticeVersion", "method", "givenAt", "givenBy"} {
		if f[k] == "" {
			t.Errorf("no error for %s", k)
		}
	}
}

func TestContributorPseudonym(t *testing.T) {
	c := involve.Contributor{Name: "Ada Lovelace", ContactDetails: "ada@example.org", AccessNeeds: "Step-free", Number: 7,
		LivedExperience: []string{"Diabetes"}}
	if err := c.Validate(); err != nil || c.Title() != "Ada Lovelace" {
		t.Fatal(err, c.Title())
	}
	c.ConsentWithdrawnAt = "2026-05-01T00:00:00.000Z"
	p := c.Pseudonymised()
	if c.Title() != "Contributor 7" || p.Name != "Contributor 7" || p.ContactDetails != "" || p.AccessNeeds != "" || len(p.LivedExperience) != 0 {
		t.Fatalf("pseudonymised %+v", p)
	}
	d := involve.Contributor{Name: " ", DeclinesPayment: true, AgreementStart: "2026-02-01", AgreementEnd: "2026-01-01"}
	f := fields(d.Validate())
	if f["name"] == "" || f["agreementEnd"] == "" || d.PaymentPreference != "declined" {
		t.Fatalf("%v %+v", f, d)
	}
}

func TestPounds(t *testing.T) {
	for in, want := range map[int64]string{0: "£0.00", 5: "£0.05", 2550: "£25.50", 123456789: "£1,234,567.89"} {
		if got := involve.Pounds(in); got != want {
			t.Errorf("Pounds(%d) = %q, want %q", in, got, want)
		}
	}
}

package involve_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// Every kind of the schedule has one default with a source and an anchor it allows.
func TestRetentionDefaults(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range involve.RetentionDefaults {
		if seen[d.RecordKind] {
			t.Errorf("%s: two defaults", d.RecordKind)
		}
		seen[d.RecordKind] = true
		r := involve.DefaultRule(d.RecordKind)
		r.SetAt = "2026-01-01T00:00:00Z"
		if err := r.Validate(); err != nil || d.Source == "" {
			t.Errorf("%s: default %+v: %v (source %q)", d.RecordKind, d, err, d.Source)
		}
	}
	for _, k := range involve.RetentionKinds {
		if !seen[k.Code] {
			t.Errorf("%s: no default", k.Code)
		}
	}
	if len(seen) != len(involve.RetentionKinds) {
		t.Errorf("%d defaults for %d kinds", len(seen), len(involve.RetentionKinds))
	}
	if d := involve.DefaultRule(involve.RetainTimeEntry); d.Period != 6 || d.Unit != involve.UnitYears || d.Anchor != involve.AnchorTaxYearEnd {
		t.Errorf("payment records: %+v, want 6 years after the end of the tax year (HMRC)", d)
	}
	if d := involve.DefaultRule(involve.RetainDeleted); d.Period != 30 || d.Unit != involve.UnitDays {
		t.Errorf("deleted records: %+v, want 30 days", d)
	}
}

func TestRetentionDates(t *testing.T) {
	for _, c := range []struct {
		n          int
		unit, from string
		want       string
	}{
		{30, involve.UnitDays, "2026-01-15", "2026-02-14"},
		{1, involve.UnitMonths, "2026-01-31", "2026-02-28"},
		{12, involve.UnitMonths, "2024-02-29", "2025-02-28"},
		{6, involve.UnitYears, "2020-04-05", "2026-04-05"},
		{6, involve.UnitYears, "2020-04-05T10:00:00.000Z", "2026-04-05"},
		{6, involve.UnitYears, "not a date", ""},
	} {
		r := &involve.RetentionRule{Period: c.n, Unit: c.unit}
		if got := r.DueDate(c.from); got != c.want {
			t.Errorf("%d %s from %s: %q, want %q", c.n, c.unit, c.from, got, c.want)
		}
	}
	for date, want := range map[string]string{"2026-04-05": "2026-04-05", "2026-04-06": "2027-04-05", "2026-01-10": "2026-04-05"} {
		if got := involve.TaxYearEnd(date); got != want {
			t.Errorf("tax year of %s ends %s, want %s", date, got, want)
		}
	}
}

func TestRetentionRuleValidate(t *testing.T) {
	ok := involve.RetentionRule{RecordKind: "consent", Period: 6, Unit: "years", Anchor: "consent_given", SetAt: "2026-01-01T00:00:00Z"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		edit  func(*involve.RetentionRule)
		field string
	}{
		"kind":   {func(r *involve.RetentionRule) { r.RecordKind = "cats" }, "recordKind"},
		"zero":   {func(r *involve.RetentionRule) { r.Period = 0 }, "period"},
		"long":   {func(r *involve.RetentionRule) { r.Period = 101 }, "period"},
		"unit":   {func(r *involve.RetentionRule) { r.Unit = "weeks" }, "unit"},
		"anchor": {func(r *involve.RetentionRule) { r.Anchor = "session" }, "anchor"},
	} {
		r := ok
		c.edit(&r)
		if err := r.Validate(); !hasField(err, c.field) {
			t.Errorf("%s: %v, want a problem with %s", name, err, c.field)
		}
	}
	h := involve.RetentionHold{RecordEntity: "contributor", RecordID: "x", RecordKind: "contributor", Until: "2030-01-01", Reason: "sealed1.abc"}
	if err := h.Validate(); !hasField(err, "reason") {
		t.Errorf("a plain reason in the sealed form: %v", err)
	}
}

func hasField(err error, field string) bool {
	e, ok := err.(*involve.Error)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// The rule set last wins, whichever laptop made it; only a lead may change either kind.
func TestEffectiveRulesAndMayEdit(t *testing.T) {
	a := &involve.RetentionRule{Meta: involve.Meta{ID: "a"}, RecordKind: "consent", Period: 1, SetAt: "2026-01-02T00:00:00Z"}
	b := &involve.RetentionRule{Meta: involve.Meta{ID: "b"}, RecordKind: "consent", Period: 2, SetAt: "2026-01-01T00:00:00Z"}
	gone := &involve.RetentionRule{Meta: involve.Meta{ID: "c", DeletedAt: "x"}, RecordKind: "consent", Period: 3, SetAt: "2026-01-03T00:00:00Z"}
	if got := involve.EffectiveRules([]*involve.RetentionRule{b, gone, a})["consent"]; got != a {
		t.Errorf("effective rule %+v, want the one set last", got)
	}
	for _, e := range []string{involve.EntityRetentionRule, involve.EntityRetentionHold} {
		if involve.MayEdit(involve.RoleStaff, e, "") || involve.MayEdit(involve.RoleCapture, e, "") || !involve.MayEdit(involve.RoleLead, e, "") {
			t.Errorf("%s: only a lead may change it", e)
		}
	}
	if !involve.MayHold(involve.RoleCapture, involve.EntityRetentionRule, "") || involve.MayHold(involve.RoleCapture, involve.EntityRetentionHold, "") {
		t.Error("every laptop holds the schedule; a hold's reason may identify a person")
	}
	if !involve.MayEdit(involve.RoleStaff, involve.EntityContributor, "") {
		t.Error("staff edit partners")
	}
}

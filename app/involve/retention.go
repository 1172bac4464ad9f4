package involve

import (
	"sort"
	"strconv"
	"time"
)

// The retention schedule (issue 13, docs/privacy.md "Retention"): how long each kind of
// record is kept, as a period counted from a named date. The schedule is data: one
// RetentionRule record per kind of record, synced as a team setting and changed only
// by a lead. A kind with no rule uses its default from RetentionDefaults, the one table
// of defaults (with their sources). A RetentionHold keeps a record off the list of
// records due for review until a date, for a recorded reason.

// Kinds of record the schedule covers (RetentionRule.RecordKind).
const (
	RetainContributor  = "contributor"   // a Lived Experience Partner's details
	RetainConsent      = "consent"       // consent records
	RetainTimeEntry    = "time_entry"    // time and payment entries
	RetainAttendee     = "attendee"      // anonymous attendee profiles
	RetainFeedbackText = "feedback_text" // the free text of feedback
	RetainSessionNotes = "session_notes" // a session's notes
	RetainDeleted      = "deleted"       // deleted records (tombstones)
	RetainAudit        = "audit"         // the server's audit entries
	RetainConflict     = "conflict"      // conflict records
)

// Dates a period is counted from (RetentionRule.Anchor).
const (
	AnchorLastPayment      = "last_payment"      // the last payment made to the partner
	AnchorAgreementEnd     = "agreement_end"     // the partner's agreement ends
	AnchorConsentWithdrawn = "consent_withdrawn" // consent is withdrawn
	AnchorConsentGiven     = "consent_given"     // consent was given
	AnchorTaxYearEnd       = "tax_year_end"      // the end of the tax year (5 April) of the payment, or of the work if unpaid
	AnchorPayment          = "payment"           // the payment, or the work if unpaid
	AnchorSession          = "session"           // the session
	AnchorDeletion         = "deletion"          // the record was deleted
	AnchorEntry            = "entry"             // the audit entry was written
	AnchorResolution       = "resolution"        // the conflict was resolved
)

// Units of a retention period.
const (
	UnitDays   = "days"
	UnitMonths = "months"
	UnitYears  = "years"
)

// RetentionKinds are the kinds of record the schedule covers, in the order shown.
var RetentionKinds = []RefItem{
	{Code: RetainContributor, Label: "Contributor details", Hint: "A Lived Experience Partner's name, contact details, access needs and lived experience"},
	{Code: RetainConsent, Label: "Consent records"},
	{Code: RetainTimeEntry, Label: "Time and payment entries"},
	{Code: RetainAttendee, Label: "Attendee profiles", Hint: "Anonymous equality monitoring answers"},
	{Code: RetainFeedbackText, Label: "Feedback free text"},
	{Code: RetainSessionNotes, Label: "Session notes"},
	{Code: RetainDeleted, Label: "Deleted records"},
	{Code: RetainAudit, Label: "Audit entries", Hint: "Kept by the sync server"},
	{Code: RetainConflict, Label: "Conflicts", Hint: "Records of two changes to the same field"},
}

// RetentionAnchors are the dates a kind's period may be counted from, the default's
// first. Labels complete "6 years …".
var RetentionAnchors = map[string][]RefItem{
	RetainContributor: {
		{Code: AnchorAgreementEnd, Label: "after the agreement ends"},
		{Code: AnchorLastPayment, Label: "after the last payment"},
		{Code: AnchorConsentWithdrawn, Label: "after consent is withdrawn"},
	},
	RetainConsent: {
		{Code: AnchorConsentWithdrawn, Label: "after consent is withdrawn"},
		{Code: AnchorConsentGiven, Label: "after consent was given"},
	},
	RetainTimeEntry: {
		{Code: AnchorTaxYearEnd, Label: "after the end of the tax year of the payment"},
		{Code: AnchorPayment, Label: "after the payment"},
	},
	RetainAttendee:     {{Code: AnchorSession, Label: "after the session"}},
	RetainFeedbackText: {{Code: AnchorSession, Label: "after the session"}},
	RetainSessionNotes: {{Code: AnchorSession, Label: "after the session"}},
	RetainDeleted:      {{Code: AnchorDeletion, Label: "after deletion"}},
	RetainAudit:        {{Code: AnchorEntry, Label: "after the entry is written"}},
	RetainConflict:     {{Code: AnchorResolution, Label: "after the conflict is resolved"}},
}

// RetentionUnits are the units of a period.
var RetentionUnits = []RefItem{{Code: UnitDays, Label: "days"}, {Code: UnitMonths, Label: "months"}, {Code: UnitYears, Label: "years"}}

// RetentionDefault is a kind's period when its team has set none, and where it comes
// from (docs/privacy.md shows this table).
type RetentionDefault struct {
	RecordKind string
	Period     int
	Unit       string
	Anchor     string
	Source     string
}

// RetentionDefaults is the one table of default periods. Nothing else in Involve holds
// a retention period: a team's RetentionRule records replace these.
var RetentionDefaults = []RetentionDefault{
	{RetainContributor, 12, UnitMonths, AnchorAgreementEnd,
		"Local decision under the NHS Records Management Code of Practice 2023; payment records are kept separately for HMRC"},
	{RetainConsent, 6, UnitYears, AnchorConsentWithdrawn,
		"Kept as long as the data it covers: the longest of those is payment records, 6 years (HMRC)"},
	{RetainTimeEntry, 6, UnitYears, AnchorTaxYearEnd,
		"HMRC: keep payment records for 6 years after the end of the tax year they relate to"},
	{RetainAttendee, 3, UnitYears, AnchorSession,
		"Local decision under the NHS Records Management Code of Practice 2023 (patient and public involvement records)"},
	{RetainFeedbackText, 3, UnitYears, AnchorSession,
		"Local decision under the NHS Records Management Code of Practice 2023 (patient and public involvement records)"},
	{RetainSessionNotes, 6, UnitYears, AnchorSession,
		"NHS Records Management Code of Practice 2023: corporate records of meetings"},
	{RetainDeleted, 30, UnitDays, AnchorDeletion, "Local decision: long enough to undo a mistaken deletion"},
	{RetainAudit, 6, UnitYears, AnchorEntry, "Local decision matching payment records (6 years)"},
	{RetainConflict, 90, UnitDays, AnchorResolution, "Local decision: long enough to check a resolved conflict"},
}

var retentionKindSet = codeSet(RetentionKinds)

// RetentionLabel names a kind of record of the schedule ("Consent records").
func RetentionLabel(kind string) string {
	for _, k := range RetentionKinds {
		if k.Code == kind {
			return k.Label
		}
	}
	return kind
}

// AnchorLabel completes a period: "after the session".
func AnchorLabel(kind, anchor string) string {
	for _, a := range RetentionAnchors[kind] {
		if a.Code == anchor {
			return a.Label
		}
	}
	return "after " + anchor
}

// RetentionRule is a team's period for one kind of record: Period Units counted from
// Anchor. Two leads may each make one for the same kind before they sync: the one
// set last wins everywhere (EffectiveRules).
type RetentionRule struct {
	Meta
	RecordKind string `json:"recordKind"`
	Period     int    `json:"period"`
	Unit       string `json:"unit"`
	Anchor     string `json:"anchor"`
	// AutoErase is the lead's wish that records of this kind be erased automatically
	// when due: partners and feedback items are (store.EraseDue); other kinds stay listed for review.
	AutoErase bool   `json:"autoErase"`
	SetBy     string `json:"setBy"` // who set it
	SetAt     string `json:"setAt"` // when (RFC 3339 UTC)
}

func (r *RetentionRule) DocMeta() *Meta           { return &r.Meta }
func (r *RetentionRule) DocEntity() string        { return EntityRetentionRule }
func (r *RetentionRule) Parent() (string, string) { return "", "" }

// Title: "Consent records: 6 years after consent is withdrawn".
func (r *RetentionRule) Title() string {
	return RetentionLabel(r.RecordKind) + ": " + PeriodText(r.Period, r.Unit) + " " + AnchorLabel(r.RecordKind, r.Anchor)
}

// PeriodText: "6 years", "1 month".
func PeriodText(n int, unit string) string {
	u := unit
	if n == 1 && len(u) > 1 {
		u = u[:len(u)-1]
	}
	return strconv.Itoa(n) + " " + u
}

// MaxRetentionYears bounds a period: 100 years, in any unit.
const MaxRetentionYears = 100

// Validate tidies the rule and returns an EINVALID error listing every problem.
func (r *RetentionRule) Validate() error {
	trimAll(&r.RecordKind, &r.Unit, &r.Anchor, &r.SetBy, &r.SetAt)
	var p Problems
	if !retentionKindSet[r.RecordKind] {
		p.Add("recordKind", "Select a kind of record")
	}
	switch r.Unit {
	case UnitDays, UnitMonths, UnitYears:
	default:
		p.Add("unit", "Select days, months or years")
	}
	limit := map[string]int{UnitDays: MaxRetentionYears * 366, UnitMonths: MaxRetentionYears * 12, UnitYears: MaxRetentionYears}[r.Unit]
	if r.Period < 1 {
		p.Add("period", "Enter a period of 1 or more")
	} else if limit > 0 && r.Period > limit {
		p.Add("period", "Enter a period of 100 years or less")
	}
	if !p.Has("recordKind") && !codeSet(RetentionAnchors[r.RecordKind])[r.Anchor] {
		p.Add("anchor", "Select the date the period counts from")
	}
	checkLen(&p, "setBy", "Set by", r.SetBy, MaxShortText)
	if r.SetAt != "" {
		if _, err := time.Parse(time.RFC3339, r.SetAt); err != nil {
			p.Add("setAt", "Set at must be a date and time")
		}
	}
	return p.Err("retention rule")
}

// DefaultRule is the default of a kind as a rule (nil for a kind the table lacks).
func DefaultRule(kind string) *RetentionRule {
	for _, d := range RetentionDefaults {
		if d.RecordKind == kind {
			return &RetentionRule{RecordKind: kind, Period: d.Period, Unit: d.Unit, Anchor: d.Anchor}
		}
	}
	return nil
}

// EffectiveRules picks, for each kind, the team's rule in force from its live rules:
// the one set last (then the latest change, then the highest id, so that every laptop
// picks the same one). Kinds without a rule are absent.
func EffectiveRules(rules []*RetentionRule) map[string]*RetentionRule {
	live := make([]*RetentionRule, 0, len(rules))
	for _, r := range rules {
		if r.DeletedAt == "" && retentionKindSet[r.RecordKind] {
			live = append(live, r)
		}
	}
	sort.Slice(live, func(i, j int) bool {
		a, b := live[i], live[j]
		if a.SetAt != b.SetAt {
			return a.SetAt > b.SetAt
		}
		if a.UpdatedAt != b.UpdatedAt {
			return a.UpdatedAt > b.UpdatedAt
		}
		return a.ID > b.ID
	})
	out := map[string]*RetentionRule{}
	for _, r := range live {
		if out[r.RecordKind] == nil {
			out[r.RecordKind] = r
		}
	}
	return out
}

// DueDate is the date (YYYY-MM-DD) a record whose anchor date is from becomes due
// under the rule: from plus the period (a month later than the 31st is the month's
// last day). "" when from is not a date.
func (r *RetentionRule) DueDate(from string) string {
	if len(from) > 10 {
		from = from[:10]
	}
	t, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return ""
	}
	switch r.Unit {
	case UnitDays:
		return t.AddDate(0, 0, r.Period).Format(time.DateOnly)
	case UnitMonths:
		return addMonths(t, r.Period).Format(time.DateOnly)
	case UnitYears:
		return addMonths(t, 12*r.Period).Format(time.DateOnly)
	}
	return ""
}

// addMonths adds n months, keeping to the month's last day rather than overflowing.
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), last)-1)
}

// TaxYearEnd is the last day (5 April) of the UK tax year a date (YYYY-MM-DD) falls in.
func TaxYearEnd(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	y := t.Year()
	if t.After(time.Date(y, time.April, 5, 0, 0, 0, 0, time.UTC)) {
		y++
	}
	return time.Date(y, time.April, 5, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// RetentionHold is a lead's decision to keep a record past its retention period:
// "Keep until Until because Reason". It takes the record off the list of records due
// for review until that date. The reason may name a person, so it is sealed.
type RetentionHold struct {
	Meta
	RecordEntity string `json:"recordEntity"` // the entity of the record kept
	RecordID     string `json:"recordId"`
	RecordKind   string `json:"recordKind"` // the schedule's kind it was due under
	Until        string `json:"until"`      // YYYY-MM-DD
	Reason       string `json:"reason"`     // sealed
	SetBy        string `json:"setBy"`
}

func (h *RetentionHold) DocMeta() *Meta           { return &h.Meta }
func (h *RetentionHold) DocEntity() string        { return EntityRetentionHold }
func (h *RetentionHold) Parent() (string, string) { return "", "" }

// Title: "Kept until 1 April 2030".
func (h *RetentionHold) Title() string { return "Kept until " + LongDate(h.Until) }

var retentionHoldLabels = map[string]string{"recordEntity": "Record", "recordId": "Record", "recordKind": "Kind of record",
	"until": "Keep until", "reason": "Reason", "setBy": "Set by"}

var retentionRuleLabels = map[string]string{"recordKind": "Kind of record", "period": "Period", "unit": "Unit",
	"anchor": "Counted from", "autoErase": "Erase automatically when due", "setBy": "Set by", "setAt": "Set at"}

// Validate tidies the hold and returns an EINVALID error listing every problem.
func (h *RetentionHold) Validate() error {
	trimAll(&h.RecordEntity, &h.RecordID, &h.RecordKind, &h.Until, &h.SetBy)
	h.Reason = trimText(h.Reason)
	var p Problems
	if !IsEntity(h.RecordEntity) || h.RecordID == "" {
		p.Add("recordId", "Select the record to keep")
	}
	checkLen(&p, "recordId", "Record", h.RecordID, 64)
	if !retentionKindSet[h.RecordKind] {
		p.Add("recordKind", "Select a kind of record")
	}
	switch {
	case h.Until == "":
		p.Add("until", "Enter the date to keep it until")
	case !ValidDate(h.Until):
		p.Add("until", "Keep until must be a real date")
	}
	if h.Reason == "" {
		p.Add("reason", "Enter why it is kept")
	}
	checkLen(&p, "reason", "Reason", h.Reason, MaxText)
	checkLen(&p, "setBy", "Set by", h.SetBy, MaxShortText)
	checkNotSealedForm(&p, h, retentionHoldLabels)
	return p.Err("keep until")
}

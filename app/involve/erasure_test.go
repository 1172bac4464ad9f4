package involve_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func TestErasurePartner(t *testing.T) {
	fee := int64(5000)
	c := &involve.Contributor{Meta: involve.Meta{ID: "c1"}, Name: "Zorbic Testperson", ContactPreference: "email",
		ContactDetails: "zorbic@example.org", AccessNeeds: "Step-free access", Role: "Panel member", AgreementStart: "2026-01-01",
		AgreementEnd: "2026-12-31", LivedExperience: []string{"Zorbic condition"}, PaymentPreference: "payroll",
		BenefitsAdviceOffered: true, Number: 7}
	k := &involve.Consent{Meta: involve.Meta{ID: "k1"}, SubjectEntity: involve.EntityContributor, SubjectID: "c1",
		Purposes: []string{involve.PurposePayments}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
		GivenAt: "2026-01-10", GivenBy: "Zorbic Testperson", CapturedBy: "Ada"}
	e := &involve.TimeEntry{Meta: involve.Meta{ID: "t1"}, ContributorID: "c1", Task: "Zorbic's review", Date: "2026-02-01",
		MinutesAttend: 60, RatePence: 2500, FeePence: 2500, FeeOverridePence: &fee, OverrideReason: "Zorbic agreed",
		ExpensesPence: 700, ReceiptRef: "ZOR-1", PaidOn: "", Route: "payroll"}
	other := &involve.TimeEntry{Meta: involve.Meta{ID: "t2"}, ContributorID: "c2", Task: "Someone else's", Date: "2026-02-01", MinutesAttend: 60}
	er := &involve.Erasure{Meta: involve.Meta{ID: "e1", CreatedAt: "2026-12-06T10:00:00.000Z"}, SubjectEntity: involve.EntityContributor,
		SubjectID: "c1", Number: 7, ErasedBy: "Lead"}
	if err := er.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, r := range []any{c, k, e} {
		if !er.Apply(r) {
			t.Errorf("%T not changed", r)
		}
		if er.Apply(r) {
			t.Errorf("%T changed twice: erasing is idempotent", r)
		}
		b, _ := json.Marshal(r)
		if strings.Contains(strings.ToLower(string(b)), "zor") || strings.Contains(string(b), "Step-free") || strings.Contains(string(b), "Panel") {
			t.Errorf("%T keeps erased content: %s", r, b)
		}
		if err := r.(involve.Doc).Validate(); err != nil {
			t.Errorf("erased %T does not validate: %v", r, err)
		}
	}
	if er.Apply(other) || other.Task != "Someone else's" {
		t.Error("another partner's entry was erased")
	}
	if c.Pseudonym() != "Erased contributor 7" || c.Title() != "Erased contributor 7" || !c.Withdrawn() || c.PaymentPreference != "payroll" {
		t.Errorf("erased partner: %+v", c)
	}
	if e.FeePence != 2500 || *e.FeeOverridePence != 5000 || e.ExpensesPence != 700 || e.Date != "2026-02-01" || e.ErasedAt == "" {
		t.Errorf("the payment's amounts and dates must be kept: %+v", e)
	}
	if k.GivenAt != "2026-01-10" || len(k.Purposes) != 1 || k.LawfulBasis != "consent" {
		t.Errorf("what was agreed must be kept: %+v", k)
	}
}

func TestErasureComment(t *testing.T) {
	f := &involve.Feedback{Meta: involve.Meta{ID: "f1"}, FeedbackInput: involve.FeedbackInput{SessionID: "s1",
		Text: "Zorbic at 12 Acacia Road says the clinic is far", QuoteConsent: true, Borough: "E09000022", Source: "comment_card"}}
	q := &involve.Consent{SubjectEntity: involve.EntityFeedback, SubjectID: "f1", GivenBy: "Zorbic"}
	a := &involve.Action{FeedbackIDs: []string{"f1"}, YouSaid: "You said: Zorbic at 12 Acacia Road says the clinic is far. Others agreed."}
	er := &involve.Erasure{Meta: involve.Meta{CreatedAt: "2026-12-06T10:00:00.000Z"}, SubjectEntity: involve.EntityFeedback, SubjectID: "f1"}
	if !involve.EraseQuoted(a, "f1", f.Text) || strings.Contains(a.YouSaid, "Acacia") || !strings.Contains(a.YouSaid, "Others agreed") {
		t.Errorf("you said: %q", a.YouSaid)
	}
	if !er.Apply(f) || !er.Apply(q) || !f.Erased() || f.QuoteConsent || f.Borough != "E09000022" || q.GivenBy != "" {
		t.Errorf("erased comment: %+v %+v", f, q)
	}
	if err := f.FeedbackInput.Validate(); err != nil {
		t.Errorf("erased feedback does not validate: %v", err)
	}
	if involve.EraseQuoted(a, "f1", f.Text) {
		t.Error("the placeholder is not the comment")
	}
}

func TestErasureSummaryWords(t *testing.T) {
	s := involve.ErasureSummary{Consents: 1, TimeEntries: 3}
	involve.DescribeContributorErasure(&s, 7)
	all := strings.Join(s.Destroyed, "\n")
	for _, w := range []string{"Who gave and who recorded their consent record", "of each of their 3 time entries",
		"Every earlier version of these records"} {
		if !strings.Contains(all, w) {
			t.Errorf("destroyed %q lacks %q", all, w)
		}
	}
	if strings.Contains(all, "0 ") || strings.Contains(all, "1 consent") {
		t.Errorf("awkward counts: %q", all)
	}
	f := involve.ErasureSummary{Conflicts: 2}
	involve.DescribeFeedbackErasure(&f)
	if all := strings.Join(f.Destroyed, "\n"); !strings.Contains(all, "2 sync conflicts about it, and every earlier version of it") ||
		strings.Contains(all, "consent") || strings.Contains(all, "you said") {
		t.Errorf("comment: %q", all)
	}
}

package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

const partnerID = "0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d09"

// TestMonthsAfter: the ICO's rule — the corresponding calendar date of the next month,
// or that month's last day when it has none.
func TestMonthsAfter(t *testing.T) {
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-09-03", 1, "2026-10-03"},
		{"2026-01-31", 1, "2026-02-28"}, // no 31 February
		{"2028-01-31", 1, "2028-02-29"}, // a leap year
		{"2026-01-30", 1, "2026-02-28"},
		{"2026-01-28", 1, "2026-02-28"},
		{"2026-03-31", 1, "2026-04-30"},
		{"2026-08-31", 1, "2026-09-30"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-12-31", 1, "2027-01-31"},
		{"2026-11-30", 3, "2027-02-28"}, // extended by two months
		{"2026-01-31", 3, "2026-04-30"},
		{"2026-02-28", 1, "2026-03-28"},
		{"2026-02-30", 1, ""},
		{"", 1, ""},
	} {
		if got := involve.MonthsAfter(tc.from, tc.n); got != tc.want {
			t.Errorf("MonthsAfter(%q, %d) = %q, want %q", tc.from, tc.n, got, tc.want)
		}
	}
}

func okRequest() involve.PrivacyRequest {
	return involve.PrivacyRequest{RequestType: "access", ReceivedOn: "2026-01-31", ReceivedVia: "email", ContributorID: partnerID}
}

func TestPrivacyRequestValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := okRequest()
		r.RequestType, r.ReceivedVia = " access ", "email "
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
		if r.Status != involve.RequestOpen || r.RequestType != "access" {
			t.Fatalf("not normalized: %+v", r)
		}
		if got := r.DueBy(); got != "2026-02-28" {
			t.Errorf("due by %q, want 2026-02-28 (31 January + one month)", got)
		}
		if got := r.Title(); got != "Access request received 31 January 2026" {
			t.Errorf("title %q", got)
		}
		r.ExtendedMonths, r.ExtensionReason = 2, "Complex: records held in three places"
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
		if got := r.DueBy(); got != "2026-04-30" {
			t.Errorf("extended due by %q, want 2026-04-30", got)
		}
	})
	t.Run("Done", func(t *testing.T) {
		r := okRequest()
		r.ContributorID, r.Requester = "", "A carer, by letter"
		r.Status, r.DoneOn, r.DoneBy, r.ActionTaken = "done", "2026-02-10", "Sam Lead", "Copy sent by secure email"
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	withP := func(f func(r *involve.PrivacyRequest)) involve.PrivacyRequest {
		r := okRequest()
		f(&r)
		return r
	}
	for _, tc := range []struct {
		name  string
		r     involve.PrivacyRequest
		field string
		want  string
	}{
		{"ErrTypeRequired", involve.PrivacyRequest{}, "requestType", "Select what was asked for"},
		{"ErrTypeUnknown", withP(func(r *involve.PrivacyRequest) { r.RequestType = "portability" }), "requestType",
			"Select access, erasure, withdrawal of consent, rectification or objection"},
		{"ErrReceivedRequired", involve.PrivacyRequest{}, "receivedOn", "Enter the date the request was received"},
		{"ErrReceivedNotADate", withP(func(r *involve.PrivacyRequest) { r.ReceivedOn = "2026-02-30" }), "receivedOn", "Date received must be a real date"},
		{"ErrViaRequired", involve.PrivacyRequest{}, "receivedVia", "Select how the request was received"},
		{"ErrViaUnknown", withP(func(r *involve.PrivacyRequest) { r.ReceivedVia = "fax" }), "receivedVia", "Select email, letter, phone, in person or other"},
		{"ErrWhoRequired", involve.PrivacyRequest{}, "requester", "Select the Lived Experience Partner who asked, or describe who asked"},
		{"ErrWhoBoth", withP(func(r *involve.PrivacyRequest) { r.Requester = "Someone" }), "requester",
			"Select a Lived Experience Partner or describe who asked, not both"},
		{"ErrPartnerNotUUID", withP(func(r *involve.PrivacyRequest) { r.ContributorID = "7" }), "contributorId", "Select a Lived Experience Partner from the list"},
		{"ErrRequesterTooLong", withP(func(r *involve.PrivacyRequest) { r.ContributorID, r.Requester = "", strings.Repeat("a", 201) }),
			"requester", "Who asked must be 200 characters or fewer"},
		{"ErrExtensionTooLong", withP(func(r *involve.PrivacyRequest) { r.ExtendedMonths, r.ExtensionReason = 3, "x" }), "extendedMonths",
			"Extension must be 0, 1 or 2 months"},
		{"ErrExtensionNegative", withP(func(r *involve.PrivacyRequest) { r.ExtendedMonths = -1 }), "extendedMonths", "Extension must be 0, 1 or 2 months"},
		{"ErrExtensionNeedsReason", withP(func(r *involve.PrivacyRequest) { r.ExtendedMonths = 1 }), "extensionReason",
			"Enter why the time to answer was extended"},
		{"ErrStatusUnknown", withP(func(r *involve.PrivacyRequest) { r.Status = "closed" }), "status", "Select open, done or refused"},
		{"ErrOpenWithDate", withP(func(r *involve.PrivacyRequest) { r.DoneOn = "2026-02-02" }), "doneOn", "Remove the date done, or select done or refused"},
		{"ErrDoneNeedsDate", withP(func(r *involve.PrivacyRequest) { r.Status = "done" }), "doneOn", "Enter the date the request was done"},
		{"ErrDoneNeedsWho", withP(func(r *involve.PrivacyRequest) { r.Status = "done" }), "doneBy", "Enter who dealt with the request"},
		{"ErrDoneNeedsWhat", withP(func(r *involve.PrivacyRequest) { r.Status = "done" }), "actionTaken", "Enter what was done"},
		{"ErrRefusedNeedsReason", withP(func(r *involve.PrivacyRequest) { r.Status, r.DoneOn, r.DoneBy = "refused", "2026-02-01", "Sam" }),
			"refusalReason", "Enter why the request was refused"},
		{"ErrDoneBeforeReceived", withP(func(r *involve.PrivacyRequest) {
			r.Status, r.DoneOn, r.DoneBy, r.ActionTaken = "done", "2026-01-30", "Sam", "Sent"
		}), "doneOn", "Date done must be the same as or after the date received"},
		{"ErrDoneNotADate", withP(func(r *involve.PrivacyRequest) { r.Status, r.DoneOn = "done", "31/01/2026" }), "doneOn", "Date done must be a real date"},
		{"ErrSealedForm", withP(func(r *involve.PrivacyRequest) { r.ContributorID, r.Requester = "", "sealed1.abc" }), "requester",
			"Who asked must not begin with “sealed1.”"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.r.Validate()
			if involve.ErrorCode(err) != involve.EINVALID {
				t.Fatalf("err %v", err)
			}
			if got := fields(err)[tc.field]; got != tc.want {
				t.Fatalf("%s: got %q, want %q (all: %v)", tc.field, got, tc.want, fields(err))
			}
		})
	}
	t.Run("ViewOn", func(t *testing.T) {
		r := okRequest() // due 2026-02-28
		for _, tc := range []struct {
			today            string
			overdue, dueSoon bool
		}{{"2026-02-01", false, false}, {"2026-02-21", false, true}, {"2026-02-28", false, true}, {"2026-03-01", true, false}} {
			v := r.ViewOn(tc.today)
			if v.DueBy != "2026-02-28" || v.Overdue != tc.overdue || v.DueSoon != tc.dueSoon {
				t.Errorf("on %s: %+v, want overdue %v, due soon %v", tc.today, v, tc.overdue, tc.dueSoon)
			}
		}
		r.Status, r.DoneOn, r.DoneBy, r.ActionTaken = "done", "2026-03-05", "Sam", "Sent"
		if v := r.ViewOn("2026-04-01"); v.Overdue || v.DueSoon {
			t.Errorf("a request done is never overdue: %+v", v)
		}
	})
	t.Run("Sealed", func(t *testing.T) {
		r := involve.PrivacyRequest{Requester: "a", DoneBy: "b", ActionTaken: "c", ExtensionReason: "d", RefusalReason: "e"}
		var names []string
		for _, f := range involve.SealedFields(&r) {
			names = append(names, f.Name+"="+*f.Value)
		}
		if got := strings.Join(names, ","); got != "requester=a,doneBy=b,actionTaken=c,extensionReason=d,refusalReason=e" ||
			!involve.HasSealedFields(involve.EntityPrivacyRequest) {
			t.Errorf("sealed fields %s", got)
		}
	})
}

package syncapi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
)

func TestSealOpenRecord(t *testing.T) {
	k, err := lockbox.NewTeamKey()
	if err != nil {
		t.Fatal(err)
	}
	c := &involve.Contributor{Name: "Zorbicnamé Testperson", ContactDetails: "zorbic@example.org", AccessNeeds: "zorbicaccess",
		LivedExperience: []string{"zorbicliving", ""}, Role: "Panel member"}
	c.ID = "0190aaaa-0000-7000-8000-000000000001"
	plain := *c
	plain.LivedExperience = append([]string(nil), c.LivedExperience...)
	syncapi.SealRecord(k, involve.EntityContributor, c)
	for _, v := range []string{c.Name, c.ContactDetails, c.AccessNeeds, c.LivedExperience[0]} {
		if !involve.IsSealedValue(v) || strings.Contains(strings.ToLower(v), "zorbic") {
			t.Errorf("not sealed: %q", v)
		}
	}
	if c.Role != "Panel member" || c.LivedExperience[1] != "" || c.Title() != c.Pseudonym() {
		t.Errorf("unsealed fields changed or title shows the token: %+v %q", c, c.Title())
	}
	if err := syncapi.CheckSealedForm(c); err != nil {
		t.Error(err)
	}
	if err := syncapi.OpenRecord(k, involve.EntityContributor, c, false); err != nil {
		t.Fatal(err)
	}
	if c.Name != plain.Name || c.ContactDetails != plain.ContactDetails || c.AccessNeeds != plain.AccessNeeds ||
		c.LivedExperience[0] != plain.LivedExperience[0] {
		t.Errorf("opened %+v, want %+v", c, plain)
	}
	if err := syncapi.OpenRecord(k, involve.EntityContributor, c, false); !errors.Is(err, syncapi.ErrPlainSealedField) {
		t.Errorf("plain record opened: %v", err)
	}
	if err := syncapi.OpenRecord(k, involve.EntityContributor, c, true); err != nil {
		t.Errorf("plain allowed: %v", err)
	}
	if err := syncapi.CheckSealedForm(c); !errors.Is(err, syncapi.ErrPlainSealedField) {
		t.Errorf("plain record passed the form check: %v", err)
	}
	// a value moved to another record does not open
	e := &involve.TimeEntry{ReceiptRef: "PO-zorbic"}
	e.ID = "0190aaaa-0000-7000-8000-000000000002"
	syncapi.SealRecord(k, involve.EntityTimeEntry, e)
	e2 := *e
	e2.ID = "0190aaaa-0000-7000-8000-000000000003"
	if err := syncapi.OpenRecord(k, involve.EntityTimeEntry, &e2, false); !errors.Is(err, lockbox.ErrCannotOpen) {
		t.Errorf("moved value: %v", err)
	}
	// a plain value of the sealed form is refused by Validate
	bad := &involve.Consent{GivenBy: "sealed1.0123456789abcdef.AAAA"}
	if err := bad.Validate(); err == nil || !strings.Contains(involve.ErrorMessage(err)+joinFields(err), "must not begin") {
		t.Errorf("Validate took a sealed-looking plain value: %v", err)
	}
}

func joinFields(err error) string {
	var b strings.Builder
	for _, f := range involve.ErrorFields(err) {
		b.WriteString(f.Message)
	}
	return b.String()
}

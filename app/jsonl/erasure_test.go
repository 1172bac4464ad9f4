package jsonl_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
)

// TestImportErasure: an export restored on a laptop cannot bring an erased partner
// back. Importing a file that holds an erasure erases what the laptop holds of the
// partner (from an earlier import), in the same transaction; importing an export
// made before the erasure afterwards does not bring their details back.
func TestImportErasure(t *testing.T) {
	ctx := context.Background()
	a := storetest.Open(t)
	k := storetest.InstallTeamKey(t, a)
	asLead(t, a)
	c, _, err := a.CreateContributor(ctx, &involve.Contributor{Name: "Zorbicimport Person", AccessNeeds: "zorbicneeds",
		PaymentPreference: "payroll"}, &involve.Consent{Purposes: []string{"payments"}, LawfulBasis: "consent",
		NoticeVersion: "v3", Method: "written", GivenAt: "2026-01-10", GivenBy: "Zorbicgiver"})
	if err != nil {
		t.Fatal(err)
	}
	before := export(t, a)
	if _, err := a.Erase(ctx, involve.EntityContributor, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	after := export(t, a)

	b := storetest.Open(t)
	if err := b.InstallTeamKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Import(ctx, b, bytes.NewReader(before), nil); err != nil {
		t.Fatal(err)
	}
	if v, err := b.FindContributor(ctx, c.ID); err != nil || v.Name != "Zorbicimport Person" {
		t.Fatalf("before: %+v, %v", v.Contributor, err)
	}
	// only the erasure's line: the partner's erased state is not in the file
	var lines []string
	for _, l := range strings.Split(string(after), "\n") {
		if !strings.Contains(l, `"kind":"contributor"`) && !strings.Contains(l, `"kind":"consent"`) {
			lines = append(lines, l)
		}
	}
	if _, err := jsonl.Import(ctx, b, strings.NewReader(strings.Join(lines, "\n")), nil); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		v, err := b.FindContributor(ctx, c.ID)
		if err != nil || !v.Erased() || v.AccessNeeds != "" {
			t.Errorf("%s: %+v, %v", when, v.Contributor, err)
		}
		cs, err := b.FindConsents(ctx, c.ID)
		if err != nil || len(cs) != 1 || cs[0].GivenBy != "" {
			t.Errorf("%s: consents %+v, %v", when, cs, err)
		}
	}
	check("after importing the erasure")
	if _, err := jsonl.Import(ctx, b, bytes.NewReader(before), nil); err != nil {
		t.Fatal(err)
	}
	check("after importing the older export again")
}

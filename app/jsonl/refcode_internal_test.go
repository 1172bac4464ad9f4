package jsonl

import (
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// refCode answers the same whether it looked the value up or kept the answer, keeps
// no failure, and keeps at most refCodesKept values a field.
func TestRefCodeKept(t *testing.T) {
	boroughs := involve.Reference().Boroughs
	field := "borough (TestRefCodeKept)" // a field of its own: the answers kept are the package's
	for range 2 {
		for _, v := range []string{"Croydon", " croydon ", boroughs[0].Code} {
			c, err := refCode(boroughs, nil, field, v)
			want, werr := lookUpRefCode(boroughs, nil, field, v)
			if c != want || err != nil || werr != nil {
				t.Fatalf("%q: %q %v, looked up %q %v", v, c, err, want, werr)
			}
		}
		if _, err := refCode(boroughs, nil, field, "Atlantis"); err == nil {
			t.Fatal("an unknown borough was taken")
		}
	}
	for i := range 2 * refCodesKept {
		if c, err := refCode(boroughs, nil, field, fmt.Sprintf("%*sCroydon", i, "")); err != nil || c != "E09000008" {
			t.Fatalf("%d spaces: %q %v", i, c, err)
		}
	}
	k, _ := refCodes.Load(field)
	n := 0
	k.(*knownCodes).codes.Range(func(any, any) bool { n++; return true })
	if n > refCodesKept {
		t.Fatalf("%d values kept, at most %d", n, refCodesKept)
	}
}

package desktop_test

// Benchmarks of Lived Experience Partners with sealed fields (issue 12), against
// DESIGN §8's save target ("median ≤ 1 ms, p99 ≤ 5 ms" from the bound call to the
// durable commit) and the People screen's list call. The app has a passphrase (real
// Argon2id parameters, unlocked once before timing) so every partner, consent record
// and list entry is sealed on the way in and opened on the way out. Results:
// docs/benchmarks.md.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/involve"
)

func lockedApp(b *testing.B) *desktop.App {
	dir := filepath.Join(b.TempDir(), "data")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	a := desktop.New(desktop.Config{DataDir: dir, Open: openStore(dir), IntegrityCheckDelay: time.Hour})
	desktop.Startup(a, context.Background(), benchRuntime{})
	b.Cleanup(func() { desktop.Shutdown(a) })
	if st, _ := a.GetStartupState(); st.Status != desktop.StatusOK {
		b.Fatalf("startup: %s: %s", st.Status, st.Message)
	}
	if _, err := a.SetPassphrase("", "correct horse battery staple"); err != nil {
		b.Fatal(err)
	}
	return a
}

func newPartner(n int) desktop.NewContributor {
	return desktop.NewContributor{
		Contributor: involve.Contributor{Name: fmt.Sprintf("Zorbicnamé Testperson %d", n), ContactPreference: "email",
			ContactDetails:  fmt.Sprintf("zorbic%d@example.org, 07700 900%03d", n, n%1000),
			AccessNeeds:     "Step-free access; a hearing loop; papers a week before in large print",
			LivedExperience: []string{"Carer for a parent with dementia", "Long COVID"}, PaymentPreference: "payroll"},
		Consent: involve.Consent{Purposes: []string{involve.PurposeAnalysis, involve.PurposePayments}, LawfulBasis: "consent",
			NoticeVersion: "Notice v3", Method: "written", GivenAt: "2026-11-24", GivenBy: fmt.Sprintf("Zorbicnamé Testperson %d", n),
			CapturedBy: "Ada Staff"},
	}
}

// BenchmarkCreateContributorSealed times the bound CreateContributor call (partner and
// consent in one transaction, both sealed, then read back opened for the form).
func BenchmarkCreateContributorSealed(b *testing.B) {
	a := lockedApp(b)
	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		in := newPartner(i)
		t0 := time.Now()
		if _, err := a.CreateContributor(in); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	benchdata.ReportLatency(b, d)
}

// BenchmarkListContributors500 times the People screen's list call with 500 partners
// (every name opened).
func BenchmarkListContributors500(b *testing.B) {
	a := lockedApp(b)
	for i := range 500 {
		if _, err := a.CreateContributor(newPartner(i)); err != nil {
			b.Fatal(err)
		}
	}
	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		list, err := a.ListContributors()
		if err != nil || len(list) != 500 {
			b.Fatalf("%d partners listed: %v", len(list), err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	benchdata.ReportLatency(b, d)
}

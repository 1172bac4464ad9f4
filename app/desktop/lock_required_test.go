package desktop_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

// A partner is refused without a passphrase (passphrase_required, for the window's
// link to Settings); a laptop holding partners without one says so (needsPassphrase);
// the count of unsent changes is given, locked or not.
func TestPassphraseRequiredFacade(t *testing.T) {
	a, _, _ := newApp(t)
	consent := involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent",
		NoticeVersion: "v1", Method: "verbal", GivenAt: "2026-01-02", GivenBy: "Themselves"}
	_, err := a.CreateContributor(desktop.NewContributor{Contributor: involve.Contributor{Name: "Lee"}, Consent: consent})
	be, _ := desktop.ErrorFormatter(a)(err).(desktop.BackendError)
	if be.Code != involve.ELOCKREQUIRED || !strings.Contains(be.Message, "Settings") {
		t.Fatalf("without a passphrase: %+v (%v)", be, err)
	}
	if st := lockState(t, a); st.NeedsPassphrase || st.HasPassphrase {
		t.Errorf("no partners held: %+v", st)
	}
	if _, err := a.SetPassphrase("", storetest.Passphrase); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateContributor(desktop.NewContributor{Contributor: involve.Contributor{Name: "Lee"}, Consent: consent}); err != nil {
		t.Fatal(err)
	}
	// their details are sealed with the passphrase's key: it cannot be removed now
	if _, err := a.RemovePassphrase(storetest.Passphrase); involve.ErrorCode(err) != involve.ECONFLICT {
		t.Fatalf("removing the passphrase of a laptop holding partners: %v, want a refusal", err)
	}
	if _, err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if st := lockState(t, a); !st.Locked || st.NeedsPassphrase || st.UnsentChanges != 2 {
		t.Errorf("locked: %+v, want the count of unsent changes", st)
	}
}

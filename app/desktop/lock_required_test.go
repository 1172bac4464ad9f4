package desktop_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
)

// A partner is refused without a passphrase (passphrase_required, for the window's
// link to Settings); once one is held, the passphrase cannot be removed
// (holdsSealedData); the count of unsent changes is given, locked or not.
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
	// the passphrase protects the partner's sealed details now: it stays
	_, err = a.RemovePassphrase(storetest.Passphrase)
	if be, _ := desktop.ErrorFormatter(a)(err).(desktop.BackendError); be.Code != involve.ECONFLICT || !strings.Contains(be.Message, "cannot be removed") {
		t.Fatalf("removing the passphrase of a laptop holding a partner: %+v (%v)", be, err)
	}
	st := lockState(t, a)
	if !st.HasPassphrase || !st.HoldsSealedData || st.NeedsPassphrase {
		t.Errorf("after the refusal: %+v, want the passphrase kept and holdsSealedData", st)
	}
	if st.UnsentChanges != 2 {
		t.Errorf("unsent changes %d, want 2 (the partner and the consent)", st.UnsentChanges)
	}
	if _, err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if st := lockState(t, a); !st.Locked || st.NeedsPassphrase || st.UnsentChanges != 2 {
		t.Errorf("locked: %+v, want the count of unsent changes", st)
	}
}

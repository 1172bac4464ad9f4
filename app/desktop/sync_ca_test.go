package desktop_test

import (
	"encoding/pem"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncer"
)

// TestTrustedCAFacade: Settings → Sync trusts the team's own certificate authority
// against the real server behind TLS on loopback: a private key is refused, the
// authority is described before connecting, connecting without it is a certificate
// problem and with it works, and it can be removed.
func TestTrustedCAFacade(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	ts := httptest.NewTLSServer(env.API)
	t.Cleanup(ts.Close)
	caPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw}))
	fp := syncer.Fingerprint(ts.Certificate().Raw)
	a, _, _ := newApp(t)

	_, err := a.CheckCertificateAuthority("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n")
	if f := fieldsOf(err); !strings.Contains(f["ca"], "private key") {
		t.Fatalf("a private key: %v", err)
	}
	if _, err := a.CheckCertificateAuthority("  "); fieldsOf(err)["ca"] == "" {
		t.Fatalf("nothing given: %v", err)
	}
	ca, err := a.CheckCertificateAuthority(caPEM)
	if err != nil || !ca.Present || ca.Fingerprint != fp || ca.Subject == "" || ca.Certificates != 1 || ca.NotAfter == "" {
		t.Fatalf("check: %+v %v", ca, err)
	}
	if got, _ := a.GetTrustedCA(); got.Present {
		t.Fatal("checking an authority stored it")
	}

	// without the authority: the server's certificate is not trusted
	_, err = a.ConnectServer(ts.URL, env.Code(team.ID, time.Hour), "")
	if err == nil || !strings.Contains(involve.ErrorMessage(err), fp) {
		t.Fatalf("connect without the authority: %v", err)
	}
	// a private key given when connecting is refused before anything is sent
	if _, err := a.ConnectServer(ts.URL, env.Code(team.ID, time.Hour), "-----BEGIN EC PRIVATE KEY-----\nMIIB\n-----END EC PRIVATE KEY-----\n"); !strings.Contains(fieldsOf(err)["ca"], "private key") {
		t.Fatalf("connect with a key: %v", err)
	}
	st, err := a.ConnectServer(ts.URL, env.Code(team.ID, time.Hour), caPEM)
	if err != nil || !st.Connected {
		t.Fatalf("connect with the authority: %+v %v", st, err)
	}
	if got, err := a.GetTrustedCA(); err != nil || got != ca {
		t.Fatalf("trusted: %+v %v, want %+v", got, err, ca)
	}
	if st, err := a.SyncNow(); err != nil || st.State != desktop.SyncIdle {
		t.Fatalf("sync trusting the authority: %+v %v", st, err)
	}
	if got, err := a.RemoveTrustedCA(); err != nil || got.Present {
		t.Fatalf("remove: %+v %v", got, err)
	}
	if got, _ := a.GetTrustedCA(); got.Present {
		t.Fatal("still trusted after removing it")
	}
	// the next sync trusts the system's authorities only: a certificate problem
	if st, _ := a.SyncNow(); st.State == desktop.SyncIdle || !strings.Contains(st.Message, fp) {
		t.Fatalf("sync after removing the authority: %+v", st)
	}
}

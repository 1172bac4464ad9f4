package syncer_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncer"
)

// The transport rules against the real server behind TLS on loopback: the device token
// never goes out over plain http to another computer, whatever the stored address has
// become, and an untrusted certificate is reported as such with its fingerprint.

// tlsServer is the real API behind TLS, counting the requests it gets.
type tlsServer struct {
	env      *servertest.Env
	ts       *httptest.Server
	requests atomic.Int64
}

func newTLSServer(t *testing.T) *tlsServer {
	s := &tlsServer{env: servertest.NewEnv(t, servertest.SQLite)}
	s.ts = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		s.env.API.ServeHTTP(w, r)
	}))
	t.Cleanup(s.ts.Close)
	return s
}

// dialLog is an HTTP client trusting the test server's certificate that records every
// connection it opens (before any name is looked up).
type dialLog struct {
	mu    sync.Mutex
	addrs []string
}

func (d *dialLog) client(ts *httptest.Server) *http.Client {
	hc := ts.Client()
	tr := hc.Transport.(*http.Transport).Clone()
	var dialer net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		d.mu.Lock()
		d.addrs = append(d.addrs, addr)
		d.mu.Unlock()
		return dialer.DialContext(ctx, network, addr)
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

func (d *dialLog) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	a := d.addrs
	d.addrs = nil
	return a
}

func TestPlainHTTPRefusedOnEveryRequest(t *testing.T) {
	ctx := context.Background()
	srv := newTLSServer(t)
	team := srv.env.Team("South London")
	var dials dialLog
	hc := dials.client(srv.ts)

	db := storetest.Open(t)
	set, err := syncer.Connect(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), hc)
	if err != nil {
		t.Fatal(err)
	}
	e, err := syncer.FromSettings(ctx, db, hc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Before", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.SyncOnce(ctx, nil); err != nil {
		t.Fatalf("sync over https: %v", err)
	}

	// The stored address is changed behind the app's back (a restored backup, an edit
	// of the database, a bug) to plain http on another computer.
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.ts.URL, "https://"))
	insecure := "http://involve.invalid:" + port
	if err := db.SaveSyncConnection(ctx, syncer.Connection{ServerURL: insecure, DeviceToken: set.DeviceToken,
		TeamID: set.TeamID, TeamName: set.TeamName, DeviceName: set.DeviceName, Limits: set.Limits}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "After", Date: "2026-11-25", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	dials.take()
	before := srv.requests.Load()

	check := func(what string, err error) {
		t.Helper()
		var ie *syncer.InsecureURLError
		if !errors.As(err, &ie) {
			t.Fatalf("%s: %v, want an InsecureURLError", what, err)
		}
		if syncer.Retryable(err) {
			t.Fatalf("%s: %v is retryable", what, err)
		}
		var ce *syncer.Error
		if !errors.As(err, &ce) || ce.Code() != syncer.CodeInsecure {
			t.Fatalf("%s: code of %v is not %q", what, err, syncer.CodeInsecure)
		}
		if strings.Contains(err.Error(), set.DeviceToken) {
			t.Fatalf("%s: the error shows the token", what)
		}
		if d := dials.take(); len(d) != 0 {
			t.Fatalf("%s: connections were opened to %v", what, d)
		}
		if n := srv.requests.Load(); n != before {
			t.Fatalf("%s: the server got %d requests", what, n-before)
		}
	}

	// the running engine (it takes the new address from the database)
	_, err = e.SyncOnce(ctx, nil)
	check("running engine", err)
	st := e.Status()
	if st.State != syncer.StateError || st.Message != syncer.MsgInsecure || !st.NextAttemptAt.IsZero() {
		t.Fatalf("status after the refusal: %+v", st)
	}
	if ls, _ := syncer.LocalStatus(ctx, db); ls.State != syncer.StateError || ls.Message != syncer.MsgInsecure {
		t.Fatalf("stored status: %+v", ls)
	}
	// an engine made afresh from the settings (the app started again, `involve sync`)
	e2, err := syncer.FromSettings(ctx, db, hc)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e2.SyncOnce(ctx, nil)
	check("new engine", err)
	// every request of a client, with a token or not
	c := syncer.NewClient(insecure, set.DeviceToken, hc, syncer.CompressAuto)
	_, err = c.Me(ctx)
	check("me", err)
	_, err = c.Pull(ctx, "", 10)
	check("pull", err)
	_, err = syncer.NewClient("http://192.0.2.1:"+port, "", hc, syncer.CompressAuto).Info(ctx)
	check("info by address", err)

	// A redirect to plain http is refused before it is followed.
	redirect := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, insecure+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	var rdials dialLog
	_, err = syncer.NewClient(redirect.URL, set.DeviceToken, rdials.client(redirect), syncer.CompressAuto).Me(ctx)
	var ie *syncer.InsecureURLError
	if !errors.As(err, &ie) || syncer.Retryable(err) {
		t.Fatalf("redirect to http: %v", err)
	}
	if d := rdials.take(); len(d) != 1 || d[0] != strings.TrimPrefix(redirect.URL, "https://") {
		t.Fatalf("redirect to http: connections to %v", d)
	}

	// Plain http to this computer stays allowed (a local trial, the tests).
	u, _ := url.Parse(srv.env.Server.URL)
	if _, err := syncer.NewClient("http://localhost:"+u.Port(), "", nil, syncer.CompressAuto).Info(ctx); err != nil {
		t.Fatalf("http to localhost: %v", err)
	}
	if _, err := syncer.NewClient(srv.env.Server.URL, "", nil, syncer.CompressAuto).Info(ctx); err != nil {
		t.Fatalf("http to 127.0.0.1: %v", err)
	}
}

// fingerprint is the server certificate's SHA-256, as openssl prints it.
func fingerprint(ts *httptest.Server) string {
	sum := sha256.Sum256(ts.Certificate().Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func TestCertificateProblemsNamed(t *testing.T) {
	ctx := context.Background()
	srv := newTLSServer(t)
	team := srv.env.Team("South London")
	fp := fingerprint(srv.ts)

	// Connecting with the system's authorities: httptest's certificate is its own.
	db := storetest.Open(t)
	_, err := syncer.Connect(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), nil)
	if err == nil {
		t.Fatal("connected to a server whose certificate nobody vouches for")
	}
	msg := err.Error()
	if !strings.Contains(msg, "certificate") || !strings.Contains(msg, fp) || strings.Contains(msg, "could not reach") ||
		!strings.Contains(msg, "not issued by an authority this laptop trusts") {
		t.Fatalf("connect said %q, want a certificate problem with fingerprint %s", msg, fp)
	}
	if set, _ := db.SyncSettings(ctx); set.Connected() {
		t.Fatal("connected anyway")
	}
	if n := srv.requests.Load(); n != 0 {
		t.Fatalf("the server got %d requests", n)
	}

	// A laptop connected while it trusted the server, then syncing with a client that
	// does not: the sync fails with the certificate named, and no retry at once.
	if _, err := syncer.Connect(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), srv.ts.Client()); err != nil {
		t.Fatal(err)
	}
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.SyncOnce(ctx, nil)
	var ce *syncer.CertificateError
	if !errors.As(err, &ce) || ce.Fingerprint != fp || syncer.Retryable(err) {
		t.Fatalf("sync: %v (retryable %v), want a certificate error with %s", err, syncer.Retryable(err), fp)
	}
	if st := e.Status(); st.State != syncer.StateError || !strings.Contains(st.Message, "certificate") || !strings.Contains(st.Message, fp) {
		t.Fatalf("status: %+v", st)
	}
	if ls, _ := syncer.LocalStatus(ctx, db); !strings.Contains(ls.Message, fp) {
		t.Fatalf("stored status: %+v", ls)
	}

	// Trusting the authority but reaching the server by a name its certificate does
	// not carry (httptest's is for 127.0.0.1, ::1 and example.com).
	u, _ := url.Parse(srv.ts.URL)
	_, err = syncer.NewClient("https://localhost:"+u.Port(), "", srv.ts.Client(), syncer.CompressAuto).Info(ctx)
	if !errors.As(err, &ce) || ce.Reason != "issued for another name" || ce.Fingerprint != fp {
		t.Fatalf("wrong name: %v", err)
	}
}

func TestConnectWithOwnCA(t *testing.T) {
	ctx := context.Background()
	srv := newTLSServer(t)
	team := srv.env.Team("South London")
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.ts.Certificate().Raw})

	db := storetest.Open(t)
	if _, err := syncer.ConnectCA(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), []byte("not a certificate"), nil); involve.ErrorCode(err) != involve.EINVALID ||
		len(involve.ErrorFields(err)) != 1 || involve.ErrorFields(err)[0].Field != "ca" {
		t.Fatalf("a file with no certificate: %v", err)
	}
	// another authority is not enough: only the one given is trusted
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Another authority"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	otherPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	_, err = syncer.ConnectCA(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), otherPEM, nil)
	if err == nil || !strings.Contains(err.Error(), fingerprint(srv.ts)) || !strings.Contains(err.Error(), "not issued by an authority this laptop trusts") {
		t.Fatalf("connect trusting another authority: %v", err)
	}

	set, err := syncer.ConnectCA(ctx, db, srv.ts.URL, srv.env.Code(team.ID, time.Hour), caPEM, nil)
	if err != nil {
		t.Fatalf("connect --ca: %v", err)
	}
	if set.CAPEM != string(caPEM) {
		t.Fatal("the authority is not stored with the connection")
	}
	// every later sync trusts it, with the default HTTP client
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := db.CreateSession(ctx, involve.SessionInput{Title: fmt.Sprint("Session ", i), Date: "2026-11-24", Type: "workshop"}); err != nil {
			t.Fatal(err)
		}
		sum, err := e.SyncOnce(ctx, nil)
		if err != nil || sum.Push.Applied != 1 {
			t.Fatalf("sync %d: %+v, %v", i, sum, err)
		}
	}

	// Connected again without it (through a client that trusts the server, with a code
	// made for this laptop: its id is enrolled): forgotten, and the running engine no
	// longer trusts it.
	if set, err = syncer.Connect(ctx, db, srv.ts.URL, srv.env.CodeFor(team.ID, db.DeviceID(), time.Hour), srv.ts.Client()); err != nil || set.CAPEM != "" {
		t.Fatalf("connect again: %v, authority %q", err, set.CAPEM)
	}
	var ce *syncer.CertificateError
	if _, err := e.SyncOnce(ctx, nil); !errors.As(err, &ce) || ce.Fingerprint != fingerprint(srv.ts) {
		t.Fatalf("sync after the authority was dropped: %v", err)
	}
}

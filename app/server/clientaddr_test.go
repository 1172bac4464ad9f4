package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// logBuffer collects the server's log lines (the handler writes from its goroutines).
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// proxied configures the server to trust proxies in cidrs and to log into logs.
func proxied(logs *logBuffer, cidrs ...string) func(*server.Config) {
	return func(c *server.Config) {
		for _, s := range cidrs {
			c.TrustedProxies = append(c.TrustedProxies, netip.MustParsePrefix(s))
		}
		if logs != nil {
			c.Logger = slog.New(slog.NewTextHandler(logs, nil))
		}
	}
}

func wantStatus(t *testing.T, what string, r servertest.Response, status int, code string) {
	t.Helper()
	if r.Status != status || r.Error().Code != code {
		t.Fatalf("%s: %d %s, want %d %s", what, r.Status, r.Body, status, code)
	}
}

// loggedRemotes is the remote address of each request line of the log, by path.
func loggedRemotes(t *testing.T, e *servertest.Env, logs *logBuffer) map[string]string {
	t.Helper()
	e.Server.Close() // waits for every request, and so for its log line
	out := map[string]string{}
	re := regexp.MustCompile(`msg=request .*path=(\S+) .*remote=(\S+)`)
	for _, line := range strings.Split(logs.String(), "\n") {
		if m := re.FindStringSubmatch(line); m != nil {
			out[m[1]] = m[2]
		}
	}
	return out
}

// TestClientAddressBehindTrustedProxy: from a trusted proxy (the test client is on
// 127.0.0.1) the client is the rightmost untrusted hop of X-Forwarded-For. A leftmost
// value the client wrote itself is not believed, nor is a hop that is not an address.
func TestClientAddressBehindTrustedProxy(t *testing.T) {
	var logs logBuffer
	e := servertest.NewEnv(t, servertest.SQLite, proxied(&logs, "127.0.0.1/32", "10.0.0.0/8"))
	cases := []struct{ xff, want string }{
		{"", "127.0.0.1"},
		{"203.0.113.7", "203.0.113.7"},
		{"198.51.100.1, 203.0.113.7", "203.0.113.7"}, // the client wrote 198.51.100.1 itself
		{"198.51.100.1,203.0.113.7, 10.1.2.3", "203.0.113.7"},
		{"203.0.113.7, 127.0.0.1", "203.0.113.7"},
		{"unknown, 203.0.113.7", "203.0.113.7"},
		{"203.0.113.7, not-an-address", "127.0.0.1"},
		{"203.0.113.7, 10.1.2.3:4711, unknown", "127.0.0.1"},
		{"[2001:db8::1]:4711", "2001:db8::1"},
		{"::ffff:203.0.113.9", "203.0.113.9"},
		{"203.0.113.7:443", "203.0.113.7"},
		{"10.9.9.9, 10.1.2.3", "10.9.9.9"}, // every hop trusted: the leftmost
	}
	for i, c := range cases {
		e.Do("GET", fmt.Sprintf("/v1/case-%d", i), "", nil, "X-Forwarded-For", c.xff)
	}
	got := loggedRemotes(t, e, &logs)
	for i, c := range cases {
		if r := got[fmt.Sprintf("/v1/case-%d", i)]; r != c.want {
			t.Errorf("X-Forwarded-For %q from a trusted proxy: logged remote %q, want %q", c.xff, r, c.want)
		}
	}
	if !strings.Contains(logs.String(), "peer=127.0.0.1:") {
		t.Errorf("the request log does not name the proxy (peer=…): %s", logs.String())
	}
}

// TestClientAddressUntrustedPeer: X-Forwarded-For from a peer that is not a trusted
// proxy, or with no trusted proxies at all, is ignored everywhere: in the request log
// and in the enrolment's audit line.
func TestClientAddressUntrustedPeer(t *testing.T) {
	for _, cidrs := range [][]string{nil, {"10.0.0.0/8", "::1/128"}} {
		var logs logBuffer
		e := servertest.NewEnv(t, servertest.SQLite, proxied(&logs, cidrs...))
		tm := e.Team("T")
		req := syncapi.EnrolRequest{Code: e.Code(tm.ID, time.Hour), DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "laptop"}
		if r := e.Do("POST", "/v1/enrol", "", req, "X-Forwarded-For", "203.0.113.7"); r.Status != 200 {
			t.Fatalf("enrol: %d %s", r.Status, r.Body)
		}
		if got := loggedRemotes(t, e, &logs)["/v1/enrol"]; got != "127.0.0.1" {
			t.Errorf("trusted %v, peer 127.0.0.1 sent X-Forwarded-For 203.0.113.7: logged remote %q, want 127.0.0.1", cidrs, got)
		}
		if detail := enrolAudit(t, e, tm.ID); !strings.HasSuffix(detail, " from 127.0.0.1") {
			t.Errorf("trusted %v: enrolment audit %q should say from 127.0.0.1", cidrs, detail)
		}
	}
}

// TestEnrolAuditAddressBehindProxy: the enrolment's audit line has the client's
// address from a trusted proxy, not the proxy's.
func TestEnrolAuditAddressBehindProxy(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, proxied(nil, "127.0.0.1/32"))
	tm := e.Team("T")
	req := syncapi.EnrolRequest{Code: e.Code(tm.ID, time.Hour), DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "laptop"}
	if r := e.Do("POST", "/v1/enrol", "", req, "X-Forwarded-For", "198.51.100.1, 203.0.113.7"); r.Status != 200 {
		t.Fatalf("enrol: %d %s", r.Status, r.Body)
	}
	if detail := enrolAudit(t, e, tm.ID); !strings.HasSuffix(detail, " from 203.0.113.7") {
		t.Errorf("enrolment audit %q should say from 203.0.113.7", detail)
	}
}

func enrolAudit(t *testing.T, e *servertest.Env, teamID string) string {
	t.Helper()
	entries, err := e.Store.ListAudit(context.Background(), teamID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range entries {
		if a.Action == "enrol" {
			return a.Detail
		}
	}
	t.Fatalf("no enrol entry in the audit log: %+v", entries)
	return ""
}

// badCode tries to enrol with a code that does not exist, from xff.
func badCode(e *servertest.Env, xff string) servertest.Response {
	req := syncapi.EnrolRequest{Code: "AAAA-BBBB-CCCC", DeviceID: uuid.Must(uuid.NewV7()).String(), DeviceName: "laptop"}
	return e.Do("POST", "/v1/enrol", "", req, "X-Forwarded-For", xff)
}

// TestEnrolLimitPerClientBehindProxy: behind a trusted proxy each client has its own
// enrolment bucket, and changing the leftmost X-Forwarded-For does not give a new one.
func TestEnrolLimitPerClientBehindProxy(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, proxied(nil, "127.0.0.1/32"))
	for i := range 20 {
		wantStatus(t, "bad code "+strconv.Itoa(i), badCode(e, "203.0.113.7"), 401, syncapi.EUNAUTH)
	}
	r := badCode(e, "203.0.113.7")
	wantStatus(t, "21st attempt", r, 429, syncapi.ERATELIMITED)
	if r.Header.Get("Retry-After") != "6" {
		t.Errorf("Retry-After %q, want 6", r.Header.Get("Retry-After"))
	}
	wantStatus(t, "spoofed leftmost", badCode(e, "198.51.100.2, 203.0.113.7"), 429, syncapi.ERATELIMITED)
	wantStatus(t, "another client", badCode(e, "198.51.100.2"), 401, syncapi.EUNAUTH)
}

// TestEnrolLimitIgnoresUntrustedForwardedFor: without trusted proxies, a client that
// sends a new X-Forwarded-For every time still has one bucket.
func TestEnrolLimitIgnoresUntrustedForwardedFor(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, proxied(nil, "10.0.0.0/8"))
	for i := range 20 {
		wantStatus(t, "bad code "+strconv.Itoa(i), badCode(e, "203.0.113."+strconv.Itoa(i)), 401, syncapi.EUNAUTH)
	}
	wantStatus(t, "21st attempt", badCode(e, "198.51.100.2"), 429, syncapi.ERATELIMITED)
}

// TestRateZeroKeepsEnrolLimit: RateLimit zero (--rate 0) turns off the per-device
// limit only; enrolment attempts are still limited per address.
func TestRateZeroKeepsEnrolLimit(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.RateLimit = server.RateLimit{} })
	d := e.Enrol(e.Team("T").ID) // one attempt of the 20
	for range 50 {
		d.Pull("", 0) // no per-device limit
	}
	for i := range 19 {
		wantStatus(t, "bad code "+strconv.Itoa(i), badCode(e, ""), 401, syncapi.EUNAUTH)
	}
	wantStatus(t, "21st attempt with --rate 0", badCode(e, ""), 429, syncapi.ERATELIMITED)
	e.Clock.Advance(6 * time.Second)
	wantStatus(t, "after 6 s", badCode(e, ""), 401, syncapi.EUNAUTH)
}

// TestBadTokenLimit: requests without a valid token (missing, unknown, revoked) are
// limited per client address, with --rate 0 too; good tokens do not count; another
// address is not affected; an address over the limit is refused before its token is
// looked up, even a good one.
func TestBadTokenLimit(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, proxied(nil, "127.0.0.1/32"))
	tm := e.Team("T")
	d, revoked := e.Enrol(tm.ID), e.Enrol(tm.ID)
	if err := e.Store.RevokeDevice(context.Background(), revoked.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	const guesser = "203.0.113.7"
	pull := func(token, xff string) servertest.Response {
		return e.Do("GET", "/v1/sync/pull", token, nil, "X-Forwarded-For", xff)
	}
	for range 30 {
		if r := pull(d.Token, guesser); r.Status != 200 {
			t.Fatalf("good token: %d %s", r.Status, r.Body)
		}
	}
	for i := range 20 {
		token := []string{"", "inv1_guess" + strconv.Itoa(i), revoked.Token}[i%3]
		wantStatus(t, fmt.Sprintf("bad token %d %q", i, token), pull(token, guesser), 401, syncapi.EUNAUTH)
	}
	r := pull("inv1_guess", guesser)
	wantStatus(t, "21st bad token", r, 429, syncapi.ERATELIMITED)
	if r.Header.Get("Retry-After") != "6" {
		t.Errorf("Retry-After %q, want 6", r.Header.Get("Retry-After"))
	}
	wantStatus(t, "spoofed leftmost", pull("inv1_guess", "198.51.100.2, "+guesser), 429, syncapi.ERATELIMITED)
	wantStatus(t, "good token from the limited address", pull(d.Token, guesser), 429, syncapi.ERATELIMITED)
	wantStatus(t, "push too", e.Do("POST", "/v1/sync/push", "", syncapi.PushRequest{}, "X-Forwarded-For", guesser), 429, syncapi.ERATELIMITED)
	wantStatus(t, "another address", pull("inv1_guess", "198.51.100.2"), 401, syncapi.EUNAUTH)
	if r := pull(d.Token, "198.51.100.2"); r.Status != 200 {
		t.Errorf("good token from another address: %d %s", r.Status, r.Body)
	}
	e.Clock.Advance(6 * time.Second)
	if r := pull(d.Token, guesser); r.Status != 200 {
		t.Errorf("good token after 6 s: %d %s", r.Status, r.Body)
	}
	wantStatus(t, "bad token after 6 s", pull("inv1_guess", guesser), 401, syncapi.EUNAUTH)
	wantStatus(t, "and the next", pull("inv1_guess", guesser), 429, syncapi.ERATELIMITED)
}

// TestBadTokenLimitIPv6Network: an IPv6 client has its whole /64 as one address, so a
// new address for every guess does not give a new bucket.
func TestBadTokenLimitIPv6Network(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, proxied(nil, "127.0.0.1/32"))
	for i := range 20 {
		r := e.Do("GET", "/v1/devices/me", "inv1_guess", nil, "X-Forwarded-For", fmt.Sprintf("2001:db8::%x", i+1))
		wantStatus(t, "guess "+strconv.Itoa(i), r, 401, syncapi.EUNAUTH)
	}
	wantStatus(t, "same /64", e.Do("GET", "/v1/devices/me", "inv1_guess", nil, "X-Forwarded-For", "2001:db8::ffff:1"), 429, syncapi.ERATELIMITED)
	wantStatus(t, "another /64", e.Do("GET", "/v1/devices/me", "inv1_guess", nil, "X-Forwarded-For", "2001:db8:0:1::1"), 401, syncapi.EUNAUTH)
}

// TestReadyzInsecureHTTP: with InsecureHTTP (--insecure-http) /readyz still answers
// 200 but says that tokens travel in clear.
func TestReadyzInsecureHTTP(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite)
	if r := e.Do("GET", "/readyz", "", nil); r.Status != 200 || string(r.Body) != "ok\n" {
		t.Errorf("readyz: %d %q", r.Status, r.Body)
	}
	e = servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.InsecureHTTP = true })
	if r := e.Do("GET", "/readyz", "", nil); r.Status != 200 || !strings.Contains(string(r.Body), "warning: plain HTTP") ||
		!strings.Contains(string(r.Body), "in clear") {
		t.Errorf("readyz with InsecureHTTP: %d %q", r.Status, r.Body)
	}
}

// TestParseTrustedProxies: lists, single addresses and clear errors.
func TestParseTrustedProxies(t *testing.T) {
	got, err := server.ParseTrustedProxies("127.0.0.1/32, 10.1.2.3/8", "::1", "192.0.2.4")
	want := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("192.0.2.4/32")}
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ParseTrustedProxies = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"10.0.0.0/33", "nginx", "10.0.0.0/8;", "0.0.0.0/0", "::/0", "fe80::1%eth0"} {
		if _, err := server.ParseTrustedProxies(bad); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", bad)) {
			t.Errorf("ParseTrustedProxies(%q) = %v, want an error naming it", bad, err)
		}
	}
}

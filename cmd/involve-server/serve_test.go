package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/syncapi"
)

// noDatabase fails if a refused serve left a database behind: it refused before
// opening the store.
func noDatabase(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "involve-server.db")); err == nil {
		t.Error("a refused serve created the database")
	}
}

// refused runs serve with a context already cancelled, so that a serve that wrongly
// starts stops at once (exit 0) instead of serving for ever, and returns stderr.
func refused(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	if got := run(ctx, append([]string{"serve"}, args...), &out, &errb); got != 1 {
		t.Errorf("involve-server serve %s: exit %d, want 1\nstderr: %s", strings.Join(args, " "), got, errb.String())
	}
	return errb.String()
}

// TestServeRefusesPlainHTTPOnTheNetwork: serve without TLS on an address other computers
// can reach is refused, with a message naming the ways out, unless --insecure-http
// (flag or environment) says so.
func TestServeRefusesPlainHTTPOnTheNetwork(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "192.0.2.1:8080"} {
		dir := t.TempDir()
		errOut := refused(t, "--addr", addr, "--data-dir", dir)
		for _, want := range []string{addr, "--tls-cert", "--tls-key", "--insecure-http", "in clear"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("serve --addr %s: %q should mention %s", addr, errOut, want)
			}
		}
		noDatabase(t, dir)
	}
	if errOut := refused(t, "--addr", "8080", "--data-dir", t.TempDir()); !strings.Contains(errOut, "HOST:PORT") {
		t.Errorf("serve --addr 8080: %q should say HOST:PORT", errOut)
	}
	// The address from the environment (the Docker image's :8080) is checked too.
	dir := t.TempDir()
	t.Setenv("INVOLVE_SERVER_ADDR", ":0")
	if errOut := refused(t, "--data-dir", dir); !strings.Contains(errOut, "--insecure-http") {
		t.Errorf("serve with INVOLVE_SERVER_ADDR=:0: %q", errOut)
	}
	noDatabase(t, dir)
	t.Setenv("INVOLVE_SERVER_INSECURE_HTTP", "not-a-bool")
	if errOut := refused(t, "--data-dir", dir); !strings.Contains(errOut, "INVOLVE_SERVER_INSECURE_HTTP") {
		t.Errorf("serve with a bad INVOLVE_SERVER_INSECURE_HTTP: %q", errOut)
	}
}

// TestServeTLSNotRefused: with a certificate the same address is not refused for
// plain HTTP (here the certificate files are missing, which is the error instead).
func TestServeTLSNotRefused(t *testing.T) {
	dir := t.TempDir()
	_, errOut := runCmd(t, 1, "serve", "--addr", "0.0.0.0:0", "--data-dir", dir,
		"--tls-cert", filepath.Join(dir, "missing.pem"), "--tls-key", filepath.Join(dir, "missing.key"))
	if strings.Contains(errOut, "--insecure-http") || !strings.Contains(errOut, "missing.pem") {
		t.Errorf("serve with TLS on 0.0.0.0: %q, want the missing certificate's error", errOut)
	}
}

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:80": true, "[::1]:8080": true, "localhost:8080": true, "LocalHost:1": true,
		"[::ffff:127.0.0.1]:80": true,
		":8080":                 false, "0.0.0.0:8080": false, "[::]:8080": false, "192.0.2.1:80": false, "[2001:db8::1]:80": false,
		"127.0.0.1": false, "": false,
	} {
		if got := loopbackAddr(context.Background(), addr); got != want {
			t.Errorf("loopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestTrustedProxyFlag: --trusted-proxy takes comma lists and may be repeated; the
// environment's list is replaced (not extended) by the command line; a bad range is a
// clear error naming it, from the flag or the environment, before anything is opened.
func TestTrustedProxyFlag(t *testing.T) {
	parse := func(args ...string) ([]netip.Prefix, error) {
		fs := newFlags("serve")
		var p proxyFlag
		fs.Var(&p, "trusted-proxy", "")
		_, err := fs.parse(args)
		return p.prefixes, err
	}
	want := func(s ...string) (out []netip.Prefix) {
		for _, x := range s {
			out = append(out, netip.MustParsePrefix(x))
		}
		return out
	}
	same := slices.Equal[[]netip.Prefix]
	if got, err := parse("--trusted-proxy", "127.0.0.1/32,10.0.0.0/8", "--trusted-proxy", "::1"); err != nil ||
		!same(got, want("127.0.0.1/32", "10.0.0.0/8", "::1/128")) {
		t.Errorf("repeated and comma list: %v, %v", got, err)
	}
	t.Setenv("INVOLVE_SERVER_TRUSTED_PROXY", "172.17.0.1/32, 10.0.0.0/8")
	if got, err := parse(); err != nil || !same(got, want("172.17.0.1/32", "10.0.0.0/8")) {
		t.Errorf("from the environment: %v, %v", got, err)
	}
	if got, err := parse("--trusted-proxy=127.0.0.1/32"); err != nil || !same(got, want("127.0.0.1/32")) {
		t.Errorf("the command line should replace the environment's list: %v, %v", got, err)
	}

	dir := t.TempDir()
	t.Setenv("INVOLVE_SERVER_TRUSTED_PROXY", "")
	for _, bad := range []string{"nginx", "10.0.0.0/33", "0.0.0.0/0", "127.0.0.1/32,300.0.0.1"} {
		errOut := refused(t, "--addr", "127.0.0.1:0", "--data-dir", dir, "--trusted-proxy", bad)
		if !strings.Contains(errOut, "trusted-proxy") || !strings.Contains(errOut, "CIDR") && !strings.Contains(errOut, "every address") {
			t.Errorf("--trusted-proxy %q: %q", bad, errOut)
		}
	}
	t.Setenv("INVOLVE_SERVER_TRUSTED_PROXY", "127.0.0.1/8x")
	if errOut := refused(t, "--addr", "127.0.0.1:0", "--data-dir", dir); !strings.Contains(errOut, "INVOLVE_SERVER_TRUSTED_PROXY") ||
		!strings.Contains(errOut, `"127.0.0.1/8x"`) {
		t.Errorf("a bad INVOLVE_SERVER_TRUSTED_PROXY: %q", errOut)
	}
	noDatabase(t, dir)
}

// TestServeInsecureHTTPBehindProxy: with INVOLVE_SERVER_INSECURE_HTTP the server starts
// on every interface, warns in its log and in /readyz; with --trusted-proxy the
// request log and the enrolment's audit line have the address from X-Forwarded-For.
func TestServeInsecureHTTPBehindProxy(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "T", "--data-dir", dir)
	code := lastLine(runOut(t, "enrol", "--team", "T", "--role", "staff", "--data-dir", dir))

	t.Setenv("INVOLVE_SERVER_INSECURE_HTTP", "1")
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "0.0.0.0:0", "--data-dir", dir, "--trusted-proxy", "127.0.0.1/32"}, &bytes.Buffer{}, &logs)
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(40 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	portRe := regexp.MustCompile(`url=http://(?:0\.0\.0\.0|\[::\]):(\d+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		if m := portRe.FindStringSubmatch(logs.String()); m != nil {
			base = "http://127.0.0.1:" + m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "in clear") {
		t.Errorf("no warning at start: %s", logs.String())
	}
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), "warning: plain HTTP on a non-loopback address") {
		t.Errorf("/readyz: %d %q", res.StatusCode, body)
	}

	raw, _ := json.Marshal(syncapi.EnrolRequest{Code: code, DeviceID: uuid.NewString(), DeviceName: "laptop"})
	req, _ := http.NewRequest("POST", base+"/v1/enrol", bytes.NewReader(raw))
	req.Header.Set("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("enrol: %d", res.StatusCode)
	}
	if out := runOut(t, "audit", "--team", "T", "--data-dir", dir); !strings.Contains(out, "from 203.0.113.7") {
		t.Errorf("audit should have the client's address from X-Forwarded-For: %q", out)
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/syncapi"
)

// runCmd runs a command in-process and returns its stdout.
func runCmd(t *testing.T, want int, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if got := run(context.Background(), args, &out, &errb); got != want {
		t.Fatalf("involve-server %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, want, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

var codeRe = regexp.MustCompile(`^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$`)

func TestAdminCommands(t *testing.T) {
	dir := t.TempDir()
	out, _ := runCmd(t, 0, "team", "add", "South London", "--data-dir", dir)
	teamID, name, _ := strings.Cut(strings.TrimSpace(out), "\t")
	if uuid.Validate(teamID) != nil || name != "South London" {
		t.Fatalf("team add printed %q", out)
	}
	runCmd(t, 1, "team", "add", "south london", "--data-dir", dir) // names are unique

	// The data directory from the environment; a flag wins over it.
	t.Setenv("INVOLVE_SERVER_DATA_DIR", dir)
	if out, _ := runCmd(t, 0, "team", "list"); !strings.Contains(out, teamID) {
		t.Errorf("team list (data dir from the environment): %q", out)
	}
	if out, _ := runCmd(t, 0, "team", "list", "--data-dir", t.TempDir()); strings.Contains(out, teamID) {
		t.Errorf("--data-dir did not win over INVOLVE_SERVER_DATA_DIR: %q", out)
	}

	out, _ = runCmd(t, 0, "enrol", "--team", "South London", "--role", "staff", "--expires", "2h")
	code := lastLine(out)
	if !codeRe.MatchString(code) {
		t.Fatalf("enrol's last line %q is not the code alone", code)
	}
	qr := filepath.Join(dir, "enrol-"+code+".png")
	f, err := os.Open(qr)
	if err != nil {
		t.Fatalf("QR image: %v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() < 100 {
		t.Errorf("QR image does not decode as a PNG: %v", err)
	}
	if fi, _ := os.Stat(qr); fi.Mode().Perm() != 0o600 {
		t.Errorf("QR image mode %v, want 0600 (the code is a secret)", fi.Mode().Perm())
	}
	other := filepath.Join(t.TempDir(), "code.png")
	out, _ = runCmd(t, 0, "enrol", "--team", teamID, "--role", "lead", "--qr", other)
	if _, err := os.Stat(other); err != nil || !codeRe.MatchString(lastLine(out)) {
		t.Errorf("enrol --qr: %v, %q", err, out)
	}
	runCmd(t, 1, "enrol", "--team", "Nobody", "--role", "staff")
	runCmd(t, 1, "enrol")

	if out, _ := runCmd(t, 0, "device", "list", "--team", "South London"); strings.Count(out, "\n") != 1 {
		t.Errorf("device list with no devices: %q", out)
	}
	runCmd(t, 1, "device", "revoke", "0195f3a4-0000-7000-8000-000000000000")
	out, _ = runCmd(t, 0, "audit", "--team", "South London")
	if !strings.Contains(out, "team.add") || strings.Count(out, "enrol.code") != 2 {
		t.Errorf("audit: %q", out)
	}
	if strings.Contains(out, code) {
		t.Error("the audit log shows an enrolment code")
	}
	if out, _ := runCmd(t, 0, "version"); !strings.HasPrefix(out, "involve-server ") {
		t.Errorf("version: %q", out)
	}
	runCmd(t, 2, "frobnicate")
	runCmd(t, 2)
}

func TestPostgresURLWithoutSupport(t *testing.T) {
	if openPostgres != nil {
		t.Skip("this build has PostgreSQL support")
	}
	_, errOut := runCmd(t, 1, "team", "list", "--db", "postgres://u:secret@localhost/involve")
	if !strings.Contains(errOut, "PostgreSQL") || strings.Contains(errOut, "secret") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestRedact(t *testing.T) {
	if got := redact("postgres://involve:s3cret@db:5432/involve?sslmode=require&password=x"); strings.Contains(got, "s3cret") || strings.Contains(got, "password") {
		t.Errorf("redact = %q", got)
	}
}

// syncBuffer is a buffer that the server's log and the test read at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestServe(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "T", "--data-dir", dir)
	out, _ := runCmd(t, 0, "enrol", "--team", "T", "--role", "staff", "--data-dir", dir)
	code := lastLine(out)

	t.Setenv("INVOLVE_SERVER_ADDR", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data-dir", dir, "--rate", "100"}, &bytes.Buffer{}, &logs)
	}()
	urlRe := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; {
		if m := urlRe.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("server did not start: %s", logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	post := func(path, token string, body any) *http.Response {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", base+path, bytes.NewReader(raw))
		req.Header.Set(syncapi.ProtocolHeader, "1")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	devID := uuid.Must(uuid.NewV7()).String()
	res := post("/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: devID, DeviceName: "laptop"})
	var enrolled syncapi.EnrolResponse
	json.NewDecoder(res.Body).Decode(&enrolled)
	res.Body.Close()
	if res.StatusCode != 200 || enrolled.Token == "" {
		t.Fatalf("enrol: %d", res.StatusCode)
	}
	res = post("/v1/sync/push", enrolled.Token, syncapi.PushRequest{})
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("push: %d", res.StatusCode)
	}
	if out, _ := runCmd(t, 0, "device", "list", "--team", "T", "--data-dir", dir); !strings.Contains(out, devID) {
		t.Errorf("device list while serving: %q", out)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d: %s", code, logs.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("serve did not stop")
	}
	if fi, err := os.Stat(filepath.Join(dir, "involve-server.db")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
}

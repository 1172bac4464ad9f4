package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

func TestSyncCommands(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	dir := t.TempDir()
	var out, errs bytes.Buffer
	syncOut, syncErr = &out, &errs
	t.Cleanup(func() { syncOut, syncErr = os.Stdout, os.Stderr })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		errs.Reset()
		return runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
	}

	// the app is open on this folder, with its own background sync
	appDB, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer appDB.Close()
	s, _ := appDB.CreateSession(ctx, involve.SessionInput{Title: "Made in the app", Date: "2026-11-24", Type: "workshop"})
	for i := 0; i < 30; i++ {
		appDB.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "card"})
	}

	t.Run("StatusNotConnected", func(t *testing.T) {
		if code := run("status"); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if !strings.Contains(out.String(), "connected:  no") || !strings.Contains(out.String(), "pending:    31") {
			t.Fatalf("status:\n%s", out.String())
		}
	})
	t.Run("SyncNotConnected", func(t *testing.T) {
		if code := run("sync"); code != 1 {
			t.Fatalf("exit %d", code)
		}
	})
	t.Run("ConnectProblems", func(t *testing.T) {
		if code := run("connect", "http://involve.example.org", "K7QD"); code != 1 {
			t.Fatalf("plain http elsewhere: exit %d", code)
		}
		if code := run("connect", env.Server.URL, "WRNG-CODE-0000"); code != 1 {
			t.Fatalf("wrong code: exit %d", code)
		}
		if code := run("connect", env.Server.URL); code != 2 {
			t.Fatalf("no code: exit %d", code)
		}
	})
	t.Run("Connect", func(t *testing.T) {
		if code := run("connect", env.Server.URL, env.Code(team.ID, time.Hour)); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if !strings.Contains(out.String(), team.Name) || !strings.Contains(out.String(), "enrolled for staff") {
			t.Fatalf("connect said %q", out.String())
		}
	})
	t.Run("SyncWhileTheAppSyncs", func(t *testing.T) {
		appEngine, err := syncer.FromSettings(ctx, appDB, nil)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error)
		go func() { _, err := appEngine.SyncOnce(ctx, nil); done <- err }()
		code := run("sync")
		if err := <-done; err != nil {
			t.Fatalf("the app's sync: %v", err)
		}
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
		line := out.String()
		if !strings.HasPrefix(line, "sync: pushed ") || !strings.HasSuffix(line, "0 conflicts, 0 rejected\n") {
			t.Fatalf("summary %q", line)
		}
		if !strings.Contains(errs.String(), "sync: receiving changes") {
			t.Errorf("no progress on stderr: %q", errs.String())
		}
		if n, _, _, _ := appDB.SyncCounts(ctx); n != 0 {
			t.Fatalf("%d changes still waiting", n)
		}
		// nothing doubled on the server
		var records int
		env.Store.Records(ctx, team.ID, func(serverstore.Record) error { records++; return nil })
		if records != 31 {
			t.Fatalf("server has %d records, want 31", records)
		}
	})
	t.Run("Status", func(t *testing.T) {
		if code := run("status"); code != 0 {
			t.Fatalf("exit %d", code)
		}
		for _, want := range []string{"connected:  yes", "role:       staff", "team:       " + team.Name, "server:     " + env.Server.URL, "pending:    0", "rejected:   0", "conflicts:  0", "state:      idle"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("status lacks %q:\n%s", want, out.String())
			}
		}
		if strings.Contains(out.String(), "last synced: never") {
			t.Errorf("status:\n%s", out.String())
		}
	})
	t.Run("SyncFailsOffline", func(t *testing.T) {
		env.Server.Close()
		if code := run("sync"); code != 1 {
			t.Fatalf("exit %d", code)
		}
		run("status")
		if !strings.Contains(out.String(), "state:      offline") {
			t.Fatalf("status:\n%s", out.String())
		}
	})
}

// TestStatusShowsRole: `involve status` prints the laptop's role and what its last
// change did.
func TestStatusShowsRole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out bytes.Buffer
	syncOut = &out
	t.Cleanup(func() { syncOut = os.Stdout })
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.SetPassphrase(t, db)
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
			GivenAt: "2026-01-10", GivenBy: "Themselves"}); err != nil {
		t.Fatal(err)
	}
	if err := syncer.SaveConnection(ctx, db, syncer.Connection{ServerURL: "https://involve.example.nhs.uk", DeviceToken: "inv1_x",
		TeamID: "t1", TeamName: "South London", DeviceName: "kiosk", Role: involve.RoleNameCapture}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv(PassphraseEnv, storetest.Passphrase) // the sync token is sealed
	if code := runCommand("status", []string{"--data-dir", dir}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"role:       capture", "This laptop is now enrolled for capture. 1 Lived Experience Partner and 1 consent record were removed from it."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

// TestConnectForCapture: `involve connect` with a code for capture, on a laptop that
// holds a partner, prints the role and what connecting for it removed. The real server
// answers; its enrol answer states the role (until the server keeps roles itself).
func TestConnectForCapture(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	capture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/enrol" {
			env.API.ServeHTTP(w, r)
			return
		}
		r.Header.Del("Accept-Encoding")
		rec := httptest.NewRecorder()
		env.API.ServeHTTP(rec, r)
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Errorf("enrol answer: %v", err)
		}
		m["role"] = involve.RoleNameCapture
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		json.NewEncoder(w).Encode(m)
	}))
	t.Cleanup(capture.Close)
	dir := t.TempDir()
	var out bytes.Buffer
	syncOut = &out
	t.Cleanup(func() { syncOut = os.Stdout })
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	storetest.SetPassphrase(t, db)
	if _, _, err := db.CreateContributor(ctx, &involve.Contributor{Name: "Priya", PaymentPreference: "payroll"},
		&involve.Consent{Purposes: []string{"analysis"}, LawfulBasis: "consent", NoticeVersion: "v3", Method: "written",
			GivenAt: "2026-01-10", GivenBy: "Themselves"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv(PassphraseEnv, storetest.Passphrase) // the device token is sealed
	if code := runCommand("connect", []string{"--data-dir", dir, capture.URL, env.Code(team.ID, time.Hour)}); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	for _, want := range []string{"enrolled for capture\n", "This laptop is now enrolled for capture. 1 Lived Experience Partner and 1 consent record were removed from it."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("connect lacks %q:\n%s", want, out.String())
		}
	}
}

// TestConnectOwnCA: `involve connect --ca FILE` against the real server behind TLS with
// a certificate of its own (httptest's, which no system trusts).
func TestConnectOwnCA(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	ts := httptest.NewTLSServer(env.API)
	defer ts.Close()
	dir := t.TempDir()
	ca := filepath.Join(t.TempDir(), "team-ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(ts.Certificate().Raw)
	var fp []string
	for _, b := range sum {
		fp = append(fp, fmt.Sprintf("%02X", b))
	}
	var out, errs bytes.Buffer
	syncOut, syncErr = &out, &errs
	t.Cleanup(func() { syncOut, syncErr = os.Stdout, os.Stderr })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		errs.Reset()
		return runCommand(args[0], append([]string{"--data-dir", dir}, args[1:]...))
	}

	// without --ca: a certificate problem, with the certificate's fingerprint
	if code := run("connect", ts.URL, env.Code(team.ID, time.Hour)); code != 1 {
		t.Fatalf("connect without --ca: exit %d", code)
	}
	connectArgs.ca = ""
	err := cmdConnect(ctx, dir, []string{ts.URL, env.Code(team.ID, time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "certificate") || !strings.Contains(err.Error(), strings.Join(fp, ":")) {
		t.Fatalf("connect without --ca said %v", err)
	}
	if code := run("connect", "--ca", filepath.Join(dir, "missing.pem"), ts.URL, env.Code(team.ID, time.Hour)); code != 1 {
		t.Fatalf("connect --ca with no such file: exit %d", code)
	}

	if code := run("connect", "--ca", ca, ts.URL, env.Code(team.ID, time.Hour)); code != 0 {
		t.Fatalf("connect --ca: exit %d", code)
	}
	if !strings.Contains(out.String(), team.Name) || !strings.Contains(out.String(), "trusting only the certificate authority in "+ca) {
		t.Fatalf("connect --ca said %q", out.String())
	}
	db, err := openDB(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Over our own CA", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for i := range 2 {
		if code := run("sync"); code != 0 {
			t.Fatalf("sync %d: exit %d", i, code)
		}
	}
	if code := run("status"); code != 0 || !strings.Contains(out.String(), "pending:    0") || !strings.Contains(out.String(), "state:      idle") {
		t.Fatalf("status: exit %d\n%s", code, out.String())
	}
}

package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
)

var headRe = regexp.MustCompile(`(?m)^head: ([0-9a-f]{64}) \(entry number (\d+)\)$`)

// TestAuditVerify: audit verify says the log is intact and prints its head hash; after
// an entry is edited in the database it names that entry and exits 1; with --head it
// catches entries cut from the end. audit --server lists the server's own entries.
func TestAuditVerify(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "Alpha", "--data-dir", dir)
	runCmd(t, 0, "enrol", "--team", "Alpha", "--role", "staff", "--data-dir", dir)
	out := runOut(t, "audit", "verify", "--data-dir", dir)
	m := headRe.FindStringSubmatch(out)
	if !strings.HasPrefix(out, "audit log intact: 2 entries\n") || m == nil || m[2] != "2" {
		t.Fatalf("audit verify printed %q, want intact, 2 entries and the head", out)
	}
	head := m[1]

	// The server's own entries (failed authentications) are listed with --server only.
	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	err = st.Audit(context.Background(), serverstore.AuditEntry{At: time.Now(), TeamID: serverstore.ServerTeam, Action: "auth.failed",
		Detail: "9 attempts from 203.0.113.9 at 2026-12-06T09:00:00Z: unknown token"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := runOut(t, "audit", "--server", "--data-dir", dir); !strings.Contains(out, "auth.failed") || !strings.Contains(out, "203.0.113.9") {
		t.Errorf("audit --server: %q", out)
	}
	if out := runOut(t, "audit", "--team", "Alpha", "--data-dir", dir); strings.Contains(out, "auth.failed") {
		t.Errorf("a team's audit lists the server's entries: %q", out)
	}
	runCmd(t, 1, "audit", "--server", "--team", "Alpha", "--data-dir", dir)

	out = runOut(t, "audit", "verify", "--head", head, "--data-dir", dir)
	if !strings.HasPrefix(out, "audit log intact: 3 entries\n") || !strings.Contains(out, "head written down earlier is entry 2") {
		t.Errorf("audit verify --head: %q", out)
	}
	_, errOut := runCmd(t, 1, "audit", "verify", "--head", "abc", "--data-dir", dir)
	if !strings.Contains(errOut, "64 hexadecimal digits") {
		t.Errorf("a malformed --head: %q", errOut)
	}

	db, err := sql.Open("sqlite3", filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	exec := func(q string) {
		t.Helper()
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// Entries cut from the end: the rest verifies, but not against the head.
	exec("DELETE FROM audit WHERE seq >= 2")
	runCmd(t, 0, "audit", "verify", "--data-dir", dir)
	if _, errOut := runCmd(t, 1, "audit", "verify", "--head", head, "--data-dir", dir); !strings.Contains(errOut, "none has the head hash "+head) ||
		!strings.Contains(errOut, "cut from the end") {
		t.Errorf("audit verify --head after a cut: %q", errOut)
	}
	// An edited entry is named, and the command fails.
	runCmd(t, 0, "enrol", "--team", "Alpha", "--role", "capture", "--data-dir", dir)
	runCmd(t, 0, "enrol", "--team", "Alpha", "--role", "capture", "--data-dir", dir)
	exec("UPDATE audit SET detail = 'nothing to see' WHERE seq = 2")
	out, errOut = runCmd(t, 1, "audit", "verify", "--data-dir", dir)
	if out != "" || !strings.Contains(errOut, "audit log broken at entry 2 (numbered 2, at ") || !strings.Contains(errOut, "action enrol.code, team ") ||
		!strings.Contains(errOut, "does not match its hash") {
		t.Errorf("audit verify after an edit: stdout %q, stderr %q", out, errOut)
	}
}

package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestDeviceReenrol: an ordinary code cannot take over an enrolled laptop's id; a code
// from device reenrol re-enrols exactly that laptop, moving it to another team, and the
// move is in both teams' audit logs.
func TestDeviceReenrol(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "Old", "--data-dir", dir)
	runCmd(t, 0, "team", "add", "New", "--data-dir", dir)
	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	e := servertest.NewEnvOn(t, st)
	oldTeam, _ := st.FindTeam(context.Background(), "Old")
	newTeam, _ := st.FindTeam(context.Background(), "New")
	d := e.Enrol(oldTeam.ID)

	code := lastLine(runOut(t, "enrol", "--team", "New", "--role", "staff", "--data-dir", dir))
	r := e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: d.ID, DeviceName: "evil"})
	if r.Status != 409 || r.Error().Code != syncapi.ECONFLICT {
		t.Fatalf("takeover with an ordinary code: %d %s, want 409 conflict", r.Status, r.Body)
	}

	runCmd(t, 1, "device", "reenrol", uuid.NewString(), "--data-dir", dir)
	runCmd(t, 1, "device", "reenrol", d.ID, "--team", "Nobody", "--data-dir", dir)
	out := runOut(t, "device", "reenrol", d.ID, "--team", "New", "--expires", "1h", "--data-dir", dir)
	bound := lastLine(out)
	if !codeRe.MatchString(bound) || !strings.Contains(out, d.ID) || !strings.Contains(out, `"New"`) {
		t.Fatalf("device reenrol printed %q", out)
	}
	if r := e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: bound, DeviceID: uuid.NewString(), DeviceName: "x"}); r.Status != 401 {
		t.Errorf("the bound code for another id: %d %s, want 401", r.Status, r.Body)
	}
	var resp syncapi.EnrolResponse
	e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: bound, DeviceID: d.ID, DeviceName: d.Name}, 200, &resp)
	if resp.Team.ID != newTeam.ID {
		t.Errorf("re-enrolled into team %s, want New", resp.Team.ID)
	}
	if out := runOut(t, "device", "list", "--team", "Old", "--data-dir", dir); strings.Contains(out, d.ID) {
		t.Errorf("the moved device is still listed in Old: %q", out)
	}
	if out := runOut(t, "device", "list", "--team", "New", "--data-dir", dir); !strings.Contains(out, d.ID) {
		t.Errorf("the moved device is not listed in New: %q", out)
	}
	oldAudit := runOut(t, "audit", "--team", "Old", "--data-dir", dir)
	newAudit := runOut(t, "audit", "--team", "New", "--data-dir", dir)
	for _, want := range []string{"enrol.code", "device.move"} {
		if !strings.Contains(oldAudit, want) {
			t.Errorf("Old's audit has no %s: %s", want, oldAudit)
		}
	}
	for _, want := range []string{"enrol.code", "device.reenrol", "re-enrol device"} {
		if !strings.Contains(newAudit, want) {
			t.Errorf("New's audit has no %s: %s", want, newAudit)
		}
	}
}

// TestAdminOutputEscaped: stored names and audit details holding new lines, tabs,
// terminal escapes or bidi overrides (rows from before enrolment refused them) are
// printed quoted on one line, so they forge no lines, columns or colours.
func TestAdminOutputEscaped(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "T", "--data-dir", dir)
	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tm, _ := st.FindTeam(context.Background(), "T")
	now := time.Now().UTC()
	forged := "2026-11-24T10:00:00Z  device.revoke  -  forged"
	if err := st.CreateEnrolment(context.Background(), serverstore.Enrolment{CodeHash: "h", TeamID: tm.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour), Role: "staff"}); err != nil {
		t.Fatal(err)
	}
	devID := uuid.NewString()
	if _, err := st.Enrol(context.Background(), "h", now, serverstore.Device{ID: devID, Name: "laptop\n" + forged, UserName: "\x1b[31mred\u202e", TokenHash: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Audit(context.Background(), serverstore.AuditEntry{At: now, TeamID: tm.ID, DeviceID: devID, Action: "enrol",
		Detail: "device \"x\ty\" user \"\x1b]0;title\x07\"\r\n" + forged}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		lines int
	}{{[]string{"device", "list"}, 2}, {[]string{"audit"}, 3}} {
		args := tc.args
		out := runOut(t, append(args, "--team", "T", "--data-dir", dir)...)
		if n := strings.Count(out, "\n"); n != tc.lines {
			t.Errorf("%s printed %d lines, want a heading and %d rows:\n%s", args[0], n, tc.lines-1, out)
		}
		if strings.ContainsAny(out, "\x1b\x07\r\u202e") || strings.Contains(out, "\n"+forged) {
			t.Errorf("%s printed raw control characters or a forged line: %q", args[0], out)
		}
		if !strings.Contains(out, `\n`) {
			t.Errorf("%s does not show the new line escaped: %q", args[0], out)
		}
	}
}

func runOut(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := runCmd(t, 0, args...)
	return out
}

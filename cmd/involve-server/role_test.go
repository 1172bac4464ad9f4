package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestRoleCommands: enrol needs --role and gives the code's role to the laptop;
// device list shows roles; device set-role changes a role (audited as device.role, old
// → new) and the laptop's next request has it; device reenrol keeps the role unless
// --role is given.
func TestRoleCommands(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "T", "--data-dir", dir)

	_, errOut := runCmd(t, 1, "enrol", "--team", "T", "--data-dir", dir)
	for _, want := range []string{"--role", "capture", "staff", "lead", "consent records", "reports"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("enrol without --role: error %q does not say %q", errOut, want)
		}
	}
	if _, errOut := runCmd(t, 1, "enrol", "--team", "T", "--role", "admin", "--data-dir", dir); !strings.Contains(errOut, `"admin" is not a role`) {
		t.Errorf("enrol --role admin: %q", errOut)
	}

	st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := servertest.NewEnvOn(t, st)
	enrol := func(role string) (string, syncapi.EnrolResponse) {
		t.Helper()
		out := runOut(t, "enrol", "--team", "T", "--role", role, "--data-dir", dir)
		if !strings.Contains(out, "for a "+role+" laptop") || !codeRe.MatchString(lastLine(out)) {
			t.Fatalf("enrol --role %s printed %q", role, out)
		}
		id := uuid.NewString()
		var resp syncapi.EnrolResponse
		e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: lastLine(out), DeviceID: id, DeviceName: role + " laptop"}, 200, &resp)
		return id, resp
	}
	capture, resp := enrol("capture")
	if resp.Role != "capture" {
		t.Errorf("enrolled with a capture code: response role %q", resp.Role)
	}
	staff, resp := enrol("staff")
	if resp.Role != "staff" {
		t.Errorf("enrolled with a staff code: response role %q", resp.Role)
	}
	staffToken := resp.Token

	list := runOut(t, "device", "list", "--team", "T", "--data-dir", dir)
	if !strings.Contains(list, "ROLE") || !hasRow(list, capture, "capture") || !hasRow(list, staff, "staff") {
		t.Errorf("device list does not show roles:\n%s", list)
	}

	runCmd(t, 1, "device", "set-role", staff, "boss", "--data-dir", dir)
	runCmd(t, 1, "device", "set-role", uuid.NewString(), "lead", "--data-dir", dir)
	out := runOut(t, "device", "set-role", staff, "lead", "--data-dir", dir)
	if !strings.Contains(out, "now lead (was staff)") {
		t.Errorf("set-role printed %q", out)
	}
	var page syncapi.PullResponse
	e.MustJSON("GET", "/v1/sync/pull", staffToken, nil, 200, &page)
	if page.Role != "lead" {
		t.Errorf("the laptop's next pull says role %q, want lead", page.Role)
	}
	if audit := runOut(t, "audit", "--team", "T", "--data-dir", dir); !strings.Contains(audit, "device.role") || !strings.Contains(audit, "role staff → lead by admin") {
		t.Errorf("set-role is not audited as device.role staff → lead:\n%s", audit)
	}
	if list := runOut(t, "device", "list", "--team", "T", "--data-dir", dir); !hasRow(list, staff, "lead") {
		t.Errorf("device list after set-role:\n%s", list)
	}

	// device reenrol keeps the role it has, or gives the one asked for.
	for _, tc := range []struct {
		args []string
		want string
	}{{nil, "lead"}, {[]string{"--role", "capture"}, "capture"}} {
		out := runOut(t, append([]string{"device", "reenrol", staff, "--data-dir", dir}, tc.args...)...)
		if !strings.Contains(out, "as "+tc.want) {
			t.Errorf("device reenrol %v printed %q", tc.args, out)
		}
		var resp syncapi.EnrolResponse
		e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: lastLine(out), DeviceID: staff, DeviceName: "staff laptop"}, 200, &resp)
		if resp.Role != tc.want {
			t.Errorf("re-enrolled with %v: role %q, want %s", tc.args, resp.Role, tc.want)
		}
	}
}

// hasRow reports whether a table has a row for id with the cell value.
func hasRow(table, id, value string) bool {
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, id) && strings.Contains(" "+strings.Join(strings.Fields(line), " ")+" ", " "+value+" ") {
			return true
		}
	}
	return false
}

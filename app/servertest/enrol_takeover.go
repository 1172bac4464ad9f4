package servertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testEnrolTakeover is issue 11's attack: a code of another team (or of the victim's
// own team) and the victim's device id, which every record it made carries. The server
// refuses with 409; the victim keeps its token, its team and its place in the device
// list, and still syncs.
func testEnrolTakeover(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("Victims"), e.Team("Attackers")
	victim := e.Enrol(a.ID)
	victim.Push(victim.Change("feedback", NewFeedback("before"), 0))
	for _, team := range []string{b.ID, a.ID} {
		code := e.Code(team, time.Hour)
		req := syncapi.EnrolRequest{Code: code, DeviceID: victim.ID, DeviceName: "evil", UserName: "Mallory"}
		msg := wantError(t, e.Do("POST", "/v1/enrol", "", req), 409, syncapi.ECONFLICT)
		if !strings.Contains(msg.Message, "already enrolled") || !strings.Contains(msg.Message, "reenrol") {
			t.Errorf("409 message %q should say the laptop is enrolled and how to re-enrol it", msg.Message)
		}
		// The refusal did not use the code up.
		e.MustJSON("POST", "/v1/enrol", "", enrolBody(code), 200, nil)
	}
	// Upper case is the same id.
	req := syncapi.EnrolRequest{Code: e.Code(b.ID, time.Hour), DeviceID: strings.ToUpper(victim.ID), DeviceName: "evil"}
	wantError(t, e.Do("POST", "/v1/enrol", "", req), 409, syncapi.ECONFLICT)

	var me syncapi.DeviceInfo
	e.MustJSON("GET", "/v1/devices/me", victim.Token, nil, 200, &me)
	if me.DeviceID != victim.ID || me.Team.ID != a.ID || me.Name != victim.Name {
		t.Errorf("victim's devices/me = %+v; want its own name in team %s", me, a.ID)
	}
	if rs := victim.Push(victim.Change("feedback", NewFeedback("after"), 0)); rs[0].Status != syncapi.StatusApplied {
		t.Errorf("victim's push after the attack: %+v", rs[0])
	}
	if n := len(victim.PullAll()); n != 2 {
		t.Errorf("victim pulls %d records, want 2", n)
	}
	devs, err := e.Store.ListDevices(context.Background(), a.ID)
	if err != nil || len(devs) != 2 || devs[0].ID != victim.ID && devs[1].ID != victim.ID {
		t.Errorf("team A's devices = %+v, %v; want the victim still there", devs, err)
	}
}

// testEnrolBoundCode: a code an administrator made for one device (device reenrol)
// re-enrols it, even revoked, and may move it to another team; the move is in both
// teams' audit logs. The code works for no other id.
func testEnrolBoundCode(t *testing.T, open Open) {
	e := NewEnv(t, open)
	a, b := e.Team("Old"), e.Team("New")
	d := e.Enrol(a.ID)
	other := e.Enrol(a.ID)
	if err := e.Store.RevokeDevice(context.Background(), d.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	code := e.CodeFor(b.ID, d.ID, time.Hour)
	wantError(t, e.Do("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: other.ID, DeviceName: "x"}), 401, syncapi.EUNAUTH)
	wantError(t, e.Do("POST", "/v1/enrol", "", enrolBody(code)), 401, syncapi.EUNAUTH)
	var resp syncapi.EnrolResponse
	e.MustJSON("POST", "/v1/enrol", "", syncapi.EnrolRequest{Code: code, DeviceID: d.ID, DeviceName: "renamed"}, 200, &resp)
	if resp.DeviceID != d.ID || resp.Team.ID != b.ID {
		t.Errorf("re-enrol response = %+v; want device %s in team %s", resp, d.ID, b.ID)
	}
	wantError(t, e.Do("GET", "/v1/devices/me", d.Token, nil), 401, syncapi.EUNAUTH)
	e.MustJSON("GET", "/v1/devices/me", resp.Token, nil, 200, nil)
	e.MustJSON("GET", "/v1/devices/me", other.Token, nil, 200, nil)

	find := func(teamID, action string) serverstore.AuditEntry {
		t.Helper()
		entries, err := e.Store.ListAudit(context.Background(), teamID, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range entries {
			if en.Action == action && en.DeviceID == d.ID {
				return en
			}
		}
		t.Errorf("team %s's audit has no %s of device %s: %+v", teamID, action, d.ID, entries)
		return serverstore.AuditEntry{}
	}
	if en := find(b.ID, "device.reenrol"); !strings.Contains(en.Detail, a.ID) || !strings.Contains(en.Detail, "revoked") {
		t.Errorf("reenrol audit %q should name the old team and the revocation", en.Detail)
	}
	if en := find(a.ID, "device.move"); !strings.Contains(en.Detail, b.ID) {
		t.Errorf("move audit %q should name the new team", en.Detail)
	}
	find(b.ID, "enrol")
}

// testEnrolControl: names that could forge lines or colours in the administrator's
// output are refused, and the refusal leaves the code unused.
func testEnrolControl(t *testing.T, open Open) {
	e := NewEnv(t, open)
	code := e.Code(e.Team("T").ID, time.Hour)
	for _, bad := range []string{"laptop\n2026-11-24T10:00:00Z\tdevice.revoke", "lap\rtop", "a\tb", "\x1b[2Jlaptop", "lap\x7ftop", "lap\u0085top", "evil\u202egnp.exe", "x\u2066y\u2069"} {
		for _, field := range []string{"deviceName", "userName"} {
			req := enrolBody(code)
			if field == "deviceName" {
				req.DeviceName = bad
			} else {
				req.UserName = bad
			}
			msg := wantError(t, e.Do("POST", "/v1/enrol", "", req), 400, syncapi.EINVALID)
			if !strings.Contains(msg.Message, field) || !strings.Contains(msg.Message, "control characters") {
				t.Errorf("%s %q: message %q should name the field and say why", field, bad, msg.Message)
			}
		}
	}
	req := enrolBody(code)
	req.DeviceName, req.UserName = "Zoë’s laptop — 東京", "Amira K. (she/her)"
	e.MustJSON("POST", "/v1/enrol", "", req, 200, nil)
}

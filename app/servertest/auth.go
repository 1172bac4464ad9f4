package servertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

func testAuth(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	for _, p := range []struct{ method, path string }{{"GET", "/v1/sync/pull"}, {"POST", "/v1/sync/push"}, {"GET", "/v1/devices/me"}} {
		var body any
		if p.method == "POST" {
			body = syncapi.PushRequest{}
		}
		r := e.Do(p.method, p.path, "", body)
		wantError(t, r, 401, syncapi.EUNAUTH)
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s 401 without WWW-Authenticate", p.path)
		}
		wantError(t, e.Do(p.method, p.path, "inv1_wrong", body), 401, syncapi.EUNAUTH)
		wantError(t, e.Do(p.method, p.path, d.Token+"x", body), 401, syncapi.EUNAUTH)
		wantError(t, e.Do(p.method, p.path, "", body, "Authorization", "Basic "+d.Token), 401, syncapi.EUNAUTH)
	}
	d.Pull("", 0)
	if err := e.Store.RevokeDevice(context.Background(), d.ID, e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	msg := wantError(t, e.Do("GET", "/v1/sync/pull", d.Token, nil), 401, syncapi.EUNAUTH)
	if !strings.Contains(msg.Message, "disconnected") || !strings.Contains(msg.Message, "administrator") || !strings.Contains(msg.Message, "safe") {
		t.Errorf("revoked message %q should say an administrator disconnected the laptop and its work is safe", msg.Message)
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{}), 401, syncapi.EUNAUTH)
}

func testDeviceMe(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	d := e.Enrol(tm.ID)
	var me syncapi.DeviceInfo
	e.MustJSON("GET", "/v1/devices/me", d.Token, nil, 200, &me)
	if me.DeviceID != d.ID || me.Name != d.Name || me.Team.ID != tm.ID || me.Team.Name != tm.Name || me.EnrolledAt != "2026-11-24T10:00:00.000Z" {
		t.Errorf("devices/me = %+v", me)
	}
}

func testTouch(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	seen := func() time.Time {
		t.Helper()
		dev, err := e.Store.DeviceByTokenHash(context.Background(), server.HashSecret(d.Token))
		if err != nil || dev.LastSeenAt == nil {
			t.Fatalf("device %+v, %v: no last-seen time", dev, err)
		}
		return *dev.LastSeenAt
	}
	t0 := e.Clock.Now()
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0) {
		t.Fatalf("last seen %v, want %v", got, t0)
	}
	e.Clock.Advance(30 * time.Second)
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0) {
		t.Errorf("last seen written again after 30 s (%v): at most once a minute", got)
	}
	e.Clock.Advance(31 * time.Second)
	d.Pull("", 0)
	if got := seen(); !got.Equal(t0.Add(61 * time.Second)) {
		t.Errorf("last seen %v after a minute, want %v", got, t0.Add(61*time.Second))
	}
}

package servertest

import (
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
)

func testHealth(t *testing.T, open Open) {
	e := NewEnv(t, open)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := e.Do("GET", p, "", nil); r.Status != 200 {
			t.Errorf("GET %s = %d %s", p, r.Status, r.Body)
		}
	}
	e.API.Drain()
	if r := e.Do("GET", "/readyz", "", nil); r.Status != 503 {
		t.Errorf("GET /readyz while draining = %d, want 503", r.Status)
	}
	if r := e.Do("GET", "/healthz", "", nil); r.Status != 200 {
		t.Errorf("GET /healthz while draining = %d, want 200", r.Status)
	}
}

func testInfo(t *testing.T, open Open) {
	e := NewEnv(t, open)
	var info syncapi.Info
	e.MustJSON("GET", "/v1/info", "", nil, 200, &info)
	if info.Service != "involve-server" || info.Protocol != syncapi.Protocol || info.MinProtocol != 1 || info.Version != "test" ||
		info.Limits != e.Config.Limits || info.ServerTimeUTC != "2026-11-24T10:00:00.000Z" {
		t.Errorf("info = %+v", info)
	}
}

func testNotFound(t *testing.T, open Open) {
	e := NewEnv(t, open)
	wantError(t, e.Do("GET", "/v1/nothing", "", nil), 404, syncapi.ENOTFOUND)
}

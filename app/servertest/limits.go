package servertest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

func small(cfg *server.Config) { cfg.Limits.MaxBodyBytes = 64 << 10 }

func testOversized(t *testing.T, open Open) {
	e, d := envWithDevice(t, open, small)
	f := NewFeedback(strings.Repeat("x", 19_000))
	var changes []syncapi.Change
	for range 5 {
		changes = append(changes, d.Change("feedback", clone(f), 0))
	}
	body, _ := json.Marshal(syncapi.PushRequest{Changes: changes})
	if len(body) <= 64<<10 {
		t.Fatalf("test body only %d bytes", len(body))
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, body), 413, syncapi.ETOOLARGE)
	if got := d.PullAll(); len(got) != 0 {
		t.Errorf("an oversized push stored %d records", len(got))
	}
	// Just under the limit is fine.
	d.Push(changes[:3]...)
}

func testTooManyChanges(t *testing.T, open Open) {
	e, d := envWithDevice(t, open, func(c *server.Config) { c.Limits.MaxBatch = 3 })
	var changes []syncapi.Change
	for i := range 4 {
		changes = append(changes, d.Change("feedback", NewFeedback(strconv.Itoa(i)), 0))
	}
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes}), 413, syncapi.ETOOLARGE)
	d.Push(changes[:3]...)
}

func testRateLimit(t *testing.T, open Open) {
	e, d, other := envWithTwoDevices(t, open, func(c *server.Config) { c.RateLimit = server.RateLimit{PerSecond: 0.5, Burst: 3} })
	for range 3 {
		d.Pull("", 0)
	}
	r := e.Do("GET", "/v1/sync/pull", d.Token, nil)
	wantError(t, r, 429, syncapi.ERATELIMITED)
	if ra, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || ra != 2 {
		t.Errorf("Retry-After %q, want 2 (one request every 2 s)", r.Header.Get("Retry-After"))
	}
	// Per device: another laptop is not limited by this one.
	other.Pull("", 0)
	e.Clock.Advance(2 * time.Second)
	d.Pull("", 0)
}

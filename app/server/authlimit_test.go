package server_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// gatedStore holds every device look-up until n of them are waiting (or a second has
// passed): n requests are then being authenticated at the same moment.
type gatedStore struct {
	serverstore.Store
	n       int32
	arrived atomic.Int32
	all     chan struct{}
	once    sync.Once
}

func (g *gatedStore) DeviceByTokenHash(ctx context.Context, hash string) (serverstore.Device, error) {
	if g.arrived.Add(1) == g.n {
		g.once.Do(func() { close(g.all) })
	}
	select {
	case <-g.all:
	case <-time.After(time.Second):
	}
	return g.Store.DeviceByTokenHash(ctx, hash)
}

// TestGoodTokensAtOnceFromOneAddress: forty laptops behind one address (a hospital's
// network, a proxy) authenticating at the same moment are all served: a good token
// is not counted against the address's allowance for bad ones, not even while it is
// being looked up (the 21st of them was refused 429 when every request took a token
// before its look-up). Forty bad tokens at once are all counted: the address then
// waits for all of them to be repaid.
func TestGoodTokensAtOnceFromOneAddress(t *testing.T) {
	const n = 40
	st, _ := servertest.OpenStore(t, "sqlite")
	g := &gatedStore{Store: st, n: n, all: make(chan struct{})}
	e := servertest.NewEnvOn(t, g)
	tm := e.Team("Site")
	devs := make([]*servertest.Device, n)
	for i := range devs {
		devs[i] = e.Enrol(tm.ID)
		e.Clock.Advance(6 * time.Second) // (enrolments are limited per address too)
	}
	atOnce := func(token func(i int) string) []servertest.Response {
		g.arrived.Store(0)
		g.all, g.once = make(chan struct{}), sync.Once{}
		out := make([]servertest.Response, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() { defer wg.Done(); out[i] = e.Do("GET", "/v1/devices/me", token(i), nil) }()
		}
		wg.Wait()
		return out
	}
	for i, r := range atOnce(func(i int) string { return devs[i].Token }) {
		if r.Status != 200 {
			t.Errorf("laptop %d of %d at once: %d %s", i+1, n, r.Status, r.Body)
		}
	}
	for i, r := range atOnce(func(i int) string { return "inv1_guess" + strconv.Itoa(i) }) {
		if r.Status != 401 {
			t.Errorf("guess %d of %d at once: %d %s; want 401", i+1, n, r.Status, r.Body)
		}
	}
	r := e.Do("GET", "/v1/devices/me", "inv1_guess", nil)
	wantStatus(t, "a guess after forty", r, 429, syncapi.ERATELIMITED)
	// 40 counted against a burst of 20: 21 tokens owed at one every 6 s
	if s, _ := strconv.Atoi(r.Header.Get("Retry-After")); s < 21*6 {
		t.Errorf("Retry-After %q: the guesses made at once were not all counted (want ≥ %d s)", r.Header.Get("Retry-After"), 21*6)
	}
}

// A rate limit's message says its wait in words: "1 second", not "1 seconds".
func TestRateLimitedSaysSeconds(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.RateLimit = server.RateLimit{PerSecond: 1, Burst: 1} })
	d := e.Enrol(e.Team("T").ID)
	e.Do("GET", "/v1/devices/me", d.Token, nil)
	r := e.Do("GET", "/v1/devices/me", d.Token, nil)
	wantStatus(t, "over the device's rate", r, 429, syncapi.ERATELIMITED)
	if msg := r.Error().Message; msg != "Too many requests from this laptop. Try again in 1 second." {
		t.Errorf("message %q", msg)
	}
}

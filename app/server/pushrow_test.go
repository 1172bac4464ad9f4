package server_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// rowPath is the push path with a push's name and the one it follows.
func rowPath(name, after string) string {
	q := url.Values{syncapi.PushNameParam: {name}}
	if after != "" {
		q.Set(syncapi.PushAfterParam, after)
	}
	return "/v1/sync/push?" + q.Encode()
}

// Pushes in a row are applied in the order the laptop sent them, whatever order they
// arrive in: the later push, arriving first, waits for the earlier one, and its edit
// of the record the earlier one made is applied on top of it (not merged as if
// concurrent).
func TestPushRowAppliedInOrder(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("Row")
	d := env.Enrol(team.ID)
	f := servertest.NewFeedback("first words")
	first := d.Change("feedback", f, 0)
	f.Text = "second words"
	second := d.Change("feedback", f, first.Rev)

	var wg sync.WaitGroup
	var later servertest.Response
	wg.Add(1)
	go func() {
		defer wg.Done()
		later = env.Do("POST", rowPath("b", "a"), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{second}})
	}()
	time.Sleep(300 * time.Millisecond) // the later push is on its way first
	earlier := env.Do("POST", rowPath("a", ""), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{first}})
	wg.Wait()
	for _, r := range []servertest.Response{earlier, later} {
		var resp syncapi.PushResponse
		if r.Status != 200 || json.Unmarshal(r.Body, &resp) != nil || !resp.Row || len(resp.Results) != 1 || resp.Results[0].Status != syncapi.StatusApplied {
			t.Fatalf("push: %d %s; want 200, applied, row", r.Status, r.Body)
		}
	}
	got := d.PullAll()[f.ID]
	if fb := servertest.Feedback(t, got.State); fb.Text != "second words" || got.Rev != second.Rev {
		t.Errorf("stored %q at rev %d, want the second change's words at %d", fb.Text, got.Rev, second.Rev)
	}
}

// A push whose previous push was refused (before or inside its transaction) or never
// came is answered 503 (the laptop sends it again) and nothing of it is stored; sent
// again on its own it is applied.
func TestPushRowAfterRefusedOrMissing(t *testing.T) {
	defer server.SetRowWait(200 * time.Millisecond)()
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 2 })
	team := env.Team("Row")
	d := env.Enrol(team.ID)
	var big []syncapi.Change
	for i := range 3 {
		big = append(big, d.Change("feedback", servertest.NewFeedback(fmt.Sprint("item ", i)), 0))
	}
	if r := env.Do("POST", rowPath("a", ""), d.Token, syncapi.PushRequest{Changes: big}); r.Status != 413 {
		t.Fatalf("a push over the batch limit: %d %s", r.Status, r.Body)
	}
	f := servertest.NewFeedback("after the refused one")
	c := d.Change("feedback", f, 0)
	for _, path := range []string{rowPath("b", "a"), rowPath("c", "never-sent")} {
		r := env.Do("POST", path, d.Token, syncapi.PushRequest{Changes: []syncapi.Change{c}})
		if r.Status != 503 || r.Error().Code != syncapi.EUNAVAILABLE {
			t.Errorf("%s: %d %s, want 503 unavailable", path, r.Status, r.Body)
		}
	}
	if _, ok := d.PullAll()[f.ID]; ok {
		t.Fatal("a push after one not applied was stored")
	}
	if res := d.Push(c); res[0].Status != syncapi.StatusApplied {
		t.Errorf("sent again alone: %+v", res[0])
	}
	// names: one use each; after needs a name of its own
	if r := env.Do("POST", rowPath("b", ""), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{c}}); r.Status != 400 {
		t.Errorf("a push name used twice: %d %s, want 400", r.Status, r.Body)
	}
	if r := env.Do("POST", "/v1/sync/push?after=a", d.Token, syncapi.PushRequest{Changes: []syncapi.Change{c}}); r.Status != 400 {
		t.Errorf("after without a name: %d %s, want 400", r.Status, r.Body)
	}
	// another laptop's push of the same name is another push
	o := env.Enrol(team.ID)
	if r := env.Do("POST", rowPath("x", ""), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{d.Change("feedback", servertest.NewFeedback("d's"), 0)}}); r.Status != 200 {
		t.Fatalf("d's push x: %d %s", r.Status, r.Body)
	}
	if r := env.Do("POST", rowPath("y", "x"), o.Token, syncapi.PushRequest{Changes: []syncapi.Change{o.Change("feedback", servertest.NewFeedback("o's"), 0)}}); r.Status != 503 {
		t.Errorf("a push after another laptop's push: %d %s, want 503", r.Status, r.Body)
	}
}

// A push in a row refused by the device's rate limit, before it was read, does not
// keep the pushes sent after it waiting for it: the next one is answered 503 at once
// (the laptop sends it again), not after rowWait.
func TestPushRowAfterRateLimited(t *testing.T) {
	defer server.SetRowWait(time.Minute)()
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.RateLimit = server.RateLimit{PerSecond: 1, Burst: 1} })
	team := env.Team("Row")
	d := env.Enrol(team.ID)
	env.Clock.Advance(time.Second)
	if r := env.Do("GET", "/v1/devices/me", d.Token, nil); r.Status != 200 {
		t.Fatalf("me: %d %s", r.Status, r.Body)
	}
	c := d.Change("feedback", servertest.NewFeedback("in a row"), 0)
	if r := env.Do("POST", rowPath("a", ""), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{c}}); r.Status != 429 {
		t.Fatalf("a push over the device's rate: %d %s, want 429", r.Status, r.Body)
	}
	env.Clock.Advance(time.Second)
	start := time.Now()
	r := env.Do("POST", rowPath("b", "a"), d.Token, syncapi.PushRequest{Changes: []syncapi.Change{c}})
	if r.Status != 503 || r.Error().Code != syncapi.EUNAVAILABLE {
		t.Fatalf("the push after it: %d %s, want 503 unavailable", r.Status, r.Body)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Fatalf("the push after it waited %v for a push the server had refused", took)
	}
}

package server_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestPullPageShorterWhileOthersWait: a pull page ends after busyPageRecords records
// (3 here) while another pull waits for a slot, and says more; the pull that waited,
// alone by then, gets the whole page. A pull alone is not shortened.
func TestPullPageShorterWhileOthersWait(t *testing.T) {
	defer server.SetBusyPageRecords(3)()
	ss := &slotStore{}
	e, a := slotEnv(t, 1, ss) // one slot, 20 records
	b := e.Enrol(a.Team.ID)
	page := func(r servertest.Response) syncapi.PullResponse {
		t.Helper()
		var p syncapi.PullResponse
		if r.Status != 200 || json.Unmarshal(r.Body, &p) != nil {
			t.Fatalf("pull: %d %s", r.Status, r.Body)
		}
		return p
	}
	if p := page(e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil)); len(p.Changes) != 20 || p.More {
		t.Fatalf("a pull alone: %d records, more %v; want 20, false", len(p.Changes), p.More)
	}

	<-ss.entered // (the pull alone's)
	ss.gate = make(chan struct{})
	release := sync.OnceFunc(func() { close(ss.gate) }) // (a failure below must not leave a pull held)
	defer release()
	first, second := make(chan servertest.Response, 1), make(chan servertest.Response, 1)
	go func() { first <- e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil) }()
	<-ss.entered // a's page is being read, its slot held
	go func() { second <- e.Do("GET", "/v1/sync/pull?since=0", b.Token, nil) }()
	for deadline := time.Now().Add(10 * time.Second); server.PullsWaiting(e.API) < 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("b's pull never waited for the slot")
		}
	}
	release()
	pa := page(<-first)
	if len(pa.Changes) != 3 || !pa.More {
		t.Errorf("a's page while b waited: %d records, more %v; want 3, true", len(pa.Changes), pa.More)
	}
	if pb := page(<-second); len(pb.Changes) != 20 || pb.More {
		t.Errorf("b's page, alone by then: %d records, more %v; want 20, false", len(pb.Changes), pb.More)
	}
	// a goes on from its cursor and gets the rest
	if p := page(e.Do("GET", "/v1/sync/pull?since="+pa.Cursor, a.Token, nil)); len(p.Changes) != 17 || p.More {
		t.Errorf("a's next page: %d records, more %v; want 17, false", len(p.Changes), p.More)
	}
}

// TestPullPageReadsNoMoreWhileOthersWait: a page that begins while another pull waits
// for a slot is read from the store with busyPageRecords (3 here) as its limit, not
// the limit asked for: the store reads no rows the page will not hold.
func TestPullPageReadsNoMoreWhileOthersWait(t *testing.T) {
	defer server.SetBusyPageRecords(3)()
	ss := &slotStore{gate: make(chan struct{})}
	release := sync.OnceFunc(func() { close(ss.gate) })
	defer release()
	e, a := slotEnv(t, 1, ss) // one slot, 20 records
	b, c := e.Enrol(a.Team.ID), e.Enrol(a.Team.ID)
	answers := make(chan servertest.Response, 3)
	pull := func(d *servertest.Device) { answers <- e.Do("GET", "/v1/sync/pull?since=0", d.Token, nil) }
	go pull(a)
	<-ss.entered // a's page holds the slot
	waitFor := func(n int) {
		for deadline := time.Now().Add(10 * time.Second); server.PullsWaiting(e.API) < n; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d pulls never waited for the slot", n)
			}
		}
	}
	go pull(b)
	waitFor(1)
	go pull(c)
	waitFor(2)
	release()
	for range 3 {
		if r := <-answers; r.Status != 200 {
			t.Fatalf("pull: %d %s", r.Status, r.Body)
		}
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	// a's page began alone (1 000 asked: the default); b's while c waited; c's alone
	if want := []int{1000, 3, 1000}; !slices.Equal(ss.limits, want) {
		t.Errorf("pages read with limits %v, want %v", ss.limits, want)
	}
}

// heldStore holds the first push's transaction until gate is closed.
type heldStore struct {
	serverstore.Store
	gate    chan struct{}
	entered chan struct{}
	held    atomic.Bool
}

func (s *heldStore) InTeamTx(ctx context.Context, teamID string, fn func(tx serverstore.Tx) error) error {
	if s.held.CompareAndSwap(false, true) {
		close(s.entered)
		<-s.gate
	}
	return s.Store.InTeamTx(ctx, teamID, fn)
}

// TestPushAnswerAsksForShorterPushes: a push answered while another device's push is
// being handled asks for smaller pushes (Batch: 750 changes for two devices, under a
// limit of 2 000); one answered alone does
// not, and neither does one beside another push of its own laptop (a laptop alone
// sends several at once).
func TestPushAnswerAsksForShorterPushes(t *testing.T) {
	defer server.SetPushingRecently(0)() // (TestRecentPushCounts)
	for _, other := range []bool{true, false} {
		st := openSQLite(t)
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		hs := &heldStore{Store: st, gate: make(chan struct{}), entered: make(chan struct{})}
		e := servertest.NewEnvOn(t, hs, func(c *server.Config) { c.Limits.MaxBatch = 2000 })
		tm := e.Team("Busy")
		a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
		push := func(d *servertest.Device, i int) syncapi.PushResponse {
			var resp syncapi.PushResponse
			e.MustJSON("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: []syncapi.Change{d.Change("feedback", benchFeedback(i), 0)}}, 200, &resp)
			return resp
		}
		first, want := a, 0 // a's own push
		if other {
			first, want = b, 750
		}
		held := make(chan syncapi.PushResponse, 1)
		release := sync.OnceFunc(func() { close(hs.gate) })
		defer release()
		go func() { held <- push(first, 0) }()
		<-hs.entered // the first push is being handled
		if got := push(a, 1).Batch; got != want {
			t.Errorf("other device %v: a's push beside the first: Batch %d, want %d", other, got, want)
		}
		release()
		if got := (<-held).Batch; got != 0 {
			t.Errorf("the first push, answered alone: Batch %d, want 0", got)
		}
		if got := push(a, 2).Batch; got != 0 {
			t.Errorf("a's push alone: Batch %d, want 0", got)
		}
	}
}

// TestBatchForDevicesPushing: the Batch asked for shares busyRound among the devices
// pushing, down to a floor, and is asked only when under the server's limit.
func TestBatchForDevicesPushing(t *testing.T) {
	for _, c := range []struct{ devices, maxBatch, want int }{
		{1, 1000, 0}, {2, 1000, 750}, {3, 1000, 500}, {10, 1000, 150}, {20, 1000, 75},
		{100, 1000, 50}, {20, 75, 0}, {20, 76, 75}, {2, 2000, 750},
	} {
		if got := server.BatchFor(c.devices, c.maxBatch); got != c.want {
			t.Errorf("%d devices, limit %d: Batch %d, want %d", c.devices, c.maxBatch, got, c.want)
		}
	}
}

// TestPageForDevicesPulling: a page's records are shared among the devices pulling,
// down to busyPageRecords, never over what the device asked for.
func TestPageForDevicesPulling(t *testing.T) {
	for _, c := range []struct{ devices, limit, want int }{
		{1, 5000, 5000}, {2, 5000, 5000}, {4, 5000, 5000}, {5, 5000, 4000}, {10, 5000, 2000},
		{20, 5000, 1000}, {50, 5000, 1000}, {20, 500, 500},
	} {
		if got := server.PageFor(c.devices, c.limit); got != c.want {
			t.Errorf("%d devices, limit %d: %d records, want %d", c.devices, c.limit, got, c.want)
		}
	}
}

// heldPull holds the first page's reading (PullRaw) until gate is closed.
type heldPull struct {
	serverstore.Store
	rp      serverstore.RawPuller
	gate    chan struct{}
	entered chan struct{}
	held    atomic.Bool
}

func (s *heldPull) PullRaw(ctx context.Context, teamID string, since int64, limit int, fn func(seq int64, entity, id []byte, rev int64, state []byte) error) error {
	if s.held.CompareAndSwap(false, true) {
		close(s.entered)
		<-s.gate
	}
	return s.rp.PullRaw(ctx, teamID, since, limit, fn)
}

// busyRateEnv is a server allowing each device two requests and then almost none, over
// st (one device's push or pull held by it), with a team, a device c that pushed 20
// records, and devices a and b.
func busyRateEnv(t *testing.T, st serverstore.Store, maxBatch int) (e *servertest.Env, a, b *servertest.Device) {
	t.Helper()
	e = servertest.NewEnvOn(t, st, func(c *server.Config) {
		c.RateLimit = server.RateLimit{PerSecond: 0.001, Burst: 2}
		c.PullSlots = 2
		c.Limits.MaxBatch = maxBatch
	})
	tm := e.Team("Rate")
	c := e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 20 {
		changes = append(changes, c.Change("feedback", benchFeedback(i), 0))
	}
	c.Push(changes...)
	return e, e.Enrol(tm.ID), e.Enrol(tm.ID)
}

func openMigrated(t *testing.T) serverstore.Store {
	t.Helper()
	st := openSQLite(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestShortPagesCostTheirShare: pages the server made shorter because another device
// pulls cost the device's rate limit only their share of a request: a device allowed
// two requests pulls 20 records in four pages of 5 while another device pulls. Alone,
// its third request is refused (the limit holds).
func TestShortPagesCostTheirShare(t *testing.T) {
	defer server.SetPageRound(10)() // two devices: pages of 5
	defer server.SetBusyPageRecords(2)()
	st := openMigrated(t)
	hp := &heldPull{Store: st, rp: st.(serverstore.RawPuller), gate: make(chan struct{}), entered: make(chan struct{})}
	e, a, b := busyRateEnv(t, hp, 1000)
	done := make(chan servertest.Response, 1)
	release := sync.OnceFunc(func() { close(hp.gate) })
	defer release()
	go func() { done <- e.Do("GET", "/v1/sync/pull?since=0", b.Token, nil) }()
	<-hp.entered // b's pull is in progress
	cursor, got := "", 0
	for i := range 4 {
		r := e.Do("GET", "/v1/sync/pull?limit=1000&since="+cursor, a.Token, nil)
		var p syncapi.PullResponse
		if r.Status != 200 || json.Unmarshal(r.Body, &p) != nil {
			t.Fatalf("a's pull %d beside b's: %d %s", i+1, r.Status, r.Body)
		}
		got += len(p.Changes)
		cursor = p.Cursor
	}
	if got != 20 {
		t.Errorf("a pulled %d records in four pages, want 20", got)
	}
	release()
	if r := <-done; r.Status != 200 {
		t.Fatalf("b's pull: %d %s", r.Status, r.Body)
	}
	// alone: b has one request left, of a whole page
	if r := e.Do("GET", "/v1/sync/pull?limit=1000&since=0", b.Token, nil); r.Status != 200 {
		t.Fatalf("b's second pull: %d %s", r.Status, r.Body)
	}
	if r := e.Do("GET", "/v1/sync/pull?limit=1000&since=0", b.Token, nil); r.Status != 429 {
		t.Fatalf("b's third pull alone: %d, want 429", r.Status)
	}
}

// TestRecentPushCounts: a device whose push ended moments ago still counts as pushing
// (pushingRecently): many laptops that begin their syncs at once send short first
// pushes, and one answered between them must be asked for shorter pushes too. Once
// the moment has passed, a device alone is asked nothing.
func TestRecentPushCounts(t *testing.T) {
	const recently = 300 * time.Millisecond
	defer server.SetPushingRecently(recently)()
	e := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 2000 })
	tm := e.Team("Recent")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	push := func(d *servertest.Device, i int) int {
		var resp syncapi.PushResponse
		e.MustJSON("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: []syncapi.Change{d.Change("feedback", benchFeedback(i), 0)}}, 200, &resp)
		return resp.Batch
	}
	if got := push(a, 0); got != 0 {
		t.Errorf("a's first push, no other device: Batch %d, want 0", got)
	}
	start := time.Now()
	if got := push(b, 1); got != 750 && time.Since(start) < recently {
		t.Errorf("b's push just after a's: Batch %d, want 750", got)
	}
	start = time.Now()
	if got := push(a, 2); got != 750 && time.Since(start) < recently {
		t.Errorf("a's push just after b's: Batch %d, want 750", got)
	}
	time.Sleep(recently + 100*time.Millisecond)
	if got := push(b, 3); got != 0 {
		t.Errorf("b's push once a's are past: Batch %d, want 0", got)
	}
}

// TestAskedPushesCostTheirShare: pushes made while the server asks for smaller ones
// (another device pushes) cost the device's rate limit their share of a request (750
// of 2 000 changes here): a device allowed two requests makes three. Alone, its third
// is refused.
func TestAskedPushesCostTheirShare(t *testing.T) {
	defer server.SetPushingRecently(0)() // b alone as soon as a's pushes end
	st := openMigrated(t)
	hs := &heldStore{Store: st, gate: make(chan struct{}), entered: make(chan struct{})}
	hs.held.Store(true) // c's push goes through
	e, a, b := busyRateEnv(t, hs, 2000)
	hs.held.Store(false) // the next is held
	push := func(d *servertest.Device, i int) servertest.Response {
		return e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: []syncapi.Change{d.Change("feedback", benchFeedback(100+i), 0)}})
	}
	done := make(chan servertest.Response, 1)
	release := sync.OnceFunc(func() { close(hs.gate) })
	defer release()
	go func() { done <- push(b, 0) }()
	<-hs.entered // b's push is being handled
	for i := range 3 {
		if r := push(a, i+1); r.Status != 200 {
			t.Fatalf("a's push %d beside b's: %d %s", i+1, r.Status, r.Body)
		}
	}
	release()
	if r := <-done; r.Status != 200 {
		t.Fatalf("b's push: %d %s", r.Status, r.Body)
	}
	// alone: b has one request left
	if r := push(b, 10); r.Status != 200 {
		t.Fatalf("b's second push: %d %s", r.Status, r.Body)
	}
	if r := push(b, 11); r.Status != 429 {
		t.Fatalf("b's third push alone: %d, want 429", r.Status)
	}
}

// TestPullPageSharedWithPushes: a device pushing counts among the devices a page's
// records are shared with (a push's writer needs the cores pages are built on): with
// another device's push in progress, a pull's page holds half the round.
func TestPullPageSharedWithPushes(t *testing.T) {
	defer server.SetPageRound(10)() // two devices: pages of 5
	defer server.SetBusyPageRecords(2)()
	st := openMigrated(t)
	hs := &heldStore{Store: st, gate: make(chan struct{}), entered: make(chan struct{})}
	hs.held.Store(true) // c's push goes through
	e, a, b := busyRateEnv(t, hs, 1000)
	pull := func() syncapi.PullResponse {
		t.Helper()
		var p syncapi.PullResponse
		if r := e.Do("GET", "/v1/sync/pull?limit=1000&since=0", a.Token, nil); r.Status != 200 || json.Unmarshal(r.Body, &p) != nil {
			t.Fatalf("pull: %d %s", r.Status, r.Body)
		}
		return p
	}
	if p := pull(); len(p.Changes) != 20 || p.More {
		t.Fatalf("a pull alone: %d records, more %v; want 20, false", len(p.Changes), p.More)
	}
	hs.held.Store(false) // the next push is held
	release := sync.OnceFunc(func() { close(hs.gate) })
	defer release()
	done := make(chan servertest.Response, 1)
	go func() {
		done <- e.Do("POST", "/v1/sync/push", b.Token, syncapi.PushRequest{Changes: []syncapi.Change{b.Change("feedback", benchFeedback(99), 0)}})
	}()
	<-hs.entered // b's push is being handled
	if p := pull(); len(p.Changes) != 5 || !p.More {
		t.Errorf("a pull beside b's push: %d records, more %v; want 5, true", len(p.Changes), p.More)
	}
	release()
	if r := <-done; r.Status != 200 {
		t.Fatalf("b's push: %d %s", r.Status, r.Body)
	}
}

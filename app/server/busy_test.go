package server_test

import (
	"context"
	"encoding/json"
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
	first, second := make(chan servertest.Response, 1), make(chan servertest.Response, 1)
	go func() { first <- e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil) }()
	<-ss.entered // a's page is being read, its slot held
	go func() { second <- e.Do("GET", "/v1/sync/pull?since=0", b.Token, nil) }()
	for deadline := time.Now().Add(10 * time.Second); server.PullsWaiting(e.API) < 1; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("b's pull never waited for the slot")
		}
	}
	close(ss.gate)
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
		go func() { held <- push(first, 0) }()
		<-hs.entered // the first push is being handled
		if got := push(a, 1).Batch; got != want {
			t.Errorf("other device %v: a's push beside the first: Batch %d, want %d", other, got, want)
		}
		close(hs.gate)
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

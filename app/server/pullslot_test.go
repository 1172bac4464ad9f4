package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// slotStore counts the pages being read at once (PullRaw), each held for hold, or
// until gate is closed when gate is set.
type slotStore struct {
	serverstore.Store
	rp        serverstore.RawPuller
	hold      time.Duration
	gate      chan struct{}
	entered   chan struct{} // a page began (buffered)
	cur, most atomic.Int32
	mu        sync.Mutex
	limits    []int // the limit of each page read, in order
}

func (s *slotStore) PullRaw(ctx context.Context, teamID string, since int64, limit int, fn func(seq int64, entity, id []byte, rev int64, state []byte) error) error {
	n := s.cur.Add(1)
	defer s.cur.Add(-1)
	s.mu.Lock()
	s.limits = append(s.limits, limit)
	s.mu.Unlock()
	for {
		m := s.most.Load()
		if n <= m || s.most.CompareAndSwap(m, n) {
			break
		}
	}
	select {
	case s.entered <- struct{}{}:
	default:
	}
	if s.gate != nil {
		<-s.gate
	}
	time.Sleep(s.hold)
	return s.rp.PullRaw(ctx, teamID, since, limit, fn)
}

// slotEnv is a server over a slotStore with slots pull slots, a team and a laptop
// that pushed a few records.
func slotEnv(t *testing.T, slots int, ss *slotStore) (*servertest.Env, *servertest.Device) {
	t.Helper()
	st := openSQLite(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ss.Store, ss.rp, ss.entered = st, st.(serverstore.RawPuller), make(chan struct{}, 64)
	e := servertest.NewEnvOn(t, ss, func(c *server.Config) { c.PullSlots = slots })
	tm := e.Team("Slots")
	a := e.Enrol(tm.ID)
	var changes []syncapi.Change
	for i := range 20 {
		changes = append(changes, a.Change("feedback", benchFeedback(i), 0))
	}
	a.Push(changes...)
	return e, a
}

// pullRequest is a pull of the first page, as a device sends it.
func pullRequest(ctx context.Context, token string) *http.Request {
	req := httptest.NewRequestWithContext(ctx, "GET", "/v1/sync/pull?since=0&limit=1000", nil)
	req.Header.Set(syncapi.ProtocolHeader, "1")
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

// TestPullSlotsBoundPagesBuilt: with two slots, six pulls at once never have more than
// two pages read at once; with six slots they do (the check can fail).
func TestPullSlotsBoundPagesBuilt(t *testing.T) {
	for _, tc := range []struct{ slots, most int }{{2, 2}, {6, 6}} {
		ss := &slotStore{hold: 50 * time.Millisecond}
		e, a := slotEnv(t, tc.slots, ss)
		ss.most.Store(0)
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				if r := e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil); r.Status != 200 {
					t.Errorf("pull: %d %s", r.Status, r.Body)
				}
			})
		}
		wg.Wait()
		if got := int(ss.most.Load()); tc.slots == 2 && got > 2 || tc.slots == 6 && got <= 2 {
			t.Errorf("%d slots: %d pages read at once at most", tc.slots, got)
		}
	}
}

// blockedWriter is a device that does not read its answer: Write blocks until
// unblocked.
type blockedWriter struct {
	h        http.Header
	status   int
	writing  chan struct{}
	unblock  chan struct{}
	once     sync.Once
	received int
}

func (w *blockedWriter) Header() http.Header { return w.h }
func (w *blockedWriter) WriteHeader(status int) {
	w.status = status
}
func (w *blockedWriter) Write(b []byte) (int, error) {
	w.once.Do(func() { close(w.writing) })
	<-w.unblock
	w.received += len(b)
	return len(b), nil
}

// TestPullSlotNotHeldWhileWriting: with one slot, a device that does not read its
// page does not keep another from pulling: the slot is given back before the page is
// written to the network.
func TestPullSlotNotHeldWhileWriting(t *testing.T) {
	defer server.SetPullWait(3 * time.Second)()
	ss := &slotStore{}
	e, a := slotEnv(t, 1, ss)
	slow := &blockedWriter{h: http.Header{}, writing: make(chan struct{}), unblock: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.API.ServeHTTP(slow, pullRequest(context.Background(), a.Token))
	}()
	select {
	case <-slow.writing:
	case <-time.After(10 * time.Second):
		t.Fatal("the first pull never began writing its page")
	}
	r := e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil)
	close(slow.unblock)
	<-done
	if r.Status != 200 {
		t.Fatalf("a pull beside a device not reading its page: %d %s", r.Status, r.Body)
	}
	if slow.status != 200 || slow.received == 0 {
		t.Fatalf("the slow device's page: %d, %d bytes", slow.status, slow.received)
	}
}

// TestPullSlotWait: a pull that waits for a slot longer than pullWait is told to try
// again (503, Retry-After), and one whose request ends while it waits leaves the
// queue; the slot is free once the page being built is done.
func TestPullSlotWait(t *testing.T) {
	defer server.SetPullWait(200 * time.Millisecond)()
	ss := &slotStore{gate: make(chan struct{})}
	e, a := slotEnv(t, 1, ss)
	first := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		e.API.ServeHTTP(w, pullRequest(context.Background(), a.Token))
		first <- w.Code
	}()
	<-ss.entered // the first pull holds the slot, its page stuck in the store

	r := e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil)
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
		t.Fatalf("a pull waiting too long: %d %q %s", r.Status, r.Header.Get("Retry-After"), r.Body)
	}
	var er syncapi.Error
	if err := json.Unmarshal(r.Body, &er); err != nil || er.Code != syncapi.EUNAVAILABLE {
		t.Fatalf("a pull waiting too long: %s (%v)", r.Body, err)
	}

	defer server.SetPullWait(time.Hour)() // from here on a pull waits as long as its request lasts
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan struct{})
	go func() {
		defer close(gone)
		e.API.ServeHTTP(httptest.NewRecorder(), pullRequest(ctx, a.Token))
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case <-gone:
	case <-time.After(10 * time.Second): // it left when its request ended
		t.Fatal("a pull whose request ended still waits for a slot")
	}

	close(ss.gate)
	if code := <-first; code != 200 {
		t.Fatalf("the first pull: %d", code)
	}
	if r := e.Do("GET", "/v1/sync/pull?since=0", a.Token, nil); r.Status != 200 {
		t.Fatalf("a pull after the slot was given back: %d %s", r.Status, r.Body)
	}
}

package syncer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// rowWatch sits in front of the real server: it counts pushes sent in a row and makes
// the server refuse the first push of the refuse-th row (413: it doubles its
// changes, past the server's batch limit).
type rowWatch struct {
	next            http.Handler
	mu              sync.Mutex
	pushes, inRow   int
	heads           int
	refuse, refused int
	unavailable, ok int
}

func (w *rowWatch) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/v1/sync/push" {
		w.mu.Lock()
		w.pushes++
		refuse := false
		q := r.URL.Query()
		if q.Get(syncapi.PushNameParam) != "" {
			w.inRow++
			if q.Get(syncapi.PushAfterParam) == "" { // the first of a row: others follow it
				w.heads++
				refuse = w.heads == w.refuse
			}
		}
		w.mu.Unlock()
		if refuse {
			tooLarge(r)
		}
		rec := httptest.NewRecorder()
		w.next.ServeHTTP(rec, r)
		w.mu.Lock()
		switch rec.Code {
		case http.StatusServiceUnavailable:
			w.unavailable++
		case http.StatusRequestEntityTooLarge:
			w.refused++
		}
		w.mu.Unlock()
		relay(rw, rec)
		return
	}
	w.next.ServeHTTP(rw, r)
}

// A laptop pushes its groups in a row to a server that takes them: the changes arrive
// in outbox order (a record's edit, in a later request of the same group than the
// record, is applied on top of it, never merged as concurrent), and when one push of
// a row is refused on its way the ones after it (refused by the server: their
// predecessor was not applied) go again one at a time. Another laptop then holds the
// same data.
func TestPushInRow(t *testing.T) {
	for _, refuse := range []int{0, 1} {
		t.Run(fmt.Sprintf("refuse=%d", refuse), func(t *testing.T) {
			env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 4 })
			team := env.Team("Rows")
			watch := &rowWatch{next: env.API, refuse: refuse}
			ts := httptest.NewServer(watch)
			t.Cleanup(ts.Close)
			ctx := context.Background()
			connect := func(name string) *laptop { return connectTo(t, ts.URL, env.Code(team.ID, time.Hour), name) }
			a, b := connect("A"), connect("B")
			s := addFeedback(t, a.db, 30)
			list, err := a.db.FindFeedback(ctx, s.ID)
			if err != nil || len(list) != 30 {
				t.Fatalf("feedback: %d, %v", len(list), err)
			}
			// taken once (as by a sync that lost its answers): an edit now is an entry of
			// its own, after every item, in later requests of the same groups
			if _, err := a.db.TakePushBatch(ctx, 0, 0, 100); err != nil {
				t.Fatal(err)
			}
			for _, f := range list[:12] {
				edited := f.FeedbackInput
				edited.Text += " (edited)"
				if _, err := a.db.UpdateFeedback(ctx, f.ID, f.FeedbackInput, edited); err != nil {
					t.Fatal(err)
				}
			}
			sum := a.sync()
			if sum.Push.Merged != 0 || sum.Push.Conflict != 0 || sum.Push.Rejected != 0 || sum.Pushed != 43 {
				t.Errorf("push: %+v, pushed %d; want 43 applied in order", sum.Push, sum.Pushed)
			}
			if watch.inRow == 0 {
				t.Error("no push went in a row")
			}
			if refuse > 0 && (watch.refused != 1 || watch.unavailable == 0) {
				t.Errorf("refused %d, answered unavailable %d: want one refused and those after it unavailable", watch.refused, watch.unavailable)
			}
			b.sync()
			sameData(t, a, b)
			edited := 0
			for _, f := range mustList(t, b, s.ID) {
				if len(f.Text) > 9 && f.Text[len(f.Text)-9:] == " (edited)" {
					edited++
				}
			}
			if edited != 12 {
				t.Errorf("B holds %d edited items, want 12", edited)
			}
		})
	}
}

func mustList(t *testing.T, l *laptop, sessionID string) []involve.Feedback {
	t.Helper()
	list, err := l.db.FindFeedback(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// heldRow sits in front of the real server and holds the answers to the pushes in a
// row until more of them have come than one group holds (rowOf: the next group, sent
// before the answers to the one before), or until wait has passed.
type heldRow struct {
	next    http.Handler
	rowOf   int // pushes of the first group in its row
	wait    time.Duration
	mu      sync.Mutex
	named   int
	release chan struct{}
	linked  bool // more came while the answers were held
}

func (h *heldRow) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/sync/push" || r.URL.Query().Get(syncapi.PushNameParam) == "" {
		h.next.ServeHTTP(rw, r)
		return
	}
	h.mu.Lock()
	hold := false
	select {
	case <-h.release:
	default:
		if h.named++; h.named > h.rowOf {
			h.linked = true
			close(h.release)
		} else {
			hold = true
		}
	}
	h.mu.Unlock()
	rec := httptest.NewRecorder()
	h.next.ServeHTTP(rec, r)
	if hold {
		select {
		case <-h.release:
		case <-time.After(h.wait): // nothing more came: answer, and count no more
			h.mu.Lock()
			select {
			case <-h.release:
			default:
				close(h.release)
			}
			h.mu.Unlock()
		}
	}
	relay(rw, rec)
}

// To a server that takes pushes in a row, a laptop sends its next group while the one
// before is still on its way, in a row after that group's last push: the server's
// writer need not wait for the laptop between groups. The changes still arrive in
// outbox order and another laptop then holds the same data.
func TestPushNextGroupBeforeAnswers(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 4 })
	team := env.Team("Rows")
	// a group is 10 requests of 4 (the server's limit); the first push of a sync is a
	// group of its own (syncapi.FirstPushBatch, here 4), so the first row holds 10
	h := &heldRow{next: env.API, rowOf: 10, wait: 5 * time.Second, release: make(chan struct{})}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	connect := func(name string) *laptop { return connectTo(t, ts.URL, env.Code(team.ID, time.Hour), name) }
	a, b := connect("A"), connect("B")
	s := addFeedback(t, a.db, 99) // with its session, four groups
	sum := a.sync()
	if sum.Push.Merged != 0 || sum.Push.Conflict != 0 || sum.Push.Rejected != 0 || sum.Pushed != 100 {
		t.Errorf("push: %+v, pushed %d; want 100 applied in order", sum.Push, sum.Pushed)
	}
	if !h.linked {
		t.Error("the next group was not sent before the answers to the group before it")
	}
	b.sync()
	sameData(t, a, b)
	if got := len(mustList(t, b, s.ID)); got != 99 {
		t.Errorf("B holds %d items, want 99", got)
	}
}

// aloneWatch sits in front of the real server: it refuses the first push that starts a
// row (413, as rowWatch does), slows every push sent on its own, and notes whether two
// pushes sent on their own were ever on their way at once.
type aloneWatch struct {
	next     http.Handler
	mu       sync.Mutex
	heads    int
	alone    int // pushes on their own on their way now
	together bool
}

func (w *aloneWatch) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.URL.Path != "/v1/sync/push" {
		w.next.ServeHTTP(rw, r)
		return
	}
	if q.Get(syncapi.PushNameParam) != "" {
		w.mu.Lock()
		refuse := false
		if q.Get(syncapi.PushAfterParam) == "" {
			w.heads++
			refuse = w.heads == 1
		}
		w.mu.Unlock()
		if refuse {
			tooLarge(r)
		}
		w.next.ServeHTTP(rw, r)
		return
	}
	w.mu.Lock()
	if w.alone++; w.alone > 1 {
		w.together = true
	}
	w.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	w.next.ServeHTTP(rw, r)
	w.mu.Lock()
	w.alone--
	w.mu.Unlock()
}

// When a group's row breaks, the group sent after it in a row (answered unavailable:
// its first push follows one not applied) sends its pushes one at a time only once the
// group before has sent all of its own: the pushes reach the server in the order taken,
// one at a time, as if the groups had gone one after the other.
func TestPushGroupAfterBrokenRowWaits(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 4 })
	team := env.Team("Rows")
	w := &aloneWatch{next: env.API}
	ts := httptest.NewServer(w)
	t.Cleanup(ts.Close)
	connect := func(name string) *laptop { return connectTo(t, ts.URL, env.Code(team.ID, time.Hour), name) }
	a, b := connect("A"), connect("B")
	addFeedback(t, a.db, 59) // with its session, two groups of 10 requests of 4 and 20
	sum := a.sync()
	if sum.Push.Merged != 0 || sum.Push.Conflict != 0 || sum.Push.Rejected != 0 || sum.Pushed != 60 {
		t.Errorf("push: %+v, pushed %d; want 60 applied in order", sum.Push, sum.Pushed)
	}
	if w.together {
		t.Error("two pushes sent on their own were on their way at once: the group after a broken row did not wait for the one before")
	}
	b.sync()
	sameData(t, a, b)
}

// connectTo connects a new laptop named name to the server at url with an enrolment
// code.
func connectTo(t *testing.T, url, code, name string) *laptop {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := syncer.Connect(ctx, db, url, code, nil); err != nil {
		t.Fatal(err)
	}
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &laptop{t: t, name: name, db: db, e: e}
}

// relay writes a recorded answer to rw.
func relay(rw http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		rw.Header()[k] = v
	}
	rw.WriteHeader(rec.Code)
	rw.Write(rec.Body.Bytes())
}

// tooLarge doubles a push's changes, past the server's batch limit: it answers 413.
func tooLarge(r *http.Request) {
	var req syncapi.PushRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		panic(err)
	}
	req.Changes = append(req.Changes, req.Changes...)
	b, _ := json.Marshal(req)
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
}

// A push over the server's per-device rate (a large first push: groups go back to
// back) waits the Retry-After the server gives and goes on in the same sync, rather
// than failing it; every change arrives once, in order.
func TestPushWaitsForTheDeviceRate(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) {
		c.Limits.MaxBatch = 4
		c.Now = time.Now // the buckets fill in real time
		c.RateLimit = server.RateLimit{PerSecond: 8, Burst: 4}
	})
	team := env.Team("Rate")
	env.Clock.Advance(time.Until(env.Clock.Now()) * -1) // the codes' clock to the server's: now
	a := connectTo(t, env.Server.URL, env.Code(team.ID, time.Hour), "A")
	addFeedback(t, a.db, 59) // with its session, 15 pushes
	sum, err := a.e.SyncOnce(context.Background(), nil)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	if sum.Pushed != 60 || sum.Push.Rejected != 0 || sum.Push.Merged != 0 {
		t.Errorf("push: %+v, pushed %d; want 60 applied", sum.Push, sum.Pushed)
	}
}

package syncer_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// busyWatch sits in front of the real server and plays a busy one: from the answer to
// the first push on, its answers ask for Batch changes, busyAnswers of them, then no
// more. It notes each push's size, and whether it came while the laptop had been
// asked (and then whether another push of it was on its way).
type busyWatch struct {
	next        http.Handler
	batch       int
	busyAnswers int

	mu        sync.Mutex
	asked     int   // answers that asked
	lifted    bool  // an answer went without asking, after them
	sizes     []int // changes of each push, in the order they came
	whileBusy []int // the same, for pushes that came after an asking answer and before the lift
	together  int   // pushes that came while the laptop had been asked and another was on its way
	inFlight  int
}

func (w *busyWatch) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/sync/push" {
		w.next.ServeHTTP(rw, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req syncapi.PushRequest
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	w.mu.Lock()
	w.sizes = append(w.sizes, len(req.Changes))
	busy := w.asked > 0 && !w.lifted
	if busy {
		w.whileBusy = append(w.whileBusy, len(req.Changes))
		if w.inFlight > 0 {
			w.together++
		}
	}
	w.inFlight++
	w.mu.Unlock()
	rec := httptest.NewRecorder()
	w.next.ServeHTTP(rec, r)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inFlight--
	if rec.Code == http.StatusOK && w.asked < w.busyAnswers {
		var resp syncapi.PushResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			panic(err)
		}
		resp.Batch = w.batch
		out, _ := json.Marshal(resp)
		rec.Body = bytes.NewBuffer(out)
		rec.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.asked++
	} else if rec.Code == http.StatusOK {
		w.lifted = true
	}
	relay(rw, rec)
}

// TestPushFollowsTheServersBatch: a laptop whose pushes are answered with a Batch
// (the server is busy with other devices' pushes) sends the pushes after it one at a
// time, of at most that many changes; when the answers stop asking it goes back to
// the server's limit, several at once. Everything arrives, and another laptop holds
// the same data.
func TestPushFollowsTheServersBatch(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite, func(c *server.Config) { c.Limits.MaxBatch = 8 })
	team := env.Team("Busy")
	watch := &busyWatch{next: env.API, batch: 3, busyAnswers: 6}
	ts := httptest.NewServer(watch)
	t.Cleanup(ts.Close)
	connect := func(name string) *laptop { return connectTo(t, ts.URL, env.Code(team.ID, time.Hour), name) }
	a, b := connect("A"), connect("B")
	addFeedback(t, a.db, 120) // a session and 120 items
	sum := a.sync()
	if sum.Pushed != 121 || sum.Push.Rejected != 0 {
		t.Fatalf("pushed %d (%+v), want 121", sum.Pushed, sum.Push)
	}
	if len(watch.sizes) == 0 || watch.sizes[0] != 8 {
		t.Fatalf("pushes %v: the first should carry the server's limit, 8", watch.sizes)
	}
	if len(watch.whileBusy) != watch.busyAnswers {
		t.Errorf("pushes while asked: %v, want %d", watch.whileBusy, watch.busyAnswers)
	}
	for _, n := range watch.whileBusy {
		if n > watch.batch {
			t.Errorf("a push of %d changes while asked for %d (pushes %v)", n, watch.batch, watch.sizes)
		}
	}
	if watch.together != 0 {
		t.Errorf("%d pushes went beside another while asked for one at a time", watch.together)
	}
	// (the group after the lifting answer may have been taken before it came)
	after := watch.sizes[len(watch.whileBusy)+1:]
	if !slices.Contains(after[:min(2, len(after))], 8) {
		t.Errorf("pushes after the lift %v: want the server's limit again", after)
	}
	b.sync()
	sameData(t, a, b)
}

// TestFirstPushIsSmall: a sync's first push carries at most syncapi.FirstPushBatch
// changes (its answer may ask for smaller pushes before a large one waits behind other
// devices'); when it does not, the rest go at the server's limit.
func TestFirstPushIsSmall(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("First")
	watch := &busyWatch{next: env.API}
	ts := httptest.NewServer(watch)
	t.Cleanup(ts.Close)
	a := connectTo(t, ts.URL, env.Code(team.ID, time.Hour), "A")
	const n = syncapi.FirstPushBatch + syncapi.DefaultMaxBatch + 400
	storetest.ImportFeedback(t, a.db, n-1, "Imported comment %d") // and its session
	if sum := a.sync(); sum.Pushed != n {
		t.Fatalf("pushed %d, want %d", sum.Pushed, n)
	}
	// the rest: one group, in a row (their order of arrival may differ)
	got := slices.Clone(watch.sizes)
	if len(got) > 1 {
		slices.Sort(got[1:])
	}
	if want := []int{syncapi.FirstPushBatch, 400, syncapi.DefaultMaxBatch}; !slices.Equal(got, want) {
		t.Errorf("pushes %v, want %v (the last two in any order)", watch.sizes, want)
	}
}

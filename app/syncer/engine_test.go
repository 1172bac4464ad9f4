package syncer_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
)

// fakeServer is a small stand-in for involve-server: it applies every change as sent,
// hands them back on pull, and can be told to fail.
type fakeServer struct {
	t        testing.TB
	mu       sync.Mutex
	fail     int    // answer every sync request with this status (0: work)
	failBody string // body of the failure answer
	maxBatch int    // answer 413 to pushes with more changes than this
	maxBody  int    // answer 413 to bodies larger than this (decoded)
	pushes   []int  // changes per push request (including refused ones)
	gzipped  int    // requests that came gzip-compressed
	records  []syncapi.PulledChange
	headers  []http.Header // of sync requests
	unusual  bool          // pull pages with a field Involve's server does not write (read by encoding/json)
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON := func(status int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(v)
	}
	if r.URL.Path == "/v1/info" {
		writeJSON(200, syncapi.Info{Service: "involve-server", Protocol: 1, MinProtocol: 1, Limits: syncapi.Limits{MaxBatch: 1000, MaxBodyBytes: 8 << 20, MaxPullLimit: 5000}})
		return
	}
	if r.URL.Path == "/v1/enrol" {
		var req syncapi.EnrolRequest
		json.NewDecoder(r.Body).Decode(&req)
		if req.Code != "GOOD-CODE" {
			writeJSON(401, syncapi.Error{Code: "unauthorized", Message: "This enrolment code is not valid."})
			return
		}
		writeJSON(200, syncapi.EnrolResponse{Token: "inv1_fake", DeviceID: req.DeviceID, Team: syncapi.Team{ID: "team-1", Name: "South London"},
			Limits: syncapi.Limits{MaxBatch: 1000, MaxBodyBytes: 8 << 20, MaxPullLimit: 5000}})
		return
	}
	f.headers = append(f.headers, r.Header.Clone())
	if f.fail != 0 {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(f.fail)
		io.WriteString(w, f.failBody)
		return
	}
	if r.Header.Get("Authorization") != "Bearer inv1_fake" {
		writeJSON(401, syncapi.Error{Code: "unauthorized", Message: "no"})
		return
	}
	switch r.URL.Path {
	case "/v1/sync/push":
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			f.gzipped++
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				f.t.Errorf("gzip body: %v", err)
				return
			}
			body = zr
		}
		raw, _ := io.ReadAll(body)
		var req syncapi.PushRequest
		if err := json.Unmarshal(raw, &req); err != nil {
			writeJSON(400, syncapi.Error{Code: "invalid", Message: err.Error()})
			return
		}
		f.pushes = append(f.pushes, len(req.Changes))
		if (f.maxBatch > 0 && len(req.Changes) > f.maxBatch) || (f.maxBody > 0 && len(raw) > f.maxBody) {
			writeJSON(413, syncapi.Error{Code: "too_large", Message: "Send fewer changes at a time."})
			return
		}
		var res syncapi.PushResponse
		for _, c := range req.Changes {
			res.Results = append(res.Results, syncapi.Result{ChangeID: c.ChangeID, Status: syncapi.StatusApplied, Rev: c.Rev})
			f.records = append(f.records, syncapi.PulledChange{Seq: int64(len(f.records) + 1), Entity: c.Entity, RecordID: c.RecordID, Rev: c.Rev, State: c.State})
		}
		writeJSON(200, res)
	case "/v1/sync/pull":
		since, _ := strconv.Atoi(r.URL.Query().Get("since"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var page syncapi.PullResponse
		for _, c := range f.records {
			if int(c.Seq) > since && len(page.Changes) < limit {
				page.Changes = append(page.Changes, c)
			}
		}
		page.Cursor = strconv.Itoa(since)
		if n := len(page.Changes); n > 0 {
			page.Cursor = strconv.FormatInt(page.Changes[n-1].Seq, 10)
			page.More = page.Changes[n-1].Seq < int64(len(f.records))
		}
		if f.unusual {
			b, _ := json.Marshal(page)
			w.Header().Set("Content-Type", "application/json")
			w.Write(append([]byte(`{"note":"not the usual form",`), b[1:]...))
			return
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "application/json")
			zw := gzip.NewWriter(w)
			json.NewEncoder(zw).Encode(page)
			zw.Close()
			return
		}
		writeJSON(200, page)
	default:
		writeJSON(404, syncapi.Error{Code: "not_found", Message: "no such endpoint"})
	}
}

func (f *fakeServer) set(fn func(f *fakeServer)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// newEngine connects a fresh database to a fake server.
func newEngine(t *testing.T) (*syncer.Engine, *store.DB, *fakeServer, *httptest.Server) {
	t.Helper()
	fs := &fakeServer{t: t}
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	db := storetest.Open(t)
	if _, err := syncer.Connect(context.Background(), db, srv.URL, "GOOD-CODE", srv.Client()); err != nil {
		t.Fatal(err)
	}
	e, err := syncer.FromSettings(context.Background(), db, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	return e, db, fs, srv
}

func addFeedback(t testing.TB, db *store.DB, n int) involve.Session {
	t.Helper()
	ctx := context.Background()
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-11-24", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: fmt.Sprintf("card %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestBackoff(t *testing.T) {
	minD, maxD := time.Second, 5*time.Minute
	for n := 1; n <= 20; n++ {
		ceil := min(minD<<(n-1), maxD)
		if n > 12 {
			ceil = maxD
		}
		for _, r := range []float64{0, 0.25, 0.5, 0.999999} {
			d := syncer.Backoff(n, minD, maxD, r)
			if d > ceil || d < minD/10 {
				t.Errorf("Backoff(%d, r=%v) = %v, want within [%v, %v]", n, r, d, minD/10, ceil)
			}
		}
		// full jitter: the whole range is used
		if hi := syncer.Backoff(n, minD, maxD, 0.999999); hi < ceil*99/100 {
			t.Errorf("Backoff(%d) tops out at %v, want about %v", n, hi, ceil)
		}
		if mid := syncer.Backoff(n, minD, maxD, 0.5); mid != max(ceil/2, minD/10) {
			t.Errorf("Backoff(%d, 0.5) = %v, want %v", n, mid, ceil/2)
		}
	}
	if d := syncer.Backoff(1, minD, maxD, 0); d != 100*time.Millisecond {
		t.Errorf("no zero waits: %v", d)
	}
}

func TestRetryable(t *testing.T) {
	for status, want := range map[int]bool{400: false, 401: false, 403: false, 404: false, 408: true, 413: false,
		426: false, 429: true, 500: true, 502: true, 503: true, 504: true} {
		err := &syncer.Error{Op: "push", Status: status, API: &syncapi.Error{Code: "x"}}
		if got := syncer.Retryable(err); got != want {
			t.Errorf("Retryable(%d) = %v, want %v", status, got, want)
		}
	}
	if !syncer.Retryable(&syncer.Error{Op: "pull", Err: errors.New("connection refused")}) {
		t.Error("network errors are retryable")
	}
	if syncer.Retryable(context.Canceled) {
		t.Error("a cancelled sync is not retried")
	}
	var ae *syncapi.Error
	if err := error(&syncer.Error{Op: "push", Status: 400, API: &syncapi.Error{Code: "invalid", Message: "bad"}}); !errors.As(err, &ae) || ae.Code != "invalid" {
		t.Error("the decoded error is reachable with errors.As")
	}
}

func TestSyncOnce(t *testing.T) {
	ctx := context.Background()
	e, db, fs, _ := newEngine(t)
	addFeedback(t, db, 5)
	var phases []string
	sum, err := e.SyncOnce(ctx, func(p syncer.Progress) { phases = append(phases, p.Phase) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pushed != 6 || sum.Push.Applied != 6 || sum.Pull.Received != 6 {
		t.Fatalf("summary %+v", sum)
	}
	if got := sum.String(); got != "sync: pushed 6 (6 applied), pulled 6, 0 conflicts, 0 rejected" {
		t.Errorf("summary line %q", got)
	}
	if len(phases) == 0 || phases[0] != syncer.PhasePush || phases[len(phases)-1] != syncer.PhasePull {
		t.Errorf("progress phases %v", phases)
	}
	st := e.Status()
	if st.State != syncer.StateIdle || st.Pending != 0 || st.LastSyncedAt.IsZero() || st.Message != "Everything is synced." ||
		st.TeamName != "South London" || st.NextAttemptAt.IsZero() {
		t.Fatalf("status %+v", st)
	}
	for _, h := range fs.headers {
		if h.Get("Involve-Protocol") != "1" {
			t.Fatalf("request without the protocol header: %v", h)
		}
	}
	t.Run("NothingToDo", func(t *testing.T) {
		sum, err := e.SyncOnce(ctx, nil)
		if err != nil || sum.Pushed != 0 || sum.Pull.Received != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
	})
}

// A pull page not of the form the server writes is read by encoding/json, every
// change of it, whatever buffer the page was read into.
func TestPullPageOfUnusualForm(t *testing.T) {
	ctx := context.Background()
	e, db, fs, _ := newEngine(t)
	fs.set(func(f *fakeServer) { f.unusual = true })
	addFeedback(t, db, 5)
	sum, err := e.SyncOnce(ctx, nil)
	if err != nil || sum.Push.Applied != 6 || sum.Pull.Received != 6 || sum.Pull.Skipped != 0 {
		t.Fatalf("summary %+v %v", sum, err)
	}
}

func TestSplitOn413(t *testing.T) {
	ctx := context.Background()
	e, db, fs, _ := newEngine(t)
	addFeedback(t, db, 9) // 10 changes
	fs.set(func(f *fakeServer) { f.maxBatch = 3 })
	sum, err := e.SyncOnce(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Push.Applied != 10 {
		t.Fatalf("summary %+v (pushes %v)", sum, fs.pushes)
	}
	for _, n := range fs.pushes[1:] {
		if n > 10 {
			t.Errorf("pushes %v", fs.pushes)
		}
	}
	t.Run("OneChangeTooLarge", func(t *testing.T) {
		s := addFeedback(t, db, 0)
		if _, err := db.SaveSessionNotes(ctx, s.ID, strings.Repeat("long notes ", 2000)); err != nil {
			t.Fatal(err)
		}
		addFeedback(t, db, 1)
		fs.set(func(f *fakeServer) { f.maxBatch, f.maxBody = 0, 10000 })
		sum, err := e.SyncOnce(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Push.Rejected != 1 || sum.Push.Applied != 2 {
			t.Fatalf("summary %+v", sum)
		}
		rej, _ := db.FindRejectedChanges(ctx)
		if len(rej) != 1 || rej[0].RecordID != s.ID || !strings.Contains(rej[0].Reason, "larger than the server accepts") {
			t.Fatalf("rejected %+v", rej)
		}
	})
}

func TestGzip(t *testing.T) {
	ctx := context.Background()
	fs := &fakeServer{t: t}
	srv := httptest.NewServer(fs)
	defer srv.Close()
	db := storetest.Open(t)
	if _, err := syncer.Connect(ctx, db, srv.URL, "GOOD-CODE", srv.Client()); err != nil {
		t.Fatal(err)
	}
	addFeedback(t, db, 300)
	e := syncer.NewEngine(db, syncer.NewClient(srv.URL, "inv1_fake", srv.Client(), syncer.CompressAlways))
	sum, err := e.SyncOnce(ctx, nil)
	if err != nil || sum.Pull.Received != 301 {
		t.Fatalf("%+v %v", sum, err)
	}
	if fs.gzipped == 0 {
		t.Error("large push bodies were not compressed")
	}
	if got := fs.headers[len(fs.headers)-1].Get("Accept-Encoding"); got != "gzip" {
		t.Errorf("Accept-Encoding %q", got)
	}
	// over loopback the automatic mode does not compress
	auto := syncer.NewClient(srv.URL, "inv1_fake", nil, syncer.CompressAuto)
	before := fs.gzipped
	if _, err := auto.Push(ctx, make([]syncapi.Change, 0)); err != nil {
		t.Fatal(err)
	}
	if fs.gzipped != before || fs.headers[len(fs.headers)-1].Get("Accept-Encoding") != "" {
		t.Error("compressed over loopback")
	}
}

func TestStatusMessages(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, state, msg string
		status           int
		body             string
	}{
		{"Unauthorized", syncer.StateUnauthorized, syncer.MsgUnauthorized, 401, `{"code":"unauthorized","message":"revoked"}`},
		{"ServerFault", syncer.StateError, syncer.MsgServerFault, 500, `{"code":"internal","message":"Internal error."}`},
		{"Busy", syncer.StateError, syncer.MsgBusy, 429, `{"code":"rate_limited","message":"slow down"}`},
		{"Proxy", syncer.StateOffline, syncer.MsgOffline, 502, `<html>bad gateway</html>`},
		{"Protocol", syncer.StateError, syncer.MsgProtocol, 426, `{"code":"unsupported_protocol","message":"update"}`},
		{"Refused", syncer.StateError, "Sync failed: Your team has been archived. Your work is safe on this laptop.", 403,
			`{"code":"forbidden","message":"Your team has been archived."}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, db, fs, _ := newEngine(t)
			addFeedback(t, db, 1)
			fs.set(func(f *fakeServer) { f.fail, f.failBody = c.status, c.body })
			if _, err := e.SyncOnce(ctx, nil); err == nil {
				t.Fatal("no error")
			}
			st := e.Status()
			if st.State != c.state || st.Message != c.msg || st.Pending != 2 {
				t.Fatalf("status %+v", st)
			}
			if c.state == syncer.StateUnauthorized != st.NextAttemptAt.IsZero() {
				t.Errorf("next attempt %v", st.NextAttemptAt)
			}
			if c.status == 429 {
				if wait := st.NextAttemptAt.Sub(st.LastAttemptAt); wait < 6*time.Second {
					t.Errorf("Retry-After not honoured: %v", wait)
				}
			}
			// the command line sees the same state from the database
			ls, err := syncer.LocalStatus(ctx, db)
			if err != nil || ls.State != c.state || ls.Message != c.msg {
				t.Fatalf("local status %+v %v", ls, err)
			}
		})
	}
	t.Run("Offline", func(t *testing.T) {
		e, db, _, srv := newEngine(t)
		srv.Close()
		_, err := e.SyncOnce(ctx, nil)
		if !syncer.Retryable(err) {
			t.Fatalf("%v", err)
		}
		if st := e.Status(); st.State != syncer.StateOffline || st.Message != "Server not reachable — your work is safe on this laptop. Involve will try again." {
			t.Fatalf("%+v", st)
		}
		if n, _, _, _ := db.SyncCounts(ctx); n != 0 {
			t.Fatal("nothing was made, nothing waits")
		}
	})
	t.Run("NotConnected", func(t *testing.T) {
		db := storetest.Open(t)
		st, err := syncer.LocalStatus(ctx, db)
		if err != nil || st.State != syncer.StateNotConnected || st.Message != syncer.MsgNotConnected {
			t.Fatalf("%+v %v", st, err)
		}
		if _, err := syncer.FromSettings(ctx, db, nil); involve.ErrorCode(err) != involve.ECONFLICT {
			t.Fatalf("engine without a connection: %v", err)
		}
	})
}

// fakeClock drives Run: After hands out channels the test fires.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	waits  chan time.Duration
	timers []chan time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.timers = append(c.timers, ch)
	c.mu.Unlock()
	c.waits <- d
	return ch
}
func (c *fakeClock) fire(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	ch := c.timers[len(c.timers)-1]
	c.mu.Unlock()
	ch <- c.now
}

func TestRun(t *testing.T) {
	e, db, fs, _ := newEngine(t)
	clock := &fakeClock{now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), waits: make(chan time.Duration, 10)}
	e.Now, e.After, e.Rand = clock.Now, clock.After, func() float64 { return 0.5 }
	statuses := make(chan syncer.Status, 100)
	e.OnStatus = func(s syncer.Status) {
		select {
		case statuses <- s:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	wait := func(want time.Duration) {
		t.Helper()
		select {
		case d := <-clock.waits:
			if d != want {
				t.Fatalf("waits %v, want %v", d, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not wait")
		}
	}
	wait(0) // sync at start
	addFeedback(t, db, 2)
	clock.fire(0)
	wait(syncer.DefaultInterval)
	if n, _, _, _ := db.SyncCounts(context.Background()); n != 0 {
		t.Fatalf("%d changes still waiting after the start-up sync", n)
	}

	// failures back off: 1 s·2^(n-1) with full jitter (r = 0.5)
	fs.set(func(f *fakeServer) { f.fail, f.failBody = 503, `{"code":"unavailable","message":"restarting"}` })
	clock.fire(syncer.DefaultInterval)
	wait(7 * time.Second) // Retry-After 7 s beats the first backoff (0.5 s)
	clock.fire(7 * time.Second)
	wait(7 * time.Second)
	fs.set(func(f *fakeServer) { f.failBody = "" })

	// Sync now
	fs.set(func(f *fakeServer) { f.fail = 0 })
	e.Trigger()
	wait(syncer.DefaultInterval)
	if st := e.Status(); st.State != syncer.StateIdle {
		t.Fatalf("after Sync now: %+v", st)
	}

	// a 401 stops the background loop: no timer until someone acts
	fs.set(func(f *fakeServer) { f.fail = 401 })
	clock.fire(syncer.DefaultInterval)
	deadline := time.After(10 * time.Second)
	for e.Status().State != syncer.StateUnauthorized {
		select {
		case <-deadline:
			t.Fatal("never unauthorized")
		case <-time.After(5 * time.Millisecond):
		}
	}
	select {
	case d := <-clock.waits:
		t.Fatalf("Run set a timer (%v) after a 401", d)
	case <-time.After(100 * time.Millisecond):
	}
	if len(statuses) == 0 {
		t.Error("no status reported")
	}
}

func TestJoinRunningSync(t *testing.T) {
	ctx := context.Background()
	e, db, fs, _ := newEngine(t)
	addFeedback(t, db, 1)
	fs.mu.Lock() // hold the server: the first sync waits in its push
	first := make(chan syncer.Summary)
	go func() {
		s, _ := e.SyncOnce(ctx, nil)
		first <- s
	}()
	for e.Status().State != syncer.StateSyncing {
		time.Sleep(time.Millisecond)
	}
	second := make(chan syncer.Summary)
	go func() {
		s, _ := e.SyncOnce(ctx, nil)
		second <- s
	}()
	time.Sleep(20 * time.Millisecond)
	fs.mu.Unlock()
	a, b := <-first, <-second
	if a.Joined || !b.Joined || a.Pushed != 2 || b.Pushed != 2 || len(fs.pushes) != 1 {
		t.Fatalf("first %+v second %+v pushes %v", a, b, fs.pushes)
	}
}

func TestConnect(t *testing.T) {
	ctx := context.Background()
	fs := &fakeServer{t: t}
	srv := httptest.NewServer(fs)
	defer srv.Close()

	t.Run("NormalizeURL", func(t *testing.T) {
		for in, want := range map[string]string{
			"involve.example.nhs.uk":           "https://involve.example.nhs.uk",
			" https://Involve.Example.nhs.uk/": "https://involve.example.nhs.uk",
			"https://proxy.nhs.uk/involve/":    "https://proxy.nhs.uk/involve",
			"http://127.0.0.1:8080":            "http://127.0.0.1:8080",
			"http://localhost:8080":            "http://localhost:8080",
		} {
			if got, err := syncer.NormalizeURL(in); err != nil || got != want {
				t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
		for in, msg := range map[string]string{
			"":                           "Enter the server address, like https://involve.example.nhs.uk",
			"http://involve.example.org": "The server address must start with https:// (plain http:// is only for a server on this computer)",
			"ftp://x.org":                "Enter the server address in the correct format, like https://involve.example.nhs.uk",
			"https://":                   "Enter the server address in the correct format, like https://involve.example.nhs.uk",
			"https://a b.org":            "Enter the server address in the correct format, like https://involve.example.nhs.uk",
		} {
			_, err := syncer.NormalizeURL(in)
			f := involve.ErrorFields(err)
			if len(f) != 1 || f[0].Field != "url" || f[0].Message != msg {
				t.Errorf("NormalizeURL(%q): %v", in, err)
			}
		}
	})
	t.Run("Problems", func(t *testing.T) {
		db := storetest.Open(t)
		_, err := syncer.Connect(ctx, db, "", "", nil)
		f := involve.ErrorFields(err)
		if involve.ErrorCode(err) != involve.EINVALID || len(f) != 2 || f[0].Field != "url" || f[1].Field != "code" {
			t.Fatalf("%v", err)
		}
	})
	t.Run("WrongCode", func(t *testing.T) {
		db := storetest.Open(t)
		_, err := syncer.Connect(ctx, db, srv.URL, "USED-CODE", srv.Client())
		f := involve.ErrorFields(err)
		if len(f) != 1 || f[0].Field != "code" || !strings.Contains(f[0].Message, "not valid") {
			t.Fatalf("%v", err)
		}
		if s, _ := db.SyncSettings(ctx); s.Connected() {
			t.Fatal("connected with a wrong code")
		}
	})
	t.Run("NotAnInvolveServer", func(t *testing.T) {
		other := httptest.NewServer(http.NotFoundHandler())
		defer other.Close()
		_, err := syncer.Connect(ctx, storetest.Open(t), other.URL, "GOOD-CODE", other.Client())
		if f := involve.ErrorFields(err); len(f) != 1 || f[0].Field != "url" {
			t.Fatalf("%v", err)
		}
	})
	t.Run("Unreachable", func(t *testing.T) {
		gone := httptest.NewServer(http.NotFoundHandler())
		gone.Close()
		_, err := syncer.Connect(ctx, storetest.Open(t), gone.URL, "GOOD-CODE", nil)
		if involve.ErrorCode(err) != involve.EUNAVAILABLE || !strings.Contains(involve.ErrorMessage(err), "could not reach the server") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("Connected", func(t *testing.T) {
		db := storetest.Open(t)
		set, err := syncer.Connect(ctx, db, srv.URL+"/", " GOOD-CODE ", srv.Client())
		if err != nil {
			t.Fatal(err)
		}
		if set.ServerURL != srv.URL || set.DeviceToken != "inv1_fake" || set.TeamName != "South London" || set.Limits.MaxBatch != 1000 || set.DeviceName == "" {
			t.Fatalf("%+v", set)
		}
	})
}

package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/gcpace"
	"github.com/hin-south-london/involve/app/internal/benchdata"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// benchSession is a session like the data set's: about 1 000 characters of notes.
func benchSession(i int) *involve.Session {
	s := &involve.Session{SessionInput: involve.SessionInput{Title: fmt.Sprintf("Focus group %d: waiting times in Croydon", i),
		Date: "2025-06-14", Type: "workshop", Mode: "in_person", Status: "held", Standards: []string{}, AccessSupport: []string{},
		Purpose: "To hear what people think of the waiting room"},
		Notes: strings.Repeat("People said the café was <5 mins away & the A&E \"quick\" triage helped; ", 14)}
	s.ID = uuid.NewString()
	return s
}

// laptopRecords makes one laptop's new records as push bodies of batch changes: a
// session with 49 feedback items, again and again (n in all).
func laptopRecords(b *testing.B, d *servertest.Device, n, batch int) [][]byte {
	var changes []syncapi.Change
	var session string
	for i := range n {
		if i%50 == 0 {
			s := benchSession(i)
			session = s.ID
			changes = append(changes, d.Change("session", s, 0))
			continue
		}
		f := benchFeedback(i).(*involve.Feedback)
		f.SessionID = session
		changes = append(changes, d.Change("feedback", f, 0))
	}
	var bodies [][]byte
	for i := 0; i < len(changes); i += batch {
		body, err := json.Marshal(syncapi.PushRequest{Changes: changes[i:min(i+batch, len(changes))]})
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	return bodies
}

// request is one timed request of the benchmark.
type request struct {
	push bool
	took time.Duration
	err  error
}

// BenchmarkConcurrentSync is DESIGN §8's "20 laptops syncing 5 000 records each at
// once" against the real server over loopback HTTP: 20 devices of one team (the worst
// case: their pushes are serialised by the team's transaction) each push 5 000 new
// records (sessions with 49 feedback items each, random ids like the data set) in
// requests of 1000 (the server's maxBatch, what the engine sends by default; "batch=250":
// laptops whose engine has PushBatch 250), then pull pages of 5000 until they have
// caught up — all starting at the same moment. The laptops are HTTP clients with their
// requests ready (their own database work is the engine benchmark's), so the figures
// are the server's. "team-each": the same with every laptop in a team of its own
// (pushes in parallel; they share the database and the audit chain's lock). Reported: wall time, CPU time (this process, and PostgreSQL's when
// it is the store), records pushed per second, request latency (p50, p99, max, push
// and pull apart), errors (target: 0 errors, p99 ≤ 250 ms).
//
//	go test -tags sqlite_fts5 -run '^$' -bench ConcurrentSync -benchtime 1x ./app/server
func BenchmarkConcurrentSync(b *testing.B) {
	const laptops, records = 20, 5000
	for _, kind := range servertest.StoreKinds() {
		for _, batch := range []int{syncapi.DefaultMaxBatch, 250} {
			b.Run(fmt.Sprintf("%s/batch=%d", kind, batch), func(b *testing.B) {
				for range b.N {
					benchConcurrentSync(b, kind, laptops, records, batch, false)
				}
			})
		}
		// Each laptop in a team of its own: no push waits for another's team, so what
		// they share is the database and the audit log's chain lock.
		b.Run(fmt.Sprintf("%s/batch=%d/team-each", kind, syncapi.DefaultMaxBatch), func(b *testing.B) {
			for range b.N {
				benchConcurrentSync(b, kind, laptops, records, syncapi.DefaultMaxBatch, true)
			}
		})
	}
}

func benchConcurrentSync(b *testing.B, kind string, laptops, records, batch int, teamEach bool) {
	b.StopTimer()
	// the process paced as involve-server serve paces its own (app/gcpace)
	defer gcpace.Hold(gcpace.ServerLimit)()
	st, _ := servertest.OpenStore(b, kind)
	e := servertest.NewEnvOn(b, st)
	team := e.Team("Bench")
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 2 * laptops
	client := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	devs := make([]*servertest.Device, laptops)
	bodies := make([][][]byte, laptops)
	for i := range devs {
		if teamEach && i > 0 {
			team = e.Team("Bench")
		}
		devs[i] = e.Enrol(team.ID)
		bodies[i] = laptopRecords(b, devs[i], records, batch)
	}
	do := func(method, path, token string, body []byte) ([]byte, error) {
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(body)
		}
		req, err := http.NewRequest(method, e.Server.URL+path, rd)
		if err != nil {
			return nil, err
		}
		req.Header.Set(syncapi.ProtocolHeader, "1")
		req.Header.Set("Authorization", "Bearer "+token)
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		out, err := io.ReadAll(res.Body)
		if err == nil && res.StatusCode != http.StatusOK {
			err = fmt.Errorf("%s %s: %d %.200s", method, path, res.StatusCode, out)
		}
		return out, err
	}

	var mu sync.Mutex
	var reqs []request
	var pulled int
	var lastPush time.Time
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, d := range devs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []request
			n := 0
			<-start
			for _, body := range bodies[i] {
				t := time.Now()
				out, err := do("POST", "/v1/sync/push", d.Token, body)
				if err == nil && bytes.Contains(out, []byte(`"rejected"`)) {
					err = fmt.Errorf("rejected: %.300s", out)
				}
				mine = append(mine, request{push: true, took: time.Since(t), err: err})
			}
			pushed := time.Now()
			cursor := ""
			for {
				t := time.Now()
				out, err := do("GET", "/v1/sync/pull?limit=5000&since="+cursor, d.Token, nil)
				var page syncapi.PullResponse
				if err == nil {
					var ok bool
					if page, ok = syncwire.DecodePullResponse(out); !ok {
						err = json.Unmarshal(out, &page)
					}
				}
				mine = append(mine, request{took: time.Since(t), err: err})
				n += len(page.Changes) // the last page's too: a page may end by its bytes, and the last then holds the rest
				if err != nil || !page.More {
					break
				}
				cursor = page.Cursor
			}
			mu.Lock()
			reqs = append(reqs, mine...)
			pulled += n
			if pushed.After(lastPush) {
				lastPush = pushed
			}
			mu.Unlock()
		}()
	}
	procCPU := benchdata.CPUTime
	if kind == "postgres" {
		procCPU = func() time.Duration { return benchdata.CPUTime() + benchdata.PostgresCPU() }
	}
	b.StartTimer()
	cpu, t0 := procCPU(), time.Now()
	close(start)
	wg.Wait()
	wall, cpuUsed := time.Since(t0), procCPU()-cpu
	b.StopTimer()

	// every laptop pulls every record of its team (its own too)
	if want := laptops * laptops * records; teamEach && pulled != laptops*records || !teamEach && pulled != want {
		b.Errorf("%d records pulled in all", pulled)
	}
	var all, push, pull []time.Duration
	errs := 0
	for _, r := range reqs {
		if r.err != nil {
			errs++
			if errs <= 3 {
				b.Logf("error: %v", r.err)
			}
		}
		all = append(all, r.took)
		if r.push {
			push = append(push, r.took)
		} else {
			pull = append(pull, r.took)
		}
	}
	ms := func(d []time.Duration, p float64) float64 {
		slices.Sort(d)
		i := max(0, min(len(d)-1, int(float64(len(d))*p+0.999999)-1))
		return float64(d[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(wall.Seconds(), "wall-s")
	b.ReportMetric(cpuUsed.Seconds(), "cpu-s")
	b.ReportMetric(float64(laptops*records)/lastPush.Sub(t0).Seconds(), "pushed-rec/s")
	b.ReportMetric(float64(pulled), "pulled")
	b.ReportMetric(float64(len(all)), "requests")
	b.ReportMetric(float64(errs), "errors")
	b.ReportMetric(ms(all, 0.5), "p50-ms")
	b.ReportMetric(ms(all, 0.99), "p99-ms")
	b.ReportMetric(ms(all, 1), "max-ms")
	b.ReportMetric(ms(push, 0.99), "push-p99-ms")
	b.ReportMetric(ms(pull, 0.99), "pull-p99-ms")
}

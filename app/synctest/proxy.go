// Package synctest holds the sync system's cross-cutting test suites (convergence,
// idempotency, faults, security: docs/sync-testing.md) and the fault-injecting HTTP
// proxy they put between laptops and the server. Only Proxy is a non-test file: other
// packages' tests may use it too.
package synctest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Fault is what the proxy does to one request.
type Fault int

// Faults. "Before" faults never reach the server; "after" faults reach it (a push is
// committed there) and then spoil the answer, which is the case idempotency is for.
const (
	// Pass forwards the request and the answer unchanged.
	Pass Fault = iota
	// Delay waits Action.Delay, then forwards (the wait may be split between request
	// and answer).
	Delay
	// BadGateway answers 502 with an HTML page (as nginx does) without asking the server.
	BadGateway
	// DropRequest reads part of the request body, then closes the laptop's connection.
	// The server sees nothing.
	DropRequest
	// CutRequest sends the server the headers and part of the body, then breaks both
	// connections: the server sees a request cut off half way.
	CutRequest
	// DropResponse forwards the request, waits for the server's whole answer, then
	// closes the laptop's connection without a byte of it.
	DropResponse
	// CutResponse forwards the request, then sends the laptop the status line, the
	// headers (with the full Content-Length) and part of the body, and closes.
	CutResponse
	// BadGatewayAfter forwards the request (the server does the work) and answers the
	// laptop 502, as a proxy whose upstream timed out would.
	BadGatewayAfter
	numFaults
)

var faultNames = [...]string{"pass", "delay", "502", "drop-request", "cut-request", "drop-response", "cut-response", "502-after"}

func (f Fault) String() string {
	if f >= 0 && int(f) < len(faultNames) {
		return faultNames[f]
	}
	return fmt.Sprintf("fault(%d)", int(f))
}

// ReachesServer reports whether the server handles a request given this fault.
func (f Fault) ReachesServer() bool {
	switch f {
	case BadGateway, DropRequest, CutRequest:
		return false
	}
	return true
}

// Action is the proxy's plan for one request.
type Action struct {
	Fault Fault
	Delay time.Duration // for Delay (and added before any other fault when set)
	Frac  float64       // for Drop/Cut: how much of the body gets through, in [0, 1)
}

// Req describes a request to the plan.
type Req struct {
	N      int // 1 for the first request through the proxy
	Method string
	Path   string
}

// Plan decides the action for each request. It is called under the proxy's lock, in
// the order requests arrive.
type Plan func(r Req) Action

// Event is one request as the proxy handled it (Proxy.Log).
type Event struct {
	Req
	Action
	Status int   // the server's status (0 if it never answered)
	Err    error // the upstream error, if any
}

// Proxy is a fault-injecting HTTP/1.1 reverse proxy on loopback. It forwards requests
// to an upstream base URL (which can change while it runs: a restarted server) and,
// request by request, passes, delays, refuses (502) or breaks them as its Plan says.
// Connections are broken by hijacking them, so the laptop's HTTP client sees what it
// would see on a real network: EOF before or during the answer.
type Proxy struct {
	URL string // http://127.0.0.1:PORT

	srv *httptest.Server
	tr  *http.Transport

	mu       sync.Mutex
	upstream string
	plan     Plan
	script   []Action
	n        int
	log      []Event
	counts   [numFaults]int
	// OnForward, if set, is called (outside the lock) once a request has been sent
	// upstream in full, before its answer is read. Tests use it to kill the server
	// while a request is in flight.
	onForward func(Req)
}

// NewProxy starts a proxy to upstream (a base URL such as http://127.0.0.1:8080).
func NewProxy(upstream string) *Proxy {
	p := &Proxy{upstream: strings.TrimRight(upstream, "/")}
	p.tr = &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		DisableCompression:  true, // bytes pass through as the server wrote them
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     30 * time.Second,
	}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	p.URL = p.srv.URL
	return p
}

// Close stops the proxy.
func (p *Proxy) Close() {
	p.srv.CloseClientConnections()
	p.srv.Close()
	p.tr.CloseIdleConnections()
}

// SetUpstream points the proxy at another server (after a restart on another port).
func (p *Proxy) SetUpstream(u string) {
	p.mu.Lock()
	p.upstream = strings.TrimRight(u, "/")
	p.mu.Unlock()
	p.tr.CloseIdleConnections()
}

// SetPlan sets the plan (nil: pass everything).
func (p *Proxy) SetPlan(plan Plan) {
	p.mu.Lock()
	p.plan = plan
	p.mu.Unlock()
}

// Script queues actions for the next requests, before the plan is asked again.
func (p *Proxy) Script(actions ...Action) {
	p.mu.Lock()
	p.script = append(p.script, actions...)
	p.mu.Unlock()
}

// OnForward sets the hook called when a request has been sent upstream.
func (p *Proxy) OnForward(fn func(Req)) {
	p.mu.Lock()
	p.onForward = fn
	p.mu.Unlock()
}

// Log returns every request handled so far.
func (p *Proxy) Log() []Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Event(nil), p.log...)
}

// Counts says how many requests got each fault.
func (p *Proxy) Counts() map[Fault]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := map[Fault]int{}
	for f, n := range p.counts {
		if n > 0 {
			m[Fault(f)] = n
		}
	}
	return m
}

// CountsString is Counts for a log line, in a stable order.
func (p *Proxy) CountsString() string {
	c := p.Counts()
	var parts []string
	for f := Pass; f < numFaults; f++ {
		if c[f] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", f, c[f]))
		}
	}
	return strings.Join(parts, " ")
}

// Rates are the chances of each fault per request; the rest pass.
type Rates map[Fault]float64

// RandomPlan is a seeded plan: each request gets a fault with the given chances
// (match nil: every request; otherwise only requests it accepts, the rest pass), a
// delay up to maxDelay for Delay, and a random cut point. The same seed and the same
// sequence of requests give the same faults.
func RandomPlan(seed uint64, rates Rates, maxDelay time.Duration, match func(Req) bool) Plan {
	rng := rand.New(rand.NewPCG(seed, seed^0xa0761d6478bd642f))
	return func(r Req) Action {
		// Draw the same numbers whatever the outcome, so that one request's fate does
		// not shift every later one.
		x, frac, d := rng.Float64(), rng.Float64()*0.95, rng.Float64()
		if match != nil && !match(r) {
			return Action{}
		}
		for f := Delay; f < numFaults; f++ {
			if x < rates[f] {
				a := Action{Fault: f, Frac: frac}
				if f == Delay {
					a.Delay = time.Duration(d * float64(maxDelay))
				}
				return a
			}
			x -= rates[f]
		}
		return Action{}
	}
}

func (p *Proxy) next(r *http.Request) (Req, Action, string, func(Req)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	req := Req{N: p.n, Method: r.Method, Path: r.URL.Path}
	var a Action
	switch {
	case len(p.script) > 0:
		a, p.script = p.script[0], p.script[1:]
	case p.plan != nil:
		a = p.plan(req)
	}
	if a.Fault < 0 || a.Fault >= numFaults {
		a.Fault = Pass
	}
	p.counts[a.Fault]++
	return req, a, p.upstream, p.onForward
}

func (p *Proxy) record(e Event) {
	if recordDelay > 0 {
		time.Sleep(recordDelay)
	}
	p.mu.Lock()
	p.log = append(p.log, e)
	p.mu.Unlock()
}

// recordDelay slows the logging of each exchange (tests of the log's timing only).
var recordDelay time.Duration

// hangUp closes the laptop's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if c, _, err := hj.Hijack(); err == nil {
			c.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // the server closes the connection
}

const badGatewayPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"

func badGateway(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusBadGateway)
	io.WriteString(w, badGatewayPage)
}

// errCut breaks the upstream request body part way.
var errCut = errors.New("synctest proxy: request cut")

type cutReader struct {
	r    io.Reader
	left int
}

func (c *cutReader) Read(b []byte) (int, error) {
	if c.left <= 0 {
		return 0, errCut
	}
	if len(b) > c.left {
		b = b[:c.left]
	}
	n, err := c.r.Read(b)
	c.left -= n
	return n, err
}

func (p *Proxy) serve(w http.ResponseWriter, r *http.Request) {
	req, a, upstream, onForward := p.next(r)
	ev := Event{Req: req, Action: a}
	// The exchange is logged before the laptop can see it end (before anything is written
	// to it or its connection is hung up): a test reads the log as soon as its sync
	// returns.
	recorded := false
	end := func() {
		if !recorded {
			recorded = true
			p.record(ev)
		}
	}
	defer end()
	half := a.Delay / 2
	if a.Delay > 0 {
		time.Sleep(half)
	}
	if a.Fault == DropRequest {
		// Take part of the body, then break the connection while the laptop sends.
		n := int64(a.Frac * float64(r.ContentLength))
		io.CopyN(io.Discard, r.Body, max(n, 0))
		end()
		hangUp(w)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		end()
		hangUp(w)
		return
	}
	if a.Fault == BadGateway {
		end()
		badGateway(w)
		return
	}

	var rd io.Reader = bytes.NewReader(body)
	if a.Fault == CutRequest {
		rd = &cutReader{r: rd, left: int(a.Frac * float64(len(body)))}
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, upstream+r.URL.RequestURI(), rd)
	if err != nil {
		ev.Err = err
		end()
		badGateway(w)
		return
	}
	out.Header = r.Header.Clone()
	out.Header.Del("Connection")
	out.ContentLength = int64(len(body))
	if len(body) == 0 {
		out.Body = http.NoBody
	}
	if onForward != nil && a.Fault != CutRequest {
		if len(body) == 0 {
			onForward(req)
		} else {
			out.Body = &eofHook{r: rd, left: len(body), fn: func() { onForward(req) }}
		}
	}
	res, err := p.tr.RoundTrip(out)
	if err != nil {
		ev.Err = err
		if a.Fault == CutRequest {
			end()
			hangUp(w)
		} else {
			end()
			badGateway(w) // the server is down: what a real proxy says
		}
		return
	}
	resBody, err := io.ReadAll(res.Body)
	res.Body.Close()
	ev.Status = res.StatusCode
	if err != nil {
		ev.Err = err
		end()
		hangUp(w)
		return
	}
	if a.Fault == CutRequest {
		// The server answered a request it only half got (it must refuse it); the
		// laptop's connection broke anyway.
		end()
		hangUp(w)
		return
	}
	if a.Delay > 0 {
		time.Sleep(a.Delay - half)
	}
	switch a.Fault {
	case DropResponse:
		end()
		hangUp(w)
		return
	case BadGatewayAfter:
		end()
		badGateway(w)
		return
	case CutResponse:
		end() // (the connection is closed before serve returns)
		hj, ok := w.(http.Hijacker)
		if !ok {
			panic(http.ErrAbortHandler)
		}
		c, bw, err := hj.Hijack()
		if err != nil {
			return
		}
		defer c.Close()
		writeHead(bw, res, len(resBody))
		n := int(a.Frac * float64(len(resBody)))
		if n >= len(resBody) {
			n = len(resBody) - 1
		}
		if n > 0 {
			bw.Write(resBody[:n])
		}
		bw.Flush()
		return
	}
	h := w.Header()
	for k, vs := range res.Header {
		if k == "Connection" || k == "Transfer-Encoding" {
			continue
		}
		h[k] = vs
	}
	h.Set("Content-Length", fmt.Sprint(len(resBody)))
	end()
	w.WriteHeader(res.StatusCode)
	w.Write(resBody)
}

// eofHook calls fn once, when the body has been read to its end (the transport has
// sent all of it).
type eofHook struct {
	r    io.Reader
	left int
	fn   func()
	done bool
}

func (h *eofHook) Read(b []byte) (int, error) {
	n, err := h.r.Read(b)
	h.left -= n
	if (err == io.EOF || h.left <= 0) && !h.done {
		h.done = true
		h.fn()
	}
	return n, err
}

func (h *eofHook) Close() error { return nil }

// writeHead writes a response's status line and headers (Content-Length: the full
// body) on a hijacked connection.
func writeHead(bw *bufio.ReadWriter, res *http.Response, n int) {
	fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\n", res.StatusCode, http.StatusText(res.StatusCode))
	for k, vs := range res.Header {
		if k == "Connection" || k == "Transfer-Encoding" || k == "Content-Length" {
			continue
		}
		for _, v := range vs {
			fmt.Fprintf(bw, "%s: %s\r\n", k, v)
		}
	}
	fmt.Fprintf(bw, "Content-Length: %d\r\nConnection: close\r\n\r\n", n)
}

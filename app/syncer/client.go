// Package syncer is the desktop side of sync (docs/sync-protocol.md): an HTTP client
// for the central server's /v1 API; the decisions on what each push answer and each
// pulled change does to the laptop's data (push.go, pull.go), made through Store, the
// narrow storage interface app/store implements; and the Engine that pushes the outbox
// and pulls pages, once (SyncOnce) or in the background (Run) with backoff. It imports
// no Wails code and no store; the app's façade and the command line drive it.
package syncer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
	"github.com/klauspost/compress/gzip"
)

// Compression modes of a Client.
const (
	CompressAuto   = iota // gzip large request bodies and accept gzip responses, except over loopback
	CompressAlways        // always (tests of the gzip path)
	CompressNever
)

// compressAbove is the request body size from which gzip pays for itself.
const compressAbove = 32 << 10

// Client talks to one server as one device. It is safe for concurrent use.
type Client struct {
	base     string // scheme://host[:port][/prefix], no trailing slash
	token    string
	http     *http.Client
	compress bool
	orig     *http.Client // as the caller gave it (nil: DefaultHTTPClient)
	ca       string       // the only certificate authority trusted, PEM ("": the system's)

	// UserAgent names this build in every request.
	UserAgent string
}

// DefaultHTTPClient has the timeouts a sync needs: connecting and TLS fail fast (a
// laptop on a bad network must not hang), while a large page may take a while.
func DefaultHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	tr.ResponseHeaderTimeout = 2 * time.Minute
	// a group's pushes go at once (pushrow.go) and pulls fetch pages ahead: their
	// connections are kept for the next group rather than made again (TLS handshakes)
	tr.MaxIdleConnsPerHost = pushGroup + 2
	tr.DisableCompression = true // Accept-Encoding is set (and gzip decoded) by the Client itself
	return &http.Client{Transport: tr, Timeout: 5 * time.Minute}
}

// NewClient makes a client for the server at baseURL (as NormalizeURL returns it)
// with a device token ("" for enrolment). hc nil: DefaultHTTPClient.
func NewClient(baseURL, token string, hc *http.Client, compress int) *Client {
	c, _ := newClient(baseURL, token, hc, "", compress) // no authority: no error
	return c
}

// newClient is NewClient trusting only the certificate authority caPEM for the server
// ("": the system's authorities).
func newClient(baseURL, token string, hc *http.Client, caPEM string, compress int) (*Client, error) {
	th, err := trusting(hc, caPEM)
	if err != nil {
		return nil, err
	}
	c := &Client{base: strings.TrimRight(baseURL, "/"), token: token, http: guard(th), orig: hc, ca: caPEM, UserAgent: "involve"}
	switch compress {
	case CompressAlways:
		c.compress = true
	case CompressAuto:
		c.compress = !isLoopback(c.base)
	}
	return c, nil
}

// with is the same client for another address or token.
func (c *Client) with(baseURL, token string) *Client {
	n := *c
	n.base, n.token = strings.TrimRight(baseURL, "/"), token
	return &n
}

// reconnected is the client for the connection stored now: another address, token
// or certificate authority.
func (c *Client) reconnected(set Settings) (*Client, error) {
	if set.CAPEM == c.ca {
		return c.with(set.ServerURL, set.DeviceToken), nil
	}
	n, err := newClient(set.ServerURL, set.DeviceToken, c.orig, set.CAPEM, CompressNever)
	if err != nil {
		return nil, err
	}
	n.compress, n.UserAgent = c.compress, c.UserAgent
	return n, nil
}

// BaseURL is the server's address.
func (c *Client) BaseURL() string { return c.base }

// isLoopback reports whether a URL names this machine: compressing for a loopback
// connection costs time and saves nothing.
func isLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return isLoopbackHost(u.Hostname())
}

// isLoopbackHost reports whether a host name or address is this machine's.
func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Error is a failed request: a network error (Status 0) or an error answer from the
// server, whose body is decoded into API. A request refused by the transport rules
// (transport.go) has Status 0 and an *InsecureURLError or *CertificateError as Err.
type Error struct {
	Op         string // "info", "enrol", "push", "pull", "me", "team-key"
	Status     int    // HTTP status; 0 when no answer came
	API        *syncapi.Error
	RetryAfter time.Duration // from a 429 or 503 answer
	Err        error         // the network error when Status is 0
}

func (e *Error) Error() string {
	if e.Status == 0 {
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("%s: %d %s", e.Op, e.Status, e.API.Error())
}

// Unwrap gives errors.As the *syncapi.Error (or the network error).
func (e *Error) Unwrap() error {
	if e.API != nil {
		return e.API
	}
	return e.Err
}

// Code is the error's syncapi code, or "network" when the server could not be reached
// ("insecure" or "certificate" when the transport rules refused it).
func (e *Error) Code() string {
	if e.Status == 0 {
		var ie *InsecureURLError
		var ce *CertificateError
		switch {
		case errors.As(e.Err, &ie):
			return CodeInsecure
		case errors.As(e.Err, &ce):
			return CodeCertificate
		}
		return CodeNetwork
	}
	return e.API.Code
}

// CodeNetwork is the code of a request that got no answer.
const CodeNetwork = "network"

// Retryable reports whether a failed request may succeed later: network errors and
// 408, 425, 429, 500, 502, 503, 504 (syncapi.Retryable). A cancelled context is not,
// nor a request the transport rules refused (an http address, an untrusted
// certificate): trying again at once changes nothing, and a person must act.
func Retryable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		if e.Status == 0 {
			return e.Code() == CodeNetwork
		}
		return syncapi.Retryable(e.Status)
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// StatusOf returns the HTTP status of a failed request (0 if none came).
func StatusOf(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// IsUnauthorized reports a 401: the token is wrong, expired or revoked.
func IsUnauthorized(err error) bool { return StatusOf(err) == http.StatusUnauthorized }

// do sends one request and decodes a 2xx JSON answer into out.
func (c *Client) do(ctx context.Context, op, method, path string, query url.Values, in, out any) error {
	var body io.Reader
	var gz bool
	if in != nil {
		b, err := marshal(in)
		if err != nil {
			return err
		}
		if c.compress && len(b) >= compressAbove {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
			zw.Write(b)
			zw.Close()
			b, gz = buf.Bytes(), true
		}
		body = bytes.NewReader(b)
	}
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return &Error{Op: op, Err: err}
	}
	// before anything leaves the laptop, whatever the stored address has become
	if err := checkTransport(req.URL); err != nil {
		return &Error{Op: op, Err: err}
	}
	h := req.Header
	h.Set(syncapi.ProtocolHeader, strconv.Itoa(syncapi.Protocol))
	h.Set("Accept", "application/json")
	h.Set("User-Agent", c.UserAgent)
	if c.compress {
		h.Set("Accept-Encoding", "gzip")
	}
	if in != nil {
		h.Set("Content-Type", "application/json")
		if gz {
			h.Set("Content-Encoding", "gzip")
		}
	}
	if c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if ce := certificateError(req.URL.Host, err); ce != nil {
			err = ce
		}
		return &Error{Op: op, Err: err}
	}
	defer resp.Body.Close()
	var rd io.Reader = resp.Body
	gz = strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip")
	if gz {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return &Error{Op: op, Err: fmt.Errorf("reading the answer: %w", err)}
		}
		defer zr.Close()
		rd = zr
	} else if resp.ContentLength > syncapi.MaxAnswerBytes {
		return &Error{Op: op, Err: errAnswerTooLarge}
	}
	rd = &boundedAnswer{r: rd, left: syncapi.MaxAnswerBytes}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.errorFrom(op, resp, rd)
	}
	if out == nil {
		return nil
	}
	// A page or a push answer is read whole and, in the form the server writes, decoded
	// in one pass (a page's states are slices of the body, not copies).
	var fast func([]byte) bool
	var buf *[]byte // reused for the next page
	switch v := out.(type) {
	case *syncapi.PullResponse:
		fast = func(b []byte) (ok bool) { *v, ok = syncwire.DecodePullResponse(b); return ok }
	case *pageInto:
		out, buf = &v.page, &v.body
		fast = func(b []byte) (ok bool) { v.page, ok = syncwire.DecodePullResponse(b); return ok }
	case *syncapi.PushResponse:
		fast = func(b []byte) (ok bool) { *v, ok = syncwire.DecodePushResponse(b); return ok }
	}
	if fast == nil {
		err = json.NewDecoder(rd).Decode(out)
	} else {
		var b []byte
		if buf != nil {
			b = *buf
		}
		b, err = readAll(rd, resp, gz, b, buf != nil)
		if buf != nil {
			*buf = b
		}
		if err == nil && !fast(b) {
			err = json.NewDecoder(bytes.NewReader(b)).Decode(out)
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// an answer cut off half way is a network failure: try again later
		return &Error{Op: op, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	return nil
}

// marshal is json.Marshal, with a push body written without reflection (the outbox
// states are json.Marshal's output already: wire checks and copies them).
func marshal(in any) ([]byte, error) {
	if req, ok := in.(syncapi.PushRequest); ok {
		size := 64
		for i := range req.Changes {
			size += len(req.Changes[i].State) + 200
		}
		return syncwire.AppendPushRequest(make([]byte, 0, size), req.Changes)
	}
	return json.Marshal(in)
}

func (c *Client) errorFrom(op string, resp *http.Response, rd io.Reader) error {
	e := &Error{Op: op, Status: resp.StatusCode}
	b, _ := io.ReadAll(io.LimitReader(rd, 64<<10))
	var ae syncapi.Error
	if json.Unmarshal(b, &ae) == nil && ae.Code != "" {
		e.API = &ae
	} else {
		// not an Involve server's answer (a proxy's error page, say)
		e.API = &syncapi.Error{Code: codeForStatus(resp.StatusCode), Message: http.StatusText(resp.StatusCode)}
	}
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			e.RetryAfter = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(s); err == nil {
			e.RetryAfter = time.Until(t)
		}
	}
	return e
}

// codeForStatus is the syncapi code of an HTTP status (for answers without a body).
func codeForStatus(status int) string {
	switch status {
	case 400:
		return syncapi.EINVALID
	case 401:
		return syncapi.EUNAUTH
	case 403:
		return syncapi.EFORBIDDEN
	case 404:
		return syncapi.ENOTFOUND
	case 409:
		return syncapi.ECONFLICT
	case 413:
		return syncapi.ETOOLARGE
	case 426:
		return syncapi.EPROTOCOL
	case 429:
		return syncapi.ERATELIMITED
	case 502, 503, 504:
		return syncapi.EUNAVAILABLE
	}
	return syncapi.EINTERNAL
}

// Info is GET /v1/info.
func (c *Client) Info(ctx context.Context) (syncapi.Info, error) {
	var v syncapi.Info
	err := c.do(ctx, "info", http.MethodGet, "/v1/info", nil, nil, &v)
	return v, err
}

// Enrol is POST /v1/enrol: a one-time code for a device token.
func (c *Client) Enrol(ctx context.Context, req syncapi.EnrolRequest) (syncapi.EnrolResponse, error) {
	var v syncapi.EnrolResponse
	err := c.do(ctx, "enrol", http.MethodPost, "/v1/enrol", nil, req, &v)
	return v, err
}

// Push is POST /v1/sync/push.
func (c *Client) Push(ctx context.Context, changes []syncapi.Change) (syncapi.PushResponse, error) {
	return c.PushFrom(ctx, changes, "")
}

// PushFrom is Push telling the server how far this laptop has pulled (its saved pull
// cursor, ?pulled=; "" says nothing): the server then knows whether the laptop has
// applied an erasure (docs/sync-protocol.md "Erasure").
func (c *Client) PushFrom(ctx context.Context, changes []syncapi.Change, pulled string) (syncapi.PushResponse, error) {
	return c.PushInRow(ctx, changes, pulled, "", "")
}

// PushInRow is PushFrom for a push in a row (docs/sync-protocol.md "Pushes in a row"):
// name ("": none) names this push, after ("": none) the push sent before it whose
// answer has not come yet. Only to a server whose answers say Row.
func (c *Client) PushInRow(ctx context.Context, changes []syncapi.Change, pulled, name, after string) (syncapi.PushResponse, error) {
	q := url.Values{}
	if pulled != "" {
		q.Set(syncapi.PulledParam, pulled)
	}
	if name != "" {
		q.Set(syncapi.PushNameParam, name)
	}
	if after != "" {
		q.Set(syncapi.PushAfterParam, after)
	}
	var v syncapi.PushResponse
	err := c.do(ctx, "push", http.MethodPost, "/v1/sync/push", q, syncapi.PushRequest{Changes: changes}, &v)
	return v, err
}

// Pull is GET /v1/sync/pull?since=CURSOR&limit=N.
func (c *Client) Pull(ctx context.Context, since string, limit int) (syncapi.PullResponse, error) {
	q := url.Values{}
	if since != "" {
		q.Set("since", since)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var v syncapi.PullResponse
	err := c.do(ctx, "pull", http.MethodGet, "/v1/sync/pull", q, nil, &v)
	return v, err
}

// pageInto is a pull page and the body it was read into (its states are slices of
// it), for pullInto.
type pageInto struct {
	page syncapi.PullResponse
	body []byte
}

// pullInto is Pull reading the page into body when it has room (a buffer no page uses
// any more); it returns the page and the buffer the page's states are slices of.
func (c *Client) pullInto(ctx context.Context, since string, limit int, body []byte) (syncapi.PullResponse, []byte, error) {
	q := url.Values{}
	if since != "" {
		q.Set("since", since)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	v := pageInto{body: body}
	err := c.do(ctx, "pull", http.MethodGet, "/v1/sync/pull", q, nil, &v)
	return v.page, v.body, err
}

// Me is GET /v1/devices/me.
func (c *Client) Me(ctx context.Context) (syncapi.DeviceInfo, error) {
	var v syncapi.DeviceInfo
	err := c.do(ctx, "me", http.MethodGet, "/v1/devices/me", nil, nil, &v)
	return v, err
}

// TeamKey is GET /v1/team-key: the team's key for sealed fields (staff and lead
// devices; a capture device gets 403 forbidden).
func (c *Client) TeamKey(ctx context.Context) (syncapi.TeamKeyResponse, error) {
	var v syncapi.TeamKeyResponse
	err := c.do(ctx, "team-key", http.MethodGet, syncapi.TeamKeyPath, nil, nil, &v)
	return v, err
}

// readAll reads an answer's body whole: into a buffer of the size it says it has
// (Content-Length, unless gzipped; do has refused one over syncapi.MaxAnswerBytes), not
// one grown from 512 bytes and copied at each doubling (a pull page of 5 000 records is
// some 2.5 MB: io.ReadAll's growing and clearing was 0.12 s of CPU in a first pull of
// 100 000).
//
// buf, when it has room, is read into instead (a buffer given back by a page applied:
// pageFeed.release); reused: the buffer will be given back (made an eighth larger).
func readAll(rd io.Reader, resp *http.Response, gzipped bool, buf []byte, reused bool) ([]byte, error) {
	n := resp.ContentLength
	if gzipped || n <= 0 {
		if cap(buf) == 0 {
			return io.ReadAll(rd)
		}
	} else if int64(cap(buf)) < n+bytes.MinRead {
		spare := int64(0)
		if reused { // the pages it will be given to are not all of this one's size to the byte
			spare = n / 8
		}
		buf = make([]byte, 0, n+bytes.MinRead+spare)
	}
	b := bytes.NewBuffer(buf[:0])
	_, err := b.ReadFrom(rd)
	return b.Bytes(), err
}

// errAnswerTooLarge refuses an answer over syncapi.MaxAnswerBytes: no server of ours
// sends one, and reading it whole could take all of the laptop's memory (a gzip body
// of 64 KB inflates to 64 MB).
var errAnswerTooLarge = fmt.Errorf("the server's answer is larger than %d MB, more than an Involve server ever sends: refused (check the server's address)", syncapi.MaxAnswerBytes>>20)

// boundedAnswer reads an answer and fails with errAnswerTooLarge once more than left
// bytes come: readers of an answer (io.ReadAll, a json.Decoder) never hold more.
type boundedAnswer struct {
	r    io.Reader
	left int64
}

func (b *boundedAnswer) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte // is there anything beyond the bound?
		n, err := b.r.Read(one[:])
		if n > 0 {
			return 0, errAnswerTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

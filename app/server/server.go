// Package server is the central sync server's HTTP API (docs/sync-protocol.md): device
// enrolment, push with per-change results, pull by cursor, over any serverstore.Store.
// Handlers decode, validate, call the store and answer through one JSON helper;
// errors become {code, message} with the status of syncapi.HTTPStatus. The push rules
// (duplicates, rejection, apply, field merge and conflict records) live here, so every
// store behaves the same.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// MinProtocol is the oldest protocol version this server still speaks.
const MinProtocol = 1

// ServiceName is what /v1/info calls this service.
const ServiceName = "involve-server"

// Config is what New needs. Zero values take the defaults.
type Config struct {
	Store     serverstore.Store
	Limits    syncapi.Limits // default syncapi.Default*
	RateLimit RateLimit      // per device; zero: no limit (the per-address limits always apply)
	Quotas    Quotas         // per team and device; zero fields: the defaults (quota.go)
	Now       func() time.Time
	Logger    *slog.Logger
	Version   string

	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed
	// (--trusted-proxy; see clientAddr). None: the connection's peer is the client.
	TrustedProxies []netip.Prefix
	// Keys holds the master key and the team keys (keys.go). Nil: a master key of this
	// process only (tests, where a server restarted over the same database in the same
	// process opens the keys it made; involve-server serve always gives its key
	// file's).
	Keys *Keys
	// InsecureHTTP says the server answers plain HTTP on a non-loopback address
	// (--insecure-http): /readyz says so.
	InsecureHTTP bool
	// PullSlots is how many pull pages are built at once (pullslot.go). Zero: one
	// fewer than GOMAXPROCS, at least one.
	PullSlots int
}

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	store   serverstore.Store
	keys    *Keys
	limits  syncapi.Limits
	quotas  Quotas
	now     func() time.Time
	log     *slog.Logger
	version string
	mux     *http.ServeMux
	devices *limiter      // per device
	reports chan struct{} // report slots (maxReports)
	pulls   chan struct{} // pull slots (pullslot.go)
	// pulls waiting for a slot, pulls and pushes being handled by device (busy.go)
	pullsWaiting     atomic.Int32
	pulling, pushing devicesAt
	enrols           *limiter // per client address, for the one unauthenticated write
	badAuth          *limiter // per client address, requests with no valid device token
	proxies          []netip.Prefix
	insecure         bool
	draining         atomic.Bool
	fails            authFailures // failed authentications not yet audited (authfail.go)
	rows             pushRows     // pushes in a row (pushrow.go)
}

// New returns the API handler.
func New(cfg Config) *Server {
	s := &Server{store: cfg.Store, limits: cfg.Limits, quotas: cfg.Quotas.withDefaults(), now: cfg.Now, log: cfg.Logger, version: cfg.Version,
		proxies: cfg.TrustedProxies, insecure: cfg.InsecureHTTP, keys: cfg.Keys}
	if s.keys == nil {
		s.keys, _ = NewKeys(processMaster(), cfg.Store)
	}
	s.pushing.recent = pushingRecently // busy.go
	if s.limits.MaxBodyBytes <= 0 {
		s.limits.MaxBodyBytes = syncapi.DefaultMaxBodyBytes
	}
	// every stored state came in a body: what bounds a body bounds a pull page (pull.go)
	s.limits.MaxBodyBytes = min(s.limits.MaxBodyBytes, syncapi.MaxBodyBytesLimit)
	if s.limits.MaxBatch <= 0 {
		s.limits.MaxBatch = syncapi.DefaultMaxBatch
	}
	if s.limits.MaxPullLimit <= 0 || s.limits.MaxPullLimit > syncapi.MaxPullLimit {
		s.limits.MaxPullLimit = syncapi.MaxPullLimit
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.version == "" {
		s.version = "dev"
	}
	if cfg.RateLimit.PerSecond > 0 {
		s.devices = newLimiter(cfg.RateLimit)
	}
	// Always, whatever the per-device rate: they bound guessing of codes and tokens.
	s.enrols = newLimiter(enrolRateLimit)
	s.badAuth = newLimiter(badAuthRateLimit)
	s.reports = make(chan struct{}, maxReports)
	if cfg.PullSlots <= 0 {
		cfg.PullSlots = defaultPullSlots()
	}
	s.pulls = make(chan struct{}, cfg.PullSlots)
	s.fails.maxKeys = authFailMaxKeys
	s.mux = http.NewServeMux()
	s.routes()
	return s
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.handleHealthz)
	s.mux.HandleFunc("GET /readyz", s.handleReadyz)
	s.mux.Handle("GET /v1/info", s.handle(s.handleInfo))
	s.mux.Handle("POST /v1/enrol", s.protocol(s.handle(s.handleEnrol)))
	s.mux.Handle("POST /v1/sync/push", s.protocol(s.authed(s.handlePush)))
	s.mux.Handle("GET /v1/sync/pull", s.protocol(s.authed(s.handlePull)))
	s.mux.Handle("GET /v1/devices/me", s.protocol(s.authed(s.handleDeviceMe)))
	s.mux.Handle("GET "+syncapi.TeamKeyPath, s.protocol(s.authed(s.handleTeamKey)))
	s.mux.Handle("GET /v1/reports/{file}", s.protocol(s.authed(s.handleReport)))
	// Anything else under /v1 is a JSON 404 (or 405), not the mux's plain text.
	s.mux.Handle("/v1/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(syncapi.ENOTFOUND, "There is no %s %s in this API.", r.Method, r.URL.Path)
	}))
}

// processMaster is the master key of servers given no Keys: random, made once per
// process, never written anywhere.
var processMaster = sync.OnceValue(func() []byte {
	master, err := lockbox.NewDataKey()
	if err != nil {
		panic("involve-server: no random numbers: " + err.Error())
	}
	return master
})

// ServeHTTP serves the API and logs each request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusWriter{ResponseWriter: w}
	s.mux.ServeHTTP(rec, r)
	level := slog.LevelInfo
	if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
		level = slog.LevelDebug // probes every few seconds
	}
	attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", rec.status()),
		slog.Duration("took", time.Since(start)), slog.String("remote", s.clientAddr(r)), slog.String("device", rec.device)}
	if len(s.proxies) > 0 {
		attrs = append(attrs, slog.String("peer", r.RemoteAddr)) // the proxy the request came through
	}
	s.log.LogAttrs(r.Context(), level, "request", attrs...)
}

// Drain makes /readyz answer 503 so that a load balancer stops sending requests;
// requests that still arrive are served. Serve calls it on shutdown.
func (s *Server) Drain() { s.draining.Store(true) }

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if s.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("shutting down\n"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database not ready\n"))
		return
	}
	if s.insecure {
		w.Write([]byte(msgInsecureReady))
		return
	}
	w.Write([]byte("ok\n"))
}

// msgInsecureReady is /readyz's answer when the server runs with --insecure-http.
const msgInsecureReady = "ok (warning: plain HTTP on a non-loopback address; tokens travel in clear)\n"

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request) error {
	return s.writeJSON(w, r, http.StatusOK, syncapi.Info{
		Service: ServiceName, Version: s.version, Protocol: syncapi.Protocol, MinProtocol: MinProtocol,
		Limits: s.limits, ServerTimeUTC: formatTime(s.now()),
	})
}

// formatTime is how times cross the wire: RFC 3339 UTC with milliseconds.
func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// statusWriter remembers the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	code   int
	device string // the authenticated device, if any
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// NewHTTPServer wraps the API in an http.Server with timeouts that a slow or idle
// client cannot hold open forever.
func NewHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	if log != nil {
		srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	}
	return srv
}

// Serve serves srv on l (with TLS when certFile is set) until ctx is done, then shuts
// down gracefully: /readyz turns 503, the listener closes, requests in flight finish
// (for at most grace), idle connections close, and the failed authentications counted
// so far are audited (FlushAudit). The caller closes the store after.
func Serve(ctx context.Context, srv *http.Server, l net.Listener, certFile, keyFile string, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		if certFile != "" || keyFile != "" {
			errc <- srv.ServeTLS(l, certFile, keyFile)
		} else {
			errc <- srv.Serve(l)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if d, ok := srv.Handler.(interface{ Drain() }); ok {
		d.Drain()
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	// Failed authentications still counted in memory go to the audit log before the
	// caller closes the store.
	if f, ok := srv.Handler.(interface{ FlushAudit() }); ok {
		f.FlushAudit()
	}
	return err
}

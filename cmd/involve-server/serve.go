package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/gcpace"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/syncapi"
)

// shutdownGrace is how long requests in flight may take to finish on SIGTERM.
const shutdownGrace = 30 * time.Second

func cmdServe(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	cert := fs.String("tls-cert", "", "TLS certificate file (PEM, with its chain); serve HTTPS")
	key := fs.String("tls-key", "", "TLS private key file (PEM)")
	maxBody := fs.Int64("max-body-bytes", syncapi.DefaultMaxBodyBytes, "largest request body accepted, after gzip decoding")
	rate := fs.Float64("rate", server.DefaultDeviceRate, "requests a second per device (bursts of 3 seconds' worth); 0: no limit")
	logLevel := fs.String("log-level", "info", "debug, info, warn or error")
	var proxies proxyFlag
	fs.Var(&proxies, "trusted-proxy", "reverse proxies (CIDR, comma-separated, repeatable) whose X-Forwarded-For names the client")
	insecure := fs.Bool("insecure-http", false, "allow plain HTTP on a non-loopback address (tokens travel in clear)")
	storageQuota := fs.String("team-storage-quota", "2GiB", "each team's storage quota unless set for the team (team set-quota); 0: no limit")
	dailyChanges := fs.String("device-daily-changes", strconv.Itoa(server.DefaultDeviceDailyChanges),
		"changes each laptop may send a UTC day unless set for its team (team set-quota); 0: no limit")
	if pos, err := fs.parse(args); err != nil {
		return err
	} else if len(pos) > 0 {
		return fmt.Errorf("serve takes no arguments (got %q)", pos)
	}
	if (*cert == "") != (*key == "") {
		return errors.New("--tls-cert and --tls-key go together")
	}
	if *maxBody < 64<<10 {
		return errors.New("--max-body-bytes must be at least 65536")
	}
	if *rate < 0 || math.IsNaN(*rate) || math.IsInf(*rate, 0) {
		return errors.New("--rate must be 0 (no limit) or more")
	}
	quotas, err := serveQuotas(*storageQuota, *dailyChanges)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level: %v", err)
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("--addr %q must be HOST:PORT (for example 127.0.0.1:8080, or :8443 for every interface): %v", *addr, err)
	}
	tls := *cert != ""
	plainRemote := !tls && !loopbackAddr(ctx, *addr)
	if plainRemote && !*insecure {
		return errPlainHTTP(*addr)
	}
	if _, err := keyFilePath(fs); err != nil { // before the database is opened
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	st, desc, err := openStore(ctx, fs)
	if err != nil {
		return err
	}
	defer st.Close() // after the HTTP server has shut down: see server.Serve
	keys, keyPath, created, err := openKeys(ctx, fs, st)
	if err != nil {
		return err
	}
	defer keys.Wipe()
	if created {
		log.Warn("made a new key file: back it up now, apart from the database (docs/server.md); without it no sealed field can be read", "key_file", keyPath)
	}
	// Values older versions stored in plain text are sealed before any laptop is served.
	if n, err := keys.SealPlainValues(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("sealed the identifying fields older versions had stored in plain text", "states", n)
	}
	limit := server.DeviceRateLimit(*rate)
	api := server.New(server.Config{
		Store:     st,
		Keys:      keys,
		Limits:    syncapi.Limits{MaxBodyBytes: *maxBody, MaxBatch: syncapi.DefaultMaxBatch, MaxPullLimit: syncapi.MaxPullLimit},
		RateLimit: limit,
		Quotas:    quotas,
		Logger:    log,
		Version:   version,

		TrustedProxies: proxies.prefixes,
		InsecureHTTP:   plainRemote,
	})
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// The collector's pace for a process that serves pushes and pulls (app/gcpace):
	// unless GOGC or GOMEMLIMIT is set, 400 % under a soft limit of 512 MiB.
	gcpace.SetDefault(gcpace.ServerLimit)
	if ta, ok := l.Addr().(*net.TCPAddr); !tls && !*insecure && (!ok || !ta.IP.IsLoopback()) {
		// The name resolved to loopback a moment ago and the listener is elsewhere now.
		l.Close()
		return errPlainHTTP(*addr)
	}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	log.Info("involve-server listening", "url", scheme+"://"+l.Addr().String(), "store", desc, "key_file", keyPath, "version", version,
		"max_body_bytes", *maxBody, "rate_per_device", *rate, "trusted_proxies", proxies.String(),
		"team_storage_quota", quotaLog(quotas.TeamStorageBytes, server.FormatSize), "device_daily_changes", quotaLog(quotas.DeviceDailyChanges, func(n int64) string { return strconv.FormatInt(n, 10) }))
	if plainRemote {
		log.Warn("plain HTTP on a non-loopback address (--insecure-http): device tokens and records travel in clear " +
			"unless something else encrypts them; use --tls-cert and --tls-key, or a TLS proxy in front on 127.0.0.1")
	}
	// Deleted records past their period are purged now and every day (docs/sync-protocol.md).
	pctx, stopPurges := context.WithCancel(ctx)
	purges := make(chan struct{})
	go func() { defer close(purges); api.RunPurges(pctx) }()
	err = server.Serve(ctx, server.NewHTTPServer(api, log), l, *cert, *key, shutdownGrace)
	stopPurges()
	<-purges // before the store closes
	log.Info("involve-server stopped", "err", err)
	return err
}

// errPlainHTTP refuses plain HTTP where laptops on the network would send tokens in clear.
func errPlainHTTP(addr string) error {
	return fmt.Errorf("--addr %s is not a loopback address and no TLS certificate is given: device tokens and records "+
		"would cross the network in clear. Give --tls-cert and --tls-key, or listen on 127.0.0.1 behind a TLS proxy "+
		"(docs/deploy.md), or add --insecure-http if something else encrypts the traffic", addr)
}

// loopbackAddr reports whether the listen address addr (host:port) is on this computer
// only: 127.0.0.0/8, ::1, localhost, or a name whose every address is loopback. An
// empty host (":8080") is every interface, and a name that does not resolve is not
// loopback.
func loopbackAddr(ctx context.Context, addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().IsLoopback()
	}
	lctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ips, err := net.DefaultResolver.LookupNetIP(lctx, "ip", host)
	if err != nil || len(ips) == 0 {
		return false
	}
	for _, ip := range ips {
		if !ip.Unmap().IsLoopback() {
			return false
		}
	}
	return true
}

// quotaLog says a server-wide quota in the start-up line.
func quotaLog(q int64, format func(int64) string) string {
	if q < 0 {
		return "unlimited"
	}
	return format(q)
}

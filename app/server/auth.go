package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// protocol refuses a request whose Involve-Protocol this server does not speak (a
// missing header is version 1, the first).
func (s *Server) protocol(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h := strings.TrimSpace(r.Header.Get(syncapi.ProtocolHeader)); h != "" {
			v, err := strconv.Atoi(h)
			if err != nil || v < MinProtocol || v > syncapi.Protocol {
				s.writeError(w, r, errorf(syncapi.EPROTOCOL,
					"This laptop uses sync protocol %q; the server speaks versions %d to %d. Update Involve (or the server).",
					h, MinProtocol, syncapi.Protocol))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// Messages of the 401 answers: they say what happened and that nothing is lost.
const (
	msgNoToken  = "This request has no device token. Connect this laptop to the server with an enrolment code."
	msgBadToken = "The server does not know this laptop's device token. Connect it again with a new enrolment code made for " +
		"this laptop (involve-server device reenrol); your work is safe on this laptop."
	msgRevoked = "This laptop was disconnected from the server by an administrator. Your work is safe on this laptop: " +
		"ask an administrator for a new enrolment code made for this laptop (involve-server device reenrol) to connect again."
)

// touchEvery is how often a device's last-seen time is written: not on every request.
const touchEvery = time.Minute

// authed authenticates the device token, applies the device's rate limit and passes
// the device to the handler.
func (s *Server) authed(fn func(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		dev, fail, err := s.authenticateLimited(w, r)
		if err != nil {
			if fail != "" {
				s.authFailure(r, dev, fail)
			}
			return err
		}
		if sw, ok := w.(*statusWriter); ok {
			sw.device = dev.ID
		}
		now := s.now()
		if s.devices != nil {
			if ok, wait := s.devices.allow(dev.ID, now); !ok {
				s.refuseRow(r, dev) // pushrow.go
				return rateLimited(w, wait, msgDeviceLimited)
			}
		}
		// The last-seen time comes from the device row just read, so this needs no
		// memory of its own and holds across replicas: at most one write a minute.
		if dev.LastSeenAt == nil || now.Sub(*dev.LastSeenAt) >= touchEvery {
			if err := s.store.TouchDevice(r.Context(), dev.ID, now); err != nil && r.Context().Err() == nil {
				s.log.Warn("recording device last seen", "device", dev.ID, "err", err)
			}
		}
		return fn(w, r, dev)
	})
}

// msgDeviceLimited answers a request over the device's rate (%s: the wait in words).
const msgDeviceLimited = "Too many requests from this laptop. Try again in %s."

// rateLimited answers 429 rate_limited with Retry-After: msg says why, with the wait in
// words for its %s.
func rateLimited(w http.ResponseWriter, wait time.Duration, msg string) error {
	secs := retryAfter(wait)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	return errorf(syncapi.ERATELIMITED, msg, seconds(secs))
}

// seconds is a whole number of seconds in words: "1 second", "6 seconds".
func seconds(n int) string {
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// authenticate finds the device of the request's token. A token the server refuses
// also gives the kind of failure (failNoToken, failBadToken or failRevoked; "" when the
// token is good or the server itself failed).
func (s *Server) authenticate(r *http.Request) (serverstore.Device, string, error) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return serverstore.Device{}, failNoToken, errorf(syncapi.EUNAUTH, msgNoToken)
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	dev, err := s.store.DeviceByTokenHash(ctx, HashSecret(token))
	switch {
	case errors.Is(err, serverstore.ErrNotFound):
		return dev, failBadToken, errorf(syncapi.EUNAUTH, msgBadToken)
	case err != nil:
		return dev, "", err
	case dev.RevokedAt != nil:
		return dev, failRevoked, errorf(syncapi.EUNAUTH, msgRevoked)
	}
	return dev, "", nil
}

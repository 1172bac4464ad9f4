package server

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

// Failed authentications (no token, a token the server does not know, a revoked
// laptop's token, an enrolment code that is not valid) are audited, but not one entry
// per request: a script trying tokens would fill the log. They are counted in memory
// by client address, kind and (when known: a revoked laptop) team and device. A
// minute after the first failure of a window, and when the server shuts down
// (FlushAudit), each count becomes one entry:
//
//	auth.failed  37 attempts from 203.0.113.9 between 2026-12-06T09:14:02Z and 2026-12-06T09:14:59Z: unknown token
//
// in the laptop's team for a revoked laptop, and otherwise in the server's own entries
// (team serverstore.ServerTeam, shown by involve-server audit --server). At most
// authFailMaxKeys counts are kept at once: failures beyond them (a flood from many
// addresses) are added to one count of "other addresses", so memory stays bounded.

// actionAuthFailed is the audit action of failed authentications.
const actionAuthFailed = "auth.failed"

// Kinds of failed authentication.
const (
	failNoToken  = "no token"
	failBadToken = "unknown token"
	failRevoked  = "revoked device"
	failBadCode  = "enrolment code not valid"
	failLimited  = "too many failed attempts (refused unchecked)" // authlimit.go
)

const (
	authFailWindow  = time.Minute
	authFailMaxKeys = 256
)

type authFailKey struct{ addr, kind, team, device string }

type authFailCount struct {
	n           int64
	first, last time.Time
}

func (c *authFailCount) add(now time.Time) {
	if c.n == 0 || now.Before(c.first) {
		c.first = now
	}
	if now.After(c.last) {
		c.last = now
	}
	c.n++
}

// authFailures are the counts of the current window.
type authFailures struct {
	mu      sync.Mutex
	counts  map[authFailKey]*authFailCount
	other   authFailCount // beyond maxKeys
	timer   *time.Timer   // ends the window (nil: no window open)
	maxKeys int
}

// authFailure notes a refused device token (the kind authenticateLimited gave): in the
// revoked laptop's team, otherwise in the server's own entries.
func (s *Server) authFailure(r *http.Request, dev serverstore.Device, fail string) {
	if fail == failRevoked {
		s.authFailed(r, fail, dev.TeamID, dev.ID)
		return
	}
	s.authFailed(r, fail, serverstore.ServerTeam, "")
}

// authFailed counts one failed authentication.
func (s *Server) authFailed(r *http.Request, kind, team, device string) {
	k := authFailKey{addr: s.clientAddr(r), kind: kind, team: team, device: device}
	now := s.now()
	a := &s.fails
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.counts == nil {
		a.counts = map[authFailKey]*authFailCount{}
	}
	c := a.counts[k]
	if c == nil {
		if len(a.counts) >= a.maxKeys {
			c = &a.other
		} else {
			c = &authFailCount{}
			a.counts[k] = c
		}
	}
	c.add(now)
	if a.timer == nil {
		a.timer = time.AfterFunc(authFailWindow, s.FlushAudit)
	}
}

// FlushAudit writes the failed authentications counted so far to the audit log, one
// entry per client address and kind, and starts a new window. It runs a minute after
// the first failure of a window; Serve calls it when the server shuts down.
func (s *Server) FlushAudit() {
	a := &s.fails
	a.mu.Lock()
	counts, other := a.counts, a.other
	a.counts, a.other = nil, authFailCount{}
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	a.mu.Unlock()

	keys := make([]authFailKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, cj := counts[keys[i]], counts[keys[j]]
		if !ci.first.Equal(cj.first) {
			return ci.first.Before(cj.first)
		}
		ki, kj := keys[i], keys[j]
		return ki.addr+"\x00"+ki.kind+"\x00"+ki.team+"\x00"+ki.device < kj.addr+"\x00"+kj.kind+"\x00"+kj.team+"\x00"+kj.device
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	write := func(team, device, detail string, c *authFailCount) {
		e := serverstore.AuditEntry{At: c.last, TeamID: team, DeviceID: device, Action: actionAuthFailed, Detail: detail}
		if err := s.store.Audit(ctx, e); err != nil {
			s.log.Error("audit", "action", e.Action, "detail", e.Detail, "err", err)
		}
	}
	for _, k := range keys {
		c := counts[k]
		write(k.team, k.device, attempts(c)+" from "+k.addr+" "+between(c)+": "+k.kind, c)
	}
	if other.n > 0 {
		write(serverstore.ServerTeam, "", fmt.Sprintf("%s from other addresses %s: too many addresses and kinds at once to count each (more than %d)",
			attempts(&other), between(&other), len(counts)), &other)
	}
}

func attempts(c *authFailCount) string {
	if c.n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", c.n)
}

func between(c *authFailCount) string {
	const f = time.RFC3339
	if c.first.Equal(c.last) {
		return "at " + c.first.UTC().Format(f)
	}
	return "between " + c.first.UTC().Format(f) + " and " + c.last.UTC().Format(f)
}

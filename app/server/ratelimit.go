package server

import (
	"math"
	"sync"
	"time"
)

// RateLimit is a token bucket: PerSecond requests a second on average, Burst at once.
//
// The limiter lives in each server process (no shared state): with N replicas behind a
// load balancer a device gets at most N times the rate. That is still a correct limit
// (bounded, and a device that keeps to it is never refused) and needs nothing another
// replica would have to know.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// DefaultDeviceRate is involve-server serve's --rate: requests a second per device.
const DefaultDeviceRate = 20

// DeviceRateLimit is the per-device limit of serve's --rate: perSecond requests a
// second in bursts of three seconds' worth (at least one request).
func DeviceRateLimit(perSecond float64) RateLimit {
	return RateLimit{PerSecond: perSecond, Burst: int(math.Max(1, math.Ceil(perSecond*3)))}
}

// enrolRateLimit limits enrolment attempts per remote address (the one unauthenticated
// write): ten a minute after a burst of twenty.
var enrolRateLimit = RateLimit{PerSecond: 1.0 / 6, Burst: 20}

// badAuthRateLimit limits requests with a missing, unknown or revoked device token per
// client address: ten a minute after a burst of twenty. A laptop with a good token is
// never counted; one that was revoked stops syncing on its own at the first refusal.
var badAuthRateLimit = RateLimit{PerSecond: 1.0 / 6, Burst: 20}

type bucket struct {
	tokens float64
	last   time.Time
}

type limiter struct {
	rate  RateLimit
	mu    sync.Mutex
	b     map[string]*bucket
	swept time.Time
}

func newLimiter(r RateLimit) *limiter {
	if r.Burst < 1 {
		r.Burst = 1
	}
	return &limiter{rate: r, b: map[string]*bucket{}}
}

// allow takes a token for key, or says how long until one is available.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refilled(key, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, l.wait(b)
}

// blocked says whether key has no token now, and how long until it has one; it takes
// nothing (charge does, for the requests that count).
func (l *limiter) blocked(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.refilled(key, now); b.tokens < 1 {
		return true, l.wait(b)
	}
	return false, 0
}

// charge takes a token from key, into debt when there is none: requests let through
// together (each found a token by blocked) are all counted, and the debt is repaid
// at the bucket's rate before the next one is let through.
func (l *limiter) charge(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refilled(key, now).tokens--
}

// refund gives key back part of a token (a request that cost less than a whole one),
// up to the bucket's burst.
func (l *limiter) refund(key string, part float64, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refilled(key, now)
	b.tokens = math.Min(float64(l.rate.Burst), b.tokens+part)
}

// refilled is key's bucket with the tokens earned since it was last looked at.
func (l *limiter) refilled(key string, now time.Time) *bucket {
	if now.Sub(l.swept) > time.Minute {
		l.sweep(now)
	}
	b, ok := l.b[key]
	if !ok {
		b = &bucket{tokens: float64(l.rate.Burst), last: now}
		l.b[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(float64(l.rate.Burst), b.tokens+el*l.rate.PerSecond)
		b.last = now
	}
	return b
}

// wait is how long until b has a token.
func (l *limiter) wait(b *bucket) time.Duration {
	return time.Duration((1 - b.tokens) / l.rate.PerSecond * float64(time.Second))
}

// sweep forgets buckets that have filled up again (they are the same as new ones; a
// bucket in debt is kept until it has repaid it and filled up).
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.b {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate.PerSecond >= float64(l.rate.Burst) {
			delete(l.b, k)
		}
	}
	l.swept = now
}

// retryAfter is the Retry-After header value: whole seconds, at least 1.
func retryAfter(d time.Duration) int {
	s := int(math.Ceil(d.Seconds()))
	if s < 1 {
		s = 1
	}
	return s
}

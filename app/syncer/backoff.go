package syncer

import "time"

func (e *Engine) maxBackoff() time.Duration {
	if e.MaxBackoff <= 0 {
		return DefaultMaxBackoff
	}
	return e.MaxBackoff
}

// backoff is the wait after the n-th failure in a row: a random time between 0 and
// MinBackoff·2^(n-1), capped at MaxBackoff ("full jitter": laptops that failed
// together do not retry together).
func (e *Engine) backoff(n int) time.Duration {
	return Backoff(n, e.MinBackoff, e.maxBackoff(), e.Rand())
}

// Backoff is the capped exponential backoff with full jitter: r (in [0, 1)) times
// min(max, min·2^(n-1)), and never less than a tenth of min.
func Backoff(n int, minD, maxD time.Duration, r float64) time.Duration {
	if minD <= 0 {
		minD = DefaultMinBackoff
	}
	if n < 1 {
		n = 1
	}
	ceil := minD
	for i := 1; i < n && ceil < maxD; i++ {
		ceil *= 2
	}
	ceil = min(ceil, maxD)
	d := time.Duration(r * float64(ceil))
	return max(d, minD/10)
}

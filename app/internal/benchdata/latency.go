package benchdata

import (
	"slices"
	"testing"
	"time"
)

// Percentile is the p-th percentile (0 < p ≤ 1) of sorted durations, in ms (nearest
// rank).
func Percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.999999) - 1
	i = max(0, min(i, len(sorted)-1))
	return float64(sorted[i]) / float64(time.Millisecond)
}

// ReportLatency reports the median, p99 and maximum of per-call durations.
func ReportLatency(b *testing.B, d []time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	b.ReportMetric(Percentile(s, 0.5), "median-ms")
	b.ReportMetric(Percentile(s, 0.99), "p99-ms")
	b.ReportMetric(Percentile(s, 1), "max-ms")
}

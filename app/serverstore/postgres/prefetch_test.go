package postgres_test

import (
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore/storetest"
)

// TestPrefetchSubMicrosecond: the suite's Prefetch test (storetest) with an UpdatedAt
// finer than PostgreSQL keeps, so that the transaction's own writes must be answered
// truncated to microseconds, as stored. (The SQLite store's Prefetch answers its own
// writes untruncated, so the shared suite uses whole microseconds.)
func TestPrefetchSubMicrosecond(t *testing.T) {
	s := MustOpen(t, FreshSchemaURL(t))
	storetest.Prefetch(t, s, t0.Add(123456789*time.Nanosecond)) // PostgreSQL keeps microseconds
}

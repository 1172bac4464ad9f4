package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
)

// TestAuthFailuresBounded: a flood of failed authentications from more addresses than
// authFailMaxKeys keeps at most that many counts in memory; the rest are counted
// together and audited as one entry.
func TestAuthFailuresBounded(t *testing.T) {
	st, err := serversqlite.Open(context.Background(), filepath.Join(t.TempDir(), serversqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	s := New(Config{Store: st, Now: func() time.Time { return now }})
	const extra = 500
	for i := range authFailMaxKeys + extra {
		r := httptest.NewRequest("GET", "/v1/sync/pull", nil)
		r.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:4000", i>>16, (i>>8)&255, i&255)
		s.authFailed(r, failBadToken, serverstore.ServerTeam, "")
		s.authFailed(r, failBadToken, serverstore.ServerTeam, "") // twice each
	}
	s.fails.mu.Lock()
	keys, armed := len(s.fails.counts), s.fails.timer != nil
	s.fails.mu.Unlock()
	if keys != authFailMaxKeys || !armed {
		t.Fatalf("%d counts kept (want %d), window timer armed %v", keys, authFailMaxKeys, armed)
	}
	s.FlushAudit()
	got, err := st.ListAudit(context.Background(), serverstore.ServerTeam, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != authFailMaxKeys+1 {
		t.Fatalf("%d entries, want %d", len(got), authFailMaxKeys+1)
	}
	if d := got[0].Detail; !strings.HasPrefix(d, fmt.Sprintf("%d attempts from other addresses at ", 2*extra)) {
		t.Errorf("last entry %q, want the %d attempts beyond the limit together", d, 2*extra)
	}
	if d := got[1].Detail; !strings.HasPrefix(d, "2 attempts from 10.0.") || !strings.HasSuffix(d, ": unknown token") {
		t.Errorf("entry %q", d)
	}
	s.fails.mu.Lock()
	defer s.fails.mu.Unlock()
	if len(s.fails.counts) != 0 || s.fails.other.n != 0 || s.fails.timer != nil {
		t.Errorf("counts not reset by the flush")
	}
}

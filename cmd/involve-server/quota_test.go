package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serversqlite"
	"github.com/hin-south-london/involve/app/serverstore"
)

// TestTeamSetQuota: team set-quota sets a team's storage and daily changes quotas
// (sizes with units, unlimited, default), keeps what it is not told, refuses what it
// cannot read, audits each change as team.quota, and team list shows quota and usage.
func TestTeamSetQuota(t *testing.T) {
	dir := t.TempDir()
	runCmd(t, 0, "team", "add", "South", "--data-dir", dir)
	quota := func() serverstore.Quota {
		t.Helper()
		st, err := serversqlite.Open(context.Background(), filepath.Join(dir, serversqlite.FileName))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		tm, err := st.FindTeam(context.Background(), "South")
		if err != nil {
			t.Fatal(err)
		}
		u, err := st.TeamUsage(context.Background(), tm.ID)
		if err != nil {
			t.Fatal(err)
		}
		return u.Quota
	}
	if out := runOut(t, "team", "list", "--data-dir", dir); !strings.Contains(out, "STORAGE QUOTA") || !strings.Contains(out, "0 B") ||
		strings.Count(out, "default") != 2 {
		t.Errorf("team list of a new team: %q", out)
	}
	_, stderr := runCmd(t, 1, "team", "set-quota", "South", "--data-dir", dir)
	if !strings.Contains(stderr, "--storage") {
		t.Errorf("set-quota without a quota: %q", stderr)
	}
	out := runOut(t, "team", "set-quota", "South", "--storage", "500MB", "--data-dir", dir)
	if q := quota(); q != (serverstore.Quota{StorageBytes: 500_000_000}) || !strings.Contains(out, "476.8 MiB") {
		t.Errorf("--storage 500MB: %+v, printed %q", q, out)
	}
	runCmd(t, 0, "team", "set-quota", "South", "--changes-per-device-day", "1000", "--data-dir", dir)
	if q := quota(); q != (serverstore.Quota{StorageBytes: 500_000_000, DeviceDailyChanges: 1000}) {
		t.Errorf("--changes-per-device-day 1000 (storage kept): %+v", q)
	}
	runCmd(t, 0, "team", "set-quota", "South", "--storage", "2GiB", "--changes-per-device-day", "unlimited", "--data-dir", dir)
	if q := quota(); q != (serverstore.Quota{StorageBytes: 2 << 30, DeviceDailyChanges: serverstore.QuotaUnlimited}) {
		t.Errorf("2GiB, unlimited: %+v", q)
	}
	if out := runOut(t, "team", "list", "--data-dir", dir); !strings.Contains(out, "2 GiB") || !strings.Contains(out, "unlimited") {
		t.Errorf("team list: %q", out)
	}
	runCmd(t, 0, "team", "set-quota", "South", "--storage", "0", "--changes-per-device-day", "default", "--data-dir", dir)
	if q := quota(); q != (serverstore.Quota{StorageBytes: serverstore.QuotaUnlimited}) {
		t.Errorf("--storage 0, default: %+v", q)
	}
	for _, bad := range [][]string{{"--storage", "lots"}, {"--storage", "-5GB"}, {"--changes-per-device-day", "1.5"}, {"--changes-per-device-day", "-1"},
		{"--changes-per-device-day", "999"}} {
		runCmd(t, 1, append([]string{"team", "set-quota", "South", "--data-dir", dir}, bad...)...)
	}
	runCmd(t, 1, "team", "set-quota", "Nobody", "--storage", "1GB", "--data-dir", dir)
	if q := quota(); q != (serverstore.Quota{StorageBytes: serverstore.QuotaUnlimited}) {
		t.Errorf("refused commands changed the quota: %+v", q)
	}
	audit := runOut(t, "audit", "--team", "South", "--data-dir", dir)
	if n := strings.Count(audit, "team.quota"); n != 4 || !strings.Contains(audit, "storage 476.8 MiB (was default)") {
		t.Errorf("audit has %d team.quota lines, want 4:\n%s", n, audit)
	}
}

// TestServeQuotaFlags: serve's quota flags (and their environment variables) take
// sizes and 0 for no limit, and a value it cannot read stops it before it listens.
func TestServeQuotaFlags(t *testing.T) {
	for _, c := range []struct {
		storage, daily string
		want           server.Quotas
	}{
		{"2GiB", "200000", server.Quotas{TeamStorageBytes: 2 << 30, DeviceDailyChanges: 200_000}},
		{"500 MB", "0", server.Quotas{TeamStorageBytes: 500_000_000, DeviceDailyChanges: -1}},
		{"0", "unlimited", server.Quotas{TeamStorageBytes: -1, DeviceDailyChanges: -1}},
	} {
		if got, err := serveQuotas(c.storage, c.daily); err != nil || got != c.want {
			t.Errorf("serveQuotas(%q, %q) = %+v, %v; want %+v", c.storage, c.daily, got, err, c.want)
		}
	}
	for _, c := range [][2]string{{"default", "1000"}, {"1GB", "default"}, {"big", "1000"}, {"1GB", "many"}, {"1GB", "10"}} {
		if _, err := serveQuotas(c[0], c[1]); err == nil {
			t.Errorf("serveQuotas(%q, %q): no error", c[0], c[1])
		}
	}
	t.Setenv("INVOLVE_SERVER_TEAM_STORAGE_QUOTA", "lots")
	_, stderr := runCmd(t, 1, "serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir())
	if !strings.Contains(stderr, "--team-storage-quota") {
		t.Errorf("serve with INVOLVE_SERVER_TEAM_STORAGE_QUOTA=lots: %q", stderr)
	}
}

package desktop

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The end-to-end tests' idle hook is honoured only with the harness's other hook set,
// and only from 1 to 60 seconds (it can make Involve lock sooner, never later).
func TestIdleUnitFromEnv(t *testing.T) {
	for _, c := range []struct {
		idle, saveDir string
		want          time.Duration
		err           string
	}{
		{"", "", time.Minute, ""},
		{"", "/tmp/e2e", time.Minute, ""},
		{"10", "/tmp/e2e", 10 * time.Second, ""},
		{" 1 ", "/tmp/e2e", time.Second, ""},
		{"60", "/tmp/e2e", time.Minute, ""},
		{"10", "", time.Minute, "for the end-to-end tests only"},
		{"0", "/tmp/e2e", time.Minute, "from 1 to 60"},
		{"61", "/tmp/e2e", time.Minute, "from 1 to 60"},
		{"3600", "/tmp/e2e", time.Minute, "from 1 to 60"},
		{"-5", "/tmp/e2e", time.Minute, "from 1 to 60"},
		{"1.5", "/tmp/e2e", time.Minute, "from 1 to 60"},
		{"ten", "/tmp/e2e", time.Minute, "from 1 to 60"},
	} {
		env := map[string]string{E2EIdleSecondsEnv: c.idle, TestSaveDirEnv: c.saveDir}
		got, err := idleUnitFromEnv(func(k string) string { return env[k] })
		if got != c.want || (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%q with save dir %q: %s, %v; want %s, error with %q", c.idle, c.saveDir, got, err, c.want, c.err)
		}
	}
}

// A test build (no `dev` tag) ignores the hook, and says so; Config.IdleUnit outside a
// second to a minute falls back to a minute.
func TestIdleUnitOf(t *testing.T) {
	t.Setenv(TestSaveDirEnv, t.TempDir())
	t.Setenv(E2EIdleSecondsEnv, "5")
	for _, c := range []struct {
		unit, want time.Duration
		log        string
	}{
		{0, time.Minute, "only a development build"},
		{time.Hour, time.Minute, "only a development build"},
		{time.Millisecond, time.Minute, "only a development build"},
		{10 * time.Second, 10 * time.Second, "lasts 10s"},
		{time.Minute, time.Minute, ""},
	} {
		var logged []string
		got := idleUnitOf(c.unit, func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) })
		all := strings.Join(logged, "\n")
		if got != c.want || (c.log == "") != (all == "") || !strings.Contains(all, c.log) {
			t.Errorf("IdleUnit %s: %s, logged %q; want %s, a log with %q", c.unit, got, all, c.want, c.log)
		}
	}
}

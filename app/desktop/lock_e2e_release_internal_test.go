//go:build !dev

package desktop

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

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

package desktop

import (
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

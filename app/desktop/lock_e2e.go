package desktop

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The end-to-end tests' idle hook. The idle time is set in whole minutes (1 to 60), so
// a test of the idle lock would wait at least a minute. Under the end-to-end tests
// (scripts/e2e.sh), E2EIdleSecondsEnv makes one minute of the setting last that many
// seconds: in the window's timer and in Go's own deadline (the grace after it stays a
// real minute, as the window's activity reports still come every 30 seconds). It is
// honoured only in a development build (`wails dev`: the build tag dev, see
// lock_e2e_dev.go), only when TestSaveDirEnv, the harness's other hook, is set too, and
// only from 1 to 60 seconds: it can make Involve lock sooner, never later. A release
// build ignores it and says so in the log.

// E2EIdleSecondsEnv names the hook: how many seconds one minute of idle time lasts.
const E2EIdleSecondsEnv = "INVOLVE_E2E_IDLE_SECONDS"

// idleUnitFromEnv reads the hook through getenv: a minute (and no error) when it is not
// set; otherwise its seconds, or a minute and an error saying why it is ignored.
func idleUnitFromEnv(getenv func(string) string) (time.Duration, error) {
	v := strings.TrimSpace(getenv(E2EIdleSecondsEnv))
	if v == "" {
		return time.Minute, nil
	}
	if getenv(TestSaveDirEnv) == "" {
		return time.Minute, fmt.Errorf("%s is ignored: it is for the end-to-end tests only, which also set %s", E2EIdleSecondsEnv, TestSaveDirEnv)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 60 {
		return time.Minute, fmt.Errorf("%s is ignored: it must be a whole number of seconds from 1 to 60, not %q", E2EIdleSecondsEnv, v)
	}
	return time.Duration(n) * time.Second, nil
}

// idleUnitOf is how long one minute of the idle setting lasts for an App made with
// unit (Config.IdleUnit): unit when it is from a second to a minute, else what the
// build's hook says (a minute but under the end-to-end tests). Whatever is not a
// minute is logged.
func idleUnitOf(unit time.Duration, logf func(string, ...any)) time.Duration {
	if unit < time.Second || unit > time.Minute {
		var err error
		if unit, err = e2eIdleUnit(); err != nil {
			logf("app lock: %v", err)
		}
	}
	if unit != time.Minute {
		logf("app lock: one minute of idle time lasts %s (a test setting)", unit)
	}
	return unit
}

// releaseIdleUnit is e2eIdleUnit in a build without the hook.
func releaseIdleUnit() (time.Duration, error) {
	if os.Getenv(E2EIdleSecondsEnv) != "" {
		return time.Minute, fmt.Errorf("%s is ignored: only a development build (wails dev) honours it", E2EIdleSecondsEnv)
	}
	return time.Minute, nil
}

//go:build !dev

package desktop

import "time"

// e2eIdleUnit: a build other than `wails dev` (a release, the tests) has no idle hook:
// a minute of idle time is a minute (lock_e2e.go).
func e2eIdleUnit() (time.Duration, error) { return releaseIdleUnit() }

//go:build dev

package desktop

import (
	"os"
	"time"
)

// e2eIdleUnit: a development build (`wails dev`, as scripts/e2e.sh runs it) honours
// the end-to-end tests' idle hook (lock_e2e.go).
func e2eIdleUnit() (time.Duration, error) { return idleUnitFromEnv(os.Getenv) }

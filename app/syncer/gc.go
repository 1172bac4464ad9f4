package syncer

import (
	"context"

	"github.com/hin-south-london/involve/app/gcpace"
)

// syncPaced is sync with the collector paced for bulk work while it runs (app/gcpace:
// 400 % under a soft limit of 512 MiB, unless GOGC or GOMEMLIMIT is set): a first pull or push of
// 100 000 records allocates some gigabytes of short-lived states, arguments and pages
// over a live heap of a few tens of MB, and at Go's default pace spent about a sixth
// of its CPU collecting them (docs/decisions.md, "issue 17, round 4").
func (e *Engine) syncPaced(ctx context.Context, progress func(Progress)) (Summary, error) {
	defer gcpace.Hold(gcpace.SyncLimit)()
	return e.sync(ctx, progress)
}

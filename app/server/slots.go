package server

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// waitSlot waits for one of slots (a channel with a place for each): at most wait,
// then the request is told to try again after retryAfter seconds (503, busy); a
// request that ends while it waits leaves the queue. release gives the slot back
// (once, however often it is called). Reports (report.go) and pull pages
// (pullslot.go) are made in slots. waiters, when given, counts the requests waiting.
func waitSlot(ctx context.Context, w http.ResponseWriter, slots chan struct{}, waiters *atomic.Int32, wait time.Duration, retryAfter, busy string) (release func(), err error) {
	select {
	case slots <- struct{}{}: // the common case, without a timer
	default:
		if waiters != nil {
			waiters.Add(1)
			defer waiters.Add(-1)
		}
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case slots <- struct{}{}:
		case <-t.C:
			w.Header().Set("Retry-After", retryAfter)
			return nil, errorf(syncapi.EUNAVAILABLE, "%s", busy)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	held := true
	return func() {
		if held {
			held = false
			<-slots
		}
	}, nil
}

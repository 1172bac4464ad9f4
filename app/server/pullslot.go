package server

import (
	"context"
	"net/http"
	"runtime"
	"time"
)

// Pull slots (issue 17, twenty laptops at once; docs/decisions.md). A pull page is
// built in a slot: the store reads its rows and the page is written into a buffer
// (pull.go). With twenty laptops pulling at once on a small server, twenty pages being
// built took every core, and the one writer, on which every push waits, waited for a
// core too. At most PullSlots pages are built at once, by default one fewer than the
// cores Go uses (GOMAXPROCS), at least one, so that the writer keeps a core.
//
// Only the building holds a slot. The page's audit line (it waits for the writer) and
// the writing of the page to the network come after the slot is given back: a device
// reading its answer slowly, or not at all, cannot hold a slot for longer than its
// page takes to build. While a pull waits for a slot, the page being built ends sooner
// (busy.go). A pull that waits longer than pullWait for a slot is answered
// 503 with Retry-After; one whose request ends while it waits leaves the queue.

// pullWait is how long a pull waits for a slot before it is told to try again (a
// variable for tests).
var pullWait = 30 * time.Second

// defaultPullSlots is one fewer than the cores Go uses, at least one.
func defaultPullSlots() int {
	return max(1, runtime.GOMAXPROCS(0)-1)
}

// pullSlot waits for a slot to build a page in (slots.go); release gives it back
// (once, however often it is called).
func (s *Server) pullSlot(ctx context.Context, w http.ResponseWriter) (release func(), err error) {
	return waitSlot(ctx, w, s.pulls, &s.pullsWaiting, pullWait, "5", "The server is busy sending other devices their changes. Try again in a few seconds.")
}

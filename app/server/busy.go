package server

import (
	"sync"
	"time"
)

// When the server is busy (issue 17, twenty laptops at once; docs/sync-protocol.md
// "When the server is busy"). A laptop alone is served in large requests: pushes of
// Limits.MaxBatch changes, several on their way at once, and pull pages of up to
// MaxPullLimit records, the fewest round trips. When several laptops sync at once the
// same sizes make every request wait behind the others' large ones: twenty pushes of
// 1 000 changes are 20 000 records of the one writer's work, and each pull page waits
// for the pages being built before it. So the server shortens what it serves while
// others wait, and asks for shorter pushes while other devices push:
//
//   - a pull page takes at most pageRound records shared among the devices pulling or
//     pushing (1 000 each for twenty: a push's writer needs the cores pages are built
//     on), and ends after busyPageRecords records when another
//     pull is waiting for a slot (pullslot.go) at that moment;
//   - a push's answer carries Batch when other devices' pushes are being handled as it
//     is answered: busyRound changes shared among the devices pushing (75 each for
//     twenty), at least minBatch; the laptop sends its next pushes one at a time, of
//     at most that many changes, until an answer comes without it. A laptop's first
//     push of a sync is small too (syncapi.FirstPushBatch), so that the first answer
//     can ask before a large push waits behind everyone's.
//
// Nothing is refused or lost: a shorter page says more, a laptop that ignores Batch
// (one older than it) is served as before. Each request holds less of the server, so
// a laptop's request waits for less of the others' work. A request the server made
// shorter costs the device's rate limit (--rate) only its share of a whole one (short):
// the server's choice must not spend the device's allowance, which bounds the work a
// device asks for, not how the server cuts it up.

// short gives a device back the part of its rate-limit token that a request made
// shorter by these rules did not use: used of the full size.
func (s *Server) short(deviceID string, used, full int) {
	if s.devices == nil || full <= 0 || used >= full {
		return
	}
	s.devices.refund(deviceID, 1-float64(max(used, 1))/float64(full), s.now())
}

// busyPageRecords is where a pull page ends while another pull waits for a slot (a
// variable for tests).
var busyPageRecords = 1000

// pageLimit is limit, or busyPageRecords if that is less and a pull is waiting for a
// slot as this one's page begins (the store then reads no more rows than the page will
// hold: PostgreSQL sends a query's rows whether or not they are read).
func (s *Server) pageLimit(limit int) int {
	if s.pullsWaiting.Load() > 0 {
		return min(limit, busyPageRecords)
	}
	return limit
}

// pageRound is how many records the pages of all the devices pulling at once should
// hold between them, one page each (a variable for tests).
var pageRound = 20000

// pageFor is the most records a page holds with devices pulling at once, under the
// limit the device asked for.
func pageFor(devices, limit int) int {
	if devices <= 1 {
		return limit
	}
	return min(limit, max(pageRound/devices, busyPageRecords))
}

// busyRound is how many changes the pushes of all the devices pushing at once should
// carry between them, one push each: the one writer applies them in some 30–60 ms
// (docs/benchmarks.md), which is about how long each waits for the others'. minBatch
// is the least a push's answer asks for.
const (
	busyRound = 1500
	minBatch  = 50
)

// pushingRecently is how long after its last push a device still counts as pushing
// for the Batch other devices' answers ask (askBatch): when many laptops begin their
// syncs within moments of each other, a first push answered between the others' short
// first pushes found none in progress and was not asked, and its laptop's next pushes
// (up to MaxBatch each) went ahead of everyone's (a variable for tests).
var pushingRecently = time.Second

// askBatch is the Batch a push's answer carries: busyRound shared among the devices
// pushing, while that is less than the server's own limit; no more than the device's
// daily changes limit (daily; 0: none) when that is under the limit, so that a quota
// under MaxBatch (at least syncapi.MinDailyChanges) never refuses a whole push as too
// large for any day; 0 otherwise.
func (s *Server) askBatch(deviceID string, daily int64) int {
	ask := batchFor(s.pushing.devices(deviceID), s.limits.MaxBatch)
	if daily > 0 && daily < int64(s.limits.MaxBatch) && (ask == 0 || int64(ask) > daily) {
		ask = int(daily)
	}
	return ask
}

// batchFor is the Batch for devices pushing at once under a limit of maxBatch.
func batchFor(devices, maxBatch int) int {
	if ask := max(busyRound/max(devices, 1), minBatch); devices > 1 && ask < maxBatch {
		return ask
	}
	return 0
}

// devicesAt counts the requests of one kind in progress by device; with recent set,
// a device whose last such request ended less than recent ago counts too (devices).
type devicesAt struct {
	mu     sync.Mutex
	n      map[string]int
	recent time.Duration
	left   map[string]time.Time // when each device's last request ended (recent > 0)
}

// enter counts a request of deviceID until leave is called.
func (d *devicesAt) enter(deviceID string) (leave func()) {
	d.mu.Lock()
	if d.n == nil {
		d.n = map[string]int{}
	}
	d.n[deviceID]++
	d.mu.Unlock()
	return func() {
		d.mu.Lock()
		if d.n[deviceID]--; d.n[deviceID] <= 0 {
			delete(d.n, deviceID)
			if d.recent > 0 {
				if d.left == nil {
					d.left = map[string]time.Time{}
				}
				d.left[deviceID] = time.Now()
			}
		}
		d.mu.Unlock()
	}
}

// count is how many devices have a request in progress.
func (d *devicesAt) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.n)
}

// devices counts the devices with a request in progress or, with recent set, one
// that ended less than recent ago, deviceID among them. (Real time, not the server's
// clock: it says who is syncing now, and tests' clocks stand still.)
func (d *devicesAt) devices(deviceID string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(d.n)
	if d.n[deviceID] == 0 {
		n++
	}
	if d.recent > 0 {
		now := time.Now()
		for id, at := range d.left {
			switch {
			case now.Sub(at) >= d.recent:
				delete(d.left, id) // (a device syncing again is counted by n)
			case d.n[id] == 0 && id != deviceID:
				n++
			}
		}
	}
	return n
}

package server

import (
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// handlePull returns the team's records changed after the cursor, by sequence, that
// the device's role may hold (roles.go), and the role. A page that holds identifiable
// records is audited before it is sent (auditpull.go).
func (s *Server) handlePull(w http.ResponseWriter, r *http.Request, dev serverstore.Device) error {
	q := r.URL.Query()
	since, err := parseCursor(q.Get("since"))
	if err != nil {
		return err
	}
	limit := syncapi.DefaultPullLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errorf(syncapi.EINVALID, "limit must be a whole number from 1 to %d.", s.limits.MaxPullLimit)
		}
		limit = n
	}
	limit = min(limit, s.limits.MaxPullLimit)
	defer s.pulling.enter(dev.ID)()
	asked := limit
	limit = pageFor(s.pulling.devices(dev.ID)+s.pushing.count(), limit) // busy.go
	if rp, ok := s.store.(serverstore.RawPuller); ok {
		return s.pullRaw(w, r, rp, dev, since, limit, asked)
	}
	release, err := s.pullSlot(r.Context(), w) // pullslot.go: the page is built in a slot
	if err != nil {
		return err
	}
	defer release()
	limit = s.pageLimit(limit)
	recs, err := s.store.Pull(r.Context(), dev.TeamID, since, limit)
	if err != nil {
		return err
	}
	resp := syncapi.PullResponse{Changes: make([]syncapi.PulledChange, 0, len(recs)), Role: deviceRole(dev).String()}
	page := s.newPageRows(dev, since)
	for _, rec := range recs {
		held, err := page.take(rec.Seq, []byte(rec.Entity), rec.State)
		if err != nil {
			break // errPageFull
		}
		if held {
			resp.Changes = append(resp.Changes, syncapi.PulledChange{Seq: rec.Seq, Entity: rec.Entity, RecordID: rec.ID, Rev: rec.Rev, State: rec.State})
		}
	}
	var cursor int64
	if resp.Purged, cursor, resp.More, err = s.pagePurged(r.Context(), dev, since, page.last, page.ended(limit), limit); err != nil { // pullpurged.go
		return err
	}
	if page.cut(limit, asked) {
		s.short(dev.ID, page.n, asked) // busy.go
	}
	resp.Cursor = strconv.FormatInt(cursor, 10)
	release() // the audit waits for the writer, and the page is written to the network, after the slot
	if err := s.auditPull(r, dev, page.counts); err != nil {
		return err
	}
	return s.writeJSON(w, r, http.StatusOK, resp)
}

// pagePool keeps page buffers (a full page is a few MB) from one pull to the next.
// The pool loses them at a garbage collection (several during a first pull), so a
// buffer made anew starts at the size of the largest page written lately (pageHint)
// instead of growing to it from nothing: grown by append, a 4 MB page allocated some
// 20 MB, 130 MB in a first pull of 100 000 records.
var pagePool = sync.Pool{New: func() any { return new([]byte) }}

// pageHint is the size of the largest page written lately, up to maxPageHint.
var pageHint atomic.Int64

// maxPageHint bounds what a new page buffer starts with.
const maxPageHint = 16 << 20

// pageBuffer is a buffer for a page from the pool, of at least pageHint's capacity
// (an eighth more when made: pages differ a little in size, and one that outgrew its
// buffer by a few bytes was copied to one a quarter larger).
func pageBuffer() *[]byte {
	bp := pagePool.Get().(*[]byte)
	if h := int(pageHint.Load()); cap(*bp) < h {
		*bp = make([]byte, 0, h+h/8) // room for a page a little larger than the last
	}
	return bp
}

// notePage keeps the size of a page written for pageBuffer; the hint decays a little
// with each smaller page, so that one large page does not size every buffer after it.
func notePage(n int) {
	n = min(n, maxPageHint)
	for {
		h := pageHint.Load()
		next := max(int64(n), h-h/8)
		if next == h || pageHint.CompareAndSwap(h, next) {
			return
		}
	}
}

// pageBytes is where a page stops taking records (syncapi.MaxPageBytes; tests set it
// lower): a laptop refuses an answer over syncapi.MaxAnswerBytes, and a page of large
// states (session notes run to a million characters) would otherwise be the limit's
// number of them. The page takes the record that reaches it, so it always holds one.
var pageBytes = syncapi.MaxPageBytes

// errPageFull stops a store's PullRaw once the page has reached pageBytes.
var errPageFull = errors.New("the page is full")

// pageRows takes a page's rows as the store reads them, in sequence order, for both
// ways a page is built: it leaves out what the device's role may not hold (the cursor
// still passes it: roles.go), counts what it takes for the audit (auditpull.go), and
// ends the page once the states taken reach pageBytes, or once it covers
// busyPageRecords rows while another pull waits for a slot (busy.go).
type pageRows struct {
	hold    *holdFilter
	counts  *pullCounts
	waiting *atomic.Int32 // pulls waiting for a slot
	last    int64         // the sequence number of the last row the page covers
	n       int           // the rows the page covers
	size    int           // the bytes of the states taken
	full    bool          // the page ended before its limit: by its bytes, or for a pull waiting
	busy    bool          // ... for a pull waiting
}

func (s *Server) newPageRows(dev serverstore.Device, since int64) *pageRows {
	return &pageRows{hold: filterFor(dev), counts: newPullCounts(), waiting: &s.pullsWaiting, last: since}
}

// take says whether the page holds the row; errPageFull when the page ended before it.
func (p *pageRows) take(seq int64, entity, state []byte) (bool, error) {
	if p.size >= pageBytes {
		p.full = true
		return false, errPageFull
	}
	if p.n >= busyPageRecords && p.waiting.Load() > 0 {
		p.full, p.busy = true, true
		return false, errPageFull
	}
	p.last, p.n = seq, p.n+1
	if !p.hold.mayHold(entity, state) {
		return false, nil
	}
	p.counts.add(entity, state)
	p.size += len(state)
	return true, nil
}

// ended says whether the page ended before the rows after since did: by its bytes, for
// a pull waiting, or with the limit's number of rows (pagePurged's full).
func (p *pageRows) ended(limit int) bool { return p.full || p.n == limit }

// cut says whether the busy rules (busy.go) made the page shorter than the device
// asked for: it ended for a pull waiting, or at a limit lowered below what was asked.
func (p *pageRows) cut(limit, asked int) bool {
	return p.busy || !p.full && p.n == limit && limit < asked
}

// pullRaw writes the page from the rows as the store reads them: the stored states go
// into the answer as they are (they were written by json.Marshal, so they are what
// json.Marshal of a PullResponse would write; wire checks that, state by state).
func (s *Server) pullRaw(w http.ResponseWriter, r *http.Request, rp serverstore.RawPuller, dev serverstore.Device, since int64, limit, asked int) error {
	release, err := s.pullSlot(r.Context(), w) // pullslot.go: the page is built in a slot
	if err != nil {
		return err
	}
	defer release()
	limit = s.pageLimit(limit)
	bp := pageBuffer()
	defer pagePool.Put(bp)
	pw := syncwire.NewPageWriter(*bp)
	page := s.newPageRows(dev, since)
	err = rp.PullRaw(r.Context(), dev.TeamID, since, limit, func(seq int64, entity, id []byte, rev int64, state []byte) error {
		held, err := page.take(seq, entity, state)
		if !held || err != nil {
			return err // errPageFull: the page ends at the row before this one
		}
		return pw.AddBytes(seq, entity, id, rev, state)
	})
	if errors.Is(err, errPageFull) {
		err = nil
	}
	if err != nil {
		return err
	}
	purged, cursor, more, err := s.pagePurged(r.Context(), dev, since, page.last, page.ended(limit), limit) // pullpurged.go
	if err != nil {
		return err
	}
	if page.cut(limit, asked) {
		s.short(dev.ID, page.n, asked) // busy.go
	}
	body, err := appendPurged(pw.End(strconv.FormatInt(cursor, 10), more, deviceRole(dev).String()), purged)
	if err != nil {
		return err
	}
	*bp = body[:0]
	notePage(len(body))
	release() // the audit waits for the writer, and the page is written to the network, after the slot
	if err := s.auditPull(r, dev, page.counts); err != nil {
		return err
	}
	return s.writeBody(w, r, http.StatusOK, body)
}

// parseCursor reads since: empty or a sequence number (the cursor is opaque to
// devices, but it is always one the server gave out).
func parseCursor(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errorf(syncapi.EINVALID, "since must be a cursor this server gave out (got %q).", truncate(v, 40))
	}
	return n, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

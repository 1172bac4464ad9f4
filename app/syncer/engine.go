package syncer

import (
	"cmp"
	"context"
	"errors"
	"log"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Defaults of an Engine.
const (
	DefaultInterval   = 5 * time.Minute
	DefaultMinBackoff = time.Second
	DefaultMaxBackoff = 5 * time.Minute
)

// Engine syncs one local database with one server: SyncOnce pushes every pending
// change and pulls every page; Run does that in the background. Everything it needs
// to resume is in the database (outbox with sent marks, sync bases, cursor), so
// stopping it at any moment loses nothing. Two engines on one database (the app's and
// the command line's) are safe: batches are taken in transactions, and the server
// answers a change sent twice as a duplicate.
type Engine struct {
	db     Store
	client *Client

	// Now is the clock; After waits (tests replace both). Rand returns a number in
	// [0, 1) for the backoff's jitter.
	Now   func() time.Time
	After func(time.Duration) <-chan time.Time
	Rand  func() float64

	// Interval between background syncs; MinBackoff doubling up to MaxBackoff after
	// failures (with full jitter).
	Interval, MinBackoff, MaxBackoff time.Duration
	// PushBatch and PullLimit bound each request (0: what the server advertises).
	PushBatch, PullLimit int
	// StartDelay postpones Run's first sync (the app lets its first screen come up).
	StartDelay time.Duration
	// OnStatus is told of every change of Status (from any goroutine; keep it quick).
	OnStatus func(Status)
	// OnSynced is told how each sync ended (not for callers who joined it).
	OnSynced func(Summary, error)
	Logger   *log.Logger

	// pulledAt is the pull cursor the laptop had applied when this sync began, sent
	// with its pushes (Client.PushFrom).
	pulledAt string
	// rows: the server's last answer said it takes pushes in a row (pushrow.go);
	// asked: the Batch it asked for (0: none; pushChunks).
	rows     atomic.Bool
	asked    atomic.Int64
	mu       sync.Mutex
	state    string
	message  string
	progress *Progress
	failures int
	nextAt   time.Time
	running  *run
	trigger  chan struct{}
	wake     chan struct{}
}

type run struct {
	done chan struct{}
	sum  Summary
	err  error
}

// NewEngine makes an engine for a database and a client (NewClient with the stored
// server address and token; FromSettings does that).
func NewEngine(db Store, c *Client) *Engine {
	return &Engine{db: db, client: c, Now: time.Now, After: time.After, Rand: rand.Float64,
		Interval: DefaultInterval, MinBackoff: DefaultMinBackoff, MaxBackoff: DefaultMaxBackoff,
		state: StateIdle, trigger: make(chan struct{}, 1), wake: make(chan struct{}, 1)}
}

// ErrNotConnected is returned when the database has no server connection.
var ErrNotConnected = involve.Errorf(involve.ECONFLICT, "This laptop is not connected to a server. Connect it in Settings first.")

// errBadCA is a stored certificate authority that cannot be used.
func errBadCA(err error) error {
	return involve.Errorf(involve.ECONFLICT, "The certificate authority stored with this laptop's connection cannot be used (%v). Connect again.", err)
}

// FromSettings makes an engine from the connection stored in the database, trusting
// the team's own certificate authority if it was given at connect. hc nil:
// DefaultHTTPClient.
func FromSettings(ctx context.Context, db Store, hc *http.Client) (*Engine, error) {
	set, err := db.SyncSettings(ctx)
	if isLocked(err) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, err
	}
	if !set.Connected() {
		return nil, ErrNotConnected
	}
	c, err := newClient(set.ServerURL, set.DeviceToken, hc, set.CAPEM, CompressAuto)
	if err != nil {
		return nil, errBadCA(err)
	}
	e := NewEngine(db, c)
	if st := stateForCode(set.LastErrorCode); st == StateUnauthorized {
		e.state, e.message = st, MsgUnauthorized
	}
	return e, nil
}

// Client is the engine's HTTP client.
func (e *Engine) Client() *Client {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.client
}

func (e *Engine) logf(format string, args ...any) {
	if e.Logger != nil {
		e.Logger.Printf(format, args...)
	}
}

// Status is the sync status now: the engine's state with the database's counts.
func (e *Engine) Status() Status {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := localStatus(ctx, e.db, e.Now())
	if err != nil {
		e.logf("sync status: %v", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if st.State == StateNotConnected {
		return st
	}
	st.State, st.NextAttemptAt = e.state, e.nextAt
	switch e.state {
	case StateSyncing:
		if e.progress != nil {
			p := *e.progress
			st.Progress = &p
		}
		st.Message = progressMessage(st.Progress)
	case StateIdle:
		st.Message = idleMessage(st)
	default:
		st.Message = e.message
	}
	return st
}

func (e *Engine) notify() {
	if e.OnStatus != nil {
		e.OnStatus(e.Status())
	}
}

func (e *Engine) setProgress(p Progress, report func(Progress)) {
	e.mu.Lock()
	e.progress = &p
	e.mu.Unlock()
	if report != nil {
		report(p)
	}
	e.notify()
}

// Trigger asks the background loop (Run) to sync now ("Sync now" that does not wait).
func (e *Engine) Trigger() {
	select {
	case e.trigger <- struct{}{}:
	default:
	}
}

// SyncOnce pushes every pending change (in batches of at most the server's maxBatch,
// split further when the server says a request is too large) and then pulls pages
// until the server has no more. If a sync is already running it waits for that one
// and returns its result (Summary.Joined). progress (may be nil) is called as it goes.
func (e *Engine) SyncOnce(ctx context.Context, progress func(Progress)) (Summary, error) {
	e.mu.Lock()
	if r := e.running; r != nil {
		e.mu.Unlock()
		select {
		case <-r.done:
			s := r.sum
			s.Joined = true
			return s, r.err
		case <-ctx.Done():
			return Summary{}, ctx.Err()
		}
	}
	r := &run{done: make(chan struct{})}
	e.running, e.state, e.progress = r, StateSyncing, nil
	e.mu.Unlock()
	e.notify()

	start := e.Now()
	r.sum, r.err = e.syncPaced(ctx, progress) // gc.go
	r.sum.Duration = e.Now().Sub(start)

	e.finish(r.err)
	e.mu.Lock()
	e.running = nil
	e.mu.Unlock()
	close(r.done)
	select {
	case e.wake <- struct{}{}:
	default:
	}
	e.notify()
	if e.OnSynced != nil {
		e.OnSynced(r.sum, r.err)
	}
	return r.sum, r.err
}

// finish records how a sync ended and plans the next one.
func (e *Engine) finish(err error) {
	now := e.Now()
	// bookkeeping must land even when the sync was cancelled
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e.mu.Lock()
	defer e.mu.Unlock()
	e.progress = nil
	switch {
	case err == nil:
		e.state, e.message, e.failures = StateIdle, "", 0
		e.nextAt = now.Add(e.Interval)
		if derr := e.db.RecordSyncResult(ctx, now, "", ""); derr != nil {
			e.logf("record sync result: %v", derr)
		}
	case errors.Is(err, context.Canceled):
		e.state = StateIdle
		e.nextAt = now.Add(e.Interval)
	default:
		state, code, msg := classify(err)
		e.state, e.message = state, msg
		if state == StateLocked {
			e.nextAt = time.Time{} // background sync waits for Trigger, when Involve is unlocked
		} else if state == StateUnauthorized || code == CodeInsecure {
			e.nextAt = time.Time{} // background sync stops until someone reconnects
		} else if IsQuota(err) {
			e.nextAt = now.Add(quotaWait(err)) // no quick retries: a day or a person must pass
		} else {
			e.failures++
			d := e.backoff(e.failures)
			var ce *Error
			if errors.As(err, &ce) && ce.RetryAfter > d {
				d = min(ce.RetryAfter, e.maxBackoff())
			}
			e.nextAt = now.Add(d)
		}
		if derr := e.db.RecordSyncResult(ctx, now, code, msg); derr != nil {
			e.logf("record sync result: %v", derr)
		}
		e.logf("sync failed (%s): %v", state, err)
	}
}

// limits are the server's limits as stored at enrolment, with defaults.
func (e *Engine) limits(set Settings) syncapi.Limits {
	l := set.Limits
	if l.MaxBatch <= 0 {
		l.MaxBatch = syncapi.DefaultMaxBatch
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = syncapi.DefaultMaxBodyBytes
	}
	if l.MaxPullLimit <= 0 || l.MaxPullLimit > syncapi.MaxPullLimit {
		l.MaxPullLimit = syncapi.MaxPullLimit
	}
	if e.PushBatch > 0 && e.PushBatch < l.MaxBatch {
		l.MaxBatch = e.PushBatch
	}
	if e.PullLimit > 0 && e.PullLimit < l.MaxPullLimit {
		l.MaxPullLimit = e.PullLimit
	}
	return l
}

func (e *Engine) sync(ctx context.Context, progress func(Progress)) (Summary, error) {
	var sum Summary
	if err := e.db.RecordSyncAttempt(ctx, e.Now()); err != nil {
		return sum, err
	}
	// A locked store can neither open the device token nor seal or open what goes to
	// and comes from the server: sync waits until Involve is unlocked.
	if l, err := locked(ctx, e.db); err != nil || l {
		return sum, cmp.Or(err, error(ErrLocked))
	}
	set, err := e.db.SyncSettings(ctx)
	if err != nil {
		return sum, err
	}
	if !set.Connected() {
		return sum, ErrNotConnected // disconnected meanwhile (by the command line, say)
	}
	if set.ServerURL != e.client.base || set.DeviceToken != e.client.token || set.CAPEM != e.client.ca {
		// connected again meanwhile (a new enrolment replaces the token)
		c, err := e.client.reconnected(set)
		if err != nil {
			return sum, errBadCA(err)
		}
		e.mu.Lock()
		e.client = c
		e.mu.Unlock()
	}
	lim := e.limits(set)
	// A staff or lead laptop seals with its team's key: it fetches it first.
	if err := e.installTeamKey(ctx); err != nil {
		return sum, err
	}

	saved, refused, err := e.pushAll(ctx, set, lim, progress, &sum) // pushall.go
	if err != nil {
		return sum, err
	}

	// Pull until the server has nothing more. Pages are fetched and decoded ahead
	// while earlier ones are applied (the server and the laptop's cores work at the
	// same time); each page's cursor is saved only with it.
	cursor := saved // past this laptop's own changes when the push's answers moved it
	e.setProgress(Progress{Phase: PhasePull}, progress)
	// A laptop pulling from the beginning (a new laptop, or one whose role may hold
	// more now) applies bulkPages pages in one transaction (the next ones are fetched
	// meanwhile); otherwise one page a transaction, so that a sync never holds the
	// database long while someone types.
	perTx := 1
	if cursor == "" {
		perTx = bulkPages
	}
	pages := e.fetchPages(ctx, cursor, lim.MaxPullLimit, perTx)
	// from the beginning, feedback items are taken to be new until one is not (pullnew.go)
	assume := perTx > 1
	restarts := 0
	for {
		first, err := pages.next()
		if err != nil {
			pages.stop()
			return sum, err
		}
		var last bool
		more := pages.batchOf(ctx, first, &last)
		done := sum.Pull.Received
		tallies, batch, err := applyPages(ctx, e.db, []*fetchedPage{first}, more, func(t PullTally) {
			// each page of a batch as it is applied, but the last (the commit follows)
			done += t.Received
			e.setProgress(Progress{Phase: PhasePull, Done: done}, progress)
		}, &assume)
		for _, t := range tallies {
			sum.Pull.Add(t)
		}
		if err != nil {
			pages.stop()
			return sum, err
		}
		t := tallies[len(tallies)-1]
		if t.Role != nil {
			// Records removed for the role leave nothing behind in the file's free pages.
			if err := compactAfter(ctx, e.db, t.Role); err != nil {
				e.logf("compact after a change of role: %v", err)
			}
		}
		if t.Role != nil && t.Role.Restart {
			// The role may hold more now: pull again from the beginning (the pages
			// fetched ahead are dropped). A server that keeps changing it is not followed
			// round in circles.
			pages.stop()
			if restarts++; restarts > 2 {
				return sum, errRoleFlapping
			}
			// a role that holds sealed kinds now needs the team's key before they come
			if err := e.installTeamKey(ctx); err != nil {
				return sum, err
			}
			pages = e.fetchPages(ctx, "", lim.MaxPullLimit, bulkPages)
			e.setProgress(Progress{Phase: PhasePull, Done: sum.Pull.Received}, progress)
			continue
		}
		e.setProgress(Progress{Phase: PhasePull, Done: sum.Pull.Received}, progress)
		// the pages applied are committed: their bodies may take the next pages
		pages.release(batch[:len(tallies)])
		if len(tallies) < len(batch) {
			// a role changed after an earlier page of the batch: the rest goes on its own
			pages.unread(batch[len(tallies):])
			continue
		}
		if last {
			break
		}
	}
	pages.stop()
	e.purgeLocal(ctx, sum.Pull) // purged.go
	return sum, refused
}

// requestOverhead is a generous allowance for a change's envelope in a push body.
const requestOverhead = 512

// splitBySize cuts a batch so that each push body stays under the server's limit.
func splitBySize(batch []OutboxEntry, maxBody int64) [][]OutboxEntry {
	limit := maxBody * 9 / 10
	var out [][]OutboxEntry
	start, size := 0, int64(64)
	for i, e := range batch {
		n := int64(len(e.State)) + requestOverhead
		if i > start && size+n > limit {
			out = append(out, batch[start:i])
			start, size = i, 64
		}
		size += n
	}
	return append(out, batch[start:])
}

// A sync takes entries a group at a time; their answers are recorded together (while
// the next group is sent). A group is about pushGroupChanges changes, in pushes of the
// server's MaxBatch, at most pushGroup of them: the same work a transaction at either
// end whatever the server's MaxBatch (ten pushes of 1 000, four of 2 500).
const (
	pushGroup        = 10
	pushGroupChanges = 10_000
)

// groupSize is how many changes a group takes under a server's MaxBatch of maxBatch.
func groupSize(maxBatch int) int {
	return maxBatch * min(max(pushGroupChanges/max(maxBatch, 1), 1), pushGroup)
}

// push sends one chunk and keeps the answers in acks. A 413 splits the chunk in two; a
// single change the server will never take is marked rejected, so it cannot block the
// changes after it.
func (e *Engine) push(ctx context.Context, chunk []OutboxEntry, rejected *int, acks *pushAcks) error {
	resp, err := e.client.PushFrom(ctx, changesOf(chunk), e.pulledAt)
	for tries := 0; tries < maxRateWaits; tries++ {
		wait, ok := rateLimited(err)
		if !ok {
			break
		}
		select { // the server's per-device rate: a large first push goes on after a pause
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		resp, err = e.client.PushFrom(ctx, changesOf(chunk), e.pulledAt)
	}
	if StatusOf(err) == http.StatusRequestEntityTooLarge {
		if len(chunk) == 1 {
			reason := "This change is larger than the server accepts, so it cannot be sent. Make the record smaller (for example, shorten its notes)."
			var ce *Error
			if errors.As(err, &ce) && ce.API != nil && ce.API.Message != "" {
				reason += " The server said: " + ce.API.Message
			}
			if err := rejectUnsendable(ctx, e.db, chunk[0], reason); err != nil {
				return err
			}
			*rejected++
			return nil
		}
		half := len(chunk) / 2
		if err := e.push(ctx, chunk[:half], rejected, acks); err != nil {
			return err
		}
		return e.push(ctx, chunk[half:], rejected, acks)
	}
	if err != nil {
		return err
	}
	acks.keep(chunk, &resp)
	e.heed(&resp)
	return nil
}

// heed keeps what a push's answer says of the pushes after it: whether they may go in
// a row, and the Batch the server asks for while it is busy.
func (e *Engine) heed(resp *syncapi.PushResponse) {
	e.rows.Store(resp.Row)
	e.asked.Store(int64(max(resp.Batch, 0)))
}

// pushSize is the most changes a push takes now: the server's limit, or the smaller
// Batch its last answer asked for (busy: the pushes then go one at a time).
func (e *Engine) pushSize(lim syncapi.Limits) (n int, busy bool) {
	if b := e.asked.Load(); b > 0 && b < int64(lim.MaxBatch) {
		return int(b), true
	}
	return lim.MaxBatch, false
}

// maxRateWaits bounds how often one push waits for the server's per-device rate
// within a sync before the sync fails (and is tried again later, as any failure).
const maxRateWaits = 10

// rateLimited says how long to wait when err is the server's per-device rate limit
// with a Retry-After of a few seconds at most: not a quota (a day or a person must
// pass), nor an address's allowance for bad tokens spent by someone else (6 s and
// more: the sync fails and the background tries later, as before).
func rateLimited(err error) (time.Duration, bool) {
	var ce *Error
	if !errors.As(err, &ce) || ce.Status != http.StatusTooManyRequests || ce.API == nil || ce.API.Code != syncapi.ERATELIMITED {
		return 0, false
	}
	if ce.RetryAfter <= 0 || ce.RetryAfter > 5*time.Second {
		return 0, false
	}
	return ce.RetryAfter, true
}

// Run syncs in the background until ctx ends: at once, then every Interval, at once
// on Trigger, and after a failure again after a backoff. After a 401 it waits for a
// Trigger (or a successful SyncOnce from elsewhere) instead of retrying.
func (e *Engine) Run(ctx context.Context) {
	e.mu.Lock()
	if e.state != StateUnauthorized {
		e.nextAt = e.Now().Add(e.StartDelay)
	}
	e.mu.Unlock()
	for {
		e.mu.Lock()
		next := e.nextAt
		e.mu.Unlock()
		var timer <-chan time.Time
		if !next.IsZero() {
			timer = e.After(max(next.Sub(e.Now()), 0))
		}
		select {
		case <-ctx.Done():
			return
		case <-e.wake:
			continue // a sync finished elsewhere: plan again
		case <-e.trigger:
		case <-timer:
		}
		if _, err := e.SyncOnce(ctx, nil); errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return
		}
		// drain the wake-up this sync caused
		select {
		case <-e.wake:
		default:
		}
	}
}

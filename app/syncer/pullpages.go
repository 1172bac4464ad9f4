package syncer

import (
	"context"
	"errors"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// bulkPages is how many pull pages a laptop pulling from the beginning applies in one
// transaction at most (of up to maxPullLimit records each): fewer commits, and the
// search index built in larger runs.
const bulkPages = 5

// batchWait is how long, from its start, a transaction of several pages may wait for
// the network for its next page: it applies the first page as soon as it comes, and
// those after it as they come, instead of waiting for all of them before it starts
// (the first pull, round 4: the applying goroutine waited for five pages, about 0.3 s
// at 100 000 records, before it wrote anything).
const batchWait = 500 * time.Millisecond

// pageFeed fetches and decodes a pull's pages one after the other, ahead of the
// pages being applied (at most perTx + 1 pages wait, decoded).
type pageFeed struct {
	ch     chan *fetchedPage
	free   chan []byte // bodies of pages applied, to read the next pages into (release)
	cancel context.CancelFunc
	perTx  int
	held   []*fetchedPage // pages taken and given back (unread)
	done   bool           // the last page was handed out
}

// fetchPages starts fetching pages from cursor.
func (e *Engine) fetchPages(ctx context.Context, cursor string, limit, perTx int) *pageFeed {
	ctx, cancel := context.WithCancel(ctx)
	f := &pageFeed{ch: make(chan *fetchedPage, perTx), free: make(chan []byte, perTx+2), cancel: cancel, perTx: perTx}
	go func() {
		defer close(f.ch)
		for {
			var buf []byte
			select {
			case buf = <-f.free:
			default:
			}
			page, body, err := e.client.pullInto(ctx, cursor, limit, buf)
			p := &fetchedPage{since: cursor, page: page, body: body, err: err}
			if err == nil {
				p.decoded = decodePage(e.db, page.Changes)
			}
			select {
			case f.ch <- p:
			case <-ctx.Done():
				return
			}
			if err != nil || !pageMore(cursor, &page) {
				return
			}
			cursor = page.Cursor
		}
	}()
	return f
}

// pageMore reports whether another page follows a page fetched from cursor (a server
// that says more but moves nothing is not asked again).
func pageMore(cursor string, page *syncapi.PullResponse) bool {
	return page.More && !(page.Cursor == cursor && len(page.Changes) == 0)
}

// next waits for the next page, which starts a batch. A page that failed is returned
// as the error.
func (f *pageFeed) next() (*fetchedPage, error) {
	var p *fetchedPage
	if len(f.held) > 0 {
		p, f.held = f.held[0], f.held[1:]
	} else {
		q, ok := <-f.ch
		if !ok {
			return nil, context.Canceled
		}
		p = q
	}
	if p.err != nil {
		return nil, p.err
	}
	return p, nil
}

// within is the next page if it comes before deadline, else nil; a page that failed is
// kept for next.
func (f *pageFeed) within(deadline time.Time) *fetchedPage {
	var p *fetchedPage
	if len(f.held) > 0 {
		p, f.held = f.held[0], f.held[1:]
	} else {
		var q *fetchedPage
		var ok bool
		select { // a page already here is taken, whatever the time
		case q, ok = <-f.ch:
		default:
			wait := time.NewTimer(time.Until(deadline))
			defer wait.Stop()
			select {
			case q, ok = <-f.ch:
			case <-wait.C:
				return nil
			}
		}
		if !ok {
			return nil
		}
		p = q
	}
	if p.err != nil {
		f.held = append([]*fetchedPage{p}, f.held...)
		return nil
	}
	return p
}

// batchOf starts a batch with first: more (for applyPages) hands out the pages that
// follow while the batch has fewer than perTx, the pull's last page has not been
// handed out, ctx is not done, and the next page comes within batchWait of the batch's
// start (a transaction waits for the network that long at most); *last tells whether
// the batch ended with the pull's last page.
func (f *pageFeed) batchOf(ctx context.Context, first *fetchedPage, last *bool) (more func() *fetchedPage) {
	*last = !pageMore(first.since, &first.page)
	if f.perTx <= 1 {
		return nil
	}
	n, deadline := 1, time.Now().Add(batchWait)
	return func() *fetchedPage {
		if *last || n >= f.perTx || ctx.Err() != nil {
			return nil
		}
		p := f.within(deadline)
		if p == nil {
			return nil
		}
		n++
		*last = !pageMore(p.since, &p.page)
		return p
	}
}

// unread gives back pages taken but not applied: the next batch starts with them.
func (f *pageFeed) unread(pages []*fetchedPage) { f.held = append(pages, f.held...) }

// release gives back the bodies of pages applied and committed, for the pages
// fetched after them to be read into (a first pull's bodies are some 85 MB at 100 000
// records, each page's 4 MB made anew). A page released is emptied first: nothing of
// it may be read after, its states being slices of the body that the next page
// overwrites.
func (f *pageFeed) release(pages []*fetchedPage) {
	for _, p := range pages {
		body := p.body
		*p = fetchedPage{since: p.since, err: errReleased}
		if cap(body) == 0 {
			continue
		}
		select {
		case f.free <- body[:0]:
		default: // enough kept
		}
	}
}

// errReleased marks a page whose body was given back (release).
var errReleased = errors.New("syncer: pull page used after its release")

// stop ends the fetching (pages fetched ahead are dropped).
func (f *pageFeed) stop() {
	f.cancel()
	for range f.ch {
	}
}

package syncer

import (
	"context"

	"github.com/hin-south-london/involve/app/syncapi"
)

// bulkPages is how many pull pages a laptop pulling from the beginning applies in one
// transaction at most (of up to maxPullLimit records each): fewer commits, and the
// search index built in larger runs.
const bulkPages = 5

// pageFeed fetches and decodes a pull's pages one after the other, ahead of the
// pages being applied (at most perTx + 1 pages wait, decoded).
type pageFeed struct {
	ch     chan *fetchedPage
	cancel context.CancelFunc
	perTx  int
	held   []*fetchedPage // pages taken and given back (unread)
	done   bool           // the last page was handed out
}

// fetchPages starts fetching pages from cursor.
func (e *Engine) fetchPages(ctx context.Context, cursor string, limit, perTx int) *pageFeed {
	ctx, cancel := context.WithCancel(ctx)
	f := &pageFeed{ch: make(chan *fetchedPage, perTx), cancel: cancel, perTx: perTx}
	go func() {
		defer close(f.ch)
		for {
			page, err := e.client.Pull(ctx, cursor, limit)
			p := &fetchedPage{since: cursor, page: page, err: err}
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

// next waits for the next perTx pages, or fewer when the pull's last page comes
// first (last). The pages after them are fetched meanwhile. A page that failed is
// returned as the error when it comes first, else kept for the next call.
func (f *pageFeed) next() (batch []*fetchedPage, last bool, err error) {
	for len(batch) < f.perTx && !last {
		var p *fetchedPage
		switch {
		case len(f.held) > 0:
			p, f.held = f.held[0], f.held[1:]
		default:
			q, ok := <-f.ch
			if !ok {
				if len(batch) > 0 {
					return batch, false, nil
				}
				return nil, false, context.Canceled
			}
			p = q
		}
		if p.err != nil {
			if len(batch) > 0 {
				f.held = append([]*fetchedPage{p}, f.held...)
				return batch, false, nil
			}
			return nil, false, p.err
		}
		batch = append(batch, p)
		last = !pageMore(p.since, &p.page)
	}
	return batch, last, nil
}

// unread gives back pages taken but not applied: the next batch starts with them.
func (f *pageFeed) unread(pages []*fetchedPage) { f.held = append(pages, f.held...) }

// stop ends the fetching (pages fetched ahead are dropped).
func (f *pageFeed) stop() {
	f.cancel()
	for range f.ch {
	}
}

package syncer

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// feedOf is a pageFeed of perTx whose pages the test sends.
func feedOf(perTx int) (*pageFeed, chan *fetchedPage) {
	ch := make(chan *fetchedPage, 10)
	return &pageFeed{ch: ch, cancel: func() {}, perTx: perTx}, ch
}

// pageAt is a fetched page from cursor since to cursor to; more: another follows.
func pageAt(since, to string, more bool) *fetchedPage {
	return &fetchedPage{since: since, page: syncapi.PullResponse{Cursor: to, More: more,
		Changes: []syncapi.PulledChange{{Entity: "feedback", RecordID: to}}}}
}

// A batch starts with its first page and takes the pages that follow as they come, up
// to perTx, and none after the pull's last page.
func TestBatchTakesPagesAsTheyCome(t *testing.T) {
	f, ch := feedOf(3)
	ch <- pageAt("", "1", true)
	first, err := f.next()
	if err != nil || first.page.Cursor != "1" {
		t.Fatalf("first page: %v %v", first, err)
	}
	var last bool
	more := f.batchOf(context.Background(), first, &last)
	go func() { // the second page comes while the first is applied
		time.Sleep(20 * time.Millisecond)
		ch <- pageAt("1", "2", true)
		ch <- pageAt("2", "3", true)
		ch <- pageAt("3", "4", false)
	}()
	if p := more(); p == nil || p.page.Cursor != "2" {
		t.Fatalf("second page: %v", p)
	}
	if p := more(); p == nil || p.page.Cursor != "3" {
		t.Fatalf("third page: %v", p)
	}
	if p := more(); p != nil || last {
		t.Fatalf("a fourth page in a batch of 3: %v (last %v)", p, last)
	}
	// the next batch: its first page is the pull's last
	first, err = f.next()
	if err != nil || first.page.Cursor != "4" {
		t.Fatalf("next batch: %v %v", first, err)
	}
	if more = f.batchOf(context.Background(), first, &last); !last || more() != nil {
		t.Fatalf("after the pull's last page: last %v", last)
	}
}

// A page that does not come before the deadline ends the batch (the transaction does
// not wait for the network longer); it starts the next one. A page that failed ends the
// batch too, and is the next batch's error. A stopped sync takes no more pages.
func TestBatchEndsWithoutWaiting(t *testing.T) {
	f, ch := feedOf(5)
	start := time.Now()
	if p := f.within(start.Add(30 * time.Millisecond)); p != nil {
		t.Fatalf("a page out of nothing: %v", p)
	}
	if waited := time.Since(start); waited < 30*time.Millisecond || waited > 5*time.Second {
		t.Errorf("waited %v for a page due in 30 ms", waited)
	}
	ch <- pageAt("1", "2", true)
	if p := f.within(time.Now().Add(-time.Second)); p == nil {
		t.Fatal("a page already here is taken even past the deadline")
	}
	failed := errors.New("the network is down")
	ch <- &fetchedPage{since: "2", err: failed}
	if p := f.within(time.Now().Add(time.Second)); p != nil {
		t.Fatalf("a failed page taken: %v", p)
	}
	if _, err := f.next(); !errors.Is(err, failed) {
		t.Fatalf("next after a failed page: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch <- pageAt("", "1", true)
	ch <- pageAt("1", "2", true)
	first, _ := f.next()
	var last bool
	more := f.batchOf(ctx, first, &last)
	cancel()
	if p := more(); p != nil {
		t.Fatalf("a stopped sync took a page: %v", p)
	}
}

// A page applied gives its body back for the next page to be read into, and is emptied:
// nothing of it (its states are slices of the body) can be read after.
func TestReleaseGivesBodiesBack(t *testing.T) {
	f := &pageFeed{free: make(chan []byte, 1), cancel: func() {}}
	body := []byte(`{"changes":[{"seq":1,"entity":"feedback","recordId":"a","rev":1,"state":{}}]}`)
	p := pageAt("", "1", false)
	p.body, p.page.Changes[0].State = body, body[len(body)-4:len(body)-3]
	p.decoded = []pulled{{c: &p.page.Changes[0]}}
	f.release([]*fetchedPage{p, pageAt("1", "2", false)}) // the second has no body to give
	if p.page.Changes != nil || p.decoded != nil || p.body != nil || !errors.Is(p.err, errReleased) || p.since != "" {
		t.Errorf("a released page keeps %+v", p)
	}
	got := <-f.free
	if len(got) != 0 || cap(got) != cap(body) || &got[:1][0] != &body[0] {
		t.Errorf("given back %d/%d bytes, not the body", len(got), cap(got))
	}
	// more than the feed keeps are dropped, not waited for
	f.release([]*fetchedPage{{body: make([]byte, 8)}, {body: make([]byte, 8)}})
}

// readAll reads into the buffer it is given when it has room, else into a new one of
// the body's size.
func TestReadAllIntoBuffer(t *testing.T) {
	body := strings.Repeat("x", 1000)
	buf := make([]byte, 0, 4096)
	resp := &http.Response{ContentLength: int64(len(body))}
	got, err := readAll(strings.NewReader(body), resp, false, buf, true)
	if err != nil || string(got) != body || &got[0] != &buf[:1][0] {
		t.Fatalf("readAll into a buffer with room: %d bytes, %v, same buffer %v", len(got), err, err == nil && &got[0] == &buf[:1][0])
	}
	small := make([]byte, 0, 10)
	if got, err = readAll(strings.NewReader(body), resp, false, small, true); err != nil || string(got) != body || &got[0] == &small[:1][0] {
		t.Fatalf("readAll into a buffer without room: %d bytes, %v", len(got), err)
	}
	for _, gz := range []bool{true, false} { // gzipped, or of no stated length: grown as needed
		resp := &http.Response{ContentLength: -1}
		if got, err = readAll(strings.NewReader(body), resp, gz, small, true); err != nil || string(got) != body {
			t.Fatalf("readAll of no stated length: %d bytes, %v", len(got), err)
		}
	}
}

package syncer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"

	"github.com/hin-south-london/involve/app/syncapi"
)

// Pushes in a row (docs/sync-protocol.md "Pushes in a row"). A server whose answers
// say Row applies a push that names the one sent before it (?after=) after that one,
// and only if that one was applied. So the requests of a group go at once, each
// naming the one before: the server decodes the later ones while it writes the first,
// and those waiting for its writer share a commit. The order the server applies them
// in is the order they were taken from the outbox, exactly as when they went one
// after the other; so are the answers, which are recorded in that order.

// pushChunks sends a group's chunks in order, keeping the answers in acks: in a row
// once a server's answer has said it takes pushes in a row, one at a time otherwise
// (the first push of a sync always goes alone, and so does everything after a push
// of a row that did not come back answered). While the server's answers ask for a
// smaller Batch (it is busy with other devices' pushes), the pushes go one at a time,
// of at most that many changes. link ties the group to the one before it and the one
// after it (rowLink).
func (e *Engine) pushChunks(ctx context.Context, chunks [][]OutboxEntry, rejected *int, acks *pushAcks, link rowLink, lim syncapi.Limits) error {
	defer link.sent("") // unless its last push went in a row (pushRow said so)
	inRow := true
	for len(chunks) > 0 {
		size, busy := e.pushSize(lim)
		if !inRow || !e.rows.Load() || busy || (len(chunks) == 1 && link.after == "") {
			if err := link.waitBefore(); err != nil {
				return err
			}
			chunk := chunks[0]
			if busy && len(chunk) > size {
				chunk = chunk[:size]
			}
			if err := e.push(ctx, chunk, rejected, acks); err != nil {
				return err
			}
			if len(chunk) < len(chunks[0]) {
				chunks[0] = chunks[0][len(chunk):]
			} else {
				chunks = chunks[1:]
			}
			link.after = "" // answered: what follows needs no link to the group before
			continue
		}
		n := e.pushRow(ctx, chunks, acks, link)
		// the rest one at a time: a 413 is split there, a quota's refusal or a network
		// error ends the sync as it always did, a push refused because the one before
		// it failed goes again (a push applied whose answer was lost is answered as a
		// duplicate)
		chunks, inRow = chunks[n:], false
	}
	return nil
}

// rowLink ties a group's pushes to the group before and after it. A group sent while
// the one before it is still on its way goes in a row after that group's last push
// (after), so that the server applies it after that one, and only if that one was
// applied; last hears the name of the group's own last push as soon as it is on its
// way ("" when it went alone: a group after it then waits for this one's answers).
//
// A push of such a group that does not go in the row (the row broke) waits until the
// group before has been answered, and is not sent at all if that group failed: its
// pushes go in the order taken, as when the groups went one after the other (a
// feedback item never reaches the server before the session it belongs to), and the
// sync stops at the first group that failed.
type rowLink struct {
	after  string
	last   chan string // capacity 1: the first name said is the one heard
	before *flight     // the group before, still on its way when this one was sent (nil: none)
}

func newRowLink(after string, before *flight) rowLink {
	return rowLink{after: after, last: make(chan string, 1), before: before}
}

// errGroupBefore stops a group whose group before failed: its entries stay in the
// outbox for the next sync.
var errGroupBefore = errors.New("a push before this one failed")

// waitBefore waits until the group before has been answered; an error when it failed.
func (l rowLink) waitBefore() error {
	if l.before == nil {
		return nil
	}
	<-l.before.done
	if l.before.err != nil {
		return errGroupBefore
	}
	return nil
}

// sent says the name of the group's last push; only the first said is heard.
func (l rowLink) sent(name string) {
	select {
	case l.last <- name:
	default:
	}
}

// pushRow sends chunks at once, in a row (the first after link.after), and keeps the
// answers of those that came back answered before the first that did not; it returns
// how many that is.
func (e *Engine) pushRow(ctx context.Context, chunks [][]OutboxEntry, acks *pushAcks, link rowLink) int {
	type answer struct {
		resp syncapi.PushResponse
		err  error
	}
	answers := make([]answer, len(chunks))
	names := make([]string, len(chunks))
	for i := range names {
		names[i] = rowName()
	}
	var wg sync.WaitGroup
	for i := range chunks {
		after := link.after
		if i > 0 {
			after = names[i-1]
		}
		wg.Add(1)
		go func(i int, after string) {
			defer wg.Done()
			answers[i].resp, answers[i].err = e.client.PushInRow(ctx, changesOf(chunks[i]), e.pulledAt, names[i], after)
		}(i, after)
	}
	link.sent(names[len(names)-1])
	wg.Wait()
	for i, a := range answers {
		if a.err != nil {
			return i
		}
		acks.keep(chunks[i], &a.resp)
		e.heed(&a.resp)
	}
	return len(chunks)
}

// rowName is a new push's name (unique per laptop).
func rowName() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// changesOf is a chunk as a push carries it.
func changesOf(chunk []OutboxEntry) []syncapi.Change {
	changes := make([]syncapi.Change, len(chunk))
	for i, c := range chunk {
		changes[i] = syncapi.Change{ChangeID: c.ChangeID, Entity: c.Entity, RecordID: c.RecordID, BaseRev: c.BaseRev, Rev: c.Rev, State: c.State}
	}
	return changes
}

package syncer

import (
	"context"
	"time"

	"github.com/hin-south-london/involve/app/syncapi"
)

// flight is a group of pushes on its way to the server; done is closed once they are
// all answered, or the group failed (err).
type flight struct {
	batch    []OutboxEntry
	link     rowLink
	done     chan struct{}
	acks     pushAcks
	rejected int
	err      error
}

// pushAll pushes everything that waits now (changes made during the sync go next
// time), adding to sum. saved is the pull cursor the laptop holds after it (moved past
// its own records when the answers allowed: ownRange); refused is a quota's refusal
// (nothing more was sent, the pull still runs).
func (e *Engine) pushAll(ctx context.Context, set Settings, lim syncapi.Limits, progress func(Progress), sum *Summary) (saved string, refused, err error) {
	upTo, err := e.db.MaxOutboxSeq(ctx)
	if err != nil {
		return "", nil, err
	}
	total, _, _, err := e.db.SyncCounts(ctx)
	if err != nil {
		return "", nil, err
	}
	var after int64
	if total > 0 {
		e.setProgress(Progress{Phase: PhasePush, Total: total}, progress)
	}
	// Entries are taken a group at a time (groupSize). While a group is on its way to
	// the server, the answers to the one before are recorded, in the transaction that
	// takes the group after (ackAndTake): the laptop's database work overlaps the
	// server's, with one commit per group. The take stops before any record of the
	// group in flight, so every answer is recorded before a later change of its record
	// is sent, as if the groups went one after the other. To a server that takes pushes
	// in a row, the group taken goes at once, in a row after the last push of the one
	// in flight (pushrow.go, rowLink): the server decodes it while it writes the one
	// before, and its writer need not wait for the laptop between groups.
	// While the server is busy, a group is one push of the Batch it asked for.
	group := func() int {
		if n, busy := e.pushSize(lim); busy {
			return n
		}
		return groupSize(lim.MaxBatch)
	}
	// The first push of a sync is small and goes alone: its answer says whether the
	// server takes pushes in a row and whether it is busy (heed), before the next is
	// taken.
	e.asked.Store(0)
	cur, err := takePushBatch(ctx, e.db, after, upTo, min(syncapi.FirstPushBatch, lim.MaxBatch))
	if err != nil {
		return "", nil, err
	}
	var prev pushAcks // answered, not recorded yet
	record := func(a pushAcks, t PushTally) {
		sum.Push.Add(t)
		sum.Pushed += len(a.sent) - t.Unanswered
	}
	// The pull cursor the answers may move (ownRange): own is where the answers so far
	// lead, saved what the laptop holds as its cursor.
	own := ownRange{cursor: set.Cursor, ok: true}
	saved = set.Cursor
	e.pulledAt = set.Cursor // (one sync at a time: set before any push of this one)
	e.rows.Store(false)     // until this sync's first answer says so
	// send sends a group (in a row after the push named after, if any, which is the
	// last of the group before, still on its way).
	send := func(batch []OutboxEntry, after string, before *flight) *flight {
		f := &flight{batch: batch, link: newRowLink(after, before), done: make(chan struct{})}
		go func() {
			defer close(f.done)
			var chunks [][]OutboxEntry
			for i := 0; i < len(batch); i += lim.MaxBatch {
				chunks = append(chunks, splitBySize(batch[i:min(i+lim.MaxBatch, len(batch))], lim.MaxBodyBytes)...)
			}
			f.err = e.pushChunks(ctx, chunks, &f.rejected, &f.acks, f.link, lim) // pushrow.go
		}()
		return f
	}
	// wait takes a group's answers, and where they lead the pull cursor.
	wait := func(f *flight) *flight {
		<-f.done
		// done, its group need not reach the one before any more: without this each
		// group held the one before, and a push held every group it had sent, with
		// their states and answers (some 2 KB a record, 200 MB for 100 000)
		f.link.before = nil
		sum.Push.Rejected += f.rejected
		f.acks.follow(own)
		own = f.acks.own
		return f
	}
	var inFlight *flight
	if len(cur) > 0 {
		after = cur[len(cur)-1].Seq
		inFlight = send(cur, "", nil)
	}
	for first := true; inFlight != nil || len(prev.sent) > 0; first = false {
		if first && inFlight != nil {
			<-inFlight.done // the first push's answer says how large the next are (heed)
		}
		var move *cursorMove
		if prev.own.ok && prev.own.cursor != saved {
			move = &cursorMove{from: saved, to: prev.own.cursor}
		}
		var busy []OutboxEntry
		if inFlight != nil {
			busy = inFlight.batch
		}
		t, next, err := ackAndTake(ctx, e.db, prev.sent, prev.results, move, after, upTo, group(), busy)
		// The next group goes at once, while the one in flight is still on its way, in
		// a row after its last push: the server decodes it while it writes the one before
		// and applies it after that one. A group in flight whose last push went alone (a
		// server that does not take pushes in a row) is answered first.
		var next2 *flight
		if err == nil && len(next) > 0 && inFlight != nil {
			if last := <-inFlight.link.last; last != "" {
				after = next[len(next)-1].Seq
				next2 = send(next, last, inFlight)
			}
		}
		a := &flight{} // nothing on its way: no answers
		if inFlight != nil {
			a = wait(inFlight)
		}
		if err == nil {
			record(prev, t)
			prev = pushAcks{}
			if move != nil {
				if move.done {
					saved = move.to
				} else {
					own.ok = false // the cursor moved meanwhile (another sync): pull as usual
				}
			}
		}
		if err != nil || a.err != nil {
			// What was answered is recorded before the sync stops, with a context of its
			// own (a cancelled sync has these answers already); a group sent after the one
			// that failed is waited for first (its pushes came after one not applied).
			tail := []pushAcks{prev, a.acks}
			if next2 != nil {
				b := wait(next2)
				tail = append(tail, b.acks)
				if a.err == nil {
					a.err = b.err
				}
			}
			for _, acks := range tail {
				if len(acks.sent) == 0 {
					continue
				}
				actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
				t, err := ApplyPushResults(actx, e.db, acks.sent, acks.results)
				cancel()
				if err == nil {
					record(acks, t)
				}
			}
			if err != nil {
				return "", nil, err
			}
			if !IsQuota(a.err) {
				return "", nil, a.err
			}
			// Over a quota: nothing more is sent, but the team's changes still come
			// down; the sync then ends with the quota's error (quota.go).
			refused = a.err
			break
		}
		prev, inFlight = a.acks, next2
		if inFlight == nil && len(next) > 0 {
			after = next[len(next)-1].Seq
			inFlight = send(next, "", nil)
		}
		e.setProgress(Progress{Phase: PhasePush, Done: min(sum.Pushed, total), Total: max(total, sum.Pushed)}, progress)
	}

	return saved, refused, nil
}

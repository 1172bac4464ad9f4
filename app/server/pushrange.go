package server

import (
	"context"
	"strconv"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// A push's answer names the run of sequence numbers it took when its results hold
// everything a pull of that run would bring (docs/sync-protocol.md, "Push"): the
// pushing laptop then moves its cursor past its own records instead of pulling them
// back.

// seqRange is what a push's transaction stored, by sequence number: the first and
// last numbers its records took, how many records it stored, and how many of those
// no result of the push carries (conflict records the server made).
type seqRange struct {
	first, last  int64
	puts, others int
}

func (r *seqRange) add(seq int64, answered bool) {
	if r.puts == 0 || seq < r.first {
		r.first = seq
	}
	r.last = max(r.last, seq)
	r.puts++
	if !answered {
		r.others++
	}
}

// cursors are the push answer's Since and Cursor: set when every change a pull would
// list after the team's sequence number before the push, up to the last one the push
// took, is one of its results with everything the laptop needs to hold the record as
// stored (docs/sync-protocol.md, "Push"). A push that erased, made a conflict record,
// or whose numbers are not one run (something else took numbers meanwhile) gives
// neither, and so does an answer of a kind the laptop would have to pull.
func (r seqRange) cursors(erased bool, results []syncapi.Result) (since, cursor string) {
	if r.puts == 0 || r.others > 0 || erased || r.last-r.first+1 != int64(r.puts) {
		return "", ""
	}
	for i := range results {
		switch res := &results[i]; res.Status {
		case syncapi.StatusApplied:
			if res.UpdatedAt == "" && len(res.State) == 0 {
				return "", ""
			}
		case syncapi.StatusMerged:
			if len(res.State) == 0 {
				return "", ""
			}
		case syncapi.StatusDuplicate, syncapi.StatusRejected:
		default:
			return "", ""
		}
	}
	return strconv.FormatInt(r.first-1, 10), strconv.FormatInt(r.last, 10)
}

// put stores a record and its revision.
func (p *pusher) put(ctx context.Context, rec *serverstore.Record, changeID string) error {
	return p.putAs(ctx, rec, changeID, true)
}

// putAs is put; answered says whether the push's result of the change carries the
// record as stored (false: a conflict record the server makes).
func (p *pusher) putAs(ctx context.Context, rec *serverstore.Record, changeID string, answered bool) error {
	if err := p.tx.PutRecord(ctx, rec); err != nil {
		return err
	}
	p.seqs.add(rec.Seq, answered)
	return p.tx.AddRevision(ctx, serverstore.Revision{TeamID: p.team, Entity: rec.Entity, RecordID: rec.ID, Rev: rec.Rev,
		State: rec.State, DeviceID: rec.DeviceID, ChangeID: changeID, CreatedAt: p.now})
}

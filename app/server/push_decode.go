package server

import (
	"runtime"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// DecodePush turns a push body into its changes. An error is for the whole request
// (malformed JSON, unknown fields in the envelope, more than maxBatch changes); a
// change that is wrong on its own (unknown entity, invalid state, unknown state
// fields, state id not the record id…) comes back with Reject set, to be answered
// "rejected" without affecting the others.
//
// States are judged with key, the device's team key (syncapi.DecodeState): a sealed
// field must hold a value sealed with it.
func DecodePush(body []byte, maxBatch int, key *lockbox.TeamKey) ([]PushChange, error) {
	return decodePush(body, maxBatch, key, nil, readFast)
}

// DecodePushAs is DecodePush for a device of role: the state of a change of a kind the
// role may not hold at all (a capture laptop's partner, consent record or time entry)
// is not decoded nor its sealed values judged. The role's refusal is its answer
// (EFORBIDDEN, before any other: roleRefusal), whatever the state holds, plain values
// included. (A conflict record is decoded: what it is about decides.)
func DecodePushAs(body []byte, maxBatch int, key *lockbox.TeamKey, role involve.Roles) ([]PushChange, error) {
	return decodePush(body, maxBatch, key, func(entity string) bool {
		_, known := involve.KindOf(entity)
		return known && entity != involve.EntityConflict && !involve.MayHold(role, entity, "")
	}, readFast)
}

// decodePush is DecodePush; refused (nil: none) says which kinds are refused to the
// device without decoding their state; read is readFast (tests compare it with a read
// that takes nothing: syncapi's strict decoding of every state).
func decodePush(body []byte, maxBatch int, key *lockbox.TeamKey, refused func(entity string) bool, read func(*syncapi.Change) any) ([]PushChange, error) {
	// The usual body takes the fast path (one pass, states not copied); anything else
	// (errors included) is decoded by encoding/json, whose messages the client sees.
	changes, ok := syncwire.DecodePushRequest(body)
	if !ok {
		var req syncapi.PushRequest
		if err := decodeStrict(body, &req); err != nil {
			return nil, err
		}
		changes = req.Changes
	}
	if len(changes) > maxBatch {
		return nil, errorf(syncapi.ETOOLARGE, "A push may carry at most %d changes; this one has %d. Send them in smaller batches.",
			maxBatch, len(changes))
	}
	out := make([]PushChange, len(changes))
	inParallel(len(out), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := &out[i]
			c.Change = changes[i]
			if refused != nil && refused(c.Entity) {
				c.roleRefused = true
				continue
			}
			rec, meta, err := syncapi.CheckChangeRead(&c.Change, key, read(&c.Change))
			switch {
			case err != nil:
				c.Reject = errorf(syncapi.EINVALID, "%s", err)
			case c.Rev >= MaxRev || c.BaseRev >= MaxRev:
				c.Reject = errorf(syncapi.EINVALID, "rev and baseRev must be below %d", int64(MaxRev))
			default:
				c.Record, c.Meta, c.sentUpdatedAt = rec, meta, meta.UpdatedAt
				if con, ok := rec.(*involve.Contributor); ok {
					c.sentNumber = con.Number
				}
			}
		}
	})
	return out, nil
}

// readFast reads a feedback item's state of the usual form without reflection
// (syncwire.DecodeFeedback: what encoding/json's strict decoding would read; issue 17),
// for syncapi.CheckChangeRead; nil for anything else, which CheckChangeRead decodes.
func readFast(c *syncapi.Change) any {
	if c.Entity != involve.EntityFeedback {
		return nil
	}
	f := new(involve.Feedback)
	if !syncwire.DecodeFeedback(c.State, f) {
		return nil
	}
	return f
}

// inParallel runs fn over [0, n) in chunks, on every core when n is large enough to be
// worth it (decoding and validating states is most of a push's CPU).
func inParallel(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/128)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += per {
		wg.Add(1)
		go func(lo, hi int) { defer wg.Done(); fn(lo, hi) }(lo, min(lo+per, n))
	}
	wg.Wait()
}

package syncer

import (
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

// A laptop's first pull: feedback items taken to be new (issue 17, the first pull,
// round 3; docs/decisions.md).
//
// A transaction of several pages (applyPages: a laptop pulling from the beginning)
// skips the lookups of sync bases and local rows (Tx.Bases, Tx.Local) for the feedback
// items it has not met yet in the transaction: it takes them to be new (Tx.AssumeNew).
// Nothing is taken on trust: at Flush the store writes their sync bases and rows with
// inserts that do nothing where one exists, and one that did nothing fails the Flush
// with ErrNotNew; the transaction is rolled back and its pages applied again with every
// lookup, as before. So each record's claim is checked by SQLite itself, in the same
// transaction, whatever happened between the pull's transactions (an import, an edit).
//
// Taken to be new, a record's decision is the one the lookups would give when they
// find nothing: its base is written, it is kept when a change of it waits (Waiting is
// still asked for every record), parked when its session is missing, else written as
// new. A base or row that was there at the page's lookup is still there at its Flush:
// nothing in a page deletes a feedback item's base or row before the Flush (the purged
// list is applied after it; an erasure deletes conflicts and their bases only).

// ErrNotNew is what Flush returns when a pulled record taken to be new (Tx.AssumeNew)
// had a sync base or a row: the transaction is to be rolled back and applied again
// with the lookups.
var ErrNotNew = errors.New("sync: a pulled record taken to be new was on this laptop")

// newKeys tells which records of a transaction's pages may be taken to be new: the
// feedback items not met in an earlier page of the transaction (a record met twice
// would find its own base written then).
type newKeys struct{ seen map[Key]bool }

// assume reports whether the page's record p may be taken to be new, and notes it as
// met.
func (n *newKeys) assume(p *pulled) bool {
	if n == nil {
		return false
	}
	k := Key{p.c.Entity, p.c.RecordID}
	if n.seen[k] {
		return false
	}
	if n.seen == nil {
		n.seen = map[Key]bool{}
	}
	n.seen[k] = true
	_, fb := p.rec.(*involve.Feedback)
	return fb && p.err == nil
}

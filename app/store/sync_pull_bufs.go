package store

// A first pull flushes a page's sync bases and feedback items some twenty times over:
// Flush's slices (the statements' arguments, the rows parted into those taken to be
// new and the others) are kept in the transaction from one Flush to the next instead
// of being made anew each time (issue 17, the first pull's allocations, round 4: 70 MB
// of 100 000 records). What they held is cleared when they are given back, so that
// they keep no record or state alive.

// flushBufs are a transaction's reusable slices for Flush.
type flushBufs struct {
	args             []any
	known, fresh     []baseRow
	fbKnown, fbFresh []fbRow
}

// takeArgs is an empty argument list with room for n, the one kept if it has room; it
// is the caller's until given back with keepArgs.
func (b *flushBufs) takeArgs(n int) []any {
	args := b.args
	b.args = nil
	if cap(args) < n {
		return make([]any, 0, n)
	}
	return args[:0]
}

// keepArgs gives back an argument list once its statement has run.
func (b *flushBufs) keepArgs(args []any) {
	clear(args)
	b.args = args[:0]
}

// keepBases gives back the parted sync bases once they are written.
func (b *flushBufs) keepBases(known, fresh []baseRow) {
	clear(known)
	clear(fresh)
	b.known, b.fresh = known[:0], fresh[:0]
}

// keepFeedback gives back the parted feedback items once they are written.
func (b *flushBufs) keepFeedback(known, fresh []fbRow) {
	clear(known)
	clear(fresh)
	b.fbKnown, b.fbFresh = known[:0], fresh[:0]
}

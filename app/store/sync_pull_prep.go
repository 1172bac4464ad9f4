package store

import (
	"bytes"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// What a pulled feedback item's writing needs that depends on nothing but the item and
// the state it came as (syncer.Preparer): its statement's arguments and whether its
// state reads back from its row (a light sync base). Prepare works it out as the page
// is decoded, on the goroutine that fetches and decodes pages ahead of the one that
// writes them, which is a first pull's critical path (issue 17, the first pull, round
// 4). Used only when nothing changed the item since: no erasure held (an erasure
// rewrites what it covers, erasure_sync.go), and for the state it was worked out for.

var (
	_ syncer.Preparer       = (*DB)(nil)
	_ syncer.PreparedPutter = (*syncTx)(nil)
)

// feedbackPrep is what Prepare worked out for a feedback item.
type feedbackPrep struct {
	args      []any  // feedbackArgs
	state     []byte // the state it was decoded from
	readsBack bool   // readsBack(item, state)
}

// Prepare works out a pulled feedback item's arguments and light base check (nil for
// other records).
func (db *DB) Prepare(rec any, state []byte) any {
	f, ok := rec.(*involve.Feedback)
	if !ok {
		return nil
	}
	return &feedbackPrep{args: feedbackArgs(f), state: state, readsBack: readsBack(f, state)}
}

// PutPrepared is PutPulled with what Prepare worked out for rec.
func (t *syncTx) PutPrepared(rec any, isNew bool, prep any) error {
	t.prep, _ = prep.(*feedbackPrep)
	defer func() { t.prep = nil }()
	return t.PutPulled(rec, isNew)
}

// prepFor is what was prepared for the feedback item PutPulled writes, if it still
// holds: nil when an erasure is held (it may have changed the item).
func (t *syncTx) prepFor() *feedbackPrep {
	if t.prep == nil || !t.erasures.loaded || len(t.erasures.list) > 0 {
		return nil
	}
	return t.prep
}

// readsBackAs is readsBack(rec, state), from p when it was worked out for that state.
func readsBackAs(p *feedbackPrep, rec any, state []byte) bool {
	if p != nil && bytes.Equal(p.state, state) {
		return p.readsBack
	}
	return readsBack(rec, state)
}

// argsOf is feedbackArgs of a row to write, appended to args: as prepared, if it was.
func argsOf(args []any, r fbRow) []any {
	if r.args != nil {
		return append(args, r.args...)
	}
	return append(args, feedbackArgs(r.f)...)
}

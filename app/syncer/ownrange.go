package syncer

import "github.com/hin-south-london/involve/app/syncapi"

// pushAcks are entries sent and the server's answers to them, to be recorded, and
// where the answers lead the pull cursor.
type pushAcks struct {
	sent    []OutboxEntry
	results []syncapi.Result
	answers []ownStep // what each answer says of the pull cursor, in the order sent
	own     ownRange  // where the answers lead (follow: once the groups before are followed)
}

// ownStep is what a push answer says of the pull cursor (ownRange.follow).
type ownStep struct {
	since, cursor string
	known         bool // every result's status is one this version knows
}

// keep records the answer to a push of chunk.
func (a *pushAcks) keep(chunk []OutboxEntry, resp *syncapi.PushResponse) {
	a.sent = append(a.sent, chunk...)
	a.results = append(a.results, resp.Results...)
	step := ownStep{since: resp.Since, cursor: resp.Cursor, known: true}
	for i := range resp.Results {
		switch resp.Results[i].Status {
		case syncapi.StatusApplied, syncapi.StatusMerged, syncapi.StatusDuplicate, syncapi.StatusRejected:
		default:
			step.known = false // a status this version does not know: its record comes in the pull
		}
	}
	a.answers = append(a.answers, step)
}

// follow sets a.own to where the answers lead from own (where the groups before led).
func (a *pushAcks) follow(own ownRange) {
	for _, st := range a.answers {
		own.follow(st)
	}
	a.own = own
}

// ownRange follows the pull cursor through a sync's push answers. A push answer
// with since and cursor says that every change after since up to cursor is one of its
// results, complete with the server's stamps (docs/sync-protocol.md): a laptop whose
// cursor is since holds, once the results are recorded, everything a pull up to cursor
// would bring, so it saves cursor with them and does not pull its own records back.
// ok turns false for good at the first answer that does not continue the run.
type ownRange struct {
	cursor string
	ok     bool
}

// follow moves the range on by one push answer.
func (o *ownRange) follow(st ownStep) {
	if !o.ok {
		return
	}
	if st.cursor == "" || !sameCursor(o.cursor, st.since) || !st.known {
		o.ok = false
		return
	}
	o.cursor = st.cursor
}

// sameCursor compares two cursors; "" (never pulled) is "0", the server's first
// (docs/sync-protocol.md, pull: since is empty or 0 at first).
func sameCursor(a, b string) bool {
	if a == "" {
		a = "0"
	}
	if b == "" {
		b = "0"
	}
	return a == b
}

// cursorMove is a move of the saved pull cursor recorded with push answers; done says
// whether it was (the cursor saved was still from).
type cursorMove struct {
	from, to string
	done     bool
}

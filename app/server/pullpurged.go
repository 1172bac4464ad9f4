package server

import (
	"context"
	"encoding/json"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// pagePurged completes a pull page with the records purged (purge.go) whose tombstone
// had a sequence number in the page's range, and says the page's cursor and more.
// The page's records (after since, the last at seq last; full when the page holds
// limit of them) were read first: a purge removes a record and keeps its id in one
// transaction, so a record the page's read missed because it was purged is in the
// purged list read after it.
//
//   - A full page covers (since, last]: the purged records in it are sent, and the
//     cursor is last.
//   - The last page covers everything after since: every purged record after it is
//     sent, and the cursor moves to the last of them when that is after last (so that
//     the next pull does not list them again), unless a record was written after last
//     meanwhile (then the cursor stays at last, and more is true).
//   - At most limit purged records go in a page: when there are more, the cursor is the
//     last one sent and more is true (records of the page after it come again in the
//     next page, which is harmless).
//
// Only the purged records the device's role may hold are listed (a conflict's says
// nothing of what it was about); the cursor moves past the others all the same.
func (s *Server) pagePurged(ctx context.Context, dev serverstore.Device, since, last int64, full bool, limit int) ([]syncapi.PurgedRecord, int64, bool, error) {
	p, ok := s.store.(serverstore.Purger)
	if !ok {
		return nil, last, full, nil
	}
	list, err := p.PurgedAfter(ctx, dev.TeamID, since, limit+1)
	if err != nil {
		return nil, 0, false, err
	}
	if full {
		n := 0
		for n < len(list) && list[n].Seq <= last {
			n++
		}
		list = list[:n]
	}
	cursor, more := last, full
	switch {
	case len(list) > limit:
		list = list[:limit]
		cursor, more = list[limit-1].Seq, true
	case !full && len(list) > 0 && list[len(list)-1].Seq > last:
		// Nothing may lie between last and the purged records passed over.
		next, err := s.store.Pull(ctx, dev.TeamID, last, 1)
		if err != nil {
			return nil, 0, false, err
		}
		if len(next) > 0 && next[0].Seq <= list[len(list)-1].Seq {
			more = true
		} else {
			cursor = list[len(list)-1].Seq
		}
	}
	hold := filterFor(dev)
	out := make([]syncapi.PurgedRecord, 0, len(list))
	for _, r := range list {
		if hold.all || r.Entity == involve.EntityConflict || hold.holds[r.Entity] {
			out = append(out, syncapi.PurgedRecord{Entity: r.Entity, RecordID: r.ID})
		}
	}
	return out, cursor, more, nil
}

// appendPurged adds the purged list to a page written by syncwire.PageWriter (which
// ends with its closing brace), as json.Marshal of a PullResponse would write it.
func appendPurged(body []byte, list []syncapi.PurgedRecord) ([]byte, error) {
	if len(list) == 0 {
		return body, nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	body = append(body[:len(body)-1], `,"purged":`...)
	body = append(body, b...)
	return append(body, '}'), nil
}

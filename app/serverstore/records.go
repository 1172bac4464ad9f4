package serverstore

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"time"
)

// RecordsPage is how many records EachRecord asks a store for at a time.
const RecordsPage = 500

// EachRecord calls fn for each of a team's records of one entity, by id, deleted ones
// included, reading them a page at a time with Store.RecordsAfter: memory is one page
// however many records the team has, and no query stays open while fn runs. Records
// written while it runs may or may not be seen (each page is its own snapshot). An
// error from fn stops it and is returned.
func EachRecord(ctx context.Context, st Store, teamID, entity string, fn func(Record) error) error {
	after := ""
	for {
		page, err := st.RecordsAfter(ctx, teamID, entity, after, RecordsPage)
		if err != nil {
			return err
		}
		for _, r := range page {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(page) < RecordsPage {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

// OverlayRecords is what a transaction's EntityRecords returns: the stored records of
// entity (by id) with the transaction's own records (mine, by id, not yet written)
// over them, and those of entity it adds; the result is by id.
func OverlayRecords(stored []Record, mine map[string]*Record, entity string) []Record {
	seen := make(map[string]bool, len(stored))
	for i := range stored {
		if r, ok := mine[stored[i].ID]; ok {
			stored[i] = *r
		}
		seen[stored[i].ID] = true
	}
	added := false
	for id, r := range mine {
		if r.Entity == entity && !seen[id] {
			stored, added = append(stored, *r), true
		}
	}
	if added {
		slices.SortFunc(stored, func(a, b Record) int { return strings.Compare(a.ID, b.ID) })
	}
	return stored
}

// RowRevisions says, for the records a transaction is about to write (recs, by id),
// which of its revisions (revs, in the order made) their rows stand for: a record's
// last revision when the record is new to the store (fresh) and the revision is the
// record as put, field for field. skip is by index in revs; changeOf gives the change
// id by record id. Both stores keep a new record's first state once this way
// (docs/decisions.md, "a new record's first state stored once").
func RowRevisions(revs []Revision, recs map[string]*Record, fresh map[string]bool) (skip []bool, changeOf map[string]string) {
	skip = make([]bool, len(revs))
	changeOf = map[string]string{}
	seen := make(map[string]bool, len(recs))
	for i := len(revs) - 1; i >= 0; i-- {
		v := &revs[i]
		if seen[v.RecordID] {
			continue
		}
		seen[v.RecordID] = true // only a record's last revision
		if r, ok := recs[v.RecordID]; ok && fresh[v.RecordID] && sameRevision(r, v) {
			skip[i], changeOf[v.RecordID] = true, v.ChangeID
		}
	}
	return skip, changeOf
}

// sameRevision says whether the revision v is the record r as stored (times as kept).
func sameRevision(r *Record, v *Revision) bool {
	return r.TeamID == v.TeamID && r.Entity == v.Entity && r.Rev == v.Rev && r.DeviceID == v.DeviceID &&
		r.UpdatedAt.Equal(v.CreatedAt.UTC().Truncate(time.Microsecond)) && bytes.Equal(r.State, v.State)
}

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

// BulkEntity is the kind of record nearly every record of a team is (involve's
// feedback items: app/server checks that they are the same). The stores leave it out of
// their index by entity and page through it by the records' key (RecordsAfter): a push
// of many with random ids then writes one index fewer.
const BulkEntity = "feedback"

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

// Fresh is what a store's write transaction knows of which records are new to the
// store: a new record's row stands for its first revision, so that its first state is
// stored once (both stores; docs/decisions.md, "a new record's first state stored
// once"). The zero value knows nothing.
type Fresh struct {
	absent map[string]bool // ids the team has no stored record with (a look-up found none)
	fresh  map[string]bool // records put, by whether they were absent at their first put
}

// MarkAbsent notes that the team has no stored record with id.
func (f *Fresh) MarkAbsent(id string) {
	if f.absent == nil {
		f.absent = map[string]bool{}
	}
	f.absent[id] = true
}

// MarkPut notes a record's first put in the transaction: it is new if it was absent.
func (f *Fresh) MarkPut(id string) {
	if f.fresh == nil {
		f.fresh = map[string]bool{}
	}
	f.fresh[id] = f.absent[id]
}

// Stored lists the ids among put (records put in the transaction) that are not new:
// their stored rows may stand for a revision, to be kept before the rows are replaced.
func (f *Fresh) Stored(put []string) []string {
	var ids []string
	for _, id := range put {
		if !f.fresh[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// RowRevisions says, for the records a transaction is about to write (recs, by id),
// which of its revisions (revs, in the order made) their rows stand for: a record's
// last revision when the record is new to the store and the revision is the record as
// put, field for field. skip is by index in revs; changeOf gives the change id by
// record id.
func (f *Fresh) RowRevisions(revs []Revision, recs map[string]*Record) (skip []bool, changeOf map[string]string) {
	skip = make([]bool, len(revs))
	changeOf = map[string]string{}
	seen := make(map[string]bool, len(recs))
	for i := len(revs) - 1; i >= 0; i-- {
		v := &revs[i]
		if seen[v.RecordID] {
			continue
		}
		seen[v.RecordID] = true // only a record's last revision
		if r, ok := recs[v.RecordID]; ok && f.fresh[v.RecordID] && sameRevision(r, v) {
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

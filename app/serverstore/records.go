package serverstore

import (
	"context"
	"slices"
	"strings"
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

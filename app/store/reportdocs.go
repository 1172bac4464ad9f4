package store

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

var _ report.DocSource = (*DB)(nil)

// Docs implements report.DocSource: the live docs of one kind (tallies, attendee
// profiles, actions, outcomes, contributors, time entries), oldest first, read on the
// read pool. The report decides which of them its filter covers.
//
// Reports use pseudonyms and no sealed field, so records of the kinds with sealed
// fields come with those fields empty: not opened (a report works while Involve is
// locked) and never as tokens (no report can show one).
func (db *DB) Docs(ctx context.Context, entity string, fn func(involve.Doc) error) error {
	if !involve.HasSealedFields(entity) {
		return db.EachDoc(ctx, entity, "", false, fn)
	}
	return eachDoc(ctx, db.reader, entity, "", false, func(d involve.Doc) error {
		redact(d)
		return fn(d)
	})
}

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
func (db *DB) Docs(ctx context.Context, entity string, fn func(involve.Doc) error) error {
	return db.EachDoc(ctx, entity, "", false, fn)
}

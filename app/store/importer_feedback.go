package store

import "github.com/hin-south-london/involve/app/involve"

// New feedback items (an import's, a first pull's) are mostly alike in the columns a
// file seldom sets: not deleted, no consent to quote, no response needed, no answers,
// made by whoever captured them (every line of the data set). Such an item is inserted
// through insertPlainFeedbackSQL, which writes those columns as constants or repeats
// of the item's other values, binding 15 values instead of 20:
// binding and boxing the values was a third of the insert's CPU (issue 17, round 4).
// The row written is the same as insertNewFeedbackSQL's (importer_raw.go runs both).

// insertPlainFeedbackSQL is insertNewFeedbackSQL for a plain item (plainFeedback).
const insertPlainFeedbackSQL = `INSERT INTO feedback(id, session_id, source, text, rating, themes, quote_consent, needs_response,
	age_band, ethnic_group, borough, captured_by, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id,
	answered)
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8, ?9, ?10, ?11, ?12, ?10, ?13, ?14, NULL, ?15, 0)
	ON CONFLICT(id) DO NOTHING`

// plainFeedback reports whether insertPlainFeedbackSQL writes f's row as
// insertNewFeedbackSQL would.
func plainFeedback(f *involve.Feedback) bool {
	return !f.QuoteConsent && !f.NeedsResponse && !f.Answered && f.DeletedAt == "" && f.CreatedBy == f.CapturedBy
}

// insertNew inserts f unless its id exists, saying whether it did.
func (im *Importer) insertNew(f *involve.Feedback) (inserted bool, pk int64, err error) {
	return im.raw.insert(f, nil, false) // importer_raw.go
}

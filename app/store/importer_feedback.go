package store

import "github.com/hin-south-london/involve/app/involve"

// An import's new feedback items are mostly alike in the columns a file seldom sets:
// not deleted, no team yet, no consent to quote, no response needed, no answers, last
// changed when made, by whoever captured them (every line of the data set). Such an
// item is inserted through insertPlainFeedbackSQL, which writes those columns as
// constants or repeats of the item's other values, binding 13 values instead of 20:
// binding and boxing the values was a third of the insert's CPU (issue 17, round 4).
// The row written is the same as insertNewFeedbackSQL's.

// insertPlainFeedbackSQL is insertNewFeedbackSQL for a plain item (plainFeedback).
const insertPlainFeedbackSQL = `INSERT INTO feedback(id, session_id, source, text, rating, themes, quote_consent, needs_response,
	age_band, ethnic_group, borough, captured_by, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id,
	answered)
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8, ?9, ?10, ?11, ?11, ?10, ?12, ?13, NULL, '', 0)
	ON CONFLICT(id) DO NOTHING`

// plainFeedback reports whether insertPlainFeedbackSQL writes f's row as
// insertNewFeedbackSQL would.
func plainFeedback(f *involve.Feedback) bool {
	return !f.QuoteConsent && !f.NeedsResponse && !f.Answered && f.DeletedAt == "" && f.TeamID == "" &&
		f.UpdatedAt == f.CreatedAt && f.CreatedBy == f.CapturedBy
}

// insertNew inserts f unless its id exists, saying whether it did.
func (im *Importer) insertNew(f *involve.Feedback) (inserted bool, pk int64, err error) {
	if plainFeedback(f) {
		return im.raw.insert(f) // importer_raw.go
	}
	res, err := im.newFb.ExecContext(im.ctx, feedbackArgs(f)...)
	if err != nil {
		return false, 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return false, 0, err
	}
	pk, err = res.LastInsertId()
	return err == nil, pk, err
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

const feedbackCols = `f.id, f.session_id, f.source, f.text, f.rating, f.themes, f.quote_consent, f.needs_response,
	f.age_band, f.ethnic_group, f.borough, f.captured_by, f.created_at, f.updated_at, f.created_by, f.device_id,
	f.rev, coalesce(f.deleted_at, ''), f.team_id, f.answered`

func scanFeedback(sc scanner) (involve.Feedback, error) {
	var f involve.Feedback
	var rating sql.NullInt64
	var themes string
	if err := sc.Scan(&f.ID, &f.SessionID, &f.Source, &f.Text, &rating, &themes, &f.QuoteConsent, &f.NeedsResponse,
		&f.AgeBand, &f.EthnicGroup, &f.Borough, &f.CapturedBy, &f.CreatedAt, &f.UpdatedAt, &f.CreatedBy, &f.DeviceID,
		&f.Rev, &f.DeletedAt, &f.TeamID, &f.Answered); err != nil {
		return f, err
	}
	if rating.Valid {
		r := int(rating.Int64)
		f.Rating = &r
	}
	f.Themes = decodeCodes(themes)
	return f, nil
}

const putFeedbackSQL = `INSERT INTO feedback(id, session_id, source, text, rating, themes, quote_consent, needs_response,
	age_band, ethnic_group, borough, captured_by, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id,
	answered)
	VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
	ON CONFLICT(id) DO UPDATE SET session_id=excluded.session_id, source=excluded.source, text=excluded.text,
	rating=excluded.rating, themes=excluded.themes, quote_consent=excluded.quote_consent,
	needs_response=excluded.needs_response, age_band=excluded.age_band, ethnic_group=excluded.ethnic_group,
	borough=excluded.borough, captured_by=excluded.captured_by, created_at=excluded.created_at,
	updated_at=excluded.updated_at, created_by=excluded.created_by, device_id=excluded.device_id, rev=excluded.rev,
	deleted_at=excluded.deleted_at, team_id=excluded.team_id, answered=excluded.answered
	RETURNING pk`

// insertNewFeedbackSQL inserts a feedback item unless its id exists (no row changed).
// It has no RETURNING clause: the result's rows affected and last insert id say the
// same, and RETURNING made each insert three times as costly (issue 17: 3.5 s against
// 1.3 s of CPU for 100 000 rows, docs/benchmarks.md).
var insertNewFeedbackSQL = putFeedbackSQL[:strings.Index(putFeedbackSQL, "ON CONFLICT")] + "ON CONFLICT(id) DO NOTHING"

func feedbackArgs(f *involve.Feedback) []any {
	var rating any
	if f.Rating != nil {
		rating = *f.Rating
	}
	return []any{f.ID, f.SessionID, f.Source, f.Text, rating, codes(f.Themes), f.QuoteConsent, f.NeedsResponse,
		f.AgeBand, f.EthnicGroup, f.Borough, f.CapturedBy, f.CreatedAt, f.UpdatedAt, f.CreatedBy, f.DeviceID,
		f.Rev, nullIfEmpty(f.DeletedAt), f.TeamID, f.Answered}
}

// putFeedback writes a feedback item's full state and its search index row.
func putFeedback(ctx context.Context, tx *sql.Tx, f *involve.Feedback) error {
	if err := freezeLight(ctx, tx, involve.EntityFeedback, f.ID); err != nil { // outbox_light.go
		return err
	}
	old, err := unindexedWords(ctx, tx, feedbackSource, f.ID) // before the row changes (search.go)
	if err != nil {
		return err
	}
	var pk int64
	if err := tx.QueryRowContext(ctx, putFeedbackSQL, feedbackArgs(f)...).Scan(&pk); err != nil {
		return err
	}
	return indexRow(ctx, tx, old, feedbackRow(pk), f.DeletedAt != "", "", f.Text)
}

var errFeedbackNotFound = involve.Errorf(involve.ENOTFOUND, "That feedback could not be found. It may have been deleted.")

func findFeedback(ctx context.Context, q queryer, id string, withDeleted bool) (involve.Feedback, error) {
	f, err := scanFeedback(q.QueryRowContext(ctx, `SELECT `+feedbackCols+` FROM feedback f
		WHERE f.id = ? AND (? OR f.deleted_at IS NULL)`, id, withDeleted))
	if errors.Is(err, sql.ErrNoRows) {
		return f, errFeedbackNotFound
	}
	return f, err
}

// FindFeedbackByID returns a live feedback item.
func (db *DB) FindFeedbackByID(ctx context.Context, id string) (involve.Feedback, error) {
	return findFeedback(ctx, db.reader, id, false)
}

// FindFeedback lists a session's live feedback, newest first.
func (db *DB) FindFeedback(ctx context.Context, sessionID string) ([]involve.Feedback, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+feedbackCols+` FROM feedback f
		WHERE f.session_id = ? AND f.deleted_at IS NULL ORDER BY f.created_at DESC, f.pk DESC`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.Feedback{}
	for rows.Next() {
		f, err := scanFeedback(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// checkFeedbackRefs makes sure the session is live and every theme exists.
func checkFeedbackRefs(ctx context.Context, tx *sql.Tx, in *involve.FeedbackInput) error {
	var p involve.Problems
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM sessions WHERE id = ? AND deleted_at IS NULL", in.SessionID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		p.Add("sessionId", "Select a session: the one given no longer exists")
	} else if err != nil {
		return err
	}
	if len(in.Themes) > 0 {
		args := make([]any, len(in.Themes))
		for i, t := range in.Themes {
			args[i] = t
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM themes WHERE deleted_at IS NULL AND id IN (?"+
			strings.Repeat(",?", len(args)-1)+")", args...).Scan(&n); err != nil {
			return err
		}
		if n != len(in.Themes) {
			p.Add("themes", "Select themes from the list")
		}
	}
	return p.Err("feedback")
}

// CreateFeedback validates and durably stores a feedback item. It carries no answers
// (Answered is cleared, so the comment is needed): CreateFeedbackWithAnswers stores an
// item with its answers.
func (db *DB) CreateFeedback(ctx context.Context, in involve.FeedbackInput) (involve.Feedback, error) {
	in.Answered = false
	if err := in.Validate(); err != nil {
		return involve.Feedback{}, err
	}
	f := involve.Feedback{FeedbackInput: in}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkFeedbackRefs(ctx, tx, &in); err != nil {
			return err
		}
		now := involve.FormatTime(db.Now())
		db.stamp(&f.Meta, now)
		f.CapturedBy = f.CreatedBy
		f.Rev = db.nextRev(0)
		if err := putFeedback(ctx, tx, &f); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntityFeedback, f.ID, 0, f.Rev, f, now)
	})
	return f, err
}

func (db *DB) changeFeedback(ctx context.Context, id string, withDeleted bool, fn func(tx *sql.Tx, f *involve.Feedback, now string) error) (involve.Feedback, error) {
	var f involve.Feedback
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if f, err = findFeedback(ctx, tx, id, withDeleted); err != nil {
			return err
		}
		base := f.Rev
		now := involve.FormatTime(db.Now())
		if err := fn(tx, &f, now); err != nil {
			return err
		}
		f.UpdatedAt, f.Rev = now, db.nextRev(base)
		if err := putFeedback(ctx, tx, &f); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntityFeedback, f.ID, base, f.Rev, f, now)
	})
	return f, err
}

// UpdateFeedback saves a feedback item's edit form: loaded is the input as the form
// received it, edited what the person saved; only the fields that differ are written
// over the item's current state (see overlayEdits). A zero loaded replaces every field.
// Answered stays as stored.
func (db *DB) UpdateFeedback(ctx context.Context, id string, loaded, edited involve.FeedbackInput) (involve.Feedback, error) {
	return db.changeFeedback(ctx, id, false, func(tx *sql.Tx, f *involve.Feedback, _ string) error {
		in, err := overlayEdits(f.FeedbackInput, loaded, edited)
		if err != nil {
			return err
		}
		in.Answered = f.Answered // whether answers came with the item is not the form's to say
		if err := in.Validate(); err != nil {
			return err
		}
		f.FeedbackInput = in
		return checkFeedbackRefs(ctx, tx, &in)
	})
}

// DeleteFeedback soft-deletes a feedback item.
func (db *DB) DeleteFeedback(ctx context.Context, id string) error {
	_, err := db.changeFeedback(ctx, id, false, func(_ *sql.Tx, f *involve.Feedback, now string) error {
		f.DeletedAt = now
		return nil
	})
	return err
}

// RestoreFeedback undoes a soft delete. Feedback whose session is deleted cannot come
// back on its own: restore the session first.
func (db *DB) RestoreFeedback(ctx context.Context, id string) (involve.Feedback, error) {
	return db.changeFeedback(ctx, id, true, func(tx *sql.Tx, f *involve.Feedback, _ string) error {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM sessions WHERE id = ? AND deleted_at IS NULL", f.SessionID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return involve.Errorf(involve.ECONFLICT, "This feedback belongs to a deleted session. Restore the session first.")
		}
		f.DeletedAt = ""
		return err
	})
}

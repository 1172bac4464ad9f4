package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// A lead's "Erase this person" and "Erase this comment" (involve.Erasure;
// docs/privacy.md, "Erasure"): the erasure record is made and synced like any record,
// and applied here in the same transaction (applyErasureTx); after the commit the
// database file and every local backup made before are cleared of what was erased
// (afterErasure).

// PreviewErasure says what erasing a partner (entity "contributor") or a feedback item
// ("feedback") would destroy and keep, with the counts. Lead only; the laptop must be
// unlocked. ENOTFOUND for an unknown record, EERASED if it was erased already.
func (db *DB) PreviewErasure(ctx context.Context, entity, id string) (involve.ErasureSummary, error) {
	var s involve.ErasureSummary
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		e, err := db.prepareErasure(ctx, tx, entity, id, &s)
		if err != nil {
			return err
		}
		// what it would do, counted by doing it in a transaction that is rolled back
		a := newEraser(ctx, tx, e)
		if err := a.run(false); err != nil {
			return err
		}
		fillSummary(&s, e, a.n)
		return errPreviewDone
	})
	if errors.Is(err, errPreviewDone) {
		err = nil
	}
	if err != nil {
		return involve.ErasureSummary{}, err
	}
	s.Backups = len(localBackups(db.Dir()))
	return s, nil
}

// errPreviewDone rolls the preview's transaction back.
var errPreviewDone = errors.New("preview: roll back")

// Erase erases a partner or a feedback item: the erasure record (made by this laptop's
// user, now; synced to the server, which erases too) and, in the same transaction, the
// erasure of what this laptop holds. Then the database file is compacted so that no
// erased byte is left in it or in its WAL, and every local backup made before is
// rewritten without the erased content, or deleted where it cannot be (the result
// names them). requestID names the entry of the register of requests it answers.
func (db *DB) Erase(ctx context.Context, entity, id, requestID string) (involve.ErasureResult, error) {
	var res involve.ErasureResult
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		e, err := db.prepareErasure(ctx, w.tx, entity, id, &res.Summary)
		if err != nil {
			return err
		}
		e.RequestID = strings.TrimSpace(requestID)
		e.ErasedBy = db.UserName()
		if _, err := w.Create(e); err != nil {
			return err
		}
		n, err := applyErasureTx(ctx, w.tx, e)
		if err != nil {
			return err
		}
		fillSummary(&res.Summary, e, n)
		res.Erasure = *e
		return nil
	})
	if err != nil {
		return involve.ErasureResult{}, err
	}
	res.BackupsRewritten, res.BackupsDeleted = db.afterErasure(ctx, []*involve.Erasure{&res.Erasure})
	res.Summary.Backups = len(res.BackupsRewritten) + len(res.BackupsDeleted)
	return res, nil
}

// prepareErasure checks that this laptop may erase the record (a lead's, unlocked),
// that it exists and is not erased yet; it returns the erasure to make (its number the
// partner's) and fills the summary's title.
func (db *DB) prepareErasure(ctx context.Context, tx *sql.Tx, entity, id string, s *involve.ErasureSummary) (*involve.Erasure, error) {
	if entity != involve.EntityContributor && entity != involve.EntityFeedback {
		return nil, involve.Errorf(involve.EINVALID, "Only a Lived Experience Partner or a feedback item can be erased.")
	}
	role, name, err := localRole(ctx, tx)
	if err != nil {
		return nil, err
	}
	if role != involve.RoleLead || name == "" {
		return nil, involve.Errorf(involve.EFORBIDDEN, "Only a lead’s laptop may erase a record, and this laptop is %s. "+
			"Ask your team’s lead to erase it; nothing was erased.", enrolledAs(name))
	}
	if !db.Unlocked() {
		return nil, errLocked
	}
	if erased, err := erasureOf(ctx, tx, entity, id); err != nil {
		return nil, err
	} else if erased != nil {
		return nil, errErased(erased)
	}
	e := &involve.Erasure{SubjectEntity: entity, SubjectID: id}
	*s = involve.ErasureSummary{SubjectEntity: entity, SubjectID: id}
	if entity == involve.EntityContributor {
		d, err := db.loadRecordTx(ctx, tx, entity, id)
		if err != nil {
			return nil, err
		}
		c, ok := d.(*involve.Contributor)
		if !ok {
			return nil, involve.Errorf(involve.ENOTFOUND, "That Lived Experience Partner could not be found.")
		}
		e.Number, s.Title = c.Number, c.Title()
		return e, nil
	}
	f, err := findFeedback(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	s.Title = firstWords(f.Text, 12)
	return e, nil
}

// loadRecordTx is loadRecord, ENOTFOUND with a sentence about a partner.
func (db *DB) loadRecordTx(ctx context.Context, tx *sql.Tx, entity, id string) (any, error) {
	rec, _, err := db.loadRecord(ctx, tx, entity, id)
	if involve.ErrorCode(err) == involve.ENOTFOUND {
		return nil, involve.Errorf(involve.ENOTFOUND, "That Lived Experience Partner could not be found on this laptop.")
	}
	return rec, err
}

func fillSummary(s *involve.ErasureSummary, e *involve.Erasure, n erasureCounts) {
	s.Consents, s.TimeEntries, s.Conflicts, s.Actions = n.Consents, n.TimeEntries, n.Conflicts, n.Actions
	if e.SubjectEntity == involve.EntityContributor {
		involve.DescribeContributorErasure(s, e.Number)
	} else {
		involve.DescribeFeedbackErasure(s)
	}
}

// erasureOf returns the erasure of a record this laptop holds (nil for none).
func erasureOf(ctx context.Context, q queryer, entity, id string) (*involve.Erasure, error) {
	d, err := scanDoc(q.QueryRowContext(ctx, `SELECT `+docCols+` FROM docs d WHERE d.entity = 'erasure'
		AND d.state ->> '$.subjectEntity' = ? AND d.state ->> '$.subjectId' = ? ORDER BY d.pk LIMIT 1`, entity, id), involve.EntityErasure)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	e, _ := d.(*involve.Erasure)
	return e, nil
}

// errErased refuses a change of an erased record (involve.EERASED).
func errErased(e *involve.Erasure) error {
	what := "This comment"
	if e.SubjectEntity == involve.EntityContributor {
		what = "This Lived Experience Partner"
	}
	return involve.Errorf(involve.EERASED, "%s was erased on %s at the request of the person concerned, "+
		"and cannot be changed; nothing was saved.", what, involve.LongDate(dateOf(e.CreatedAt)))
}

// checkNotErased refuses a local change of an erased subject, or of a record of one
// (a consent record or a time entry of an erased partner): every local change passes
// through enqueue, which calls it. A change the erasure itself writes has no outbox
// entry and does not pass here.
func checkNotErased(ctx context.Context, q queryer, entity string, state any) error {
	if entity == involve.EntityErasure || entity == involve.EntityConflict {
		return nil
	}
	if f, ok := state.(involve.Feedback); ok {
		state = &f
	}
	subjectEntity, subjectID, ok := involve.ErasureSubject(state)
	if !ok || subjectID == "" {
		return nil
	}
	e, err := erasureOf(ctx, q, subjectEntity, subjectID)
	if err != nil || e == nil {
		return err
	}
	return errErased(e)
}

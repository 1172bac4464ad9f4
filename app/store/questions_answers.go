package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
)

// Answers to a session's question sets. A response is saved with a feedback item of
// the session (quick capture's or the kiosk's) in one transaction. Deleting a feedback
// item does not delete its responses: reports read only the responses of live items,
// and restoring the item brings its answers back with it.

// AskedSet is a set as a form asks it: its newest version and that version's newest
// translation in each language.
type AskedSet struct {
	Set          *involve.QuestionSet
	Translations []*involve.Translation
}

// SessionQuestions is what a session asks: the Friends and Family Test rating (unless
// the session leaves it out) and its sets, in the session's order.
type SessionQuestions struct {
	SessionID string
	FFT       bool
	Sets      []AskedSet
}

// GetSessionQuestions returns what a live session asks. Each family it names is asked
// in its newest live version (archived or not: archiving stops new sessions choosing
// it); a family with no live version is left out.
func (db *DB) GetSessionQuestions(ctx context.Context, sessionID string) (SessionQuestions, error) {
	s, err := findSession(ctx, db.reader, sessionID, false)
	if err != nil {
		return SessionQuestions{}, err
	}
	out := SessionQuestions{SessionID: s.ID, FFT: !s.NoFFT, Sets: []AskedSet{}}
	for _, family := range s.QuestionSets {
		versions, err := setsOfFamily(ctx, db.reader, family, false)
		if err != nil {
			return out, err
		}
		newest := newestSet(versions)
		if newest == nil {
			continue
		}
		trs, err := db.translationsOf(ctx, db.reader, newest.ID)
		if err != nil {
			return out, err
		}
		out.Sets = append(out.Sets, AskedSet{Set: newest, Translations: newestTranslations(trs)})
	}
	return out, nil
}

// CreateFeedbackWithAnswers stores a feedback item and its answers to the session's
// question sets in one transaction: the item (Answered when there are answers, so its
// comment may be empty), then one response per set answered. Each response must answer
// the newest live version of a set the session asks, at most one per set, and its
// answers must pass the version's rules (involve.QuestionSet.CheckAnswers; they are
// stored in the set's order). On any problem nothing is stored.
func (db *DB) CreateFeedbackWithAnswers(ctx context.Context, in involve.FeedbackInput, responses []involve.ResponseInput) (involve.Feedback, []*involve.Response, error) {
	in.Answered = len(responses) > 0
	if err := in.Validate(); err != nil {
		return involve.Feedback{}, nil, err
	}
	f := involve.Feedback{FeedbackInput: in}
	var out []*involve.Response
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkFeedbackRefs(ctx, tx, &in); err != nil {
			return err
		}
		s, err := findSession(ctx, tx, in.SessionID, false)
		if err != nil {
			return err
		}
		now := involve.FormatTime(db.Now())
		db.stamp(&f.Meta, now)
		f.CapturedBy = f.CreatedBy
		f.Rev = db.nextRev(0)
		if err := putFeedback(ctx, tx, &f); err != nil {
			return err
		}
		if err := db.enqueue(ctx, tx, involve.EntityFeedback, f.ID, 0, f.Rev, f, now); err != nil {
			return err
		}
		asked := map[string]bool{}
		for _, id := range s.QuestionSets {
			asked[id] = true
		}
		answered := map[string]bool{}
		for _, ri := range responses {
			r := &involve.Response{SessionID: s.ID, FeedbackID: f.ID, QuestionSetID: ri.QuestionSetID,
				Language: ri.Language, Answers: ri.Answers}
			if err := db.checkResponseTx(ctx, tx, r, asked, answered); err != nil {
				return err
			}
			if err := db.createDocTx(ctx, tx, r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return involve.Feedback{}, nil, err
	}
	return f, out, nil
}

// checkResponseTx checks a new response of a session that asks the families asked;
// answered collects the families answered so far.
func (db *DB) checkResponseTx(ctx context.Context, tx *sql.Tx, r *involve.Response, asked, answered map[string]bool) error {
	if err := r.Validate(); err != nil {
		return err
	}
	set, err := db.loadSet(ctx, tx, r.QuestionSetID)
	if involve.ErrorCode(err) == involve.ENOTFOUND {
		return involve.Errorf(involve.EINVALID, "The answers are to a question set that no longer exists. Nothing was saved.")
	} else if err != nil {
		return err
	}
	family := set.Family()
	if !asked[family] {
		return involve.Errorf(involve.EINVALID, "The answers are to the question set %q, which this session does not ask. Nothing was saved.", set.Name)
	}
	versions, err := setsOfFamily(ctx, tx, family, false)
	if err != nil {
		return err
	}
	if newest := newestSet(versions); newest.ID != set.ID {
		return involve.Errorf(involve.EINVALID, "The answers are to version %d of %q, and version %d is newer. "+
			"Open the form again to answer the newest questions. Nothing was saved.", set.Version, set.Name, newest.Version)
	}
	if answered[family] {
		return involve.Errorf(involve.EINVALID, "The question set %q is answered twice. Nothing was saved.", set.Name)
	}
	answered[family] = true
	sorted, err := set.CheckAnswers(r.Answers)
	if err != nil {
		return err
	}
	r.Answers = sorted
	return nil
}

// ListFeedbackAnswers returns the live responses of a feedback item, oldest first.
func (db *DB) ListFeedbackAnswers(ctx context.Context, feedbackID string) ([]*involve.Response, error) {
	return FindDocsOf[*involve.Response](ctx, db, involve.EntityResponse, feedbackID)
}

// CheckQuestionRecord applies to an imported record the rules that tie question
// records together, reading the database and what the import wrote before it: a
// response's set version must be there and its answers pass that version's rules
// (they are put in the set's order), and its session must be its feedback item's; a
// translation of a set version must hold only that version's keys. Other records pass.
func (im *Importer) CheckQuestionRecord(d involve.Doc) error {
	if err := im.flushRun(); err != nil { // importer_runs.go
		return err
	}
	switch v := d.(type) {
	case *involve.Response:
		sd, err := loadDoc(im.ctx, im.tx, involve.EntityQuestionSet, v.QuestionSetID)
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			return fmt.Errorf("response: question set version %q is not in the database or earlier in the file", v.QuestionSetID)
		} else if err != nil {
			return err
		}
		var session string
		err = im.tx.QueryRowContext(im.ctx, `SELECT session_id FROM feedback WHERE id = ?`, v.FeedbackID).Scan(&session)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if session != v.SessionID {
			return fmt.Errorf("response: session %q is not the session of feedback item %q", v.SessionID, v.FeedbackID)
		}
		sorted, err := sd.(*involve.QuestionSet).CheckAnswers(v.Answers)
		if err != nil {
			return err
		}
		v.Answers = sorted
	case *involve.Translation:
		if v.Of == involve.KioskWords {
			return nil
		}
		if actionID, ok := v.ActionID(); ok {
			// an action's words (Validate checked the keys): the action, live or
			// deleted, must be here already, as the server requires
			_, err := loadDoc(im.ctx, im.tx, involve.EntityAction, actionID)
			if involve.ErrorCode(err) == involve.ENOTFOUND {
				return fmt.Errorf("translation: action %q is not in the database or earlier in the file", actionID)
			}
			return err
		}
		sd, err := loadDoc(im.ctx, im.tx, involve.EntityQuestionSet, v.Of)
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			return fmt.Errorf("translation: question set version %q is not in the database or earlier in the file", v.Of)
		} else if err != nil {
			return err
		}
		return v.CheckKeys(sd.(*involve.QuestionSet))
	}
	return nil
}

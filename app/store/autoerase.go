package store

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
)

// Automatic erasure (issue 13, docs/privacy.md "Retention"): a lead may set a kind of
// record to be erased automatically when it is due (RetentionRule.AutoErase). The kinds
// an erasure exists for act on it: a partner due under "Contributor details" is erased
// as "Erase this person" erases them, and a feedback item due under "Feedback free
// text" as "Erase this comment" does. Other kinds marked automatic stay on the list of
// records due for review, for a lead to act on. A hold ("keep until … because …")
// keeps a record off the list, so it is never erased while held.
//
// Only a lead's laptop erases, and only while unlocked: on any other laptop, or while
// locked, EraseDue does nothing and says so with skipped.

func autoErases(r *involve.RetentionRule) bool { return r != nil && r.AutoErase }

// autoErasable reports whether a due item is one EraseDue acts on.
func autoErasable(d DueItem) bool {
	return d.AutoErase && (d.RecordKind == involve.RetainContributor && d.Entity == involve.EntityContributor ||
		d.RecordKind == involve.RetainFeedbackText && d.Entity == involve.EntityFeedback)
}

// EraseDue erases every partner and feedback item due for review whose kind the lead
// set to be erased automatically, and returns what each erasure did. skipped is true
// when the laptop is not a lead's or is locked (nothing is erased, no error). An
// erasure that fails stops the run with its error; those done before it stand.
func (db *DB) EraseDue(ctx context.Context) (done []involve.ErasureResult, skipped bool, err error) {
	if role, _, err := localRole(ctx, db.reader); err != nil {
		return nil, false, err
	} else if role != involve.RoleLead || !db.Unlocked() {
		return nil, true, nil
	}
	// It runs after every sync: the due list reads every record, so it is made only
	// when a kind it acts on is set to be erased automatically (no default is).
	rules, err := db.effectiveRules(ctx, db.reader)
	if err != nil {
		return nil, false, err
	}
	if !autoErases(rules[involve.RetainContributor]) && !autoErases(rules[involve.RetainFeedbackText]) {
		return nil, false, nil
	}
	due, err := db.DueForReview(ctx)
	if err != nil {
		return nil, false, err
	}
	for _, d := range due {
		if !autoErasable(d) {
			continue
		}
		res, err := db.Erase(ctx, d.Entity, d.RecordID, "")
		switch involve.ErrorCode(err) {
		case "":
			done = append(done, res)
		case involve.EERASED, involve.ENOTFOUND: // erased or gone meanwhile
		default:
			return done, false, err
		}
	}
	return done, false, nil
}

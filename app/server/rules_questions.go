package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
)

// The server decides about question sets (issue 15; involve/rules_questions.go), as
// rules that span records (rules.go), judged on the state a change would store:
//   - a response is stored only when the set version it names is live on the server
//     (or written earlier in the push) and its answers pass CheckAnswers against it,
//     and its feedback item is on the server and of the response's session;
//   - a version's questions do not change once the server holds a response naming it
//     (live or deleted): involve.ErrAnsweredVersion. Its name, purpose and archiving
//     may change;
//   - a later version names a set's first version (FamilyID), and a version stays in
//     its family with its number;
//   - a translation of a set version holds only keys the version has, or had in an
//     earlier state on the server (CheckTranslationOf: a laptop that had not seen an
//     in-place edit is not refused); the kiosk's words are judged by Validate alone.
// A set version, feedback item or action still to come in the same push may mend a
// response or translation (the change waits for the end of the push, as rules.go says).
//
// Reading: a set version is read once per push (and again after the push writes it);
// which versions have answers is read the first time a change of a set's questions
// needs it (every response of the team, deleted ones too: set edits are rare), and
// kept up to date with the responses the push stores.

// questionRules is one push's state for these rules (in pushRules).
type questionRules struct {
	sets     map[string]*involve.QuestionSet // read (nil value: none live), by id
	answered map[string]bool                 // versions named by a response (nil until read)
}

// checkQuestionRules judges next (a question set, response or translation as it is to
// be stored over prev, nil when new). It returns the broken rule, and whether a change
// still to come in the push could mend it.
func (p *pusher) checkQuestionRules(ctx context.Context, c *PushChange, prev, next any) (broken error, mendable bool, err error) {
	r := p.rules
	switch n := next.(type) {
	case *involve.QuestionSet:
		pv, _ := prev.(*involve.QuestionSet)
		if pv != nil && !pv.SameQuestions(n) {
			answered, err := p.answered(ctx, n.ID)
			if err != nil {
				return nil, false, err
			}
			broken = involve.CheckQuestionSetChange(pv, n, answered)
		} else {
			broken = involve.CheckQuestionSetChange(pv, n, false)
		}
		if broken == nil && n.FamilyID != "" && (pv == nil || pv.DeletedAt != "" || pv.FamilyID != n.FamilyID) {
			first, err := p.questionSet(ctx, n.FamilyID, true)
			if err != nil {
				return nil, false, err
			}
			broken = involve.CheckFamily(n, first)
			mendable = r.pendingSets[n.FamilyID] > 0
		}
		if broken == nil {
			delete(r.questions.sets, n.ID) // read again: this push writes it
		}
	case *involve.Response:
		if n.DeletedAt != "" {
			return nil, false, nil
		}
		set, err := p.questionSet(ctx, n.QuestionSetID, false)
		if err != nil {
			return nil, false, err
		}
		fb, err := p.feedbackOf(ctx, n.FeedbackID)
		if err != nil {
			return nil, false, err
		}
		broken = involve.CheckResponse(n, set, fb)
		mendable = r.pendingSets[n.QuestionSetID] > 0 || r.pendingFeedback[n.FeedbackID] > 0
		if broken == nil && r.questions.answered != nil {
			r.questions.answered[n.QuestionSetID] = true
		}
	case *involve.Translation:
		if n.Of == involve.KioskWords || n.DeletedAt != "" {
			return nil, false, nil
		}
		if id, ok := n.ActionID(); ok {
			a, err := p.actionOf(ctx, id)
			if err != nil {
				return nil, false, err
			}
			return involve.CheckActionTranslation(n, a), r.pendingActions[id] > 0, nil
		}
		set, err := p.questionSet(ctx, n.Of, true)
		if err != nil {
			return nil, false, err
		}
		states := []*involve.QuestionSet{}
		if set != nil {
			states = append(states, set)
			if n.CheckKeys(set) != nil { // its earlier states, read only then
				if states, err = p.setStates(ctx, set); err != nil {
					return nil, false, err
				}
			}
		}
		broken = involve.CheckTranslationOf(n, states)
		mendable = r.pendingSets[n.Of] > 0
	}
	return broken, mendable, nil
}

// questionSet returns the set version id as the transaction sees it: nil when there
// is none, or (unless deletedToo) when it is deleted.
func (p *pusher) questionSet(ctx context.Context, id string, deletedToo bool) (*involve.QuestionSet, error) {
	q := &p.rules.questions
	if q.sets == nil {
		q.sets = map[string]*involve.QuestionSet{}
	}
	s, ok := q.sets[id]
	if !ok {
		rec, found, err := p.tx.GetRecord(ctx, p.team, id)
		switch {
		case errors.Is(err, serverstore.ErrOtherTeam):
		case err != nil:
			return nil, err
		case found && rec.Entity == involve.EntityQuestionSet:
			s = &involve.QuestionSet{}
			if err := json.Unmarshal(rec.State, s); err != nil {
				return nil, fmt.Errorf("question set %s: %w", id, err)
			}
		}
		q.sets[id] = s
	}
	if s == nil || (!deletedToo && s.DeletedAt != "") {
		return nil, nil
	}
	return s, nil
}

// setStates returns the states the set version cur has had on the server: cur, then
// its stored revisions (the push's own included).
func (p *pusher) setStates(ctx context.Context, cur *involve.QuestionSet) ([]*involve.QuestionSet, error) {
	raw, err := p.tx.RevisionStates(ctx, p.team, cur.ID)
	if err != nil {
		return nil, err
	}
	states := []*involve.QuestionSet{cur}
	for _, b := range raw {
		var s involve.QuestionSet
		if json.Unmarshal(b, &s) == nil && s.ID == cur.ID {
			states = append(states, &s)
		}
	}
	return states, nil
}

// feedbackOf returns the feedback item id as the transaction sees it (nil: none).
func (p *pusher) feedbackOf(ctx context.Context, id string) (*involve.Feedback, error) {
	rec, found, err := p.tx.GetRecord(ctx, p.team, id)
	switch {
	case errors.Is(err, serverstore.ErrOtherTeam):
		return nil, nil // (checkDocParent refused it already)
	case err != nil:
		return nil, err
	case !found || rec.Entity != involve.EntityFeedback:
		return nil, nil
	}
	var f involve.Feedback
	if err := json.Unmarshal(rec.State, &f); err != nil {
		return nil, fmt.Errorf("feedback %s: %w", id, err)
	}
	return &f, nil
}

// answered reports whether a response the transaction sees names the set version id.
func (p *pusher) answered(ctx context.Context, id string) (bool, error) {
	q := &p.rules.questions
	if q.answered == nil {
		recs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityResponse)
		if err != nil {
			return false, err
		}
		q.answered = make(map[string]bool, len(recs))
		for _, rec := range recs {
			var r struct {
				QuestionSetID string `json:"questionSetId"`
			}
			if err := json.Unmarshal(rec.State, &r); err != nil {
				return false, fmt.Errorf("response %s: %w", rec.ID, err)
			}
			q.answered[r.QuestionSetID] = true
		}
	}
	return q.answered[id], nil
}

// actionOf returns the action id as the transaction sees it, deleted or not (nil:
// none, or another team's, which checkDocParent refuses).
func (p *pusher) actionOf(ctx context.Context, id string) (*involve.Action, error) {
	rec, found, err := p.tx.GetRecord(ctx, p.team, id)
	switch {
	case errors.Is(err, serverstore.ErrOtherTeam):
		return nil, nil
	case err != nil:
		return nil, err
	case !found || rec.Entity != involve.EntityAction:
		return nil, nil
	}
	var a involve.Action
	if err := json.Unmarshal(rec.State, &a); err != nil {
		return nil, fmt.Errorf("action %s: %w", id, err)
	}
	return &a, nil
}

package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// "You said" after an erasure of a comment (docs/sync-protocol.md "Erasure").
//
// When a comment is erased, the server rewrites every action that names it, and every
// translation of those actions, as a new revision and deletes their earlier revisions
// (planNamingActions): the quoting ones lose the comment's words (involve.EraseQuoted,
// involve.EraseTranslatedQuote), the others are only stamped again. So a change of
// such an action or translation made on a laptop that had not yet pulled the erasure
// is based on a revision that is gone, and a change made after it is based on one that
// is kept.
//
// A change based on a revision that is gone may carry the comment's words again (the
// laptop pushes before it pulls): its "you said", English or translated, is replaced
// by the server's before it is merged or kept in the history, so the words reach
// neither the record, nor its revisions, nor a conflict record. The server no longer
// knows the words, so it cannot tell a laptop's own rewording from a copy of them: a
// "you said" edited on such a laptop before it heard of the erasure is not kept, and
// the laptop shows the server's.

// checkQuoting replaces the "you said" of a change of an action (or of an action's
// translation) that names an erased comment, when the change is based on a revision
// the erasure removed.
func (p *pusher) checkQuoting(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) error {
	if !found || c.BaseRev == 0 || c.BaseRev == cur.Rev {
		return nil
	}
	named, err := p.namedComments(ctx, c, cur)
	if err != nil || len(named) == 0 {
		return err
	}
	ers, err := p.teamErasures(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(named, func(id string) bool { return ers.of(involve.EntityFeedback, id) != nil }) {
		return nil
	}
	if _, kept, err := p.tx.GetRevision(ctx, p.team, c.RecordID, c.BaseRev); err != nil || kept {
		return err
	}
	stored, err := decodeRecord(c.Entity, cur.State)
	if err != nil {
		return fmt.Errorf("stored %s %s: %w", c.Entity, c.RecordID, err)
	}
	switch rec := c.Record.(type) {
	case *involve.Action:
		rec.YouSaid = stored.(*involve.Action).YouSaid
	case *involve.Translation:
		if v, ok := stored.(*involve.Translation).Texts["youSaid"]; ok {
			rec.Texts["youSaid"] = v
		} else {
			delete(rec.Texts, "youSaid")
		}
	}
	return nil
}

// namedComments lists the comments the action of a change names: an action's own
// (as sent and as stored), a translation's action's (as stored).
func (p *pusher) namedComments(ctx context.Context, c *PushChange, cur serverstore.Record) ([]string, error) {
	switch rec := c.Record.(type) {
	case *involve.Action:
		var stored involve.Action
		if err := json.Unmarshal(cur.State, &stored); err != nil {
			return nil, fmt.Errorf("stored action %s: %w", cur.ID, err)
		}
		return append(slices.Clone(rec.FeedbackIDs), stored.FeedbackIDs...), nil
	case *involve.Translation:
		id, ok := rec.ActionID()
		if !ok {
			return nil, nil
		}
		r, found, err := p.tx.GetRecord(ctx, p.team, id)
		if errors.Is(err, serverstore.ErrOtherTeam) || err == nil && (!found || r.Entity != involve.EntityAction) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		var a involve.Action
		if err := json.Unmarshal(r.State, &a); err != nil {
			return nil, fmt.Errorf("stored action %s: %w", id, err)
		}
		return a.FeedbackIDs, nil
	}
	return nil, nil
}

// planNamingActions adds to a new erasure of a comment (its words as stored before,
// quoted) every action that names it, and every translation of those actions: the
// quoting ones without the words, the others as they are, each as a new revision
// whose earlier ones are deleted (checkQuoting relies on it). Their conflicts about a
// "you said" (an action's youSaid, a translation's texts) are deleted with the
// covered records' (an earlier value may hold the words); the laptops do the same
// (app/store's eraser). It returns the number of actions whose "you said" lost the
// words.
func (p *pusher) planNamingActions(ctx context.Context, c *PushChange, plan *erasurePlan, quoted string) (int, *syncapi.Error, error) {
	actions, err := p.tx.EntityRecords(ctx, p.team, involve.EntityAction)
	if err != nil {
		return 0, nil, err
	}
	naming := map[string]bool{} // action id → its "you said" lost the words
	quoting := 0
	for _, r := range actions {
		a := &involve.Action{}
		if err := json.Unmarshal(r.State, a); err != nil {
			return 0, nil, fmt.Errorf("stored action %s: %w", r.ID, err)
		}
		if !slices.Contains(a.FeedbackIDs, plan.er.SubjectID) {
			continue
		}
		lost := quoted != "" && involve.EraseQuoted(a, plan.er.SubjectID, quoted)
		naming[r.ID] = lost
		plan.naming = append(plan.naming, r.ID)
		if lost {
			quoting++
		}
		if why, err := plan.add(p, c, r, a); why != nil || err != nil {
			return 0, why, err
		}
	}
	if len(naming) == 0 {
		return 0, nil, nil
	}
	trs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityTranslation)
	if err != nil {
		return 0, nil, err
	}
	for _, r := range trs {
		t := &involve.Translation{}
		if err := json.Unmarshal(r.State, t); err != nil {
			return 0, nil, fmt.Errorf("stored translation %s: %w", r.ID, err)
		}
		id, ok := t.ActionID()
		lost, named := naming[id]
		if !ok || !named {
			continue
		}
		plan.naming = append(plan.naming, r.ID)
		if lost {
			involve.EraseTranslatedQuote(t)
		}
		if why, err := plan.add(p, c, r, t); why != nil || err != nil {
			return 0, why, err
		}
	}
	return quoting, nil, nil
}

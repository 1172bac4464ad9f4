package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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
//
// A laptop also says how far it has pulled (?pulled=): one before the erasure is
// treated the same way even where its change is based on a kept revision (an action
// that did not name the comment when it was erased), and its new action naming the
// comment is refused.

// pulledCursor is how far a pushing laptop says it has pulled (the push's ?pulled=,
// syncapi.PulledParam): every change of its team up to seq applied. known is false
// when it did not say (an older version): the server then cannot tell.
type pulledCursor struct {
	seq   int64
	known bool
}

// pulledFrom reads a push's ?pulled= (hostile until checked: a cursor this server gave
// out, or nothing).
func pulledFrom(r *http.Request) (pulledCursor, error) {
	v := r.URL.Query().Get(syncapi.PulledParam)
	if v == "" {
		return pulledCursor{}, nil
	}
	n, err := parseCursor(v)
	if err != nil {
		return pulledCursor{}, errorf(syncapi.EINVALID, "%s must be a cursor this server gave out (got %q).", syncapi.PulledParam, truncate(v, 40))
	}
	return pulledCursor{seq: n, known: true}, nil
}

// unaware says whether the pushing laptop had not applied er when it pushed: it said
// how far it has pulled, and er came after (or in this very push).
func (p *pusher) unaware(er *involve.Erasure) bool {
	if !p.pulled.known || er.DeviceID == p.dev.ID { // (the laptop that erased applied it first)
		return false
	}
	seq, ok := p.erasureSeqs[er.ID]
	return !ok || p.pulled.seq < seq
}

// checkQuoting judges a change of an action (or of an action's translation) that
// names an erased comment, made on a laptop that may still hold the comment's words:
// one based on a revision the erasure removed, or from a laptop that says it had not
// pulled the erasure. Its "you said" (English or translated) is replaced by the
// server's; a new action naming the comment from such a laptop is refused (code
// erased: the server has no "you said" of its own to keep), and a new translation of
// such an action loses its translated "you said".
func (p *pusher) checkQuoting(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (*syncapi.Error, error) {
	if !found && !p.pulled.known {
		return nil, nil
	}
	ers, err := p.teamErasures(ctx) // (read once a push)
	if err != nil || len(ers) == 0 {
		return nil, err
	}
	named, err := p.namedComments(ctx, c, cur, found)
	if err != nil {
		return nil, err
	}
	var er *involve.Erasure
	for _, id := range named {
		if er = ers.of(involve.EntityFeedback, id); er != nil {
			break
		}
	}
	if er == nil {
		return nil, nil
	}
	stale := false
	if found && c.BaseRev != 0 && c.BaseRev != cur.Rev {
		_, kept, err := p.tx.GetRevision(ctx, p.team, c.RecordID, c.BaseRev)
		if err != nil {
			return nil, err
		}
		stale = !kept
	}
	if !stale && !p.unaware(er) {
		return nil, nil
	}
	if !found {
		switch rec := c.Record.(type) {
		case *involve.Action:
			return erasedRefusal(er, "This action names a comment"), nil
		case *involve.Translation:
			if _, had := rec.Texts["youSaid"]; had {
				delete(rec.Texts, "youSaid")
				c.erasure.scrubbed = true
			}
		}
		return nil, nil
	}
	stored, err := decodeRecord(c.Entity, cur.State)
	if err != nil {
		return nil, fmt.Errorf("stored %s %s: %w", c.Entity, c.RecordID, err)
	}
	switch rec := c.Record.(type) {
	case *involve.Action:
		if was := stored.(*involve.Action).YouSaid; rec.YouSaid != was {
			rec.YouSaid, c.erasure.scrubbed = was, true
		}
	case *involve.Translation:
		was, ok := stored.(*involve.Translation).Texts["youSaid"]
		if now, has := rec.Texts["youSaid"]; has && (!ok || now != was) {
			c.erasure.scrubbed = true
			if ok {
				rec.Texts["youSaid"] = was
			} else {
				delete(rec.Texts, "youSaid")
			}
		}
	}
	return nil, nil
}

// namedComments lists the comments the action of a change names: an action's own
// (as sent and as stored), a translation's action's (as stored).
func (p *pusher) namedComments(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) ([]string, error) {
	switch rec := c.Record.(type) {
	case *involve.Action:
		if !found {
			return rec.FeedbackIDs, nil
		}
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

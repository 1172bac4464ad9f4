package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Rules that span records, checked on what laptops push as the laptop checks them in
// its write transactions (the same involve functions, the same code and words): a
// contributor only with a consent record, and shown by name again only with a live one
// (involve.CheckContributorConsent); a consent record never deleted nor moved
// (CheckConsentChange); rate cards of one unit that do not overlap (CheckRateOverlap);
// a time entry's fee from the rate card it names (CheckFee); and those of question
// sets, responses and translations (rules_questions.go). A change that breaks one is
// rejected with code "invalid" and is not stored.
//
// A push is judged as a whole, not change by change, so that an honest laptop is never
// refused for the order of its outbox (a contributor goes before the consent record
// made with it; an edit of one rate card may wait in the outbox before the edit of
// another that makes room for it): a change that breaks a rule which a change still
// to come in the same push could mend (a consent record naming the contributor,
// another rate card, the rate card a time entry names) is applied after the push's
// other changes (with every later change of its record), and judged then against what
// the push has stored. Pulls then see it after them.
//
// The rules read what the transaction sees: the team's rate cards (a handful) once per
// push that needs them, consent records only when a contributor has none among those
// written in the same push, and the revisions of a rate card a time entry names.

// errDeferred is apply's answer for a change judged again at the end of the push.
var errDeferred = errors.New("change deferred to the end of its push")

// pushRules is one push's state for the rules (it lives in one run of the transaction).
type pushRules struct {
	final bool // judging the last time: a change that breaks a rule is rejected

	// Changes of the push not handled yet that could mend a rule.
	pendingSubjects map[string]int // consent changes, by subject id
	pendingCards    map[string]int // rate card changes, by id
	pendingAllCards int
	pendingSets     map[string]int // question set changes, by id
	pendingFeedback map[string]int // feedback item changes, by id
	pendingActions  map[string]int // action changes, by id (an action's translation)

	written  consentIndex        // consent records written by this push
	consents consentIndex        // the team's (nil until read), with those written since
	cards    []*involve.RateCard // the team's rate cards (nil until read)
	history  map[string][]*involve.RateCard

	questions questionRules // rules_questions.go
}

// newPushRules counts the changes that could mend a rule.
func newPushRules(changes []PushChange) *pushRules {
	r := &pushRules{pendingSubjects: map[string]int{}, pendingCards: map[string]int{}, written: consentIndex{},
		history: map[string][]*involve.RateCard{}, pendingSets: map[string]int{}, pendingFeedback: map[string]int{},
		pendingActions: map[string]int{}}
	for i := range changes {
		r.count(&changes[i], 1)
	}
	return r
}

func (r *pushRules) count(c *PushChange, n int) {
	if c.Reject != nil {
		return
	}
	switch rec := c.Record.(type) {
	case *involve.Consent:
		r.pendingSubjects[rec.SubjectID] += n
	case *involve.RateCard:
		r.pendingCards[c.RecordID] += n
		r.pendingAllCards += n
	case *involve.QuestionSet:
		r.pendingSets[c.RecordID] += n
	case *involve.Feedback:
		r.pendingFeedback[c.RecordID] += n
	case *involve.Action:
		r.pendingActions[c.RecordID] += n
	}
}

// applyAll applies a push's changes (results in request order): in order, then those
// deferred, again while that settles some, and at last once more with every rule
// final.
func (p *pusher) applyAll(ctx context.Context, changes []PushChange, results []syncapi.Result) ([]syncapi.Result, error) {
	results = append(results[:0], make([]syncapi.Result, len(changes))...)
	p.rules = newPushRules(changes)
	todo := make([]int, len(changes))
	for i := range todo {
		todo[i] = i
	}
	for len(todo) > 0 {
		var later []int
		held := map[string]bool{} // records with a deferred change: their later changes wait too
		for _, i := range todo {
			c := &changes[i]
			if held[c.RecordID] {
				later = append(later, i)
				continue
			}
			res, err := p.apply(ctx, c)
			if errors.Is(err, errDeferred) {
				held[c.RecordID] = true
				later = append(later, i)
				continue
			} else if err != nil {
				return nil, fmt.Errorf("change %d (%s %s): %w", i, c.Entity, c.RecordID, err)
			}
			p.rules.count(c, -1)
			p.counts[res.Status]++
			results[i] = res
		}
		if len(later) == len(todo) {
			p.rules.final = true // nothing settled: the next round decides
		}
		todo = later
	}
	return results, nil
}

// ruled reports whether a rule looks at changes of entity.
func ruled(entity string) bool {
	switch entity {
	case involve.EntityContributor, involve.EntityConsent, involve.EntityRateCard, involve.EntityTimeEntry,
		involve.EntityQuestionSet, involve.EntityResponse, involve.EntityTranslation: // (rules_questions.go)
		return true
	}
	return false
}

// checkMerged is checkRules for the merged state of a change.
func (p *pusher) checkMerged(ctx context.Context, c *PushChange, cur serverstore.Record, merged map[string]json.RawMessage) (*syncapi.Error, error) {
	if !ruled(c.Entity) {
		return nil, nil
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	next, err := decodeRecord(c.Entity, b)
	if err != nil {
		return nil, fmt.Errorf("merged state: %w", err)
	}
	return p.checkRules(ctx, c, cur, true, next)
}

// checkRules judges next, the state change c would store (as sent, or merged), against
// the rules; cur is the stored record (found: there is one). It returns why the change
// must be rejected, or errDeferred when a change still to come could mend it.
func (p *pusher) checkRules(ctx context.Context, c *PushChange, cur serverstore.Record, found bool, next any) (*syncapi.Error, error) {
	if !ruled(c.Entity) {
		return nil, nil
	}
	var prev any
	if found {
		var err error
		if prev, err = decodeRecord(c.Entity, cur.State); err != nil {
			return nil, fmt.Errorf("stored state: %w", err)
		}
	}
	r := p.rules
	var broken error
	mendable := false
	switch n := next.(type) {
	case *involve.Contributor:
		pc, _ := prev.(*involve.Contributor)
		broken = involve.CheckContributorConsent(pc, n, r.written.of(n.ID))
		if broken != nil {
			mendable = r.pendingSubjects[n.ID] > 0
			if !mendable || r.final {
				consents, err := p.consentsOf(ctx, n.ID)
				if err != nil {
					return nil, err
				}
				broken = involve.CheckContributorConsent(pc, n, consents)
			}
		}
	case *involve.Consent:
		pc, _ := prev.(*involve.Consent)
		if broken = involve.CheckConsentChange(pc, n); broken == nil {
			r.written.put(n)
			if r.consents != nil {
				r.consents.put(n)
			}
		}
	case *involve.RateCard:
		pc, _ := prev.(*involve.RateCard)
		// Judged as on the laptop: a new card, and a live card whose unit or dates
		// change. A restore is not (the laptop's RestoreDoc does not check either).
		if n.DeletedAt == "" && (pc == nil || pc.DeletedAt == "" && (pc.Unit != n.Unit || pc.EffectiveFrom != n.EffectiveFrom ||
			pc.EffectiveTo != n.EffectiveTo)) {
			cards, err := p.rateCards(ctx)
			if err != nil {
				return nil, err
			}
			broken = involve.CheckRateOverlap(n, cards)
			mendable = r.pendingAllCards > 1 // another rate card change than this one
		}
		if broken == nil {
			r.cards, r.history[n.ID] = nil, nil // read again: this push writes it
		}
	case *involve.TimeEntry:
		// The fee is judged on the state the laptop sent, worked out there from one
		// state of the rate card: a merge mixes it only with fields the server had.
		sent, _ := c.Record.(*involve.TimeEntry)
		pe, _ := prev.(*involve.TimeEntry)
		if n.DeletedAt == "" && sent != nil && sent.DeletedAt == "" && !sameFee(pe, sent) {
			states, err := p.rateCardStates(ctx, sent.RateCardID)
			if err != nil {
				return nil, err
			}
			broken = involve.CheckFee(sent, states)
			mendable = r.pendingCards[sent.RateCardID] > 0
		}
	default:
		var err error
		if broken, mendable, err = p.checkQuestionRules(ctx, c, prev, next); err != nil { // rules_questions.go
			return nil, err
		}
	}
	if broken == nil {
		return nil, nil
	}
	if mendable && !r.final {
		return nil, errDeferred
	}
	return &syncapi.Error{Code: involve.ErrorCode(broken), Message: broken.Error()}, nil
}

// sameFee reports whether a time entry's fee and what it is worked out from are as
// stored (an entry stored before the server checked fees keeps its fee when another
// field changes).
func sameFee(a, b *involve.TimeEntry) bool {
	if a == nil || b == nil {
		return false
	}
	sameOverride := (a.FeeOverridePence == nil) == (b.FeeOverridePence == nil) &&
		(a.FeeOverridePence == nil || *a.FeeOverridePence == *b.FeeOverridePence)
	return sameOverride && a.RateCardID == b.RateCardID && a.RatePence == b.RatePence && a.FeePence == b.FeePence &&
		a.Unit == b.Unit && a.Date == b.Date && a.Route == b.Route && a.Minutes() == b.Minutes()
}

// consentsOf returns the consent records naming subjectID, as the transaction sees
// them; the team's are read once per push.
func (p *pusher) consentsOf(ctx context.Context, subjectID string) ([]*involve.Consent, error) {
	r := p.rules
	if r.consents == nil {
		recs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityConsent)
		if err != nil {
			return nil, err
		}
		r.consents = make(consentIndex, len(recs))
		for _, rec := range recs {
			var k involve.Consent
			if err := json.Unmarshal(rec.State, &k); err != nil {
				return nil, fmt.Errorf("consent %s: %w", rec.ID, err)
			}
			r.consents.put(&k)
		}
	}
	return r.consents.of(subjectID), nil
}

// consentIndex holds consent records by subject id, then by id (the latest state).
type consentIndex map[string]map[string]*involve.Consent

func (x consentIndex) put(k *involve.Consent) {
	m := x[k.SubjectID]
	if m == nil {
		m = map[string]*involve.Consent{}
		x[k.SubjectID] = m
	}
	m[k.ID] = k
}

func (x consentIndex) of(subjectID string) []*involve.Consent {
	out := make([]*involve.Consent, 0, len(x[subjectID]))
	for _, k := range x[subjectID] {
		out = append(out, k)
	}
	return out
}

// rateCards returns the team's rate cards as the transaction sees them (read once per
// push, and again after the push writes one).
func (p *pusher) rateCards(ctx context.Context) ([]*involve.RateCard, error) {
	r := p.rules
	if r.cards == nil {
		recs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityRateCard)
		if err != nil {
			return nil, err
		}
		r.cards = make([]*involve.RateCard, 0, len(recs))
		for _, rec := range recs {
			var c involve.RateCard
			if err := json.Unmarshal(rec.State, &c); err != nil {
				return nil, fmt.Errorf("rate card %s: %w", rec.ID, err)
			}
			r.cards = append(r.cards, &c)
		}
	}
	return r.cards, nil
}

// rateCardStates returns every state a rate card has had on the server (its
// revisions: the stored ones and those laptops sent), so that an entry priced on a
// laptop that had not yet seen a later change of the card is not refused.
func (p *pusher) rateCardStates(ctx context.Context, id string) ([]*involve.RateCard, error) {
	if id == "" {
		return nil, nil
	}
	r := p.rules
	if states, ok := r.history[id]; ok && states != nil {
		return states, nil
	}
	raw, err := p.tx.RevisionStates(ctx, p.team, id)
	if err != nil {
		return nil, err
	}
	states := make([]*involve.RateCard, 0, len(raw))
	for _, s := range raw {
		var c involve.RateCard
		if json.Unmarshal(s, &c) == nil && c.ID == id {
			states = append(states, &c)
		}
	}
	r.history[id] = states
	return states, nil
}

// decodeRecord decodes a state (stored or merged: valid already) into its type.
func decodeRecord(entity string, state []byte) (any, error) {
	rec, err := involve.NewRecord(entity)
	if err != nil {
		return nil, err
	}
	return rec, json.Unmarshal(state, rec)
}

// checkDocParent refuses a record of involvement (involve.Doc) whose parent — a
// tally's or attendee profile's session, an outcome's project, a time entry's or
// consent record's contributor, a quote consent's feedback item — is another team's
// record, or a record of another kind. Laptops could never store such a doc (it would
// wait for a parent that never comes), and a tally, whose id is derived from its
// session's, would take the id of the other team's own tally, so that team's tally
// would be refused as "another team's" from then on. (The server does not require
// the parent to be here: it may still be on its way, as for a feedback item's
// session.)
func (p *pusher) checkDocParent(ctx context.Context, c *PushChange) (*syncapi.Error, error) {
	d, ok := c.Record.(involve.Doc)
	if !ok {
		return nil, nil
	}
	entity, id := d.Parent()
	if id == "" {
		return nil, nil
	}
	what := strings.ReplaceAll(c.Entity, "_", " ")
	parent, found, err := p.tx.GetRecord(ctx, p.team, id)
	switch {
	case errors.Is(err, serverstore.ErrOtherTeam):
		return errorf(syncapi.EFORBIDDEN, "This %s belongs to a %s of another team.", what, entity), nil
	case err != nil:
		return nil, err
	case found && parent.Entity != entity:
		return errorf(syncapi.EINVALID, "This %s names %s as its %s, but that is a %s on the server.", what, id, entity, parent.Entity), nil
	}
	return nil, nil
}

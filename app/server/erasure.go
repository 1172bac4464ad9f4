package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Erasure (issue 13; involve.Erasure; docs/sync-protocol.md "Erasure"). A lead's laptop
// pushes an erasure record; when the server first stores it, in the same transaction,
// it:
//   - rewrites every record the erasure covers (the partner or comment, their consent
//     records, the partner's time entries, the comment's responses: tombstones too)
//     to its erased state
//     (Erasure.Apply), and every action whose "you said" quoted an erased comment
//     (involve.EraseQuoted), as new revisions with a new rev above both the record's
//     and the erasure's, so that every laptop pulls the erased states;
//   - deletes every earlier revision of those records and every stored change result
//     that names one of them (serverstore.EraseTx.EraseHistory), and every conflict
//     record about a covered record, with its revisions and results (DeleteRecords);
//   - audits "record.erased" (ids and counts, never content).
// Every rewritten state is judged (syncapi.DecodeState) before anything is stored: an
// erasure that cannot be applied is refused whole.
//
// An erasure is never changed nor deleted: a change of one whose content differs, and
// its deletion, are refused ("invalid"). Only a lead laptop may push one (its kind's
// EditedBy: roles.go).
//
// Later pushes read the team's erasures once, and only when a change could be covered
// (erasureKinds): a change of an erased partner or comment itself is refused with code
// "erased"; a change of a covered consent record, time entry or response is stored
// erased (a response's words replaced by involve.ErasedAnswer), and
// answered "merged" with the stored state when that differs from what was sent; a
// conflict record about a covered record is refused "erased".

// erasureState is what the push found out about a change and the team's erasures.
type erasureState struct {
	by       *involve.Erasure // the erasure that covers the change's record (nil: none)
	scrubbed bool             // Apply changed what the device sent: answered "merged"
	plan     *erasurePlan     // a new erasure: the work done once it is stored
}

// erasureKinds are the entities an erasure may cover, or (conflicts) be about.
var erasureKinds = map[string]bool{involve.EntityContributor: true, involve.EntityConsent: true, involve.EntityTimeEntry: true,
	involve.EntityFeedback: true, involve.EntityResponse: true, involve.EntityConflict: true}

// teamErasures holds the team's erasures by subject (entity and id).
type teamErasures map[string]*involve.Erasure

func subjectKey(entity, id string) string { return entity + "\x00" + id }

func (x teamErasures) of(entity, id string) *involve.Erasure { return x[subjectKey(entity, id)] }

func (x teamErasures) put(e *involve.Erasure) {
	if x.of(e.SubjectEntity, e.SubjectID) == nil { // the first one stands: its time is the erasure's
		x[subjectKey(e.SubjectEntity, e.SubjectID)] = e
	}
}

// teamErasures reads the team's erasures, once per push (with those it stored since).
func (p *pusher) teamErasures(ctx context.Context) (teamErasures, error) {
	if p.erased != nil {
		return p.erased, nil
	}
	recs, err := p.tx.EntityRecords(ctx, p.team, involve.EntityErasure)
	if err != nil {
		return nil, err
	}
	p.erased = make(teamErasures, len(recs))
	p.erasureSeqs = make(map[string]int64, len(recs))
	for _, r := range recs {
		var e involve.Erasure
		if err := json.Unmarshal(r.State, &e); err != nil {
			return nil, fmt.Errorf("erasure %s: %w", r.ID, err)
		}
		p.erased.put(&e)
		p.erasureSeqs[r.ID] = r.Seq
	}
	return p.erased, nil
}

// checkErasure judges a change against the team's erasures (after checkStored: cur is
// the stored record, found whether there is one). A change of a covered dependent is
// erased here, before it is applied or merged.
func (p *pusher) checkErasure(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (*syncapi.Error, error) {
	c.erasure = erasureState{scrubbed: c.erasure.scrubbed} // (the transaction may run again)
	if c.Entity == involve.EntityErasure {
		return p.checkErasureRecord(ctx, c, cur, found)
	}
	if c.Entity == involve.EntityAction || c.Entity == involve.EntityTranslation {
		return p.checkQuoting(ctx, c, cur, found) // erasure_quotes.go
	}
	if !erasureKinds[c.Entity] {
		return nil, nil
	}
	ers, err := p.teamErasures(ctx)
	if err != nil || len(ers) == 0 {
		return nil, err
	}
	if cf, ok := c.Record.(*involve.Conflict); ok {
		er, err := p.coveringErasure(ctx, ers, cf.Entity, cf.RecordID)
		if err != nil || er == nil {
			return nil, err
		}
		return erasedRefusal(er, "This conflict is about a record"), nil
	}
	var er *involve.Erasure
	if entity, id, ok := involve.ErasureSubject(c.Record); ok {
		er = ers.of(entity, id)
	}
	if er == nil && found { // the stored record is covered, the change names another subject
		if er, err = p.coveringErasure(ctx, ers, c.Entity, c.RecordID); err != nil || er != nil {
			return erasedRefusal(er, "This record belongs to a partner or comment"), err
		}
	}
	if er == nil {
		return nil, nil
	}
	if c.Entity == er.SubjectEntity && c.RecordID == er.SubjectID {
		return erasedRefusal(er, ""), nil
	}
	c.erasure.by = er
	if er.Apply(c.Record) {
		c.erasure.scrubbed = true
	}
	return nil, nil
}

// coveringErasure returns the erasure that covers the stored record entity/id (nil:
// none, or no such record).
func (p *pusher) coveringErasure(ctx context.Context, ers teamErasures, entity, id string) (*involve.Erasure, error) {
	if er := ers.of(entity, id); er != nil {
		return er, nil
	}
	if entity != involve.EntityConsent && entity != involve.EntityTimeEntry && entity != involve.EntityResponse {
		return nil, nil
	}
	r, found, err := p.tx.GetRecord(ctx, p.team, id)
	if errors.Is(err, serverstore.ErrOtherTeam) || err == nil && (!found || r.Entity != entity) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	rec, err := decodeRecord(entity, r.State)
	if err != nil {
		return nil, fmt.Errorf("stored %s %s: %w", entity, id, err)
	}
	if se, sid, ok := involve.ErasureSubject(rec); ok {
		return ers.of(se, sid), nil
	}
	return nil, nil
}

// erasedRefusal is the answer to a change of a record an erasure covers: the erased
// partner or comment itself (about ""), or a record about one (about says which).
func erasedRefusal(er *involve.Erasure, about string) *syncapi.Error {
	if er == nil {
		return nil
	}
	when := er.CreatedAt
	if len(when) >= 10 {
		when = involve.LongDate(when[:10])
	}
	switch {
	case about != "":
		return errorf(syncapi.EERASED, "%s that was erased on %s; the change made on this laptop was not kept.", about, when)
	case er.SubjectEntity == involve.EntityContributor:
		return errorf(syncapi.EERASED, "This Lived Experience Partner was erased on %s; the change made on this laptop was not kept.", when)
	}
	return errorf(syncapi.EERASED, "This comment was erased on %s; the change made on this laptop was not kept.", when)
}

// checkErasureRecord refuses a change of a stored erasure that changes what it says, or
// deletes it, and plans a new one's work.
func (p *pusher) checkErasureRecord(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (*syncapi.Error, error) {
	sent, ok := c.Record.(*involve.Erasure)
	if !ok {
		return nil, nil
	}
	refusal := errorf(syncapi.EINVALID, "An erasure cannot be changed or undone.")
	if sent.DeletedAt != "" {
		return refusal, nil
	}
	if found {
		var stored involve.Erasure
		if err := json.Unmarshal(cur.State, &stored); err != nil {
			return nil, fmt.Errorf("stored erasure %s: %w", cur.ID, err)
		}
		if stored.SubjectEntity != sent.SubjectEntity || stored.SubjectID != sent.SubjectID || stored.Number != sent.Number ||
			stored.ErasedBy != sent.ErasedBy || stored.RequestID != sent.RequestID || stored.CreatedAt != sent.CreatedAt ||
			stored.DeletedAt != "" {
			return refusal, nil
		}
		return nil, nil // the same erasure again: stored as any change, nothing erased again
	}
	plan, why, err := p.planErasure(ctx, c, sent)
	c.erasure.plan = plan
	return why, err
}

// erasurePlan is a new erasure's work, worked out and judged before anything is stored.
type erasurePlan struct {
	er        *involve.Erasure
	rewrites  []erasedRecord
	covered   []string // ids of the records the erasure covers
	naming    []string // ids of the actions naming an erased comment, and of their translations
	conflicts []string // ids of conflict records about them
	counts    map[string]int
}

// erasedRecord is a record's erased state (or, for an action, its "you said" without
// the comment's words), to be stored as a new revision.
type erasedRecord struct {
	entity, id string
	rev        int64 // the new rev
	state      json.RawMessage
}

// planErasure reads what a new erasure covers and works out the erased states.
func (p *pusher) planErasure(ctx context.Context, c *PushChange, er *involve.Erasure) (*erasurePlan, *syncapi.Error, error) {
	plan := &erasurePlan{er: er, counts: map[string]int{}}
	var recs []serverstore.Record
	subj, found, err := p.tx.GetRecord(ctx, p.team, er.SubjectID)
	switch {
	case errors.Is(err, serverstore.ErrOtherTeam):
	case err != nil:
		return nil, nil, err
	case found && subj.Entity != er.SubjectEntity:
		return nil, errorf(syncapi.EINVALID, "This erasure names %s as a %s, but that is a %s on the server.", er.SubjectID,
			er.SubjectEntity, subj.Entity), nil
	case found:
		recs = append(recs, subj)
	}
	dependents := []string{involve.EntityConsent}
	if er.SubjectEntity == involve.EntityContributor {
		dependents = append(dependents, involve.EntityTimeEntry)
	} else {
		dependents = append(dependents, involve.EntityResponse) // the words of its answers
	}
	for _, entity := range dependents {
		list, err := p.tx.EntityRecords(ctx, p.team, entity)
		if err != nil {
			return nil, nil, err
		}
		recs = append(recs, list...)
	}
	quoted := "" // an erased comment's words as stored before the erasure
	for _, r := range recs {
		rec, err := decodeRecord(r.Entity, r.State)
		if err != nil {
			return nil, nil, fmt.Errorf("stored %s %s: %w", r.Entity, r.ID, err)
		}
		if !er.Covers(rec) {
			continue
		}
		if f, ok := rec.(*involve.Feedback); ok {
			quoted = f.Text
		}
		er.Apply(rec)
		if why, err := plan.add(p, c, r, rec); why != nil || err != nil {
			return nil, why, err
		}
		plan.covered = append(plan.covered, r.ID)
	}
	if er.SubjectEntity == involve.EntityFeedback {
		quoting, why, err := p.planNamingActions(ctx, c, plan, quoted) // erasure_quotes.go
		if why != nil || err != nil {
			return nil, why, err
		}
		plan.counts[involve.EntityAction] = quoting // the others are only stamped again
	}
	conflicts, err := p.tx.EntityRecords(ctx, p.team, involve.EntityConflict)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range conflicts {
		var about struct {
			RecordID string `json:"recordId"`
			Field    string `json:"field"`
		}
		if err := json.Unmarshal(r.State, &about); err != nil {
			return nil, nil, fmt.Errorf("stored conflict %s: %w", r.ID, err)
		}
		// (about the "you said" of an action naming an erased comment, or of its translation)
		quotes := slices.Contains(plan.naming, about.RecordID) && (about.Field == "youSaid" || about.Field == "texts")
		if slices.Contains(plan.covered, about.RecordID) || quotes {
			plan.conflicts = append(plan.conflicts, r.ID)
		}
	}
	return plan, nil, nil
}

// add judges a rewritten record and adds it to the plan.
func (plan *erasurePlan) add(p *pusher, c *PushChange, r serverstore.Record, rec any) (*syncapi.Error, error) {
	rev := max(r.Rev, c.Rev) + 1
	m := involve.MetaOf(rec)
	m.TeamID, m.Rev, m.UpdatedAt = p.team, rev, p.nowText
	state, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	if _, _, err := syncapi.DecodeState(r.Entity, r.ID, state, p.key); err != nil {
		return errorf(syncapi.EINVALID, "This erasure could not be applied: the erased %s %s would not be valid (%s). Nothing was erased.",
			strings.ReplaceAll(r.Entity, "_", " "), r.ID, err), nil
	}
	plan.rewrites = append(plan.rewrites, erasedRecord{entity: r.Entity, id: r.ID, rev: rev, state: state})
	plan.counts[r.Entity]++
	return nil, nil
}

// erase does a new erasure's work, once the erasure itself is stored.
func (p *pusher) erase(ctx context.Context, c *PushChange) error {
	plan := c.erasure.plan
	history := make([]string, 0, len(plan.rewrites))
	for _, w := range plan.rewrites {
		history = append(history, w.id) // the covered records and the rewritten actions
	}
	if err := p.tx.EraseHistory(ctx, p.team, history); err != nil {
		return err
	}
	if err := p.tx.DeleteRecords(ctx, p.team, plan.conflicts); err != nil {
		return err
	}
	for _, w := range plan.rewrites {
		rec := serverstore.Record{TeamID: p.team, Entity: w.entity, ID: w.id, Rev: w.rev, State: w.state, DeviceID: ServerDeviceID, UpdatedAt: p.now}
		if err := p.put(ctx, &rec, c.ChangeID); err != nil {
			return err
		}
	}
	if p.erased != nil {
		p.erased.put(plan.er)
	}
	p.erasedAny = true
	var parts []string
	for _, entity := range []string{involve.EntityContributor, involve.EntityFeedback, involve.EntityConsent, involve.EntityTimeEntry, involve.EntityResponse, involve.EntityAction} {
		if n := plan.counts[entity]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(entity, "_", " ")))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing (the record is not on the server)"}
	}
	detail := fmt.Sprintf("erasure %s of %s %s: rewrote %s; deleted %d conflict records and the earlier revisions", c.RecordID,
		plan.er.SubjectEntity, plan.er.SubjectID, strings.Join(parts, ", "), len(plan.conflicts))
	return p.tx.Audit(ctx, serverstore.AuditEntry{At: p.now, TeamID: p.team, DeviceID: p.dev.ID, Action: "record.erased", Detail: detail})
}

// eraseMerged erases the merged state of a covered record (its history may be gone,
// so the merge had no base): the erased state wins, and no conflict is made about it.
func (p *pusher) eraseMerged(c *PushChange, merged map[string]json.RawMessage, fcs []syncapi.FieldConflict) ([]syncapi.FieldConflict, error) {
	if c.erasure.by == nil {
		return fcs, nil
	}
	b, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	rec, err := decodeRecord(c.Entity, b)
	if err != nil {
		return nil, fmt.Errorf("merged state: %w", err)
	}
	if c.erasure.by.Apply(rec) {
		b, err = json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		clear(merged)
		if err := json.Unmarshal(b, &merged); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// scrubAfterErasure asks the store, after a push that erased something has committed,
// to empty what it keeps beside its file (serverstore.Scrubber). Best effort: the next
// checkpoint does it otherwise.
func (s *Server) scrubAfterErasure(ctx context.Context) {
	sc, ok := s.store.(serverstore.Scrubber)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second) // the push's answer waits for it
	defer cancel()
	if err := sc.ScrubAfterErasure(ctx); err != nil {
		s.log.Warn("erased values may stay in the database's log until its next checkpoint", "error", err)
	}
}

// refuse answers a change refused by a check (why), or returns the check's error.
func (p *pusher) refuse(ctx context.Context, c *PushChange, why *syncapi.Error, err error) (syncapi.Result, error) {
	if err != nil {
		return syncapi.Result{}, err
	}
	return p.reject(ctx, c, why)
}

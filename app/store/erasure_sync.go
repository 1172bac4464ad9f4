package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/hin-south-london/involve/app/involve"
)

// Erasures in a sync transaction and an import: a pulled (or imported) erasure record
// is applied when it is first stored, in the same transaction, and the file and
// backups are cleared after the commit; any record written while the laptop holds an
// erasure that covers it is erased before it is written, so that an older state (from
// a push that had not finished, a page pulled before the erasure, an old export)
// never brings erased content back; a conflict about a covered record is not kept.

// erasureSet is the erasures a laptop holds, read once per transaction (they are few;
// a laptop that holds none pays one indexed look).
type erasureSet struct {
	loaded bool
	list   []*involve.Erasure
	fresh  []*involve.Erasure // stored in this transaction: cleared after the commit
}

// load reads the erasures the first time.
func (s *erasureSet) load(ctx context.Context, q queryer) error {
	if s.loaded {
		return nil
	}
	s.loaded = true
	return eachDoc(ctx, q, involve.EntityErasure, "", true, func(d involve.Doc) error {
		if e, ok := d.(*involve.Erasure); ok {
			s.list = append(s.list, e)
		}
		return nil
	})
}

// has reports whether an erasure of the subject is held.
func (s *erasureSet) has(entity, id string) bool {
	for _, e := range s.list {
		if e.SubjectEntity == entity && e.SubjectID == id {
			return true
		}
	}
	return false
}

// apply erases rec where a held erasure covers it. A conflict about a covered record
// is reported as dropped (it is not to be kept).
func (s *erasureSet) apply(ctx context.Context, q queryer, rec any) (drop bool, err error) {
	if len(s.list) == 0 {
		return false, nil
	}
	if c, ok := rec.(*involve.Conflict); ok {
		return s.coversRecord(ctx, q, c.Entity, c.RecordID)
	}
	for _, e := range s.list {
		e.Apply(rec)
	}
	return false, nil
}

// coversRecord reports whether a held erasure covers the record entity/id (a consent
// record, time entry or response by its subject, read from the docs table).
func (s *erasureSet) coversRecord(ctx context.Context, q queryer, entity, id string) (bool, error) {
	if s.has(entity, id) {
		return true, nil
	}
	if entity != involve.EntityConsent && entity != involve.EntityTimeEntry && entity != involve.EntityResponse {
		return false, nil
	}
	var parent sql.NullString
	err := q.QueryRowContext(ctx, `SELECT parent_id FROM docs WHERE id = ?`, id).Scan(&parent)
	if err == sql.ErrNoRows {
		return false, nil
	} else if err != nil {
		return false, err
	}
	for _, e := range s.list {
		if e.SubjectID == parent.String {
			return true, nil
		}
	}
	return false, nil
}

// applyState is apply for a stored state (a sync base): the erased state, or nil for
// one not to keep.
func (s *erasureSet) applyState(ctx context.Context, q queryer, entity string, state json.RawMessage) (json.RawMessage, error) {
	if len(s.list) == 0 || !erasable(entity) {
		return state, nil
	}
	rec, _, err := decodeRecord(entity, state)
	if err != nil {
		return state, nil
	}
	drop, err := s.apply(ctx, q, rec)
	if err != nil || drop {
		return nil, err
	}
	return json.Marshal(rec)
}

// erasable: records of these kinds may be covered by an erasure (or, a conflict, be
// about one).
func erasable(entity string) bool {
	switch entity {
	case involve.EntityContributor, involve.EntityConsent, involve.EntityTimeEntry, involve.EntityFeedback, involve.EntityResponse,
		involve.EntityConflict:
		return true
	}
	return false
}

// store writes a pulled or imported erasure record (put) and, the first time this
// laptop holds it, applies it; earlier words of an erased comment held by the caller
// are passed in texts.
func (s *erasureSet) store(ctx context.Context, tx *sql.Tx, e *involve.Erasure, put func() error, texts ...string) error {
	if err := s.load(ctx, tx); err != nil {
		return err
	}
	held := false
	for _, h := range s.list {
		held = held || h.ID == e.ID
	}
	if err := put(); err != nil {
		return err
	}
	if held {
		return nil
	}
	if _, err := applyErasureTx(ctx, tx, e, texts...); err != nil {
		return err
	}
	s.list = append(s.list, e)
	s.fresh = append(s.fresh, e)
	return nil
}

// pulledErasure is PutPulled for an erasure: what the page collected so far is erased
// too (feedback items and sync bases are written at Flush).
func (t *syncTx) pulledErasure(e *involve.Erasure) error {
	var texts []string
	for _, r := range t.fbRows {
		if r.f.ID == e.SubjectID {
			texts = append(texts, r.f.Text)
		}
	}
	if err := t.erasures.store(t.ctx, t.tx, e, func() error { return putRecord(t.ctx, t.tx, e) }, texts...); err != nil {
		return err
	}
	for _, r := range t.fbRows {
		e.Apply(r.f)
	}
	kept := t.bases[:0]
	for _, b := range t.bases {
		state, err := t.erasures.applyState(t.ctx, t.tx, b.entity, b.state)
		if err != nil {
			return err
		}
		if state != nil {
			b.state = state
			kept = append(kept, b)
		}
	}
	t.bases = kept
	return nil
}

// erasePulled erases a record about to be written by a sync transaction; drop: it is
// not to be written (a conflict about an erased record).
func (t *syncTx) erasePulled(rec any) (drop bool, err error) {
	if err := t.erasures.load(t.ctx, t.tx); err != nil {
		return false, err
	}
	return t.erasures.apply(t.ctx, t.tx, rec)
}

// eraseBase is erasePulled for a sync base's state (nil: not to be written).
func (t *syncTx) eraseBase(entity string, state json.RawMessage) (json.RawMessage, error) {
	if !erasable(entity) {
		return state, nil
	}
	if err := t.erasures.load(t.ctx, t.tx); err != nil {
		return nil, err
	}
	return t.erasures.applyState(t.ctx, t.tx, entity, state)
}

// importErasure is PutDoc for an erasure. It is stored and applied on any laptop, so
// that an export restored after an erasure cannot bring the erased content back; only
// a lead's laptop queues it for the server (which takes it from a lead alone).
func (im *Importer) importErasure(e *involve.Erasure) error {
	write := func(bool) error {
		// the feedback items written so far are indexed first: the erasure rewrites
		// an erased item's index row itself
		if err := im.index.flush(im.ctx, im.tx, searchDeferRows); err != nil {
			return err
		}
		return im.erasures.store(im.ctx, im.tx, e, func() error { return putDoc(im.ctx, im.tx, e) })
	}
	role, _, err := localRole(im.ctx, im.tx)
	if err != nil {
		return err
	}
	if involve.MayEdit(role, involve.EntityErasure, "") {
		return im.put(involve.EntityErasure, e.ID, e.Rev, e, write)
	}
	cur, err := im.currentRev(involve.DocTable, e.ID)
	if err != nil || cur >= 0 {
		if cur >= 0 {
			im.Skipped++
		}
		return err
	}
	im.Written++
	return write(true)
}

// eraseImported erases an imported record a held erasure covers, before it is
// written; skip: it is an erased partner or comment itself, not imported again.
func (im *Importer) eraseImported(rec any) (skip bool, err error) {
	if err := im.erasures.load(im.ctx, im.tx); err != nil || len(im.erasures.list) == 0 {
		return false, err
	}
	if err := im.flushRun(); err != nil { // before anything reads the outbox (importer_runs.go)
		return false, err
	}
	switch rec.(type) {
	case *involve.Contributor, *involve.Feedback:
		entity, id, _ := involve.ErasureSubject(rec)
		if im.erasures.has(entity, id) {
			im.Skipped++
			return true, nil
		}
	}
	_, err = im.erasures.apply(im.ctx, im.tx, rec)
	return false, err
}

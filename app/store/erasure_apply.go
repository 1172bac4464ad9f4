package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// applyErasureTx applies an erasure (involve.Erasure, docs/privacy.md) to everything a
// laptop database holds, inside tx: the live records it covers are rewritten to their
// erased state (keeping their revision, with no outbox entry: the server rewrites them
// too and every laptop pulls its states), and so are their sync bases; conflicts about
// them are destroyed with their outbox entries and sync bases; the outbox is scrubbed
// (a change of the erased subject becomes a rejected entry holding the erased state, a
// dependent's keeps going erased); a "you said" that quotes an erased comment loses the
// words; the comment's search index row is replaced and the index merged, so that no
// old term is left in it.
//
// It reads and writes only the stored (sealed) forms and needs no key, so the same
// function erases a backup copy (erasure_backup.go). texts are earlier words of an
// erased comment known to the caller (a pulled page's), besides those found here.
func applyErasureTx(ctx context.Context, tx *sql.Tx, e *involve.Erasure, texts ...string) (erasureCounts, error) {
	a := newEraser(ctx, tx, e)
	for _, t := range texts {
		a.addText(t)
	}
	if err := a.run(true); err != nil {
		return erasureCounts{}, err
	}
	return a.n, nil
}

func newEraser(ctx context.Context, tx *sql.Tx, e *involve.Erasure) *eraser {
	return &eraser{ctx: ctx, tx: tx, e: e, covered: map[[2]string]bool{}}
}

// run does the work; merge false leaves the search index's segments as they are (a
// preview, rolled back).
func (a *eraser) run(merge bool) error {
	for _, step := range []func() error{a.docs, a.feedback, a.bases, a.outbox, a.actions, a.conflicts} {
		if err := step(); err != nil {
			return err
		}
	}
	// The comment's words leave the search index's word list now, not at the next
	// housekeeping (search_words.go).
	if err := applySearchWordsLog(a.ctx, a.tx); err != nil {
		return err
	}
	if merge && a.e.SubjectEntity == involve.EntityFeedback {
		// Merge every segment into one: a deleted row's terms stay in the FTS5 index's
		// segments (marked by a tombstone: the index is contentless, migration 0010)
		// until merged.
		if _, err := a.tx.ExecContext(a.ctx, `INSERT INTO search(search) VALUES ('optimize')`); err != nil {
			return err
		}
	}
	return nil
}

// erasureCounts is what an erasure found (involve.ErasureSummary's counts).
type erasureCounts struct {
	Consents, TimeEntries, Conflicts, Actions int
}

type eraser struct {
	ctx     context.Context
	tx      *sql.Tx
	e       *involve.Erasure
	covered map[[2]string]bool // entity, id of every covered record found
	// naming: entity, id of every action naming an erased comment and of their
	// translations (their conflicts about a "you said" are destroyed too)
	naming [][2]string
	texts  []string // the erased comment's words, as held anywhere here
	n      erasureCounts
}

func (a *eraser) addText(t string) {
	if strings.TrimSpace(t) == "" || t == involve.ErasedText {
		return
	}
	for _, have := range a.texts {
		if have == t {
			return
		}
	}
	a.texts = append(a.texts, t)
}

// eraseQuoted applies involve.EraseQuoted for every known text of the comment.
func (a *eraser) eraseQuoted(act *involve.Action) bool {
	changed := false
	for _, t := range a.texts {
		changed = involve.EraseQuoted(act, a.e.SubjectID, t) || changed
	}
	return changed
}

// docs rewrites the covered docs: the partner, and the consent records, time entries
// and responses of the subject (a doc's parent_id is its subject), deleted ones too.
func (a *eraser) docs() error {
	var keys [][2]string
	err := scanRows(a.ctx, a.tx, `SELECT entity, id FROM docs WHERE (id = ?1 AND entity = ?2)
		OR (parent_id = ?1 AND entity IN ('consent', 'time_entry', 'response'))`, []any{a.e.SubjectID, a.e.SubjectEntity},
		func(r *sql.Rows) error {
			var k [2]string
			err := r.Scan(&k[0], &k[1])
			keys = append(keys, k)
			return err
		})
	if err != nil {
		return err
	}
	for _, k := range keys {
		d, err := loadDoc(a.ctx, a.tx, k[0], k[1])
		if err != nil {
			return err
		}
		if !a.e.Covers(d) {
			continue
		}
		a.cover(k[0], k[1])
		if a.e.Apply(d) {
			if err := putDoc(a.ctx, a.tx, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// cover notes a covered record and counts it once.
func (a *eraser) cover(entity, id string) {
	k := [2]string{entity, id}
	if a.covered[k] {
		return
	}
	a.covered[k] = true
	switch entity {
	case involve.EntityConsent:
		a.n.Consents++
	case involve.EntityTimeEntry:
		a.n.TimeEntries++
	}
}

// feedback rewrites an erased comment (its search index row with it: putFeedback).
func (a *eraser) feedback() error {
	if a.e.SubjectEntity != involve.EntityFeedback {
		return nil
	}
	f, err := findFeedback(a.ctx, a.tx, a.e.SubjectID, true)
	if errors.Is(err, errFeedbackNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	a.cover(involve.EntityFeedback, f.ID)
	a.addText(f.Text)
	if a.e.Apply(&f) {
		return putFeedback(a.ctx, a.tx, &f)
	}
	return nil
}

// coveredStatesSQL selects, from a table of (entity, record_id, state) rows, those
// that may be covered (checked with Covers after decoding).
const coveredStatesSQL = ` WHERE (entity = ?1 AND record_id = ?2)
	OR (entity IN ('consent', 'time_entry') AND state <> '' AND (state ->> '$.subjectId' = ?2 OR state ->> '$.contributorId' = ?2))
	OR (entity = 'response' AND state <> '' AND state ->> '$.feedbackId' = ?2)`

// bases erases the sync bases of covered records (the server's last states, kept to
// merge with), noting the comment's words in them first.
func (a *eraser) bases() error {
	// (a light base holds no state: it is the row, erased in place; sync_base_light.go)
	return a.scanStates(`SELECT 0, entity, record_id, '', state FROM (SELECT entity, record_id, state FROM sync_base WHERE state <> '')`+coveredStatesSQL,
		func(_ int64, entity, id, _ string, rec any) error {
			if !a.e.Apply(rec) {
				return nil
			}
			b, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			_, err = a.tx.ExecContext(a.ctx, `UPDATE sync_base SET state = ? WHERE entity = ? AND record_id = ?`, string(b), entity, id)
			return err
		})
}

// outbox scrubs the changes of covered records waiting to be sent (or rejected): a
// change of the erased subject is not kept (a rejected entry holding the erased state
// says so); a dependent's keeps going, erased.
func (a *eraser) outbox() error {
	// a light entry of the subject takes the (erased) row's state first (outbox_light.go)
	if err := fillLightRecord(a.ctx, a.tx, a.e.SubjectEntity, a.e.SubjectID); err != nil {
		return err
	}
	return a.scanStates(`SELECT seq, entity, record_id, status, state FROM outbox`+coveredStatesSQL,
		func(seq int64, entity, id, status string, rec any) error {
			changed := a.e.Apply(rec)
			subject := entity == a.e.SubjectEntity && id == a.e.SubjectID
			if !changed && (!subject || status == "rejected") {
				return nil
			}
			b, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			if !subject {
				_, err = a.tx.ExecContext(a.ctx, `UPDATE outbox SET state = ? WHERE seq = ?`, string(b), seq)
				return err
			}
			// The subject's creation, never acknowledged by the server: it goes on, erased,
			// so that the server keeps what is kept (a partner's payments name them) and the
			// erasure that follows it in the outbox finds it.
			if status == "pending" {
				var base int64
				if err := a.tx.QueryRowContext(a.ctx, `SELECT base_rev FROM outbox WHERE seq = ?`, seq).Scan(&base); err != nil {
					return err
				}
				if base == 0 {
					_, err = a.tx.ExecContext(a.ctx, `UPDATE outbox SET state = ? WHERE seq = ?`, string(b), seq)
					return err
				}
			}
			_, err = a.tx.ExecContext(a.ctx, `UPDATE outbox SET state = ?, status = 'rejected', error = ?, `+keepChangeIDSQL+` WHERE seq = ?`,
				string(b), erasedChangeReason(a.e), seq)
			return err
		})
}

// erasedChangeReason says why a change of an erased record was not kept.
func erasedChangeReason(e *involve.Erasure) string {
	what := "This comment"
	if e.SubjectEntity == involve.EntityContributor {
		what = "This Lived Experience Partner"
	}
	return what + " was erased on " + involve.LongDate(dateOf(e.CreatedAt)) + ": this change was not kept."
}

// dateOf is the date part (YYYY-MM-DD) of a stored time.
func dateOf(t string) string {
	if len(t) >= 10 {
		return t[:10]
	}
	return t
}

// scanStates runs q (selecting key, entity, record_id, status, state; given the
// subject's entity and id) and calls fn, after the rows are read, with each covered
// record decoded. The comment's words in the states are noted first.
func (a *eraser) scanStates(q string, fn func(key int64, entity, id, status string, rec any) error) error {
	type row struct {
		key                int64
		entity, id, status string
		rec                any
	}
	var found []row
	err := scanRows(a.ctx, a.tx, q, []any{a.e.SubjectEntity, a.e.SubjectID}, func(r *sql.Rows) error {
		var x row
		var state string
		if err := r.Scan(&x.key, &x.entity, &x.id, &x.status, &state); err != nil {
			return err
		}
		rec, _, err := decodeRecord(x.entity, []byte(state))
		if err != nil || !a.e.Covers(rec) {
			return nil // a damaged state names nothing
		}
		a.cover(x.entity, x.id)
		if f, ok := rec.(*involve.Feedback); ok {
			a.addText(f.Text)
		}
		x.rec = rec
		found = append(found, x)
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range found {
		if err := fn(r.key, r.entity, r.id, r.status, r.rec); err != nil {
			return err
		}
	}
	return nil
}

// actions replaces an erased comment's words in every "you said" that names it: the
// actions, their sync bases and their waiting changes.
func (a *eraser) actions() error {
	if a.e.SubjectEntity != involve.EntityFeedback {
		return nil
	}
	names := `EXISTS (SELECT 1 FROM json_each(state, '$.feedbackIds') WHERE value = ?)`
	var ids []string
	if err := scanRows(a.ctx, a.tx, `SELECT id FROM docs WHERE entity = 'action' AND `+names, []any{a.e.SubjectID},
		func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		}); err != nil {
		return err
	}
	for _, id := range ids { // their conflicts about a "you said" go (conflicts), as on the server
		a.naming = append(a.naming, [2]string{involve.EntityAction, id})
		if err := scanRows(a.ctx, a.tx, `SELECT id FROM docs WHERE entity = 'translation' AND parent_id = ?`, []any{id},
			func(r *sql.Rows) error {
				var tid string
				err := r.Scan(&tid)
				a.naming = append(a.naming, [2]string{involve.EntityTranslation, tid})
				return err
			}); err != nil {
			return err
		}
	}
	if len(a.texts) == 0 {
		return nil
	}
	var rewritten []string
	for _, id := range ids {
		d, err := loadDoc(a.ctx, a.tx, involve.EntityAction, id)
		if err != nil {
			return err
		}
		if act, ok := d.(*involve.Action); ok && a.eraseQuoted(act) {
			a.n.Actions++
			rewritten = append(rewritten, id)
			if err := putDoc(a.ctx, a.tx, act); err != nil {
				return err
			}
		}
	}
	if err := a.translatedQuotes(rewritten); err != nil {
		return err
	}
	for _, table := range []string{"sync_base", "outbox"} {
		key := "record_id"
		if table == "outbox" {
			key = "seq"
		}
		if err := a.rewriteStates(`SELECT `+key+`, entity, state FROM `+table+` WHERE entity = 'action' AND `+names,
			`UPDATE `+table+` SET state = ? WHERE entity = 'action' AND `+key+` = ?`, func(rec any) (bool, error) {
				act, ok := rec.(*involve.Action)
				return ok && a.eraseQuoted(act), nil
			}); err != nil {
			return err
		}
	}
	return nil
}

// translatedQuotes drops the translated "you said" of the translations of the actions
// whose "you said" lost the comment's words (involve.EraseTranslatedQuote): stored, known
// by their sync base, and waiting in the outbox (the server does the same).
func (a *eraser) translatedQuotes(actionIDs []string) error {
	for _, id := range actionIDs {
		var trIDs []string
		if err := scanRows(a.ctx, a.tx, `SELECT id FROM docs WHERE entity = 'translation' AND parent_id = ?`, []any{id},
			func(r *sql.Rows) error {
				var tid string
				err := r.Scan(&tid)
				trIDs = append(trIDs, tid)
				return err
			}); err != nil {
			return err
		}
		for _, tid := range trIDs {
			d, err := loadDoc(a.ctx, a.tx, involve.EntityTranslation, tid)
			if err != nil {
				return err
			}
			if t, ok := d.(*involve.Translation); ok && involve.EraseTranslatedQuote(t) {
				if err := putDoc(a.ctx, a.tx, t); err != nil {
					return err
				}
			}
		}
		of := involve.ActionOf(id)
		for _, table := range []string{"sync_base", "outbox"} {
			key := "record_id"
			if table == "outbox" {
				key = "seq"
			}
			if err := a.rewriteStatesOf(`SELECT `+key+`, entity, state FROM `+table+
				` WHERE entity = 'translation' AND json_extract(state, '$.of') = ?`, []any{of},
				`UPDATE `+table+` SET state = ? WHERE entity = 'translation' AND `+key+` = ?`, func(rec any) (bool, error) {
					t, ok := rec.(*involve.Translation)
					return ok && t.Of == of && involve.EraseTranslatedQuote(t), nil
				}); err != nil {
				return err
			}
		}
	}
	return nil
}

// rewriteStates reads (key, entity, state) rows with sel (given the subject's id),
// and writes back with upd (state, key) those that fn changed.
func (a *eraser) rewriteStates(sel, upd string, fn func(rec any) (bool, error)) error {
	return a.rewriteStatesOf(sel, []any{a.e.SubjectID}, upd, fn)
}

// rewriteStatesOf is rewriteStates with sel's arguments given.
func (a *eraser) rewriteStatesOf(sel string, args []any, upd string, fn func(rec any) (bool, error)) error {
	type row struct {
		key   any
		state []byte
	}
	var out []row
	err := scanRows(a.ctx, a.tx, sel, args, func(r *sql.Rows) error {
		var key any
		var entity, state string
		if err := r.Scan(&key, &entity, &state); err != nil {
			return err
		}
		rec, _, err := decodeRecord(entity, []byte(state))
		if err != nil {
			return nil
		}
		changed, err := fn(rec)
		if err != nil || !changed {
			return err
		}
		b, err := json.Marshal(rec)
		out = append(out, row{key, b})
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range out {
		if _, err := a.tx.ExecContext(a.ctx, upd, string(r.state), r.key); err != nil {
			return err
		}
	}
	return nil
}

// conflicts destroys the conflicts about covered records: stored, waiting in the
// outbox, or known by their sync base.
func (a *eraser) conflicts() error {
	keys := make([][2]string, 0, len(a.covered))
	for k := range a.covered {
		keys = append(keys, k)
	}
	list := jsonList(keys)
	var ids []string
	quotes := `IN ('youSaid', 'texts')` // an action's, a translation's "you said"
	err := scanRows(a.ctx, a.tx, `SELECT c.id FROM conflicts c JOIN json_each(?1) j
			ON c.entity = j.value ->> 0 AND c.record_id = j.value ->> 1
		UNION SELECT b.record_id FROM sync_base b JOIN json_each(?1) j ON b.entity = 'conflict'
			AND b.state ->> '$.entity' = j.value ->> 0 AND b.state ->> '$.recordId' = j.value ->> 1
		UNION SELECT o.record_id FROM outbox o JOIN json_each(?1) j ON o.entity = 'conflict'
			AND o.state ->> '$.entity' = j.value ->> 0 AND o.state ->> '$.recordId' = j.value ->> 1
		UNION SELECT c.id FROM conflicts c JOIN json_each(?2) j
			ON c.entity = j.value ->> 0 AND c.record_id = j.value ->> 1 AND c.field `+quotes+`
		UNION SELECT b.record_id FROM sync_base b JOIN json_each(?2) j ON b.entity = 'conflict'
			AND b.state ->> '$.entity' = j.value ->> 0 AND b.state ->> '$.recordId' = j.value ->> 1
			AND b.state ->> '$.field' `+quotes+`
		UNION SELECT o.record_id FROM outbox o JOIN json_each(?2) j ON o.entity = 'conflict'
			AND o.state ->> '$.entity' = j.value ->> 0 AND o.state ->> '$.recordId' = j.value ->> 1
			AND o.state ->> '$.field' `+quotes, []any{list, jsonList(a.naming)},
		func(r *sql.Rows) error {
			var id string
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return err
	}
	a.n.Conflicts = len(ids)
	if len(ids) > 0 {
		idList := jsonList(ids)
		for _, q := range []string{`DELETE FROM conflicts WHERE id IN (SELECT value FROM json_each(?))`,
			`DELETE FROM outbox WHERE entity = 'conflict' AND record_id IN (SELECT value FROM json_each(?))`,
			`DELETE FROM sync_base WHERE entity = 'conflict' AND record_id IN (SELECT value FROM json_each(?))`} {
			if _, err := a.tx.ExecContext(a.ctx, q, idList); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanRows runs a query and calls fn for each row.
func scanRows(ctx context.Context, q queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

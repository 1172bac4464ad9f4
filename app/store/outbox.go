package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/google/uuid"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// enqueue records a mutation in the outbox in the caller's transaction. A change to a
// record that already waits unsent is folded into that entry, so an autosaving notes
// field makes one change, not one per keystroke; its base_rev stays the one the
// server last saw.
//
// A rate card's changes are never folded: a time entry may have been priced from an
// amount the card held between two changes, and the server accepts an entry's rate
// only if the card has had that amount (involve.CheckFee), so each state is sent.
// Nor are a consent record's: a partner is shown by name again only while a live
// consent record exists (involve.CheckContributorConsent), and the server judges that
// on the states it is sent, so a consent recorded and then deleted before one sync
// must reach it as both states, the live one before the partner's change.
//
// A time entry's change is folded but moves to the end of the queue, as a new one
// would: saving an entry works its fee out again from the rate card as it is now, so
// its new state must reach the server after every change of the card queued before it
// (the server knows only the amounts it has been sent, and a laptop may push one
// change a request). No record has a time entry as its parent, so none waits for it.
// A translation's change moves to the end too: its words may be for keys of a state
// of its question set that is itself queued (a question added in place after the
// translation's first change), and the server takes only keys of states of the set it
// has been sent. No record has a translation as its parent.
//
// Every local change passes here, so this is where a change the laptop's role may not
// make (a capture laptop and a Lived Experience Partner) is refused, rolling back the
// caller's transaction: nothing is stored or queued that the server would refuse.
func (db *DB) enqueue(ctx context.Context, tx *sql.Tx, entity, id string, baseRev, rev int64, state any, now string) error {
	if err := checkLocalWrite(ctx, tx, entity, state); err != nil {
		return err
	}
	if err := checkNotErased(ctx, tx, entity, state); err != nil {
		return err
	}
	if err := db.checkSealedState(entity, state); err != nil {
		return err
	}
	b, err := marshalState(state)
	if err != nil {
		return err
	}
	// an import entry of the record is folded into like any other (outbox_import.go)
	if err := materialiseRecord(ctx, tx, entity, id); err != nil {
		return err
	}
	switch entity {
	case involve.EntityRateCard, involve.EntityConsent:
		// never folded
	case involve.EntityTimeEntry, involve.EntityTranslation:
		if moved, err := foldToEnd(ctx, tx, entity, id, rev, b, now); err != nil || moved {
			return err
		}
	default:
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET rev = ?, state = ?, updated_at = ?
			WHERE entity = ? AND record_id = ? AND sent_at IS NULL AND status = 'pending'`,
			rev, b, now, entity, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
	}
	// A change made on top of one the server rejected is based on what the server has.
	var rejectedBase int64
	err = tx.QueryRowContext(ctx, `SELECT base_rev FROM outbox WHERE entity = ? AND record_id = ? AND status = 'rejected' AND rev = ?`,
		entity, id, baseRev).Scan(&rejectedBase)
	if err == nil {
		baseRev = rejectedBase
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, newChangeID(), entity, id, baseRev, rev, b, now, now)
	return err
}

// PendingChanges lists outbox entries not yet pushed, oldest first. An import's light
// entry has no change id ("") until it is first taken to be pushed (Take).
func (db *DB) PendingChanges(ctx context.Context, limit int) ([]syncer.OutboxEntry, error) {
	if limit <= 0 {
		limit = 1000
	}
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT seq, coalesce(change_id, ''), entity, record_id, base_rev, rev, state, status, error
		FROM outbox WHERE status = 'pending' UNION ALL `+importedPendingSQL+` ORDER BY 1 LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []syncer.OutboxEntry
	for rows.Next() {
		var e syncer.OutboxEntry
		var state string
		if err := rows.Scan(&e.Seq, &e.ChangeID, &e.Entity, &e.RecordID, &e.BaseRev, &e.Rev, &state, &e.Status, &e.Error); err != nil {
			return nil, err
		}
		e.State = json.RawMessage(state)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// a light entry's state is its record's (outbox_light.go)
	return out, fillLight(ctx, tx, out)
}

// OutboxCounts tells how many changes wait to be pushed and how many were rejected.
func (db *DB) OutboxCounts(ctx context.Context) (pending, rejected int, err error) {
	err = db.reader.QueryRowContext(ctx, `SELECT
		coalesce(sum(status = 'pending'), 0) + (SELECT count(*) FROM outbox_import), coalesce(sum(status = 'rejected'), 0) FROM outbox`).Scan(&pending, &rejected)
	return
}

// marshalState encodes a record's full state for the outbox.
// It is stored as TEXT (a STRICT column), so it is returned as a string.
func marshalState(state any) (string, error) {
	b, err := json.Marshal(state)
	return string(b), err
}

// newChangeID makes the id of an outbox change (UUIDv7: sortable by time).
func newChangeID() string { return uuid.Must(uuid.NewV7()).String() }

// keepChangeIDSQL is an UPDATE's assignment that gives an entry without a change id
// (an import's light entry never taken, migration 0011) a new random one (a UUIDv4, one
// per row): an entry rejected without being sent still has an id to be listed by
// (FindRejectedChanges).
const keepChangeIDSQL = `change_id = coalesce(change_id, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
	substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
	hex(randomblob(6))))`

// checkSealedState refuses to queue a record of a kind with sealed fields while
// Involve is locked, and (a mistake of the store's, never of a person's) a state that
// holds a sealed field's value in plain text: what is queued is sent and stored as it
// is.
func (db *DB) checkSealedState(entity string, state any) error {
	plain := errors.New("store: a change was about to be queued with an identifying field unsealed")
	if c, ok := state.(*involve.Conflict); ok {
		cp := *c
		_, err := applyConflict(&cp, func(place, v string) (string, error) {
			if !involve.IsSealedValue(v) {
				return "", plain
			}
			return v, nil
		})
		return err
	}
	if !involve.HasSealedFields(entity) {
		return nil
	}
	if !db.Unlocked() {
		return errLocked
	}
	if involve.HasPlainSealedField(state) {
		return plain
	}
	return nil
}

// foldToEnd folds a change into the record's unsent entry, if there is one, and moves
// that entry to the end of the outbox (a new seq; the same change id, or none, which
// was never sent, and the same base revision). It reports whether there was one.
func foldToEnd(ctx context.Context, tx *sql.Tx, entity, id string, rev int64, state, now string) (bool, error) {
	var seq, base int64
	var changeID sql.NullString // none for a light entry never taken (migration 0011)
	var created string
	err := tx.QueryRowContext(ctx, `SELECT seq, change_id, base_rev, created_at FROM outbox
		WHERE entity = ? AND record_id = ? AND sent_at IS NULL AND status = 'pending' ORDER BY seq DESC LIMIT 1`,
		entity, id).Scan(&seq, &changeID, &base, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE seq = ?`, seq); err != nil {
		return false, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO outbox(change_id, entity, record_id, base_rev, rev, state, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, changeID, entity, id, base, rev, state, created, now)
	return err == nil, err
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// Conflicts are made by the server when the same field of a record changed on two
// devices (docs/sync-protocol.md). They arrive by pull like any record; a person
// resolves one here, which changes the record and the conflict in one transaction,
// both with outbox entries, so every device sees the resolution.

const conflictCols = `c.id, c.entity, c.record_id, c.field, c.base, c.winner, c.loser, c.status, c.resolution,
	c.resolved_at, c.resolved_by, c.created_at, c.updated_at, c.created_by, c.device_id, c.rev,
	coalesce(c.deleted_at, ''), c.team_id`

func scanConflict(sc scanner, extra ...any) (involve.Conflict, error) {
	var c involve.Conflict
	var base, winner, loser string
	err := sc.Scan(append([]any{&c.ID, &c.Entity, &c.RecordID, &c.Field, &base, &winner, &loser, &c.Status,
		&c.Resolution, &c.ResolvedAt, &c.ResolvedBy, &c.CreatedAt, &c.UpdatedAt, &c.CreatedBy, &c.DeviceID, &c.Rev,
		&c.DeletedAt, &c.TeamID}, extra...)...)
	if err != nil {
		return c, err
	}
	c.Base = json.RawMessage(base)
	// a damaged side reads as empty rather than hiding the conflict
	_ = json.Unmarshal([]byte(winner), &c.Winner)
	_ = json.Unmarshal([]byte(loser), &c.Loser)
	return c, nil
}

func jsonText(v json.RawMessage) string {
	if len(strings.TrimSpace(string(v))) == 0 {
		return "null"
	}
	return string(v)
}

// putConflict writes a conflict record's full state.
func putConflict(ctx context.Context, tx *sql.Tx, c *involve.Conflict) error {
	if err := checkConflictSealed(c); err != nil {
		return err
	}
	winner, err := json.Marshal(c.Winner)
	if err != nil {
		return err
	}
	loser, err := json.Marshal(c.Loser)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO conflicts(id, entity, record_id, field, base, winner, loser, status,
		resolution, resolved_at, resolved_by, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET entity=excluded.entity, record_id=excluded.record_id, field=excluded.field,
		base=excluded.base, winner=excluded.winner, loser=excluded.loser, status=excluded.status,
		resolution=excluded.resolution, resolved_at=excluded.resolved_at, resolved_by=excluded.resolved_by,
		created_at=excluded.created_at, updated_at=excluded.updated_at, created_by=excluded.created_by,
		device_id=excluded.device_id, rev=excluded.rev, deleted_at=excluded.deleted_at, team_id=excluded.team_id`,
		c.ID, c.Entity, c.RecordID, c.Field, jsonText(c.Base), string(winner), string(loser), c.Status,
		c.Resolution, c.ResolvedAt, c.ResolvedBy, c.CreatedAt, c.UpdatedAt, c.CreatedBy, c.DeviceID, c.Rev,
		nullIfEmpty(c.DeletedAt), c.TeamID)
	return err
}

// ConflictInfo is a conflict with what a person needs to decide it: the record's
// title and the field's value in the record now.
type ConflictInfo struct {
	involve.Conflict
	RecordTitle   string
	SessionID     string          // the session a feedback item belongs to (a session's own id)
	RecordFound   bool            // false: the record has not reached this laptop yet
	RecordDeleted bool            // the record is deleted (a tombstone) now
	Current       json.RawMessage // the field's value in the record now ("null" if absent)
	CurrentAt     string          // when the record last changed
}

// FindConflicts lists conflicts that are not deleted: open ones first, newest first.
func (db *DB) FindConflicts(ctx context.Context) ([]ConflictInfo, error) {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.deleted_at IS NULL
		ORDER BY c.status = 'open' DESC, c.created_at DESC, c.pk DESC LIMIT 1000`)
	if err != nil {
		return nil, err
	}
	var list []involve.Conflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]ConflictInfo, 0, len(list))
	for _, c := range list {
		ci, err := db.conflictInfo(ctx, tx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, ci)
	}
	return out, nil
}

// FindConflictByID returns one conflict.
func (db *DB) FindConflictByID(ctx context.Context, id string) (ConflictInfo, error) {
	return db.findConflictInfo(ctx, db.reader, id)
}

var errConflictNotFound = involve.Errorf(involve.ENOTFOUND, "That conflict could not be found.")

func (db *DB) findConflictInfo(ctx context.Context, q queryer, id string) (ConflictInfo, error) {
	c, err := scanConflict(q.QueryRowContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.id = ? AND c.deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ConflictInfo{}, errConflictNotFound
	} else if err != nil {
		return ConflictInfo{}, err
	}
	return db.conflictInfo(ctx, q, c)
}

// conflictInfo shows a conflict with the record now; the values of a conflict about a
// sealed field are opened (ELOCKED while locked).
func (db *DB) conflictInfo(ctx context.Context, q queryer, c involve.Conflict) (ConflictInfo, error) {
	if err := db.openConflict(&c); err != nil {
		return ConflictInfo{}, err
	}
	ci := ConflictInfo{Conflict: c, Current: json.RawMessage("null")}
	rec, meta, err := db.loadRecord(ctx, q, c.Entity, c.RecordID)
	if involve.ErrorCode(err) == involve.ENOTFOUND {
		return ci, nil
	} else if err != nil {
		return ci, err
	}
	ci.RecordFound, ci.RecordDeleted, ci.CurrentAt = true, meta.DeletedAt != "", meta.UpdatedAt
	switch v := rec.(type) {
	case *involve.Session:
		ci.RecordTitle, ci.SessionID = v.Title, v.ID
	case *involve.Feedback:
		ci.RecordTitle, ci.SessionID = shortTitle(v.Text), v.SessionID
	case *involve.Project:
		ci.RecordTitle = v.Name
	case *involve.Theme:
		ci.RecordTitle = v.Label
	case involve.Doc:
		ci.RecordTitle = shortTitle(v.Title())
	}
	m, err := stateMap(rec)
	if err != nil {
		return ci, err
	}
	if v, ok := m[c.Field]; ok {
		ci.Current = v
	}
	return ci, nil
}

// ResolveConflict settles a conflict: "kept" keeps the winner's value, "replaced" puts
// the loser's value back, "combined" sets value (JSON) — a new value a person wrote
// from both. In one transaction the record's field gets that value (validated like any
// edit, with a new revision and an outbox entry) and the conflict is marked resolved
// (with its own outbox entry), so every device sees both.
func (db *DB) ResolveConflict(ctx context.Context, id, resolution string, value json.RawMessage) (ConflictInfo, error) {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanConflict(tx.QueryRowContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.id = ? AND c.deleted_at IS NULL`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return errConflictNotFound
		} else if err != nil {
			return err
		}
		if c.Status == involve.ConflictResolved {
			return involve.Errorf(involve.ECONFLICT, "This conflict has already been resolved (%s by %s).", c.Resolution, orSomeone(c.ResolvedBy))
		}
		var chosen json.RawMessage
		switch resolution {
		case involve.ResolutionKept:
			chosen = c.Winner.Value
		case involve.ResolutionReplaced:
			chosen = c.Loser.Value
		case involve.ResolutionCombined:
			if len(strings.TrimSpace(string(value))) == 0 || !json.Valid(value) {
				return (involve.Problems{{Field: "value", Message: "Enter the combined value"}}).Err("conflict")
			}
			chosen = value
		default:
			return (involve.Problems{{Field: "resolution", Message: "Select which value to keep, or combine them"}}).Err("conflict")
		}
		if len(chosen) == 0 {
			chosen = json.RawMessage("null")
		}
		if resolution != involve.ResolutionCombined && isSealedField(c.Entity, c.Field) {
			// the stored values are sealed: the record's field takes the plain value
			opened := c
			opened.Winner.Value, opened.Loser.Value, opened.Base = chosen, nil, nil
			if err := db.openConflict(&opened); err != nil {
				return err
			}
			chosen = opened.Winner.Value
		}
		if err := db.setField(ctx, tx, c.Entity, c.RecordID, c.Field, chosen); err != nil {
			return err
		}
		now := involve.FormatTime(db.Now())
		base := c.Rev
		c.Status, c.Resolution, c.ResolvedAt, c.ResolvedBy = involve.ConflictResolved, resolution, now, db.UserName()
		c.UpdatedAt, c.Rev = now, db.nextRev(base)
		if err := putConflict(ctx, tx, &c); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntityConflict, c.ID, base, c.Rev, &c, now)
	})
	if err != nil {
		return ConflictInfo{}, err
	}
	return db.FindConflictByID(ctx, id)
}

func orSomeone(name string) string {
	if name == "" {
		return "someone"
	}
	return name
}

// setField changes one field of a record as a normal local edit: validated, a new
// revision, the search index, an outbox entry.
func (db *DB) setField(ctx context.Context, tx *sql.Tx, entity, id, field string, value json.RawMessage) error {
	if tableOf(entity) == "" || entity == involve.EntityConflict {
		return involve.Errorf(involve.EINVALID, "This conflict names a kind of record Involve does not know.")
	}
	rec, meta, err := db.loadRecord(ctx, tx, entity, id)
	if involve.ErrorCode(err) == involve.ENOTFOUND {
		return involve.Errorf(involve.ENOTFOUND, "The record this conflict is about is not on this laptop yet. Sync, then try again.")
	} else if err != nil {
		return err
	}
	m, err := stateMap(rec)
	if err != nil {
		return err
	}
	if field == "deletedAt" && string(value) == `""` {
		value = json.RawMessage("null")
	}
	m[field] = value
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	next, nextMeta, err := decodeRecord(entity, b)
	if err != nil {
		return (involve.Problems{{Field: "value", Message: "Enter a value of the right kind for this field"}}).Err("conflict")
	}
	// a restored or edited record must pass the same rules as any edit, deleted or not
	// (the server validates tombstones too, and would reject it)
	if err := validateRecord(entity, next); err != nil {
		return err
	}
	// A time entry's fee follows its time and the rate card in force, as when it is
	// edited: choosing one side's minutes (or fee) works the fee out again, or the
	// server refuses the entry as not following its rate card.
	if e, ok := next.(*involve.TimeEntry); ok && e.DeletedAt == "" && feeFields[field] {
		if err := db.priceTx(&DocTx{db: db, ctx: ctx, tx: tx}, e); err != nil {
			return err
		}
	}
	if nextMeta.DeletedAt != "" {
		// a deleted record may point at a deleted parent, but not at a missing one
		if table, pid := parentOf(next); pid != "" {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", pid).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return (involve.Problems{{Field: "value", Message: "Choose a value that names a record on this laptop"}}).Err("conflict")
			} else if err != nil {
				return err
			}
		}
	} else {
		if f, ok := next.(*involve.Feedback); ok {
			if err := checkFeedbackRefs(ctx, tx, &f.FeedbackInput); err != nil {
				return err
			}
		}
		if s, ok := next.(*involve.Session); ok {
			if err := db.checkProject(ctx, tx, s.ProjectID); err != nil {
				return err
			}
		}
		if d, ok := next.(involve.Doc); ok {
			if err := checkDocParent(ctx, tx, d); err != nil {
				return err
			}
		}
	}
	now := involve.FormatTime(db.Now())
	base := meta.Rev
	*nextMeta = *meta
	if field == "deletedAt" {
		var del string
		_ = json.Unmarshal(value, &del)
		nextMeta.DeletedAt = del
	}
	nextMeta.UpdatedAt, nextMeta.Rev = now, db.nextRev(base)
	if d, ok := next.(involve.Doc); ok {
		if next, err = db.sealDoc(d); err != nil {
			return err
		}
	}
	if err := putRecord(ctx, tx, next); err != nil {
		return err
	}
	return db.enqueue(ctx, tx, entity, id, base, nextMeta.Rev, next, now)
}

// feeFields are the fields of a time entry its fee is worked out from, and the fee.
var feeFields = map[string]bool{"minutesPrep": true, "minutesAttend": true, "minutesFollowUp": true, "minutesTravel": true,
	"date": true, "unit": true, "route": true, "rateCardId": true, "ratePence": true, "feePence": true,
	"feeOverridePence": true, "overrideReason": true, "contributorId": true}

// OpenConflictCount is how many conflicts wait for a person.
func (db *DB) OpenConflictCount(ctx context.Context) (int, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE status = 'open' AND deleted_at IS NULL`).Scan(&n)
	return n, err
}

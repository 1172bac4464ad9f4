package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/sqldb"
)

// Docs (involve.Doc) are the records of outcome-led involvement, kept as JSON
// documents in the docs table (migration 0005; involve.DocTable). This file is their
// whole store: create, edit, delete, restore, find; sync, export and conflicts reach
// them through the same switch points as the core records (sync_records.go).

const docCols = `d.state, d.created_at, d.updated_at, d.created_by, d.device_id, d.rev, coalesce(d.deleted_at, ''), d.team_id`

// scanDoc reads a doc row: the state, then the metadata columns over it (the columns
// are the truth for the bookkeeping).
func scanDoc(s scanner, entity string, extra ...any) (involve.Doc, error) {
	var state string
	var m involve.Meta
	dest := []any{&state, &m.CreatedAt, &m.UpdatedAt, &m.CreatedBy, &m.DeviceID, &m.Rev, &m.DeletedAt, &m.TeamID}
	if err := s.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	d, err := involve.DecodeDoc(entity, []byte(state))
	if err != nil {
		return nil, err
	}
	dm := d.DocMeta()
	m.ID = dm.ID
	*dm = m
	return d, nil
}

// putDoc writes a doc's full state (insert or replace by id) as it is stored: a
// record of a kind with sealed fields must come sealed (DB.sealDoc; a pulled one is
// sealed as received), and its title is worked out from the sealed form (a
// contributor's is then the pseudonym).
func putDoc(ctx context.Context, tx *sql.Tx, d involve.Doc) error {
	if involve.HasPlainSealedField(d) {
		return involve.Errorf(involve.EINTERNAL, "A %s record was about to be stored with an identifying field unsealed; nothing was saved.",
			d.DocEntity())
	}
	m := d.DocMeta()
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var old wordDelta // the words of its index row, read before the row changes (search_docs.go)
	if searchableDoc(d.DocEntity()) {
		if old, err = unindexedWords(ctx, tx, docSource, m.ID); err != nil {
			return err
		}
	}
	_, parent := d.Parent()
	_, err = tx.ExecContext(ctx, `INSERT INTO docs(id, entity, parent_id, title, state, created_at, updated_at,
		created_by, device_id, rev, deleted_at, team_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET entity=excluded.entity, parent_id=excluded.parent_id, title=excluded.title,
		state=excluded.state, created_at=excluded.created_at, updated_at=excluded.updated_at,
		created_by=excluded.created_by, device_id=excluded.device_id, rev=excluded.rev,
		deleted_at=excluded.deleted_at, team_id=excluded.team_id`,
		m.ID, d.DocEntity(), parent, d.Title(), string(b), m.CreatedAt, m.UpdatedAt, m.CreatedBy, m.DeviceID,
		m.Rev, nullIfEmpty(m.DeletedAt), m.TeamID)
	if err != nil {
		return err
	}
	return indexDoc(ctx, tx, old, d.DocEntity(), m.ID) // actions and outcomes are searched (search_docs.go)
}

// loadDoc reads a doc, deleted or not.
func loadDoc(ctx context.Context, q queryer, entity, id string) (involve.Doc, error) {
	d, err := scanDoc(q.QueryRowContext(ctx, `SELECT `+docCols+` FROM docs d WHERE d.id = ? AND d.entity = ?`, id, entity), entity)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, involve.Errorf(involve.ENOTFOUND, "That record could not be found. It may have been deleted.")
	}
	return d, err
}

// checkDocParent checks that a live doc's parent is here and not deleted.
func checkDocParent(ctx context.Context, q queryer, d involve.Doc) error {
	entity, id := d.Parent()
	if id == "" {
		return nil
	}
	table := tableOf(entity)
	if table == "" {
		return errors.New("unknown parent entity " + entity)
	}
	var deleted sql.NullString
	err := q.QueryRowContext(ctx, `SELECT deleted_at FROM `+table+` WHERE id = ?`, id).Scan(&deleted)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && deleted.Valid) {
		return involve.Errorf(involve.ENOTFOUND, "The %s this belongs to could not be found. It may have been deleted.", entity)
	}
	return err
}

// CreateDoc validates and stores a new doc (an id already set is kept: kinds with
// derived ids, like a session's tally, set it).
func (db *DB) CreateDoc(ctx context.Context, d involve.Doc) (involve.Doc, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return db.createDocTx(ctx, tx, d) }); err != nil {
		return nil, err
	}
	return d, nil
}

// createDocTx stores a new, validated doc inside tx: stamped, with its outbox entry.
func (db *DB) createDocTx(ctx context.Context, tx *sql.Tx, d involve.Doc) error {
	if err := checkDocParent(ctx, tx, d); err != nil {
		return err
	}
	m := d.DocMeta()
	if m.ID != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM docs WHERE id = ?`, m.ID).Scan(&one)
		if err == nil {
			return involve.Errorf(involve.ECONFLICT, "This record exists already. Open it to change it.")
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	now := involve.FormatTime(db.Now())
	team := m.TeamID
	db.stamp(m, now)
	m.TeamID, m.DeletedAt, m.Rev = team, "", db.nextRev(0)
	s, err := db.sealDoc(d)
	if err != nil {
		return err
	}
	if err := putDoc(ctx, tx, s); err != nil {
		return err
	}
	return db.enqueue(ctx, tx, d.DocEntity(), m.ID, 0, m.Rev, s, now)
}

// UpdateDoc saves an edit form of a doc: loaded is the record as the form received
// it, edited what the person saved; only the content fields that differ are written
// over the current state (a change pulled while the form was open survives). A nil
// loaded replaces every content field.
func (db *DB) UpdateDoc(ctx context.Context, entity, id string, loaded, edited involve.Doc) (involve.Doc, error) {
	var out involve.Doc
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.updateDocTx(ctx, tx, entity, id, loaded, edited)
		return err
	})
	return out, err
}

// updateDocTx is UpdateDoc inside tx.
func (db *DB) updateDocTx(ctx context.Context, tx *sql.Tx, entity, id string, loaded, edited involve.Doc) (involve.Doc, error) {
	cur, err := db.loadLiveDoc(ctx, tx, entity, id)
	if err != nil {
		return nil, err
	}
	if err := checkNotErased(ctx, tx, entity, cur); err != nil {
		return nil, err
	}
	next, err := overlayDoc(entity, cur, loaded, edited)
	if err != nil {
		return nil, err
	}
	if err := next.Validate(); err != nil {
		return nil, err
	}
	return next, db.saveDocTx(ctx, tx, cur, next)
}

// loadLiveDoc reads a doc that is not deleted, opened (DB.openRec).
func (db *DB) loadLiveDoc(ctx context.Context, q queryer, entity, id string) (involve.Doc, error) {
	cur, err := loadDoc(ctx, q, entity, id)
	if err != nil {
		return nil, err
	}
	if cur.DocMeta().DeletedAt != "" {
		return nil, involve.Errorf(involve.ENOTFOUND, "That record has been deleted.")
	}
	return cur, db.openRec(entity, cur)
}

// saveDocTx writes next (validated) as the new state of the stored record cur: its
// parent checked, cur's metadata with a new revision, and an outbox entry.
func (db *DB) saveDocTx(ctx context.Context, tx *sql.Tx, cur, next involve.Doc) error {
	if err := checkDocParent(ctx, tx, next); err != nil {
		return err
	}
	m := next.DocMeta()
	*m = *cur.DocMeta()
	base := m.Rev
	now := involve.FormatTime(db.Now())
	m.UpdatedAt, m.Rev = now, db.nextRev(base)
	s, err := db.sealDoc(next)
	if err != nil {
		return err
	}
	if err := putDoc(ctx, tx, s); err != nil {
		return err
	}
	return db.enqueue(ctx, tx, next.DocEntity(), m.ID, base, m.Rev, s, now)
}

// overlayDoc is overlayEdits for docs: the current state with each content field
// where edited differs from loaded taken from edited. Both forms are validated
// (normalized) first, so trimmed white space is no change.
func overlayDoc(entity string, cur, loaded, edited involve.Doc) (involve.Doc, error) {
	toMap := func(d involve.Doc) (map[string]json.RawMessage, error) {
		b, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		m := map[string]json.RawMessage{}
		return m, json.Unmarshal(b, &m)
	}
	_ = edited.Validate() // normalizes; the merged record is validated by the caller
	now, err := toMap(edited)
	if err != nil {
		return nil, err
	}
	curMap, err := toMap(cur)
	if err != nil {
		return nil, err
	}
	var was map[string]json.RawMessage
	if loaded != nil {
		_ = loaded.Validate()
		if was, err = toMap(loaded); err != nil {
			return nil, err
		}
	}
	for k, v := range now {
		if isDocMetaField(k) {
			continue
		}
		if loaded == nil || !sameJSON(v, was[k]) {
			curMap[k] = v
		}
	}
	// A field the screen had and no longer has was cleared (fields left out when empty
	// are absent, not null): clear it in the stored record too.
	for k := range was {
		if _, still := now[k]; !still && !isDocMetaField(k) {
			delete(curMap, k)
		}
	}
	b, err := json.Marshal(curMap)
	if err != nil {
		return nil, err
	}
	return involve.DecodeDoc(entity, b)
}

func isDocMetaField(k string) bool {
	switch k {
	case "id", "createdAt", "updatedAt", "createdBy", "deviceId", "rev", "deletedAt", "teamId":
		return true
	}
	return false
}

// DeleteDoc soft-deletes a doc (a tombstone that syncs); RestoreDoc undoes it.
func (db *DB) DeleteDoc(ctx context.Context, entity, id string) error {
	return db.setDocDeleted(ctx, entity, id, true)
}

// RestoreDoc brings a deleted doc back (its parent must be live).
func (db *DB) RestoreDoc(ctx context.Context, entity, id string) (involve.Doc, error) {
	if err := db.setDocDeleted(ctx, entity, id, false); err != nil {
		return nil, err
	}
	return db.FindDoc(ctx, entity, id)
}

// setDocDeleted changes the stored (sealed) form: only the metadata changes.
func (db *DB) setDocDeleted(ctx context.Context, entity, id string, deleted bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		d, err := loadDoc(ctx, tx, entity, id)
		if err != nil {
			return err
		}
		m := d.DocMeta()
		if (m.DeletedAt != "") == deleted {
			return nil
		}
		now := involve.FormatTime(db.Now())
		if deleted {
			m.DeletedAt = now
		} else {
			if err := checkDocParent(ctx, tx, d); err != nil {
				return err
			}
			if err := db.dropStaleTexts(ctx, tx, d); err != nil {
				return err
			}
			m.DeletedAt = ""
		}
		base := m.Rev
		m.UpdatedAt, m.Rev = now, db.nextRev(base)
		if err := putDoc(ctx, tx, d); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, entity, id, base, m.Rev, d, now)
	})
}

// FindDoc returns a live doc.
func (db *DB) FindDoc(ctx context.Context, entity, id string) (involve.Doc, error) {
	d, err := loadDoc(ctx, db.reader, entity, id)
	if err != nil {
		return nil, err
	}
	if d.DocMeta().DeletedAt != "" {
		return nil, involve.Errorf(involve.ENOTFOUND, "That record could not be found. It may have been deleted.")
	}
	return d, db.openRec(entity, d)
}

// FindDocs returns the live docs of an entity, of one parent when parentID is not "",
// oldest first.
func (db *DB) FindDocs(ctx context.Context, entity, parentID string) ([]involve.Doc, error) {
	out := []involve.Doc{}
	err := db.EachDoc(ctx, entity, parentID, false, func(d involve.Doc) error {
		out = append(out, d)
		return nil
	})
	return out, err
}

// EachDoc streams the docs of an entity (of one parent when parentID is not ""),
// oldest first; deleted ones only when withDeleted. Sealed fields are opened
// (ELOCKED while locked).
func (db *DB) EachDoc(ctx context.Context, entity, parentID string, withDeleted bool, fn func(involve.Doc) error) error {
	return db.eachOpenDoc(ctx, db.reader, entity, parentID, withDeleted, fn)
}

// eachOpenDoc is eachDoc with sealed fields opened (ELOCKED while locked, at the
// first record there is to open: none to show is an empty list).
func (db *DB) eachOpenDoc(ctx context.Context, qr queryer, entity, parentID string, withDeleted bool, fn func(involve.Doc) error) error {
	return eachDoc(ctx, qr, entity, parentID, withDeleted, func(d involve.Doc) error {
		if err := db.openRec(entity, d); err != nil {
			return err
		}
		return fn(d)
	})
}

// eachDoc is EachDoc over any queryer (a transaction reads its own writes).
func eachDoc(ctx context.Context, qr queryer, entity, parentID string, withDeleted bool, fn func(involve.Doc) error) error {
	q := `SELECT ` + docCols + ` FROM docs d WHERE d.entity = ?`
	args := []any{entity}
	if parentID != "" {
		q += ` AND d.parent_id = ?`
		args = append(args, parentID)
	}
	if !withDeleted {
		q += ` AND d.deleted_at IS NULL`
	}
	rows, err := qr.QueryContext(ctx, q+` ORDER BY d.pk`, args...)
	return sqldb.EachQuery(rows, err, docScan(entity), fn)
}

// docScan is scanDoc for the docs of one entity, as sqldb.Each takes it.
func docScan(entity string) func(sqldb.Row) (involve.Doc, error) {
	return func(r sqldb.Row) (involve.Doc, error) { return scanDoc(r, entity) }
}

// FindDocsOf is FindDocs typed: every live doc of entity as T.
func FindDocsOf[T involve.Doc](ctx context.Context, db *DB, entity, parentID string) ([]T, error) {
	out := []T{}
	err := db.EachDoc(ctx, entity, parentID, false, func(d involve.Doc) error {
		if t, ok := d.(T); ok {
			out = append(out, t)
		}
		return nil
	})
	return out, err
}

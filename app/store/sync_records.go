package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncwire"
)

// Sync handles every record type the same way: decode a state, load a record (even a
// deleted one), write it through the type's put function, and name it for people.

// tableOf is the laptop table that holds a kind of record (its kind's Table: every
// kind of involve.Doc lives in the docs table), "" for an entity Involve does not know.
func tableOf(entity string) string {
	k, _ := involve.KindOf(entity)
	return k.Table
}

// decodeRecord decodes a state into its domain type. Fields this version does not know
// are ignored (a newer server may add some: docs/sync-protocol.md).
func decodeRecord(entity string, state []byte) (any, *involve.Meta, error) {
	rec, err := involve.NewRecord(entity)
	if err != nil {
		return nil, nil, err
	}
	if f, ok := rec.(*involve.Feedback); ok && syncwire.DecodeFeedback(state, f) {
		return rec, &f.Meta, nil // the usual form, read without reflection (as json.Unmarshal reads it)
	}
	if err := json.Unmarshal(state, rec); err != nil {
		return nil, nil, fmt.Errorf("%s state: %w", entity, err)
	}
	return rec, involve.MetaOf(rec), nil
}

// loadRecord reads a record, deleted or not, with its sealed fields opened (ELOCKED
// while locked); ENOTFOUND when there is none.
func (db *DB) loadRecord(ctx context.Context, q queryer, entity, id string) (any, *involve.Meta, error) {
	notFound := func(err error) error {
		if errors.Is(err, sql.ErrNoRows) {
			return involve.Errorf(involve.ENOTFOUND, "That record is not on this laptop yet.")
		}
		return err
	}
	switch entity {
	case involve.EntitySession:
		s, err := findSession(ctx, q, id, true)
		return &s, &s.Meta, err
	case involve.EntityFeedback:
		f, err := findFeedback(ctx, q, id, true)
		return &f, &f.Meta, err
	case involve.EntityProject:
		p, err := scanProject(q.QueryRowContext(ctx, `SELECT `+projectCols+` FROM projects p WHERE p.id = ?`, id))
		return &p, &p.Meta, notFound(err)
	case involve.EntityTheme:
		t, err := scanTheme(q.QueryRowContext(ctx, `SELECT `+themeCols+` FROM themes t WHERE t.id = ?`, id))
		return &t, &t.Meta, notFound(err)
	case involve.EntityConflict:
		c, err := scanConflict(q.QueryRowContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.id = ?`, id))
		return &c, &c.Meta, notFound(err)
	}
	if involve.IsDocEntity(entity) {
		d, err := loadDoc(ctx, q, entity, id)
		if err != nil {
			if involve.ErrorCode(err) == involve.ENOTFOUND {
				return nil, nil, involve.Errorf(involve.ENOTFOUND, "That record is not on this laptop yet.")
			}
			return nil, nil, err
		}
		return d, d.DocMeta(), db.openRec(entity, d)
	}
	return nil, nil, fmt.Errorf("unknown entity type %q", entity)
}

// putRecord writes a record's full state through its type's put function (search
// index included).
func putRecord(ctx context.Context, tx *sql.Tx, rec any) error {
	switch v := rec.(type) {
	case *involve.Project:
		return putProject(ctx, tx, v)
	case *involve.Session:
		return putSession(ctx, tx, v)
	case *involve.Feedback:
		return putFeedback(ctx, tx, v)
	case *involve.Theme:
		return writeTheme(ctx, tx, v)
	case *involve.Conflict:
		return putConflict(ctx, tx, v)
	case involve.Doc:
		return putDoc(ctx, tx, v)
	}
	return fmt.Errorf("cannot store a %T", rec)
}

// validateRecord applies the domain rules a person's edit must pass: its kind's
// Validate, except that a theme's label is tidied and the tidied label kept, as the
// theme screen keeps it (Kind.Validate checks a label as sent).
func validateRecord(entity string, rec any) error {
	if t, ok := rec.(*involve.Theme); ok {
		label, err := involve.ValidateThemeLabel(t.Label)
		t.Label = label
		return err
	}
	k, ok := involve.KindOf(entity)
	if !ok {
		return fmt.Errorf("cannot validate a %T", rec)
	}
	return k.Validate(rec)
}

// parentOf names the record rec belongs to (involve.ParentOf: a feedback item's
// session, a session's project, a tally's session), which must be stored first: its
// table and id, "" for none. A feedback item always belongs to a session, so one with
// no session id names a missing parent (a pulled one is parked), not none.
func parentOf(rec any) (table, id string) {
	entity, id := involve.ParentOf(rec)
	if _, ok := rec.(*involve.Feedback); ok {
		return tableOf(entity), id
	}
	if id == "" || tableOf(entity) == "" {
		return "", ""
	}
	return tableOf(entity), id
}

// titleExpr is an SQL expression naming the record (entityCol, idCol) for people: a
// session's title, the start of a feedback item's text, a project's name, a theme's
// label.
func titleExpr(entityCol, idCol string) string {
	return `coalesce(CASE ` + entityCol + `
		WHEN 'session' THEN (SELECT title FROM sessions WHERE id = ` + idCol + `)
		WHEN 'feedback' THEN (SELECT substr(text, 1, 200) FROM feedback WHERE id = ` + idCol + `)
		WHEN 'project' THEN (SELECT name FROM projects WHERE id = ` + idCol + `)
		WHEN 'theme' THEN (SELECT label FROM themes WHERE id = ` + idCol + `)
		ELSE (SELECT title FROM docs WHERE id = ` + idCol + `)
	END, '')`
}

// shortTitle shortens a title (a feedback item's text) for lists.
func shortTitle(s string) string {
	const max = 80
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

// stateMap is a record's state as a JSON object, field by field.
func stateMap(rec any) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	m := map[string]json.RawMessage{}
	return m, json.Unmarshal(b, &m)
}

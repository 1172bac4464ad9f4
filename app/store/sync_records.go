package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
)

// Sync handles every record type the same way: decode a state, load a record (even a
// deleted one), write it through the type's put function, and name it for people.

// tables maps a synced entity to its table.
var tables = map[string]string{
	involve.EntityProject:  "projects",
	involve.EntitySession:  "sessions",
	involve.EntityFeedback: "feedback",
	involve.EntityTheme:    "themes",
	involve.EntityConflict: "conflicts",
}

// tableOf is the table of a synced entity ("" for none): every kind of involve.Doc
// lives in the docs table.
func tableOf(entity string) string {
	if t := tables[entity]; t != "" {
		return t
	}
	if involve.IsDocEntity(entity) {
		return "docs"
	}
	return ""
}

// decodeRecord decodes a state into its domain type. Fields this version does not know
// are ignored (a newer server may add some: docs/sync-protocol.md).
func decodeRecord(entity string, state []byte) (any, *involve.Meta, error) {
	var rec any
	var meta *involve.Meta
	switch entity {
	case involve.EntityProject:
		v := &involve.Project{}
		rec, meta = v, &v.Meta
	case involve.EntitySession:
		v := &involve.Session{}
		rec, meta = v, &v.Meta
	case involve.EntityFeedback:
		v := &involve.Feedback{}
		rec, meta = v, &v.Meta
	case involve.EntityTheme:
		v := &involve.Theme{}
		rec, meta = v, &v.Meta
	case involve.EntityConflict:
		v := &involve.Conflict{}
		rec, meta = v, &v.Meta
	default:
		d, err := involve.DecodeDoc(entity, state)
		if err != nil {
			return nil, nil, err
		}
		return d, d.DocMeta(), nil
	}
	if err := json.Unmarshal(state, rec); err != nil {
		return nil, nil, fmt.Errorf("%s state: %w", entity, err)
	}
	return rec, meta, nil
}

// loadRecord reads a record, deleted or not; ENOTFOUND when there is none.
func loadRecord(ctx context.Context, q queryer, entity, id string) (any, *involve.Meta, error) {
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
		return d, d.DocMeta(), nil
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

// validateRecord applies the domain rules a person's edit must pass.
func validateRecord(rec any) error {
	switch v := rec.(type) {
	case *involve.Project:
		return v.ProjectInput.Validate()
	case *involve.Session:
		if err := v.SessionInput.Validate(); err != nil {
			return err
		}
		return involve.ValidateNotes(v.Notes)
	case *involve.Feedback:
		return v.FeedbackInput.Validate()
	case *involve.Theme:
		label, err := involve.ValidateThemeLabel(v.Label)
		v.Label = label
		return err
	case *involve.Conflict:
		return v.Validate()
	case involve.Doc:
		return v.Validate()
	}
	return fmt.Errorf("cannot validate a %T", rec)
}

// parentOf names the record a record points at through a foreign key (a feedback
// item's session, a session's project), which must be stored first.
func parentOf(rec any) (table, id string) {
	switch v := rec.(type) {
	case *involve.Feedback:
		return "sessions", v.SessionID
	case *involve.Session:
		if v.ProjectID != "" {
			return "projects", v.ProjectID
		}
	case involve.Doc:
		if entity, id := v.Parent(); id != "" && tableOf(entity) != "" {
			return tableOf(entity), id
		}
	}
	return "", ""
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

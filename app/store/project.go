package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

const projectCols = `p.id, p.name, p.lead, p.funder, p.start_date, p.end_date, p.aim, p.core20plus5,
	p.plus_groups, p.boroughs, p.created_at, p.updated_at, p.created_by, p.device_id, p.rev,
	coalesce(p.deleted_at, ''), p.team_id`

func scanProject(s scanner, extra ...any) (involve.Project, error) {
	var p involve.Project
	var c20, plus, bor string
	dest := []any{&p.ID, &p.Name, &p.Lead, &p.Funder, &p.StartDate, &p.EndDate, &p.Aim, &c20, &plus, &bor,
		&p.CreatedAt, &p.UpdatedAt, &p.CreatedBy, &p.DeviceID, &p.Rev, &p.DeletedAt, &p.TeamID}
	if err := s.Scan(append(dest, extra...)...); err != nil {
		return p, err
	}
	p.Core20Plus5, p.PlusGroups, p.Boroughs = decodeCodes(c20), decodeCodes(plus), decodeCodes(bor)
	return p, nil
}

// putProject writes a project's full state (insert or replace by id).
func putProject(ctx context.Context, tx *sql.Tx, p *involve.Project) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO projects(id, name, lead, funder, start_date, end_date, aim,
		core20plus5, plus_groups, boroughs, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET name=excluded.name, lead=excluded.lead, funder=excluded.funder,
		start_date=excluded.start_date, end_date=excluded.end_date, aim=excluded.aim,
		core20plus5=excluded.core20plus5, plus_groups=excluded.plus_groups, boroughs=excluded.boroughs,
		created_at=excluded.created_at, updated_at=excluded.updated_at, created_by=excluded.created_by,
		device_id=excluded.device_id, rev=excluded.rev, deleted_at=excluded.deleted_at, team_id=excluded.team_id`,
		p.ID, p.Name, p.Lead, p.Funder, p.StartDate, p.EndDate, p.Aim, codes(p.Core20Plus5), codes(p.PlusGroups),
		codes(p.Boroughs), p.CreatedAt, p.UpdatedAt, p.CreatedBy, p.DeviceID, p.Rev, nullIfEmpty(p.DeletedAt), p.TeamID)
	return err
}

func findProject(ctx context.Context, q queryer, id string) (involve.Project, error) {
	var n int
	p, err := scanProject(q.QueryRowContext(ctx, `SELECT `+projectCols+`,
		(SELECT count(*) FROM sessions s WHERE s.project_id = p.id AND s.deleted_at IS NULL)
		FROM projects p WHERE p.id = ? AND p.deleted_at IS NULL`, id), &n)
	if errors.Is(err, sql.ErrNoRows) {
		return p, involve.Errorf(involve.ENOTFOUND, "That project could not be found. It may have been deleted.")
	}
	p.SessionCount = n
	return p, err
}

// FindProjectByID returns a live project.
func (db *DB) FindProjectByID(ctx context.Context, id string) (involve.Project, error) {
	return findProject(ctx, db.reader, id)
}

// FindProjects lists live projects by name.
func (db *DB) FindProjects(ctx context.Context) ([]involve.Project, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+projectCols+`,
		(SELECT count(*) FROM sessions s WHERE s.project_id = p.id AND s.deleted_at IS NULL)
		FROM projects p WHERE p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE, p.created_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.Project{}
	for rows.Next() {
		var n int
		p, err := scanProject(rows, &n)
		if err != nil {
			return nil, err
		}
		p.SessionCount = n
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateProject validates and stores a new project.
func (db *DB) CreateProject(ctx context.Context, in involve.ProjectInput) (involve.Project, error) {
	if err := in.Validate(); err != nil {
		return involve.Project{}, err
	}
	p := involve.Project{ProjectInput: in}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := involve.FormatTime(db.Now())
		db.stamp(&p.Meta, now)
		p.Rev = db.nextRev(0)
		if err := putProject(ctx, tx, &p); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntityProject, p.ID, 0, p.Rev, p, now)
	})
	return p, err
}

// UpdateProject saves a project's edit form: loaded is the input as the form received
// it, edited what the person saved; only the fields that differ are written over the
// project's current state (see overlayEdits). A zero loaded replaces every field.
func (db *DB) UpdateProject(ctx context.Context, id string, loaded, edited involve.ProjectInput) (involve.Project, error) {
	var p involve.Project
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if p, err = findProject(ctx, tx, id); err != nil {
			return err
		}
		in, err := overlayEdits(p.ProjectInput, loaded, edited)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		base := p.Rev
		now := involve.FormatTime(db.Now())
		p.ProjectInput, p.UpdatedAt, p.Rev = in, now, db.nextRev(base)
		if err := putProject(ctx, tx, &p); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntityProject, p.ID, base, p.Rev, p, now)
	})
	return p, err
}

// queryer is what both *sql.DB and *sql.Tx offer for reads.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

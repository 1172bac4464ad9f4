package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

const sessionCols = `s.id, coalesce(s.project_id, ''), s.title, s.date, s.start_time, s.end_time, s.type, s.mode,
	s.venue, s.borough, s.host_partner, s.target_groups, s.purpose, s.intended_outcome, s.involvement_level,
	s.engagement_stage, s.standards, s.access_support, s.facilitators, s.leps_present, s.status, s.went_well,
	s.to_improve, s.attendees, s.notes, s.notes_updated_at, s.created_at, s.updated_at, s.created_by,
	s.device_id, s.rev, coalesce(s.deleted_at, ''), s.team_id, s.question_sets, s.no_fft`

func scanSession(sc scanner, extra ...any) (involve.Session, error) {
	var s involve.Session
	var std, acc, sets string
	dest := []any{&s.ID, &s.ProjectID, &s.Title, &s.Date, &s.StartTime, &s.EndTime, &s.Type, &s.Mode,
		&s.Venue, &s.Borough, &s.HostPartner, &s.TargetGroups, &s.Purpose, &s.IntendedOutcome, &s.InvolvementLevel,
		&s.EngagementStage, &std, &acc, &s.Facilitators, &s.LEPsPresent, &s.Status, &s.WentWell,
		&s.ToImprove, &s.Attendees, &s.Notes, &s.NotesUpdatedAt, &s.CreatedAt, &s.UpdatedAt, &s.CreatedBy,
		&s.DeviceID, &s.Rev, &s.DeletedAt, &s.TeamID, &sets, &s.NoFFT}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return s, err
	}
	s.Standards, s.AccessSupport, s.QuestionSets = decodeCodes(std), decodeCodes(acc), decodeCodes(sets)
	return s, nil
}

// putSession writes a session's full state (insert or replace by id) and its search
// index row.
func putSession(ctx context.Context, tx *sql.Tx, s *involve.Session) error {
	old, err := unindexedWords(ctx, tx, sessionSource, s.ID) // before the row changes (search.go)
	if err != nil {
		return err
	}
	pk, err := upsertSession(ctx, tx, s)
	if err != nil {
		return err
	}
	return indexRow(ctx, tx, old, sessionRow(pk), s.DeletedAt != "", s.Title, s.Notes)
}

// upsertSession writes a session's row only (bulk writers index at the end).
func upsertSession(ctx context.Context, tx *sql.Tx, s *involve.Session) (pk int64, err error) {
	if err := freezeLight(ctx, tx, involve.EntitySession, s.ID); err != nil { // outbox_light.go
		return 0, err
	}
	err = tx.QueryRowContext(ctx, upsertSessionSQL, sessionArgs(s)...).Scan(&pk)
	return pk, err
}

// upsertSessionSQL inserts or replaces a session's row (sessionArgs), returning its pk.
const upsertSessionSQL = insertSessionSQL + `
		ON CONFLICT(id) DO UPDATE SET project_id=excluded.project_id, title=excluded.title, date=excluded.date,
		start_time=excluded.start_time, end_time=excluded.end_time, type=excluded.type, mode=excluded.mode,
		venue=excluded.venue, borough=excluded.borough, host_partner=excluded.host_partner,
		target_groups=excluded.target_groups, purpose=excluded.purpose, intended_outcome=excluded.intended_outcome,
		involvement_level=excluded.involvement_level, engagement_stage=excluded.engagement_stage,
		standards=excluded.standards, access_support=excluded.access_support, facilitators=excluded.facilitators,
		leps_present=excluded.leps_present, status=excluded.status, went_well=excluded.went_well,
		to_improve=excluded.to_improve, attendees=excluded.attendees, notes=excluded.notes,
		notes_updated_at=excluded.notes_updated_at, created_at=excluded.created_at, updated_at=excluded.updated_at,
		created_by=excluded.created_by, device_id=excluded.device_id, rev=excluded.rev,
		deleted_at=excluded.deleted_at, team_id=excluded.team_id, question_sets=excluded.question_sets,
		no_fft=excluded.no_fft
		RETURNING pk`

// insertSessionSQL inserts a session's row (sessionArgs); the import runs it, prepared
// once, for sessions whose id the database does not have.
const insertSessionSQL = `INSERT INTO sessions(id, project_id, title, date, start_time, end_time, type, mode,
		venue, borough, host_partner, target_groups, purpose, intended_outcome, involvement_level, engagement_stage,
		standards, access_support, facilitators, leps_present, status, went_well, to_improve, attendees, notes,
		notes_updated_at, created_at, updated_at, created_by, device_id, rev, deleted_at, team_id, question_sets, no_fft)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func sessionArgs(s *involve.Session) []any {
	return []any{s.ID, nullIfEmpty(s.ProjectID), s.Title, s.Date, s.StartTime, s.EndTime, s.Type, s.Mode,
		s.Venue, s.Borough, s.HostPartner, s.TargetGroups, s.Purpose, s.IntendedOutcome, s.InvolvementLevel,
		s.EngagementStage, codes(s.Standards), codes(s.AccessSupport), s.Facilitators, s.LEPsPresent, s.Status,
		s.WentWell, s.ToImprove, s.Attendees, s.Notes, s.NotesUpdatedAt, s.CreatedAt, s.UpdatedAt, s.CreatedBy,
		s.DeviceID, s.Rev, nullIfEmpty(s.DeletedAt), s.TeamID, codes(s.QuestionSets), s.NoFFT}
}

var errSessionNotFound = involve.Errorf(involve.ENOTFOUND, "That session could not be found. It may have been deleted.")

// findSession loads a session with its project name and feedback count; deleted ones
// only when withDeleted.
func findSession(ctx context.Context, q queryer, id string, withDeleted bool) (involve.Session, error) {
	var name string
	var n int
	s, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionCols+`, coalesce(p.name, ''),
		(SELECT count(*) FROM feedback f WHERE f.session_id = s.id AND f.deleted_at IS NULL)
		FROM sessions s LEFT JOIN projects p ON p.id = s.project_id
		WHERE s.id = ? AND (? OR s.deleted_at IS NULL)`, id, withDeleted), &name, &n)
	if errors.Is(err, sql.ErrNoRows) {
		return s, errSessionNotFound
	}
	s.ProjectName, s.FeedbackCount = name, n
	return s, err
}

// FindSessionByID returns a live session with its project name and feedback count.
func (db *DB) FindSessionByID(ctx context.Context, id string) (involve.Session, error) {
	return findSession(ctx, db.reader, id, false)
}

const summaryCols = `s.id, s.title, s.date, s.start_time, s.type, s.borough, s.status, coalesce(s.project_id, ''),
	coalesce(p.name, ''), (SELECT count(*) FROM feedback f WHERE f.session_id = s.id AND f.deleted_at IS NULL),
	s.updated_at`

func (db *DB) sessionSummaries(ctx context.Context, where string, args ...any) ([]involve.SessionSummary, error) {
	return sessionSummariesOn(ctx, db.reader, where, args...)
}

// sessionSummariesOn is sessionSummaries on q (the home screen's answer ahead: home_ahead.go).
func sessionSummariesOn(ctx context.Context, q queryer, where string, args ...any) ([]involve.SessionSummary, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+summaryCols+`
		FROM sessions s LEFT JOIN projects p ON p.id = s.project_id
		WHERE s.deleted_at IS NULL `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.SessionSummary{}
	for rows.Next() {
		var s involve.SessionSummary
		if err := rows.Scan(&s.ID, &s.Title, &s.Date, &s.StartTime, &s.Type, &s.Borough, &s.Status,
			&s.ProjectID, &s.ProjectName, &s.FeedbackCount, &s.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// FindSessions lists live sessions, newest date first.
func (db *DB) FindSessions(ctx context.Context, f involve.SessionFilter) ([]involve.SessionSummary, error) {
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	if f.ProjectID != "" {
		return db.sessionSummaries(ctx, `AND s.project_id = ? ORDER BY s.date DESC, s.start_time DESC, s.updated_at DESC LIMIT ?`, f.ProjectID, limit)
	}
	return db.sessionSummaries(ctx, `ORDER BY s.date DESC, s.start_time DESC, s.updated_at DESC LIMIT ?`, limit)
}

func (db *DB) checkProject(ctx context.Context, tx *sql.Tx, id string) error {
	if id == "" {
		return nil
	}
	if _, err := findProject(ctx, tx, id); err != nil {
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			return (involve.Problems{{Field: "projectId", Message: "Select a project from the list"}}).Err("session")
		}
		return err
	}
	return nil
}

// CreateSession validates and stores a new session.
func (db *DB) CreateSession(ctx context.Context, in involve.SessionInput) (involve.Session, error) {
	if strings.TrimSpace(in.Status) == "" {
		in.Status = involve.DefaultSessionStatus(strings.TrimSpace(in.Date), db.Today())
	}
	if err := in.Validate(); err != nil {
		return involve.Session{}, err
	}
	s := involve.Session{SessionInput: in}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.checkProject(ctx, tx, in.ProjectID); err != nil {
			return err
		}
		if err := checkSessionSets(ctx, tx, in.QuestionSets, nil); err != nil {
			return err
		}
		now := involve.FormatTime(db.Now())
		db.stamp(&s.Meta, now)
		s.Rev = db.nextRev(0)
		if err := putSession(ctx, tx, &s); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntitySession, s.ID, 0, s.Rev, s, now)
	})
	if err != nil {
		return s, err
	}
	return db.FindSessionByID(ctx, s.ID)
}

// changeSession loads a session in a write transaction, lets fn change it, and writes
// it back with a new revision and an outbox entry.
func (db *DB) changeSession(ctx context.Context, id string, withDeleted bool, fn func(tx *sql.Tx, s *involve.Session, now string) error) (involve.Session, error) {
	var s involve.Session
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if s, err = findSession(ctx, tx, id, withDeleted); err != nil {
			return err
		}
		base := s.Rev
		now := involve.FormatTime(db.Now())
		if err := fn(tx, &s, now); err != nil {
			return err
		}
		s.UpdatedAt, s.Rev = now, db.nextRev(base)
		if err := putSession(ctx, tx, &s); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, involve.EntitySession, s.ID, base, s.Rev, s, now)
	})
	return s, err
}

// UpdateSession saves a session's edit form (not its notes). loaded is the input as
// the form received it, edited what the person saved: only the fields that differ are
// written over the session's current state (see overlayEdits), so a change the
// background sync pulled while the form was open survives. A zero loaded replaces
// every field with edited. The result is validated as a whole; a question set newly
// chosen must be a live set (its family id).
func (db *DB) UpdateSession(ctx context.Context, id string, loaded, edited involve.SessionInput) (involve.Session, error) {
	if _, err := db.changeSession(ctx, id, false, func(tx *sql.Tx, s *involve.Session, _ string) error {
		in, err := overlayEdits(s.SessionInput, loaded, edited)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		// sets chosen before stay (one deleted since is left out when asked)
		if err := checkSessionSets(ctx, tx, in.QuestionSets, s.QuestionSets); err != nil {
			return err
		}
		s.SessionInput = in
		return db.checkProject(ctx, tx, in.ProjectID)
	}); err != nil {
		return involve.Session{}, err
	}
	return db.FindSessionByID(ctx, id)
}

// SaveSessionNotes stores the notes durably; the autosave of the notes editor calls
// it about once a second while someone types.
func (db *DB) SaveSessionNotes(ctx context.Context, id, notes string) (involve.NotesSaved, error) {
	if err := involve.ValidateNotes(notes); err != nil {
		return involve.NotesSaved{}, err
	}
	s, err := db.changeSession(ctx, id, false, func(_ *sql.Tx, s *involve.Session, now string) error {
		s.Notes, s.NotesUpdatedAt = notes, now
		return nil
	})
	if err != nil {
		return involve.NotesSaved{}, err
	}
	return involve.NotesSaved{ID: s.ID, Rev: s.Rev, SavedAt: s.NotesUpdatedAt}, nil
}

// DeleteSession soft-deletes a session (a tombstone that syncs); RestoreSession undoes it.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.changeSession(ctx, id, false, func(_ *sql.Tx, s *involve.Session, now string) error {
		s.DeletedAt = now
		return nil
	})
	return err
}

// RestoreSession brings back a soft-deleted session.
func (db *DB) RestoreSession(ctx context.Context, id string) (involve.Session, error) {
	if _, err := db.changeSession(ctx, id, true, func(_ *sql.Tx, s *involve.Session, _ string) error {
		s.DeletedAt = ""
		return nil
	}); err != nil {
		return involve.Session{}, err
	}
	return db.FindSessionByID(ctx, id)
}

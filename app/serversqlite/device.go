package serversqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// CreateEnrolment stores a one-time enrolment code (its hash), bound to a device id
// when e.ForDevice is set.
func (s *Store) CreateEnrolment(ctx context.Context, e serverstore.Enrolment) error {
	return s.exec(ctx, nil, `INSERT INTO enrolments(code_hash, team_id, created_at, expires_at, for_device_id, role) VALUES (?, ?, ?, ?, ?, ?)`,
		e.CodeHash, e.TeamID, formatTime(e.CreatedAt), formatTime(e.ExpiresAt), nullString(e.ForDevice), e.Role)
}

// Enrol uses a code once, before it expires, and creates the device in the code's team
// (or, with a code bound to its id, re-enrols it there), in one transaction (SQLite
// has one writer: nothing enrols the same id in between). The device's EnrolledAt is
// now.
func (s *Store) Enrol(ctx context.Context, codeHash string, now time.Time, d serverstore.Device) (serverstore.Enrolled, error) {
	var out serverstore.Enrolled
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		out = serverstore.Enrolled{}
		var teamID, expires, role string
		var used, forDevice sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT team_id, expires_at, used_at, for_device_id, role FROM enrolments WHERE code_hash = ?", codeHash).
			Scan(&teamID, &expires, &used, &forDevice, &role)
		if errors.Is(err, sql.ErrNoRows) {
			return serverstore.ErrEnrolment
		} else if err != nil {
			return err
		}
		exp, err := parseTime(expires)
		if err != nil {
			return err
		}
		bound := forDevice.Valid && forDevice.String != ""
		if used.Valid || !now.Before(exp) || (bound && forDevice.String != d.ID) {
			return serverstore.ErrEnrolment
		}
		prev, err := scanDevice(tx.QueryRowContext(ctx, "SELECT "+deviceColumns+" FROM devices WHERE id = ?", d.ID))
		switch {
		case err == nil && !bound:
			return serverstore.ErrDeviceExists
		case err == nil:
			out.Previous = &prev
		case !errors.Is(err, serverstore.ErrNotFound):
			return err
		}
		at := formatTime(now)
		if _, err := tx.ExecContext(ctx, "UPDATE enrolments SET used_at = ?, device_id = ? WHERE code_hash = ? AND team_id = ?",
			at, d.ID, codeHash, teamID); err != nil {
			return err
		}
		if out.Previous != nil {
			_, err = tx.ExecContext(ctx, `UPDATE devices SET team_id = ?, name = ?, user_name = ?, token_hash = ?, enrolled_at = ?,
				revoked_at = NULL, last_seen_at = NULL, role = ? WHERE id = ?`, teamID, d.Name, d.UserName, d.TokenHash, at, role, d.ID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO devices(id, team_id, name, user_name, token_hash, enrolled_at, role) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				d.ID, teamID, d.Name, d.UserName, d.TokenHash, at, role)
		}
		if err != nil {
			return err
		}
		out.Role = role
		out.Team, err = scanTeam(tx.QueryRowContext(ctx, "SELECT id, name, created_at FROM teams WHERE id = ?", teamID))
		return err
	})
	return out, err
}

const deviceColumns = "id, team_id, name, user_name, token_hash, enrolled_at, revoked_at, last_seen_at, role"

func scanDevice(row sqldb.Row) (serverstore.Device, error) {
	var d serverstore.Device
	var enrolled string
	var revoked, seen sql.NullString
	if err := row.Scan(&d.ID, &d.TeamID, &d.Name, &d.UserName, &d.TokenHash, &enrolled, &revoked, &seen, &d.Role); err != nil {
		return d, notFound(err)
	}
	var err error
	if d.EnrolledAt, err = parseTime(enrolled); err != nil {
		return d, err
	}
	if d.RevokedAt, err = parseNullTime(revoked); err != nil {
		return d, err
	}
	d.LastSeenAt, err = parseNullTime(seen)
	return d, err
}

// DeviceByTokenHash finds the device holding a token (revoked devices too: the caller
// says why it refuses them).
func (s *Store) DeviceByTokenHash(ctx context.Context, tokenHash string) (serverstore.Device, error) {
	if tokenHash == "" {
		return serverstore.Device{}, serverstore.ErrNotFound
	}
	return scanDevice(s.reader.QueryRowContext(ctx, "SELECT "+deviceColumns+" FROM devices WHERE token_hash = ?", tokenHash))
}

// TouchDevice records when a device was last seen.
func (s *Store) TouchDevice(ctx context.Context, deviceID string, now time.Time) error {
	return s.exec(ctx, affected, "UPDATE devices SET last_seen_at = ? WHERE id = ?", formatTime(now), deviceID)
}

// ListDevices lists a team's devices in the order they enrolled.
func (s *Store) ListDevices(ctx context.Context, teamID string) ([]serverstore.Device, error) {
	rows, err := s.reader.QueryContext(ctx, "SELECT "+deviceColumns+" FROM devices WHERE team_id = ? ORDER BY enrolled_at, id", teamID)
	return sqldb.CollectQuery[serverstore.Device](rows, err, nil, scanDevice)
}

// RevokeDevice revokes a device's token (the first revocation time stands).
func (s *Store) RevokeDevice(ctx context.Context, deviceID string, now time.Time) error {
	return s.exec(ctx, affected, "UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", formatTime(now), deviceID)
}

// SetDeviceRole changes a device's role and returns the one it had.
func (s *Store) SetDeviceRole(ctx context.Context, deviceID, role string) (string, error) {
	var old string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT role FROM devices WHERE id = ?", deviceID).Scan(&old); err != nil {
			return notFound(err)
		}
		_, err := tx.ExecContext(ctx, "UPDATE devices SET role = ? WHERE id = ?", role, deviceID)
		return err
	})
	return old, err
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return serverstore.ErrNotFound
	}
	return nil
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

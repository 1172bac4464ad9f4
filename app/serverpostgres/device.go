package serverpostgres

import (
	"context"
	"errors"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// CreateEnrolment stores a one-time enrolment code (its hash), bound to a device id
// when e.ForDevice is set.
func (s *Store) CreateEnrolment(ctx context.Context, e serverstore.Enrolment) error {
	var forDevice *string
	if e.ForDevice != "" {
		forDevice = &e.ForDevice
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO enrolments(code_hash, team_id, created_at, expires_at, for_device_id, role) VALUES ($1, $2, $3, $4, $5, $6)`,
		e.CodeHash, e.TeamID, e.CreatedAt.UTC(), e.ExpiresAt.UTC(), forDevice, e.Role)
	return err
}

// Enrol uses a code once, before it expires, and creates the device in the code's team
// (or, with a code bound to its id, re-enrols it there), in one transaction. The
// device's EnrolledAt is now. The code is claimed by one conditional UPDATE: of two
// processes enrolling with the same code at once, the second waits for the first's row
// lock, re-reads the row, finds it used and gets ErrEnrolment. An existing device is
// read FOR UPDATE; two enrolments of the same new id with different codes meet at the
// devices primary key, and the second gets ErrDeviceExists.
func (s *Store) Enrol(ctx context.Context, codeHash string, now time.Time, d serverstore.Device) (serverstore.Enrolled, error) {
	var out serverstore.Enrolled
	now = now.UTC()
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		out = serverstore.Enrolled{}
		var teamID, role string
		var forDevice *string
		err := tx.QueryRow(ctx, `UPDATE enrolments SET used_at = $2, device_id = $3
			WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 AND (for_device_id IS NULL OR for_device_id = $3)
			RETURNING team_id, for_device_id, role`,
			codeHash, now, d.ID).Scan(&teamID, &forDevice, &role)
		if errors.Is(err, pgx.ErrNoRows) {
			return serverstore.ErrEnrolment
		} else if err != nil {
			return err
		}
		bound := forDevice != nil && *forDevice == d.ID
		prev, err := scanDevice(tx.QueryRow(ctx, "SELECT "+deviceColumns+" FROM devices WHERE id = $1 FOR UPDATE", d.ID))
		switch {
		case err == nil && !bound:
			return serverstore.ErrDeviceExists
		case err == nil:
			out.Previous = &prev
		case !errors.Is(err, serverstore.ErrNotFound):
			return err
		}
		if out.Previous != nil {
			_, err = tx.Exec(ctx, `UPDATE devices SET team_id = $2, name = $3, user_name = $4, token_hash = $5, enrolled_at = $6,
				revoked_at = NULL, last_seen_at = NULL, role = $7 WHERE id = $1`, d.ID, teamID, d.Name, d.UserName, d.TokenHash, now, role)
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO devices(id, team_id, name, user_name, token_hash, enrolled_at, role) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				d.ID, teamID, d.Name, d.UserName, d.TokenHash, now, role)
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == "devices_pkey" {
				return serverstore.ErrDeviceExists
			}
		}
		if err != nil {
			return err
		}
		out.Role = role
		out.Team, err = scanTeam(tx.QueryRow(ctx, "SELECT id, name, created_at FROM teams WHERE id = $1", teamID))
		return err
	})
	return out, err
}

const deviceColumns = "id, team_id, name, user_name, token_hash, enrolled_at, revoked_at, last_seen_at, role"

func scanDevice(row sqldb.Row) (serverstore.Device, error) {
	var d serverstore.Device
	if err := row.Scan(&d.ID, &d.TeamID, &d.Name, &d.UserName, &d.TokenHash, &d.EnrolledAt, &d.RevokedAt, &d.LastSeenAt, &d.Role); err != nil {
		return d, notFound(err)
	}
	d.EnrolledAt = d.EnrolledAt.UTC()
	d.RevokedAt = utcPtr(d.RevokedAt)
	d.LastSeenAt = utcPtr(d.LastSeenAt)
	return d, nil
}

// DeviceByTokenHash finds the device holding a token (revoked devices too: the caller
// says why it refuses them).
func (s *Store) DeviceByTokenHash(ctx context.Context, tokenHash string) (serverstore.Device, error) {
	if tokenHash == "" {
		return serverstore.Device{}, serverstore.ErrNotFound
	}
	return scanDevice(s.pool.QueryRow(ctx, "SELECT "+deviceColumns+" FROM devices WHERE token_hash = $1", tokenHash))
}

// TouchDevice records when a device was last seen.
func (s *Store) TouchDevice(ctx context.Context, deviceID string, now time.Time) error {
	return affected(s.pool.Exec(ctx, "UPDATE devices SET last_seen_at = $2 WHERE id = $1", deviceID, now.UTC()))
}

// ListDevices lists a team's devices in the order they enrolled.
func (s *Store) ListDevices(ctx context.Context, teamID string) ([]serverstore.Device, error) {
	rows, err := s.pool.Query(ctx, "SELECT "+deviceColumns+" FROM devices WHERE team_id = $1 ORDER BY enrolled_at, id", teamID)
	return sqldb.CollectQuery[serverstore.Device](rows, err, nil, scanDevice)
}

// RevokeDevice revokes a device's token (the first revocation time stands).
func (s *Store) RevokeDevice(ctx context.Context, deviceID string, now time.Time) error {
	return affected(s.pool.Exec(ctx, "UPDATE devices SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", deviceID, now.UTC()))
}

// SetDeviceRole changes a device's role and returns the one it had (the row is locked
// between the read and the write).
func (s *Store) SetDeviceRole(ctx context.Context, deviceID, role string) (string, error) {
	var old string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT role FROM devices WHERE id = $1 FOR UPDATE", deviceID).Scan(&old); err != nil {
			return notFound(err)
		}
		_, err := tx.Exec(ctx, "UPDATE devices SET role = $2 WHERE id = $1", deviceID, role)
		return err
	})
	return old, err
}

func affected(tag pgconn.CommandTag, err error) error {
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return serverstore.ErrNotFound
	}
	return nil
}

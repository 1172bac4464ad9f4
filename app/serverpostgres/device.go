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

// CreateEnrolment stores a one-time enrolment code (its hash).
func (s *Store) CreateEnrolment(ctx context.Context, e serverstore.Enrolment) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO enrolments(code_hash, team_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		e.CodeHash, e.TeamID, e.CreatedAt.UTC(), e.ExpiresAt.UTC())
	return err
}

// Enrol uses a code once, before it expires, and creates (or re-enrols) the device in
// the code's team, in one transaction. The device's EnrolledAt is now. The code is
// claimed by one conditional UPDATE: of two processes enrolling with the same code at
// once, the second waits for the first's row lock, re-reads the row, finds it used and
// gets ErrEnrolment.
func (s *Store) Enrol(ctx context.Context, codeHash string, now time.Time, d serverstore.Device) (serverstore.Team, error) {
	var team serverstore.Team
	now = now.UTC()
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var teamID string
		err := tx.QueryRow(ctx, `UPDATE enrolments SET used_at = $2, device_id = $3
			WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING team_id`,
			codeHash, now, d.ID).Scan(&teamID)
		if errors.Is(err, pgx.ErrNoRows) {
			return serverstore.ErrEnrolment
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO devices(id, team_id, name, user_name, token_hash, enrolled_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, name = excluded.name, user_name = excluded.user_name,
				token_hash = excluded.token_hash, enrolled_at = excluded.enrolled_at, revoked_at = NULL, last_seen_at = NULL`,
			d.ID, teamID, d.Name, d.UserName, d.TokenHash, now); err != nil {
			return err
		}
		team, err = scanTeam(tx.QueryRow(ctx, "SELECT id, name, created_at FROM teams WHERE id = $1", teamID))
		return err
	})
	return team, err
}

const deviceColumns = "id, team_id, name, user_name, token_hash, enrolled_at, revoked_at, last_seen_at"

func scanDevice(row sqldb.Row) (serverstore.Device, error) {
	var d serverstore.Device
	if err := row.Scan(&d.ID, &d.TeamID, &d.Name, &d.UserName, &d.TokenHash, &d.EnrolledAt, &d.RevokedAt, &d.LastSeenAt); err != nil {
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

func affected(tag pgconn.CommandTag, err error) error {
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return serverstore.ErrNotFound
	}
	return nil
}

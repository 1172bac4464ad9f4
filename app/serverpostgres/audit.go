package serverpostgres

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

const insertAudit = "INSERT INTO audit(at, team_id, device_id, action, detail) VALUES ($1, $2, $3, $4, $5)"

// Audit adds a line to the audit log.
func (s *Store) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	_, err := s.pool.Exec(ctx, insertAudit, e.At.UTC(), e.TeamID, e.DeviceID, e.Action, e.Detail)
	return err
}

// ListAudit returns a team's latest audit lines, newest first (limit <= 0: all).
func (s *Store) ListAudit(ctx context.Context, teamID string, limit int) ([]serverstore.AuditEntry, error) {
	var lim *int64 // LIMIT NULL: no limit
	if limit > 0 {
		l := int64(limit)
		lim = &l
	}
	rows, err := s.pool.Query(ctx, `SELECT at, team_id, device_id, action, detail FROM audit
		WHERE team_id = $1 ORDER BY pk DESC LIMIT $2`, teamID, lim)
	return sqldb.CollectQuery[serverstore.AuditEntry](rows, err, nil, scanAudit)
}

func scanAudit(row sqldb.Row) (serverstore.AuditEntry, error) {
	var e serverstore.AuditEntry
	err := row.Scan(&e.At, &e.TeamID, &e.DeviceID, &e.Action, &e.Detail)
	e.At = e.At.UTC()
	return e, err
}

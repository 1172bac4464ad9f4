package serversqlite

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

const insertAudit = "INSERT INTO audit(at, team_id, device_id, action, detail) VALUES (?, ?, ?, ?, ?)"

// Audit adds a line to the audit log.
func (s *Store) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	return s.exec(ctx, nil, insertAudit, formatTime(e.At), e.TeamID, e.DeviceID, e.Action, e.Detail)
}

// ListAudit returns a team's latest audit lines, newest first (limit <= 0: all).
func (s *Store) ListAudit(ctx context.Context, teamID string, limit int) ([]serverstore.AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT at, team_id, device_id, action, detail FROM audit
		WHERE team_id = ? ORDER BY pk DESC LIMIT ?`, teamID, limit)
	return sqldb.CollectQuery[serverstore.AuditEntry](rows, err, nil, scanAudit)
}

func scanAudit(row sqldb.Row) (serverstore.AuditEntry, error) {
	var e serverstore.AuditEntry
	var at string
	if err := row.Scan(&at, &e.TeamID, &e.DeviceID, &e.Action, &e.Detail); err != nil {
		return e, err
	}
	var err error
	e.At, err = parseTime(at)
	return e, err
}

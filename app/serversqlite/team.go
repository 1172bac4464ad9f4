package serversqlite

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// CreateTeam adds a team. Names are unique, ignoring case.
func (s *Store) CreateTeam(ctx context.Context, t serverstore.Team) error {
	return s.exec(ctx, nil, "INSERT INTO teams(id, name, created_at) VALUES (?, ?, ?)",
		t.ID, t.Name, formatTime(t.CreatedAt))
}

// FindTeam finds a team by id or (ignoring case) by name.
func (s *Store) FindTeam(ctx context.Context, idOrName string) (serverstore.Team, error) {
	row := s.reader.QueryRowContext(ctx, `SELECT id, name, created_at FROM teams WHERE id = ? OR name = ?
		ORDER BY id = ? DESC LIMIT 1`, idOrName, idOrName, idOrName)
	return scanTeam(row)
}

// ListTeams lists every team by name.
func (s *Store) ListTeams(ctx context.Context) ([]serverstore.Team, error) {
	rows, err := s.reader.QueryContext(ctx, "SELECT id, name, created_at FROM teams ORDER BY name, id")
	return sqldb.CollectQuery[serverstore.Team](rows, err, nil, scanTeam)
}

func scanTeam(row sqldb.Row) (serverstore.Team, error) {
	var t serverstore.Team
	var created string
	if err := row.Scan(&t.ID, &t.Name, &created); err != nil {
		return t, notFound(err)
	}
	var err error
	t.CreatedAt, err = parseTime(created)
	return t, err
}

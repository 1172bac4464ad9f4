package serverpostgres

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// CreateTeam adds a team. Names are unique, ignoring case.
func (s *Store) CreateTeam(ctx context.Context, t serverstore.Team) error {
	_, err := s.pool.Exec(ctx, "INSERT INTO teams(id, name, created_at) VALUES ($1, $2, $3)",
		t.ID, t.Name, t.CreatedAt.UTC())
	return err
}

// FindTeam finds a team by id or (ignoring case) by name; an id match wins.
func (s *Store) FindTeam(ctx context.Context, idOrName string) (serverstore.Team, error) {
	row := s.pool.QueryRow(ctx, `SELECT id, name, created_at FROM teams WHERE id = $1 OR lower(name) = lower($1)
		ORDER BY id = $1 DESC LIMIT 1`, idOrName)
	return scanTeam(row)
}

// ListTeams lists every team by name (ignoring case, like the SQLite store).
func (s *Store) ListTeams(ctx context.Context) ([]serverstore.Team, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, name, created_at FROM teams ORDER BY lower(name), name, id")
	return sqldb.CollectQuery[serverstore.Team](rows, err, nil, scanTeam)
}

func scanTeam(row sqldb.Row) (serverstore.Team, error) {
	var t serverstore.Team
	if err := row.Scan(&t.ID, &t.Name, &t.CreatedAt); err != nil {
		return t, notFound(err)
	}
	t.CreatedAt = t.CreatedAt.UTC()
	return t, nil
}

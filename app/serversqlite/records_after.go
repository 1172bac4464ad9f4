package serversqlite

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// RecordsAfter returns a page of a team's records of one entity, by id (index
// records_team_entity_id, migration 0002).
func (s *Store) RecordsAfter(ctx context.Context, teamID, entity, afterID string, limit int) ([]serverstore.Record, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reader.QueryContext(ctx, "SELECT "+recordColumns+
		" FROM records WHERE team_id = ? AND entity = ? AND id > ? ORDER BY id LIMIT ?", teamID, entity, afterID, limit)
	return sqldb.CollectQuery(rows, err, make([]serverstore.Record, 0, min(limit, 1024)), scanRecord)
}

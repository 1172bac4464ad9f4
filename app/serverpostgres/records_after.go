package serverpostgres

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// RecordsAfter returns a page of a team's records of one entity, by id in byte order
// (byEntity).
func (s *Store) RecordsAfter(ctx context.Context, teamID, entity, afterID string, limit int) ([]serverstore.Record, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, recordsAfterSQL(entity), teamID, entity, afterID, limit)
	return sqldb.CollectQuery(rows, err, make([]serverstore.Record, 0, min(limit, 1024)), scanRecord)
}

// recordsAfterSQL is RecordsAfter's query: team $1, entity $2, after $3, limit $4.
func recordsAfterSQL(entity string) string {
	return "SELECT " + recordColumns + ` FROM records WHERE ` + byEntity(entity) +
		` AND id COLLATE "C" > $3 ORDER BY id COLLATE "C" LIMIT $4`
}

// entityRecordsSQL is EntityRecords' query of the stored rows: team $1, entity $2.
func entityRecordsSQL(entity string) string {
	return "SELECT " + recordColumns + ` FROM records WHERE ` + byEntity(entity) + ` ORDER BY id COLLATE "C"`
}

// byEntity is the condition on a team's ($1) records of one entity ($2) that lets
// PostgreSQL read them by id (byte order: the column's collation, migration 0011)
// without sorting: feedback items through the records' key (id, team_id), in id
// order, other teams' entries passed over in the index; every other entity through
// records_team_entity_id, which leaves feedback out and which a plan uses only when
// the query's text says so (a generic plan cannot know what $2 will be).
func byEntity(entity string) string {
	if entity == serverstore.BulkEntity {
		return "team_id = $1 AND entity = $2"
	}
	return "team_id = $1 AND entity = $2 AND entity <> '" + serverstore.BulkEntity + "'"
}

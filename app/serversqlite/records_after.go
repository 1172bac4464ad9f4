package serversqlite

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// RecordsAfter returns a page of a team's records of one entity, by id (byEntity).
func (s *Store) RecordsAfter(ctx context.Context, teamID, entity, afterID string, limit int) ([]serverstore.Record, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.reader.QueryContext(ctx, recordsAfterSQL(entity), teamID, entity, afterID, limit)
	return sqldb.CollectQuery(rows, err, make([]serverstore.Record, 0, min(limit, 1024)), scanRecord)
}

// recordsAfterSQL is RecordsAfter's query: team ?1, entity ?2, after ?3, limit ?4.
func recordsAfterSQL(entity string) string {
	return "SELECT " + recordColumns + " FROM records WHERE " + byEntity(entity) + " AND id > ?3 ORDER BY id LIMIT ?4"
}

// entityRecordsSQL is EntityRecords' query of the stored rows: team ?1, entity ?2.
func entityRecordsSQL(entity string) string {
	return "SELECT " + recordColumns + " FROM records WHERE " + byEntity(entity) + " ORDER BY id"
}

// byEntity is the condition on a team's (?1) records of one entity (?2) that lets
// SQLite read them by id without sorting: feedback items through the records' key
// (id, team_id), scanned in id order, other teams' entries passed over in the index;
// every other entity through records_team_entity_id, which leaves feedback out
// (migration 0011) and which SQLite uses only when the query says so in its text.
func byEntity(entity string) string {
	if entity == serverstore.BulkEntity {
		// "+": team_id must not lead to records_team_seq (then every page would sort
		// the team's records)
		return "+team_id = ?1 AND entity = ?2"
	}
	return "team_id = ?1 AND entity = ?2 AND entity <> '" + serverstore.BulkEntity + "'"
}

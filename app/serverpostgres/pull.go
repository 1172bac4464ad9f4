package serverpostgres

import (
	"context"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// Pull returns the team's records after the cursor since, in sequence order (limit < 0:
// all). One statement, so one snapshot: see InTeamTx for why it never skips a change.
func (s *Store) Pull(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.Record, error) {
	var lim *int64 // LIMIT NULL: no limit
	if limit >= 0 {
		l := int64(limit)
		lim = &l
	}
	rows, err := s.pool.Query(ctx, "SELECT "+recordColumns+" FROM records WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
		teamID, since, lim)
	return sqldb.CollectQuery(rows, err, make([]serverstore.Record, 0, min(max(limit, 0), 1024)), scanRecord)
}

// PullRaw is Pull without building records: each row goes to fn as it arrives.
func (s *Store) PullRaw(ctx context.Context, teamID string, since int64, limit int, fn func(seq int64, entity, id []byte, rev int64, state []byte) error) error {
	var lim *int64 // LIMIT NULL: no limit
	if limit >= 0 {
		l := int64(limit)
		lim = &l
	}
	rows, err := s.pool.Query(ctx, "SELECT seq, entity, id, rev, state FROM records WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
		teamID, since, lim)
	if err != nil {
		return err
	}
	defer rows.Close()
	var seq, rev int64
	var entity, id, state []byte
	for rows.Next() {
		entity, id, state = entity[:0], id[:0], state[:0]
		if err := rows.Scan(&seq, &entity, &id, &rev, &state); err != nil {
			return err
		}
		if err := fn(seq, entity, id, rev, state); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Records streams every record of a team, deleted ones too, in sequence order.
func (s *Store) Records(ctx context.Context, teamID string, fn func(serverstore.Record) error) error {
	rows, err := s.pool.Query(ctx, "SELECT "+recordColumns+" FROM records WHERE team_id = $1 ORDER BY seq", teamID)
	return sqldb.EachQuery(rows, err, scanRecord, fn)
}

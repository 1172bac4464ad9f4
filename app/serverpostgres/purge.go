package serverpostgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
)

// PurgeRecords removes the targets that are still the team's records at their Seq,
// with their revisions and the change results that carry their state, and keeps their
// ids in purged_records (serverstore.Purger). It holds the team's lock (as InTeamTx),
// so no push of the team runs meanwhile, in this process or another.
func (s *Store) PurgeRecords(ctx context.Context, teamID string, targets []serverstore.PurgeTarget, now time.Time) ([]serverstore.PurgedRecord, error) {
	if len(targets) == 0 {
		return nil, nil
	}
	var out []serverstore.PurgedRecord
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		out = out[:0]
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", teamLockKey(teamID)); err != nil {
			return fmt.Errorf("lock team %q: %w", teamID, err)
		}
		want := make(map[string]serverstore.PurgeTarget, len(targets))
		ids := make([]string, 0, len(targets))
		for _, t := range targets {
			want[t.ID] = t
			ids = append(ids, t.ID)
		}
		rows, err := tx.Query(ctx, `SELECT id, entity, seq FROM records WHERE team_id = $1 AND id = ANY($2::text[]) ORDER BY seq`, teamID, ids)
		found, err := sqldb.CollectQuery(rows, err, []serverstore.PurgedRecord(nil), func(r sqldb.Row) (serverstore.PurgedRecord, error) {
			var p serverstore.PurgedRecord
			err := r.Scan(&p.ID, &p.Entity, &p.Seq)
			return p, err
		})
		if err != nil {
			return err
		}
		ids = ids[:0]
		for _, p := range found {
			if t, ok := want[p.ID]; ok && t.Seq == p.Seq && t.Entity == p.Entity {
				p.PurgedAt = now.UTC()
				out = append(out, p)
				ids = append(ids, p.ID)
			}
		}
		if len(out) == 0 {
			return nil
		}
		const resultOf = `(result -> 'state' ->> 'id') = ANY($2::text[])`
		var bytes int64
		if err := tx.QueryRow(ctx, `SELECT
			coalesce((SELECT sum(octet_length(state::text)) FROM records WHERE team_id = $1 AND id = ANY($2::text[])), 0) +
			coalesce((SELECT sum(octet_length(state::text)) FROM revisions WHERE team_id = $1 AND record_id = ANY($2::text[])), 0) +
			coalesce((SELECT sum(octet_length(state::text)) FROM records WHERE team_id = $1 AND id = ANY($2::text[]) AND `+rowRevision+`), 0) +
			coalesce((SELECT sum(octet_length(result::text)) FROM change_results WHERE team_id = $1 AND `+resultOf+`), 0)`,
			teamID, ids).Scan(&bytes); err != nil {
			return fmt.Errorf("measure purged records: %w", err)
		}
		for _, q := range []string{
			keepRowResultsSQL, // before the rows go, as they were kept before (results.go)
			`DELETE FROM records WHERE team_id = $1 AND id = ANY($2::text[])`,
			`DELETE FROM revisions WHERE team_id = $1 AND record_id = ANY($2::text[])`,
			`DELETE FROM change_results WHERE team_id = $1 AND ` + resultOf,
		} {
			if _, err := tx.Exec(ctx, q, teamID, ids); err != nil {
				return fmt.Errorf("purge records: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE teams SET bytes_used = greatest(bytes_used - $2, 0) WHERE id = $1", teamID, bytes); err != nil {
			return err
		}
		for _, p := range out {
			if _, err := tx.Exec(ctx, `INSERT INTO purged_records(team_id, id, entity, seq, purged_at) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (team_id, id) DO UPDATE SET entity = excluded.entity, seq = excluded.seq, purged_at = excluded.purged_at`,
				teamID, p.ID, p.Entity, p.Seq, p.PurgedAt); err != nil {
				return fmt.Errorf("keep purged record ids: %w", err)
			}
		}
		return nil
	})
	return out, err
}

// PurgedAfter returns the team's purged records after the cursor since, by Seq.
func (s *Store) PurgedAfter(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.PurgedRecord, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, entity, seq, purged_at FROM purged_records
		WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, teamID, since, limit)
	return sqldb.CollectQuery(rows, err, []serverstore.PurgedRecord(nil), func(r sqldb.Row) (serverstore.PurgedRecord, error) {
		var p serverstore.PurgedRecord
		err := r.Scan(&p.ID, &p.Entity, &p.Seq, &p.PurgedAt)
		p.PurgedAt = p.PurgedAt.UTC()
		return p, err
	})
}

// IsPurged reports whether the team purged a record with this id (serverstore.PurgedChecker).
// The first call asks whether the team has purged anything at all: most pushes then
// cost no further round trip (no purge runs while the transaction holds the team's lock).
func (t *teamTx) IsPurged(ctx context.Context, teamID, id string) (bool, error) {
	if t.purgedNone {
		return false, nil
	}
	var some bool
	if err := t.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&some) },
		"SELECT EXISTS (SELECT 1 FROM purged_records WHERE team_id = $1)", teamID); err != nil {
		return false, err
	}
	if !some {
		t.purgedNone = teamID == t.teamID
		return false, nil
	}
	var one int
	err := t.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&one) },
		"SELECT 1 FROM purged_records WHERE team_id = $1 AND id = $2", teamID, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

var (
	_ serverstore.Purger        = (*Store)(nil)
	_ serverstore.PurgedChecker = (*teamTx)(nil)
)

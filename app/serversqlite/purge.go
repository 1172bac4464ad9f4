package serversqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// PurgeRecords removes the targets that are still the team's records at their Seq,
// with their revisions and the change results that carry their state, and keeps their
// ids in purged_records (serverstore.Purger). The transaction holds SQLite's write lock,
// so no push of the team runs meanwhile. Secure deletion is on (sqliteOptions): the
// removed rows' bytes are overwritten.
func (s *Store) PurgeRecords(ctx context.Context, teamID string, targets []serverstore.PurgeTarget, now time.Time) ([]serverstore.PurgedRecord, error) {
	if len(targets) == 0 {
		return nil, nil
	}
	var out []serverstore.PurgedRecord
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		want := make(map[string]serverstore.PurgeTarget, len(targets))
		ids := make([]string, 0, len(targets))
		for _, t := range targets {
			want[t.ID] = t
			ids = append(ids, t.ID)
		}
		buf, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, entity, seq FROM records
			WHERE team_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY seq`, teamID, string(buf))
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
		if buf, err = json.Marshal(ids); err != nil {
			return err
		}
		list := string(buf)
		const inList = ` IN (SELECT value FROM json_each(?2))`
		const resultOf = `json_valid(result) AND result ->> '$.state.id'` + inList
		var bytes int64
		if err := tx.QueryRowContext(ctx, `SELECT
			coalesce((SELECT sum(length(CAST(state AS BLOB))) FROM records WHERE team_id = ?1 AND id`+inList+`), 0) +
			coalesce((SELECT sum(length(CAST(state AS BLOB))) FROM revisions WHERE team_id = ?1 AND record_id`+inList+`), 0) +
			coalesce((SELECT sum(length(CAST(state AS BLOB))) FROM records WHERE team_id = ?1 AND id`+inList+` AND `+rowRevision+`), 0) +
			coalesce((SELECT sum(length(CAST(result AS BLOB))) FROM change_results WHERE team_id = ?1 AND `+resultOf+`), 0)`,
			teamID, list).Scan(&bytes); err != nil {
			return err
		}
		for _, q := range []string{
			keepRowResultsSQL, // before the rows go, as they were kept before (results.go)
			`DELETE FROM records WHERE team_id = ?1 AND id` + inList,
			`DELETE FROM revisions WHERE team_id = ?1 AND record_id` + inList,
			`DELETE FROM change_results WHERE team_id = ?1 AND ` + resultOf,
		} {
			if _, err := tx.ExecContext(ctx, q, teamID, list); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE teams SET bytes_used = max(bytes_used - ?, 0) WHERE id = ?", bytes, teamID); err != nil {
			return err
		}
		at := formatTime(now)
		for _, p := range out {
			if _, err := tx.ExecContext(ctx, `INSERT INTO purged_records(team_id, id, entity, seq, purged_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT(team_id, id) DO UPDATE SET entity = excluded.entity, seq = excluded.seq, purged_at = excluded.purged_at`,
				teamID, p.ID, p.Entity, p.Seq, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	// Earlier versions of the pages are in the write-ahead log until it is emptied.
	var busy, logged, done int
	if err := s.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil {
		return out, fmt.Errorf("empty the write-ahead log after a purge: %w", err)
	}
	return out, nil
}

// PurgedAfter returns the team's purged records after the cursor since, by Seq.
func (s *Store) PurgedAfter(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.PurgedRecord, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT id, entity, seq, purged_at FROM purged_records
		WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?`, teamID, since, limit)
	return sqldb.CollectQuery(rows, err, []serverstore.PurgedRecord(nil), func(r sqldb.Row) (serverstore.PurgedRecord, error) {
		var p serverstore.PurgedRecord
		var at string
		if err := r.Scan(&p.ID, &p.Entity, &p.Seq, &at); err != nil {
			return p, err
		}
		var err error
		p.PurgedAt, err = parseTime(at)
		return p, err
	})
}

// IsPurged reports whether the team purged a record with this id (serverstore.PurgedChecker).
// The first call asks whether the team has purged anything at all: most pushes then
// make no further lookup (a purge is a write transaction of its own, so none runs
// while this one is applied).
func (t *teamTx) IsPurged(ctx context.Context, teamID, id string) (bool, error) {
	if t.purgedNone && teamID == t.teamID {
		return false, nil
	}
	var some bool
	row, err := t.queryRow("SELECT EXISTS (SELECT 1 FROM purged_records WHERE team_id = ?)", teamID)
	if err != nil {
		return false, err
	}
	if err := row.Scan(&some); err != nil {
		return false, err
	}
	if !some {
		t.purgedNone = teamID == t.teamID
		return false, nil
	}
	row, err = t.queryRow("SELECT 1 FROM purged_records WHERE team_id = ? AND id = ?", teamID, id)
	if err != nil {
		return false, err
	}
	var one int
	if err := row.Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	return true, nil
}

var (
	_ serverstore.Purger        = (*Store)(nil)
	_ serverstore.PurgedChecker = (*teamTx)(nil)
)

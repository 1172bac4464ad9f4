package serversqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/serverstore"
)

// AddTeamKey stores a team's wrapped key unless it has one, and returns the one it has.
func (s *Store) AddTeamKey(ctx context.Context, k serverstore.TeamKey) (serverstore.TeamKey, error) {
	var out serverstore.TeamKey
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM teams WHERE id = ?", k.TeamID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return serverstore.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO team_keys(team_id, key_id, wrapped, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (team_id) DO NOTHING`, k.TeamID, k.KeyID, k.Wrapped, formatTime(k.CreatedAt)); err != nil {
			return err
		}
		var err error
		out, err = scanTeamKey(tx.QueryRowContext(ctx, teamKeyQuery, k.TeamID))
		return err
	})
	return out, err
}

const teamKeyQuery = "SELECT team_id, key_id, wrapped, created_at FROM team_keys WHERE team_id = ?"

// TeamKey returns a team's wrapped key.
func (s *Store) TeamKey(ctx context.Context, teamID string) (serverstore.TeamKey, error) {
	return scanTeamKey(s.reader.QueryRowContext(ctx, teamKeyQuery, teamID))
}

func scanTeamKey(row *sql.Row) (serverstore.TeamKey, error) {
	var k serverstore.TeamKey
	var created string
	if err := row.Scan(&k.TeamID, &k.KeyID, &k.Wrapped, &created); err != nil {
		return k, notFound(err)
	}
	var err error
	k.CreatedAt, err = parseTime(created)
	return k, err
}

// TeamKeyCount is how many teams have a key.
func (s *Store) TeamKeyCount(ctx context.Context) (int, error) {
	var n int
	err := s.reader.QueryRowContext(ctx, "SELECT count(*) FROM team_keys").Scan(&n)
	return n, err
}

// RewriteStates rewrites the states of a team's records and revisions of an entity, and
// the results of the changes that made them, in place, in one write transaction
// (SQLite's one writer: serialised with every push).
func (s *Store) RewriteStates(ctx context.Context, teamID, entity string, fn, result func(json.RawMessage) (json.RawMessage, error)) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		var delta int64
		changeIDs := map[string]bool{}
		// rewrite runs f over the rows of a query (key, value, change id, record id) and
		// updates each changed one; it returns how much each key's value grew. A
		// revision whose state is NULL shares its record's (shared.go), rewritten
		// already: it grows as its record did, and keeps sharing.
		recGrew := map[string]int64{}
		rewrite := func(f func(json.RawMessage) (json.RawMessage, error), query, update string, args ...any) (map[string]int64, error) {
			type row struct {
				key, owner string
				value      sql.NullString
			}
			rows, err := tx.QueryContext(ctx, query, args...)
			if err != nil {
				return nil, err
			}
			var all []row
			for rows.Next() {
				var r row
				var change, owner sql.NullString
				if err := rows.Scan(&r.key, &r.value, &change, &owner); err != nil {
					rows.Close()
					return nil, err
				}
				if change.Valid && change.String != "" {
					changeIDs[change.String] = true
				}
				r.owner = owner.String
				all = append(all, r)
			}
			if err := errors.Join(rows.Err(), rows.Close()); err != nil {
				return nil, err
			}
			grew := map[string]int64{}
			for _, r := range all {
				if !r.value.Valid {
					delta += recGrew[r.owner]
					continue
				}
				next, err := f(json.RawMessage(r.value.String))
				if err != nil {
					return nil, err
				}
				if next == nil {
					continue
				}
				if _, err := tx.ExecContext(ctx, update, string(next), teamID, r.key); err != nil {
					return nil, fmt.Errorf("rewrite a stored state: %w", err)
				}
				grew[r.key] = int64(len(next)) - int64(len(r.value.String))
				delta += grew[r.key]
				n++
			}
			return grew, nil
		}
		var err error
		if recGrew, err = rewrite(fn, "SELECT id, state, NULL, NULL FROM records WHERE team_id = ? AND entity = ?",
			"UPDATE records SET state = ? WHERE team_id = ? AND id = ?", teamID, entity); err != nil {
			return err
		}
		if _, err := rewrite(fn, "SELECT pk, state, change_id, record_id FROM revisions WHERE team_id = ? AND entity = ?",
			"UPDATE revisions SET state = ? WHERE team_id = ? AND pk = ?", teamID, entity); err != nil {
			return err
		}
		if result != nil {
			for id := range changeIDs {
				if _, err := rewrite(result, "SELECT change_id, result, NULL, NULL FROM change_results WHERE team_id = ? AND change_id = ?",
					"UPDATE change_results SET result = ? WHERE team_id = ? AND change_id = ?", teamID, id); err != nil {
					return err
				}
			}
		}
		if delta != 0 {
			if _, err := tx.ExecContext(ctx, "UPDATE teams SET bytes_used = bytes_used + ? WHERE id = ?", delta, teamID); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

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
		// rewrite runs f over the rows of a query (key, value, change id) and updates each
		// changed one. With rowRevisions, a row with a change id is a record's that stands
		// for its revision too (shared.go): that revision's state is rewritten with it,
		// and counts in the storage delta as well.
		rewrite := func(f func(json.RawMessage) (json.RawMessage, error), rowRevisions bool, query, update string, args ...any) error {
			type row struct {
				key, value string
				twice      bool
			}
			rows, err := tx.QueryContext(ctx, query, args...)
			if err != nil {
				return err
			}
			var all []row
			for rows.Next() {
				var r row
				var change sql.NullString
				if err := rows.Scan(&r.key, &r.value, &change); err != nil {
					rows.Close()
					return err
				}
				if change.Valid && change.String != "" {
					changeIDs[change.String] = true
					r.twice = rowRevisions
				}
				all = append(all, r)
			}
			if err := errors.Join(rows.Err(), rows.Close()); err != nil {
				return err
			}
			for _, r := range all {
				next, err := f(json.RawMessage(r.value))
				if err != nil {
					return err
				}
				if next == nil {
					continue
				}
				if _, err := tx.ExecContext(ctx, update, string(next), teamID, r.key); err != nil {
					return fmt.Errorf("rewrite a stored state: %w", err)
				}
				grew := int64(len(next)) - int64(len(r.value))
				if delta += grew; r.twice {
					delta += grew
				}
				n++
			}
			return nil
		}
		if err := rewrite(fn, true, "SELECT id, state, rev_change_id FROM records WHERE team_id = ? AND entity = ?",
			"UPDATE records SET state = ? WHERE team_id = ? AND id = ?", teamID, entity); err != nil {
			return err
		}
		if err := rewrite(fn, false, "SELECT pk, state, change_id FROM revisions WHERE team_id = ? AND entity = ?",
			"UPDATE revisions SET state = ? WHERE team_id = ? AND pk = ?", teamID, entity); err != nil {
			return err
		}
		if result != nil {
			for id := range changeIDs {
				if err := rewrite(result, false, "SELECT change_id, result, NULL FROM change_results WHERE team_id = ? AND change_id = ?",
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

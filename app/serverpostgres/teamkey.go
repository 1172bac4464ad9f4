package serverpostgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
)

// AddTeamKey stores a team's wrapped key unless it has one, and returns the one it has
// (ON CONFLICT: two servers adding at once keep the first).
func (s *Store) AddTeamKey(ctx context.Context, k serverstore.TeamKey) (serverstore.TeamKey, error) {
	var out serverstore.TeamKey
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM teams WHERE id = $1", k.TeamID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return serverstore.ErrNotFound
		}
		if _, err := tx.Exec(ctx, `INSERT INTO team_keys(team_id, key_id, wrapped, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (team_id) DO NOTHING`, k.TeamID, k.KeyID, k.Wrapped, k.CreatedAt.UTC()); err != nil {
			return err
		}
		var err error
		out, err = scanTeamKey(tx.QueryRow(ctx, teamKeyQuery, k.TeamID))
		return err
	})
	return out, err
}

const teamKeyQuery = "SELECT team_id, key_id, wrapped, created_at FROM team_keys WHERE team_id = $1"

// TeamKey returns a team's wrapped key.
func (s *Store) TeamKey(ctx context.Context, teamID string) (serverstore.TeamKey, error) {
	return scanTeamKey(s.pool.QueryRow(ctx, teamKeyQuery, teamID))
}

func scanTeamKey(row sqldb.Row) (serverstore.TeamKey, error) {
	var k serverstore.TeamKey
	if err := row.Scan(&k.TeamID, &k.KeyID, &k.Wrapped, &k.CreatedAt); err != nil {
		return k, notFound(err)
	}
	k.CreatedAt = k.CreatedAt.UTC()
	return k, nil
}

// TeamKeyCount is how many teams have a key.
func (s *Store) TeamKeyCount(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, "SELECT count(*) FROM team_keys").Scan(&n)
	return n, err
}

// RewriteStates rewrites the states of a team's records and revisions of an entity, and
// the results of the changes that made them, in place, in one transaction holding the
// team's lock (as InTeamTx does).
func (s *Store) RewriteStates(ctx context.Context, teamID, entity string, fn, result func(json.RawMessage) (json.RawMessage, error)) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		n = 0
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", teamLockKey(teamID)); err != nil {
			return fmt.Errorf("lock team %q: %w", teamID, err)
		}
		var delta int64
		changeIDs := map[string]bool{}
		// rewrite runs f over the rows of a query (key, value, change id) and updates
		// each changed one ($1 the new value, $2 the team, $3 the key). With
		// rowRevisions, a row with a change id is a record's that stands for its revision
		// too (shared.go): that revision's state is rewritten with it, and counts in the
		// storage delta as well.
		rewrite := func(f func(json.RawMessage) (json.RawMessage, error), rowRevisions bool, query, update string, args ...any) error {
			type row struct {
				key, value string
				twice      bool
			}
			rows, err := tx.Query(ctx, query, args...)
			if err != nil {
				return err
			}
			var all []row
			for rows.Next() {
				var r row
				var change *string
				if err := rows.Scan(&r.key, &r.value, &change); err != nil {
					rows.Close()
					return err
				}
				if change != nil && *change != "" {
					changeIDs[*change] = true
					r.twice = rowRevisions
				}
				all = append(all, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
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
				if _, err := tx.Exec(ctx, update, string(next), teamID, r.key); err != nil {
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
		if err := rewrite(fn, true, "SELECT id, state::text, rev_change_id FROM records WHERE team_id = $1 AND entity = $2",
			"UPDATE records SET state = $1::json WHERE team_id = $2 AND id = $3", teamID, entity); err != nil {
			return err
		}
		if err := rewrite(fn, false, "SELECT pk::text, state::text, change_id FROM revisions WHERE team_id = $1 AND entity = $2",
			"UPDATE revisions SET state = $1::json WHERE team_id = $2 AND pk = $3::bigint", teamID, entity); err != nil {
			return err
		}
		if result != nil {
			for id := range changeIDs {
				if err := rewrite(result, false, "SELECT change_id, result::text, NULL::text FROM change_results WHERE team_id = $1 AND change_id = $2",
					"UPDATE change_results SET result = $1::json WHERE team_id = $2 AND change_id = $3", teamID, id); err != nil {
					return err
				}
			}
		}
		if delta != 0 {
			if _, err := tx.Exec(ctx, "UPDATE teams SET bytes_used = bytes_used + $2 WHERE id = $1", teamID, delta); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

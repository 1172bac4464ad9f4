package serverpostgres

import (
	"context"
	"strings"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/jackc/pgx/v5"
)

// OpenStore is Open with the concrete type.
func OpenStore(ctx context.Context, url string) (*Store, error) { return open(ctx, url) }

// MigrateTo applies the first n migrations.
func (s *Store) MigrateTo(ctx context.Context, n int) error { return s.migrateTo(ctx, n) }

// Exec runs a statement on the database.
func (s *Store) Exec(ctx context.Context, q string) error {
	_, err := s.pool.Exec(ctx, q)
	return err
}

// QueryInt runs a query that returns one integer.
func (s *Store) QueryInt(ctx context.Context, q string, args ...any) (n int, err error) {
	err = s.pool.QueryRow(ctx, q, args...).Scan(&n)
	return n, err
}

// PrefetchRows runs Prefetch's records query for teamID and ids on its own and returns
// every row it gives, as pgx decodes it.
func (s *Store) PrefetchRows(ctx context.Context, teamID string, ids []string) ([][]any, error) {
	rows, err := s.pool.Query(ctx, prefetchRecords, teamID, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all [][]any
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, rows.Err()
}

// HoldTeam takes the team's turn, as a group being applied holds it, until release:
// InTeamTx calls of the team queue meanwhile.
func (s *Store) HoldTeam(teamID string) (release func()) {
	s.groupMu.Lock()
	q := s.teams[teamID]
	if q == nil {
		q = &teamQueue{turn: make(chan struct{}, 1)}
		s.teams[teamID] = q
	}
	q.users++
	s.groupMu.Unlock()
	q.turn <- struct{}{}
	return func() {
		<-q.turn
		s.leave(teamID, q)
	}
}

// QueuedFor is how many InTeamTx of the team wait in its queue.
func (s *Store) QueuedFor(teamID string) int {
	s.groupMu.Lock()
	defer s.groupMu.Unlock()
	if q := s.teams[teamID]; q != nil {
		return len(q.queued)
	}
	return 0
}

// Commits is how many group transactions were committed.
func (s *Store) Commits() int64 { return s.commits.Load() }

// TxExec runs a statement on the transaction behind tx (a Tx of InTeamTx).
func TxExec(tx serverstore.Tx, sql string) error {
	t := tx.(*teamTx)
	_, err := t.tx.Exec(context.Background(), sql) // (the group's context: groupTx)
	return err
}

// PrefetchPlans returns PostgreSQL's generic plans (those a prepared statement keeps)
// of Prefetch's two queries in a transaction of teamID as InTeamTx begins it, for ids.
func (s *Store) PrefetchPlans(ctx context.Context, teamID string, ids []string) (results, records string, err error) {
	tx, err := s.planTx(ctx, teamID, true)
	if err != nil {
		return "", "", err
	}
	defer tx.Rollback(ctx)
	// (EXPLAIN takes no parameters: the values go in as literals, ids of the test's own)
	args := "'" + teamID + "', ARRAY['" + strings.Join(ids, "','") + "']"
	plan := func(name, query string) (string, error) { return explain(ctx, tx, name, "(text, text[])", query, args) }
	if results, err = plan("results", prefetchResults); err != nil {
		return "", "", err
	}
	records, err = plan("records", prefetchRecords)
	return results, records, err
}

// RecordsByEntityPlans are the generic plans of RecordsAfter's and EntityRecords'
// queries (records_after.go) for a team's records of entity.
func (s *Store) RecordsByEntityPlans(ctx context.Context, teamID, entity string) (after, all string, err error) {
	tx, err := s.planTx(ctx, "", true) // (RecordsAfter reads outside a team's transaction)
	if err != nil {
		return "", "", err
	}
	defer tx.Rollback(ctx)
	plan := func(name, query, args string) (string, error) { return explain(ctx, tx, name, "", query, args) }
	lit := "'" + teamID + "', '" + entity + "'"
	if after, err = plan("after", recordsAfterSQL(entity), lit+", '', 500"); err != nil {
		return "", "", err
	}
	all, err = plan("entity", entityRecordsSQL(entity), lit)
	return after, all, err
}

// KeepRowPlans returns PostgreSQL's plans, generic (a prepared statement's after its
// fifth run) or custom (its first five), of the statements that write down what the
// records' rows stand for (shared.go, results.go), in a transaction of teamID as
// InTeamTx begins it, for ids.
func (s *Store) KeepRowPlans(ctx context.Context, teamID string, ids []string, generic bool) (revisions, results string, err error) {
	tx, err := s.planTx(ctx, teamID, generic)
	if err != nil {
		return "", "", err
	}
	defer tx.Rollback(ctx)
	args := "'" + teamID + "', ARRAY['" + strings.Join(ids, "','") + "']"
	plan := func(name, query string) (string, error) { return explain(ctx, tx, name, "(text, text[])", query, args) }
	if revisions, err = plan("keep_revisions", keepRowRevisionsSQL); err != nil {
		return "", "", err
	}
	results, err = plan("keep_results", keepRowResultsSQL)
	return revisions, results, err
}

// explain returns the plan PostgreSQL makes for query, prepared in tx as name with the
// parameter types params ("" to infer them) and executed with args (literals: EXPLAIN
// takes no parameters); the statement is deallocated after (a prepared statement
// outlives the transaction).
func explain(ctx context.Context, tx pgx.Tx, name, params, query, args string) (string, error) {
	if _, err := tx.Exec(ctx, "PREPARE "+name+params+" AS "+query); err != nil {
		return "", err
	}
	defer tx.Exec(ctx, "DEALLOCATE "+name)
	rows, err := tx.Query(ctx, "EXPLAIN EXECUTE "+name+"("+args+")")
	if err != nil {
		return "", err
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return strings.Join(lines, "\n"), err
}

// planTx begins a transaction to read plans in, with generic (or custom) plans forced:
// as InTeamTx begins one for teamID (its lock, and what the lock's statement sets), or a
// plain one for teamID "". The caller rolls it back.
func (s *Store) planTx(ctx context.Context, teamID string, generic bool) (pgx.Tx, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	mode := "force_custom_plan"
	if generic {
		mode = "force_generic_plan"
	}
	if teamID != "" {
		if _, err = tx.Exec(ctx, lockTeamByKey, teamLockKey(teamID)); err != nil {
			tx.Rollback(ctx)
			return nil, err
		}
	}
	if _, err = tx.Exec(ctx, "SET LOCAL plan_cache_mode = "+mode); err != nil {
		tx.Rollback(ctx)
		return nil, err
	}
	return tx, nil
}

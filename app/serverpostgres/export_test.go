package serverpostgres

import "context"

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

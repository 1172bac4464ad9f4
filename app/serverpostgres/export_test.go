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

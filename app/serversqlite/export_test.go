package serversqlite

import "context"

// MigrateTo applies the first n migrations.
func (s *Store) MigrateTo(ctx context.Context, n int) error { return s.migrateTo(ctx, n) }

// Exec runs a statement on the database.
func (s *Store) Exec(ctx context.Context, q string) error {
	_, err := s.writer.ExecContext(ctx, q)
	return err
}

// QueryInt runs a query that returns one integer.
func (s *Store) QueryInt(ctx context.Context, q string, args ...any) (n int, err error) {
	err = s.writer.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

// RecordsAfterSQL and EntityRecordsSQL are the queries of a team's records of entity
// by id (records_after.go).
func RecordsAfterSQL(entity string) string  { return recordsAfterSQL(entity) }
func EntityRecordsSQL(entity string) string { return entityRecordsSQL(entity) }

package sqldb

// Row is one row of a query's result to scan: *sql.Row, *sql.Rows, pgx.Row and pgx.Rows
// all are. A store's scanX functions take it, so that one function reads a row of a
// single-row query and of a list alike.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a query's result read row by row: *sql.Rows and pgx.Rows both are. (Closing
// it is left to the caller: the two Close methods differ.)
type Rows interface {
	Row
	Next() bool
	Err() error
}

// Each scans every row of rows with scan and hands the value to fn, stopping at the
// first error (of scan, of fn or of rows).
func Each[T any](rows Rows, scan func(Row) (T, error), fn func(T) error) error {
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Collect appends every row of rows, scanned with scan, to out (nil when a row does
// not scan).
func Collect[T any](rows Rows, out []T, scan func(Row) (T, error)) ([]T, error) {
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

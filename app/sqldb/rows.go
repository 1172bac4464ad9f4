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

// CollectQuery is Collect over what a query call returned: err when the query failed;
// otherwise the rows, closed once read.
func CollectQuery[T any](rows Rows, err error, out []T, scan func(Row) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer closeRows(rows)
	return Collect(rows, out, scan)
}

// EachQuery is Each over what a query call returned, as CollectQuery.
func EachQuery[T any](rows Rows, err error, scan func(Row) (T, error), fn func(T) error) error {
	if err != nil {
		return err
	}
	defer closeRows(rows)
	return Each(rows, scan, fn)
}

// closeRows closes *sql.Rows (Close() error) or pgx.Rows (Close()).
func closeRows(rows Rows) {
	switch r := rows.(type) {
	case interface{ Close() error }:
		_ = r.Close()
	case interface{ Close() }:
		r.Close()
	}
}

// KeyCounts reads what a two-column query (a text key, an integer) returned into a
// map from key to number, as CollectQuery: err when the query failed.
func KeyCounts(rows Rows, err error) (map[string]int64, error) {
	out := map[string]int64{}
	type kv struct {
		k string
		n int64
	}
	scan := func(r Row) (kv, error) {
		var v kv
		return v, r.Scan(&v.k, &v.n)
	}
	err = EachQuery(rows, err, scan, func(v kv) error { out[v.k] = v.n; return nil })
	if err != nil {
		return nil, err
	}
	return out, nil
}

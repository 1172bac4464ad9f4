package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// A push's reads in a sync transaction run by go-sqlite3's own statements on the
// transaction's held connection (sql.Conn.Raw, rawInsert's: importer_raw.go), not
// through database/sql's: the take of a batch, its rows read with the driver's own Next
// (no database/sql conversion, locking or per-query goroutine for a cancellable
// context) (issue 17, the laptop's push, round 6). The push's writes (change ids, the
// import entries removed, the stamps) stay database/sql's prepared statements run with
// context.Background(): one a row through the driver's own statement measured no
// cheaper (its exec path binds a value a call into C as database/sql's does; its query
// path, one call, needs RETURNING to say whether a row changed, which costs SQLite
// more: docs/benchmarks.md, round 6).
//
// What database/sql would have checked is checked here, as rawInsert does: the
// transaction must still be open (rawInsert.inTx refuses once it has ended: database/sql
// rolls it back when its context is cancelled), and the context is checked before each
// run. The statements run without the context's cancellation (go-sqlite3 would watch it
// on a goroutine): a run is bounded by its batch. While a run holds the connection,
// nothing of database/sql may be used on the transaction (it would wait for the
// connection for ever).

// errRawValue: a column held a value of a type the raw read does not convert the way
// database/sql would (never, in STRICT tables): the read is done again through
// database/sql.
var errRawValue = errors.New("store: a value of an unexpected type")

// rawRun runs fn on the transaction's connection, unless the sync's context is done or
// the transaction has ended.
func (t *syncTx) rawRun(fn func(c *sqlite3.SQLiteConn) error) error {
	if err := t.ctx.Err(); err != nil {
		return err
	}
	return t.raw.inTx(fn)
}

// stmt is query prepared on c at its first use (the reads' statements, by their SQL).
func (r *rawInsert) stmt(c *sqlite3.SQLiteConn, query string) (*sqlite3.SQLiteStmt, error) {
	if st, ok := r.stmts[query]; ok {
		return st, nil
	}
	s, err := c.Prepare(query)
	if err != nil {
		return nil, err
	}
	if r.stmts == nil {
		r.stmts = map[string]*sqlite3.SQLiteStmt{}
	}
	st := s.(*sqlite3.SQLiteStmt)
	r.stmts[query] = st
	return st, nil
}

// query runs query with values (whole numbers as int64, strings) and calls row with
// each of its first ncol columns' values until it says no more or the rows end. dest is
// reused from row to row: row must keep none of it but its strings.
func (r *rawInsert) query(c *sqlite3.SQLiteConn, query string, ncol int, values []driver.Value, row func(dest []driver.Value) (more bool, err error)) error {
	st, err := r.stmt(c, query)
	if err != nil {
		return err
	}
	r.args = r.args[:0]
	for i, v := range values {
		r.args = append(r.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	rows, err := st.QueryContext(context.Background(), r.args)
	clear(r.args)
	if err != nil {
		return err
	}
	if cap(r.dest) < ncol {
		r.dest = make([]driver.Value, ncol)
	}
	dest := r.dest[:ncol]
	for {
		err = rows.Next(dest)
		if err != nil {
			break
		}
		more, ferr := row(dest)
		if ferr != nil || !more {
			err = ferr
			break
		}
	}
	clear(dest)
	if err == io.EOF {
		err = nil
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// rawString, rawInt and rawBool are a column's value as database/sql's Scan into a
// string, an int64 or a bool gives it, for the types a STRICT table's columns hold
// (TEXT, INTEGER); ok false for any other (errRawValue: read it through database/sql).
func rawString(v driver.Value) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

func rawInt(v driver.Value) (int64, bool) {
	n, ok := v.(int64)
	return n, ok
}

func rawBool(v driver.Value) (bool, bool) {
	// (database/sql takes an integer as a bool by driver.Bool: 1 or 0, an error else)
	switch n, ok := v.(int64); {
	case ok && n == 1:
		return true, true
	case ok && n == 0:
		return false, true
	}
	return false, false
}

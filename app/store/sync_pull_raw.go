package store

import (
	"context"
	"database/sql/driver"
	"errors"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// A first pull's new feedback rows, a chunk of a Flush's at once (feedbackFlushRows):
// each row's insert is run through go-sqlite3's query path, which resets the
// statement, binds its values and steps it in one call into C, where its exec path
// makes a call a value (fifteen a row: a quarter of the rows' cost, issue 17, the first
// pull's inserts, round 5). That path tells neither whether the row was inserted nor
// its pk; SQLite's rule for a table whose rows get their pk from it does
// (https://www.sqlite.org/autoinc.html): a new row gets one more than the largest pk in
// the table, unless that largest is the largest there can be. So the largest pk is read
// before and after the chunk's rows: they were all inserted if and only if it grew by
// their number, and the i-th of them got the one before plus i+1. Near the largest pk
// there can be (never, in practice) each row is inserted as the import inserts it, with
// its own result.

// feedbackMaxPKSQL reads the largest pk of the feedback table (0: none).
const feedbackMaxPKSQL = `SELECT coalesce(max(pk), 0) FROM feedback`

// pkCeiling: a chunk whose pks could come near SQLite's largest takes the other path
// (far below it: the search index's rows are twice the pk, search.go).
const pkCeiling = 1 << 60

// insertFresh inserts n new feedback items, the i-th as item(i) says (whether it is
// plain, its feedbackArgs), calling inserted with each one's pk in order; ok is false
// when one of them was there (nothing is said then of which: the transaction is to be
// rolled back). implied: each row is its own light sync base (sync_base_implied.go).
func (r *rawInsert) insertFresh(n int, implied bool, item func(i int) (plain bool, args []any), inserted func(i int, pk int64)) (ok bool, err error) {
	err = r.inTx(func(c *sqlite3.SQLiteConn) error {
		before, err := r.maxPK(c)
		if err != nil {
			return err
		}
		if before > pkCeiling {
			return errNearCeiling
		}
		for i := range n {
			plain, args := item(i)
			st, err := r.statement(c, plain, implied)
			if err != nil {
				return err
			}
			r.args = boundValues(r.args[:0], args, plain)
			rows, err := st.QueryContext(context.Background(), r.args)
			clear(r.args) // nothing of the item kept
			if err != nil {
				return err
			}
			if err := rows.Close(); err != nil {
				return err
			}
		}
		after, err := r.maxPK(c)
		if err != nil {
			return err
		}
		if ok = after == before+int64(n); ok {
			for i := range n {
				inserted(i, before+1+int64(i))
			}
		}
		return nil
	})
	return ok, err
}

// errNearCeiling: the flush's rows take the path of one result a row.
var errNearCeiling = errors.New("feedback pks near SQLite's largest")

// maxPK runs feedbackMaxPKSQL on c.
func (r *rawInsert) maxPK(c *sqlite3.SQLiteConn) (pk int64, err error) {
	read, whole := false, false
	err = r.query(c, feedbackMaxPKSQL, 1, nil, func(v []driver.Value) (bool, error) {
		read = true
		pk, whole = v[0].(int64)
		return false, nil
	})
	switch {
	case err != nil:
		return 0, err
	case !read:
		return 0, errors.New("no largest feedback pk")
	case !whole:
		return 0, errors.New("the largest feedback pk is not a whole number")
	}
	return pk, nil
}

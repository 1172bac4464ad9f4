package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// New feedback items, the most of an import's rows and of a new laptop's first pull,
// are inserted by go-sqlite3's statement itself on the transaction's connection
// (sql.Conn.Raw), one row a statement, not through database/sql's: that path boxed and
// converted each value again, looked the statement up for the transaction and wrapped
// its result, for every row (issue 17, import round 4); the first pull's 400-row
// statements with RETURNING cost SQLite half as much again as these (issue 17, the
// first pull's inserts, round 5). A plain item (importer_feedback.go) binds 15 values,
// any other the 20 of insertNewFeedbackSQL. The statements are the same inserts, with
// the same values; what database/sql would have checked is checked here: the
// transaction must still be open. database/sql rolls it back when its context is
// cancelled, and an insert after that would be committed on its own (SQLite's
// autocommit); SQLite itself ends it after some errors. The rollback needs the
// connection, which Raw holds, so it cannot come between the check and the insert.
// The statements run without the context's cancellation (go-sqlite3 would run each on
// a goroutine of its own): a cancelled transaction is refused at the next row.

// rawInsert inserts new feedback items on the connection a transaction runs on, and
// runs a sync's reads there (query, sync_push_raw.go).
type rawInsert struct {
	conn        *sql.Conn
	plain, full *sqlite3.SQLiteStmt // insertPlainFeedbackSQL, insertNewFeedbackSQL: prepared at their first use
	// plainImplied, fullImplied: the same for rows that are their own light sync
	// bases (impliedInsert, sync_base_implied.go)
	plainImplied, fullImplied *sqlite3.SQLiteStmt
	// stmts: the reads (query: a first pull's largest pk, a push's take), by their SQL
	stmts map[string]*sqlite3.SQLiteStmt
	args  []driver.NamedValue // reused: go-sqlite3 keeps none of them
	dest  []driver.Value      // query's row, reused
}

// errTxEnded refuses an insert once the transaction has ended.
var errTxEnded = errors.New("the transaction has ended")

// insert inserts f unless its id exists, saying whether it did. args are
// feedbackArgs(f) when the caller has them (worked out ahead: sync_pull_prep.go), or nil.
// implied: the row is its own light sync base (sync_base_implied.go).
func (r *rawInsert) insert(f *involve.Feedback, args []any, implied bool) (inserted bool, pk int64, err error) {
	plain := plainFeedback(f)
	if args == nil && !plain {
		args = feedbackArgs(f)
	}
	err = r.inTx(func(c *sqlite3.SQLiteConn) error {
		st, err := r.statement(c, plain, implied)
		if err != nil {
			return err
		}
		if args == nil {
			r.args = plainFeedbackValues(r.args[:0], f)
		} else {
			r.args = boundValues(r.args[:0], args, plain)
		}
		res, err := st.ExecContext(context.Background(), r.args)
		clear(r.args) // nothing of f kept
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return err
		}
		pk, err = res.LastInsertId()
		inserted = err == nil
		return err
	})
	return inserted, pk, err
}

// inTx runs fn on the connection, unless the transaction on it has ended.
func (r *rawInsert) inTx(fn func(c *sqlite3.SQLiteConn) error) error {
	return r.conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return errors.New("the transaction's connection is not go-sqlite3's")
		}
		if c.AutoCommit() {
			return errTxEnded
		}
		return fn(c)
	})
}

// statement is the plain or the full insert, of a row that is its own light sync base
// or not (implied), prepared on c at its first use.
func (r *rawInsert) statement(c *sqlite3.SQLiteConn, plain, implied bool) (*sqlite3.SQLiteStmt, error) {
	st, query := &r.full, insertNewFeedbackSQL
	if plain {
		st, query = &r.plain, insertPlainFeedbackSQL
	}
	if implied {
		st = &r.fullImplied
		if plain {
			st = &r.plainImplied
		}
	}
	if *st == nil {
		if implied {
			query = impliedInsert(query) // the same insert writing light_base = 1
		}
		s, err := c.Prepare(query)
		if err != nil {
			return nil, err
		}
		*st = s.(*sqlite3.SQLiteStmt)
	}
	return *st, nil
}

// close finalises the statements that were prepared.
func (r *rawInsert) close() {
	for _, st := range []**sqlite3.SQLiteStmt{&r.plain, &r.full, &r.plainImplied, &r.fullImplied} {
		if *st != nil {
			r.conn.Raw(func(any) error { return (*st).Close() })
			*st = nil
		}
	}
	if len(r.stmts) > 0 {
		r.conn.Raw(func(any) error {
			for _, st := range r.stmts {
				st.Close()
			}
			return nil
		})
		r.stmts = nil
	}
}

// plainArgs are the places in feedbackArgs of the values insertPlainFeedbackSQL binds,
// in its parameters' order.
var plainArgs = [...]int{0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 15, 16, 18}

// boundValues appends to values feedbackArgs' args as go-sqlite3 binds them (whole
// numbers as int64): those insertPlainFeedbackSQL binds when plain, else all of them.
// A boxed value is copied, not boxed again.
func boundValues(values []driver.NamedValue, args []any, plain bool) []driver.NamedValue {
	bind := func(v any) {
		if n, ok := v.(int); ok {
			v = int64(n)
		}
		values = append(values, driver.NamedValue{Ordinal: len(values) + 1, Value: v})
	}
	if plain {
		for _, i := range plainArgs {
			bind(args[i])
		}
	} else {
		for _, v := range args {
			bind(v)
		}
	}
	return values
}

// plainFeedbackValues is boundValues(feedbackArgs(f), true), without making
// feedbackArgs (an import's item: 20 values boxed, 5 of them for nothing).
func plainFeedbackValues(values []driver.NamedValue, f *involve.Feedback) []driver.NamedValue {
	var rating driver.Value
	if f.Rating != nil {
		rating = int64(*f.Rating)
	}
	for i, v := range [...]driver.Value{f.ID, f.SessionID, f.Source, f.Text, rating, codes(f.Themes), f.AgeBand,
		f.EthnicGroup, f.Borough, f.CapturedBy, f.CreatedAt, f.UpdatedAt, f.DeviceID, f.Rev, f.TeamID} {
		values = append(values, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return values
}

package serversqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"unsafe"
)

// A push's rows (records, revisions, change results: teamTx.flush) are inserted by
// go-sqlite3's own statement on the group's connection (sql.Conn.Raw), one row a
// statement, not by database/sql's multi-row INSERTs of 200 rows: database/sql
// converted each of a statement's 1 800 values again, and go-sqlite3's Exec binds each
// by a call into C that has SQLite copy the value (SQLITE_TRANSIENT: a malloc and a
// free a value). Its Query binds a row's values and steps in one call into C, the
// values copied once into the statement's own buffer (SQLITE_STATIC), so the inserts
// are run as queries that return no row (issue 17, the server's push, round 6).
//
// What database/sql would have checked is checked here: the transaction must still be
// open. SQLite ends a transaction on its own after some errors, and an insert after
// that would be committed on its own (autocommit); the group's transaction is never
// rolled back by a context (group.go), and database/sql cannot roll it back while Raw
// holds the connection, so one check before a run of inserts that stops at the first
// error is enough. The statements run with context.Background(), as every statement of
// a group does (group.go): go-sqlite3 would run each on a goroutine of its own
// otherwise.
//
// The import map (architecture_test.go) keeps go-sqlite3 in app/sqldb and app/store:
// this file sees the driver's connection and statements through database/sql/driver's
// interfaces only, and is the server's own small copy of app/store's rawInsert.

// rawWriter runs a group's inserts on the connection its transaction runs on.
type rawWriter struct {
	conn  *sql.Conn
	stmts map[string]driver.Stmt // prepared at their first use in the group
	args  []driver.NamedValue    // reused: go-sqlite3 keeps none of them
}

// rawConn is what rawWriter needs of go-sqlite3's connection.
type rawConn interface {
	driver.Conn
	AutoCommit() bool
}

// errTxEnded refuses an insert once the group's transaction has ended.
var errTxEnded = errors.New("the group's transaction has ended")

// inTx runs fn on the connection, unless the transaction on it has ended. fn must not
// use the transaction through database/sql (Raw holds the connection).
func (w *rawWriter) inTx(fn func(c driver.Conn) error) error {
	return w.conn.Raw(func(dc any) error {
		c, ok := dc.(rawConn)
		if !ok {
			return errors.New("the writer's connection is not go-sqlite3's")
		}
		if c.AutoCommit() {
			return errTxEnded
		}
		return fn(c)
	})
}

// insert runs q, a statement that returns no row, on c (inside inTx) with values.
func (w *rawWriter) insert(c driver.Conn, q string, values ...driver.Value) error {
	st, ok := w.stmts[q]
	if !ok {
		var err error
		if st, err = c.Prepare(q); err != nil {
			return err
		}
		w.stmts[q] = st
	}
	qst, ok := st.(driver.StmtQueryContext)
	if !ok {
		return errors.New("the writer's statements cannot run as queries")
	}
	w.args = w.args[:0]
	for i, v := range values {
		w.args = append(w.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	rows, err := qst.QueryContext(context.Background(), w.args)
	clear(w.args) // nothing of the row kept
	if err != nil {
		return err
	}
	return rows.Close() // resets the statement
}

// close finalises the statements prepared in the group.
func (w *rawWriter) close() {
	if len(w.stmts) == 0 {
		return
	}
	w.conn.Raw(func(any) error {
		for _, st := range w.stmts {
			st.Close()
		}
		return nil
	})
	clear(w.stmts)
}

// text is b as a string for insert, without copying it: the value is copied into the
// statement's buffer (or by SQLite) before insert returns, and neither keeps the
// string. Only for a value bound by insert.
func text(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

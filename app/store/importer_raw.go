package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// An import's plain feedback items (importer_feedback.go), most of its rows, are
// inserted by go-sqlite3's statement itself on the import's connection (sql.Conn.Raw),
// not through database/sql's: that path boxed and converted each value again, looked
// the statement up for the transaction and wrapped its result, for every row (issue 17,
// round 4). The statement is the same insert, with the same values; what database/sql
// would have checked is checked here: the import's transaction must still be open. It
// is rolled back by database/sql when the import's context is cancelled, and an insert
// after that would be committed on its own (SQLite's autocommit). The rollback needs
// the connection, which Raw holds, so it cannot come between the check and the insert.

// rawInsert is insertPlainFeedbackSQL on the import's connection.
type rawInsert struct {
	conn *sql.Conn
	st   *sqlite3.SQLiteStmt // prepared at its first use
	args []driver.NamedValue // reused: go-sqlite3 keeps none of them
}

// errImportTxDone refuses an insert once the import's transaction has ended.
var errImportTxDone = errors.New("the import's transaction has ended")

// insert inserts f (a plain item) unless its id exists, saying whether it did.
func (r *rawInsert) insert(f *involve.Feedback) (inserted bool, pk int64, err error) {
	err = r.conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return errors.New("the import's connection is not go-sqlite3's")
		}
		if c.AutoCommit() {
			return errImportTxDone
		}
		if r.st == nil {
			st, err := c.Prepare(insertPlainFeedbackSQL)
			if err != nil {
				return err
			}
			r.st = st.(*sqlite3.SQLiteStmt)
		}
		r.args = plainFeedbackValues(r.args[:0], f)
		res, err := r.st.ExecContext(context.Background(), r.args)
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

// close finalises the statement, if it was prepared.
func (r *rawInsert) close() {
	if r.st != nil {
		r.conn.Raw(func(any) error { return r.st.Close() })
		r.st = nil
	}
}

// plainFeedbackValues appends to args the values insertPlainFeedbackSQL binds for f,
// as go-sqlite3 binds them (whole numbers as int64).
func plainFeedbackValues(args []driver.NamedValue, f *involve.Feedback) []driver.NamedValue {
	var rating driver.Value
	if f.Rating != nil {
		rating = int64(*f.Rating)
	}
	for i, v := range [...]driver.Value{f.ID, f.SessionID, f.Source, f.Text, rating, codes(f.Themes), f.AgeBand,
		f.EthnicGroup, f.Borough, f.CapturedBy, f.CreatedAt, f.DeviceID, f.Rev} {
		args = append(args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return args
}

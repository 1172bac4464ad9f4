package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The store is a report.ResponseSource: the question sets and the responses of a
// report (the Questions section of the Reports screen, the workbook's Questions sheet
// and responses.csv).

var _ report.ResponseSource = (*DB)(nil)

// QuestionSets implements report.ResponseSource: every version of every question set,
// deleted ones included, read on the read pool.
func (db *DB) QuestionSets(ctx context.Context) ([]involve.QuestionSet, error) {
	out := []involve.QuestionSet{}
	err := eachDoc(ctx, db.reader, involve.EntityQuestionSet, "", true, func(d involve.Doc) error {
		if s, ok := d.(*involve.QuestionSet); ok {
			out = append(out, *s)
		}
		return nil
	})
	return out, err
}

// reportResponses reads the live responses whose live feedback item's live session is
// inside the filter, in feedback id order (the order captured). It reads the feedback
// table in storage order, looks each item's session up by id and its responses up
// through the docs_entity index (entity, parent_id), and sorts by feedback id in
// SQLite's external sorter (runs the size of the 2 MB page cache, in temporary files),
// so memory stays flat however many there are. Walking docs_entity in feedback id
// order instead looked each response's item up by id: three random page reads per
// response, four times the CPU time at 100 000 (docs/benchmarks.md).
const reportResponses = `SELECT ` + docCols + `, s.date, f.quote_consent, f.age_band, f.ethnic_group, f.borough
	FROM feedback f NOT INDEXED CROSS JOIN sessions s ON s.id = f.session_id
	CROSS JOIN docs d ON d.entity = 'response' AND d.parent_id = f.id
	WHERE d.deleted_at IS NULL AND f.deleted_at IS NULL AND %s
	ORDER BY d.parent_id, d.pk`

// Responses implements report.ResponseSource: by feedback item (the order captured),
// one row at a time on a read connection with a small page cache.
func (db *DB) Responses(ctx context.Context, f report.Filter, fn func(*report.ResponseRow) error) error {
	where, args := reportWhere(f)
	q := strings.Replace(reportResponses, "%s", where, 1)
	return db.scanReader(ctx, func(conn *sql.Conn) error {
		rows, err := conn.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var state sql.RawBytes // read before the next row
		for rows.Next() {
			row := &report.ResponseRow{}
			var m involve.Meta
			if err := rows.Scan(&state, &m.CreatedAt, &m.UpdatedAt, &m.CreatedBy, &m.DeviceID, &m.Rev, &m.DeletedAt, &m.TeamID,
				&row.SessionDate, &row.QuoteConsent, &row.AgeBand, &row.EthnicGroup, &row.Borough); err != nil {
				return err
			}
			r, err := decodeResponse(state)
			if err != nil {
				return err
			}
			m.ID = r.ID // the columns are the truth for the bookkeeping (scanDoc)
			r.Meta = m
			row.Response = r
			if err := fn(row); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

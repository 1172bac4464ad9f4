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
// inside the filter. The docs_entity index (entity, parent_id) gives them in feedback
// id order (the order captured) with no sort, so memory stays flat however many there
// are; each row looks its feedback item and session up by their ids.
const reportResponses = `SELECT ` + docCols + `, s.date, f.quote_consent, f.age_band, f.ethnic_group, f.borough
	FROM docs d CROSS JOIN feedback f ON f.id = d.parent_id CROSS JOIN sessions s ON s.id = f.session_id
	WHERE d.entity = 'response' AND d.deleted_at IS NULL AND f.deleted_at IS NULL AND %s
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
		for rows.Next() {
			row := &report.ResponseRow{}
			d, err := scanDoc(rows, involve.EntityResponse, &row.SessionDate, &row.QuoteConsent, &row.AgeBand,
				&row.EthnicGroup, &row.Borough)
			if err != nil {
				return err
			}
			r, ok := d.(*involve.Response)
			if !ok {
				continue
			}
			row.Response = r
			if err := fn(row); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

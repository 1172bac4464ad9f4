package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The store is a report.Source (and a report.Counter) for the summary workbook, the
// CSV files and the Reports screen. Everything is read on the read pool, so a report
// runs while people keep capturing; rows are streamed to the caller one at a time,
// never collected.

var (
	_ report.Source  = (*DB)(nil)
	_ report.Counter = (*DB)(nil)
)

// Projects implements report.Source: every project, deleted ones included, by name.
func (db *DB) Projects(ctx context.Context) ([]involve.Project, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+projectCols+` FROM projects p ORDER BY p.name, p.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.Project{}
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Themes implements report.Source: every theme, archived and deleted ones included.
func (db *DB) Themes(ctx context.Context) ([]involve.Theme, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+themeCols+` FROM themes t ORDER BY t.label, t.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []involve.Theme{}
	for rows.Next() {
		t, err := scanTheme(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// reportWhere is the SQL condition (on sessions s) and its arguments for the live
// sessions inside a report filter. The team is not filtered: a laptop holds one team.
func reportWhere(f report.Filter) (string, []any) {
	var b strings.Builder
	b.WriteString("s.deleted_at IS NULL")
	var args []any
	add := func(cond string, v string) {
		if v != "" {
			b.WriteString(" AND " + cond)
			args = append(args, v)
		}
	}
	add("s.date >= ?", f.From)
	add("s.date <= ?", f.To)
	add("s.project_id = ?", f.ProjectID)
	add("s.borough = ?", f.Borough)
	add("s.type = ?", f.SessionType)
	return b.String(), args
}

// Sessions implements report.Source: the live sessions inside the filter, by date
// then id, with their notes. ProjectName and FeedbackCount are not filled (reports
// name projects from Projects and count feedback themselves).
func (db *DB) Sessions(ctx context.Context, f report.Filter, fn func(*involve.Session) error) error {
	where, args := reportWhere(f)
	rows, err := db.reader.QueryContext(ctx, `SELECT `+sessionCols+` FROM sessions s WHERE `+where+` ORDER BY s.date, s.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return err
		}
		if err := fn(&s); err != nil {
			return err
		}
	}
	return rows.Err()
}

// reportFeedbackCols are the feedback columns a report reads (all but the sync
// bookkeeping it never shows: device, rev, team).
const reportFeedbackCols = `f.id, f.session_id, f.source, f.text, f.rating, f.themes, f.quote_consent, f.needs_response,
	f.age_band, f.ethnic_group, f.borough, f.captured_by, f.created_at, f.updated_at, f.created_by`

// Two plans for the feedback of a filter, both ordered by id:
//
//   - byID reads the feedback table in storage order, keeps the rows whose session is
//     inside the filter (looked up by the session's id index) and sorts them by id in
//     SQLite's external sorter, whose sorted runs are the size of the connection's
//     page cache (2 MB: reportCacheKiB) and go to temporary files, so memory stays
//     flat however many items there are. Walking the id index instead visits the
//     table's pages in the ids' order: random for random (UUIDv4) ids, a page read
//     per item, twice the CPU time of the sort at 100 000 items (docs/benchmarks.md).
//   - bySession finds the filter's sessions first and their items through
//     feedback_session_id, then sorts by id in a temporary B-tree: far less to read when
//     the filter is narrow, and the sort holds only the items the report shows.
//
// feedbackPlan picks byID when the filter covers at least a quarter of the live
// sessions (all of them for an unfiltered report).
const (
	feedbackByID = `SELECT ` + reportFeedbackCols + ` FROM feedback f NOT INDEXED CROSS JOIN sessions s ON s.id = f.session_id
		WHERE f.deleted_at IS NULL AND %s ORDER BY f.id`
	feedbackBySession = `SELECT ` + reportFeedbackCols + ` FROM sessions s CROSS JOIN feedback f ON f.session_id = s.id
		WHERE f.deleted_at IS NULL AND %s ORDER BY f.id`
)

// reportFeedbackQuery returns the query (and arguments) that Feedback runs for f.
func (db *DB) reportFeedbackQuery(ctx context.Context, f report.Filter) (string, []any, error) {
	where, args := reportWhere(f)
	q := feedbackByID
	if where != "s.deleted_at IS NULL" {
		var in, all int
		if err := db.reader.QueryRowContext(ctx, `SELECT coalesce(sum(`+where+`), 0), count(*) FROM sessions s
			WHERE s.deleted_at IS NULL`, args...).Scan(&in, &all); err != nil {
			return "", nil, err
		}
		if in*4 < all {
			q = feedbackBySession
		}
	}
	return strings.Replace(q, "%s", where, 1), args, nil
}

// Feedback implements report.Source: the live feedback items whose live session is
// inside the filter, by id. Rows are decoded one at a time and handed to fn.
func (db *DB) Feedback(ctx context.Context, f report.Filter, fn func(*involve.Feedback) error) error {
	q, args, err := db.reportFeedbackQuery(ctx, f)
	if err != nil {
		return err
	}
	return db.scanReader(ctx, func(conn *sql.Conn) error {
		return scanReportFeedback(ctx, conn, q, args, fn)
	})
}

func scanReportFeedback(ctx context.Context, conn *sql.Conn, q string, args []any, fn func(*involve.Feedback) error) error {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var rating sql.NullInt64
	var themes []byte
	for rows.Next() {
		fb := new(involve.Feedback)
		if err := rows.Scan(&fb.ID, &fb.SessionID, &fb.Source, &fb.Text, &rating, &themes, &fb.QuoteConsent,
			&fb.NeedsResponse, &fb.AgeBand, &fb.EthnicGroup, &fb.Borough, &fb.CapturedBy, &fb.CreatedAt,
			&fb.UpdatedAt, &fb.CreatedBy); err != nil {
			return err
		}
		if rating.Valid {
			r := int(rating.Int64)
			fb.Rating = &r
		}
		fb.Themes = decodeIDList(themes)
		if err := fn(fb); err != nil {
			return err
		}
	}
	return rows.Err()
}

// reportCacheKiB is the page cache of the connection that scans feedback for a
// report. Each item is read once, so the pool's larger cache (dsn) would only grow the
// process by its 16 MB, more so the more items there are, without making the report
// faster.
const reportCacheKiB = 2000

// scanReader runs fn on a connection of the read pool with a small page cache, and
// puts the connection's own size back afterwards.
func (db *DB) scanReader(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := db.reader.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var was int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", reportCacheKiB)); err != nil {
		return err
	}
	defer func() {
		if _, err := conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size = %d", was)); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) // not back in the pool with the small cache
		}
	}()
	return fn(conn)
}

// Count implements report.Counter: the live sessions and feedback items the filter
// covers (exact).
func (db *DB) Count(ctx context.Context, f report.Filter) (sessions, feedback int, err error) {
	where, args := reportWhere(f)
	err = db.scanReader(ctx, func(conn *sql.Conn) error {
		return conn.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM sessions s WHERE `+where+`),
			(SELECT count(*) FROM sessions s JOIN feedback f ON f.session_id = s.id WHERE f.deleted_at IS NULL AND `+where+`)`,
			append(args, args...)...).Scan(&sessions, &feedback)
	})
	return sessions, feedback, err
}

// decodeIDList reads a JSON list of ids such as ["a","b"] without encoding/json
// (a report decodes one per feedback item). Anything unusual — escapes, spaces,
// non-strings — goes through encoding/json; a damaged value reads as empty.
func decodeIDList(b []byte) []string {
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return []string{}
	}
	body := b[1 : len(b)-1]
	if len(body) == 0 {
		return []string{}
	}
	out := make([]string, 0, 1+bytes.Count(body, []byte{','}))
	for len(body) > 0 {
		if body[0] != '"' {
			return slowIDList(b)
		}
		end := 1
		for end < len(body) && body[end] != '"' {
			if body[end] == '\\' {
				return slowIDList(b)
			}
			end++
		}
		if end == len(body) {
			return slowIDList(b)
		}
		out = append(out, string(body[1:end]))
		body = body[end+1:]
		if len(body) > 0 {
			if body[0] != ',' {
				return slowIDList(b)
			}
			body = body[1:]
			if len(body) == 0 { // trailing comma
				return slowIDList(b)
			}
		}
	}
	return out
}

func slowIDList(b []byte) []string {
	out := []string{}
	if err := json.Unmarshal(b, &out); err != nil {
		return []string{}
	}
	return out
}

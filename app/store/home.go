package store

import (
	"context"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// Home gathers what the home screen shows: today's sessions (in local time), the most
// recently dated ones, and counts. The first call after HomeAhead takes the answer
// worked out while the window started, when nothing has been committed since and it is
// still the same day (home_ahead.go).
func (db *DB) Home(ctx context.Context) (involve.Home, error) {
	if h, ok := db.takeHomeAhead(ctx); ok {
		return h, nil
	}
	return db.homeOn(ctx, db.reader, db.Now())
}

// homeDay is the local calendar day of now, the home screen's "today".
func homeDay(now time.Time) string { return now.Local().Format("2006-01-02") }

// homeOn is Home's queries on q, with "today" the local day of now.
func (db *DB) homeOn(ctx context.Context, q queryer, now time.Time) (involve.Home, error) {
	h := involve.Home{}
	today := homeDay(now)
	var err error
	if h.Today, err = sessionSummariesOn(ctx, q, `AND s.date = ? ORDER BY s.start_time, s.updated_at`, today); err != nil {
		return h, err
	}
	if h.Recent, err = sessionSummariesOn(ctx, q, `AND s.date <> ? ORDER BY s.date DESC, s.start_time DESC, s.updated_at DESC LIMIT 8`, today); err != nil {
		return h, err
	}
	// "today" for feedback is the local calendar day, expressed as a UTC range.
	y, m, d := now.Local().Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	c := &h.Counts
	// The feedback counts are one scan of the table (there is no index by time:
	// migration 0010).
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM projects WHERE deleted_at IS NULL),
		(SELECT count(*) FROM sessions WHERE deleted_at IS NULL),
		f.n, f.today, f.needs
		FROM (SELECT count(*) AS n, count(*) FILTER (WHERE created_at >= ? AND created_at < ?) AS today,
			count(*) FILTER (WHERE needs_response = 1) AS needs
			FROM feedback WHERE deleted_at IS NULL) f`,
		involve.FormatTime(start), involve.FormatTime(start.AddDate(0, 0, 1))).
		Scan(&c.Projects, &c.Sessions, &c.Feedback, &c.FeedbackToday, &c.NeedsResponse)
	return h, err
}

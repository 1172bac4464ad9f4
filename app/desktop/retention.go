package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// The retention schedule (Settings → How long we keep records: a lead edits, others
// read) and the records due for review (a lead's screen). Erasing what is due comes
// in a later version.

// DueList is the Due for review screen: the records past their period on AsOf.
type DueList struct {
	AsOf  string          `json:"asOf"` // YYYY-MM-DD
	Items []store.DueItem `json:"items"`
}

// GetRetentionSchedule returns the team's schedule, one entry per kind of record (the
// default where the team has set none).
func (a *App) GetRetentionSchedule() ([]store.RetentionEntry, error) {
	return read(a, func(db *store.DB) ([]store.RetentionEntry, error) { return db.RetentionSchedule(a.ctx) })
}

// SetRetentionRule sets the team's period for a kind of record (a lead laptop only:
// EFORBIDDEN otherwise) and returns the schedule.
func (a *App) SetRetentionRule(in involve.RetentionRule) ([]store.RetentionEntry, error) {
	return write(a, involve.EntityRetentionRule, func([]store.RetentionEntry) string { return "" },
		func(db *store.DB) ([]store.RetentionEntry, error) {
			if _, err := db.SetRetentionRule(a.ctx, in); err != nil {
				return nil, err
			}
			return db.RetentionSchedule(a.ctx)
		})
}

// ListDueForReview lists the records past their retention period (a lead laptop only).
func (a *App) ListDueForReview() (DueList, error) {
	return read(a, func(db *store.DB) (DueList, error) {
		if err := db.CheckLead(a.ctx, "reviews records due under the retention schedule"); err != nil {
			return DueList{}, err
		}
		items, err := db.DueForReview(a.ctx)
		if items == nil {
			items = []store.DueItem{}
		}
		return DueList{AsOf: db.Now().UTC().Format("2006-01-02"), Items: items}, err
	})
}

// KeepUntil records "keep until … because …" for a record due for review (a lead
// laptop only); it leaves the list until that date.
func (a *App) KeepUntil(in involve.RetentionHold) (involve.RetentionHold, error) {
	return write(a, involve.EntityRetentionHold, func(h involve.RetentionHold) string { return h.ID },
		func(db *store.DB) (involve.RetentionHold, error) {
			h, err := db.KeepUntil(a.ctx, in)
			if err != nil {
				return involve.RetentionHold{}, err
			}
			return *h, nil
		})
}

package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// Reach: a session's attendance tally and anonymous attendee profiles, and the reach
// of a project or a period (with small-number suppression: these are aggregates).

// ReachSummary is the reach of a project or a period as screens show it: every count
// of people goes through the small-number rule (report.SuppressionRule).
type ReachSummary struct {
	Sessions        int                `json:"sessions"`
	SessionsCounted int                `json:"sessionsCounted"` // sessions with a tally or a profile
	PeopleReached   report.Count       `json:"peopleReached"`
	FormsReturned   report.Count       `json:"formsReturned"`
	Profiles        report.Count       `json:"profiles"`
	BoroughsCovered []involve.RefItem  `json:"boroughsCovered"`
	EthnicMinority  report.Percent     `json:"ethnicMinority"` // not White British, of those who stated an ethnic category
	Core20          report.Percent     `json:"core20"`         // IMD deciles 1–2, of those whose decile is known
	Dimensions      []report.Dimension `json:"dimensions"`
	SuppressionRule string             `json:"suppressionRule"`
}

func tallyID(t involve.TallySaved) string  { return t.Tally.ID }
func attendeeID(a involve.Attendee) string { return a.ID }

// GetSessionReach returns a session's tally screen: total attendees, tally, profiles,
// the reach they make and the checks against the total.
func (a *App) GetSessionReach(sessionID string) (involve.SessionReach, error) {
	return read(a, func(db *store.DB) (involve.SessionReach, error) { return db.FindSessionReach(a.ctx, sessionID) })
}

// SaveTally autosaves a session's tally: loaded is the tally as the screen last had
// it (the previous answer, or the tally GetSessionReach gave), edited as it is now.
// Sums that differ from the total attendees come back as warnings, never errors.
func (a *App) SaveTally(sessionID string, loaded, edited involve.Tally) (involve.TallySaved, error) {
	return write(a, involve.EntityTally, tallyID, func(db *store.DB) (involve.TallySaved, error) {
		return db.SaveTally(a.ctx, sessionID, loaded, edited)
	})
}

// SetSessionAttendees changes a session's total attendees alone (the tally screen):
// loaded is the number the screen showed, edited the new one.
func (a *App) SetSessionAttendees(id string, loaded, edited int) (involve.Session, error) {
	return write(a, involve.EntitySession, sessionID, func(db *store.DB) (involve.Session, error) {
		return db.SetSessionAttendees(a.ctx, id, loaded, edited)
	})
}

// AddAttendeeProfile stores an anonymous attendee profile (one returned monitoring
// form).
func (a *App) AddAttendeeProfile(in involve.Attendee) (involve.Attendee, error) {
	return write(a, involve.EntityAttendee, attendeeID, func(db *store.DB) (involve.Attendee, error) {
		return db.CreateAttendee(a.ctx, in)
	})
}

// UpdateAttendeeProfile saves a profile's edit form: loaded as the form received it,
// edited as the person saved it; only the answers they changed are written.
func (a *App) UpdateAttendeeProfile(id string, loaded, edited involve.Attendee) (involve.Attendee, error) {
	return write(a, involve.EntityAttendee, attendeeID, func(db *store.DB) (involve.Attendee, error) {
		return db.UpdateAttendee(a.ctx, id, loaded, edited)
	})
}

// DeleteAttendeeProfile soft-deletes a profile (undo with RestoreAttendeeProfile).
func (a *App) DeleteAttendeeProfile(id string) error {
	_, err := write(a, involve.EntityAttendee, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteDoc(a.ctx, involve.EntityAttendee, id)
	})
	return err
}

// RestoreAttendeeProfile undoes DeleteAttendeeProfile.
func (a *App) RestoreAttendeeProfile(id string) (involve.Attendee, error) {
	return write(a, involve.EntityAttendee, attendeeID, func(db *store.DB) (involve.Attendee, error) {
		d, err := db.RestoreDoc(a.ctx, involve.EntityAttendee, id)
		if err != nil {
			return involve.Attendee{}, err
		}
		return *d.(*involve.Attendee), nil
	})
}

// GetProjectReach returns the reach of a project's sessions.
func (a *App) GetProjectReach(projectID string) (ReachSummary, error) {
	return a.GetReach(report.Filter{ProjectID: projectID})
}

// GetReach returns the reach of the sessions a report filter covers (a period, a
// project, a borough, a type of session).
func (a *App) GetReach(f report.Filter) (ReachSummary, error) {
	return read(a, func(db *store.DB) (ReachSummary, error) {
		r, err := db.Reach(a.ctx, f)
		if err != nil {
			return ReachSummary{}, err
		}
		return SummarizeReach(r), nil
	})
}

// SummarizeReach applies the small-number rule to a reach (report.ReachDimensions,
// report.SharePercent): counts of 1 to 4 shown as "<5" (and, when one in a list is,
// the next smallest withheld), percentages withheld when the people they count or the
// rest number 1 to 4.
func SummarizeReach(r involve.Reach) ReachSummary {
	return ReachSummary{
		Sessions: r.Sessions, SessionsCounted: r.SessionsCounted,
		PeopleReached: report.NewCount(r.PeopleReached), FormsReturned: report.NewCount(r.FormsReturned),
		Profiles: report.NewCount(r.Profiles), BoroughsCovered: r.BoroughsCovered,
		EthnicMinority: report.SharePercent(r.EthnicMinority), Core20: report.SharePercent(r.Core20),
		Dimensions: report.ReachDimensions(r), SuppressionRule: report.SuppressionRule,
	}
}

package store

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/sqldb"
)

// Reach: a session's attendance tally and anonymous attendee profiles (docs of kinds
// tally and attendee), and the reach of sessions (involve.ReachBuilder) for a session,
// a project or a report filter.

// FindSessionReach returns what a session's tally screen shows.
func (db *DB) FindSessionReach(ctx context.Context, sessionID string) (involve.SessionReach, error) {
	s, err := db.FindSessionByID(ctx, sessionID)
	if err != nil {
		return involve.SessionReach{}, err
	}
	out := involve.SessionReach{SessionID: s.ID, Attendees: s.Attendees, Tally: involve.Tally{SessionID: s.ID},
		Profiles: []involve.Attendee{}, Questions: involve.ReachQuestions()}
	b := involve.NewReachBuilder()
	b.AddSession(&s)
	d, err := db.FindDoc(ctx, involve.EntityTally, involve.TallyIDFor(s.ID))
	var tally *involve.Tally
	switch {
	case err == nil:
		tally = d.(*involve.Tally)
		out.Tally = *tally
		b.AddTally(tally)
	case involve.ErrorCode(err) != involve.ENOTFOUND:
		return out, err
	}
	profiles, err := FindDocsOf[*involve.Attendee](ctx, db, involve.EntityAttendee, s.ID)
	if err != nil {
		return out, err
	}
	for _, p := range profiles {
		out.Profiles = append(out.Profiles, *p)
		b.AddAttendee(p)
	}
	out.Reach = b.SessionReach(s.ID)
	out.Warnings = involve.TallyWarnings(s.Attendees, tally, profiles)
	return out, nil
}

// SaveTally saves a session's tally from its screen: loaded is the tally as the screen
// last had it (zero before the first save), edited as it is now; only the questions
// that differ are written over the stored tally, so counts another laptop made of
// other questions (pulled meanwhile) are kept. The first save creates the tally under
// the session's derived id; a deleted one is restored with the screen's counts only
// (its old counts stay deleted).
func (db *DB) SaveTally(ctx context.Context, sessionID string, loaded, edited involve.Tally) (involve.TallySaved, error) {
	id := involve.TallyIDFor(sessionID)
	for _, t := range []*involve.Tally{&loaded, &edited} {
		t.Meta, t.SessionID = involve.Meta{ID: id}, sessionID
	}
	var saved involve.Doc
	for try := 0; ; try++ {
		cur, err := loadDoc(ctx, db.reader, involve.EntityTally, id)
		switch {
		case involve.ErrorCode(err) == involve.ENOTFOUND:
			next := edited
			saved, err = db.CreateDoc(ctx, &next)
			if involve.ErrorCode(err) == involve.ECONFLICT && try == 0 {
				continue // made meanwhile (a pull): edit it instead
			}
		case err != nil:
		default:
			base := &loaded
			if cur.DocMeta().DeletedAt != "" {
				// The screen showed no tally (or one deleted since): what it saves is the
				// whole tally, not a change to the deleted one's old counts, which must
				// not come back. So every question is written over the restored tally.
				if _, err = db.RestoreDoc(ctx, involve.EntityTally, id); err != nil {
					break
				}
				restored, ok := cur.(*involve.Tally)
				if !ok {
					return involve.TallySaved{}, involve.Errorf(involve.EINTERNAL, "the stored tally %s is not a tally", id)
				}
				base = restored
			}
			saved, err = db.UpdateDoc(ctx, involve.EntityTally, id, base, &edited)
		}
		if err != nil {
			return involve.TallySaved{}, err
		}
		break
	}
	t := saved.(*involve.Tally)
	out := involve.TallySaved{Tally: *t, SavedAt: t.UpdatedAt}
	s, err := db.FindSessionByID(ctx, sessionID)
	if err != nil {
		return out, err
	}
	profiles, err := FindDocsOf[*involve.Attendee](ctx, db, involve.EntityAttendee, sessionID)
	if err != nil {
		return out, err
	}
	out.Warnings = involve.TallyWarnings(s.Attendees, t, profiles)
	return out, nil
}

// SetSessionAttendees changes only a session's total attendees (the tally screen's
// counter): loaded is the number the screen showed, edited the new one.
func (db *DB) SetSessionAttendees(ctx context.Context, id string, loaded, edited int) (involve.Session, error) {
	s, err := db.FindSessionByID(ctx, id)
	if err != nil {
		return involve.Session{}, err
	}
	was, now := s.SessionInput, s.SessionInput
	was.Attendees, now.Attendees = loaded, edited
	return db.UpdateSession(ctx, id, was, now)
}

// CreateAttendee stores a new anonymous attendee profile.
func (db *DB) CreateAttendee(ctx context.Context, a involve.Attendee) (involve.Attendee, error) {
	a.Meta = involve.Meta{}
	d, err := db.CreateDoc(ctx, &a)
	if err != nil {
		return involve.Attendee{}, err
	}
	return *d.(*involve.Attendee), nil
}

// UpdateAttendee saves a profile's edit form (loaded: as the form received it).
func (db *DB) UpdateAttendee(ctx context.Context, id string, loaded, edited involve.Attendee) (involve.Attendee, error) {
	d, err := db.UpdateDoc(ctx, involve.EntityAttendee, id, &loaded, &edited)
	if err != nil {
		return involve.Attendee{}, err
	}
	return *d.(*involve.Attendee), nil
}

// Reach returns the reach of the live sessions inside a report filter (a period, a
// project, a borough, a type of session): their tallies and profiles added up.
func (db *DB) Reach(ctx context.Context, f report.Filter) (involve.Reach, error) {
	if err := f.Validate(); err != nil {
		return involve.Reach{}, err
	}
	b := involve.NewReachBuilder()
	if err := db.Sessions(ctx, f, func(s *involve.Session) error { b.AddSession(s); return nil }); err != nil {
		return involve.Reach{}, err
	}
	where, args := reportWhere(f)
	for _, entity := range []string{involve.EntityTally, involve.EntityAttendee} {
		rows, err := db.reader.QueryContext(ctx, `SELECT `+docCols+` FROM docs d CROSS JOIN sessions s ON s.id = d.parent_id
			WHERE d.entity = ? AND d.deleted_at IS NULL AND `+where+` ORDER BY d.pk`, append([]any{entity}, args...)...)
		err = sqldb.EachQuery(rows, err, docScan(entity), func(d involve.Doc) error {
			switch v := d.(type) {
			case *involve.Tally:
				b.AddTally(v)
			case *involve.Attendee:
				b.AddAttendee(v)
			}
			return nil
		})
		if err != nil {
			return involve.Reach{}, err
		}
	}
	return b.Reach(), nil
}

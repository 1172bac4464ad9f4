package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/subjectaccess"
)

// errSubjectAccessRole refuses a subject access request on a laptop that is not a lead's.
func errSubjectAccessRole(role string) error {
	return involve.Errorf(involve.EFORBIDDEN, "This laptop is enrolled for %s. Only a lead's laptop answers a subject access "+
		"request (\"Everything about this person\"): ask your team's lead, or the server's administrator "+
		"(involve-server subject-access).", role)
}

// SubjectAccess gathers every record this laptop holds about one Lived Experience
// Partner, deleted ones included, with sealed fields opened: their own record, every
// consent record naming them, their time entries, and the sessions and projects those
// name, and the conflicts about any of those records of theirs (deleted ones too). Only a lead's laptop (or one not connected to a server) may ask: others get
// EFORBIDDEN. While Involve is locked it is ELOCKED; an unknown id is ENOTFOUND.
func (db *DB) SubjectAccess(ctx context.Context, contributorID string) (subjectaccess.Records, error) {
	var out subjectaccess.Records
	role, err := getMeta(ctx, db.reader, keyRole)
	if err != nil {
		return out, err
	}
	if role != "" && role != "lead" {
		return out, errSubjectAccessRole(role)
	}
	d, err := loadDoc(ctx, db.reader, involve.EntityContributor, contributorID)
	if err != nil {
		if involve.ErrorCode(err) == involve.ENOTFOUND {
			return out, involve.Errorf(involve.ENOTFOUND, "There is no Lived Experience Partner with the id %q on this laptop.", contributorID)
		}
		return out, err
	}
	if err := db.openRec(involve.EntityContributor, d); err != nil {
		return out, err
	}
	out.Contributor = *d.(*involve.Contributor)
	err = db.eachOpenDoc(ctx, db.reader, involve.EntityConsent, contributorID, true, func(d involve.Doc) error {
		if c := d.(*involve.Consent); c.SubjectEntity == involve.EntityContributor {
			out.Consents = append(out.Consents, *c)
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	err = db.eachOpenDoc(ctx, db.reader, involve.EntityTimeEntry, contributorID, true, func(d involve.Doc) error {
		out.TimeEntries = append(out.TimeEntries, *d.(*involve.TimeEntry))
		return nil
	})
	if err != nil {
		return out, err
	}
	if out.Conflicts, err = db.subjectConflicts(ctx, out); err != nil {
		return out, err
	}
	out.Sessions, out.Projects = map[string]subjectaccess.SessionRef{}, map[string]string{}
	for _, e := range out.TimeEntries {
		if e.SessionID != "" {
			if _, done := out.Sessions[e.SessionID]; !done {
				s, err := findSession(ctx, db.reader, e.SessionID, true)
				if err == nil {
					out.Sessions[s.ID] = subjectaccess.SessionRef{ID: s.ID, Title: s.Title, Date: s.Date, Deleted: s.DeletedAt != ""}
				} else if !errors.Is(err, errSessionNotFound) {
					return out, err
				}
			}
		}
		if e.ProjectID != "" {
			if _, done := out.Projects[e.ProjectID]; !done {
				var name string
				err := db.reader.QueryRowContext(ctx, `SELECT name FROM projects WHERE id = ?`, e.ProjectID).Scan(&name)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return out, err
				}
				out.Projects[e.ProjectID] = name
			}
		}
	}
	return out, nil
}

// subjectConflicts returns the conflicts about the partner's records (their own, their
// consent records', their time entries'), values opened.
func (db *DB) subjectConflicts(ctx context.Context, recs subjectaccess.Records) ([]involve.Conflict, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.entity IN (?, ?, ?) ORDER BY c.pk`,
		involve.EntityContributor, involve.EntityConsent, involve.EntityTimeEntry)
	if err != nil {
		return nil, err
	}
	var all []involve.Conflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ours := subjectaccess.ConflictsAbout(recs.Contributor.ID, recs.Consents, recs.TimeEntries, all)
	for i := range ours {
		if err := db.openConflict(&ours[i]); err != nil {
			return nil, err
		}
	}
	return ours, nil
}

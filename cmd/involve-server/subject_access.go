package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/subjectaccess"
	"github.com/hin-south-london/involve/app/syncapi"
)

const subjectAccessUsage = "subject-access --team TEAM --contributor ID --out DIR"

// subjectAccessKinds are the kinds of record a subject access file is made from.
var subjectAccessKinds = map[string]bool{involve.EntityContributor: true, involve.EntityConsent: true,
	involve.EntityTimeEntry: true, involve.EntitySession: true, involve.EntityProject: true, involve.EntityConflict: true}

// cmdSubjectAccess writes everything the server holds about one Lived Experience
// Partner of a team (their record, every consent record naming them, their time
// entries and the sessions those name, and the conflicts about any of those records;
// deleted ones included), sealed fields opened
// with the team's key, as the same HTML page and JSON file a lead's laptop writes
// (app/subjectaccess), each 0600 in --out DIR (made 0700). The request is written to
// the team's audit log ("subject_access", naming the partner's id and the operator)
// before anything is read: no audit line, no file.
func cmdSubjectAccess(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("subject-access")
	team := fs.String("team", "", "the partner's team (name or id)")
	id := fs.String("contributor", "", "the Lived Experience Partner's id")
	out := fs.String("out", "", "write the two files into this directory")
	return withStore(ctx, fs, args, 0, subjectAccessUsage, func(st serverstore.Store, _ []string) error {
		if *id == "" || *out == "" {
			return fmt.Errorf("say whose records and where to write them (usage: involve-server %s)", subjectAccessUsage)
		}
		t, err := findTeam(ctx, st, *team)
		if err != nil {
			return err
		}
		keys, _, _, err := openKeys(ctx, fs, st)
		if err != nil {
			return err
		}
		defer keys.Wipe()
		k, err := keys.TeamKey(ctx, t.ID)
		if err != nil {
			return err
		}
		now := time.Now()
		if err := st.Audit(ctx, serverstore.AuditEntry{At: now.UTC(), TeamID: t.ID, Action: "subject_access",
			Detail: "contributor " + quote(*id) + " to " + quote(*out) + " by " + operator()}); err != nil {
			return fmt.Errorf("the request could not be written to the audit log, so no file was made: %w", err)
		}
		c := subjectaccess.NewCollector(*id)
		err = st.Records(ctx, t.ID, func(r serverstore.Record) error {
			if !subjectAccessKinds[r.Entity] {
				return nil
			}
			kind, _ := involve.KindOf(r.Entity)
			rec := kind.NewRecord()
			if err := json.Unmarshal(r.State, rec); err != nil {
				return fmt.Errorf("%s %s: the stored state does not read: %w", r.Entity, r.ID, err)
			}
			if c, ok := rec.(*involve.Conflict); ok {
				if err := openConflictValues(k, c); err != nil {
					return fmt.Errorf("conflict %s: a sealed value does not open with the team's key: %w", r.ID, err)
				}
			} else if err := syncapi.OpenRecord(k, r.Entity, rec, true); err != nil {
				return fmt.Errorf("%s %s: a sealed field does not open with the team's key: %w", r.Entity, r.ID, err)
			}
			c.Add(r.Entity, rec)
			return nil
		})
		if err != nil {
			return err
		}
		recs, err := c.Records()
		if errors.Is(err, subjectaccess.ErrNoPartner) {
			return fmt.Errorf("team %s holds no Lived Experience Partner with the id %q", quote(t.Name), *id)
		}
		if err != nil {
			return err
		}
		r := subjectaccess.Build(recs, now, "involve-server "+version+" (team "+t.Name+")")
		files, err := subjectaccess.Write(*out, r)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n%s\n%d consent records, %d time entries, %d sessions. The files hold personal data: keep them safe and send them only to the person they are about.\n",
			files.HTML, files.JSON, len(r.Consents), len(r.TimeEntries), len(r.Sessions))
		return nil
	})
}

// openConflictValues opens, in place, the sealed values of a conflict (its base and its
// two sides): a text, or each text of a list, sealed in the place of the record's field.
// Plain values (fields that are not sealed) are kept.
func openConflictValues(k *lockbox.TeamKey, c *involve.Conflict) error {
	place := lockbox.FieldPlace(c.Entity, c.RecordID, c.Field)
	open := func(s string) (string, error) {
		if !involve.IsSealedValue(s) {
			return s, nil
		}
		return k.OpenField(place, s)
	}
	for _, raw := range []*json.RawMessage{&c.Base, &c.Winner.Value, &c.Loser.Value} {
		var s string
		var list []string
		switch {
		case json.Unmarshal(*raw, &s) == nil:
			v, err := open(s)
			if err != nil {
				return err
			}
			*raw, _ = json.Marshal(v)
		case json.Unmarshal(*raw, &list) == nil:
			for i := range list {
				v, err := open(list[i])
				if err != nil {
					return err
				}
				list[i] = v
			}
			*raw, _ = json.Marshal(list)
		}
	}
	return nil
}

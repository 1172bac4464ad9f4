package store

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/hin-south-london/involve/app/involve"
)

// RecordPublication stores a publication (a "you said, we did" given back) and marks
// its actions, in one transaction: each becomes Published and, when it has not been
// communicated back yet, gets the publication's date and channel (an earlier date
// communicated back is kept: it is when people were first told). Every action must be
// live and done; otherwise nothing is saved (ENOTFOUND or EINVALID, saying how many).
func (db *DB) RecordPublication(ctx context.Context, p *involve.Publication) (*involve.Publication, error) {
	p.Meta = involve.Meta{}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var missing, notDone int
		actions := make([]*involve.Action, 0, len(p.ActionIDs))
		for _, id := range p.ActionIDs {
			d, err := db.loadLiveDoc(ctx, tx, involve.EntityAction, id)
			switch {
			case involve.ErrorCode(err) == involve.ENOTFOUND:
				missing++
				continue
			case err != nil:
				return err
			}
			a := d.(*involve.Action)
			if a.Status != involve.ActionDone {
				notDone++
				continue
			}
			actions = append(actions, a)
		}
		if missing > 0 {
			return involve.Errorf(involve.ENOTFOUND, "%d of the actions chosen no longer exist (deleted on this laptop or another): choose again. Nothing was saved.", missing)
		}
		if notDone > 0 {
			return involve.Errorf(involve.EINVALID, "%d of the actions chosen are not done: only done actions are published. Nothing was saved.", notDone)
		}
		if err := db.createDocTx(ctx, tx, p); err != nil {
			return err
		}
		for _, a := range actions {
			loaded, edited := *a, *a
			edited.Published = true
			if edited.CommunicatedOn == "" {
				edited.CommunicatedOn, edited.Channel = p.PublishedOn, p.Channel
			}
			if edited.Published == a.Published && edited.CommunicatedOn == a.CommunicatedOn {
				continue
			}
			if _, err := db.updateDocTx(ctx, tx, involve.EntityAction, a.ID, &loaded, &edited); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Publications returns the live publications, newest first (by date published, then
// by when recorded); with actionID, only those that hold that action.
func (db *DB) Publications(ctx context.Context, actionID string) ([]*involve.Publication, error) {
	all, err := FindDocsOf[*involve.Publication](ctx, db, involve.EntityPublication, "")
	if err != nil {
		return nil, err
	}
	out := make([]*involve.Publication, 0, len(all))
	for _, p := range all {
		if actionID != "" && !slices.Contains(p.ActionIDs, actionID) {
			continue
		}
		out = append(out, p)
	}
	sortPublications(out)
	return out, nil
}

func sortPublications(ps []*involve.Publication) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].PublishedOn != ps[j].PublishedOn {
			return ps[i].PublishedOn > ps[j].PublishedOn
		}
		return ps[i].ID > ps[j].ID
	})
}

// keyPublicationContact is the contact line of "you said, we did" ("Email
// involve@example.nhs.uk"), remembered from the last one made on this laptop.
const keyPublicationContact = "publication_contact"

// MaxPublicationContact is the longest contact line, in characters.
const MaxPublicationContact = 200

// PublicationContact reads the remembered contact line ("" when none).
func (db *DB) PublicationContact(ctx context.Context) (string, error) {
	return getMeta(ctx, db.reader, keyPublicationContact)
}

// SetPublicationContact remembers the contact line; "" clears it. One line of up to
// MaxPublicationContact characters, else EINVALID on field "contact".
func (db *DB) SetPublicationContact(ctx context.Context, contact string) error {
	contact = strings.TrimSpace(contact)
	var p involve.Problems
	if len([]rune(contact)) > MaxPublicationContact {
		p.Add("contact", "Contact line must be "+strconv.Itoa(MaxPublicationContact)+" characters or fewer")
	} else if strings.ContainsFunc(contact, unicode.IsControl) {
		p.Add("contact", "Contact line must be one line of text")
	}
	if err := p.Err("settings"); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyPublicationContact, contact) })
}

package store

import (
	"context"
	"sort"

	"github.com/hin-south-london/involve/app/involve"
)

// The register of information-rights requests (involve.PrivacyRequest): docs kept on
// a lead's laptop only (the role's refusal, checkLocalWrite, comes first), with who
// asked and what was done sealed like a partner's details.

// CreatePrivacyRequest stores a new entry of the register.
func (db *DB) CreatePrivacyRequest(ctx context.Context, r *involve.PrivacyRequest) (*involve.PrivacyRequest, error) {
	r.Meta = involve.Meta{}
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		_, err := w.Create(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// UpdatePrivacyRequest saves an entry's edit form (only the fields the person changed).
func (db *DB) UpdatePrivacyRequest(ctx context.Context, id string, loaded, edited *involve.PrivacyRequest) (*involve.PrivacyRequest, error) {
	var l involve.Doc
	if loaded != nil {
		l = loaded
	}
	d, err := db.UpdateDoc(ctx, involve.EntityPrivacyRequest, id, l, edited)
	if err != nil {
		return nil, err
	}
	return d.(*involve.PrivacyRequest), nil
}

// FindPrivacyRequest returns a live entry as the register shows it.
func (db *DB) FindPrivacyRequest(ctx context.Context, id string) (involve.PrivacyRequestView, error) {
	d, err := db.FindDoc(ctx, involve.EntityPrivacyRequest, id)
	if err != nil {
		return involve.PrivacyRequestView{}, err
	}
	views, err := db.privacyRequestViews(ctx, []*involve.PrivacyRequest{d.(*involve.PrivacyRequest)})
	if err != nil {
		return involve.PrivacyRequestView{}, err
	}
	return views[0], nil
}

// FindPrivacyRequestsByDue returns every live entry by due date, earliest first
// (then by date received).
func (db *DB) FindPrivacyRequestsByDue(ctx context.Context) ([]involve.PrivacyRequestView, error) {
	list, err := FindDocsOf[*involve.PrivacyRequest](ctx, db, involve.EntityPrivacyRequest, "")
	if err != nil {
		return nil, err
	}
	views, err := db.privacyRequestViews(ctx, list)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(views, func(i, j int) bool {
		if views[i].DueBy != views[j].DueBy {
			return views[i].DueBy < views[j].DueBy
		}
		return views[i].ReceivedOn < views[j].ReceivedOn
	})
	return views, nil
}

// PrivacyRegister returns the register as the Requests screen shows it: overdue
// requests first, then those due soon, the other open ones (each by due date), then
// those done or refused, the latest first.
func (db *DB) PrivacyRegister(ctx context.Context) (involve.PrivacyRegister, error) {
	reg := involve.PrivacyRegister{Today: db.Today(), Types: involve.PrivacyRequestTypes,
		Channels: involve.PrivacyRequestChannels, Statuses: involve.PrivacyRequestStatuses}
	views, err := db.FindPrivacyRequestsByDue(ctx)
	if err != nil {
		return reg, err
	}
	group := func(v involve.PrivacyRequestView) int {
		switch {
		case v.Overdue:
			return 0
		case v.DueSoon:
			return 1
		case v.Status == involve.RequestOpen:
			return 2
		}
		return 3
	}
	sort.SliceStable(views, func(i, j int) bool {
		a, b := views[i], views[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		} else if ga == 3 && a.DoneOn != b.DoneOn {
			return a.DoneOn > b.DoneOn
		}
		return false // by due date already
	})
	reg.Requests = views
	return reg, nil
}

// privacyRequestViews decorates entries for the register on the store's today: the
// due date, overdue or due soon, and the partner's name when a partner asked.
func (db *DB) privacyRequestViews(ctx context.Context, list []*involve.PrivacyRequest) ([]involve.PrivacyRequestView, error) {
	today := db.Today()
	out := make([]involve.PrivacyRequestView, 0, len(list))
	names := map[string][2]string{}
	for _, r := range list {
		v := r.ViewOn(today)
		if id := r.ContributorID; id != "" {
			n, ok := names[id]
			if !ok {
				d, err := db.FindDoc(ctx, involve.EntityContributor, id)
				if err != nil && involve.ErrorCode(err) != involve.ENOTFOUND {
					return nil, err
				}
				if c, isC := d.(*involve.Contributor); err == nil && isC {
					n = [2]string{c.Name, c.Pseudonym()}
					if c.Withdrawn() {
						n[0] = c.Pseudonym()
					}
				}
				names[id] = n
			}
			v.ContributorName, v.ContributorPseudonym = n[0], n[1]
		}
		out = append(out, v)
	}
	return out, nil
}

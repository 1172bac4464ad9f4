package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// Lived Experience Partners: contributors and their consent, rate cards, the time and
// payment log and its totals.

// NewContributor is the contributor form: the person and their consent, saved together.
type NewContributor struct {
	Contributor involve.Contributor `json:"contributor"`
	Consent     involve.Consent     `json:"consent"`
}

func contributorViewID(v involve.ContributorView) string { return v.ID }
func rateCardID(r involve.RateCard) string               { return r.ID }
func timeEntryID(e involve.TimeEntry) string             { return e.ID }

// GetPeopleReference returns the lists of the Lived Experience Partner forms.
func (a *App) GetPeopleReference() (involve.PeopleReference, error) {
	return withEmptyLists(involve.PeopleRef()), nil
}

// ListContributors lists Lived Experience Partners by name; those whose consent is
// withdrawn show only their pseudonym.
func (a *App) ListContributors() ([]involve.ContributorView, error) {
	return read(a, func(db *store.DB) ([]involve.ContributorView, error) { return db.FindContributors(a.ctx) })
}

// GetContributor returns one Lived Experience Partner.
func (a *App) GetContributor(id string) (involve.ContributorView, error) {
	return read(a, func(db *store.DB) (involve.ContributorView, error) { return db.FindContributor(a.ctx, id) })
}

// CreateContributor stores a Lived Experience Partner and their consent record in one
// transaction. Problems with the consent are on fields named "consent.<field>".
func (a *App) CreateContributor(in NewContributor) (involve.ContributorView, error) {
	return write(a, involve.EntityContributor, contributorViewID, func(db *store.DB) (involve.ContributorView, error) {
		c, _, err := db.CreateContributor(a.ctx, &in.Contributor, &in.Consent)
		if err != nil {
			return involve.ContributorView{}, err
		}
		return db.FindContributor(a.ctx, c.ID)
	})
}

// UpdateContributor saves a contributor's edit form (only the fields they changed).
func (a *App) UpdateContributor(id string, loaded, edited involve.Contributor) (involve.ContributorView, error) {
	return write(a, involve.EntityContributor, contributorViewID, func(db *store.DB) (involve.ContributorView, error) {
		if _, err := db.UpdateContributor(a.ctx, id, &loaded, &edited); err != nil {
			return involve.ContributorView{}, err
		}
		return db.FindContributor(a.ctx, id)
	})
}

func consents(cs []*involve.Consent, err error) ([]involve.Consent, error) {
	out := make([]involve.Consent, 0, len(cs))
	for _, c := range cs {
		if c.Purposes == nil {
			c.Purposes = []string{}
		}
		out = append(out, *c)
	}
	return out, err
}

// ListConsents lists the consent records of a contributor or a feedback item.
func (a *App) ListConsents(subjectID string) ([]involve.Consent, error) {
	return read(a, func(db *store.DB) ([]involve.Consent, error) { return consents(db.FindConsents(a.ctx, subjectID)) })
}

// AddConsent records a new consent (for a contributor whose consent was withdrawn, it
// brings their details back).
func (a *App) AddConsent(in involve.Consent) (involve.Consent, error) {
	c, err := read(a, func(db *store.DB) (*involve.Consent, error) { return db.AddConsent(a.ctx, &in) })
	if err != nil {
		return involve.Consent{}, err
	}
	a.changed(involve.EntityConsent, c.ID)
	a.changed(c.SubjectEntity, c.SubjectID) // a withdrawn contributor's details are back
	return *c, nil
}

// WithdrawConsent withdraws a consent record: one action, with its effects everywhere
// (a feedback item's quote consent switched off; a contributor pseudonymised).
func (a *App) WithdrawConsent(id string) (involve.Consent, error) {
	c, err := read(a, func(db *store.DB) (*involve.Consent, error) { return db.WithdrawConsent(a.ctx, id) })
	if err != nil {
		return involve.Consent{}, err
	}
	a.changed(involve.EntityConsent, id)
	a.changed(c.SubjectEntity, c.SubjectID)
	return *c, nil
}

// WithdrawQuoteConsent is "Withdraw quote consent" on a feedback item.
func (a *App) WithdrawQuoteConsent(feedbackID string) (involve.Consent, error) {
	c, err := read(a, func(db *store.DB) (*involve.Consent, error) { return db.WithdrawQuoteConsent(a.ctx, feedbackID) })
	if err != nil {
		return involve.Consent{}, err
	}
	a.changed(involve.EntityConsent, c.ID)
	a.changed(involve.EntityFeedback, feedbackID)
	return *c, nil
}

// ListRateCards lists the rate cards by unit, newest first.
func (a *App) ListRateCards() ([]involve.RateCard, error) {
	return read(a, func(db *store.DB) ([]involve.RateCard, error) {
		cs, err := db.FindRateCards(a.ctx)
		out := make([]involve.RateCard, 0, len(cs))
		for _, c := range cs {
			out = append(out, *c)
		}
		return out, err
	})
}

// CreateRateCard stores a dated rate (no overlap with another of the same unit).
func (a *App) CreateRateCard(in involve.RateCard) (involve.RateCard, error) {
	return write(a, involve.EntityRateCard, rateCardID, func(db *store.DB) (involve.RateCard, error) {
		r, err := db.CreateRateCard(a.ctx, &in)
		if err != nil {
			return involve.RateCard{}, err
		}
		return *r, nil
	})
}

// UpdateRateCard saves a rate card's edit form.
func (a *App) UpdateRateCard(id string, loaded, edited involve.RateCard) (involve.RateCard, error) {
	return write(a, involve.EntityRateCard, rateCardID, func(db *store.DB) (involve.RateCard, error) {
		r, err := db.UpdateRateCard(a.ctx, id, &loaded, &edited)
		if err != nil {
			return involve.RateCard{}, err
		}
		return *r, nil
	})
}

// DeleteRateCard removes a rate card (entries already logged keep their fee).
func (a *App) DeleteRateCard(id string) error {
	_, err := write(a, involve.EntityRateCard, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteDoc(a.ctx, involve.EntityRateCard, id)
	})
	return err
}

// ListTimeEntries lists a contributor's time and payment log, newest first.
func (a *App) ListTimeEntries(contributorID string) ([]involve.TimeEntryView, error) {
	return read(a, func(db *store.DB) ([]involve.TimeEntryView, error) { return db.FindTimeEntries(a.ctx, contributorID) })
}

// GetTimeEntry returns one time entry.
func (a *App) GetTimeEntry(id string) (involve.TimeEntry, error) {
	return read(a, func(db *store.DB) (involve.TimeEntry, error) {
		d, err := db.FindDoc(a.ctx, involve.EntityTimeEntry, id)
		if err != nil {
			return involve.TimeEntry{}, err
		}
		return *d.(*involve.TimeEntry), nil
	})
}

// CreateTimeEntry logs time, with the fee from the rate card in force on its date.
func (a *App) CreateTimeEntry(in involve.TimeEntry) (involve.TimeEntry, error) {
	return write(a, involve.EntityTimeEntry, timeEntryID, func(db *store.DB) (involve.TimeEntry, error) {
		e, err := db.CreateTimeEntry(a.ctx, &in)
		if err != nil {
			return involve.TimeEntry{}, err
		}
		return *e, nil
	})
}

// UpdateTimeEntry saves a time entry's edit form and works its fee out again.
func (a *App) UpdateTimeEntry(id string, loaded, edited involve.TimeEntry) (involve.TimeEntry, error) {
	return write(a, involve.EntityTimeEntry, timeEntryID, func(db *store.DB) (involve.TimeEntry, error) {
		e, err := db.UpdateTimeEntry(a.ctx, id, &loaded, &edited)
		if err != nil {
			return involve.TimeEntry{}, err
		}
		return *e, nil
	})
}

// DeleteTimeEntry soft-deletes a time entry.
func (a *App) DeleteTimeEntry(id string) error {
	_, err := write(a, involve.EntityTimeEntry, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteDoc(a.ctx, involve.EntityTimeEntry, id)
	})
	return err
}

// PreviewFee works out the fee of a time entry as it is typed (nothing is saved).
func (a *App) PreviewFee(in involve.TimeEntry) (involve.FeePreview, error) {
	return read(a, func(db *store.DB) (involve.FeePreview, error) { return db.PreviewFee(a.ctx, &in) })
}

// GetLEPTotals adds up the time and payment log for work dated from..to ("" open).
func (a *App) GetLEPTotals(from, to string) (involve.LEPTotals, error) {
	return read(a, func(db *store.DB) (involve.LEPTotals, error) { return db.LEPTotals(a.ctx, from, to) })
}

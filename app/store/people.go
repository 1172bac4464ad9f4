package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// Lived Experience Partners: contributors with their consent records, dated rate
// cards (rate_card.go), the time and payment log and the totals (time_entry.go),
// withdrawal of consent. Every record is an involve.Doc; the rules that need other
// records (a contributor only with consent, rate cards that do not overlap, the fee
// from the rate in force, a withdrawal and its effects) run inside one write
// transaction (WriteDocs).

// prefixProblems puts prefix before each field of a validation error ("consent.").
func prefixProblems(err error, prefix string) involve.Problems {
	var p involve.Problems
	for _, f := range involve.ErrorFields(err) {
		p.Add(prefix+f.Field, f.Message)
	}
	return p
}

// CreateContributor stores a new contributor and their consent record together: there
// is no contributor without consent. Problems with the consent come back on fields
// named "consent.<field>".
func (db *DB) CreateContributor(ctx context.Context, c *involve.Contributor, consent *involve.Consent) (*involve.Contributor, *involve.Consent, error) {
	c.ConsentWithdrawnAt, c.Number = "", 0
	consent.SubjectEntity, consent.WithdrawnAt, consent.WithdrawnBy = involve.EntityContributor, "", ""
	consent.SubjectID = "pending" // the contributor's id, once made
	// The role and the passphrase first: a person told to fix the consent fields and
	// then that the laptop may not hold partners at all would have typed them for
	// nothing. (DocTx.Create checks both again inside the transaction.)
	if err := db.checkNewRecord(ctx, db.reader, involve.EntityContributor, c); err != nil {
		return nil, nil, err
	}
	var p involve.Problems
	if err := c.Validate(); err != nil {
		if involve.ErrorCode(err) != involve.EINVALID {
			return nil, nil, err
		}
		p = append(p, involve.ErrorFields(err)...)
	}
	if err := consent.Validate(); err != nil {
		p = append(p, prefixProblems(err, "consent.")...)
	}
	if err := p.Err("Lived Experience Partner"); err != nil {
		return nil, nil, err
	}
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		var n sql.NullInt64
		if err := w.tx.QueryRowContext(ctx, `SELECT max(json_extract(state, '$.number')) FROM docs WHERE entity = ?`,
			involve.EntityContributor).Scan(&n); err != nil {
			return err
		}
		c.Number = int(n.Int64) + 1
		if _, err := w.Create(c); err != nil {
			return err
		}
		consent.SubjectID = c.ID
		if consent.CapturedBy == "" {
			consent.CapturedBy = db.UserName()
		}
		if _, err := w.Create(consent); err != nil {
			return err
		}
		// the rule the server applies to what laptops push (involve/rules.go), which
		// sees the consent first
		if err := involve.CheckContributorConsent(nil, c, []*involve.Consent{consent}); err != nil {
			return err
		}
		return w.SendBefore(consent, c)
	})
	if err != nil {
		return nil, nil, err
	}
	return c, consent, nil
}

// asDoc turns a nil *T into a nil Doc (a typed nil is not a nil interface).
func asDoc[T any, P interface {
	*T
	involve.Doc
}](p P) involve.Doc {
	if p == nil {
		return nil
	}
	return p
}

// UpdateContributor saves a contributor's edit form (only the fields the person
// changed). A contributor whose consent is withdrawn cannot be edited: record new
// consent first.
func (db *DB) UpdateContributor(ctx context.Context, id string, loaded, edited *involve.Contributor) (*involve.Contributor, error) {
	var out *involve.Contributor
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		cur, err := w.Find(involve.EntityContributor, id)
		if err != nil {
			return err
		}
		if err := checkNotErased(ctx, w.tx, involve.EntityContributor, cur); err != nil {
			return err
		}
		if cur.(*involve.Contributor).Withdrawn() {
			return involve.Errorf(involve.EINVALID, "Their consent has been withdrawn, so their details cannot be changed. Record new consent first.")
		}
		// the pseudonym number and the withdrawal are never the form's to change
		for _, f := range []*involve.Contributor{loaded, edited} {
			if f != nil {
				f.Number, f.ConsentWithdrawnAt = cur.(*involve.Contributor).Number, ""
			}
		}
		d, err := w.Update(involve.EntityContributor, id, asDoc(loaded), edited)
		if err == nil {
			out = d.(*involve.Contributor)
		}
		return err
	})
	return out, err
}

// FindContributors lists contributors by name (pseudonymised ones by number, last).
func (db *DB) FindContributors(ctx context.Context) ([]involve.ContributorView, error) {
	cs, err := FindDocsOf[*involve.Contributor](ctx, db, involve.EntityContributor, "")
	if err != nil {
		return nil, err
	}
	consents, err := db.consentsBySubject(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]involve.ContributorView, 0, len(cs))
	for _, c := range cs {
		out = append(out, involve.ViewContributor(*c, consents[c.ID]))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Withdrawn != b.Withdrawn {
			return !a.Withdrawn
		}
		if a.Withdrawn {
			return a.Number < b.Number
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
	return out, nil
}

// FindContributor returns one contributor's view.
func (db *DB) FindContributor(ctx context.Context, id string) (involve.ContributorView, error) {
	d, err := db.FindDoc(ctx, involve.EntityContributor, id)
	if err != nil {
		return involve.ContributorView{}, err
	}
	consents, err := FindDocsOf[*involve.Consent](ctx, db, involve.EntityConsent, id)
	if err != nil {
		return involve.ContributorView{}, err
	}
	return involve.ViewContributor(*d.(*involve.Contributor), consents), nil
}

func (db *DB) consentsBySubject(ctx context.Context) (map[string][]*involve.Consent, error) {
	all, err := FindDocsOf[*involve.Consent](ctx, db, involve.EntityConsent, "")
	m := map[string][]*involve.Consent{}
	for _, c := range all {
		m[c.SubjectID] = append(m[c.SubjectID], c)
	}
	return m, err
}

// FindConsents lists the consent records of a subject (a contributor or a feedback
// item), oldest first, withdrawn ones included.
func (db *DB) FindConsents(ctx context.Context, subjectID string) ([]*involve.Consent, error) {
	return FindDocsOf[*involve.Consent](ctx, db, involve.EntityConsent, subjectID)
}

// AddConsent records a new consent. A contributor whose consent had been withdrawn is
// no longer pseudonymised (in the same transaction).
func (db *DB) AddConsent(ctx context.Context, consent *involve.Consent) (*involve.Consent, error) {
	consent.WithdrawnAt, consent.WithdrawnBy = "", ""
	if consent.CapturedBy == "" {
		consent.CapturedBy = db.UserName()
	}
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		if _, err := w.Create(consent); err != nil {
			return err
		}
		if consent.SubjectEntity != involve.EntityContributor {
			return nil
		}
		d, err := w.Find(involve.EntityContributor, consent.SubjectID)
		if err != nil {
			return err
		}
		if c := d.(*involve.Contributor); c.Withdrawn() {
			prev := *c
			c.ConsentWithdrawnAt = ""
			consents, err := findDocsTx[*involve.Consent](w, involve.EntityConsent, c.ID)
			if err != nil {
				return err
			}
			if err := involve.CheckContributorConsent(&prev, c, consents); err != nil {
				return err
			}
			if _, err := w.Save(c); err != nil {
				return err
			}
			return w.SendBefore(consent, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return consent, nil
}

// WithdrawConsent withdraws a consent record: one action, one transaction, with its
// effects everywhere. For a feedback item's quote consent, the item's quoteConsent is
// switched off (an ordinary edit with an outbox entry, so it syncs and every export
// honours it). For a contributor with no other consent left, the contributor is marked
// withdrawn, so lists and exports show only the pseudonym and no purpose but payment
// is usable. Withdrawing twice changes nothing.
func (db *DB) WithdrawConsent(ctx context.Context, id string) (*involve.Consent, error) {
	var out *involve.Consent
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		d, err := w.Find(involve.EntityConsent, id)
		if err != nil {
			return err
		}
		out = d.(*involve.Consent)
		return db.withdrawTx(w, out)
	})
	return out, err
}

func (db *DB) withdrawTx(w *DocTx, c *involve.Consent) error {
	if c.Withdrawn() {
		return nil
	}
	c.WithdrawnAt, c.WithdrawnBy = involve.FormatTime(db.Now()), db.UserName()
	if _, err := w.Save(c); err != nil {
		return err
	}
	switch c.SubjectEntity {
	case involve.EntityFeedback:
		if c.HasPurpose(involve.PurposeQuotes) {
			return db.setQuoteConsentTx(w, c.SubjectID, false)
		}
	case involve.EntityContributor:
		others, err := findDocsTx[*involve.Consent](w, involve.EntityConsent, c.SubjectID)
		if err != nil {
			return err
		}
		for _, o := range others {
			if !o.Withdrawn() {
				return nil // another consent still stands
			}
		}
		d, err := w.Find(involve.EntityContributor, c.SubjectID)
		if err != nil {
			return err
		}
		ct := d.(*involve.Contributor)
		ct.ConsentWithdrawnAt = c.WithdrawnAt
		_, err = w.Save(ct)
		return err
	}
	return nil
}

// setQuoteConsentTx changes a feedback item's quote consent as an ordinary edit (new
// revision, outbox entry), unless it already has that value or is deleted.
func (db *DB) setQuoteConsentTx(w *DocTx, feedbackID string, on bool) error {
	f, err := findFeedback(w.ctx, w.tx, feedbackID, false)
	if errors.Is(err, errFeedbackNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	if f.QuoteConsent == on {
		return nil
	}
	base := f.Rev
	now := involve.FormatTime(db.Now())
	f.QuoteConsent, f.UpdatedAt, f.Rev = on, now, db.nextRev(base)
	if err := putFeedback(w.ctx, w.tx, &f); err != nil {
		return err
	}
	return db.enqueue(w.ctx, w.tx, involve.EntityFeedback, f.ID, base, f.Rev, f, now)
}

// WithdrawQuoteConsent is "Withdraw quote consent" on a feedback item: its live quote
// consent records are withdrawn, or, when the consent was only ticked on the feedback
// form, a record of it is made and withdrawn at once; either way the item's
// quoteConsent is switched off, all in one transaction.
func (db *DB) WithdrawQuoteConsent(ctx context.Context, feedbackID string) (*involve.Consent, error) {
	var out *involve.Consent
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		f, err := findFeedback(ctx, w.tx, feedbackID, false)
		if err != nil {
			return err
		}
		consents, err := findDocsTx[*involve.Consent](w, involve.EntityConsent, feedbackID)
		if err != nil {
			return err
		}
		for _, c := range consents {
			if c.HasPurpose(involve.PurposeQuotes) && !c.Withdrawn() {
				if err := db.withdrawTx(w, c); err != nil {
					return err
				}
				out = c
			}
		}
		if out == nil {
			given := f.CreatedAt
			if len(given) >= 10 {
				given = given[:10]
			}
			c := &involve.Consent{SubjectEntity: involve.EntityFeedback, SubjectID: feedbackID,
				Purposes: []string{involve.PurposeQuotes}, LawfulBasis: "consent", NoticeVersion: "Not recorded",
				Method: "other", GivenAt: given, GivenBy: "The person who gave the feedback (ticked on the feedback form)",
				CapturedBy: f.CapturedBy}
			if _, err := w.create(c, false); err != nil { // a withdrawal is never refused
				return err
			}
			if err := db.withdrawTx(w, c); err != nil {
				return err
			}
			out = c
		}
		return db.setQuoteConsentTx(w, feedbackID, false)
	})
	return out, err
}

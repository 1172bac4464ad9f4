package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// Lived Experience Partners: contributors with their consent records, dated rate
// cards, the time and payment log, withdrawal of consent and the totals. Every record
// is an involve.Doc; the rules that need other records (a contributor only with
// consent, rate cards that do not overlap, the fee from the rate in force, a
// withdrawal and its effects) run inside one write transaction (WriteDocs).

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
		_, err := w.Create(consent)
		return err
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
			c.ConsentWithdrawnAt = ""
			_, err = w.Save(c)
		}
		return err
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
			if _, err := w.Create(c); err != nil {
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

// ---- rate cards ----

// FindRateCards lists the live rate cards by unit, newest start first.
func (db *DB) FindRateCards(ctx context.Context) ([]*involve.RateCard, error) {
	cs, err := FindDocsOf[*involve.RateCard](ctx, db, involve.EntityRateCard, "")
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Unit != cs[j].Unit {
			return unitOrder(cs[i].Unit) < unitOrder(cs[j].Unit)
		}
		return cs[i].EffectiveFrom > cs[j].EffectiveFrom
	})
	return cs, err
}

func unitOrder(u string) int {
	for i, it := range involve.PeopleRef().RateUnits {
		if it.Code == u {
			return i
		}
	}
	return 99
}

// CreateRateCard stores a rate card that overlaps no other of its unit.
func (db *DB) CreateRateCard(ctx context.Context, r *involve.RateCard) (*involve.RateCard, error) {
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		if _, err := w.Create(r); err != nil {
			return err
		}
		return checkOverlapTx(w, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateRateCard saves a rate card's edit form; the result may not overlap another
// card of its unit. Entries already logged keep the fee they were saved with.
func (db *DB) UpdateRateCard(ctx context.Context, id string, loaded, edited *involve.RateCard) (*involve.RateCard, error) {
	var out *involve.RateCard
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		d, err := w.Update(involve.EntityRateCard, id, asDoc(loaded), edited)
		if err != nil {
			return err
		}
		out = d.(*involve.RateCard)
		return checkOverlapTx(w, out)
	})
	return out, err
}

func checkOverlapTx(w *DocTx, r *involve.RateCard) error {
	cards, err := findDocsTx[*involve.RateCard](w, involve.EntityRateCard, "")
	if err != nil {
		return err
	}
	return involve.CheckRateOverlap(r, cards)
}

// ---- time and payment log ----

// priceTx validates a time entry and works out its fee from the rate cards and the
// contributor (declines payment; the default payment route), inside w.
func (db *DB) priceTx(w *DocTx, e *involve.TimeEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	d, err := w.Find(involve.EntityContributor, e.ContributorID)
	if involve.ErrorCode(err) == involve.ENOTFOUND {
		var p involve.Problems
		p.Add("contributorId", "Select a Lived Experience Partner: the one given no longer exists")
		return p.Err("time entry")
	} else if err != nil {
		return err
	}
	c := d.(*involve.Contributor)
	if e.Route == "" && c.PaymentPreference != "" {
		e.Route = c.PaymentPreference
	}
	var p involve.Problems
	for _, ref := range []struct{ field, table, id, msg string }{
		{"projectId", "projects", e.ProjectID, "Select a project: the one given no longer exists"},
		{"sessionId", "sessions", e.SessionID, "Select a session: the one given no longer exists"},
	} {
		if ref.id == "" {
			continue
		}
		var one int
		err := w.tx.QueryRowContext(w.ctx, `SELECT 1 FROM `+ref.table+` WHERE id = ? AND deleted_at IS NULL`, ref.id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			p.Add(ref.field, ref.msg)
		} else if err != nil {
			return err
		}
	}
	if err := p.Err("time entry"); err != nil {
		return err
	}
	cards, err := findDocsTx[*involve.RateCard](w, involve.EntityRateCard, "")
	if err != nil {
		return err
	}
	return e.ApplyFee(cards, c.DeclinesPayment)
}

// CreateTimeEntry logs time for a contributor, with the fee from the rate card in
// force on its date.
func (db *DB) CreateTimeEntry(ctx context.Context, e *involve.TimeEntry) (*involve.TimeEntry, error) {
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		if err := db.priceTx(w, e); err != nil {
			return err
		}
		_, err := w.Create(e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// UpdateTimeEntry saves a time entry's edit form (only the fields the person changed)
// and works the fee out again.
func (db *DB) UpdateTimeEntry(ctx context.Context, id string, loaded, edited *involve.TimeEntry) (*involve.TimeEntry, error) {
	var out *involve.TimeEntry
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		cur, err := w.Find(involve.EntityTimeEntry, id)
		if err != nil {
			return err
		}
		next, err := overlayDoc(involve.EntityTimeEntry, cur, asDoc(loaded), edited)
		if err != nil {
			return err
		}
		out = next.(*involve.TimeEntry)
		out.Meta = cur.(*involve.TimeEntry).Meta
		if err := db.priceTx(w, out); err != nil {
			return err
		}
		_, err = w.Save(out)
		return err
	})
	return out, err
}

// PreviewFee works out the fee a time entry would get, without saving anything. A
// missing rate is not an error: it comes back as the preview's Problem.
func (db *DB) PreviewFee(ctx context.Context, e *involve.TimeEntry) (involve.FeePreview, error) {
	var out involve.FeePreview
	cards, err := db.FindRateCards(ctx)
	if err != nil {
		return out, err
	}
	declines := false
	if e.ContributorID != "" {
		if d, err := db.FindDoc(ctx, involve.EntityContributor, e.ContributorID); err == nil {
			declines = d.(*involve.Contributor).DeclinesPayment
		}
	}
	_ = e.Validate() // tidies; the form shows its own problems on save
	if err := e.ApplyFee(cards, declines); err != nil {
		if f := involve.ErrorFields(err); len(f) > 0 {
			out.Problem = f[0].Message
		} else {
			return out, err
		}
	}
	out.RateCardID, out.RatePence, out.Unit, out.Minutes = e.RateCardID, e.RatePence, e.Unit, e.Minutes()
	out.FeePence, out.FeeDuePence, out.Declined = e.FeePence, e.FeeDue(), e.Route == involve.RouteDeclined
	for _, c := range cards {
		if c.ID == e.RateCardID {
			out.RateTitle = c.Title()
		}
	}
	return out, nil
}

// FindTimeEntries lists a contributor's time entries, newest first.
func (db *DB) FindTimeEntries(ctx context.Context, contributorID string) ([]involve.TimeEntryView, error) {
	es, err := FindDocsOf[*involve.TimeEntry](ctx, db, involve.EntityTimeEntry, contributorID)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	name := func(table, col, id string) string {
		if id == "" {
			return ""
		}
		if n, ok := names[id]; ok {
			return n
		}
		var n string
		_ = db.reader.QueryRowContext(ctx, `SELECT `+col+` FROM `+table+` WHERE id = ?`, id).Scan(&n)
		names[id] = n
		return n
	}
	out := make([]involve.TimeEntryView, 0, len(es))
	for _, e := range es {
		out = append(out, involve.TimeEntryView{TimeEntry: *e, Minutes: e.Minutes(), FeeDuePence: e.FeeDue(),
			ProjectName: name("projects", "name", e.ProjectID), SessionTitle: name("sessions", "title", e.SessionID)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date > out[j].Date })
	return out, nil
}

// EachTimeEntry streams every live time entry, oldest first (for the workbook).
func (db *DB) EachTimeEntry(ctx context.Context, fn func(*involve.TimeEntry) error) error {
	return db.EachDoc(ctx, involve.EntityTimeEntry, "", false, func(d involve.Doc) error {
		return fn(d.(*involve.TimeEntry))
	})
}

// LEPTotals adds up the time and payment log for work dated from..to (inclusive; ""
// leaves that end open): hours, fees due and expenses per contributor, per project and
// per month, and the days from claim to payment (median and maximum). Contributors
// whose consent is withdrawn are labelled with their pseudonym; every line carries the
// pseudonym, which is what the workbook shows.
func (db *DB) LEPTotals(ctx context.Context, from, to string) (involve.LEPTotals, error) {
	out := involve.LEPTotals{From: from, To: to, ByContributor: []involve.LEPTotal{}, ByProject: []involve.LEPTotal{},
		ByMonth: []involve.LEPTotal{}}
	cs, err := FindDocsOf[*involve.Contributor](ctx, db, involve.EntityContributor, "")
	if err != nil {
		return out, err
	}
	contributors := map[string]*involve.Contributor{}
	for _, c := range cs {
		contributors[c.ID] = c
	}
	type acc struct {
		t    involve.LEPTotal
		days []int
	}
	all := &acc{t: involve.LEPTotal{Key: "all", Label: "All"}}
	by := [3]map[string]*acc{{}, {}, {}}
	get := func(i int, key string) *acc {
		a := by[i][key]
		if a == nil {
			a = &acc{t: involve.LEPTotal{Key: key}}
			by[i][key] = a
		}
		return a
	}
	err = db.EachTimeEntry(ctx, func(e *involve.TimeEntry) error {
		if (from != "" && e.Date < from) || (to != "" && e.Date > to) {
			return nil
		}
		month := ""
		if len(e.Date) >= 7 {
			month = e.Date[:7]
		}
		days, paid := e.DaysClaimToPaid()
		for _, a := range []*acc{all, get(0, e.ContributorID), get(1, e.ProjectID), get(2, month)} {
			a.t.Entries++
			a.t.Minutes += e.Minutes()
			a.t.FeesPence += e.FeeDue()
			a.t.ExpensesPence += e.ExpensesPence
			if paid {
				a.days = append(a.days, days)
			}
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	finish := func(a *acc) involve.LEPTotal {
		sort.Ints(a.days)
		a.t.PaidClaims = len(a.days)
		if n := len(a.days); n > 0 {
			a.t.MaxDaysToPay = a.days[n-1]
			if n%2 == 1 {
				a.t.MedianDaysToPay = float64(a.days[n/2])
			} else {
				a.t.MedianDaysToPay = float64(a.days[n/2-1]+a.days[n/2]) / 2
			}
		}
		return a.t
	}
	out.All = finish(all)
	for key, a := range by[0] {
		if c := contributors[key]; c != nil {
			a.t.Label, a.t.Pseudonym = c.Title(), c.Pseudonym()
		} else {
			a.t.Label, a.t.Pseudonym = "Deleted contributor", "Contributor ?"
		}
		out.ByContributor = append(out.ByContributor, finish(a))
	}
	for key, a := range by[1] {
		a.t.Label = "No project"
		if key != "" {
			var name string
			if err := db.reader.QueryRowContext(ctx, `SELECT name FROM projects WHERE id = ?`, key).Scan(&name); err == nil {
				a.t.Label = name
			}
		}
		out.ByProject = append(out.ByProject, finish(a))
	}
	for key, a := range by[2] {
		a.t.Label = key
		if t, err := time.Parse("2006-01", key); err == nil {
			a.t.Label = t.Format("January 2006")
		}
		out.ByMonth = append(out.ByMonth, finish(a))
	}
	sort.Slice(out.ByContributor, func(i, j int) bool { return out.ByContributor[i].Label < out.ByContributor[j].Label })
	sort.Slice(out.ByProject, func(i, j int) bool { return out.ByProject[i].Label < out.ByProject[j].Label })
	sort.Slice(out.ByMonth, func(i, j int) bool { return out.ByMonth[i].Key < out.ByMonth[j].Key })
	return out, nil
}

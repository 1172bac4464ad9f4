package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// priceTx validates a time entry and works out its fee from the rate cards and the
// contributor (declines payment; the default payment route), inside w.
func (db *DB) priceTx(w *DocTx, e *involve.TimeEntry) error {
	if err := checkNotErased(w.ctx, w.tx, involve.EntityTimeEntry, e); err != nil {
		return err
	}
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
	if err := e.ApplyFee(cards, c.DeclinesPayment); err != nil {
		return err
	}
	return involve.CheckFee(e, cards) // the rule the server applies to what laptops push
}

// CreateTimeEntry logs time for a contributor, with the fee from the rate card in
// force on its date.
func (db *DB) CreateTimeEntry(ctx context.Context, e *involve.TimeEntry) (*involve.TimeEntry, error) {
	err := db.WriteDocs(ctx, func(w *DocTx) error {
		if err := db.checkNewRecord(ctx, w.tx, involve.EntityTimeEntry, e); err != nil {
			return err // before any other problem
		}
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

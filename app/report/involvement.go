package report

import (
	"context"
	"sort"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// The records of outcome-led involvement (involve.Doc kinds) in a report: attendance
// tallies and attendee profiles (reach), "you said, we did" actions, outcomes, and the
// Lived Experience Partners' time and payment log. A source offers them through
// DocSource; the Builder loads them when it starts (they number in the hundreds or
// thousands, not the hundreds of thousands feedback does) and decides which the
// filter covers once the sessions and feedback have streamed past:
//
//   - A tally or attendee profile belongs to its session.
//   - An action is covered when it answers a feedback item of a session inside the
//     filter, or is filed under a session inside the filter. An action linked to no
//     session and no feedback (made on a project's board) is covered when it was made
//     in the period, its project is the filter's (when one is chosen), and no borough
//     or session type is chosen. An action answering feedback of sessions in two
//     periods counts in both.
//   - An outcome is covered when its project is live and is the filter's (when one is
//     chosen), its date (or, with no date, the day it was recorded) is in the period,
//     and — when a borough or session type is chosen — it names a session inside the
//     filter.
//   - A time entry on a session belongs to its session (like feedback: work before or
//     after the session counts in the session's period). A time entry for a task (no
//     session) is covered when its date is in the period, its project is the filter's
//     (when one is chosen), and no borough or session type is chosen.
//
// Contributors are read only for their pseudonym ("Contributor N"): no name, contact or
// other identifiable field reaches a Figures value or a row.

// DocSource is an optional Source method: the live (not deleted) records of one kind
// of involve.Doc (entity "tally", "attendee", "action", "outcome", "contributor",
// "time_entry"…), every one of them (the Builder applies the filter). A source
// without it reports no actions, outcomes, LEP time or attendee reach.
type DocSource interface {
	Docs(ctx context.Context, entity string, fn func(involve.Doc) error) error
}

// ActionFigures count the "you said, we did" actions the filter covers. Actions are
// not people: the counts are never suppressed.
type ActionFigures struct {
	Total       int `json:"total"`
	Planned     int `json:"planned"`
	InProgress  int `json:"inProgress"`
	Done        int `json:"done"`
	NotPossible int `json:"notPossible"`
	Overdue     int `json:"overdue"` // due before the report's day and not done or not possible
	// CommunicatedBack is the closed actions (done or not possible) told back to the
	// people who raised them; CommunicatedPct is their share of the closed actions.
	CommunicatedBack int     `json:"communicatedBack"`
	CommunicatedPct  Percent `json:"communicatedPct"`
	Published        int     `json:"published"`
	ByStatus         []Row   `json:"byStatus"` // Planned, In progress, Done, Not possible
}

// OutcomeFigures count the outcomes the filter covers.
type OutcomeFigures struct {
	Total       int   `json:"total"`
	ByMagnitude []Row `json:"byMagnitude"` // None, Minor, Substantial, Decision changed
	ByImpact    []Row `json:"byImpact"`    // an outcome with two areas counts under each
	Positive    int   `json:"positive"`
	Negative    int   `json:"negative"`
}

// LEPFigures add up the Lived Experience Partners' time entries the filter covers.
// Money is in whole pence; fees are what is due (the override when there is one,
// nothing when payment is declined).
type LEPFigures struct {
	Contributors  int   `json:"contributors"` // with at least one entry covered
	Entries       int   `json:"entries"`
	Minutes       int   `json:"minutes"`
	FeesPence     int64 `json:"feesPence"`
	ExpensesPence int64 `json:"expensesPence"`
	PaidPence     int64 `json:"paidPence"` // fees and expenses of the entries with a date paid
	// MedianDaysToPay and MaxDaysToPay: days from claim to payment over the entries
	// with both dates; -1 when there are none.
	MedianDaysToPay float64 `json:"medianDaysToPay"`
	MaxDaysToPay    int     `json:"maxDaysToPay"`
}

// LEPRow is one line of the LEP contribution sheet: one contributor (by pseudonym
// only) on one project.
type LEPRow struct {
	ContributorID string
	Pseudonym     string // "Contributor 7"; never the name
	Number        int
	ProjectID     string
	Project       string
	Entries       int
	Minutes       int
	FeesPence     int64
	ExpensesPence int64
	ClaimedPence  int64 // fees and expenses of the entries claimed
	PaidPence     int64 // fees and expenses of the entries paid
	PaidClaims    int   // entries with a claim and a payment date
	// MedianDaysToPay and MaxDaysToPay over PaidClaims; -1 when none.
	MedianDaysToPay float64
	MaxDaysToPay    int
}

// docAcc holds the docs a Builder loaded and what it worked out from them.
type docAcc struct {
	tallies      []*involve.Tally
	attendees    []*involve.Attendee
	actions      []*involve.Action
	actionByFB   map[string][]int // feedback id → indexes into actions
	actionIn     []bool           // answers feedback of a session inside the filter
	outcomes     []*involve.Outcome
	contributors map[string]*involve.Contributor
	entries      []*involve.TimeEntry
	// needsResponseWithoutAction counts feedback marked "needs response" that no live
	// action answers.
	needsResponseWithoutAction int
	// unquotable: actions whose "you said" holds the words of a feedback item without
	// quote consent (the store fills "you said" from the feedback's text).
	unquotable map[string]bool

	done        bool
	reach       involve.Reach
	inActions   []*involve.Action
	inOutcomes  []*involve.Outcome
	lepRows     []LEPRow
	actionFig   ActionFigures
	outcomeFig  OutcomeFigures
	lepFig      LEPFigures
	projActions map[string][]*involve.Action
	projOutcome map[string][]*involve.Outcome
}

// loadDocs reads every kind of doc a report uses from src.
func (b *Builder) loadDocs(ctx context.Context, src DocSource) error {
	d := &b.docs
	read := func(entity string, fn func(involve.Doc)) error {
		return src.Docs(ctx, entity, func(doc involve.Doc) error {
			if doc.DocMeta().DeletedAt == "" {
				fn(doc)
			}
			return nil
		})
	}
	steps := []struct {
		entity string
		fn     func(involve.Doc)
	}{
		{involve.EntityTally, appendTo(&d.tallies)},
		{involve.EntityAttendee, appendTo(&d.attendees)},
		{involve.EntityAction, func(x involve.Doc) {
			if a, ok := x.(*involve.Action); ok {
				for _, id := range a.FeedbackIDs {
					d.actionByFB[id] = append(d.actionByFB[id], len(d.actions))
				}
				d.actions = append(d.actions, a)
				d.actionIn = append(d.actionIn, false)
			}
		}},
		{involve.EntityOutcome, appendTo(&d.outcomes)},
		{involve.EntityContributor, func(x involve.Doc) {
			if c, ok := x.(*involve.Contributor); ok {
				// Only what a pseudonym needs is kept: never the name.
				d.contributors[c.ID] = &involve.Contributor{Meta: involve.Meta{ID: c.ID}, Number: c.Number}
			}
		}},
		{involve.EntityTimeEntry, appendTo(&d.entries)},
	}
	d.actionByFB, d.contributors = map[string][]int{}, map[string]*involve.Contributor{}
	for _, st := range steps {
		if err := read(st.entity, st.fn); err != nil {
			return err
		}
	}
	return nil
}

// appendTo returns a function that appends each doc of type T to *list.
func appendTo[T involve.Doc](list *[]T) func(involve.Doc) {
	return func(x involve.Doc) {
		if t, ok := x.(T); ok {
			*list = append(*list, t)
		}
	}
}

// feedbackDocs marks the actions that answer a feedback item of the filter and counts
// the item when it needs a response that no action gives.
func (b *Builder) feedbackDocs(fb *involve.Feedback) {
	d := &b.docs
	idx := d.actionByFB[fb.ID]
	for _, i := range idx {
		d.actionIn[i] = true
		if a := d.actions[i]; !fb.QuoteConsent && strings.TrimSpace(fb.Text) != "" && strings.Contains(a.YouSaid, strings.TrimSpace(fb.Text)) {
			if d.unquotable == nil {
				d.unquotable = map[string]bool{}
			}
			d.unquotable[a.ID] = true
		}
	}
	if fb.NeedsResponse && len(idx) == 0 {
		d.needsResponseWithoutAction++
	}
}

// inPeriod reports whether a YYYY-MM-DD date is inside the filter's dates.
func (b *Builder) inPeriod(date string) bool {
	if (b.f.From != "" || b.f.To != "") && !involve.ValidDate(date) {
		return false
	}
	return (b.f.From == "" || date >= b.f.From) && (b.f.To == "" || date <= b.f.To)
}

// unsessioned reports whether a record tied to no session but to projectID, dated
// date, is inside the filter: no borough or type chosen, the project's, in the period.
func (b *Builder) unsessioned(projectID, date string) bool {
	if b.f.Borough != "" || b.f.SessionType != "" {
		return false
	}
	if b.f.ProjectID != "" && projectID != b.f.ProjectID {
		return false
	}
	if p, ok := b.projects[projectID]; ok && p.DeletedAt != "" {
		return false
	}
	return b.inPeriod(date)
}

func dayOf(rfc3339 string) string {
	if len(rfc3339) >= 10 {
		return rfc3339[:10]
	}
	return rfc3339
}

// finishDocs decides what the filter covers and adds it up (once, after the sessions
// and feedback).
func (b *Builder) finishDocs() {
	d := &b.docs
	if d.done {
		return
	}
	d.done = true
	d.projActions, d.projOutcome = map[string][]*involve.Action{}, map[string][]*involve.Outcome{}

	// Reach: tallies and profiles of the sessions added (the builder ignores others).
	for _, t := range d.tallies {
		b.rb.AddTally(t)
	}
	for _, a := range d.attendees {
		b.rb.AddAttendee(a)
	}
	d.reach = b.rb.Reach()

	// Actions.
	today := b.now.Format("2006-01-02")
	af := &d.actionFig
	closed := 0
	for i, a := range d.actions {
		_, inSession := b.sessions[a.SessionID]
		switch {
		case d.actionIn[i], a.SessionID != "" && inSession:
		case a.SessionID == "" && len(a.FeedbackIDs) == 0 && b.unsessioned(a.ProjectID, dayOf(a.CreatedAt)):
		default:
			continue
		}
		d.inActions = append(d.inActions, a)
		af.Total++
		switch a.Status {
		case involve.ActionPlanned:
			af.Planned++
		case involve.ActionInProgress:
			af.InProgress++
		case involve.ActionDone:
			af.Done++
		case involve.ActionNotPossible:
			af.NotPossible++
		}
		if a.OverdueOn(today) {
			af.Overdue++
		}
		if a.Closed() {
			closed++
			if a.Communicated() {
				af.CommunicatedBack++
			}
		}
		if a.Published {
			af.Published++
		}
		pid := a.ProjectID
		if pid == "" {
			pid = b.sessions[a.SessionID].ProjectID
		}
		d.projActions[pid] = append(d.projActions[pid], a)
	}
	af.CommunicatedPct = Percent{Num: af.CommunicatedBack, Den: closed}
	for _, it := range involve.ActionStatuses {
		n := map[string]int{involve.ActionPlanned: af.Planned, involve.ActionInProgress: af.InProgress,
			involve.ActionDone: af.Done, involve.ActionNotPossible: af.NotPossible}[it.Code]
		af.ByStatus = append(af.ByStatus, Row{it.Code, it.Label, n})
	}

	// Outcomes.
	of := &d.outcomeFig
	byMag, byImpact := map[string]int{}, map[string]int{}
	for _, o := range d.outcomes {
		p, ok := b.projects[o.ProjectID]
		if !ok || p.DeletedAt != "" || (b.f.ProjectID != "" && o.ProjectID != b.f.ProjectID) {
			continue
		}
		date := o.Date
		if date == "" {
			date = dayOf(o.CreatedAt)
		}
		if !b.inPeriod(date) {
			continue
		}
		if b.f.Borough != "" || b.f.SessionType != "" {
			named := false
			for _, id := range o.SessionIDs {
				if _, ok := b.sessions[id]; ok {
					named = true
					break
				}
			}
			if !named {
				continue
			}
		}
		d.inOutcomes = append(d.inOutcomes, o)
		of.Total++
		byMag[o.Magnitude]++
		for _, c := range o.ImpactOn {
			byImpact[c]++
		}
		switch o.Direction {
		case "positive":
			of.Positive++
		case "negative":
			of.Negative++
		}
		d.projOutcome[o.ProjectID] = append(d.projOutcome[o.ProjectID], o)
	}
	sort.SliceStable(d.inOutcomes, func(i, j int) bool { return outcomeDate(d.inOutcomes[i]) < outcomeDate(d.inOutcomes[j]) })
	for _, it := range involve.ImpactMagnitudes {
		of.ByMagnitude = append(of.ByMagnitude, Row{it.Code, it.Label, byMag[it.Code]})
	}
	for _, it := range involve.ImpactAreas {
		of.ByImpact = append(of.ByImpact, Row{it.Code, it.Label, byImpact[it.Code]})
	}

	// Time and payments.
	type lepAcc struct {
		row  LEPRow
		days []int
	}
	rows := map[[2]string]*lepAcc{}
	all := &lepAcc{}
	people := map[string]bool{}
	for _, e := range d.entries {
		project := e.ProjectID
		if e.SessionID != "" {
			s, ok := b.sessions[e.SessionID]
			if !ok {
				continue
			}
			if project == "" {
				project = s.ProjectID
			}
		} else if !b.unsessioned(e.ProjectID, e.Date) {
			continue
		}
		people[e.ContributorID] = true
		key := [2]string{e.ContributorID, project}
		r := rows[key]
		if r == nil {
			r = &lepAcc{row: LEPRow{ContributorID: e.ContributorID, ProjectID: project, Project: b.ProjectName(project)}}
			if c := d.contributors[e.ContributorID]; c != nil {
				r.row.Number, r.row.Pseudonym = c.Number, c.Pseudonym()
			} else {
				r.row.Pseudonym = "Contributor (deleted)"
			}
			rows[key] = r
		}
		days, paid := e.DaysClaimToPaid()
		fee := e.FeeDue()
		for _, a := range []*lepAcc{r, all} {
			a.row.Entries++
			a.row.Minutes += e.Minutes()
			a.row.FeesPence += fee
			a.row.ExpensesPence += e.ExpensesPence
			if e.ClaimedOn != "" {
				a.row.ClaimedPence += fee + e.ExpensesPence
			}
			if e.PaidOn != "" {
				a.row.PaidPence += fee + e.ExpensesPence
			}
			if paid {
				a.days = append(a.days, days)
			}
		}
	}
	finish := func(a *lepAcc) LEPRow {
		a.row.PaidClaims = len(a.days)
		a.row.MedianDaysToPay, a.row.MaxDaysToPay = median(a.days)
		return a.row
	}
	for _, r := range rows {
		d.lepRows = append(d.lepRows, finish(r))
	}
	sort.Slice(d.lepRows, func(i, j int) bool {
		x, y := d.lepRows[i], d.lepRows[j]
		if x.Number != y.Number {
			return x.Number < y.Number
		}
		if x.ContributorID != y.ContributorID {
			return x.ContributorID < y.ContributorID
		}
		return x.Project < y.Project
	})
	t := finish(all)
	d.lepFig = LEPFigures{Contributors: len(people), Entries: t.Entries, Minutes: t.Minutes, FeesPence: t.FeesPence,
		ExpensesPence: t.ExpensesPence, PaidPence: t.PaidPence, MedianDaysToPay: t.MedianDaysToPay, MaxDaysToPay: t.MaxDaysToPay}
}

func outcomeDate(o *involve.Outcome) string {
	if o.Date != "" {
		return o.Date
	}
	return dayOf(o.CreatedAt)
}

// median returns the median and the maximum of days (-1, -1 when there are none).
func median(days []int) (float64, int) {
	n := len(days)
	if n == 0 {
		return -1, -1
	}
	sort.Ints(days)
	if n%2 == 1 {
		return float64(days[n/2]), days[n-1]
	}
	return float64(days[n/2-1]+days[n/2]) / 2, days[n-1]
}

// Actions returns the actions the filter covers, in the order they were made (by id).
// Call it after the sessions and feedback have been added.
func (b *Builder) Actions() []*involve.Action {
	b.finishDocs()
	out := append([]*involve.Action(nil), b.docs.inActions...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// YouSaidQuotable reports whether an action's "you said" may be shown: not when it
// holds the words of a feedback item (of the filter) whose person did not agree to be
// quoted, or withdrew that agreement.
func (b *Builder) YouSaidQuotable(a *involve.Action) bool { return !b.docs.unquotable[a.ID] }

// Outcomes returns the outcomes the filter covers, by date. Call it after the
// sessions have been added.
func (b *Builder) Outcomes() []*involve.Outcome {
	b.finishDocs()
	return b.docs.inOutcomes
}

// LEPRows returns the time and payments the filter covers, one row per contributor
// (by pseudonym number) and project. Call it after the sessions have been added.
func (b *Builder) LEPRows() []LEPRow {
	b.finishDocs()
	return b.docs.lepRows
}

// docFigures fills the figures that come from docs.
func (b *Builder) docFigures(fig *Figures) {
	b.finishDocs()
	d := &b.docs
	fig.Actions, fig.Outcomes, fig.LEP = d.actionFig, d.outcomeFig, d.lepFig
	fig.NeedsResponseWithoutAction = d.needsResponseWithoutAction
	fig.ReachCounted = d.reach.SessionsCounted
	fig.AttendeeReach = ReachDimensions(d.reach)
}

// gripp2Results and gripp2Discussion add a project's outcomes and actions to its
// GRIPP2 items (from stored fields only).
func (b *Builder) gripp2Results(g *Gripp2, id string) {
	outs := b.docs.projOutcome[id]
	if len(outs) == 0 {
		g.Results = "No outcomes recorded for this period. " + g.Results
		return
	}
	sort.SliceStable(outs, func(i, j int) bool { return outcomeDate(outs[i]) < outcomeDate(outs[j]) })
	lines := []string{words.Count(len(outs), "outcome") + " (" + words.Magnitudes(outs) + "):"}
	for _, o := range outs {
		lines = append(lines, "- "+o.Description+" ("+strings.ToLower(involve.LabelOf(involve.ImpactMagnitudes, o.Magnitude))+
			", "+strings.ToLower(involve.LabelOf(involve.ImpactDirections, o.Direction))+")")
	}
	g.Results = strings.Join(lines, "\n") + "\n" + g.Results
}

func (b *Builder) gripp2Discussion(g *Gripp2, id string) {
	acts, outs := b.docs.projActions[id], b.docs.projOutcome[id]
	actionsLine, _, _ := words.Actions(acts)
	var impact []string
	for _, o := range outs {
		if len(o.ImpactOn) == 0 && o.Magnitude != "decision_changed" {
			continue
		}
		var areas []string
		for _, c := range o.ImpactOn {
			areas = append(areas, strings.ToLower(involve.LabelOf(involve.ImpactAreas, c)))
		}
		line := "- " + o.Description
		if len(areas) > 0 {
			line += ": impact on " + strings.Join(areas, ", ")
		}
		if o.Magnitude == "decision_changed" {
			line += " (decision changed)"
		}
		impact = append(impact, line)
	}
	g.Discussion = involve.Gripp2Discussion(actionsLine,
		involve.Gripp2List{Heading: "Decisions influenced:", Lines: involve.Influenced(acts)},
		involve.Gripp2List{Heading: "Impact of outcomes:", Lines: impact})
}

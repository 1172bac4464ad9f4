package synctest_test

import (
	"encoding/json"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
)

// The workload's edits of the records of involvement (involve.Doc, issue 5), through
// the store's own methods, the ones the screens call: a session's tally saved from its
// screen (SaveTally: one tally per session, under an id derived from the session's,
// so two laptops tallying one session make the same record and merge), attendee
// profiles, Lived Experience Partners created with their consent in one transaction,
// consent added and withdrawn (which changes the contributor, or a feedback item's
// quoteConsent, in the same transaction), rate cards, time entries priced from the
// rate cards, actions made from feedback items, outcomes of a project; any of them
// deleted and restored. Tracked fields (tracked, in workload_test.go) get unique
// values, so the final check tells whether each edit survived.

// Caps on how many of each kind the workload makes: few records, so that laptops
// often edit the same one.
var docCaps = map[string]int{
	involve.EntityAttendee: 6, involve.EntityContributor: 4, involve.EntityConsent: 10, involve.EntityRateCard: 4,
	involve.EntityTimeEntry: 8, involve.EntityAction: 6, involve.EntityOutcome: 4,
	involve.EntityQuestionSet: 3, involve.EntityTranslation: 4,
}

func (w *workload) docOps() []workOp {
	return []workOp{
		{"save tally", 4, w.saveTally},
		{"create attendee", 1, w.createAttendee},
		{"edit attendee", 1, w.editAttendee},
		{"create contributor", 1, w.createContributor},
		{"edit contributor", 2, w.editContributor},
		{"add consent", 1, w.addConsent},
		{"withdraw consent", 1, w.withdrawConsent},
		{"withdraw quote consent", 1, w.withdrawQuoteConsent},
		{"create rate card", 1, w.createRateCard},
		{"edit rate card", 1, w.editRateCard},
		{"create time entry", 1, w.createTimeEntry},
		{"edit time entry", 2, w.editTimeEntry},
		{"create action", 1, w.createAction},
		{"edit action", 3, w.editAction},
		{"create outcome", 1, w.createOutcome},
		{"edit outcome", 2, w.editOutcome},
		{"create question set", 1, w.createQuestionSet}, // workload_questions_test.go
		{"edit question set", 2, w.editQuestionSet},
		{"create translation", 1, w.createTranslation},
		{"edit translation", 2, w.editTranslation},
		{"delete record of involvement", 2, w.deleteDoc},
		{"restore record of involvement", 2, w.restoreDoc},
	}
}

func liveDoc(d involve.Doc) bool { return d.DocMeta().DeletedAt == "" }

// cloneDoc is a deep copy (a form's loaded and edited copies must not share slices).
func cloneDoc(d involve.Doc) involve.Doc {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err)
	}
	c, err := involve.DecodeDoc(d.DocEntity(), b)
	if err != nil {
		panic(err)
	}
	return c
}

// freshDoc picks a live doc of entity and reads it as a form would now.
func (w *workload) freshDoc(d *device, v view, entity string, ok func(involve.Doc) bool) (involve.Doc, bool, error) {
	doc, found := pick(w.rng, v.docs[entity], func(x involve.Doc) bool { return liveDoc(x) && (ok == nil || ok(x)) })
	if !found {
		return nil, false, nil
	}
	cur, err := d.db.FindDoc(bg(), entity, doc.DocMeta().ID)
	if err != nil {
		return nil, false, err
	}
	return cur, true, nil
}

func (w *workload) atCap(v view, entity string) bool { return len(v.docs[entity]) >= docCaps[entity] }

func refCode(rng interface{ IntN(int) int }, question string) string {
	for _, q := range involve.ReachQuestions() {
		if q.Code == question {
			return q.Items[rng.IntN(len(q.Items))].Code
		}
	}
	panic("no reach question " + question)
}

// editDoc saves an edit form of cur (changed by change) through save, watching for a
// race with a background sync (guard), and records the tracked field written.
func (w *workload) editDoc(d *device, cur involve.Doc, field string, old, val any, change func(edited involve.Doc),
	save func(loaded, edited involve.Doc) (involve.Doc, error)) error {
	loaded, edited := cloneDoc(cur), cloneDoc(cur)
	change(edited)
	m := cur.DocMeta()
	if err := w.guard(d, cur.DocEntity(), m.ID, nil, func() (int64, int64, error) {
		got, err := save(loaded, edited)
		if err != nil {
			return 0, 0, err
		}
		return m.Rev, got.DocMeta().Rev, nil
	}); err != nil {
		return err
	}
	if tracked[cur.DocEntity()][field] {
		w.wrote(d, "edit", cur.DocEntity(), m.ID, field, js(old), js(val))
	}
	w.note("%s edits %s %s %s: %v → %v (read rev %d)", d.name, cur.DocEntity(), m.ID, field, old, val, m.Rev)
	return nil
}

// saveTally: the tally screen of a live session saved with one question or the forms
// returned changed. The first save on a laptop creates the tally (under the session's
// derived id), possibly while another laptop creates the same one.
func (w *workload) saveTally(d *device, v view) (bool, error) {
	s, ok := pick(w.rng, v.sessions, liveSession)
	if !ok {
		return false, nil
	}
	reach, err := d.db.FindSessionReach(bg(), s.ID)
	if err != nil {
		return false, err
	}
	// The save builds on the stored tally. A deleted one is restored with the screen's
	// counts only (the screen showed an empty tally): its old counts are replaced.
	id := involve.TallyIDFor(s.ID)
	var readRev int64
	stored := &involve.Tally{}
	if err := d.db.EachDoc(bg(), involve.EntityTally, s.ID, true, func(t involve.Doc) error {
		readRev, stored = t.DocMeta().Rev, t.(*involve.Tally)
		return nil
	}); err != nil {
		return false, err
	}
	loaded := reach.Tally
	edited := *cloneDoc(&loaded).(*involve.Tally)
	n := w.next()
	field := "formsReturned"
	var old, val any = stored.FormsReturned, n
	if w.rng.IntN(2) == 0 {
		edited.FormsReturned = n
	} else {
		q := []string{"ageBand", "sex", "ethnicity", "borough"}[w.rng.IntN(4)]
		field, old, val = q, nil, nil
		*edited.Dim(q) = &involve.TallyDim{Basis: involve.BasisSelfReported, Counts: map[string]int{refCode(w.rng, q): 1 + n%40}}
	}
	if err := w.guard(d, involve.EntityTally, id, nil, func() (int64, int64, error) {
		got, err := d.db.SaveTally(bg(), s.ID, loaded, edited)
		return readRev, got.Tally.Rev, err
	}); err != nil {
		return false, err
	}
	if field == "formsReturned" {
		w.wrote(d, "save tally", involve.EntityTally, id, field, js(old), js(val))
	} else if stored.DeletedAt != "" && stored.FormsReturned != 0 {
		w.replaced(involve.EntityTally, id, "formsReturned", js(stored.FormsReturned))
	}
	w.note("%s saves the tally %s of session %s: %s (read rev %d)", d.name, id, s.ID, field, readRev)
	return true, nil
}

func (w *workload) createAttendee(d *device, v view) (bool, error) {
	s, ok := pick(w.rng, v.sessions, liveSession)
	if !ok || w.atCap(v, involve.EntityAttendee) {
		return false, nil
	}
	a, err := d.db.CreateAttendee(bg(), involve.Attendee{SessionID: s.ID, AgeBand: refCode(w.rng, "ageBand"), Sex: refCode(w.rng, "sex")})
	if err != nil {
		return false, err
	}
	w.note("%s creates attendee profile %s in session %s", d.name, a.ID, s.ID)
	return true, nil
}

func (w *workload) editAttendee(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityAttendee, nil)
	if !ok {
		return false, err
	}
	sex := refCode(w.rng, "sex")
	return true, w.editDoc(d, cur, "sex", cur.(*involve.Attendee).Sex, sex,
		func(e involve.Doc) { e.(*involve.Attendee).Sex = sex },
		func(l, e involve.Doc) (involve.Doc, error) {
			a, err := d.db.UpdateAttendee(bg(), cur.DocMeta().ID, *l.(*involve.Attendee), *e.(*involve.Attendee))
			return &a, err
		})
}

func newConsent(n int, subjectEntity, subjectID string, purposes ...string) *involve.Consent {
	return &involve.Consent{SubjectEntity: subjectEntity, SubjectID: subjectID, Purposes: purposes, LawfulBasis: "consent",
		NoticeVersion: "Notice v3", Method: "written", GivenAt: "2026-01-10", GivenBy: fmt.Sprintf("Given by %d", n)}
}

// createContributor: a Lived Experience Partner and their consent, in one transaction.
func (w *workload) createContributor(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityContributor) || w.atCap(v, involve.EntityConsent) {
		return false, nil
	}
	n := w.next()
	c := &involve.Contributor{Name: fmt.Sprintf("Partner %d", n), AccessNeeds: fmt.Sprintf("Needs %d", n), PaymentPreference: "payroll"}
	k := newConsent(n, "", "", involve.PurposeAnalysis, involve.PurposePayments, involve.PurposeRecontact)
	c, k, err := d.db.CreateContributor(bg(), c, k)
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityContributor, c.ID, "accessNeeds", nil, js(c.AccessNeeds))
	w.wrote(d, "create", involve.EntityConsent, k.ID, "givenBy", nil, js(k.GivenBy))
	w.note("%s creates contributor %s with consent %s", d.name, c.ID, k.ID)
	return true, nil
}

func (w *workload) editContributor(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityContributor, func(x involve.Doc) bool { return !x.(*involve.Contributor).Withdrawn() })
	if !ok {
		return false, err
	}
	c := cur.(*involve.Contributor)
	n := w.next()
	field, old, val := "accessNeeds", any(c.AccessNeeds), any(fmt.Sprintf("Needs %d (%s)", n, d.name))
	change := func(e involve.Doc) { e.(*involve.Contributor).AccessNeeds = val.(string) }
	if w.rng.IntN(3) == 0 { // an untracked field
		field, old, val = "role", c.Role, fmt.Sprintf("Role %d", n)
		change = func(e involve.Doc) { e.(*involve.Contributor).Role = val.(string) }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, e involve.Doc) (involve.Doc, error) {
		return d.db.UpdateContributor(bg(), c.ID, l.(*involve.Contributor), e.(*involve.Contributor))
	})
}

// addConsent: new consent from a contributor (which ends a withdrawal), or quote
// consent recorded for a feedback item.
func (w *workload) addConsent(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityConsent) {
		return false, nil
	}
	n := w.next()
	var k *involve.Consent
	if w.rng.IntN(3) == 0 {
		f, ok := pick(w.rng, v.feedback, liveFeedback)
		if !ok {
			return false, nil
		}
		k = newConsent(n, involve.EntityFeedback, f.ID, involve.PurposeQuotes)
	} else {
		c, ok := pick(w.rng, v.docs[involve.EntityContributor], liveDoc)
		if !ok {
			return false, nil
		}
		k = newConsent(n, involve.EntityContributor, c.DocMeta().ID, involve.PurposeRecontact)
	}
	if _, err := d.db.AddConsent(bg(), k); err != nil {
		return false, err
	}
	w.wrote(d, "add consent", involve.EntityConsent, k.ID, "givenBy", nil, js(k.GivenBy))
	w.note("%s adds consent %s for %s %s", d.name, k.ID, k.SubjectEntity, k.SubjectID)
	return true, nil
}

// withdrawConsent: one transaction that withdraws a consent record and marks its
// subject (the contributor withdrawn when no consent is left; the feedback item's
// quoteConsent off).
func (w *workload) withdrawConsent(d *device, v view) (bool, error) {
	k, ok := pick(w.rng, v.docs[involve.EntityConsent], func(x involve.Doc) bool { return liveDoc(x) && !x.(*involve.Consent).Withdrawn() })
	if !ok {
		return false, nil
	}
	w.note("%s withdraws consent %s (%s %s)", d.name, k.DocMeta().ID, k.(*involve.Consent).SubjectEntity, k.(*involve.Consent).SubjectID)
	_, err := d.db.WithdrawConsent(bg(), k.DocMeta().ID)
	return true, err
}

func (w *workload) withdrawQuoteConsent(d *device, v view) (bool, error) {
	f, ok := pick(w.rng, v.feedback, func(f *involve.Feedback) bool { return liveFeedback(f) && f.QuoteConsent })
	if !ok || w.atCap(v, involve.EntityConsent) {
		return false, nil
	}
	k, err := d.db.WithdrawQuoteConsent(bg(), f.ID)
	if err != nil {
		return false, err
	}
	w.note("%s withdraws quote consent of feedback %s (consent %s)", d.name, f.ID, k.ID)
	return true, nil
}

func (w *workload) createRateCard(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityRateCard) {
		return false, nil
	}
	// A year of its own (n is unique): two laptops that each make a card before either
	// sees the other's would overlap, and the server refuses the second (its rules;
	// docs/sync-protocol.md), which app/servertest/rules.go covers.
	n := w.next()
	year := 2000 + n%7000
	r, err := d.db.CreateRateCard(bg(), &involve.RateCard{Unit: involve.UnitHour, AmountPence: int64(1000 + n),
		Source: fmt.Sprintf("Policy %d", n), EffectiveFrom: fmt.Sprintf("%d-01-01", year), EffectiveTo: fmt.Sprintf("%d-12-31", year)})
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityRateCard, r.ID, "source", nil, js(r.Source))
	w.note("%s creates rate card %s for %d", d.name, r.ID, year)
	return true, nil
}

func (w *workload) editRateCard(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityRateCard, nil)
	if !ok {
		return false, err
	}
	r := cur.(*involve.RateCard)
	n := w.next()
	field, old, val := "source", any(r.Source), any(fmt.Sprintf("Policy %d (%s)", n, d.name))
	change := func(e involve.Doc) { e.(*involve.RateCard).Source = val.(string) }
	if w.rng.IntN(3) == 0 {
		field, old, val = "amountPence", r.AmountPence, int64(1000+n)
		change = func(e involve.Doc) { e.(*involve.RateCard).AmountPence = val.(int64) }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, e involve.Doc) (involve.Doc, error) {
		return d.db.UpdateRateCard(bg(), r.ID, l.(*involve.RateCard), e.(*involve.RateCard))
	})
}

// createTimeEntry: time a contributor gave, on a day a rate card covers (priced from
// it), or with an agreed fee when there is no card.
func (w *workload) createTimeEntry(d *device, v view) (bool, error) {
	c, ok := pick(w.rng, v.docs[involve.EntityContributor], liveDoc)
	if !ok || w.atCap(v, involve.EntityTimeEntry) {
		return false, nil
	}
	n := w.next()
	e := &involve.TimeEntry{ContributorID: c.DocMeta().ID, Task: fmt.Sprintf("Task %d", n), MinutesAttend: 30 + n%120}
	if r, ok := pick(w.rng, v.docs[involve.EntityRateCard], liveDoc); ok {
		e.Date = r.(*involve.RateCard).EffectiveFrom
	} else {
		fee := int64(2500)
		e.Date, e.FeeOverridePence, e.OverrideReason = "2026-03-02", &fee, "Agreed fee"
	}
	if s, ok := pick(w.rng, v.sessions, liveSession); ok && w.rng.IntN(2) == 0 {
		e.SessionID = s.ID
	}
	if _, err := d.db.CreateTimeEntry(bg(), e); err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityTimeEntry, e.ID, "task", nil, js(e.Task))
	w.note("%s logs time entry %s for contributor %s (fee %d)", d.name, e.ID, e.ContributorID, e.FeePence)
	return true, nil
}

func (w *workload) editTimeEntry(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityTimeEntry, nil)
	if !ok {
		return false, err
	}
	e := cur.(*involve.TimeEntry)
	n := w.next()
	field, old, val := "task", any(e.Task), any(fmt.Sprintf("Task %d (%s)", n, d.name))
	change := func(x involve.Doc) { x.(*involve.TimeEntry).Task = val.(string) }
	if w.rng.IntN(3) == 0 {
		field, old, val = "minutesPrep", e.MinutesPrep, 1+n%200
		change = func(x involve.Doc) { x.(*involve.TimeEntry).MinutesPrep = val.(int) }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, x involve.Doc) (involve.Doc, error) {
		return d.db.UpdateTimeEntry(bg(), e.ID, l.(*involve.TimeEntry), x.(*involve.TimeEntry))
	})
}

// createAction: "you said, we did" from one or two feedback items (the store fills
// the session, project and "you said" from them).
func (w *workload) createAction(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityAction) {
		return false, nil
	}
	var ids []string
	for range 1 + w.rng.IntN(2) {
		if f, ok := pick(w.rng, v.feedback, liveFeedback); ok {
			ids = append(ids, f.ID)
		}
	}
	if len(ids) == 0 {
		return false, nil
	}
	n := w.next()
	a, err := d.db.CreateAction(bg(), &involve.Action{FeedbackIDs: ids, Owner: fmt.Sprintf("Owner %d", n)})
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityAction, a.ID, "owner", nil, js(a.Owner))
	w.note("%s creates action %s from feedback %v", d.name, a.ID, ids)
	return true, nil
}

func (w *workload) editAction(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityAction, nil)
	if !ok {
		return false, err
	}
	a := cur.(*involve.Action)
	n := w.next()
	var field string
	var old, val any
	var change func(involve.Doc)
	switch w.rng.IntN(4) {
	case 0, 1:
		field, old, val = "weDid", a.WeDid, fmt.Sprintf("We did %d (%s)", n, d.name)
		change = func(x involve.Doc) { x.(*involve.Action).WeDid = val.(string) }
	case 2:
		field, old, val = "owner", a.Owner, fmt.Sprintf("Owner %d (%s)", n, d.name)
		change = func(x involve.Doc) { x.(*involve.Action).Owner = val.(string) }
	default: // untracked: the status (done needs a "we did", which the app checks)
		status := []string{involve.ActionPlanned, involve.ActionInProgress, involve.ActionDone}[w.rng.IntN(3)]
		field, old, val = "status", a.Status, status
		change = func(x involve.Doc) { x.(*involve.Action).Status = status }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, x involve.Doc) (involve.Doc, error) {
		return d.db.UpdateAction(bg(), a.ID, l.(*involve.Action), x.(*involve.Action))
	})
}

func (w *workload) createOutcome(d *device, v view) (bool, error) {
	p, ok := pick(w.rng, v.projects, func(p *involve.Project) bool { return p.DeletedAt == "" })
	if !ok || w.atCap(v, involve.EntityOutcome) {
		return false, nil
	}
	n := w.next()
	o := &involve.Outcome{ProjectID: p.ID, Description: fmt.Sprintf("Outcome %d", n), ImpactOn: []string{"design"},
		Direction: "positive", Magnitude: "minor"}
	if s, ok := pick(w.rng, v.sessions, liveSession); ok {
		o.SessionIDs = []string{s.ID}
	}
	o, err := d.db.CreateOutcome(bg(), o)
	if err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityOutcome, o.ID, "description", nil, js(o.Description))
	w.note("%s creates outcome %s of project %s", d.name, o.ID, p.ID)
	return true, nil
}

func (w *workload) editOutcome(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityOutcome, nil)
	if !ok {
		return false, err
	}
	o := cur.(*involve.Outcome)
	n := w.next()
	field, old, val := "description", any(o.Description), any(fmt.Sprintf("Outcome %d (%s)", n, d.name))
	change := func(x involve.Doc) { x.(*involve.Outcome).Description = val.(string) }
	if w.rng.IntN(2) == 0 {
		field, old, val = "evidence", o.Evidence, fmt.Sprintf("Evidence %d (%s)", n, d.name)
		change = func(x involve.Doc) { x.(*involve.Outcome).Evidence = val.(string) }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, x involve.Doc) (involve.Doc, error) {
		return d.db.UpdateOutcome(bg(), o.ID, l.(*involve.Outcome), x.(*involve.Outcome))
	})
}

// docKindsOf lists the kinds the workload makes, in a fixed order (replayable).
var workloadDocKinds = []string{involve.EntityTally, involve.EntityAttendee, involve.EntityContributor, involve.EntityConsent,
	involve.EntityRateCard, involve.EntityTimeEntry, involve.EntityAction, involve.EntityOutcome, involve.EntityQuestionSet,
	involve.EntityTranslation}

func (w *workload) pickDoc(v view, ok func(involve.Doc) bool) (involve.Doc, bool) {
	var all []involve.Doc
	for _, k := range workloadDocKinds {
		all = append(all, v.docs[k]...)
	}
	return pick(w.rng, all, ok)
}

func (w *workload) deleteDoc(d *device, v view) (bool, error) {
	doc, ok := w.pickDoc(v, liveDoc)
	if !ok {
		return false, nil
	}
	w.note("%s deletes %s %s", d.name, doc.DocEntity(), doc.DocMeta().ID)
	return true, d.db.DeleteDoc(bg(), doc.DocEntity(), doc.DocMeta().ID)
}

func (w *workload) restoreDoc(d *device, v view) (bool, error) {
	doc, ok := w.pickDoc(v, func(x involve.Doc) bool { return !liveDoc(x) })
	if !ok {
		return false, nil
	}
	w.note("%s restores %s %s", d.name, doc.DocEntity(), doc.DocMeta().ID)
	_, err := d.db.RestoreDoc(bg(), doc.DocEntity(), doc.DocMeta().ID)
	return true, err
}

package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Erasure on the server (issue 13): a lead's erasure record rewrites what it covers,
// destroys its history, conflicts and stored change results, and later pushes cannot
// bring the content back.

// erasureTask is a time entry's task description (plain: not a sealed field) that must
// be gone after the erasure.
const erasureTask = "Zorbictask reading group"

// erasureCase is a partner with a consent record, a time entry, a merged edit and an
// open conflict, on the server; b is a laptop that pulled them before the erasure.
type erasureCase struct {
	e                *Env
	team             serverstore.Team
	a, b, lead       *Device
	partner          *involve.Contributor
	consent          *involve.Consent
	entry            *involve.TimeEntry
	partnerRev       int64 // as b last pulled it
	entryRev         int64
	conflict         *involve.Conflict
	mergedChange     string // a change whose stored result holds a merged state of the partner
	nameToken, token string // the sealed name and access needs as stored before the erasure
}

func newErasureCase(t *testing.T, open Open) *erasureCase {
	return newErasureCaseOn(t, NewEnv(t, open))
}

func newErasureCaseOn(t *testing.T, e *Env) *erasureCase {
	tm := e.Team("T")
	ec := &erasureCase{e: e, team: tm, a: e.Enrol(tm.ID), b: e.Enrol(tm.ID), lead: e.EnrolAs(tm.ID, involve.RoleNameLead)}
	a, b := ec.a, ec.b
	c := ZorbicContributor(ruleID())
	card := ruleID()
	entry := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	entry.Task, entry.ExpensesPence, entry.ReceiptRef = erasureTask, 350, ZorbicAccess
	consent := ruleConsent(ruleID(), c.ID)
	consent.GivenBy = ZorbicName
	res := a.Push(a.Change(involve.EntityContributor, c, 0), a.Change(involve.EntityConsent, consent, 0),
		a.Change(involve.EntityRateCard, ruleCard(card, 2000, "2026-01-01", ""), 0), a.Change(involve.EntityTimeEntry, entry, 0))
	wantStatuses(t, "the partner", res, []string{applied, applied, applied, applied}, "")
	key := e.TeamKey(tm.ID)
	ec.nameToken = key.SealField(lockbox.FieldPlace(involve.EntityContributor, c.ID, "name"), ZorbicName)
	ec.token = key.SealField(lockbox.FieldPlace(involve.EntityContributor, c.ID, "accessNeeds"), ZorbicAccess)
	base := res[0].Rev

	// a changes the name and b the name and the contact details, from the same state:
	// a merge (b's result holds the merged state) and a conflict about the name.
	e.Clock.Advance(time.Second)
	fa, fb := *c, *c
	fa.Name, fb.Name, fb.ContactDetails = "Zorbic A", "Zorbic B", "zorbic-b@example.org"
	ca := a.Change(involve.EntityContributor, &fa, base)
	e.Clock.Advance(time.Second)
	cb := b.Change(involve.EntityContributor, &fb, base)
	a.Push(ca)
	r := b.Push(cb)[0]
	if r.Status != syncapi.StatusConflict || len(r.Conflicts) != 1 {
		t.Fatalf("same field changed twice: %+v, want a conflict", r)
	}
	ec.mergedChange = cb.ChangeID
	pulled := b.PullAll()
	if err := json.Unmarshal(pulled[r.Conflicts[0]].State, &ec.conflict); err != nil {
		t.Fatal(err)
	}
	ec.partnerRev, ec.entryRev = pulled[c.ID].Rev, pulled[entry.ID].Rev
	json.Unmarshal(pulled[c.ID].State, &c)
	ec.partner, ec.consent, ec.entry = c, consent, entry
	return ec
}

// erase pushes the lead's erasure of the partner and returns it.
func (ec *erasureCase) erase(t *testing.T) (*involve.Erasure, syncapi.Change) {
	t.Helper()
	ec.e.Clock.Advance(time.Minute)
	er := &involve.Erasure{SubjectEntity: involve.EntityContributor, SubjectID: ec.partner.ID, Number: 7, ErasedBy: "Lead", RequestID: ""}
	er.ID = ruleID()
	ch := ec.lead.Change(involve.EntityErasure, er, 0)
	if r := ec.lead.Push(ch)[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("the lead's erasure: %+v", r)
	}
	json.Unmarshal(ch.State, er)
	return er, ch
}

// holdsErased reports what of the erased content s still holds.
func (ec *erasureCase) holdsErased(s []byte) string {
	for _, w := range []string{ec.nameToken, ec.token, erasureTask, "Zorbic", "zorbic", lockbox.FieldPrefix} {
		if bytes.Contains(s, []byte(w)) {
			return w
		}
	}
	return ""
}

func testErasurePartner(t *testing.T, open Open) {
	ec := newErasureCase(t, open)
	e, ctx := ec.e, context.Background()
	// A staff laptop may not erase.
	staffErasure := &involve.Erasure{SubjectEntity: involve.EntityContributor, SubjectID: ec.partner.ID, Number: 7, ErasedBy: "Staff"}
	staffErasure.ID = ruleID()
	if r := ec.a.Push(ec.a.Change(involve.EntityErasure, staffErasure, 0))[0]; r.Status != syncapi.StatusRejected ||
		r.Code != syncapi.EFORBIDDEN || !strings.Contains(r.Reason, "Only a lead laptop may erase") {
		t.Errorf("a staff laptop's erasure: %+v, want forbidden", r)
	}
	if w := ec.holdsErased(ec.b.PullAll()[ec.partner.ID].State); w == "" {
		t.Fatal("the refused erasure erased the partner")
	}

	er, erChange := ec.erase(t)

	// A fresh laptop pulls only erased states, and no conflict.
	fresh := e.Enrol(ec.team.ID)
	pulled := fresh.PullAll()
	for _, id := range []string{ec.partner.ID, ec.consent.ID, ec.entry.ID} {
		p, ok := pulled[id]
		if !ok {
			t.Fatalf("%s not pulled", id)
		}
		if w := ec.holdsErased(p.State); w != "" {
			t.Errorf("pulled %s %s holds %q: %s", p.Entity, id, w, p.State)
		}
		if p.Rev <= erChange.Rev {
			t.Errorf("pulled %s: rev %d, want above the erasure's %d", p.Entity, p.Rev, erChange.Rev)
		}
	}
	if _, ok := pulled[ec.conflict.ID]; ok {
		t.Error("the conflict about the erased partner is still pulled")
	}
	var got involve.Contributor
	json.Unmarshal(pulled[ec.partner.ID].State, &got)
	if !got.Erased() || got.Number != 7 || got.Name != "" || got.Pseudonym() != "Erased contributor 7" {
		t.Errorf("pulled partner: %+v", got)
	}
	var entry involve.TimeEntry
	json.Unmarshal(pulled[ec.entry.ID].State, &entry)
	if entry.ErasedAt != er.CreatedAt || entry.FeePence != ec.entry.FeePence || entry.ExpensesPence != 350 || entry.Task != "" {
		t.Errorf("pulled time entry: %+v; want erased with its fee and expenses kept", entry)
	}
	if _, ok := pulled[er.ID]; !ok {
		t.Error("the erasure itself is not pulled")
	}

	// In the store: one revision each (the erased state), no conflict, no change result
	// that held the merged state.
	err := e.Store.InTeamTx(ctx, ec.team.ID, func(tx serverstore.Tx) error {
		for _, id := range []string{ec.partner.ID, ec.consent.ID, ec.entry.ID} {
			states, err := tx.RevisionStates(ctx, ec.team.ID, id)
			if err != nil {
				return err
			}
			if len(states) != 1 {
				t.Errorf("%s has %d revisions after the erasure, want only its erased state", id, len(states))
			}
			for _, s := range states {
				if w := ec.holdsErased(s); w != "" {
					t.Errorf("a revision of %s holds %q", id, w)
				}
			}
		}
		if states, err := tx.RevisionStates(ctx, ec.team.ID, ec.conflict.ID); err != nil || len(states) != 0 {
			t.Errorf("the conflict's revisions: %d (%v), want none", len(states), err)
		}
		if _, found, err := tx.GetRecord(ctx, ec.team.ID, ec.conflict.ID); err != nil || found {
			t.Errorf("the conflict record: found=%v (%v), want deleted", found, err)
		}
		if raw, found, err := tx.ChangeResult(ctx, ec.mergedChange, ""); err != nil || found {
			t.Errorf("the stored result of the merge: %s (%v), want deleted", raw, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store.Records(ctx, ec.team.ID, func(r serverstore.Record) error {
		if w := ec.holdsErased(r.State); w != "" && r.Entity != involve.EntityRateCard {
			t.Errorf("stored %s %s holds %q", r.Entity, r.ID, w)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	entries, err := e.Store.ListAudit(ctx, ec.team.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	audited := false
	for _, a := range entries {
		if a.Action == "record.erased" {
			audited = true
			if !strings.Contains(a.Detail, er.ID) || ec.holdsErased([]byte(a.Detail)) != "" || a.DeviceID != ec.lead.ID {
				t.Errorf("audit entry %+v", a)
			}
		}
	}
	if !audited {
		t.Error("no record.erased audit entry")
	}

	// b was offline: its edit of the partner is refused, its edit of the time entry is
	// kept erased, its resolution of the conflict is refused.
	e.Clock.Advance(time.Minute)
	edited := *ec.partner
	edited.AccessNeeds = "zorbic offline access need"
	r := ec.b.Push(ec.b.Change(involve.EntityContributor, &edited, ec.partnerRev))[0]
	if r.Status != syncapi.StatusRejected || r.Code != syncapi.EERASED || !strings.Contains(r.Reason, "This Lived Experience Partner was erased on") ||
		!strings.Contains(r.Reason, involve.LongDate(er.CreatedAt[:10])) || !strings.Contains(r.Reason, "not kept") {
		t.Errorf("an offline edit of the erased partner: %+v, want rejected erased, naming the date", r)
	}
	te := *ec.entry
	te.Task, te.ReceiptRef, te.ExpensesPence = "Zorbic offline task", "zorbic offline receipt", 400
	r = ec.b.Push(ec.b.Change(involve.EntityTimeEntry, &te, ec.entryRev))[0]
	if r.Status != syncapi.StatusMerged || len(r.Conflicts) != 0 {
		t.Fatalf("an offline edit of the erased partner's time entry: %+v, want merged without conflicts", r)
	}
	if w := ec.holdsErased(r.State); w != "" || !bytes.Contains(r.State, []byte(`"erasedAt"`)) {
		t.Errorf("the merged time entry holds %q: %s", w, r.State)
	}
	// A new time entry for the erased partner, made offline: stored erased, answered
	// with the stored state.
	late := ruleEntry(ruleID(), ec.partner.ID, ec.entry.RateCardID, "2026-03-03", 2000)
	late.Task = "Zorbic late task"
	r = ec.b.Push(ec.b.Change(involve.EntityTimeEntry, late, 0))[0]
	if r.Status != syncapi.StatusMerged || ec.holdsErased(r.State) != "" {
		t.Errorf("a new time entry of the erased partner: %+v, want merged with the erased state", r)
	}
	resolved := *ec.conflict
	resolved.Status, resolved.Resolution = involve.ConflictResolved, involve.ResolutionKept
	r = ec.b.Push(ec.b.Change(involve.EntityConflict, &resolved, ec.conflict.Rev))[0]
	if r.Status != syncapi.StatusRejected || r.Code != syncapi.EERASED {
		t.Errorf("the resolution of a conflict about the erased partner: %+v, want rejected erased", r)
	}
	for id, p := range fresh.PullAll() {
		if w := ec.holdsErased(p.State); w != "" && p.Entity != involve.EntityRateCard {
			t.Errorf("after the offline laptop's push, %s %s holds %q", p.Entity, id, w)
		}
		if p.Entity == involve.EntityConflict {
			t.Errorf("a conflict was made: %s", p.State)
		}
	}

	// The erasure is never changed nor deleted; the same erasure again is harmless.
	changed := *er
	changed.RequestID = "another request"
	r = ec.lead.Push(ec.lead.Change(involve.EntityErasure, &changed, erChange.Rev))[0]
	if r.Status != syncapi.StatusRejected || r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, "cannot be changed or undone") {
		t.Errorf("a changed erasure: %+v, want rejected", r)
	}
	deleted := *er
	deleted.DeletedAt = involve.FormatTime(e.Clock.Now())
	if r := ec.lead.Push(ec.lead.Change(involve.EntityErasure, &deleted, erChange.Rev))[0]; r.Status != syncapi.StatusRejected ||
		!strings.Contains(r.Reason, "cannot be changed or undone") {
		t.Errorf("a deleted erasure: %+v, want rejected", r)
	}
	same := *er
	if r := ec.lead.Push(ec.lead.Change(involve.EntityErasure, &same, erChange.Rev))[0]; r.Status != syncapi.StatusApplied {
		t.Errorf("the same erasure again: %+v, want applied", r)
	}
	checkErasedFiles(t, ec)
}

// checkErasedFiles byte-searches the SQLite store's files (the database and its
// write-ahead log) for the erased content, after the checkpoint the server makes after
// an erasure (serverstore.Scrubber) has been made once more: with secure_delete, the
// deleted rows are zeroed, not left in free pages.
func checkErasedFiles(t *testing.T, ec *erasureCase) {
	f, ok := ec.e.Store.(interface{ Path() string })
	sc, ok2 := ec.e.Store.(serverstore.Scrubber)
	if !ok || !ok2 {
		return // PostgreSQL: the store-level checks above
	}
	if err := sc.ScrubAfterErasure(context.Background()); err != nil {
		t.Fatalf("checkpoint: %v", err)
	}
	for _, name := range []string{f.Path(), f.Path() + "-wal"} {
		b, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{ec.nameToken, ec.token, erasureTask} {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("%s still holds %q after the erasure", name, w)
			}
		}
	}
}

func testErasureComment(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	capture, staff, lead := e.EnrolAs(tm.ID, involve.RoleNameCapture), e.Enrol(tm.ID), e.EnrolAs(tm.ID, involve.RoleNameLead)
	const words = "Zorbic at 12 Acacia Road says the clinic is far"
	f := NewFeedback(words)
	f.QuoteConsent = true
	quote := ruleConsent(ruleID(), f.ID)
	quote.SubjectEntity, quote.Purposes, quote.GivenBy = involve.EntityFeedback, []string{involve.PurposeQuotes}, "Zorbic Giver"
	action := &involve.Action{FeedbackIDs: []string{f.ID}, YouSaid: "You said: " + words + ". Others agreed.", Status: involve.ActionPlanned}
	action.ID = ruleID()
	other := &involve.Action{FeedbackIDs: []string{}, YouSaid: "You said the signs are confusing", Status: involve.ActionPlanned}
	other.ID = ruleID()
	fc := capture.Change(involve.EntityFeedback, f, 0)
	if r := capture.Push(fc)[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("feedback: %+v", r)
	}
	res := staff.Push(staff.Change(involve.EntityConsent, quote, 0), staff.Change(involve.EntityAction, action, 0),
		staff.Change(involve.EntityAction, other, 0))
	wantStatuses(t, "setup", res, []string{applied, applied, applied}, "")
	otherRev := res[2].Rev
	// translations of the actions' words: the quoting one's "you said" holds the words
	// in Polish, and goes with the erasure; the other's stays
	quotedPL := actionTranslation(action.ID, "pl", map[string]string{"youSaid": "Zorbic z 12 Acacia Road mówi, że przychodnia jest daleko",
		"weDid": "Nowy autobus"})
	quotedPL.Reviewed = true
	otherPL := actionTranslation(other.ID, "pl", map[string]string{"youSaid": "Oznakowanie jest mylące"})
	res = staff.Push(staff.Change(involve.EntityTranslation, quotedPL, 0), staff.Change(involve.EntityTranslation, otherPL, 0))
	wantStatuses(t, "translations", res, []string{applied, applied}, "")
	otherPLRev := res[1].Rev

	e.Clock.Advance(time.Minute)
	er := &involve.Erasure{SubjectEntity: involve.EntityFeedback, SubjectID: f.ID, ErasedBy: "Lead"}
	er.ID = ruleID()
	if r := lead.Push(lead.Change(involve.EntityErasure, er, 0))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("erasure: %+v", r)
	}
	pulled := e.Enrol(tm.ID).PullAll()
	if got := Feedback(t, pulled[f.ID].State); got.Text != involve.ErasedText || got.QuoteConsent || got.Source != f.Source {
		t.Errorf("pulled feedback: %+v", got)
	}
	var a involve.Action
	json.Unmarshal(pulled[action.ID].State, &a)
	if strings.Contains(a.YouSaid, "Acacia") || !strings.Contains(a.YouSaid, involve.ErasedQuote) || !strings.Contains(a.YouSaid, "Others agreed") {
		t.Errorf("pulled action: you said %q", a.YouSaid)
	}
	if pulled[other.ID].Rev != otherRev {
		t.Errorf("an action quoting nothing was rewritten (rev %d, was %d)", pulled[other.ID].Rev, otherRev)
	}
	var tr involve.Translation
	json.Unmarshal(pulled[quotedPL.ID].State, &tr)
	if _, has := tr.Texts["youSaid"]; has || tr.Texts["weDid"] != "Nowy autobus" || tr.Reviewed {
		t.Errorf("pulled translation of the quoting action: %+v", tr)
	}
	if pulled[otherPL.ID].Rev != otherPLRev {
		t.Errorf("a translation of an action quoting nothing was rewritten")
	}
	var k involve.Consent
	json.Unmarshal(pulled[quote.ID].State, &k)
	if k.GivenBy != "" || k.ErasedAt == "" {
		t.Errorf("pulled quote consent: %+v", k)
	}
	ctx := context.Background()
	err := e.Store.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
		for _, id := range []string{f.ID, action.ID, quote.ID, quotedPL.ID} {
			states, err := tx.RevisionStates(ctx, tm.ID, id)
			if err != nil {
				return err
			}
			if len(states) != 1 || strings.Contains(string(states[0]), "Acacia") || strings.Contains(string(states[0]), "Zorbic") {
				t.Errorf("revisions of %s after the erasure: %s", id, states)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The capture laptop's offline edit of the comment is refused.
	edited := *f
	edited.Themes = []string{"access"}
	r := capture.Push(capture.Change(involve.EntityFeedback, &edited, fc.Rev))[0]
	if r.Status != syncapi.StatusRejected || r.Code != syncapi.EERASED || !strings.Contains(r.Reason, "This comment was erased on") {
		t.Errorf("an offline edit of the erased comment: %+v, want rejected erased", r)
	}
}

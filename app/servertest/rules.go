package servertest

import (
	"hash/fnv"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// The rules that span records (app/server/rules.go), as a modified laptop would break
// them and as honest laptops push in any order.

func ruleID() string { return uuid.Must(uuid.NewV7()).String() }

// ruleContributor is a partner numbered from its id: each new one has its own number
// (the server renumbers a new one whose number is taken: pseudonym.go), and an edit
// made with the same id keeps it.
func ruleContributor(id string) *involve.Contributor {
	h := fnv.New32a()
	h.Write([]byte(id))
	c := &involve.Contributor{Name: "Riley Secretname", Number: 1 + int(h.Sum32()%1_000_000), LivedExperience: []string{}}
	c.ID = id
	return c
}

func ruleConsent(id, subject string) *involve.Consent {
	k := &involve.Consent{SubjectEntity: involve.EntityContributor, SubjectID: subject, Purposes: []string{"payments"},
		LawfulBasis: "consent", NoticeVersion: "v1", Method: "written", GivenAt: "2026-02-01", GivenBy: "Riley"}
	k.ID = id
	return k
}

func ruleCard(id string, pence int64, from, to string) *involve.RateCard {
	r := &involve.RateCard{Unit: involve.UnitHour, AmountPence: pence, Source: "Policy", EffectiveFrom: from, EffectiveTo: to}
	r.ID = id
	return r
}

// ruleEntry is 90 minutes on date priced from card at pence an hour (fee as the
// laptop works it out).
func ruleEntry(id, contributor, card, date string, pence int64) *involve.TimeEntry {
	e := &involve.TimeEntry{ContributorID: contributor, Task: "Reading group", Date: date, Unit: involve.UnitHour, MinutesAttend: 90,
		RateCardID: card, RatePence: pence, FeePence: involve.FeeFor(involve.UnitHour, pence, 90), Route: "payroll"}
	e.ID = id
	return e
}

// wantStatuses checks each result's status; a rejection must carry code "invalid" and
// a reason containing why.
func wantStatuses(t *testing.T, what string, res []syncapi.Result, want []string, why string) {
	t.Helper()
	for i, r := range res {
		if r.Status != want[i] {
			t.Errorf("%s: change %d is %s (%s), want %s", what, i, r.Status, r.Reason, want[i])
			continue
		}
		if r.Status == syncapi.StatusRejected && (r.Code != syncapi.EINVALID || !strings.Contains(r.Reason, why)) {
			t.Errorf("%s: change %d rejected with %q %q, want code invalid and %q", what, i, r.Code, r.Reason, why)
		}
	}
}

const applied, rejected = syncapi.StatusApplied, syncapi.StatusRejected

// testRulesConsent: a new contributor needs a consent record (in the same push, in
// either order, or stored before); a withdrawn one is shown by name again only with
// new consent; a consent record is never moved to someone else.
func testRulesConsent(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)

	lone := ruleContributor(ruleID())
	wantStatuses(t, "contributor without consent", d.Push(d.Change(involve.EntityContributor, lone, 0)),
		[]string{rejected}, "consent record")
	if _, ok := d.PullAll()[lone.ID]; ok {
		t.Errorf("a contributor without consent was stored")
	}
	// Another team's consent for it does not count.
	other := e.Enrol(e.Team("Other").ID)
	oc := ruleContributor(ruleID())
	other.Push(other.Change(involve.EntityConsent, ruleConsent(ruleID(), oc.ID), 0))
	wantStatuses(t, "contributor with another team's consent", d.Push(d.Change(involve.EntityContributor, oc, 0)),
		[]string{rejected}, "consent record")

	// Contributor first, then its consent (the laptop's outbox order), in one push.
	c1, k1 := ruleContributor(ruleID()), ruleConsent(ruleID(), "")
	k1.SubjectID = c1.ID
	res := d.Push(d.Change(involve.EntityContributor, c1, 0), d.Change(involve.EntityFeedback, NewFeedback("between"), 0),
		d.Change(involve.EntityConsent, k1, 0))
	wantStatuses(t, "contributor then consent", res, []string{applied, applied, applied}, "")
	// Consent first.
	c2 := ruleContributor(ruleID())
	k2 := ruleConsent(ruleID(), c2.ID)
	wantStatuses(t, "consent then contributor", d.Push(d.Change(involve.EntityConsent, k2, 0), d.Change(involve.EntityContributor, c2, 0)),
		[]string{applied, applied}, "")
	// Consent in an earlier push.
	c3 := ruleContributor(ruleID())
	d.Push(d.Change(involve.EntityConsent, ruleConsent(ruleID(), c3.ID), 0))
	wantStatuses(t, "consent pushed before", d.Push(d.Change(involve.EntityContributor, c3, 0)), []string{applied}, "")
	pulled := d.PullAll()
	for _, id := range []string{c1.ID, k1.ID, c2.ID, k2.ID, c3.ID} {
		if _, ok := pulled[id]; !ok {
			t.Errorf("record %s not stored", id)
		}
	}
	if pulled[c1.ID].Seq < pulled[k1.ID].Seq {
		t.Errorf("contributor stored before its consent (seq %d < %d)", pulled[c1.ID].Seq, pulled[k1.ID].Seq)
	}

	// Withdrawal: the consent withdrawn and the contributor pseudonymised, then a
	// modified laptop shows them by name again without new consent.
	kw := ruleConsent(k2.ID, c2.ID)
	kw.WithdrawnAt, kw.WithdrawnBy = "2026-03-01T10:00:00.000Z", "Staff"
	cw := ruleContributor(c2.ID)
	cw.ConsentWithdrawnAt = kw.WithdrawnAt
	res = d.Push(d.Change(involve.EntityConsent, kw, pulled[k2.ID].Rev), d.Change(involve.EntityContributor, cw, pulled[c2.ID].Rev))
	wantStatuses(t, "withdrawal", res, []string{applied, applied}, "")
	back := ruleContributor(c2.ID)
	wantStatuses(t, "shown by name again without consent", d.Push(d.Change(involve.EntityContributor, back, res[1].Rev)),
		[]string{rejected}, "withdrawn")
	if got := d.PullAll()[c2.ID]; !strings.Contains(string(got.State), "consentWithdrawnAt") {
		t.Errorf("the withdrawal was undone: %s", got.State)
	}
	// With new consent (pushed after the contributor, as the outbox may hold them).
	back = ruleContributor(c2.ID)
	res = d.Push(d.Change(involve.EntityContributor, back, res[1].Rev), d.Change(involve.EntityConsent, ruleConsent(ruleID(), c2.ID), 0))
	wantStatuses(t, "new consent", res, []string{applied, applied}, "")

	// A consent record is never moved to someone else.
	km := ruleConsent(k1.ID, c3.ID)
	wantStatuses(t, "consent moved", d.Push(d.Change(involve.EntityConsent, km, pulled[k1.ID].Rev)), []string{rejected}, "someone else")
	if got := d.PullAll()[k1.ID]; got.Rev != pulled[k1.ID].Rev {
		t.Errorf("a refused consent change was stored: %s", got.State)
	}
}

// testRulesRateCards: rate cards of one unit may not overlap, whatever the push order
// of an honest laptop's edits; a merged card is judged too.
func testRulesRateCards(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	x, y := ruleID(), ruleID()
	res := d.Push(d.Change(involve.EntityRateCard, ruleCard(x, 2000, "2025-01-01", "2025-12-31"), 0),
		d.Change(involve.EntityRateCard, ruleCard(y, 2500, "2026-01-01", ""), 0))
	wantStatuses(t, "two cards", res, []string{applied, applied}, "")
	xRev, yRev := res[0].Rev, res[1].Rev

	z := ruleID()
	wantStatuses(t, "overlapping card", d.Push(d.Change(involve.EntityRateCard, ruleCard(z, 3000, "2026-06-01", ""), 0)),
		[]string{rejected}, "overlap")
	if _, ok := d.PullAll()[z]; ok {
		t.Errorf("an overlapping card was stored")
	}
	// Another unit does not overlap.
	day := ruleCard(z, 15000, "2026-06-01", "")
	day.Unit = involve.UnitDay
	wantStatuses(t, "day rate", d.Push(d.Change(involve.EntityRateCard, day, 0)), []string{applied}, "")

	// An honest laptop's outbox: X extended to June (its entry waited from an earlier
	// edit) before Y moved to start in July. Judged as a whole, both stand.
	res = d.Push(d.Change(involve.EntityRateCard, ruleCard(x, 2000, "2025-01-01", "2026-06-30"), xRev),
		d.Change(involve.EntityRateCard, ruleCard(y, 2500, "2026-07-01", ""), yRev))
	wantStatuses(t, "edits in outbox order", res, []string{applied, applied}, "")
	xRev, yRev = res[0].Rev, res[1].Rev
	// Without the edit that makes room, the same change is refused.
	wantStatuses(t, "extend into the next card", d.Push(d.Change(involve.EntityRateCard, ruleCard(x, 2000, "2025-01-01", "2026-12-31"), xRev)),
		[]string{rejected}, "overlap")

	// Merge: another laptop changed X's amount; this one, from the earlier revision,
	// extends X into Y. The merged card overlaps Y: refused, nothing stored.
	b := e.Enrol(d.Team.ID)
	ra := b.Push(b.Change(involve.EntityRateCard, ruleCard(x, 2100, "2025-01-01", "2026-06-30"), xRev))[0]
	if ra.Status != applied {
		t.Fatalf("amount change: %+v", ra)
	}
	wantStatuses(t, "merged overlap", d.Push(d.Change(involve.EntityRateCard, ruleCard(x, 2000, "2025-01-01", "2026-08-31"), xRev)),
		[]string{rejected}, "overlap")
	if got := d.PullAll()[x]; got.Rev != ra.Rev {
		t.Errorf("the refused merge was stored: rev %d, want %d", got.Rev, ra.Rev)
	}
	// A deleted card overlaps nothing; deleting is always allowed.
	del := ruleCard(y, 2500, "2026-07-01", "")
	del.DeletedAt = "2026-03-01T10:00:00.000Z"
	wantStatuses(t, "delete", d.Push(d.Change(involve.EntityRateCard, del, yRev)), []string{applied}, "")
	wantStatuses(t, "card where the deleted one was", d.Push(d.Change(involve.EntityRateCard, ruleCard(ruleID(), 2600, "2026-07-01", ""), 0)),
		[]string{applied}, "")
	// A restore is not judged, as on the laptop (RestoreDoc, or a delete-against-edit
	// conflict resolved by restoring): two laptops may have deleted and replaced it.
	wantStatuses(t, "restore", d.Push(d.Change(involve.EntityRateCard, ruleCard(y, 2500, "2026-07-01", ""), d.PullAll()[y].Rev)),
		[]string{applied}, "")
}

// testRulesFees: a time entry's fee is the one the rate card it names gives, unless
// overridden with a reason or declined.
func testRulesFees(t *testing.T, open Open) {
	_, d := envWithDevice(t, open)
	c, card := ruleContributor(ruleID()), ruleID()
	res := d.Push(d.Change(involve.EntityContributor, c, 0), d.Change(involve.EntityConsent, ruleConsent(ruleID(), c.ID), 0),
		d.Change(involve.EntityRateCard, ruleCard(card, 2000, "2026-01-01", ""), 0))
	wantStatuses(t, "setup", res, []string{applied, applied, applied}, "")
	cardRev := res[2].Rev

	good := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	wantStatuses(t, "fee from the card", d.Push(d.Change(involve.EntityTimeEntry, good, 0)), []string{applied}, "")

	forged := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	forged.FeePence = 900000
	wantStatuses(t, "forged fee", d.Push(d.Change(involve.EntityTimeEntry, forged, 0)), []string{rejected}, "fee must be £30.00")
	rate := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 90000)
	wantStatuses(t, "forged rate", d.Push(d.Change(involve.EntityTimeEntry, rate, 0)), []string{rejected}, "not the amount")
	early := ruleEntry(ruleID(), c.ID, card, "2025-03-02", 2000)
	wantStatuses(t, "date the card does not cover", d.Push(d.Change(involve.EntityTimeEntry, early, 0)), []string{rejected}, "does not cover")
	nocard := ruleEntry(ruleID(), c.ID, "", "2026-03-02", 0)
	nocard.FeePence = 5000
	wantStatuses(t, "fee without a card", d.Push(d.Change(involve.EntityTimeEntry, nocard, 0)), []string{rejected}, "names none")
	unknown := ruleEntry(ruleID(), c.ID, ruleID(), "2026-03-02", 2000)
	wantStatuses(t, "unknown card", d.Push(d.Change(involve.EntityTimeEntry, unknown, 0)), []string{rejected}, "not the amount")
	pulled := d.PullAll()
	for _, id := range []string{forged.ID, rate.ID, early.ID, nocard.ID, unknown.ID} {
		if _, ok := pulled[id]; ok {
			t.Errorf("refused time entry %s was stored", id)
		}
	}

	// What the laptop allows: an override with a reason, declined payment.
	over := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	fee := int64(900000)
	over.FeeOverridePence, over.OverrideReason = &fee, "Agreed by the board"
	declined := ruleEntry(ruleID(), c.ID, card, "2026-03-02", 2000)
	declined.Route, declined.FeePence = involve.RouteDeclined, 0
	wantStatuses(t, "override and declined", d.Push(d.Change(involve.EntityTimeEntry, over, 0), d.Change(involve.EntityTimeEntry, declined, 0)),
		[]string{applied, applied}, "")

	// A card and an entry priced from it, the entry first in the push.
	card2 := ruleCard(ruleID(), 3000, "2026-01-01", "")
	card2.Unit = involve.UnitTask
	task := ruleEntry(ruleID(), c.ID, card2.ID, "2026-03-03", 3000)
	task.Unit, task.FeePence = involve.UnitTask, 3000
	wantStatuses(t, "entry before its card", d.Push(d.Change(involve.EntityTimeEntry, task, 0), d.Change(involve.EntityRateCard, card2, 0)),
		[]string{applied, applied}, "")

	// The card's amount changed on another laptop before this one saw it: an entry
	// priced from the earlier amount is not refused.
	res = d.Push(d.Change(involve.EntityRateCard, ruleCard(card, 2200, "2026-01-01", ""), cardRev))
	wantStatuses(t, "new amount", res, []string{applied}, "")
	stale := ruleEntry(ruleID(), c.ID, card, "2026-03-04", 2000)
	fresh := ruleEntry(ruleID(), c.ID, card, "2026-03-04", 2200)
	wantStatuses(t, "stale and fresh", d.Push(d.Change(involve.EntityTimeEntry, stale, 0), d.Change(involve.EntityTimeEntry, fresh, 0)),
		[]string{applied, applied}, "")
	// An edit that leaves the fee as stored is not judged again.
	note := ruleEntry(good.ID, c.ID, card, "2026-03-02", 2000)
	note.ClaimedOn = "2026-03-05"
	wantStatuses(t, "edit of another field", d.Push(d.Change(involve.EntityTimeEntry, note, pulled[good.ID].Rev)), []string{applied}, "")
}

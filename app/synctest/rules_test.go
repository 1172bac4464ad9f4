package synctest_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestRulesHonestLaptopsNeverRefused: the server checks the rules that span records
// (app/server/rules.go), and honest laptops pushing through the real syncer one change
// a request are never refused for them: a contributor made with its consent, consent
// withdrawn and then recorded again (the contributor's change waited in the outbox from
// before), and a time entry priced from a rate card whose amount another laptop had
// changed meanwhile.
func TestRulesHonestLaptopsNeverRefused(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		ada.eng.PushBatch, bo.eng.PushBatch = 1, 1
		f := withDocs(t, ada, bo)

		// Ada, offline: withdraws the consent, records new consent, logs time.
		if _, err := ada.db.WithdrawConsent(bg(), f.consent.ID); err != nil {
			t.Fatal(err)
		}
		again := newConsent(3, involve.EntityContributor, f.contributor.ID, involve.PurposePayments)
		if _, err := ada.db.AddConsent(bg(), again); err != nil {
			t.Fatal(err)
		}
		// Bo changes the rate's amount and syncs first.
		card := *f.rate
		card.AmountPence = 2600
		if _, err := bo.db.UpdateRateCard(bg(), card.ID, f.rate, &card); err != nil {
			t.Fatal(err)
		}
		bo.mustSync()
		entry, err := ada.db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: f.contributor.ID, Task: "Panel", Date: "2026-11-25",
			MinutesAttend: 60})
		if err != nil || entry.RatePence != 2500 || entry.FeePence != 2500 {
			t.Fatalf("entry priced from the amount Ada had: %+v %v", entry, err)
		}
		// And a new partner, made with consent.
		if _, _, err := ada.db.CreateContributor(bg(), &involve.Contributor{Name: "Sam"}, newConsent(4, "", "", involve.PurposeAnalysis)); err != nil {
			t.Fatal(err)
		}
		for _, d := range []*device{ada, bo, ada} {
			sum := d.mustSync()
			if sum.Push.Rejected > 0 {
				t.Errorf("%s: %d changes rejected", d.name, sum.Push.Rejected)
			}
		}
		for _, d := range []*device{ada, bo} {
			if pending, rejected, _ := d.counts(); pending != 0 || rejected != 0 {
				t.Errorf("%s: %d changes wait, %d rejected", d.name, pending, rejected)
			}
		}
		list, err := bo.db.FindContributors(bg())
		if err != nil || len(list) != 2 {
			t.Fatalf("Bo has %d partners: %v", len(list), err)
		}
		for _, c := range list {
			if c.Withdrawn {
				t.Errorf("partner %s still withdrawn on Bo after new consent", c.ID)
			}
		}
		es, err := bo.db.FindTimeEntries(bg(), f.contributor.ID)
		if err != nil || len(es) != 2 {
			t.Fatalf("Bo has %d time entries: %v", len(es), err)
		}
	})
}

// TestRulesRateChangedTwiceOffline: a laptop changes a rate card's amount, logs time at
// the new amount, and changes the amount again, all before one sync. The server knows
// only the amounts it was sent, so both states of the card must reach it, or the time
// entry (priced at the middle amount) is refused as not following its rate card (the
// convergence test's seed 1796552417477130964 found this).
func TestRulesRateChangedTwiceOffline(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		f := withDocs(t, ada, bo)
		cur := f.rate
		for i, amount := range []int64{1050, 1200} {
			next := *cur
			next.AmountPence = amount
			saved, err := ada.db.UpdateRateCard(bg(), cur.ID, cur, &next)
			if err != nil {
				t.Fatal(err)
			}
			cur = saved
			if i == 0 {
				entry, err := ada.db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: f.contributor.ID, Task: "Panel",
					Date: "2026-11-25", MinutesAttend: 60})
				if err != nil || entry.RatePence != 1050 {
					t.Fatalf("entry priced at %+v: %v", entry, err)
				}
			}
		}
		if sum := ada.mustSync(); sum.Push.Rejected > 0 {
			t.Fatalf("%d of Ada's changes rejected", sum.Push.Rejected)
		}
		bo.mustSync()
		es, err := bo.db.FindTimeEntries(bg(), f.contributor.ID)
		found := false
		for _, e := range es {
			found = found || e.RatePence == 1050
		}
		if err != nil || !found {
			t.Fatalf("Bo lacks the entry at £10.50 (%d entries): %v", len(es), err)
		}
		cards, err := bo.db.FindRateCards(bg())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cards {
			if c.ID == cur.ID && c.AmountPence != 1200 {
				t.Errorf("Bo's card is at %d pence, want the last amount 1200", c.AmountPence)
			}
		}
	})
}

// TestRulesResolvedTimeConflictRepriced: two laptops change a time entry's minutes at
// once; the server keeps one side and records a conflict. Resolving it by choosing the
// other side's minutes is an edit like any other: the fee is worked out again from the
// rate card, or the server refuses the entry as not following it (the fault test's
// seed 1796562791335662289 found this: the laptop sent the chosen minutes with the
// other side's fee).
func TestRulesResolvedTimeConflictRepriced(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		f := withDocs(t, ada, bo)
		edit := func(d *device, prep int) {
			t.Helper()
			cur, err := d.db.FindDoc(bg(), involve.EntityTimeEntry, f.entry.ID)
			if err != nil {
				t.Fatal(err)
			}
			loaded := *cur.(*involve.TimeEntry)
			next := loaded
			next.MinutesPrep = prep
			if _, err := d.db.UpdateTimeEntry(bg(), f.entry.ID, &loaded, &next); err != nil {
				t.Fatal(err)
			}
		}
		edit(ada, 30)
		edit(bo, 45)
		ada.mustSync()
		bo.mustSync()
		ada.mustSync()
		var fixed bool
		for _, d := range []*device{ada, bo} {
			list, err := d.db.FindConflicts(bg())
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range list {
				if c.Entity != involve.EntityTimeEntry || c.Field != "minutesPrep" || c.Status != involve.ConflictOpen {
					continue
				}
				if _, err := d.db.ResolveConflict(bg(), c.ID, involve.ResolutionReplaced, nil); err != nil {
					t.Fatalf("%s resolves: %v", d.name, err)
				}
				fixed = true
				if sum := d.mustSync(); sum.Push.Rejected > 0 {
					t.Fatalf("%s: %d changes rejected after choosing the other minutes", d.name, sum.Push.Rejected)
				}
			}
		}
		if !fixed {
			t.Fatal("no conflict about the minutes to resolve")
		}
		for _, d := range []*device{ada, bo} {
			d.mustSync()
			if _, rejected, _ := d.counts(); rejected != 0 {
				t.Errorf("%s: %d changes rejected", d.name, rejected)
			}
			got, err := d.db.FindDoc(bg(), involve.EntityTimeEntry, f.entry.ID)
			if err != nil {
				t.Fatal(err)
			}
			e := got.(*involve.TimeEntry)
			if want := involve.FeeFor(e.Unit, e.RatePence, e.Minutes()); e.FeePence != want || e.MinutesPrep != 30 && e.MinutesPrep != 45 {
				t.Errorf("%s: %d minutes (prep %d) at %d pence cost %d, want %d", d.name, e.Minutes(), e.MinutesPrep, e.RatePence, e.FeePence, want)
			}
		}
	})
}

// TestRulesConsentRecordedThenDeletedOffline: another laptop withdrew a partner's
// consent; this one, before its next sync, records new consent (which shows the partner
// again) and then deletes that consent record. Each step was allowed here, so the
// server must see the consent record live before the partner's change and deleted
// after it, not only its last state (the fault test's seed 1796562385676568830 found
// the outbox folding the two states into one, and the server refusing the partner).
func TestRulesConsentRecordedThenDeletedOffline(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		f := withDocs(t, ada, bo)
		if _, err := bo.db.WithdrawConsent(bg(), f.consent.ID); err != nil {
			t.Fatal(err)
		}
		bo.mustSync()
		ada.mustSync()
		again := newConsent(5, involve.EntityContributor, f.contributor.ID, involve.PurposeRecontact)
		if _, err := ada.db.AddConsent(bg(), again); err != nil {
			t.Fatal(err)
		}
		if err := ada.db.DeleteDoc(bg(), involve.EntityConsent, again.ID); err != nil {
			t.Fatal(err)
		}
		if sum := ada.mustSync(); sum.Push.Rejected > 0 {
			t.Fatalf("Ada: %d changes rejected", sum.Push.Rejected)
		}
		bo.mustSync()
		for _, d := range []*device{ada, bo} {
			if pending, rejected, _ := d.counts(); pending != 0 || rejected != 0 {
				t.Errorf("%s: %d changes wait, %d rejected", d.name, pending, rejected)
			}
			got, err := d.db.FindDoc(bg(), involve.EntityContributor, f.contributor.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.(*involve.Contributor).Withdrawn() {
				t.Errorf("%s: the partner is still withdrawn after Ada recorded new consent", d.name)
			}
			k, err := d.db.FindDoc(bg(), involve.EntityConsent, again.ID)
			if err == nil && k.DocMeta().DeletedAt == "" {
				t.Errorf("%s: the deleted consent record is live", d.name)
			}
		}
	})
}

// TestRulesEntryRepricedAfterRateChangeOffline: a laptop edits a time entry, then
// changes the amount of the rate card it names, then edits the entry again (any field:
// saving an entry works its fee out again, at the new amount), all before one sync. The
// entry's two edits make one change, and it must reach the server after the card's
// change, even one change a request, or the entry is refused for a rate its card has
// not had yet (the convergence test's seed 1796578046800300007 found the folded change
// keeping the place of the first edit, before the card's).
func TestRulesEntryRepricedAfterRateChangeOffline(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada, bo := st.enrol(t, "Ada"), st.enrol(t, "Bo")
		ada.eng.PushBatch = 1
		f := withDocs(t, ada, bo)
		editTask := func(task string) *involve.TimeEntry {
			t.Helper()
			cur, err := ada.db.FindDoc(bg(), involve.EntityTimeEntry, f.entry.ID)
			if err != nil {
				t.Fatal(err)
			}
			loaded := *cur.(*involve.TimeEntry)
			next := loaded
			next.Task = task
			saved, err := ada.db.UpdateTimeEntry(bg(), f.entry.ID, &loaded, &next)
			if err != nil {
				t.Fatal(err)
			}
			return saved
		}
		editTask("Panel")
		card := *f.rate
		card.AmountPence = 2600
		if _, err := ada.db.UpdateRateCard(bg(), card.ID, f.rate, &card); err != nil {
			t.Fatal(err)
		}
		if e := editTask("Panel and write-up"); e.RatePence != 2600 || e.FeePence != 3900 {
			t.Fatalf("the entry saved again is priced %d at %d pence, want 3900 at 2600", e.FeePence, e.RatePence)
		}
		if sum := ada.mustSync(); sum.Push.Rejected > 0 {
			t.Fatalf("Ada: %d changes rejected", sum.Push.Rejected)
		}
		bo.mustSync()
		for _, d := range []*device{ada, bo} {
			if pending, rejected, _ := d.counts(); pending != 0 || rejected != 0 {
				t.Errorf("%s: %d changes wait, %d rejected", d.name, pending, rejected)
			}
			got, err := d.db.FindDoc(bg(), involve.EntityTimeEntry, f.entry.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e := got.(*involve.TimeEntry); e.Task != "Panel and write-up" || e.RatePence != 2600 || e.FeePence != 3900 {
				t.Errorf("%s: the entry is %q at %d pence (fee %d), want the last edit at 2600 (fee 3900)", d.name, e.Task, e.RatePence, e.FeePence)
			}
		}
	})
}

package synctest_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
)

// TestErasureScenario is issue 13's test of "Erase this person" and "Erase this
// comment", end to end through a real server on SQLite and on PostgreSQL. Ada's lead
// laptop records the partner "Zorbicnamé Testperson" (a distinctive string in every
// identifying field), their consent, a time entry with a payment reference and a task,
// and a comment with an address in it; Bo's staff laptop syncs, and a conflict about the
// partner's access needs is made and pulled by both. Bo then goes offline and edits the
// partner's contact details; both laptops back up. Ada erases the partner and the
// comment, and syncs; Bo syncs. Then:
//   - a byte search of both laptops' data folders (database, WAL, backups) and of the
//     server's store (its data folder, or a pg_dump) finds none of the strings, nor any
//     sealed token the server held for the partner before the erasure;
//   - the payments' totals are unchanged everywhere;
//   - Bo's offline edit was refused and is shown as rejected (holding nothing), the
//     partner is "Erased contributor N" on both laptops, and both laptops hold exactly
//     the server's data.
//
// Each search is shown able to find: the session's title is still there.
func TestErasureScenario(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := newDevice(t, "ada", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameLead))
		bo := s.enrol(t, "bo")
		const (
			title    = "Market stall at Brixton"
			ref      = "PO-zorbicref"
			task     = "Zorbictask reading panel"
			role     = "Zorbicrole adviser"
			lived    = "Zorbiclived experience"
			comment  = "Qwixtrel at 14 Fennimore Close says the bus never comes"
			conflict = "zorbicconflict step-free"
			offline  = "zorbicoffline@example.org"
		)
		sess, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: title, Date: "2026-11-24", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		fb, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: sess.ID, Text: comment, Source: "comment_card"})
		if err != nil {
			t.Fatal(err)
		}
		consent := newConsent(1, "", "", involve.PurposeAnalysis, involve.PurposePayments)
		consent.GivenBy = zorbicName
		p := zorbic()
		p.Role, p.LivedExperience = role, []string{lived}
		c, _, err := ada.db.CreateContributor(bg(), p, consent)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.CreateRateCard(bg(), &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2500, Source: "Policy",
			EffectiveFrom: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		for _, m := range []int{60, 90} {
			if _, err := ada.db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", MinutesAttend: m,
				Task: task, ReceiptRef: ref, ExpensesPence: 350}); err != nil {
				t.Fatal(err)
			}
		}
		ada.mustSync()
		bo.mustSync()
		// A conflict about the partner's access needs, pulled by both.
		for _, e := range []struct {
			d *device
			v string
		}{{ada, "Quiet room"}, {bo, conflict}} {
			cur, err := e.d.db.FindDoc(bg(), involve.EntityContributor, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := setAccessNeeds(e.v)(e.d.db, cur); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range []*device{ada, bo, ada} {
			if sum := d.mustSync(); sum.Push.Rejected > 0 {
				t.Fatalf("%s: %d changes rejected", d.name, sum.Push.Rejected)
			}
		}
		if _, _, n := ada.counts(); n == 0 {
			t.Fatal("no conflict about the partner on Ada's laptop")
		}
		totals := func(d *device) (fees, expenses int64) {
			es, err := d.db.FindTimeEntries(bg(), c.ID)
			if err != nil || len(es) != 2 {
				t.Fatalf("%s has %d time entries: %v", d.name, len(es), err)
			}
			for _, e := range es {
				fees, expenses = fees+e.FeePence, expenses+e.ExpensesPence
			}
			return fees, expenses
		}
		fees, expenses := totals(ada)
		// The sealed tokens the server held for the partner's records.
		before := servertest.StoreBytes(t, kind, s.where, s.team.ID)
		tokens := map[string]bool{}
		for _, m := range regexp.MustCompile(`sealed1\.[0-9a-f]+\.[A-Za-z0-9_-]{20,}`).FindAll(before, -1) {
			tokens[string(m)] = true
		}
		if len(tokens) < 6 {
			t.Fatalf("the server held %d sealed tokens before the erasure, want the partner's (at least 6)", len(tokens))
		}

		// Bo, offline, edits the partner; both back up.
		cur, err := bo.db.FindDoc(bg(), involve.EntityContributor, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		edited := *cur.(*involve.Contributor)
		edited.ContactDetails = offline
		if _, err := bo.db.UpdateContributor(bg(), c.ID, nil, &edited); err != nil {
			t.Fatal(err)
		}
		for _, d := range []*device{ada, bo} {
			if _, err := d.db.Backup(bg(), "before-erasure"); err != nil {
				t.Fatal(err)
			}
		}

		// Ada erases the partner and the comment.
		sum, err := ada.db.PreviewErasure(bg(), involve.EntityContributor, c.ID)
		if err != nil || sum.TimeEntries != 2 || sum.Consents != 1 || sum.Conflicts == 0 || len(sum.Kept) == 0 {
			t.Fatalf("preview: %+v %v", sum, err)
		}
		res, err := ada.db.Erase(bg(), involve.EntityContributor, c.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.BackupsRewritten)+len(res.BackupsDeleted) == 0 {
			t.Error("Ada's backup made before the erasure was neither rewritten nor deleted")
		}
		if _, err := ada.db.Erase(bg(), involve.EntityFeedback, fb.ID, ""); err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()
		bo.mustSync()
		ada.mustSync()

		// Bo's offline edit was refused, and is shown.
		if pending, rejected, _ := bo.counts(); pending != 0 || rejected != 1 {
			t.Errorf("Bo: %d changes wait, %d rejected; want Bo's offline edit of the erased partner rejected", pending, rejected)
		}
		list, err := bo.db.FindRejectedChanges(bg())
		if err != nil || len(list) != 1 || list[0].RecordID != c.ID {
			t.Errorf("Bo's rejected changes: %+v %v", list, err)
		}
		for _, d := range []*device{ada, bo} {
			v, err := d.db.FindContributor(bg(), c.ID)
			if err != nil || !v.Contributor.Erased() || v.Contributor.Title() != involve.ErasedPseudonym(c.Number) {
				t.Errorf("%s: the partner is %+v (%v), want %q", d.name, v.Contributor, err, involve.ErasedPseudonym(c.Number))
			}
			if f, a := totals(d); f != fees || a != expenses {
				t.Errorf("%s: fees %d and expenses %d after the erasure, want %d and %d", d.name, f, a, fees, expenses)
			}
			if _, _, n := d.counts(); n != 0 {
				t.Errorf("%s still shows %d conflicts", d.name, n)
			}
		}
		want := serverData(t, s.store, s.team.ID)
		for _, d := range []*device{ada, bo} {
			if lines := diff("server", want, d.name, d.data(), d.name, 20); len(lines) > 0 {
				t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
			}
		}

		// Nothing of the partner or the comment is left anywhere.
		secrets := append(append([]string(nil), zorbicBytes...), ref, "zorbicref", task, strings.ToLower(task), role, lived,
			"Zorbic", "zorbic", comment, "Qwixtrel", "qwixtrel", "Fennimore", "fennimore", conflict, offline)
		for tok := range tokens {
			secrets = append(secrets, tok)
		}
		for _, d := range []*device{ada, bo} {
			if len(folderHolds(t, d.dir, []string{title})) == 0 {
				t.Errorf("%s's data folder does not hold the session title: the search proves nothing", d.name)
			}
			if found := folderHolds(t, d.dir, secrets); len(found) > 0 {
				t.Errorf("%s's data folder still holds: %v", d.name, short(found))
			}
		}
		dump := servertest.StoreBytes(t, kind, s.where, s.team.ID)
		if !bytes.Contains(dump, []byte(title)) {
			t.Error("the server's store does not hold the session title: the search proves nothing")
		}
		low := bytes.ToLower(dump)
		for _, w := range secrets {
			if bytes.Contains(dump, []byte(w)) || bytes.Contains(low, []byte(strings.ToLower(w))) {
				t.Errorf("the %s server's store still holds %q", kind, shorten(w))
			}
		}
	})
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func short(found []string) []string {
	out := make([]string, 0, len(found))
	for _, f := range found {
		out = append(out, shorten(f))
	}
	if len(out) > 12 {
		out = append(out[:12], "…")
	}
	return out
}

// TestErasureBeforeFirstSync: a lead records a partner with their consent and time and
// erases them before the laptop ever syncs. Nothing is refused: the server is sent the
// erased partner (what is kept for their payments), their consent record and time
// entry, and the erasure, so the payment is kept everywhere under "Erased contributor
// N" and no change sits rejected on the lead's laptop.
func TestErasureBeforeFirstSync(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := newDevice(t, "ada", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameLead))
		bo := s.enrol(t, "bo")
		consent := newConsent(1, "", "", involve.PurposePayments)
		c, _, err := ada.db.CreateContributor(bg(), zorbic(), consent)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.CreateRateCard(bg(), &involve.RateCard{Unit: involve.UnitHour, AmountPence: 2500, Source: "Policy",
			EffectiveFrom: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.CreateTimeEntry(bg(), &involve.TimeEntry{ContributorID: c.ID, Date: "2026-11-24", MinutesAttend: 90,
			Task: "Reading panel"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ada.db.Erase(bg(), involve.EntityContributor, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		for _, d := range []*device{ada, bo, ada} {
			if sum := d.mustSync(); sum.Push.Rejected > 0 {
				t.Errorf("%s: %d changes rejected", d.name, sum.Push.Rejected)
			}
		}
		for _, d := range []*device{ada, bo} {
			if pending, rejected, _ := d.counts(); pending != 0 || rejected != 0 {
				t.Errorf("%s: %d changes wait, %d rejected", d.name, pending, rejected)
			}
			v, err := d.db.FindContributor(bg(), c.ID)
			if err != nil || !v.Contributor.Erased() {
				t.Errorf("%s: the partner is %+v (%v), want erased", d.name, v.Contributor, err)
				continue
			}
			es, err := d.db.FindTimeEntries(bg(), c.ID)
			if err != nil || len(es) != 1 || es[0].FeePence != 3750 || es[0].Task != "" {
				t.Errorf("%s: time entries %+v %v; want the erased entry with its fee kept", d.name, es, err)
			}
		}
		want := serverData(t, s.store, s.team.ID)
		for _, d := range []*device{ada, bo} {
			if lines := diff("server", want, d.name, d.data(), d.name, 20); len(lines) > 0 {
				t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
			}
		}
	})
}

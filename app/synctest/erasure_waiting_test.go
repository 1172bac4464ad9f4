package synctest_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
)

// TestErasureWhileAQuotingChangeWaits: an action's "you said" quotes a comment, and the
// action has a Polish translation; both laptops hold them, and a conflict about the
// "you said" (both sides quoting the comment). Bo, offline, edits the
// action's "we did" and the translation's words (his copies still quote the comment).
// Ada, a lead, erases the comment and syncs; then Bo syncs: his push goes before his
// pull, so the server is sent the comment's words again, in the action and in the
// translation, after the erasure. Neither the server's store nor either laptop's data
// folder may hold them afterwards, nor a revision or conflict record; Bo's "we did"
// edits are kept (stored, or in a conflict to decide). Without the server's
// checkQuoting, the words came back in conflict records synced to every laptop.
func TestErasureWhileAQuotingChangeWaits(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		ada := newDevice(t, "ada", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameLead))
		bo := s.enrol(t, "bo")
		const (
			title   = "Market stall at Peckham"
			comment = "Vranquol at 9 Thistlewood Mews says the lift is broken"
			polish  = "Vranquol z Thistlewood Mews mówi, że winda jest zepsuta"
		)
		sess, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: title, Date: "2026-11-24", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		fb, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: sess.ID, Text: comment, Source: "comment_card"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := ada.db.CreateAction(bg(), &involve.Action{YouSaid: "You told us: " + comment, WeDid: "We asked the estates team",
			Status: involve.ActionDone, FeedbackIDs: []string{fb.ID}, SessionID: sess.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = ada.db.SaveTranslation(bg(), &involve.Translation{Of: involve.ActionOf(a.ID), Language: "pl", LanguageName: "Polski",
			Texts: map[string]string{"youSaid": polish, "weDid": "Zapytaliśmy dział nieruchomości"}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := ada.db.CreateAction(bg(), &involve.Action{YouSaid: "The café is too cold", WeDid: "We asked for heating",
			Status: involve.ActionDone, SessionID: sess.ID})
		if err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()
		// A conflict about the "you said", both sides quoting the comment.
		for _, e := range []struct {
			d  *device
			to string
		}{{ada, "You told us twice: " + comment}, {bo, comment + ", you told us"}} {
			cur, err := e.d.db.FindAction(bg(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			loaded, edited := cur.Action, cur.Action
			edited.YouSaid = e.to
			if _, err := e.d.db.UpdateAction(bg(), a.ID, &loaded, &edited); err != nil {
				t.Fatal(err)
			}
		}
		ada.mustSync()
		bo.mustSync()
		ada.mustSync()
		if _, _, n := ada.counts(); n != 1 {
			t.Fatalf("Ada has %d conflicts, want the one about the \"you said\"", n)
		}

		// Bo, offline, edits the action's "we did" and the translation's "we did".
		cur, err := bo.db.FindAction(bg(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		loaded, edited := cur.Action, cur.Action
		edited.WeDid = "The lift was mended on 1 December"
		if _, err := bo.db.UpdateAction(bg(), a.ID, &loaded, &edited); err != nil {
			t.Fatal(err)
		}
		if _, err := bo.db.SaveTranslation(bg(), &involve.Translation{Of: involve.ActionOf(a.ID), Language: "pl", LanguageName: "Polski",
			Texts: map[string]string{"youSaid": polish, "weDid": "Winda została naprawiona 1 grudnia"}}); err != nil {
			t.Fatal(err)
		}

		// ...creates an action quoting the comment, and makes another action (not naming
		// it, so not touched by the erasure) name and quote it.
		fresh, err := bo.db.CreateAction(bg(), &involve.Action{YouSaid: "New: " + comment, WeDid: "We will look",
			Status: involve.ActionPlanned, FeedbackIDs: []string{fb.ID}, SessionID: sess.ID})
		if err != nil {
			t.Fatal(err)
		}
		cur2, err := bo.db.FindAction(bg(), other.ID)
		if err != nil {
			t.Fatal(err)
		}
		loaded2, edited2 := cur2.Action, cur2.Action
		edited2.YouSaid, edited2.FeedbackIDs = "Also: "+comment, []string{fb.ID}
		if _, err := bo.db.UpdateAction(bg(), other.ID, &loaded2, &edited2); err != nil {
			t.Fatal(err)
		}

		if _, err := ada.db.Erase(bg(), involve.EntityFeedback, fb.ID, ""); err != nil {
			t.Fatal(err)
		}
		ada.mustSync()
		bo.mustSync()
		bo.mustSync()
		ada.mustSync()

		secrets := []string{comment, "Vranquol", "vranquol", "Thistlewood", "thistlewood", polish}
		dump := servertest.StoreBytes(t, kind, s.where, s.team.ID)
		if !bytes.Contains(dump, []byte(title)) {
			t.Error("the server's store does not hold the session title: the search proves nothing")
		}
		for _, w := range secrets {
			if bytes.Contains(bytes.ToLower(dump), []byte(strings.ToLower(w))) {
				t.Errorf("the %s server's store still holds %q", kind, w)
			}
		}
		for _, d := range []*device{ada, bo} {
			if len(folderHolds(t, d.dir, []string{title})) == 0 {
				t.Errorf("%s's data folder does not hold the session title: the search proves nothing", d.name)
			}
			if found := folderHolds(t, d.dir, secrets); len(found) > 0 {
				t.Errorf("%s's data folder still holds: %v", d.name, short(found))
			}
			got, err := d.db.FindAction(bg(), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.YouSaid, involve.ErasedQuote) {
				t.Errorf("%s: the action's \"you said\" is %q, want the quote erased", d.name, got.YouSaid)
			}
			list, err := d.db.ListActionTranslations(bg(), a.ID)
			if err != nil || len(list) != 1 {
				t.Fatalf("%s: translations %+v %v", d.name, list, err)
			}
			if _, has := list[0].Texts["youSaid"]; has {
				t.Errorf("%s: the translation still has a \"you said\": %q", d.name, list[0].Texts["youSaid"])
			}
			// Bo's "we did" edits are kept: stored, or in a conflict to decide.
			cs, err := d.db.FindConflicts(bg())
			if err != nil {
				t.Fatal(err)
			}
			held := string(must(json.Marshal(got.Action))) + string(must(json.Marshal(list[0])))
			for _, c := range cs {
				held += string(c.Winner.Value) + string(c.Loser.Value)
			}
			for _, w := range []string{edited.WeDid, "Winda została naprawiona 1 grudnia"} {
				if !strings.Contains(held, w) {
					t.Errorf("%s: Bo's edit %q is neither stored nor in a conflict", d.name, w)
				}
			}
		}
		// Bo's new action was refused (the server has no "you said" of its own to keep);
		// the other action keeps the server's "you said".
		if _, rejected, _ := bo.counts(); rejected != 1 {
			t.Errorf("Bo: %d changes rejected, want his new action quoting the erased comment", rejected)
		}
		for _, d := range []*device{ada, bo} {
			got, err := d.db.FindAction(bg(), other.ID)
			if err != nil || got.YouSaid != "The café is too cold" {
				t.Errorf("%s: the other action's \"you said\" is %q (%v), want the server's", d.name, got.YouSaid, err)
			}
		}
		want := serverData(t, s.store, s.team.ID)
		for _, d := range []*device{ada, bo} {
			got := d.data()
			if d == bo {
				delete(got, key(involve.EntityAction, fresh.ID)) // the refused record stays on the laptop that made it
			}
			if lines := diff("server", want, d.name, got, d.name, 20); len(lines) > 0 {
				t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
			}
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

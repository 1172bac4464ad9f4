package synctest_test

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncer"
	"github.com/hin-south-london/involve/app/synctest"
)

// clientOf is a raw protocol client with a laptop's own token.
func clientOf(t testing.TB, d *device, url string) *syncer.Client {
	t.Helper()
	set, err := d.db.SyncSettings(bg())
	if err != nil {
		t.Fatal(err)
	}
	return syncer.NewClient(url, set.DeviceToken, d.hc, syncer.CompressNever)
}

func changesOf(batch []syncer.OutboxEntry) []syncapi.Change {
	out := make([]syncapi.Change, len(batch))
	for i, e := range batch {
		out[i] = syncapi.Change{ChangeID: e.ChangeID, Entity: e.Entity, RecordID: e.RecordID, BaseRev: e.BaseRev, Rev: e.Rev, State: e.State}
	}
	return out
}

// concurrentEdits gives Ada a batch whose changes get every accepted status: new
// records (applied), a field Bo changed too (conflict), another field of a record Bo
// changed (merged), and an edit of a record only Ada changed (applied).
func concurrentEdits(t *testing.T, ada, bo *device) {
	t.Helper()
	s, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "Library drop-in", Date: "2026-11-24", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: "More benches"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: "Quieter room"})
	if err != nil {
		t.Fatal(err)
	}
	ada.mustSync()
	bo.mustSync()
	// Bo changes the session's title and the first feedback's text.
	bs, _ := bo.db.FindSessionByID(bg(), s.ID)
	in := bs.SessionInput
	in.Title = "Library drop-in (Bo)"
	if _, err := bo.db.UpdateSession(bg(), s.ID, involve.SessionInput{}, in); err != nil {
		t.Fatal(err)
	}
	bf, _ := bo.db.FindFeedbackByID(bg(), f.ID)
	fin := bf.FeedbackInput
	fin.Text = "More benches, please (Bo)"
	if _, err := bo.db.UpdateFeedback(bg(), f.ID, involve.FeedbackInput{}, fin); err != nil {
		t.Fatal(err)
	}
	bo.mustSync()
	// Ada, offline: the same title, another field of the feedback, the other
	// feedback, and new records.
	in = s.SessionInput
	in.Title = "Library drop-in (Ada)"
	if _, err := ada.db.UpdateSession(bg(), s.ID, involve.SessionInput{}, in); err != nil {
		t.Fatal(err)
	}
	fin = f.FeedbackInput
	five := 5
	fin.Rating = &five
	if _, err := ada.db.UpdateFeedback(bg(), f.ID, involve.FeedbackInput{}, fin); err != nil {
		t.Fatal(err)
	}
	gin := g.FeedbackInput
	gin.Text = "Quieter room, and a hearing loop"
	if _, err := ada.db.UpdateFeedback(bg(), g.ID, involve.FeedbackInput{}, gin); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := ada.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: s.ID, Text: fmt.Sprintf("New card %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ada.db.CreateTheme(bg(), "Seating"); err != nil {
		t.Fatal(err)
	}
}

// TestSamePushTwice: the same batch — with applied, merged and conflict results —
// pushed a second time, and then twice more at the same moment, is answered
// "duplicate" with the first answers (revision, state, conflict ids), and changes
// nothing on the server; taking the second answer on the laptop changes nothing
// either.
func TestSamePushTwice(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		st := newStack(t, kind)
		ada := st.enrol(t, "Ada")
		bo := st.enrol(t, "Bo")
		concurrentEdits(t, ada, bo)

		batch, err := ada.db.TakePushBatch(bg(), 0, 0, 1000)
		if err != nil {
			t.Fatal(err)
		}
		changes := changesOf(batch)
		c := clientOf(t, ada, st.ts.URL)
		first, err := c.Push(bg(), changes)
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[string]int{}
		for _, r := range first.Results {
			statuses[r.Status]++
		}
		if statuses[syncapi.StatusApplied] == 0 || statuses[syncapi.StatusMerged] == 0 || statuses[syncapi.StatusConflict] == 0 {
			t.Fatalf("first push: %v; the test needs applied, merged and conflict results", statuses)
		}
		before := serverData(t, st.store, st.team.ID)

		check := func(name string, second syncapi.PushResponse) {
			t.Helper()
			if len(second.Results) != len(first.Results) {
				t.Fatalf("%s: %d results, want %d", name, len(second.Results), len(first.Results))
			}
			for i, r := range second.Results {
				f := first.Results[i]
				if r.ChangeID != f.ChangeID || r.Status != syncapi.StatusDuplicate || r.Rev != f.Rev ||
					!jsonEq(r.State, f.State) || fmt.Sprint(r.Conflicts) != fmt.Sprint(f.Conflicts) {
					t.Errorf("%s: result %d = %+v, want a duplicate of %+v", name, i, r, f)
				}
			}
			if lines := diff("after the first push", before, name, serverData(t, st.store, st.team.ID), "", 10); len(lines) > 0 {
				t.Errorf("%s changed the server's data:\n  %v", name, lines)
			}
		}
		second, err := c.Push(bg(), changes)
		if err != nil {
			t.Fatal(err)
		}
		check("the second push", second)

		// Twice more, at once (two requests racing for the team's transaction).
		var wg sync.WaitGroup
		answers := make([]syncapi.PushResponse, 2)
		errs := make([]error, 2)
		for i := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				answers[i], errs[i] = c.Push(bg(), changes)
			}()
		}
		wg.Wait()
		for i := range answers {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			check(fmt.Sprintf("concurrent push %d", i+1), answers[i])
		}

		// The laptop takes the first answer, then the duplicate answer as well (the
		// app and the command line both syncing): nothing more changes.
		if _, err := syncer.ApplyPushResults(bg(), ada.db, batch, first.Results); err != nil {
			t.Fatal(err)
		}
		mine := ada.data()
		// (The tally still counts those answers as duplicates, though they changed
		// nothing here: only the data is checked.)
		if _, err := syncer.ApplyPushResults(bg(), ada.db, batch, second.Results); err != nil {
			t.Fatal(err)
		}
		if lines := diff("before", mine, "after", ada.data(), "", 10); len(lines) > 0 {
			t.Errorf("taking the duplicate answer changed Ada's data:\n  %v", lines)
		}
		if p, _, _ := ada.counts(); p != 0 {
			t.Errorf("%d changes still waiting", p)
		}
		final := settle(t, st.store, st.team.ID, ada, bo)
		if n := len(final.conflicts()); n != statuses[syncapi.StatusConflict] {
			t.Errorf("%d conflict records, want %d (one per conflicting change, none from the repeats)", n, statuses[syncapi.StatusConflict])
		}
	})
}

// TestLostAnswer: the server commits a push, but the answer never reaches the laptop
// (dropped, cut half way, or replaced by a proxy's 502). The laptop edits a record of
// that push again, another laptop edits one too, and then the laptop syncs again: the
// resent changes are answered "duplicate" and acknowledged, the new edit goes up on
// top of them, nothing is doubled, and everything converges. A pull answer cut half
// way is harmless too.
func TestLostAnswer(t *testing.T) {
	for _, kind := range storeKinds {
		for _, fault := range []synctest.Fault{synctest.DropResponse, synctest.CutResponse, synctest.BadGatewayAfter} {
			t.Run(kind+"/"+fault.String(), func(t *testing.T) {
				needStore(t, kind)
				st := newStack(t, kind)
				proxy := synctest.NewProxy(st.ts.URL)
				defer proxy.Close()
				ada := newDevice(t, "Ada", proxy.URL, st.code(st.team.ID))
				bo := newDevice(t, "Bo", proxy.URL, st.code(st.team.ID))
				concurrentEdits(t, ada, bo)
				sent := ada.pending()
				records := len(serverData(t, st.store, st.team.ID))

				// Ada's next request is the push: its answer is lost after the commit.
				proxy.Script(synctest.Action{Fault: fault, Frac: 0.5})
				n0 := len(proxy.Log())
				a := newAcks()
				if _, err := a.sync(ada); err == nil || !syncer.Retryable(err) {
					t.Fatalf("sync whose push answer was lost: %v, want a retryable error", err)
				}
				if ev := proxy.Log()[n0:]; len(ev) != 1 || ev[0].Path != "/v1/sync/push" || ev[0].Status != 200 {
					t.Fatalf("proxy log %+v: want the push alone, answered 200 by the server", ev)
				}
				if got := len(ada.pending()); got != len(sent) {
					t.Fatalf("%d changes waiting after the lost answer, want all %d (none was acknowledged)", got, len(sent))
				}
				after := serverData(t, st.store, st.team.ID)
				if len(after) <= records {
					t.Fatalf("the server has %d records, as before the push: the push was not committed", len(after))
				}

				// Meanwhile: Bo pulls and edits one of Ada's new cards; Ada edits another.
				bo.mustSync()
				var mine, theirs *involve.Feedback
				for _, f := range bo.view().feedback {
					if len(f.Text) > 8 && f.Text[:8] == "New card" {
						if theirs == nil {
							theirs = f
						} else if mine == nil {
							mine = f
						}
					}
				}
				if mine == nil || theirs == nil {
					t.Fatal("Bo did not pull Ada's committed cards")
				}
				in := theirs.FeedbackInput
				in.Text += " (Bo)"
				if _, err := bo.db.UpdateFeedback(bg(), theirs.ID, involve.FeedbackInput{}, in); err != nil {
					t.Fatal(err)
				}
				bo.mustSync()
				in = mine.FeedbackInput
				in.Text += " (Ada, after the lost answer)"
				if _, err := ada.db.UpdateFeedback(bg(), mine.ID, involve.FeedbackInput{}, in); err != nil {
					t.Fatal(err)
				}

				// Ada syncs again; this time the first pull answer is cut.
				proxy.Script(synctest.Action{}, synctest.Action{Fault: synctest.CutResponse, Frac: 0.3})
				sum, err := a.sync(ada)
				if err == nil {
					t.Fatal("the sync whose pull answer was cut succeeded")
				}
				t.Logf("%d changes sent when the answer was lost; the resend: %+v", len(sent), sum.Push)
				if sum.Push.Duplicate != len(sent) || sum.Push.Accepted() != len(sent)+1 {
					t.Errorf("the resend: %+v; want all %d resent changes answered duplicate and the new edit taken", sum.Push, len(sent))
				}
				if _, err := a.sync(ada); err != nil {
					t.Fatal(err)
				}
				for id := range sent {
					if _, ok := a.byID[id]; !ok {
						t.Errorf("change %s was never acknowledged", id)
					}
				}
				final := settle(t, st.store, st.team.ID, ada, bo)
				a.check(t, st.store, st.team.ID, final)
				texts := map[string]int{}
				for k := range final {
					m := final.fields(k)
					var text string
					json.Unmarshal(m["text"], &text)
					if text != "" {
						texts[text]++
					}
				}
				for text, n := range texts {
					if n > 1 {
						t.Errorf("%d records with the text %q: a resent change was stored again", n, text)
					}
				}
				if n, want := nonConflicts(final), nonConflicts(after); n != want {
					t.Errorf("%d records on the server, want %d as right after the lost answer: the resend stored something again", n, want)
				}
			})
		}
	}
}

// nonConflicts counts a dataset's records other than conflict records.
func nonConflicts(ds dataset) int {
	return len(ds) - len(ds.conflicts())
}

package synctest_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestQuestionSetEditedWhileAnswersArrive is issue 15's convergence test of a set
// edited on one laptop while another captures answers to it. Ada and Bo both hold
// version 1 of a set. Bo, offline at a kiosk day, captures two feedback items with
// responses to version 1: one that chose the bus and one that chose the car. Ada,
// offline, has no answers, so she edits version 1 in place: she removes the car
// choice. The server decides (app/server/rules_questions.go), whichever laptop syncs
// first:
//   - Ada first: her edit is stored; Bo's response that chose the car no longer fits
//     the version and is refused (the laptop shows it on its Rejected screen, the
//     answers kept there); the other response and both feedback items are stored;
//   - Bo first: his responses are stored; Ada's edit of an answered version's
//     questions is refused with "edit it again to make a new version"; she does: she
//     makes version 2 with her edit and puts version 1 back as the server holds it.
//
// Either way nothing is silently lost (each refusal is on its laptop's Rejected screen
// with its reason), and after syncing every laptop holds exactly the server's records
// except the refused change's own record on the laptop that made it.
func TestQuestionSetEditedWhileAnswersArrive(t *testing.T) {
	for _, order := range []string{"edit first", "answers first"} {
		t.Run(order, func(t *testing.T) {
			eachStore(t, storeKinds, func(t *testing.T, kind string) {
				s := newStack(t, kind)
				ada, bo := s.enrol(t, "Ada"), s.enrol(t, "Bo")
				sess, err := ada.db.CreateSession(bg(), involve.SessionInput{Title: "Kiosk day", Date: "2026-11-24", Type: "workshop"})
				if err != nil {
					t.Fatal(err)
				}
				v1 := &involve.QuestionSet{Version: 1, Name: "Travel", Purpose: "Where the new clinic goes", Questions: []involve.Question{
					{ID: "travel", Type: involve.QuestionSingle, Text: "How did you come?", Required: true,
						Choices: []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "car", Label: "Car"}, {Code: "walk", Label: "On foot"}}},
					{ID: "why", Type: involve.QuestionText, Text: "Why?"},
				}}
				if _, err := ada.db.CreateDoc(bg(), v1); err != nil {
					t.Fatal(err)
				}
				ada.mustSync()
				bo.mustSync()
				original := cloneDoc(v1).(*involve.QuestionSet)

				// Bo captures two answered items, offline.
				capture := func(choice, why string) *involve.Response {
					// (with a comment: the laptop's feedback table keeps "answered" only
					// from migration 0008, the store helper's)
					f, err := bo.db.CreateFeedback(bg(), involve.FeedbackInput{SessionID: sess.ID, Source: "kiosk", Text: "Comment: " + why,
						Themes: []string{}})
					if err != nil {
						t.Fatal(err)
					}
					r := &involve.Response{SessionID: sess.ID, FeedbackID: f.ID, QuestionSetID: v1.ID, Language: "en",
						Answers: []involve.Answer{{Question: "travel", Choices: []string{choice}}, {Question: "why", Text: why}}}
					if _, err := bo.db.CreateDoc(bg(), r); err != nil {
						t.Fatal(err)
					}
					return r
				}
				byBus, byCar := capture("bus", "It stops outside"), capture("car", "No bus on Sundays")

				// Ada, offline with no answers, edits version 1 in place.
				loaded, err := ada.db.FindDoc(bg(), involve.EntityQuestionSet, v1.ID)
				if err != nil {
					t.Fatal(err)
				}
				edited := cloneDoc(loaded).(*involve.QuestionSet)
				edited.Questions[0].Choices = []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "walk", Label: "On foot"}}
				if _, err := ada.db.UpdateDoc(bg(), involve.EntityQuestionSet, v1.ID, loaded, edited); err != nil {
					t.Fatal(err)
				}

				first, second := ada, bo
				if order == "answers first" {
					first, second = bo, ada
				}
				first.mustSync()
				second.mustSync()

				// What was refused, and where it shows.
				refused := map[*device]string{} // the record a laptop keeps unlike the server's
				switch order {
				case "edit first":
					wantRejected(t, bo, involve.EntityResponse, byCar.ID, "the answer car is not one of its choices")
					refused[bo] = key(involve.EntityResponse, byCar.ID)
				case "answers first":
					wantRejected(t, ada, involve.EntityQuestionSet, v1.ID, involve.ErrAnsweredVersion)
					// Ada edits again, as the refusal says: her edit becomes version 2,
					// and version 1 is put back as the server holds it.
					ada.mustSync()
					v2 := cloneDoc(edited).(*involve.QuestionSet)
					v2.ID, v2.FamilyID, v2.Version, v2.Rev, v2.CreatedAt, v2.UpdatedAt = "", v1.ID, 2, 0, "", ""
					if _, err := ada.db.CreateDoc(bg(), v2); err != nil {
						t.Fatal(err)
					}
					cur, err := ada.db.FindDoc(bg(), involve.EntityQuestionSet, v1.ID)
					if err != nil {
						t.Fatal(err)
					}
					back := cloneDoc(cur).(*involve.QuestionSet)
					back.Questions = original.Questions
					if _, err := ada.db.UpdateDoc(bg(), involve.EntityQuestionSet, v1.ID, cur, back); err != nil {
						t.Fatal(err)
					}
				}
				for range 3 {
					for _, d := range []*device{ada, bo} {
						if sum := d.mustSync(); sum.Push.Rejected > 0 {
							t.Errorf("%s: %d more changes refused", d.name, sum.Push.Rejected)
						}
					}
				}

				want := serverData(t, s.store, s.team.ID)
				if _, ok := want[key(involve.EntityResponse, byBus.ID)]; !ok {
					t.Errorf("the response that fits both states of the set is not on the server")
				}
				if order == "answers first" {
					if _, ok := want[key(involve.EntityResponse, byCar.ID)]; !ok {
						t.Errorf("a response captured before the edit reached the server is not on it")
					}
					if !strings.Contains(want[key(involve.EntityQuestionSet, v1.ID)], `"car"`) {
						t.Errorf("the server's version 1 lost the choice its answers name: %s", want[key(involve.EntityQuestionSet, v1.ID)])
					}
				}
				for _, d := range []*device{ada, bo} {
					if p, _, _ := d.counts(); p != 0 {
						t.Errorf("%s: %d changes still waiting", d.name, p)
					}
					got := d.data()
					if k := refused[d]; k != "" {
						if _, ok := got[k]; !ok {
							t.Errorf("%s: the refused record %s is gone from the laptop", d.name, k)
						}
						delete(got, k)
					}
					if lines := diff("server", want, d.name, got, d.name, 10); len(lines) > 0 {
						t.Errorf("%s differs from the server:\n  %s", d.name, strings.Join(lines, "\n  "))
					}
				}
			})
		})
	}
}

// wantRejected checks that the laptop shows exactly one refused change, of the record,
// with the reason.
func wantRejected(t *testing.T, d *device, entity, id, why string) {
	t.Helper()
	list, err := d.db.FindRejectedChanges(bg())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Entity != entity || list[0].RecordID != id || !strings.Contains(list[0].Reason, why) {
		t.Errorf("%s's rejected changes: %+v; want the %s %s refused with %q", d.name, list, entity, id, why)
	}
}

package servertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// The server decides about question sets (issue 15; app/server/rules_questions.go):
// responses against the version they name and their feedback item, answered versions
// keep their questions, later versions name a set's first version, translations hold
// the version's keys; and erasing a comment erases the words of its answers.

// QuestionSet is a set's first version (not yet pushed): how people came (one choice,
// with "Other, please say"; required), why (free text) and their age (a number).
func QuestionSet(id string) *involve.QuestionSet {
	lo, hi := 0.0, 120.0
	s := &involve.QuestionSet{Version: 1, Name: "Clinic travel", Purpose: "Where to put the new clinic",
		Questions: []involve.Question{
			{ID: "travel", Type: involve.QuestionSingle, Text: "How did you get here?", Required: true,
				Choices: []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "car", Label: "Car"}}, Other: true},
			{ID: "why", Type: involve.QuestionText, Text: "Why did you choose it?"},
			{ID: "age", Type: involve.QuestionNumber, Text: "How old are you?", Min: &lo, Max: &hi},
		}}
	s.ID = id
	return s
}

// answeredFeedback is a feedback item that carries answers, with words or none.
func answeredFeedback(text string) *involve.Feedback {
	f := NewFeedback(text)
	f.Answered = true
	return f
}

// NewResponse is a response of f (its session) to the set version setID.
func NewResponse(f *involve.Feedback, setID string, answers ...involve.Answer) *involve.Response {
	r := &involve.Response{SessionID: f.SessionID, FeedbackID: f.ID, QuestionSetID: setID, Language: "en", Answers: answers}
	r.ID = ruleID()
	return r
}

func fnum(v float64) *float64 { return &v }

// testRulesQuestionSets: what the server takes of question sets, responses and
// translations, whatever the order of an honest laptop's outbox.
func testRulesQuestionSets(t *testing.T, open Open) {
	_, d := envWithDevice(t, open)
	bus := involve.Answer{Question: "travel", Choices: []string{"bus"}}

	// A response to a version the server has not got is refused; with the version
	// before it (or after it) in the same push, it is taken.
	set := QuestionSet(ruleID())
	f := answeredFeedback("")
	wantStatuses(t, "feedback", d.Push(d.Change(involve.EntityFeedback, f, 0)), []string{applied}, "")
	wantStatuses(t, "response to an unknown version", d.Push(d.Change(involve.EntityResponse, NewResponse(f, set.ID, bus), 0)),
		[]string{rejected}, "is not on the server")
	f2 := answeredFeedback("Came by bus")
	res := d.Push(d.Change(involve.EntityResponse, NewResponse(f2, set.ID, bus), 0), d.Change(involve.EntityFeedback, f2, 0),
		d.Change(involve.EntityQuestionSet, set, 0))
	wantStatuses(t, "response before its set and item in one push", res, []string{applied, applied, applied}, "")
	setRev := res[2].Rev
	origRev := setRev
	res = d.Push(d.Change(involve.EntityResponse, NewResponse(f, set.ID, bus, involve.Answer{Question: "why", Text: "Cheap"},
		involve.Answer{Question: "age", Number: fnum(40)}), 0))
	wantStatuses(t, "a full response", res, []string{applied}, "")

	// Answers that do not fit the version.
	for _, c := range []struct {
		what    string
		answers []involve.Answer
		why     string
	}{
		{"a choice the question has not", []involve.Answer{{Question: "travel", Choices: []string{"train"}}}, "is not one of its choices"},
		{"the required question left out", []involve.Answer{{Question: "why", Text: "No reason"}}, "Answer question 1"},
		{"an unknown question", []involve.Answer{bus, {Question: "colour", Text: "Blue"}}, "There is no question colour"},
		{"a number out of range", []involve.Answer{bus, {Question: "age", Number: fnum(400)}}, "out of range"},
		{"words without Other", []involve.Answer{{Question: "travel", Choices: []string{"car"}, Text: "Taxi"}}, "Other, please say"},
	} {
		wantStatuses(t, c.what, d.Push(d.Change(involve.EntityResponse, NewResponse(f, set.ID, c.answers...), 0)), []string{rejected}, c.why)
	}
	// The feedback item must be on the server, and of the response's session.
	wantStatuses(t, "response of an unknown feedback item", d.Push(d.Change(involve.EntityResponse, NewResponse(answeredFeedback(""), set.ID, bus), 0)),
		[]string{rejected}, "feedback item these answers belong to")
	moved := NewResponse(f, set.ID, bus)
	moved.SessionID = ruleID()
	wantStatuses(t, "response of another session", d.Push(d.Change(involve.EntityResponse, moved, 0)), []string{rejected}, "another session")

	// An answered version keeps its questions; its name may change.
	edited := *set
	edited.Questions = append([]involve.Question(nil), set.Questions...)
	edited.Questions[1].Text = "Why that way?"
	r := d.Push(d.Change(involve.EntityQuestionSet, &edited, setRev))[0]
	if r.Status != rejected || r.Code != syncapi.EINVALID || r.Reason != involve.ErrAnsweredVersion {
		t.Errorf("questions of an answered version changed: %+v, want rejected with %q", r, involve.ErrAnsweredVersion)
	}
	renamed := *set
	renamed.Name, renamed.Archived = "Clinic travel 2026", true
	res = d.Push(d.Change(involve.EntityQuestionSet, &renamed, setRev))
	wantStatuses(t, "answered version renamed and archived", res, []string{applied}, "")
	setRev = res[0].Rev
	// A merge that would change the questions is judged too (an edit of the questions
	// made from the state before the renaming is merged with the stored state).
	other := *set
	other.Questions = set.Questions[:1]
	r = d.Push(d.Change(involve.EntityQuestionSet, &other, origRev))[0]
	if r.Status != rejected || r.Reason != involve.ErrAnsweredVersion {
		t.Errorf("a merged change of an answered version's questions: %+v", r)
	}

	// An unanswered version is edited in place; a deleted response still counts.
	fresh := QuestionSet(ruleID())
	res = d.Push(d.Change(involve.EntityQuestionSet, fresh, 0))
	freshRev := res[0].Rev
	inPlace := *fresh
	inPlace.Questions = fresh.Questions[:2]
	res = d.Push(d.Change(involve.EntityQuestionSet, &inPlace, freshRev))
	wantStatuses(t, "unanswered version edited in place", res, []string{applied}, "")
	freshRev = res[0].Rev
	gone := NewResponse(f, fresh.ID, bus)
	gone.DeletedAt = involve.FormatTime(time.Now())
	wantStatuses(t, "deleted response", d.Push(d.Change(involve.EntityResponse, gone, 0)), []string{applied}, "")
	again := inPlace
	again.Questions = fresh.Questions[:1]
	if r := d.Push(d.Change(involve.EntityQuestionSet, &again, freshRev))[0]; r.Status != rejected || r.Reason != involve.ErrAnsweredVersion {
		t.Errorf("a version named by a deleted response changed its questions: %+v", r)
	}

	// Later versions name a set's first version.
	v2 := QuestionSet(ruleID())
	v2.FamilyID, v2.Version = set.ID, 2
	v2.Questions[1].Text = "Why that way?"
	lost := QuestionSet(ruleID())
	lost.FamilyID, lost.Version = ruleID(), 2
	v3 := QuestionSet(ruleID())
	v3.FamilyID, v3.Version = v2.ID, 3
	res = d.Push(d.Change(involve.EntityQuestionSet, v2, 0), d.Change(involve.EntityQuestionSet, lost, 0), d.Change(involve.EntityQuestionSet, v3, 0))
	wantStatuses(t, "later versions", res, []string{applied, rejected, rejected}, "not on the server as a set's first version")
	moveV2 := *v2
	moveV2.FamilyID = fresh.ID
	wantStatuses(t, "version moved to another set", d.Push(d.Change(involve.EntityQuestionSet, &moveV2, res[0].Rev)), []string{rejected},
		"cannot move to another set")
	wantStatuses(t, "response to version 2", d.Push(d.Change(involve.EntityResponse, NewResponse(f2, v2.ID, bus), 0)), []string{applied}, "")

	// Translations hold the version's keys; the kiosk's words are free.
	tr := &involve.Translation{Of: set.ID, Language: "es", LanguageName: "Español", Texts: map[string]string{"name": "Viaje",
		"q.travel.c.bus": "Autobús", "q.travel.other": "Otro"}}
	tr.ID = ruleID()
	bad := &involve.Translation{Of: set.ID, Language: "pl", LanguageName: "Polski", Texts: map[string]string{"q.colour.text": "Kolor"}}
	bad.ID = ruleID()
	unknown := &involve.Translation{Of: ruleID(), Language: "ar", LanguageName: "العربية", Texts: map[string]string{"name": "سفر"}}
	unknown.ID = ruleID()
	kiosk := &involve.Translation{Of: involve.KioskWords, Language: "es", LanguageName: "Español", Texts: map[string]string{"start.button": "Empezar"}}
	kiosk.ID = ruleID()
	res = d.Push(d.Change(involve.EntityTranslation, tr, 0), d.Change(involve.EntityTranslation, bad, 0),
		d.Change(involve.EntityTranslation, unknown, 0), d.Change(involve.EntityTranslation, kiosk, 0))
	wantStatuses(t, "translations", res[:2], []string{applied, rejected}, "has no text q.colour.text")
	wantStatuses(t, "translations", res[2:], []string{rejected, applied}, "not on the server")

	// A translation made on a laptop that had not seen an in-place edit of the version
	// keeps the keys of its earlier state.
	stale := &involve.Translation{Of: fresh.ID, Language: "es", LanguageName: "Español", Texts: map[string]string{"q.age.text": "¿Edad?"}}
	stale.ID = ruleID()
	wrong := &involve.Translation{Of: fresh.ID, Language: "pl", LanguageName: "Polski", Texts: map[string]string{"q.colour.text": "Kolor"}}
	wrong.ID = ruleID()
	res = d.Push(d.Change(involve.EntityTranslation, stale, 0), d.Change(involve.EntityTranslation, wrong, 0))
	wantStatuses(t, "translations of a version edited in place", res, []string{applied, rejected}, "has no text q.colour.text")

	pulled := d.PullAll()
	for _, id := range []string{edited.ID, fresh.ID} {
		var s involve.QuestionSet
		json.Unmarshal(pulled[id].State, &s)
		if id == set.ID && (len(s.Questions) != 3 || s.Questions[1].Text != "Why did you choose it?" || s.Name != "Clinic travel 2026") {
			t.Errorf("stored answered version: %+v", s)
		}
		if id == fresh.ID && len(s.Questions) != 2 {
			t.Errorf("stored in-place version has %d questions, want 2", len(s.Questions))
		}
	}
	for _, id := range []string{lost.ID, v3.ID, bad.ID, unknown.ID, moved.ID, wrong.ID} {
		if _, ok := pulled[id]; ok {
			t.Errorf("refused record %s was stored", id)
		}
	}
}

// testErasureAnswers: erasing a comment erases the words of its answers (free text and
// "Other, please say") on the server, history included; choices and numbers stay; a
// later push of the response with its words is stored erased.
func testErasureAnswers(t *testing.T, open Open) {
	e := NewEnv(t, open)
	tm := e.Team("T")
	capture, lead := e.EnrolAs(tm.ID, involve.RoleNameCapture), e.EnrolAs(tm.ID, involve.RoleNameLead)
	set := QuestionSet(ruleID())
	f := answeredFeedback("")
	const words, other = "Zorbic lives at 12 Acacia Road", "Zorbic's neighbour drives"
	resp := NewResponse(f, set.ID, involve.Answer{Question: "travel", Choices: []string{involve.ChoiceOther}, Text: other},
		involve.Answer{Question: "why", Text: words}, involve.Answer{Question: "age", Number: fnum(71)})
	keep := NewResponse(f, set.ID, involve.Answer{Question: "travel", Choices: []string{"bus"}})
	f2 := NewFeedback("Another comment")
	unrelated := NewResponse(f2, set.ID, involve.Answer{Question: "travel", Choices: []string{"car"}}, involve.Answer{Question: "why", Text: "Zorbic parking"})
	rc := capture.Change(involve.EntityResponse, resp, 0)
	res := capture.Push(capture.Change(involve.EntityQuestionSet, set, 0), capture.Change(involve.EntityFeedback, f, 0), rc,
		capture.Change(involve.EntityResponse, keep, 0), capture.Change(involve.EntityFeedback, f2, 0), capture.Change(involve.EntityResponse, unrelated, 0))
	wantStatuses(t, "setup", res, []string{applied, applied, applied, applied, applied, applied}, "")
	// An edit: a second revision holding the words.
	e.Clock.Advance(time.Second)
	edited := *resp
	edited.Language = "es"
	capture.Push(capture.Change(involve.EntityResponse, &edited, res[2].Rev))
	unrelatedRev := res[5].Rev

	e.Clock.Advance(time.Minute)
	er := &involve.Erasure{SubjectEntity: involve.EntityFeedback, SubjectID: f.ID, ErasedBy: "Lead"}
	er.ID = ruleID()
	if r := lead.Push(lead.Change(involve.EntityErasure, er, 0))[0]; r.Status != syncapi.StatusApplied {
		t.Fatalf("erasure: %+v", r)
	}
	pulled := e.Enrol(tm.ID).PullAll()
	var got involve.Response
	json.Unmarshal(pulled[resp.ID].State, &got)
	if strings.Contains(string(pulled[resp.ID].State), "Zorbic") || len(got.Answers) != 3 ||
		got.Answers[0].Text != involve.ErasedAnswer || got.Answers[0].Choices[0] != involve.ChoiceOther ||
		got.Answers[1].Text != involve.ErasedAnswer || *got.Answers[2].Number != 71 || got.HasText() {
		t.Errorf("pulled response after the erasure: %s", pulled[resp.ID].State)
	}
	if pulled[unrelated.ID].Rev != unrelatedRev || !strings.Contains(string(pulled[unrelated.ID].State), "Zorbic parking") {
		t.Errorf("another comment's response was rewritten: %s", pulled[unrelated.ID].State)
	}
	ctx := context.Background()
	err := e.Store.InTeamTx(ctx, tm.ID, func(tx serverstore.Tx) error {
		for _, id := range []string{resp.ID, keep.ID} {
			states, err := tx.RevisionStates(ctx, tm.ID, id)
			if err != nil {
				return err
			}
			if len(states) != 1 || strings.Contains(string(states[0]), "Zorbic") {
				t.Errorf("revisions of response %s after the erasure: %s", id, states)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The capture laptop pushes the response again, words and all (an edit made
	// offline): it is stored erased and the laptop gets the erased state.
	e.Clock.Advance(time.Second)
	late := *resp
	late.Answers = append([]involve.Answer(nil), resp.Answers...)
	late.Answers[2].Number = fnum(72)
	r := capture.Push(capture.Change(involve.EntityResponse, &late, res[2].Rev))[0]
	if r.Status != syncapi.StatusMerged || strings.Contains(string(r.State), "Zorbic") {
		t.Errorf("a later push of the response with its words: %+v", r)
	}
	// A new response of the erased comment, pushed late, is stored erased too.
	newer := NewResponse(f, set.ID, involve.Answer{Question: "travel", Choices: []string{"bus"}}, involve.Answer{Question: "why", Text: words})
	r = capture.Push(capture.Change(involve.EntityResponse, newer, 0))[0]
	if r.Status != syncapi.StatusMerged || strings.Contains(string(r.State), "Zorbic") {
		t.Errorf("a new response of the erased comment: %+v", r)
	}
	for id, p := range e.Enrol(tm.ID).PullAll() {
		if p.Entity == involve.EntityResponse && id != unrelated.ID && strings.Contains(string(p.State), "Zorbic") {
			t.Errorf("response %s holds erased words: %s", id, p.State)
		}
	}
}

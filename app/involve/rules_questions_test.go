package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func twoQuestions() *involve.QuestionSet {
	s := &involve.QuestionSet{Version: 1, Name: "Travel", Questions: []involve.Question{
		{ID: "travel", Type: involve.QuestionSingle, Text: "How did you come?", Required: true, Other: true,
			Choices: []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "car", Label: "Car"}}},
		{ID: "why", Type: involve.QuestionText, Text: "Why?"},
	}}
	s.ID = "0195f3a4-0000-7000-8000-00000000a001"
	return s
}

// TestCheckQuestionSetChange: an answered version keeps its questions; its name may
// change; an unanswered one changes in place; no version moves to another family.
func TestCheckQuestionSetChange(t *testing.T) {
	prev := twoQuestions()
	renamed, edited, moved := *prev, *prev, *prev
	renamed.Name, renamed.Archived = "Travel 2026", true
	edited.Questions = prev.Questions[:1]
	moved.FamilyID, moved.Version = "0195f3a4-0000-7000-8000-00000000a009", 2
	if err := involve.CheckQuestionSetChange(prev, &renamed, true); err != nil {
		t.Errorf("renamed answered version: %v", err)
	}
	if err := involve.CheckQuestionSetChange(prev, &edited, true); involve.ErrorMessage(err) != involve.ErrAnsweredVersion {
		t.Errorf("answered version's questions changed: %v", err)
	}
	if err := involve.CheckQuestionSetChange(prev, &edited, false); err != nil {
		t.Errorf("unanswered version edited in place: %v", err)
	}
	if err := involve.CheckQuestionSetChange(prev, &moved, false); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("version moved to another set: %v", err)
	}
	if err := involve.CheckQuestionSetChange(nil, &edited, true); err != nil {
		t.Errorf("new version: %v", err)
	}
}

// TestCheckResponseAndTranslation: a response needs its version and its item (of its
// session) and answers that fit; a translation's keys are those of any state of its
// version; the kiosk's words are free.
func TestCheckResponseAndTranslation(t *testing.T) {
	set := twoQuestions()
	f := &involve.Feedback{}
	f.SessionID = "0195f3a4-0000-7000-8000-00000000b001"
	otherSession := &involve.Feedback{}
	otherSession.SessionID = "0195f3a4-0000-7000-8000-00000000b002"
	r := &involve.Response{SessionID: f.SessionID, QuestionSetID: set.ID, Answers: []involve.Answer{{Question: "travel", Choices: []string{"bus"}}}}
	if err := involve.CheckResponse(r, set, f); err != nil {
		t.Errorf("good response: %v", err)
	}
	for what, c := range map[string]struct {
		set *involve.QuestionSet
		f   *involve.Feedback
		r   involve.Response
		why string
	}{
		"no version":    {nil, f, *r, "not on the server"},
		"no item":       {set, nil, *r, "feedback item"},
		"other session": {set, otherSession, *r, "another session"},
		"bad choice":    {set, f, involve.Response{SessionID: f.SessionID, Answers: []involve.Answer{{Question: "travel", Choices: []string{"tram"}}}}, "not one of its choices"},
	} {
		if err := involve.CheckResponse(&c.r, c.set, c.f); err == nil || !strings.Contains(err.Error(), c.why) {
			t.Errorf("%s: %v, want %q", what, err, c.why)
		}
	}
	gone := *r
	gone.DeletedAt = "2026-11-01T00:00:00.000Z"
	if err := involve.CheckResponse(&gone, nil, nil); err != nil {
		t.Errorf("a deletion is not judged: %v", err)
	}

	tr := &involve.Translation{Of: set.ID, Texts: map[string]string{"q.why.text": "¿Por qué?"}}
	edited := *set
	edited.Questions = set.Questions[:1]
	if err := involve.CheckTranslationOf(tr, []*involve.QuestionSet{&edited}); err == nil {
		t.Errorf("a key of no state passed")
	}
	if err := involve.CheckTranslationOf(tr, []*involve.QuestionSet{&edited, set}); err != nil {
		t.Errorf("a key of an earlier state: %v", err)
	}
	if err := involve.CheckTranslationOf(tr, nil); err == nil {
		t.Errorf("a translation of an unknown version passed")
	}
	kiosk := &involve.Translation{Of: involve.KioskWords, Texts: map[string]string{"anything.at_all": "x"}}
	if err := involve.CheckTranslationOf(kiosk, nil); err != nil {
		t.Errorf("kiosk words: %v", err)
	}
}

// TestErasureOfAnswers: erasing a comment covers its responses: their words become
// ErasedAnswer, choices and numbers stay; another item's response is not covered.
func TestErasureOfAnswers(t *testing.T) {
	age := 40.0
	r := &involve.Response{FeedbackID: "0195f3a4-0000-7000-8000-00000000c001", Answers: []involve.Answer{
		{Question: "travel", Choices: []string{involve.ChoiceOther}, Text: "A friend's car"},
		{Question: "why", Text: "Near my home in Acacia Road"}, {Question: "age", Number: &age}}}
	e := &involve.Erasure{SubjectEntity: involve.EntityFeedback, SubjectID: r.FeedbackID}
	other := &involve.Erasure{SubjectEntity: involve.EntityFeedback, SubjectID: "0195f3a4-0000-7000-8000-00000000c002"}
	if other.Apply(r) || !r.HasText() {
		t.Fatalf("another item's erasure changed the response: %+v", r.Answers)
	}
	if !e.Apply(r) || r.HasText() || r.Answers[0].Text != involve.ErasedAnswer || r.Answers[0].Choices[0] != involve.ChoiceOther ||
		r.Answers[1].Text != involve.ErasedAnswer || *r.Answers[2].Number != 40 {
		t.Errorf("erased response: %+v", r.Answers)
	}
	if e.Apply(r) {
		t.Errorf("erasing twice changed it again")
	}
}

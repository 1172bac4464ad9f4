package desktop_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

func yesNoSet(name, text string) involve.QuestionSet {
	return involve.QuestionSet{Name: name, Purpose: "Helps us decide.", Questions: []involve.Question{
		{ID: "ok", Type: involve.QuestionYesNo, Text: text, Required: true},
		{ID: "why", Type: involve.QuestionText, Text: "Tell us more"}}}
}

// The kiosk asks only its session's sets (with their translations) and the kiosk's
// words added as data; a submission with answers goes through the same checks as
// quick capture's, all or nothing; the staff's question screens are refused.
func TestKioskQuestions(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 6, 13, 10, 0, 0, 0, time.UTC)}
	a := openKioskApp(t, dir, clock)
	t.Cleanup(func() { desktop.Shutdown(a) })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	asked, err := a.CreateQuestionSet(yesNoSet("Stall questions", "Would you use a video appointment?"))
	must(err)
	secret, err := a.CreateQuestionSet(yesNoSet("Steering group secret set", "Should the board merge the clinics?"))
	must(err)
	_, err = a.SaveTranslation(involve.Translation{Of: asked.ID, Language: "ar", LanguageName: "العربية",
		Texts: map[string]string{"q.ok.text": "هل تستخدم موعدًا بالفيديو؟"}})
	must(err)
	_, err = a.SaveTranslation(involve.Translation{Of: secret.ID, Language: "es", LanguageName: "Español",
		Texts: map[string]string{"name": "Conjunto secreto"}})
	must(err)
	_, err = a.SaveTranslation(involve.Translation{Of: involve.KioskWords, Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"thanks.title": "Dziękujemy"}})
	must(err)
	stall, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-06-13", Type: "outreach_stall",
		QuestionSets: []string{asked.ID}})
	must(err)
	_, err = a.CreateSession(involve.SessionInput{Title: "Steering group", Date: "2026-06-12", Type: "steering_group",
		QuestionSets: []string{secret.ID}, NoFFT: true})
	must(err)

	st, err := a.StartKiosk(stall.ID, "2468")
	must(err)
	if !st.Questions.FFT || len(st.Questions.Sets) != 1 || st.Questions.Sets[0].Set.ID != asked.ID ||
		len(st.Questions.Sets[0].Translations) != 1 || len(st.Words) != 1 || st.Words[0].Language != "pl" {
		t.Fatalf("kiosk state: %+v", st)
	}
	got, err := a.GetKioskState()
	must(err)
	b, _ := json.Marshal(got)
	for _, leak := range []string{"secret", "Secret", "secreto", "merge", "Steering"} {
		if strings.Contains(string(b), leak) {
			t.Errorf("the kiosk state holds %q: %s", leak, b)
		}
	}
	if _, err := a.ListQuestionSets(true); codeOf(t, a, err) != involve.EUNAUTHORIZED {
		t.Errorf("ListQuestionSets in kiosk mode: %v", err)
	}
	if _, err := a.GetSessionQuestions(stall.ID); codeOf(t, a, err) != involve.EUNAUTHORIZED {
		t.Errorf("GetSessionQuestions in kiosk mode: %v", err)
	}

	answer := func(setID string, answers ...involve.Answer) error {
		_, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{
			Responses: []involve.ResponseInput{{QuestionSetID: setID, Language: "ar", Answers: answers}}})
		return err
	}
	if err := answer(secret.ID, involve.Answer{Question: "ok", Choices: []string{"yes"}}); codeOf(t, a, err) != involve.EINVALID {
		t.Errorf("answers to another session's set: %v", err)
	}
	if err := answer(asked.ID, involve.Answer{Question: "ok", Choices: []string{"maybe"}}); codeOf(t, a, err) != involve.EINVALID {
		t.Errorf("an answer the question does not offer: %v", err)
	}
	must(answer(asked.ID, involve.Answer{Question: "why", Text: "No bus"}, involve.Answer{Question: "ok", Choices: []string{"no"}}))

	if _, err := a.LeaveKiosk("2468"); err != nil {
		t.Fatal(err)
	}
	items, err := a.ListFeedback(stall.ID)
	must(err)
	if len(items) != 1 || !items[0].Answered || items[0].Text != "" || items[0].Source != involve.SourceKiosk {
		t.Fatalf("kiosk items: %+v", items)
	}
	rs, err := a.ListFeedbackAnswers(items[0].ID)
	must(err)
	if len(rs) != 1 || rs[0].QuestionSetID != asked.ID || rs[0].Language != "ar" || rs[0].SessionID != stall.ID ||
		len(rs[0].Answers) != 2 || rs[0].Answers[0].Question != "ok" {
		t.Fatalf("kiosk answers: %+v", rs)
	}
}

// The façade's question screens: list, a version's page, a save that makes a new
// version once answered, quick capture's item with its answers (announced).
func TestQuestionSetScreens(t *testing.T) {
	a, rt, _ := newApp(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	starters, err := a.StarterQuestionSets()
	must(err)
	if len(starters) != 3 {
		t.Fatalf("%d starters", len(starters))
	}
	v1, err := a.CreateQuestionSet(starters[0])
	must(err)
	if v1.Starter == "" || v1.Version != 1 {
		t.Fatalf("set from a starter: %+v", v1)
	}
	s, err := a.CreateSession(involve.SessionInput{Title: "Event", Date: "2026-06-13", Type: "workshop", QuestionSets: []string{v1.ID}})
	must(err)
	q, err := a.GetSessionQuestions(s.ID)
	must(err)
	if len(q.Sets) != 1 || q.Sets[0].Set.ID != v1.ID {
		t.Fatalf("session questions: %+v", q)
	}
	var answers []involve.Answer
	for _, qu := range v1.Questions {
		if qu.Required {
			answers = append(answers, involve.Answer{Question: qu.ID, Choices: []string{qu.Choices[0].Code}})
		}
	}
	before := rt.count(desktop.EventDataChanged)
	f, err := a.CreateFeedbackWithAnswers(involve.FeedbackInput{SessionID: s.ID, Source: "comment_card"},
		[]involve.ResponseInput{{QuestionSetID: v1.ID, Answers: answers}})
	must(err)
	if !f.Answered || rt.count(desktop.EventDataChanged) != before+2 {
		t.Fatalf("feedback with answers: %+v, %d events", f, rt.count(desktop.EventDataChanged)-before)
	}
	edited := v1
	edited.Questions = append([]involve.Question(nil), v1.Questions...)
	edited.Questions[0].Text = "A changed question"
	saved, err := a.SaveQuestionSet(v1.ID, v1, edited)
	must(err)
	if !saved.NewVersion || saved.Set.Version != 2 {
		t.Fatalf("save of an answered set: %+v", saved)
	}
	view, err := a.GetQuestionSet(v1.ID)
	must(err)
	if !view.Answered || view.Newest || len(view.Versions) != 2 || view.Versions[0].Responses != 1 {
		t.Fatalf("version 1's page: %+v", view)
	}
	list, err := a.ListQuestionSets(false)
	must(err)
	if len(list) != 1 || list[0].ID != saved.Set.ID || list[0].FamilyID != v1.ID || list[0].Responses != 1 ||
		list[0].SessionsUsing != 1 || list[0].Languages == nil {
		t.Fatalf("list: %+v", list)
	}
}

package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func fptr(f float64) *float64 { return &f }

// everyTypeSet is a set with one question of each type, and a show-if.
func everyTypeSet() *involve.QuestionSet {
	abc := []involve.Choice{{Code: "a", Label: "A"}, {Code: "b", Label: "B"}, {Code: "c", Label: "C"}}
	return &involve.QuestionSet{Version: 1, Name: " Clinic ideas ", Purpose: "Which idea we test first",
		Questions: []involve.Question{
			{ID: "words", Type: involve.QuestionText, Text: "Tell us more", Choices: abc},
			{ID: "one", Type: involve.QuestionSingle, Text: "Pick one", Required: true, Choices: abc, Other: true, PreferNot: true},
			{ID: "many", Type: involve.QuestionMultiple, Text: "Pick any", Choices: abc, Other: true},
			{ID: "video", Type: involve.QuestionYesNo, Text: "Would you use a video appointment?", Required: true},
			{ID: "why_not", Type: involve.QuestionText, Text: "Why not?", Required: true, ShowIf: &involve.ShowIf{Question: "video", Answers: []string{"no"}}},
			{ID: "agree", Type: involve.QuestionScale, Text: "I agree", Faces: true, Choices: []involve.Choice{
				{Code: "p1", Label: "1"}, {Code: "p2", Label: "2"}, {Code: "p3", Label: "3"}, {Code: "p4", Label: "4"}, {Code: "p5", Label: "5"}}},
			{ID: "top", Type: involve.QuestionRanking, Text: "Your top 2", Pick: 2, Choices: abc},
			{ID: "visits", Type: involve.QuestionNumber, Text: "How many visits?", Min: fptr(0), Max: fptr(50)},
		}}
}

func TestQuestionSetValidates(t *testing.T) {
	s := everyTypeSet()
	if err := s.Validate(); err != nil {
		t.Fatalf("valid set refused: %v", err)
	}
	if s.Name != "Clinic ideas" || s.Questions[0].Choices != nil || len(s.Questions[3].Choices) != 3 {
		t.Errorf("not normalized: %q %v %v", s.Name, s.Questions[0].Choices, s.Questions[3].Choices)
	}
	for _, st := range involve.StarterSets() {
		st := st
		if err := st.Validate(); err != nil {
			t.Errorf("starter %s: %v", st.Starter, err)
		}
	}
	if len(involve.StarterSets()) != 3 {
		t.Errorf("want 3 starter sets")
	}
}

func TestQuestionSetRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(s *involve.QuestionSet)
		field string
	}{
		{"no name", func(s *involve.QuestionSet) { s.Name = "" }, "name"},
		{"no questions", func(s *involve.QuestionSet) { s.Questions = nil }, "questions"},
		{"too many", func(s *involve.QuestionSet) {
			for len(s.Questions) <= involve.MaxQuestions {
				q := s.Questions[0]
				q.ID = "x" + strings.Repeat("x", len(s.Questions))
				s.Questions = append(s.Questions, q)
			}
		}, "questions"},
		{"bad key", func(s *involve.QuestionSet) { s.Questions[0].ID = "Q 1" }, "questions.0.id"},
		{"repeated key", func(s *involve.QuestionSet) { s.Questions[1].ID = "words" }, "questions.1.id"},
		{"bad type", func(s *involve.QuestionSet) { s.Questions[0].Type = "essay" }, "questions.0.type"},
		{"one choice", func(s *involve.QuestionSet) { s.Questions[1].Choices = s.Questions[1].Choices[:1] }, "questions.1.choices"},
		{"choice code other", func(s *involve.QuestionSet) { s.Questions[1].Choices[0].Code = "other" }, "questions.1.choices.0.code"},
		{"repeated code", func(s *involve.QuestionSet) { s.Questions[1].Choices[1].Code = "a" }, "questions.1.choices.1.code"},
		{"pick too many", func(s *involve.QuestionSet) { s.Questions[6].Pick = 4 }, "questions.6.pick"},
		{"faces on 4 points", func(s *involve.QuestionSet) { s.Questions[5].Choices = s.Questions[5].Choices[:4] }, "questions.5.faces"},
		{"max below min", func(s *involve.QuestionSet) { s.Questions[7].Max = fptr(-1) }, "questions.7.max"},
		{"show-if on later", func(s *involve.QuestionSet) {
			s.Questions[1].ShowIf = &involve.ShowIf{Question: "video", Answers: []string{"no"}}
		}, "questions.1.showIf"},
		{"show-if on text", func(s *involve.QuestionSet) { s.Questions[4].ShowIf.Question = "words" }, "questions.4.showIf"},
		{"show-if unknown answer", func(s *involve.QuestionSet) { s.Questions[4].ShowIf.Answers = []string{"maybe"} }, "questions.4.showIf"},
		{"show-if two levels", func(s *involve.QuestionSet) {
			s.Questions[5].ShowIf = &involve.ShowIf{Question: "video", Answers: []string{"yes"}}
			s.Questions[6].ShowIf = &involve.ShowIf{Question: "agree", Answers: []string{"p1"}}
		}, "questions.6.showIf"},
		{"first version not 1", func(s *involve.QuestionSet) { s.Version = 2 }, "version"},
		{"later version 1", func(s *involve.QuestionSet) { s.FamilyID = "01890a5d-ac96-774b-bcce-b302099a8057" }, "version"},
	}
	for _, c := range cases {
		s := everyTypeSet()
		c.edit(s)
		err := s.Validate()
		if !hasField(err, c.field) {
			t.Errorf("%s: want a problem with %s, got %v", c.name, c.field, involve.ErrorFields(err))
		}
	}
}

func TestCheckAnswers(t *testing.T) {
	s := everyTypeSet()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	good := []involve.Answer{
		{Question: "video", Choices: []string{"no"}},
		{Question: "one", Choices: []string{"other"}, Text: "Something else"},
		{Question: "why_not", Text: "No camera"},
		{Question: "top", Choices: []string{"c", "a"}},
		{Question: "visits", Number: fptr(3)},
	}
	sorted, err := s.CheckAnswers(good)
	if err != nil {
		t.Fatalf("good answers refused: %v", err)
	}
	if sorted[0].Question != "one" || sorted[1].Question != "video" {
		t.Errorf("answers not in the set's order: %v", sorted)
	}
	minimal := []involve.Answer{{Question: "one", PreferNot: true}, {Question: "video", Choices: []string{"yes"}}}
	if _, err := s.CheckAnswers(minimal); err != nil {
		t.Errorf("optional questions skipped refused: %v", err)
	}
	bad := []struct {
		name    string
		answers []involve.Answer
		field   string
	}{
		{"unknown question", append(minimal, involve.Answer{Question: "nope", Text: "x"}), "answers.nope"},
		{"answered twice", append(minimal, involve.Answer{Question: "one", Choices: []string{"a"}}), "answers.one"},
		{"required left out", minimal[1:], "answers.one"},
		{"show-if required", []involve.Answer{{Question: "one", Choices: []string{"a"}}, {Question: "video", Choices: []string{"no"}}}, "answers.why_not"},
		{"hidden answered", append(minimal, involve.Answer{Question: "why_not", Text: "x"}), "answers.why_not"},
		{"unknown choice", []involve.Answer{{Question: "one", Choices: []string{"z"}}, minimal[1]}, "answers.one"},
		{"two for single", []involve.Answer{{Question: "one", Choices: []string{"a", "b"}}, minimal[1]}, "answers.one"},
		{"words without other", []involve.Answer{{Question: "one", Choices: []string{"a"}, Text: "x"}, minimal[1]}, "answers.one"},
		{"prefer not not offered", append(minimal, involve.Answer{Question: "many", PreferNot: true}), "answers.many"},
		{"ranking too many", append(minimal, involve.Answer{Question: "top", Choices: []string{"a", "b", "c"}}), "answers.top"},
		{"ranking repeat", append(minimal, involve.Answer{Question: "top", Choices: []string{"a", "a"}}), "answers.top"},
		{"number out of range", append(minimal, involve.Answer{Question: "visits", Number: fptr(51)}), "answers.visits"},
		{"number as text", append(minimal, involve.Answer{Question: "visits", Text: "3"}), "answers.visits"},
		{"text as choice", append(minimal, involve.Answer{Question: "words", Choices: []string{"a"}}), "answers.words"},
	}
	for _, c := range bad {
		_, err := s.CheckAnswers(c.answers)
		if !hasField(err, c.field) {
			t.Errorf("%s: want a problem with %s, got %v", c.name, c.field, involve.ErrorFields(err))
		}
	}
}

func TestResponseValidate(t *testing.T) {
	id := "01890a5d-ac96-774b-bcce-b302099a8057"
	r := &involve.Response{SessionID: id, FeedbackID: id, QuestionSetID: id, Language: "ar",
		Answers: []involve.Answer{{Question: " one ", Choices: []string{}}, {Question: "two", Text: " words "}}}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(r.Answers) != 1 || r.Answers[0].Text != "words" || !r.HasText() {
		t.Errorf("empty answer not dropped or text not trimmed: %+v", r.Answers)
	}
	r.Language = "Arabic!"
	r.FeedbackID = ""
	err := r.Validate()
	if !hasField(err, "language") || !hasField(err, "feedbackId") {
		t.Errorf("bad language and missing feedback not refused: %v", involve.ErrorFields(err))
	}
}

func TestVersionsCompare(t *testing.T) {
	a, b := everyTypeSet(), everyTypeSet()
	_ = a.Validate()
	_ = b.Validate()
	if !a.SameQuestions(b) {
		t.Fatal("identical sets differ")
	}
	b.Questions[1].Help = "new help"
	if a.SameQuestions(b) || !a.Questions[1].SameAs(&b.Questions[1]) {
		t.Error("help text: a new version, but the same question for reports")
	}
	b.Questions[1].Choices[0].Label = "Alpha"
	if a.Questions[1].SameAs(&b.Questions[1]) {
		t.Error("a relabelled choice is a different question")
	}
}

func TestTranslations(t *testing.T) {
	s := everyTypeSet()
	_ = s.Validate()
	keys := s.TextKeys()
	if keys[0] != "name" || !contains(keys, "q.one.c.b") || !contains(keys, "q.one.other") || contains(keys, "q.words.help") {
		t.Errorf("keys: %v", keys)
	}
	if s.EnglishText("q.video.c.not_sure") != "Not sure" || s.EnglishText("q.nope.text") != "" {
		t.Error("EnglishText")
	}
	tr := &involve.Translation{Of: "01890a5d-ac96-774b-bcce-b302099a8057", Language: "ar", LanguageName: "العربية",
		Texts: map[string]string{"name": " أفكار العيادة ", "q.one.text": "", "q.zzz.text": "x"}}
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, ok := tr.Texts["q.one.text"]; ok || tr.Texts["name"] != "أفكار العيادة" {
		t.Errorf("not normalized: %v", tr.Texts)
	}
	if !hasField(tr.CheckKeys(s), "texts.q.zzz.text") {
		t.Error("a key the set does not have was accepted")
	}
	for tag, rtl := range map[string]bool{"ar": true, "ur": true, "bn": false, "pl": false, "en-x-easyread": false, "pa-Arab": true, "ur-Latn": false} {
		if involve.LanguageRTL(tag) != rtl {
			t.Errorf("LanguageRTL(%s) != %v", tag, rtl)
		}
	}
	older := &involve.Translation{Language: "ar", Meta: involve.Meta{ID: "1", UpdatedAt: "2026-01-01T00:00:00.000Z"}}
	newer := &involve.Translation{Language: "ar", Meta: involve.Meta{ID: "2", UpdatedAt: "2026-02-01T00:00:00.000Z"}}
	if involve.Newest([]*involve.Translation{newer, older})["ar"] != newer {
		t.Error("Newest")
	}
	bad := &involve.Translation{Of: "x", Language: "Arabic", Texts: map[string]string{"bad key!": "x"}}
	err := bad.Validate()
	for _, f := range []string{"of", "language", "languageName", "texts"} {
		if !hasField(err, f) {
			t.Errorf("want problem %s: %v", f, involve.ErrorFields(err))
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

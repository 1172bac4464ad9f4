package synctest_test

import (
	"fmt"
	"slices"

	"github.com/hin-south-london/involve/app/involve"
)

// The workload's edits of question sets and their translations (issue 15), through the
// generic doc methods (the question set façade is the store helper's): random valid
// sets of one to four questions, their names and questions edited in place (the
// workload makes no responses, so no version has answers: a response is only valid
// with its set and a feedback item of its session, and the convergence test of sets
// and answers is TestQuestionSetEditedWhileAnswersArrive), translations made from the
// keys the laptop's copy of a set has, their words and language names edited. A
// translation may hold keys of a state of its set that another laptop's edit has
// since replaced: the server takes keys of any state the version had. An in-place
// edit of a set drops the keys it removed from that laptop's translations of it
// (pruneTranslations).

// workloadQuestions are the questions a random set is made from.
var workloadQuestions = []involve.Question{
	{ID: "travel", Type: involve.QuestionSingle, Text: "How did you come?", Other: true,
		Choices: []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "car", Label: "Car"}}},
	{ID: "why", Type: involve.QuestionText, Text: "Why?"},
	{ID: "ideas", Type: involve.QuestionRanking, Text: "Which ideas matter most?", Pick: 2,
		Choices: []involve.Choice{{Code: "video", Label: "Video calls"}, {Code: "late", Label: "Late clinics"}, {Code: "parking", Label: "Parking"}}},
	{ID: "use", Type: involve.QuestionYesNo, Text: "Would you use it?"},
	{ID: "visits", Type: involve.QuestionNumber, Text: "How many visits a year?"},
}

// randomQuestions picks 1–4 of workloadQuestions, in order, each text marked with n.
func (w *workload) randomQuestions(n int) []involve.Question {
	var qs []involve.Question
	for _, q := range workloadQuestions {
		if w.rng.IntN(2) == 0 {
			q.Text = fmt.Sprintf("%s (%d)", q.Text, n)
			q.Choices = slices.Clone(q.Choices)
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		qs = append(qs, workloadQuestions[1])
	}
	return qs
}

func (w *workload) createQuestionSet(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityQuestionSet) {
		return false, nil
	}
	n := w.next()
	s := &involve.QuestionSet{Version: 1, Name: fmt.Sprintf("Set %d", n), Purpose: "What to change", Questions: w.randomQuestions(n)}
	if _, err := d.db.CreateDoc(bg(), s); err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityQuestionSet, s.ID, "name", nil, js(s.Name))
	w.note("%s creates question set %s with %d questions", d.name, s.ID, len(s.Questions))
	return true, nil
}

func (w *workload) editQuestionSet(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityQuestionSet, nil)
	if !ok {
		return false, err
	}
	s := cur.(*involve.QuestionSet)
	n := w.next()
	field, old, val := "name", any(s.Name), any(fmt.Sprintf("Set %d (%s)", n, d.name))
	change := func(x involve.Doc) { x.(*involve.QuestionSet).Name = val.(string) }
	if w.rng.IntN(2) == 0 { // untracked: the questions, changed in place (no answers)
		qs := w.randomQuestions(n)
		field, old, val = "questions", len(s.Questions), len(qs)
		change = func(x involve.Doc) { x.(*involve.QuestionSet).Questions = qs }
	}
	if err := w.editDoc(d, cur, field, old, val, change, func(l, x involve.Doc) (involve.Doc, error) {
		return d.db.UpdateDoc(bg(), involve.EntityQuestionSet, s.ID, l, x)
	}); err != nil || field != "questions" {
		return true, err
	}
	return true, w.pruneTranslations(d, s.ID)
}

// pruneTranslations drops, from the laptop's translations of a set version, the keys
// its questions no longer have, as the app does when it edits a version in place: a
// laptop folds a second change of a record still waiting into the first, so the
// server may never see the state a translation's stale keys came from, and refuses
// keys of no state it has seen.
func (w *workload) pruneTranslations(d *device, setID string) error {
	sd, err := d.db.FindDoc(bg(), involve.EntityQuestionSet, setID)
	if err != nil {
		return err
	}
	keys := map[string]bool{}
	for _, k := range sd.(*involve.QuestionSet).TextKeys() {
		keys[k] = true
	}
	ts, err := d.db.FindDocs(bg(), involve.EntityTranslation, setID)
	if err != nil {
		return err
	}
	for _, td := range ts {
		t := td.(*involve.Translation)
		edited := cloneDoc(t).(*involve.Translation)
		for k := range edited.Texts {
			if !keys[k] {
				delete(edited.Texts, k)
			}
		}
		if len(edited.Texts) == len(t.Texts) {
			continue
		}
		if _, err := d.db.UpdateDoc(bg(), involve.EntityTranslation, t.ID, t, edited); err != nil {
			return err
		}
		w.note("%s drops %d stale keys of translation %s", d.name, len(t.Texts)-len(edited.Texts), t.ID)
	}
	return nil
}

// translationTexts are words for some of the set's keys, marked with n.
func (w *workload) translationTexts(s *involve.QuestionSet, n int) map[string]string {
	texts := map[string]string{}
	for _, k := range s.TextKeys() {
		if w.rng.IntN(2) == 0 {
			texts[k] = fmt.Sprintf("Palabras %d", n)
		}
	}
	return texts
}

func (w *workload) createTranslation(d *device, v view) (bool, error) {
	if w.atCap(v, involve.EntityTranslation) {
		return false, nil
	}
	cur, ok, err := w.freshDoc(d, v, involve.EntityQuestionSet, nil)
	if !ok {
		return false, err
	}
	s := cur.(*involve.QuestionSet)
	n := w.next()
	t := &involve.Translation{Of: s.ID, Language: []string{"es", "ar", "pl"}[w.rng.IntN(3)], LanguageName: fmt.Sprintf("Language %d", n),
		Texts: w.translationTexts(s, n)}
	if w.rng.IntN(4) == 0 {
		t.Of, t.Texts = involve.KioskWords, map[string]string{"start.button": fmt.Sprintf("Empezar %d", n)}
	}
	if _, err := d.db.CreateDoc(bg(), t); err != nil {
		return false, err
	}
	w.wrote(d, "create", involve.EntityTranslation, t.ID, "languageName", nil, js(t.LanguageName))
	w.note("%s creates translation %s of %s", d.name, t.ID, t.Of)
	return true, nil
}

func (w *workload) editTranslation(d *device, v view) (bool, error) {
	cur, ok, err := w.freshDoc(d, v, involve.EntityTranslation, nil)
	if !ok {
		return false, err
	}
	t := cur.(*involve.Translation)
	n := w.next()
	field, old, val := "languageName", any(t.LanguageName), any(fmt.Sprintf("Language %d (%s)", n, d.name))
	change := func(x involve.Doc) { x.(*involve.Translation).LanguageName = val.(string) }
	if t.Of != involve.KioskWords && w.rng.IntN(2) == 0 { // untracked: the words, from the laptop's copy of the set
		sd, err := d.db.FindDoc(bg(), involve.EntityQuestionSet, t.Of)
		if err != nil {
			return false, err
		}
		texts := w.translationTexts(sd.(*involve.QuestionSet), n)
		field, old, val = "texts", len(t.Texts), len(texts)
		change = func(x involve.Doc) { x.(*involve.Translation).Texts = texts }
	}
	return true, w.editDoc(d, cur, field, old, val, change, func(l, x involve.Doc) (involve.Doc, error) {
		return d.db.UpdateDoc(bg(), involve.EntityTranslation, t.ID, l, x)
	})
}

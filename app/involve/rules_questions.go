package involve

import "sort"

// Rules that span the question kinds (issue 15), as the server applies them to what
// laptops push (app/server/rules_questions.go) and a laptop may apply them in its own
// write transactions: the same functions, the same code (EINVALID) and the same words.

// ErrAnsweredVersion is the refusal of a change of an answered version's questions.
const ErrAnsweredVersion = "This version of the question set already has answers, so its questions cannot change: edit it again to make a new version."

// CheckResponse returns an EINVALID error when r, a response as it is to be stored,
// does not fit what it names: set is the version it answers (nil when the holder has
// no live record of it), fb the feedback item it belongs to (nil when unknown). The
// answers must pass set.CheckAnswers, and the item must be of the response's session.
func CheckResponse(r *Response, set *QuestionSet, fb *Feedback) error {
	if r.DeletedAt != "" {
		return nil
	}
	var p Problems
	if set == nil {
		p.Add("questionSetId", "The version of the question set these answers name is not on the server, or was deleted there. "+
			"Sync the laptop that made the set, then save the answers again")
	}
	if fb == nil {
		p.Add("feedbackId", "The feedback item these answers belong to is not on the server")
	} else if fb.SessionID != r.SessionID {
		p.Add("sessionId", "These answers name another session than their feedback item")
	}
	if err := p.Err("answers"); err != nil {
		return err
	}
	if _, err := set.CheckAnswers(r.Answers); err != nil {
		return err
	}
	return nil
}

// CheckQuestionSetChange returns an error when next, a question set version as it is to
// be stored over prev (nil when new), breaks a rule: a version that has answers
// (answered: a response record, live or deleted, names it) keeps its questions
// (ErrAnsweredVersion); a version stays in its family.
func CheckQuestionSetChange(prev, next *QuestionSet, answered bool) error {
	if prev == nil {
		return nil
	}
	if prev.FamilyID != next.FamilyID || prev.Version != next.Version {
		return Errorf(EINVALID, "A version of a question set cannot move to another set or number. Make a new version instead.")
	}
	if answered && !prev.SameQuestions(next) {
		return Errorf(EINVALID, "%s", ErrAnsweredVersion)
	}
	return nil
}

// CheckFamily returns an EINVALID error when next, a later version of a set (FamilyID
// set), does not name a set's first version: first is the record its FamilyID names
// (nil when the holder has none).
func CheckFamily(next, first *QuestionSet) error {
	if next.FamilyID == "" || next.DeletedAt != "" {
		return nil
	}
	if first == nil || first.FamilyID != "" || first.Version != 1 {
		return Errorf(EINVALID, "This version names a question set that is not on the server as a set's first version. "+
			"Sync the laptop that made the set first.")
	}
	return nil
}

// CheckTranslationOf returns an EINVALID error when t, a translation of a set version,
// holds a key the version has not (CheckKeys), or names a version the holder has not
// (no states). states are the states the version has had (the current one and earlier
// ones): a key of any of them passes, so that a translation made on a laptop that had
// not yet seen a later in-place edit of the version is not refused (its stale keys
// are shown nowhere). The kiosk's words are checked by Validate alone.
func CheckTranslationOf(t *Translation, states []*QuestionSet) error {
	if t.Of == KioskWords || t.DeletedAt != "" {
		return nil
	}
	if len(states) == 0 {
		return Errorf(EINVALID, "This translation names a version of a question set that is not on the server. "+
			"Sync the laptop that made the set first.")
	}
	if len(states) == 1 {
		return t.CheckKeys(states[0])
	}
	known := map[string]bool{}
	for _, st := range states {
		for _, k := range st.TextKeys() {
			known[k] = true
		}
	}
	keys := make([]string, 0, len(t.Texts))
	for k := range t.Texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var p Problems
	for _, k := range keys {
		if !known[k] {
			p.Add("texts."+k, "This version of the set has no text "+k+" to translate")
		}
	}
	return p.Err("translation")
}

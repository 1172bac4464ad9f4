package involve

import (
	"math"
	"sort"
	"unicode/utf8"
)

// Response is one person's answers to one version of a question set, saved with a
// feedback item of the session (the kiosk's or a paper form's): the item carries the
// comment, the source and the consent to quote, so a response is erased, kept and
// shown with it. It names nobody.
type Response struct {
	Meta
	SessionID  string `json:"sessionId"`
	FeedbackID string `json:"feedbackId"`
	// QuestionSetID is the version answered (a QuestionSet record's id).
	QuestionSetID string `json:"questionSetId"`
	// Language is the language the questions were shown in ("en", "ar"…).
	Language string   `json:"language"`
	Answers  []Answer `json:"answers"`
}

// ResponseInput is a response as a form sends it: the set version answered, the
// language shown and the answers. The session and feedback item are the caller's.
type ResponseInput struct {
	QuestionSetID string   `json:"questionSetId"`
	Language      string   `json:"language"`
	Answers       []Answer `json:"answers"`
}

// Answer is the answer to one question. Unanswered questions have no Answer.
type Answer struct {
	Question string `json:"q"`
	// Choices: the chosen codes (one for single choice, yes / no and scale; any for
	// multiple choice; the picks in order of preference for ranking).
	Choices []string `json:"choices,omitempty"`
	// Text: a free-text answer, or the words of "Other, please say".
	Text      string   `json:"text,omitempty"`
	Number    *float64 `json:"number,omitempty"`
	PreferNot bool     `json:"preferNot,omitempty"`
}

func (r *Response) DocMeta() *Meta           { return &r.Meta }
func (r *Response) DocEntity() string        { return EntityResponse }
func (r *Response) Parent() (string, string) { return EntityFeedback, r.FeedbackID }
func (r *Response) Title() string            { return "Answers to a question set" }

// Answer returns the answer to the question, or nil.
func (r *Response) Answer(question string) *Answer {
	for i := range r.Answers {
		if r.Answers[i].Question == question {
			return &r.Answers[i]
		}
	}
	return nil
}

// HasText reports whether any answer holds words a person wrote (free text or
// "Other, please say"): erasing the feedback item erases them (ErasedAnswer).
func (r *Response) HasText() bool {
	for _, a := range r.Answers {
		if a.Text != "" && a.Text != ErasedAnswer {
			return true
		}
	}
	return false
}

// Normalize trims the text and drops empty answers.
func (r *Response) Normalize() {
	trimAll(&r.SessionID, &r.FeedbackID, &r.QuestionSetID, &r.Language)
	out := r.Answers[:0]
	for _, a := range r.Answers {
		trimAll(&a.Question)
		a.Text = trimText(a.Text)
		if len(a.Choices) == 0 {
			a.Choices = nil
		}
		if a.Question == "" || (!a.PreferNot && len(a.Choices) == 0 && a.Text == "" && a.Number == nil) {
			continue
		}
		out = append(out, a)
	}
	r.Answers = out
}

// Validate normalizes the response and checks what it can alone (the ids, the
// language, the size of each answer). The answers are checked against the version
// they answer with CheckAnswers, by the store and the server.
func (r *Response) Validate() error {
	r.Normalize()
	var p Problems
	if !isUUID(r.SessionID) {
		p.Add("sessionId", "Select the session the answers came from")
	}
	if !isUUID(r.FeedbackID) {
		p.Add("feedbackId", "Answers must belong to a feedback item")
	}
	if !isUUID(r.QuestionSetID) {
		p.Add("questionSetId", "Answers must name the question set they answer")
	}
	if r.Language != "" && !ValidLanguage(r.Language) {
		p.Add("language", "Language must be a language code such as en or ar")
	}
	if len(r.Answers) > MaxQuestions {
		p.Add("answers", "A response has "+itoa(MaxQuestions)+" answers or fewer")
	}
	for i, a := range r.Answers {
		if utf8.RuneCountInString(a.Text) > MaxAnswerText {
			p.Add("answers."+itoaPlain(i), "Each answer must be "+itoa(MaxAnswerText)+" characters or fewer")
		}
		if len(a.Choices) > MaxChoices+1 {
			p.Add("answers."+itoaPlain(i), "An answer has "+itoa(MaxChoices+1)+" choices or fewer")
		}
		if a.Number != nil && (math.IsNaN(*a.Number) || math.IsInf(*a.Number, 0)) {
			p.Add("answers."+itoaPlain(i), "A number answer must be a number")
		}
	}
	return p.Err("answers")
}

// Shown reports whether the set shows question q given the answers so far (its
// ShowIf, if any, is met).
func (s *QuestionSet) Shown(q *Question, answers []Answer) bool {
	if q.ShowIf == nil {
		return true
	}
	for _, a := range answers {
		if a.Question != q.ShowIf.Question {
			continue
		}
		for _, c := range a.Choices {
			for _, want := range q.ShowIf.Answers {
				if c == want {
					return true
				}
			}
		}
	}
	return false
}

// CheckAnswers checks a response's answers against the set version it answers and
// puts them in the set's order. Problems are listed by question ("answers.q3"):
// an unknown question, a choice the question does not offer, a ranking with repeats
// or too many picks, a number out of range, an answer to a question the show-if rule
// hides, a required question left out.
func (s *QuestionSet) CheckAnswers(answers []Answer) ([]Answer, error) {
	var p Problems
	pos := make(map[string]int, len(s.Questions))
	for i := range s.Questions {
		pos[s.Questions[i].ID] = i
	}
	seen := map[string]bool{}
	for i := range answers {
		a := &answers[i]
		if _, ok := pos[a.Question]; !ok {
			p.Add("answers."+a.Question, "There is no question "+a.Question+" in this version of the set")
			continue
		}
		if seen[a.Question] {
			p.Add("answers."+a.Question, "Question "+a.Question+" is answered twice")
			continue
		}
		seen[a.Question] = true
	}
	if len(p) > 0 {
		return nil, p.Err("answers")
	}
	sorted := append([]Answer(nil), answers...)
	sort.SliceStable(sorted, func(i, j int) bool { return pos[sorted[i].Question] < pos[sorted[j].Question] })
	for i := range s.Questions {
		q := &s.Questions[i]
		a := findAnswer(sorted, q.ID)
		shown := s.Shown(q, sorted)
		switch {
		case a == nil:
			if q.Required && shown {
				p.Add("answers."+q.ID, "Answer question "+itoaPlain(i+1)+": "+shortTitle(q.Text, q.ID))
			}
		case !shown:
			p.Add("answers."+q.ID, "Question "+itoaPlain(i+1)+" is not asked with the answer given before it")
		default:
			if msg := q.checkAnswer(a); msg != "" {
				p.Add("answers."+q.ID, "Question "+itoaPlain(i+1)+": "+msg)
			}
		}
	}
	if err := p.Err("answers"); err != nil {
		return nil, err
	}
	return sorted, nil
}

func findAnswer(answers []Answer, id string) *Answer {
	for i := range answers {
		if answers[i].Question == id {
			return &answers[i]
		}
	}
	return nil
}

// checkAnswer returns what is wrong with an answer to q ("" when nothing is).
func (q *Question) checkAnswer(a *Answer) string {
	if a.PreferNot {
		if !q.PreferNot {
			return "it does not offer Prefer not to say"
		}
		if len(a.Choices) > 0 || a.Text != "" || a.Number != nil {
			return "Prefer not to say is an answer on its own"
		}
		return ""
	}
	switch q.Type {
	case QuestionText:
		if len(a.Choices) > 0 || a.Number != nil || a.Text == "" {
			return "the answer must be text"
		}
		return ""
	case QuestionNumber:
		switch {
		case a.Number == nil || len(a.Choices) > 0 || a.Text != "":
			return "the answer must be a number"
		case q.Min != nil && *a.Number < *q.Min, q.Max != nil && *a.Number > *q.Max:
			return "the number is out of range"
		}
		return ""
	}
	if a.Number != nil {
		return "the answer must be chosen from the list"
	}
	picked := map[string]bool{}
	for _, c := range a.Choices {
		if _, ok := q.Choice(c); !ok {
			return "the answer " + c + " is not one of its choices"
		}
		if picked[c] {
			return "the answer " + c + " is chosen twice"
		}
		picked[c] = true
	}
	if a.Text != "" && !picked[ChoiceOther] {
		return "only Other, please say takes words"
	}
	switch q.Type {
	case QuestionMultiple:
		if len(a.Choices) == 0 {
			return "choose at least one answer"
		}
	case QuestionRanking:
		if len(a.Choices) == 0 || len(a.Choices) > q.Pick {
			return "pick from 1 to " + itoaPlain(q.Pick)
		}
	default:
		if len(a.Choices) != 1 {
			return "choose one answer"
		}
	}
	return ""
}

// responseLabels name the fields of a response for people (kinds).
var responseLabels = map[string]string{
	"sessionId": "Session", "feedbackId": "Feedback item", "questionSetId": "Question set",
	"language": "Language", "answers": "Answers",
}

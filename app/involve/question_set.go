package involve

import (
	"regexp"
	"strings"
)

// A session's own questions (issue 15). A question set is a name, "what your answers
// will help us decide" (shown to the public) and 1–15 questions. Sets are team-wide
// templates that sync; a session chooses the sets it asks (SessionInput.QuestionSets).
//
// Versions are records. The first version's id names the set (its family); editing a
// version that has answers makes a new record with the same FamilyID and Version+1,
// so every response stays tied to the exact questions it answered
// (Response.QuestionSetID). Two laptops that both make "version 2" offline make two
// records: both are kept, the answers to each stay with it, and lists show the newest.

// Entity names of the question kinds.
const (
	EntityQuestionSet = "question_set"
	EntityResponse    = "response"
	// EntityTranslation: a question set's words, or the kiosk's own words, in another
	// language (translation.go).
	EntityTranslation = "translation"
)

// Question types.
const (
	QuestionText     = "text"     // free text
	QuestionSingle   = "single"   // single choice
	QuestionMultiple = "multiple" // multiple choice
	QuestionYesNo    = "yes_no"   // yes / no / not sure
	QuestionScale    = "scale"    // an agreement or rating scale: labelled points, low to high
	QuestionRanking  = "ranking"  // pick your top N of these, in order
	QuestionNumber   = "number"
)

// QuestionTypes are the types a question may have, as the builder offers them.
var QuestionTypes = []RefItem{
	{Code: QuestionText, Label: "Free text"},
	{Code: QuestionSingle, Label: "Choose one"},
	{Code: QuestionMultiple, Label: "Choose all that apply"},
	{Code: QuestionYesNo, Label: "Yes, no or not sure"},
	{Code: QuestionScale, Label: "Agreement or rating scale"},
	{Code: QuestionRanking, Label: "Pick your top choices, in order"},
	{Code: QuestionNumber, Label: "Number"},
}

var questionTypeSet = codeSet(QuestionTypes)

// Limits of a question set.
const (
	MaxQuestions      = 15
	MaxChoices        = 20
	MinScalePoints    = 2
	MaxScalePoints    = 11
	FacePoints        = 5 // faces are offered on a 5-point scale
	MaxQuestionText   = 500
	MaxSetPurpose     = 1_000
	MaxAnswerText     = MaxText
	MaxQuestionSetVer = 10_000
)

// Fixed choice codes.
const (
	ChoiceYes       = "yes"
	ChoiceNo        = "no"
	ChoiceNotSure   = "not_sure"
	ChoiceOther     = "other"          // "Other, please say": its words are Answer.Text
	ChoicePreferNot = "prefer_not_say" // never a choice code of a question: Answer.PreferNot
)

// YesNoChoices are the choices of a yes / no / not sure question.
var YesNoChoices = []Choice{{Code: ChoiceYes, Label: "Yes"}, {Code: ChoiceNo, Label: "No"}, {Code: ChoiceNotSure, Label: "Not sure"}}

// Choice is one answer a question offers: a code (stable across versions and
// translations) and its English label.
type Choice struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// ShowIf shows a question only when the answer to an earlier question is one of
// Answers (choice codes). One level: the earlier question has no ShowIf of its own.
type ShowIf struct {
	Question string   `json:"question"`
	Answers  []string `json:"answers"`
}

// Question is one question of a set.
type Question struct {
	// ID is the question's key in the set ("q1", "ideas"): stable across versions, so
	// reports combine the answers of versions where the question did not change, and
	// the CSV's column names stay put.
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Text     string   `json:"text"`
	Help     string   `json:"help"`
	Required bool     `json:"required"`
	Choices  []Choice `json:"choices"`
	// Other offers "Other, please say" (single and multiple choice).
	Other bool `json:"other"`
	// PreferNot offers "Prefer not to say".
	PreferNot bool `json:"preferNot"`
	// Faces shows faces beside a 5-point scale's points.
	Faces bool `json:"faces"`
	// Pick is how many a ranking question asks for ("your top 3").
	Pick int `json:"pick"`
	// Min and Max bound a number question's answer (either may be nil).
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	ShowIf *ShowIf  `json:"showIf"`
}

// HasChoices reports whether answers to the question are choice codes.
func (q *Question) HasChoices() bool {
	switch q.Type {
	case QuestionSingle, QuestionMultiple, QuestionYesNo, QuestionScale, QuestionRanking:
		return true
	}
	return false
}

// Choice returns the question's choice with the code (and whether there is one);
// "other" is a choice when the question offers it.
func (q *Question) Choice(code string) (Choice, bool) {
	for _, c := range q.Choices {
		if c.Code == code {
			return c, true
		}
	}
	if q.Other && code == ChoiceOther {
		return Choice{Code: ChoiceOther, Label: "Other"}, true
	}
	return Choice{}, false
}

// SameAs reports whether two versions of a question ask the same thing: same key,
// type, words and choices. Reports combine the answers of such questions.
func (q *Question) SameAs(o *Question) bool {
	if q.ID != o.ID || q.Type != o.Type || q.Text != o.Text || q.Other != o.Other || q.Pick != o.Pick ||
		len(q.Choices) != len(o.Choices) {
		return false
	}
	for i := range q.Choices {
		if q.Choices[i] != o.Choices[i] {
			return false
		}
	}
	return true
}

// QuestionSet is one version of a question set.
type QuestionSet struct {
	Meta
	// FamilyID is the id of the set's first version ("" on the first version itself).
	FamilyID string `json:"familyId"`
	Version  int    `json:"version"`
	Name     string `json:"name"`
	// Purpose: "what your answers will help us decide", shown to the public.
	Purpose   string     `json:"purpose"`
	Questions []Question `json:"questions"`
	// Starter is the code of the shipped template it was made from ("" for none).
	Starter string `json:"starter"`
	// Archived sets are not offered to sessions; their answers stay.
	Archived bool `json:"archived"`
}

func (s *QuestionSet) DocMeta() *Meta           { return &s.Meta }
func (s *QuestionSet) DocEntity() string        { return EntityQuestionSet }
func (s *QuestionSet) Parent() (string, string) { return "", "" }
func (s *QuestionSet) Title() string {
	return shortTitle(s.Name+" (version "+itoa(s.Version)+")", "Question set")
}

// Family is the id that names the set across its versions.
func (s *QuestionSet) Family() string {
	if s.FamilyID != "" {
		return s.FamilyID
	}
	return s.ID
}

// Question returns the set's question with the id, or nil.
func (s *QuestionSet) Question(id string) *Question {
	for i := range s.Questions {
		if s.Questions[i].ID == id {
			return &s.Questions[i]
		}
	}
	return nil
}

// SameQuestions reports whether two versions ask exactly the same questions (a new
// version is needed only when they do not).
func (s *QuestionSet) SameQuestions(o *QuestionSet) bool {
	if len(s.Questions) != len(o.Questions) {
		return false
	}
	for i := range s.Questions {
		a, b := &s.Questions[i], &o.Questions[i]
		if !a.SameAs(b) || a.Help != b.Help || a.Required != b.Required || a.PreferNot != b.PreferNot ||
			a.Faces != b.Faces || !sameFloat(a.Min, b.Min) || !sameFloat(a.Max, b.Max) || !sameShowIf(a.ShowIf, b.ShowIf) {
			return false
		}
	}
	return true
}

func sameFloat(a, b *float64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func sameShowIf(a, b *ShowIf) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Question == b.Question && strings.Join(a.Answers, "\x00") == strings.Join(b.Answers, "\x00")
}

// questionKey is a question's id or a choice's code: lower-case letters, digits and
// underscores, a letter first (they become CSV column names).
var questionKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// ValidKey reports whether s may be a question id or a choice code.
func ValidKey(s string) bool { return questionKey.MatchString(s) }

// Normalize trims the text and fills what each type implies (a yes / no question's
// choices; no choices on free text or numbers).
func (s *QuestionSet) Normalize() {
	trimAll(&s.FamilyID, &s.Name, &s.Starter)
	s.Purpose = trimText(s.Purpose)
	for i := range s.Questions {
		q := &s.Questions[i]
		trimAll(&q.ID, &q.Type, &q.Text)
		q.Help = trimText(q.Help)
		for j := range q.Choices {
			trimAll(&q.Choices[j].Code, &q.Choices[j].Label)
		}
		switch q.Type {
		case QuestionYesNo:
			q.Choices = append([]Choice(nil), YesNoChoices...)
		case QuestionText, QuestionNumber:
			q.Choices = nil
		}
		if q.Type != QuestionSingle && q.Type != QuestionMultiple {
			q.Other = false
		}
		if q.Type != QuestionScale {
			q.Faces = false
		}
		if q.Type != QuestionRanking {
			q.Pick = 0
		}
		if q.Type != QuestionNumber {
			q.Min, q.Max = nil, nil
		}
		if q.ShowIf != nil {
			q.ShowIf.Question = strings.TrimSpace(q.ShowIf.Question)
			q.ShowIf.Answers = uniqueCodes(q.ShowIf.Answers)
		}
	}
}

// Validate normalizes the set and returns an EINVALID error listing every problem.
// Field names of a question's problems are "questions.N.field" (N from 0).
func (s *QuestionSet) Validate() error {
	s.Normalize()
	var p Problems
	if s.Name == "" {
		p.Add("name", "Enter a name for the question set")
	}
	checkLen(&p, "name", "Name", s.Name, MaxShortText)
	checkLen(&p, "purpose", "What the answers will help decide", s.Purpose, MaxSetPurpose)
	checkRef(&p, "familyId", "The set's first version must be a record id", s.FamilyID)
	switch {
	case s.Version < 1 || s.Version > MaxQuestionSetVer:
		p.Add("version", "Version must be a whole number from 1")
	case s.FamilyID == "" && s.Version != 1:
		p.Add("version", "A set's first version is version 1")
	case s.FamilyID != "" && s.Version == 1:
		p.Add("version", "A later version of a set must be version 2 or more")
	}
	checkLen(&p, "starter", "Starter template", s.Starter, 40)
	switch {
	case len(s.Questions) == 0:
		p.Add("questions", "Add at least one question")
	case len(s.Questions) > MaxQuestions:
		p.Add("questions", "A question set has "+itoa(MaxQuestions)+" questions or fewer")
	}
	seen := map[string]int{}
	for i := range s.Questions {
		s.validateQuestion(&p, i, seen)
	}
	return p.Err("question set")
}

func (s *QuestionSet) validateQuestion(p *Problems, i int, seen map[string]int) {
	q := &s.Questions[i]
	f := "questions." + itoaPlain(i) + "."
	n := "Question " + itoaPlain(i+1) + ": "
	if !ValidKey(q.ID) {
		p.Add(f+"id", n+"its key must be lower-case letters, digits or _, starting with a letter")
	} else if _, dup := seen[q.ID]; dup {
		p.Add(f+"id", n+"another question already has the key "+q.ID)
	}
	seen[q.ID] = i
	if !questionTypeSet[q.Type] {
		p.Add(f+"type", n+"select the type of question")
	}
	if q.Text == "" {
		p.Add(f+"text", n+"enter the question")
	}
	checkLen(p, f+"text", n+"the question", q.Text, MaxQuestionText)
	checkLen(p, f+"help", n+"the help text", q.Help, MaxQuestionText)
	if q.HasChoices() {
		validateChoices(p, f, n, q)
	}
	if q.Type == QuestionRanking && (q.Pick < 1 || q.Pick > len(q.Choices)) {
		p.Add(f+"pick", n+"choose how many to pick, from 1 to the number of choices")
	}
	if q.Type == QuestionScale && q.Faces && len(q.Choices) != FacePoints {
		p.Add(f+"faces", n+"faces need a scale of exactly "+itoaPlain(FacePoints)+" points")
	}
	if q.Min != nil && q.Max != nil && *q.Max < *q.Min {
		p.Add(f+"max", n+"the largest number must be at least the smallest")
	}
	if q.ShowIf != nil {
		s.validateShowIf(p, f, n, q, seen)
	}
}

func validateChoices(p *Problems, f, n string, q *Question) {
	min, max := 2, MaxChoices
	if q.Type == QuestionScale {
		min, max = MinScalePoints, MaxScalePoints
	}
	if len(q.Choices) < min || len(q.Choices) > max {
		p.Add(f+"choices", n+"give from "+itoaPlain(min)+" to "+itoaPlain(max)+" choices")
	}
	codes := map[string]bool{}
	for j, c := range q.Choices {
		cf := f + "choices." + itoaPlain(j) + "."
		switch {
		case !ValidKey(c.Code) || c.Code == ChoiceOther || c.Code == ChoicePreferNot:
			p.Add(cf+"code", n+"choice "+itoaPlain(j+1)+" needs a key of lower-case letters, digits or _ (not other or prefer_not_say)")
		case codes[c.Code]:
			p.Add(cf+"code", n+"two choices have the key "+c.Code)
		}
		codes[c.Code] = true
		if c.Label == "" {
			p.Add(cf+"label", n+"enter the words of choice "+itoaPlain(j+1))
		}
		checkLen(p, cf+"label", n+"choice "+itoaPlain(j+1), c.Label, MaxShortText)
	}
}

func (s *QuestionSet) validateShowIf(p *Problems, f, n string, q *Question, seen map[string]int) {
	si := q.ShowIf
	at, earlier := seen[si.Question]
	if !earlier || si.Question == q.ID {
		p.Add(f+"showIf", n+"it can only depend on an earlier question")
		return
	}
	dep := &s.Questions[at]
	if at >= len(s.Questions) || dep.ID != si.Question || !dep.HasChoices() || dep.Type == QuestionRanking {
		p.Add(f+"showIf", n+"it can only depend on a choice, yes / no or scale question")
		return
	}
	if dep.ShowIf != nil {
		p.Add(f+"showIf", n+"it cannot depend on a question that is itself shown only sometimes")
	}
	if len(si.Answers) == 0 {
		p.Add(f+"showIf", n+"choose the answers that show it")
	}
	for _, a := range si.Answers {
		if _, ok := dep.Choice(a); !ok {
			p.Add(f+"showIf", n+"the answer "+a+" is not a choice of question "+dep.ID)
			break
		}
	}
}

// itoaPlain formats n without separators (field paths, small counts).
func itoaPlain(n int) string {
	if n < 0 {
		return "-" + itoaPlain(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoaPlain(n/10) + string(rune('0'+n%10))
}

// questionSetLabels name the fields of a question set for people (kinds).
var questionSetLabels = map[string]string{
	"familyId": "Set", "version": "Version", "name": "Name", "purpose": "What the answers will help decide",
	"questions": "Questions", "starter": "Starter template", "archived": "Archived",
}

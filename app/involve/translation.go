package involve

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Translation is a question set version's words, or the kiosk's own words (buttons,
// privacy notice, thank-you), in one language. It is data that syncs, so adding a
// language needs no rebuild. Texts are keyed: for a set, TextKeys lists the keys
// ("name", "purpose", "q.<id>.text", "q.<id>.help", "q.<id>.c.<code>",
// "q.<id>.other"); for the kiosk, the keys of its English words. A missing key shows
// the English. Two laptops that translate the same set into the same language offline
// make two records: readers take the newer (Newest).
type Translation struct {
	Meta
	// Of is the question set version translated, KioskWords, or ActionOf(an action's
	// id) for its "you said" and "we did" (translation_action.go).
	Of string `json:"of"`
	// Language is a BCP 47 code: "es", "ar", "ur", "bn", "pl", "en-x-easyread"…
	Language string `json:"language"`
	// LanguageName is the language's own name ("Español", "العربية", "Easy read").
	LanguageName string `json:"languageName"`
	// Reviewed: someone who reads the language checked it.
	Reviewed bool              `json:"reviewed"`
	Texts    map[string]string `json:"texts"`
}

// KioskWords is Translation.Of for the kiosk's own words.
const KioskWords = "kiosk"

// Limits of a translation.
const (
	MaxTranslationTexts = 400
	MaxTranslationText  = MaxSetPurpose
)

func (t *Translation) DocMeta() *Meta    { return &t.Meta }
func (t *Translation) DocEntity() string { return EntityTranslation }
func (t *Translation) Parent() (string, string) {
	if t.Of == KioskWords {
		return "", ""
	}
	if id, ok := t.ActionID(); ok {
		return EntityAction, id
	}
	return EntityQuestionSet, t.Of
}
func (t *Translation) Title() string {
	name := t.LanguageName
	if name == "" {
		name = t.Language
	}
	if t.Of == KioskWords {
		return shortTitle("Kiosk words in "+name, "Translation")
	}
	if _, ok := t.ActionID(); ok {
		return shortTitle("An action's words in "+name, "Translation")
	}
	return shortTitle("Translation into "+name, "Translation")
}

// RTL reports whether the translation's language is written right to left.
func (t *Translation) RTL() bool { return LanguageRTL(t.Language) }

var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$`)

// ValidLanguage reports whether s looks like a BCP 47 language tag.
func ValidLanguage(s string) bool { return languageTag.MatchString(s) }

// rtlLanguages are the primary language subtags written right to left.
var rtlLanguages = map[string]bool{"ar": true, "ur": true, "fa": true, "he": true, "ps": true, "sd": true,
	"ug": true, "yi": true, "ckb": true, "dv": true}

// LanguageRTL reports whether a language (BCP 47) is written right to left; a script
// subtag (-Arab, -Hebr, -Latn) decides when there is one.
func LanguageRTL(tag string) bool {
	parts := strings.Split(tag, "-")
	for _, p := range parts[1:] {
		switch strings.ToLower(p) {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
			return true
		case "latn", "cyrl", "beng", "deva":
			return false
		}
	}
	return rtlLanguages[strings.ToLower(parts[0])]
}

// TextKeySet is TextKeys as a set.
func (s *QuestionSet) TextKeySet() map[string]bool {
	keys := s.TextKeys()
	set := make(map[string]bool, len(keys))
	for _, k := range keys {
		set[k] = true
	}
	return set
}

// TextKeys are the keys a translation of the set has, in the set's order.
func (s *QuestionSet) TextKeys() []string {
	keys := []string{"name", "purpose"}
	for _, q := range s.Questions {
		p := "q." + q.ID + "."
		keys = append(keys, p+"text")
		if q.Help != "" {
			keys = append(keys, p+"help")
		}
		for _, c := range q.Choices {
			keys = append(keys, p+"c."+c.Code)
		}
		if q.Other {
			keys = append(keys, p+"other")
		}
	}
	return keys
}

// EnglishText returns the set's own words for a translation key ("" for none).
func (s *QuestionSet) EnglishText(key string) string {
	switch key {
	case "name":
		return s.Name
	case "purpose":
		return s.Purpose
	}
	rest, ok := strings.CutPrefix(key, "q.")
	if !ok {
		return ""
	}
	id, field, ok := strings.Cut(rest, ".")
	q := s.Question(id)
	if !ok || q == nil {
		return ""
	}
	switch {
	case field == "text":
		return q.Text
	case field == "help":
		return q.Help
	case field == "other" && q.Other:
		return "Other, please say"
	case strings.HasPrefix(field, "c."):
		c, _ := q.Choice(field[2:])
		return c.Label
	}
	return ""
}

var textKey = regexp.MustCompile(`^[A-Za-z0-9_.\-]{1,120}$`)

// Normalize trims the words and drops empty ones (an empty text shows the English).
func (t *Translation) Normalize() {
	trimAll(&t.Of, &t.Language, &t.LanguageName)
	for k, v := range t.Texts {
		v = trimText(v)
		if v == "" {
			delete(t.Texts, k)
		} else {
			t.Texts[k] = v
		}
	}
}

// Validate normalizes the translation and returns an EINVALID error listing every
// problem. Whether the keys are the set's is checked against the set (CheckKeys).
func (t *Translation) Validate() error {
	t.Normalize()
	var p Problems
	actionID, ofAction := t.ActionID()
	switch {
	case ofAction && !isUUID(actionID):
		p.Add("of", "Choose the action to translate")
	case !ofAction && t.Of != KioskWords && !isUUID(t.Of):
		p.Add("of", "Choose the question set to translate")
	}
	if !ValidLanguage(t.Language) {
		p.Add("language", "Enter the language's code, such as es, ar or ur")
	}
	if t.LanguageName == "" {
		p.Add("languageName", "Enter the language's name as its readers write it")
	}
	checkLen(&p, "languageName", "Language name", t.LanguageName, 60)
	if len(t.Texts) > MaxTranslationTexts {
		p.Add("texts", "A translation has "+itoa(MaxTranslationTexts)+" texts or fewer")
	}
	limit := MaxTranslationText
	if ofAction {
		limit = MaxText // as long as the action's own words may be
	}
	keys := make([]string, 0, len(t.Texts))
	for k := range t.Texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !textKey.MatchString(k) {
			p.Add("texts", "A translation's keys are letters, digits, dots and underscores")
			break
		}
		if utf8.RuneCountInString(t.Texts[k]) > limit {
			p.Add("texts."+k, "Each translated text must be "+itoa(limit)+" characters or fewer")
		}
	}
	if ofAction {
		t.checkActionKeys(&p)
	}
	return p.Err("translation")
}

// CheckKeys returns an EINVALID error when the translation holds a key the set does
// not have (a hostile or stale file).
func (t *Translation) CheckKeys(s *QuestionSet) error {
	want := s.TextKeySet()
	var p Problems
	for k := range t.Texts {
		if !want[k] {
			p.Add("texts."+k, "This version of the set has no text "+k+" to translate")
		}
	}
	return p.Err("translation")
}

// Newest returns the most recently changed live translation of each language, from
// translations of one set version or of the kiosk's words (ties by id).
func Newest(ts []*Translation) map[string]*Translation {
	out := map[string]*Translation{}
	for _, t := range ts {
		if t.DeletedAt != "" {
			continue
		}
		cur := out[t.Language]
		if cur == nil || t.UpdatedAt > cur.UpdatedAt || (t.UpdatedAt == cur.UpdatedAt && t.ID > cur.ID) {
			out[t.Language] = t
		}
	}
	return out
}

// translationLabels name the fields of a translation for people (kinds).
var translationLabels = map[string]string{
	"of": "Translated", "language": "Language", "languageName": "Language name", "reviewed": "Reviewed", "texts": "Texts",
}

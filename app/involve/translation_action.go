package involve

import (
	"sort"
	"strings"
)

// An action's "you said" and "we did" in another language (issue 16): a Translation
// whose Of is ActionOf(id), with the keys ActionTextKeys. It is checked like the
// others: Validate refuses any other key, the laptop saves it only for a live action,
// and the server only for an action of the team it holds (CheckActionTranslation).
// When an action's English words change, its translations stop being marked reviewed
// (the laptop does it in the same transaction: ActionTranslationStale).

// ActionTranslationPrefix starts Translation.Of for an action's words.
const ActionTranslationPrefix = "action:"

// ActionTextKeys are the keys an action's translation may hold, in order.
var ActionTextKeys = []string{"youSaid", "weDid"}

// ActionOf is Translation.Of for the action id.
func ActionOf(id string) string { return ActionTranslationPrefix + id }

// ActionID returns the action whose words t translates, and whether it is one.
func (t *Translation) ActionID() (string, bool) {
	return strings.CutPrefix(t.Of, ActionTranslationPrefix)
}

// EnglishText returns the action's own words for a translation key ("" for none).
func (a *Action) EnglishText(key string) string {
	switch key {
	case "youSaid":
		return a.YouSaid
	case "weDid":
		return a.WeDid
	}
	return ""
}

// checkActionKeys adds a problem for each key an action's translation may not hold.
func (t *Translation) checkActionKeys(p *Problems) {
	keys := make([]string, 0, len(t.Texts))
	for k := range t.Texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "youSaid" && k != "weDid" {
			p.Add("texts."+k, "An action's translation holds only what people said (youSaid) and what was done (weDid), not "+k)
		}
	}
}

// CheckActionTranslation returns an EINVALID error when t, a live translation of an
// action's words, names an action the holder does not have (nil). A deleted action
// still counts: a laptop may have translated it before the deletion reached it.
func CheckActionTranslation(t *Translation, a *Action) error {
	if _, ok := t.ActionID(); !ok || t.DeletedAt != "" {
		return nil
	}
	if a == nil {
		return Errorf(EINVALID, "This translation names an action that is not on the server. Sync the laptop that made the action first.")
	}
	return nil
}

// ActionTranslationStale reports whether a translation of the action from must stop
// being marked reviewed now that its words are to's: the English of a text it
// translates changed.
func ActionTranslationStale(t *Translation, from, to *Action) bool {
	if !t.Reviewed {
		return false
	}
	for k := range t.Texts {
		if from.EnglishText(k) != to.EnglishText(k) {
			return true
		}
	}
	return false
}

// EraseTranslatedQuote drops the translated "you said" of a translation of an action
// whose "you said" an erasure just took a comment's words out of (EraseQuoted): the
// translation was made from the words before and may hold them. It is then no longer
// reviewed. It reports whether anything changed.
func EraseTranslatedQuote(t *Translation) bool {
	if _, ok := t.ActionID(); !ok {
		return false
	}
	if _, had := t.Texts["youSaid"]; !had {
		return false
	}
	delete(t.Texts, "youSaid")
	t.Reviewed = false
	return true
}

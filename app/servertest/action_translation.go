package servertest

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// actionTranslation is a translation of the action's words (not yet pushed).
func actionTranslation(actionID, lang string, texts map[string]string) *involve.Translation {
	tr := &involve.Translation{Of: involve.ActionOf(actionID), Language: lang, LanguageName: lang, Texts: texts}
	tr.ID = ruleID()
	return tr
}

// testRulesActionTranslations: a translation of an action's "you said" and "we did"
// (issue 16) is stored only with those two keys and for an action of the team the
// server holds (or that comes later in the same push, as a laptop's outbox may order
// them; a deleted action still counts); another team's action is refused.
func testRulesActionTranslations(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	action := &involve.Action{YouSaid: "The queues are too long", WeDid: "We opened a second desk", Status: involve.ActionDone,
		FeedbackIDs: []string{}}
	action.ID = ruleID()
	pl := actionTranslation(action.ID, "pl", map[string]string{"youSaid": "Kolejki są za długie", "weDid": "Otworzyliśmy drugie stanowisko"})
	res := d.Push(d.Change(involve.EntityTranslation, pl, 0), d.Change(involve.EntityAction, action, 0))
	wantStatuses(t, "translation before its action in one push", res, []string{applied, applied}, "")

	unknown := actionTranslation(ruleID(), "pl", map[string]string{"weDid": "Coś"})
	wantStatuses(t, "translation of an action the server has not", d.Push(d.Change(involve.EntityTranslation, unknown, 0)),
		[]string{rejected}, "names an action that is not on the server")

	badKey := actionTranslation(action.ID, "es", map[string]string{"weDid": "Abrimos", "q.why.text": "¿Por qué?"})
	if r := d.Push(d.Change(involve.EntityTranslation, badKey, 0))[0]; r.Status != rejected {
		t.Errorf("a key an action has not: %+v", r)
	}

	other := e.Enrol(e.Team("Other").ID)
	theirs := &involve.Action{YouSaid: "Parking", WeDid: "More spaces", Status: involve.ActionDone, FeedbackIDs: []string{}}
	theirs.ID = ruleID()
	wantStatuses(t, "the other team's action", other.Push(other.Change(involve.EntityAction, theirs, 0)), []string{applied}, "")
	if r := d.Push(d.Change(involve.EntityTranslation, actionTranslation(theirs.ID, "pl", map[string]string{"weDid": "Więcej miejsc"}), 0))[0]; r.Status != rejected {
		t.Errorf("a translation of another team's action: %+v", r)
	}

	// the action deleted: a translation made before the deletion reached the laptop is kept
	pulled := d.PullAll()
	gone := *action
	gone.DeletedAt = involve.FormatTime(e.Clock.Now())
	wantStatuses(t, "action deleted", d.Push(d.Change(involve.EntityAction, &gone, pulled[action.ID].Rev)), []string{applied}, "")
	late := actionTranslation(action.ID, "ar", map[string]string{"youSaid": "الطوابير طويلة جدا"})
	wantStatuses(t, "translation of a deleted action", d.Push(d.Change(involve.EntityTranslation, late, 0)), []string{applied}, "")

	pulled = d.PullAll()
	if _, ok := pulled[pl.ID]; !ok {
		t.Error("the Polish translation was not stored")
	}
	for _, id := range []string{unknown.ID, badKey.ID} {
		if _, ok := pulled[id]; ok {
			t.Errorf("refused translation %s was stored", id)
		}
	}
}

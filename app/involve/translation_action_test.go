package involve_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// An action's translation: Of names the action, only "youSaid" and "weDid" pass, its
// texts may be as long as the action's own, and its parent is the action.
func TestActionTranslation(t *testing.T) {
	id := "01890a5d-ac96-774b-bcce-b302099a8057"
	tr := &involve.Translation{Of: involve.ActionOf(id), Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"youSaid": " Kolejki są za długie ", "weDid": strings.Repeat("ą", 3000)}}
	if err := tr.Validate(); err != nil {
		t.Fatal(err)
	}
	if tr.Texts["youSaid"] != "Kolejki są za długie" {
		t.Errorf("not normalized: %q", tr.Texts["youSaid"])
	}
	if e, pid := tr.Parent(); e != involve.EntityAction || pid != id {
		t.Errorf("parent %s %s", e, pid)
	}
	if got, ok := tr.ActionID(); !ok || got != id {
		t.Errorf("ActionID %q %v", got, ok)
	}
	if !strings.Contains(tr.Title(), "Polski") {
		t.Errorf("title %q", tr.Title())
	}

	bad := &involve.Translation{Of: involve.ActionOf(id), Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"name": "x", "q.one.text": "y", "weDid": "z"}}
	err := bad.Validate()
	for _, f := range []string{"texts.name", "texts.q.one.text"} {
		if !hasField(err, f) {
			t.Errorf("want problem %s: %v", f, involve.ErrorFields(err))
		}
	}
	if hasField(err, "texts.weDid") {
		t.Error("weDid refused")
	}
	if err := (&involve.Translation{Of: "action:nope", Language: "pl", LanguageName: "Polski"}).Validate(); !hasField(err, "of") {
		t.Errorf("an action id that is not a UUID: %v", err)
	}
	// a question set's translation keeps its own limit
	long := &involve.Translation{Of: id, Language: "pl", LanguageName: "Polski", Texts: map[string]string{"name": strings.Repeat("a", 3000)}}
	if !hasField(long.Validate(), "texts.name") {
		t.Error("a set's text of 3000 characters passed")
	}

	if involve.CheckActionTranslation(tr, nil) == nil {
		t.Error("a translation of an action the server has not was accepted")
	}
	if err := involve.CheckActionTranslation(tr, &involve.Action{}); err != nil {
		t.Error(err)
	}
	set := &involve.Translation{Of: id, Language: "pl"}
	if involve.CheckActionTranslation(set, nil) != nil {
		t.Error("a set's translation judged as an action's")
	}

	from := &involve.Action{YouSaid: "Queues", WeDid: "More staff"}
	to := &involve.Action{YouSaid: "Queues", WeDid: "More staff on Mondays"}
	tr.Reviewed = true
	if !involve.ActionTranslationStale(tr, from, to) {
		t.Error("the English of weDid changed: still reviewed")
	}
	only := &involve.Translation{Reviewed: true, Texts: map[string]string{"youSaid": "Kolejki"}}
	if involve.ActionTranslationStale(only, from, to) {
		t.Error("only weDid changed and the translation has no weDid: unmarked")
	}
}

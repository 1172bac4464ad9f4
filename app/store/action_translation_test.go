package store_test

import (
	"context"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// An action's "you said" and "we did" translated: saved for a live action only, with
// only its two keys; saving a language again updates it; editing the English of a
// translated text unmarks it as reviewed (an edit of another field does not); the
// translations are read by action and language.
func TestActionTranslations(t *testing.T) {
	ctx := context.Background()
	w := newActionWorld(t)
	db := w.db
	a, err := db.CreateAction(ctx, &involve.Action{YouSaid: "The queues are too long", WeDid: "We opened a second desk",
		Status: involve.ActionDone})
	if err != nil {
		t.Fatal(err)
	}
	pl := &involve.Translation{Of: involve.ActionOf(a.ID), Language: "pl", LanguageName: "Polski", Reviewed: true,
		Texts: map[string]string{"youSaid": "Kolejki są za długie", "weDid": "Otworzyliśmy drugie stanowisko"}}
	saved, err := db.SaveTranslation(ctx, pl)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(a.ID), Language: "ar", LanguageName: "العربية",
		Texts: map[string]string{"name": "x"}}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("a key an action has not: %v", err)
	}
	missing := "01890a5d-ac96-774b-bcce-b302099a8057"
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(missing), Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"weDid": "x"}}); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("an action that does not exist: %v", err)
	}
	again, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(a.ID), Language: "pl", LanguageName: "Polski",
		Reviewed: true, Texts: map[string]string{"youSaid": "Kolejki są za długie", "weDid": "Otworzyliśmy drugie okienko"}})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != saved.ID {
		t.Fatal("saving the language again made another record")
	}
	_, err = db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(a.ID), Language: "ar", LanguageName: "العربية",
		Reviewed: true, Texts: map[string]string{"youSaid": "الطوابير طويلة جدا"}})
	if err != nil {
		t.Fatal(err)
	}

	list, err := db.ListActionTranslations(ctx, a.ID)
	if err != nil || len(list) != 2 || list[0].Language != "ar" || list[1].Language != "pl" {
		t.Fatalf("list %v %+v", err, list)
	}
	all, err := db.ActionTranslations(ctx)
	if err != nil || all[a.ID]["pl"].Texts["weDid"] != "Otworzyliśmy drugie okienko" || len(all) != 1 {
		t.Fatalf("by action %v %+v", err, all)
	}

	// an edit of the owner: both stay reviewed
	loaded := *a
	edited := *a
	edited.Owner = "Sam"
	a2, err := db.UpdateAction(ctx, a.ID, &loaded, &edited)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := func() map[string]bool {
		t.Helper()
		list, err := db.ListActionTranslations(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, tr := range list {
			out[tr.Language] = tr.Reviewed
		}
		return out
	}
	if r := reviewed(); !r["pl"] || !r["ar"] {
		t.Fatalf("an edit of the owner unmarked: %v", r)
	}
	// the English of "we did" changes: the Polish (which translates it) is unmarked,
	// the Arabic (only "you said") stays reviewed
	loaded = *a2
	edited = *a2
	edited.WeDid = "We opened a second desk on Mondays"
	if _, err := db.UpdateAction(ctx, a.ID, &loaded, &edited); err != nil {
		t.Fatal(err)
	}
	if r := reviewed(); r["pl"] || !r["ar"] {
		t.Fatalf("after the English of we did changed: %v", r)
	}
	// a deleted action: no translation saved for it
	if err := db.DeleteDoc(ctx, involve.EntityAction, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(a.ID), Language: "es", LanguageName: "Español",
		Texts: map[string]string{"weDid": "x"}}); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("a deleted action: %v", err)
	}
}

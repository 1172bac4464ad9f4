package publish

import (
	"context"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// A "you said, we did" in another language (Options.Language): each item whose action
// has a translation of every text the item shows (its "we did", and its "you said" when
// that is shown) is written in that language; any other item stays in English and is
// marked so (Item.Lang), so that nothing chosen is left out and a screen reader reads
// each part in its own language. Whether a "you said" may be shown is decided on the
// English words (their consent), and a translation never brings back one withheld.
// The fixed words of the page, poster and email ("You said", "We did", the headings,
// the opening sentence, the footer) and a theme's label stay in English, marked
// lang="en-GB" on the page and in the email: Involve has no translation of them yet.

// TranslationSource is the Source method Build needs for another language: the newest
// translation of each action's words, by action id then language (store.DB has it).
type TranslationSource interface {
	ActionTranslations(ctx context.Context) (map[string]map[string]*involve.Translation, error)
}

// English is Item.Lang for an item left in English in a publication in another
// language, and the language of a publication in English.
const English = "en-GB"

// translate puts d's items into lang where their actions have a translation.
func translate(ctx context.Context, src report.Source, d *YouSaidWeDid, lang string) error {
	ts, ok := src.(TranslationSource)
	if !ok {
		return involve.Errorf(involve.EINVALID, "These records hold no translations")
	}
	all, err := ts.ActionTranslations(ctx)
	if err != nil {
		return err
	}
	d.Language, d.RTL = lang, involve.LanguageRTL(lang)
	for i := range d.Items {
		it := &d.Items[i]
		tr := all[it.ActionID][lang]
		if tr == nil {
			it.Lang = English
			d.Untranslated++
			continue
		}
		if d.LanguageName == "" {
			d.LanguageName = tr.LanguageName
		}
		t, ok := Translated(*it, tr)
		if !ok {
			it.Lang = English
			d.Untranslated++
			continue
		}
		*it = t
	}
	if len(d.Items) > 0 && d.Untranslated == len(d.Items) {
		return involve.Errorf(involve.EINVALID, "None of the chosen actions has all its words translated into %s: "+
			"translate them on each action's page, or make it in English", lang)
	}
	if d.LanguageName == "" {
		d.LanguageName = lang
	}
	return nil
}

// Covers reports whether tr translates every text the (English) item shows: its "we
// did", and its "you said" when that is shown. Only then is the item translated.
// A "you said" from which an erased comment's words were taken out (involve.ErasedQuote)
// is never translated: its translation was made from the words before, and may still
// hold them.
func Covers(it Item, tr *involve.Translation) bool {
	if tr == nil || tr.Texts["weDid"] == "" {
		return false
	}
	return it.YouSaid == "" || (tr.Texts["youSaid"] != "" && !strings.Contains(it.YouSaid, involve.ErasedQuote))
}

// Translated is the item with its texts from tr, and whether tr covers it (Covers);
// PosterCannotShow is worked out again on the translated words.
func Translated(it Item, tr *involve.Translation) (Item, bool) {
	if !Covers(it, tr) {
		return it, false
	}
	it.WeDid = tr.Texts["weDid"]
	if it.YouSaid != "" {
		it.YouSaid = tr.Texts["youSaid"]
	}
	it.PosterCannotShow = posterCannotShow(it)
	return it, true
}

package publish

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// translatedSource is the publish fixture with translations of its actions' words.
type translatedSource struct {
	*report.MemSource
	trs map[string]map[string]*involve.Translation
}

func (s translatedSource) ActionTranslations(context.Context) (map[string]map[string]*involve.Translation, error) {
	return s.trs, nil
}

const (
	plSaid = "Oznakowanie do przychodni jest mylące — źle, żółć, łąka"
	plDid  = "Powiesiliśmy nowe tablice w sześciu językach.\n\nSprawdzili je odwiedzający."
	arSaid = "اللافتات المؤدية إلى العيادة مربكة"
	arDid  = "وضعنا لافتات جديدة بست لغات."
)

func tr(lang, name string, texts map[string]string) *involve.Translation {
	return &involve.Translation{Language: lang, LanguageName: name, Texts: texts}
}

// translated: a1 (consented words) in Polish and Arabic; a3 only its "we did" in Polish
// (its "you said" is shown, so it stays English); a2 (words withheld, theme shown) its
// "we did" in Polish, and a "you said" that must not bring back the withheld words.
func translated() translatedSource {
	return translatedSource{MemSource: source(), trs: map[string]map[string]*involve.Translation{
		"a1-consented": {
			"pl": tr("pl", "Polski", map[string]string{"youSaid": plSaid, "weDid": plDid}),
			"ar": tr("ar", "العربية", map[string]string{"youSaid": arSaid, "weDid": arDid}),
		},
		"a3-paraphrased": {"pl": tr("pl", "Polski", map[string]string{"weDid": "Rezerwacja telefoniczna działa."})},
		"a2-no-consent":  {"pl": tr("pl", "Polski", map[string]string{"youSaid": "Czekałem cztery godziny", "weDid": "Ekran pokazuje czas oczekiwania."})},
	}}
}

func buildIn(t *testing.T, lang string) *YouSaidWeDid {
	t.Helper()
	d, err := Build(context.Background(), translated(), period, Options{Now: now, Team: "Zespół", Language: lang,
		Contact: "Email involve@example.nhs.uk"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildInAnotherLanguage(t *testing.T) {
	d := buildIn(t, "pl")
	if d.Language != "pl" || d.LanguageName != "Polski" || d.RTL {
		t.Errorf("language %q %q %v", d.Language, d.LanguageName, d.RTL)
	}
	got := map[string]Item{}
	for _, it := range d.Items {
		got[it.ActionID] = it
	}
	if a1 := got["a1-consented"]; a1.YouSaid != plSaid || a1.WeDid != plDid || a1.Lang != "" {
		t.Errorf("a1 %+v", a1)
	}
	// its "you said" is shown and not translated: the whole item stays English
	if a3 := got["a3-paraphrased"]; a3.YouSaid != "People found it hard to book" || a3.WeDid != "Booking by phone reopened." || a3.Lang != English {
		t.Errorf("a3 %+v", a3)
	}
	// withheld words stay withheld in any language
	if a2 := got["a2-no-consent"]; a2.YouSaid != "" || a2.About != "Waiting times" || a2.WeDid != "Ekran pokazuje czas oczekiwania." || a2.Lang != "" {
		t.Errorf("a2 %+v", a2)
	}
	if d.Untranslated != len(d.Items)-2 {
		t.Errorf("untranslated %d of %d", d.Untranslated, len(d.Items))
	}
	// English: as before
	if en := buildIn(t, ""); en.Language != "" || en.Items[0].YouSaid != "The signs to the clinic are confusing" || en.Items[0].Lang != "" {
		t.Errorf("English %+v", en)
	}
	// a language no chosen action has, a bad code, a source without translations
	if _, err := Build(context.Background(), translated(), period, Options{Now: now, Language: "es"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("no Spanish: %v", err)
	}
	if _, err := Build(context.Background(), translated(), period, Options{Now: now, Language: "Polish!"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("bad code: %v", err)
	}
	if _, err := Build(context.Background(), source(), period, Options{Now: now, Language: "pl"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("no translation source: %v", err)
	}
}

// The Polish poster: pdftotext reads the Polish words exactly, the document's
// language is pl, and an untranslated item is there in English.
func TestPolishPoster(t *testing.T) {
	d := buildIn(t, "pl")
	pdf, err := Bytes(Poster, d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf, 0)
	for _, want := range []string{paragraph(plSaid), "Powiesiliśmy nowe tablice w sześciu językach.", "Sprawdzili je odwiedzający.",
		"Ekran pokazuje czas oczekiwania.", "People found it hard to book", "You said", "We did"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Polish poster lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, CannotShow) || strings.Contains(text, "Czekałem") {
		t.Errorf("poster:\n%s", text)
	}
	if !bytes.Contains(pdf, []byte("/Lang (pl)")) {
		t.Error("the poster's language is not pl")
	}
	// Arabic: the poster says plainly it cannot show it; the item is flagged
	ar := buildIn(t, "ar")
	if !ar.Items[0].PosterCannotShow {
		t.Errorf("the Arabic item is not flagged: %+v", ar.Items[0])
	}
	arPDF, err := Bytes(Poster, ar)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, arPDF, 0); !strings.Contains(text, CannotShow) {
		t.Errorf("the Arabic poster lacks the sentence:\n%s", text)
	}
}

// The Arabic web page: html lang="ar" dir="rtl", the Arabic words, the fixed English
// words and the untranslated items marked as English, left to right.
func TestArabicWebPage(t *testing.T) {
	d := buildIn(t, "ar")
	b, err := Bytes(WebPage, d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`<html lang="ar" dir="rtl">`)) {
		t.Errorf("no lang=ar dir=rtl:\n%s", b[:200])
	}
	p := parse(t, b)
	text := p.text.String()
	for _, want := range []string{arSaid, arDid, "People found it hard to book", "You said, we did"} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	attrs := strings.Join(p.attrs, " ")
	if !strings.Contains(attrs, `li@lang=en-GB li@dir=ltr`) || !strings.Contains(attrs, `span@lang=en-GB span@dir=ltr`) {
		t.Errorf("English parts not marked: %s", attrs)
	}
	if p.tags["li"] != len(d.Items) || p.tags["h2"] != len(d.Items) {
		t.Errorf("%d li, %d h2 for %d items", p.tags["li"], p.tags["h2"], len(d.Items))
	}
	// the translated item's heading is the English "You said", marked English
	if !strings.Contains(string(b), `<h2 id="said-1"><span lang="en-GB" dir="ltr">You said</span></h2>`) {
		t.Errorf("first heading:\n%s", b)
	}
	// the email's HTML is marked too
	h, err := Bytes(EmailHTML, d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(h, []byte(`<div lang="ar" dir="rtl"`)) || !bytes.Contains(h, []byte(arDid)) {
		t.Errorf("email:\n%s", h)
	}
	txt, err := Bytes(EmailText, d)
	if err != nil || !bytes.Contains(txt, []byte("We did: "+arDid)) {
		t.Errorf("email text %v:\n%s", err, txt)
	}
}

// A "you said" an erasure took words out of is never replaced by its translation
// (made from the words before): the item stays in English.
func TestErasedWordsNotTranslated(t *testing.T) {
	src := translated()
	for _, d := range src.DocList {
		if a, ok := d.(*involve.Action); ok && a.ID == "a1-consented" {
			a.YouSaid = "The signs to the clinic are confusing, said " + involve.ErasedQuote
		}
	}
	d, err := Build(context.Background(), src, period, Options{Now: now, Language: "pl"})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range d.Items {
		if it.ActionID == "a1-consented" && (it.Lang != English || strings.Contains(it.YouSaid, "Oznakowanie")) {
			t.Errorf("the erased item was translated: %+v", it)
		}
	}
}

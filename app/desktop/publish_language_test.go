package desktop_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// TestPublishInAnotherLanguage: an action's words translated into Arabic through
// SaveTranslation are listed on the action and offered by the preview; the web page
// made in Arabic holds them with lang="ar" dir="rtl", and the publication notes ar.
func TestPublishInAnotherLanguage(t *testing.T) {
	a, _, _ := newApp(t)
	save := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, save)
	done := doneAction(t, a, "The queues are too long", "We opened a second desk.")
	other := doneAction(t, a, "Parking is hard", "More spaces.")
	if _, err := a.SaveTranslation(involve.Translation{Of: involve.ActionOf(done.ID), Language: "ar", LanguageName: "العربية",
		Texts: map[string]string{"youSaid": "الطوابير طويلة جدا", "weDid": "فتحنا مكتبا ثانيا."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveTranslation(involve.Translation{Of: involve.ActionOf(done.ID), Language: "ar", LanguageName: "العربية",
		Texts: map[string]string{"name": "x"}}); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("a key an action has not: %v", err)
	}
	list, err := a.ListActionTranslations(done.ID)
	if err != nil || len(list) != 1 || list[0].Language != "ar" {
		t.Fatalf("the action's translations: %+v %v", list, err)
	}
	pre, err := a.PreviewYouSaidWeDid(report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pre.Languages) != 1 || pre.Languages[0].Code != "ar" || !pre.Languages[0].RTL || pre.Languages[0].Name != "العربية" ||
		len(pre.Languages[0].ActionIDs) != 1 || pre.Languages[0].ActionIDs[0] != done.ID ||
		len(pre.Languages[0].PosterCannotShow) != 1 || pre.Languages[0].PosterCannotShow[0] != done.ID {
		t.Fatalf("preview languages %+v", pre.Languages)
	}
	today := time.Now().Format("2006-01-02")
	res, err := a.PublishYouSaidWeDid(desktop.PublishRequest{ActionIDs: []string{done.ID, other.ID}, Format: involve.PublicationWebPage,
		Channel: "website", PublishedOn: today, Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="ar" dir="rtl">`, "الطوابير طويلة جدا", "فتحنا مكتبا ثانيا.", `<li lang="en-GB" dir="ltr">`, "More spaces."} {
		if !strings.Contains(string(b), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	pubs, err := a.ListActionPublications()
	if err != nil || len(pubs) != 2 || pubs[0].Language != "ar" {
		t.Errorf("action publications: %+v %v", pubs, err)
	}
}

package desktop_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// TestPublishYouSaidWeDid: the screen's preview, a refused form (nothing written or
// recorded), and a web page made through the Save hook: the file holds the action, the
// publication is recorded, the action is published and communicated back, and the
// contact line is remembered.
// doneAction makes a session, a feedback item with consent to quote, and a done action
// answering it ("you said" is the item's words).
func doneAction(t *testing.T, a *desktop.App, youSaid, weDid string) involve.ActionView {
	t.Helper()
	s, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: youSaid, QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	done, err := a.CreateAction(involve.Action{FeedbackIDs: []string{fb.ID}, YouSaid: fb.Text, WeDid: weDid, Status: involve.ActionDone})
	if err != nil {
		t.Fatal(err)
	}
	return done
}

func TestPublishYouSaidWeDid(t *testing.T) {
	a, _, _ := newApp(t)
	save := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, save)
	done := doneAction(t, a, "The signs are confusing", "New signs went up.")
	if _, err := a.CreateAction(involve.Action{YouSaid: "Parking", Status: involve.ActionPlanned}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetStallName("Involvement team"); err != nil {
		t.Fatal(err)
	}

	pre, err := a.PreviewYouSaidWeDid(report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pre.Items) != 1 || pre.Items[0].ActionID != done.ID || pre.Items[0].YouSaid != "The signs are confusing" ||
		pre.Team != "Involvement team" || pre.Contact != "" {
		t.Fatalf("preview %+v", pre)
	}
	if _, err := a.PreviewYouSaidWeDid(report.Filter{From: "2026-02-30"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("bad filter: %v", err)
	}

	today := time.Now().Format("2006-01-02")
	_, err = a.PublishYouSaidWeDid(desktop.PublishRequest{ActionIDs: []string{done.ID}, Format: "leaflet", Channel: "", PublishedOn: "2999-01-01"})
	fields := map[string]bool{}
	for _, fe := range involve.ErrorFields(err) {
		fields[fe.Field] = true
	}
	if !fields["format"] || !fields["channel"] || !fields["publishedOn"] || len(fields) != 3 {
		t.Errorf("refused form: %v (fields %v)", err, fields)
	}
	if entries, _ := os.ReadDir(save); len(entries) != 0 {
		t.Fatalf("a refused form wrote %v", entries)
	}
	if v, _ := a.GetAction(done.ID); v.Published {
		t.Fatal("a refused form marked the action published")
	}

	res, err := a.PublishYouSaidWeDid(desktop.PublishRequest{ActionIDs: []string{done.ID}, Format: involve.PublicationWebPage,
		Channel: "website", PublishedOn: today, Note: "Clinic website", Contact: "Email involve@example.nhs.uk"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cancelled || res.Actions != 1 || res.PublicationID == "" || res.Path != filepath.Join(save, "you-said-we-did-"+today+".html") {
		t.Fatalf("result %+v", res)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The signs are confusing", "New signs went up.", "Involvement team", "Email involve@example.nhs.uk"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(string(b), "Parking") {
		t.Error("a planned action was published")
	}
	v, err := a.GetAction(done.ID)
	if err != nil || !v.Published || v.CommunicatedOn != today || v.Channel != "website" {
		t.Errorf("action after publishing: %+v %v", v.Action, err)
	}
	pubs, err := a.ListActionPublications()
	if err != nil || len(pubs) != 1 || pubs[0].ActionID != done.ID || pubs[0].PublishedOn != today ||
		pubs[0].Format != involve.PublicationWebPage || pubs[0].FormatLabel != "Web page" {
		t.Errorf("action publications: %+v %v", pubs, err)
	}
	if pre, _ := a.PreviewYouSaidWeDid(report.Filter{}); pre.Contact != "Email involve@example.nhs.uk" {
		t.Errorf("contact not remembered: %q", pre.Contact)
	}
	if left, _ := filepath.Glob(filepath.Join(save, ".*.partial")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestPublishPoster: the poster format writes an A4 PDF through the Save hook, named
// for the poster, and records the publication as for the other formats.
func TestPublishPoster(t *testing.T) {
	a, _, _ := newApp(t)
	save := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, save)
	done := doneAction(t, a, "Tablice są mylące, źle oznaczone wejście", "Nowe tablice w sześciu językach.")
	today := time.Now().Format("2006-01-02")
	res, err := a.PublishYouSaidWeDid(desktop.PublishRequest{ActionIDs: []string{done.ID}, Format: involve.PublicationPoster,
		Channel: "poster", PublishedOn: today, Contact: "Email involve@example.nhs.uk"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cancelled || res.Actions != 1 || res.Path != filepath.Join(save, "you-said-we-did-"+today+"-poster.pdf") {
		t.Fatalf("result %+v", res)
	}
	b, err := os.ReadFile(res.Path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("not a PDF (%v)", err)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", res.Path, "-").Output()
		text := strings.Join(strings.Fields(string(out)), " ")
		if err != nil || !strings.Contains(text, "Tablice są mylące, źle oznaczone wejście") || !strings.Contains(text, "Nowe tablice w sześciu językach.") {
			t.Errorf("poster text (%v): %s", err, text)
		}
	}
	v, err := a.GetAction(done.ID)
	if err != nil || !v.Published || v.CommunicatedOn != today || v.Channel != "poster" {
		t.Errorf("action after publishing: %+v %v", v.Action, err)
	}
	pubs, err := a.ListActionPublications()
	if err != nil || len(pubs) != 1 || pubs[0].Format != involve.PublicationPoster || pubs[0].FormatLabel != "Poster or leaflet" {
		t.Errorf("action publications: %+v %v", pubs, err)
	}
}

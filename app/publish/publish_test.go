package publish

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

var now = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// source: two sessions in the period and one before it; feedback with and without
// quote consent; actions of every kind a publication must treat differently.
func source() *report.MemSource {
	themes := []involve.Theme{{Meta: involve.Meta{ID: "th-wait"}, Label: "Waiting times"}, {Meta: involve.Meta{ID: "th-signs"}, Label: "Signs and directions"}}
	sess := func(id, date string) involve.Session {
		return involve.Session{Meta: involve.Meta{ID: id}, SessionInput: involve.SessionInput{ProjectID: "p1",
			Title: "Stall " + id, Date: date, Type: "outreach_stall", Status: "held", Borough: "E09000022"}}
	}
	fb := func(id, session, text string, consent bool) involve.Feedback {
		return involve.Feedback{Meta: involve.Meta{ID: id}, FeedbackInput: involve.FeedbackInput{SessionID: session,
			Text: text, QuoteConsent: consent, Source: "comment_card"}}
	}
	act := func(id, status, youSaid, weDid, theme string, fbs ...string) *involve.Action {
		return &involve.Action{Meta: involve.Meta{ID: id, CreatedAt: "2026-06-01T10:00:00Z"}, FeedbackIDs: fbs,
			ThemeID: theme, ProjectID: "p1", YouSaid: youSaid, WeDid: weDid, Status: status, Owner: "Priya Staffname"}
	}
	return &report.MemSource{
		ProjectList: []involve.Project{{Meta: involve.Meta{ID: "p1"}, ProjectInput: involve.ProjectInput{Name: "Clinic signs"}}},
		ThemeList:   themes,
		SessionList: []involve.Session{sess("s1", "2026-05-01"), sess("s2", "2026-06-01"), sess("s0", "2025-01-10")},
		FeedbackList: []involve.Feedback{
			fb("f-ok", "s1", "The signs to the clinic are confusing", true),
			fb("f-no", "s1", "I waited four hours and nobody told me why", false),
			fb("f-old", "s0", "My neighbour Mrs Example could not find the lift", false),
		},
		DocList: []involve.Doc{
			act("a1-consented", involve.ActionDone, "The signs to the clinic are confusing", "We put up new signs in six languages.\n\nThey were tested with visitors.", "th-signs", "f-ok"),
			act("a2-no-consent", involve.ActionDone, "I waited four hours and nobody told me why", "A screen now shows waiting times.", "th-wait", "f-no"),
			act("a3-paraphrased", involve.ActionDone, "People found it hard to book", "Booking by phone reopened.", "", "f-no"),
			act("a4-planned", involve.ActionPlanned, "Parking is hard", "", "", "f-ok"),
			act("a5-outside-feedback", involve.ActionDone, "My neighbour Mrs Example could not find the lift <script>", "The lift has a sign.", "", "f-ok", "f-old"),
			act("a6-missing-feedback", involve.ActionDone, "Make the entrance step-free", "A ramp was built.", "th-signs", "f-gone", "f-ok"),
			act("a7-no-theme-withheld", involve.ActionDone, "I waited four hours and nobody told me why", "Staff now update people every hour.", "", "f-no"),
		},
	}
}

var period = report.Filter{From: "2026-04-01", To: "2027-03-31"}

func build(t *testing.T, opt Options) *YouSaidWeDid {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = now
	}
	d, err := Build(context.Background(), source(), period, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuildChoosesAndWithholds(t *testing.T) {
	d := build(t, Options{Team: "  Health Innovation\nNetwork  ", Contact: "Email involve@example.nhs.uk"})
	if d.Team != "Health Innovation Network" || d.Period != "1 April 2026 to 31 March 2027" || d.Made != "6 December 2026" {
		t.Errorf("header %q %q %q", d.Team, d.Period, d.Made)
	}
	got := map[string]Item{}
	for _, it := range d.Items {
		got[it.ActionID] = it
	}
	want := map[string]Item{
		// consented words: shown
		"a1-consented": {YouSaid: "The signs to the clinic are confusing", About: "Signs and directions"},
		// the words of an item without consent: withheld, the theme said instead
		"a2-no-consent": {YouSaid: "", About: "Waiting times"},
		// staff's own words for an item without consent: shown
		"a3-paraphrased": {YouSaid: "People found it hard to book"},
		// repeats the words of an item outside the period that has no consent: withheld
		// (the workbook's rule sees only the period's feedback)
		"a5-outside-feedback": {YouSaid: ""},
		// answers an item this device cannot read: consent unknown, withheld
		"a6-missing-feedback": {YouSaid: "", About: "Signs and directions"},
	}
	for id, w := range want {
		g, ok := got[id]
		if id == "a5-outside-feedback" {
			if ok {
				t.Errorf("a5 has no theme and no shareable words: it must be left out, got %+v", g)
			}
			continue
		}
		if !ok {
			t.Errorf("%s missing", id)
			continue
		}
		if g.YouSaid != w.YouSaid || g.About != w.About || g.WeDid == "" {
			t.Errorf("%s: got %+v, want you said %q about %q", id, g, w.YouSaid, w.About)
		}
	}
	if _, ok := got["a4-planned"]; ok {
		t.Error("a planned action was published")
	}
	if d.Withheld != 2 { // a5 and a7: nothing to say what they were about
		t.Errorf("withheld %d, want 2", d.Withheld)
	}
}

func TestBuildPicked(t *testing.T) {
	d := build(t, Options{ActionIDs: []string{"a3-paraphrased"}})
	if len(d.Items) != 1 || d.Items[0].ActionID != "a3-paraphrased" {
		t.Fatalf("picked %+v", d.Items)
	}
	_, err := Build(context.Background(), source(), period, Options{Now: now, ActionIDs: []string{"a3-paraphrased", "a4-planned"}})
	if involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("a planned action picked: %v", err)
	}
	if _, err := Build(context.Background(), source(), report.Filter{From: "2026-13-01"}, Options{Now: now}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("bad filter: %v", err)
	}
}

// text collects a parsed page's visible text and checks its structure as it goes.
type page struct {
	text     strings.Builder
	headings []string
	tags     map[string]int
	attrs    []string
}

func parse(t *testing.T, b []byte) *page {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	p := &page{tags: map[string]int{}}
	var walk func(n *html.Node, inHeading *strings.Builder)
	walk = func(n *html.Node, h *strings.Builder) {
		switch n.Type {
		case html.ElementNode:
			p.tags[n.Data]++
			for _, a := range n.Attr {
				p.attrs = append(p.attrs, n.Data+"@"+a.Key+"="+a.Val)
			}
			if n.Data == "style" || n.Data == "title" {
				return
			}
			if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
				var hb strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, &hb)
				}
				p.headings = append(p.headings, n.Data+":"+strings.TrimSpace(hb.String()))
				return
			}
		case html.TextNode:
			p.text.WriteString(n.Data)
			if h != nil {
				h.WriteString(n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, h)
		}
	}
	walk(root, nil)
	return p
}

func TestWebPage(t *testing.T) {
	d := build(t, Options{Team: "Health Innovation Network", Contact: "Email involve@example.nhs.uk"})
	b, err := Bytes(WebPage, d)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, b)
	text := p.text.String()
	for _, want := range []string{"You said, we did", "Health Innovation Network · 1 April 2026 to 31 March 2027",
		"The signs to the clinic are confusing", "We put up new signs in six languages.", "They were tested with visitors.",
		"People found it hard to book", "A screen now shows waiting times.", "Email involve@example.nhs.uk",
		"Published on 6 December 2026."} {
		if !strings.Contains(text, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// nothing without consent, no staff name, no record id, no planned action
	for _, never := range []string{"I waited four hours", "Mrs Example", "Priya", "a1-consented", "Parking is hard", "<script"} {
		if strings.Contains(string(b), never) {
			t.Errorf("page holds %q", never)
		}
	}
	// headings in order: one h1, each item an h2 followed by its h3
	if p.headings[0] != "h1:You said, we did" || p.tags["h1"] != 1 {
		t.Errorf("headings %q", p.headings)
	}
	if p.tags["h2"] != len(d.Items) || p.tags["h3"] != len(d.Items) {
		t.Errorf("%d h2, %d h3 for %d items", p.tags["h2"], p.tags["h3"], len(d.Items))
	}
	if !strings.Contains(strings.Join(p.headings, "|"), "h2:You told us about waiting times|h3:We did") {
		t.Errorf("withheld item heading: %q", p.headings)
	}
	// self-contained: nothing to fetch, no script
	for _, tag := range []string{"script", "img", "link", "iframe", "object"} {
		if p.tags[tag] > 0 {
			t.Errorf("page has <%s>", tag)
		}
	}
	for _, a := range p.attrs {
		if strings.Contains(a, "@src=") || strings.Contains(a, "@href=") || strings.Contains(a, "@on") {
			t.Errorf("page has %s", a)
		}
	}
	if !bytes.Contains(b, []byte(`<html lang="en-GB">`)) || !bytes.Contains(b, []byte(`default-src 'none'`)) {
		t.Error("no lang or no content security policy")
	}
}

func TestEmailOutputs(t *testing.T) {
	d := build(t, Options{Team: "HIN", Contact: "Call 020 0000 0000"})
	txt, err := Bytes(EmailText, d)
	if err != nil {
		t.Fatal(err)
	}
	s := string(txt)
	for _, want := range []string{"You said, we did\r\n", "You said: The signs to the clinic are confusing\r\n",
		"We did: We put up new signs in six languages. They were tested with visitors.\r\n",
		"You told us about waiting times.\r\n", "Call 020 0000 0000\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("text lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") || strings.Contains(s, "four hours") {
		t.Errorf("bare LF or withheld words in text:\n%s", s)
	}
	h, err := Bytes(EmailHTML, d)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, h)
	if !strings.Contains(p.text.String(), "A screen now shows waiting times.") || p.tags["style"] > 0 || p.tags["script"] > 0 || strings.Contains(string(h), "four hours") {
		t.Errorf("email html: %s", h)
	}
}

func TestNothingToReport(t *testing.T) {
	d, err := Build(context.Background(), source(), report.Filter{From: "2020-01-01", To: "2020-12-31"}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Bytes(WebPage, d)
	if len(d.Items) != 0 || !strings.Contains(parse(t, b).text.String(), "There is nothing to report yet") {
		t.Errorf("empty period: %+v", d)
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Waiting times": "waiting times", "GP access": "GP access", "NHS App": "NHS App", "x": "x", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGoldenPage keeps testdata/you-said-we-did.html equal to what this code writes:
// the e2e file 3-pages.test.mjs opens it in Chromium and runs axe on it.
func TestGoldenPage(t *testing.T) {
	d := build(t, Options{Team: "Health Innovation Network South London", Contact: "Email involve@example.nhs.uk or call 020 0000 0000"})
	page, err := Bytes(WebPage, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "you-said-we-did.html")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(want, page) {
		t.Fatalf("%s is not the page this code writes (%v): run UPDATE_GOLDEN=1 go test ./app/publish", path, err)
	}
}

// TestSaveFile: the file appears whole once commit succeeds; a failing commit leaves
// the file that was there as it was and no temporary file.
func TestSaveFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("the publication could not be recorded")
	if err := SaveFile(path, []byte("new"), func() error { return refused }); !errors.Is(err, refused) {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "earlier" {
		t.Errorf("a failed commit changed the file: %q", b)
	}
	committed := false
	if err := SaveFile(path, []byte("new"), func() error {
		committed = true
		if b, _ := os.ReadFile(path); string(b) != "earlier" {
			t.Error("the new file appeared before the commit")
		}
		return nil
	}); err != nil || !committed {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := SaveFile(filepath.Join(dir, "no-such-folder", "x.html"), []byte("x"), nil); err == nil {
		t.Error("a missing folder was not an error")
	}
}

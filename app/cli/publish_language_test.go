package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestExportYouSaidWeDidLanguage: --language pl writes the Polish words of the
// translated action (lang="pl") and keeps the other in English; a bad code is a usage
// error and a language no action has is refused, both writing nothing.
func TestExportYouSaidWeDidLanguage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Market stall", Date: "2026-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "The signs are confusing", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{fb.ID}, WeDid: "New signs went up in May.", Status: involve.ActionDone})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{fb.ID}, YouSaid: "Parking is hard", WeDid: "More spaces.",
		Status: involve.ActionDone}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: involve.ActionOf(a.ID), Language: "pl", LanguageName: "Polski",
		Texts: map[string]string{"youSaid": "Oznakowanie jest mylące", "weDid": "W maju zawisły nowe tablice."}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var out bytes.Buffer
	reportOut = &out
	t.Cleanup(func() { reportOut = os.Stdout })
	run := func(args ...string) int {
		t.Helper()
		out.Reset()
		return runCommand("export", append([]string{"--data-dir", dir}, args...))
	}
	page := filepath.Join(t.TempDir(), "polski.html")
	if code := run("--you-said-we-did", page, "--language", "pl"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="pl">`, "Oznakowanie jest mylące", "W maju zawisły nowe tablice.",
		`<li lang="en-GB" dir="ltr">`, "More spaces."} {
		if !strings.Contains(string(b), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(string(b), "New signs went up in May.") {
		t.Error("the translated action's English words are on the Polish page")
	}
	if !strings.Contains(out.String(), "in Polski, 1 in English") {
		t.Errorf("summary line %q", out.String())
	}
	bad := filepath.Join(dir, "bad.html")
	if code := run("--you-said-we-did", bad, "--language", "Polish!"); code != 2 {
		t.Errorf("a bad code: exit %d, want 2", code)
	}
	none := filepath.Join(dir, "none.html")
	if code := run("--you-said-we-did", none, "--language", "es"); code == 0 {
		t.Error("a language no action has was not refused")
	}
	if code := run("--xlsx", filepath.Join(dir, "x.xlsx"), "--language", "pl"); code != 2 {
		t.Errorf("--language without --you-said-we-did: exit %d, want 2", code)
	}
	for _, name := range []string{"bad.html", "none.html", "x.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s written after a refusal", name)
		}
	}
}

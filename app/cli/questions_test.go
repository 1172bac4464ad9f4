package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestImportQuestionSetFile: a question set is shared as a file. `involve export`'s
// lines of the set and its translation, on their own, go through `involve import`
// into another laptop, which then lists the set, translated.
func TestImportQuestionSetFile(t *testing.T) {
	ctx := context.Background()
	from := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(from, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	set, err := db.CreateQuestionSet(ctx, &involve.QuestionSet{Name: "Clinic survey", Questions: []involve.Question{
		{ID: "video", Type: involve.QuestionYesNo, Text: "Would you use a video appointment?", Required: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: set.ID, Language: "ur", LanguageName: "اردو",
		Texts: map[string]string{"name": "کلینک سروے"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateSession(ctx, involve.SessionInput{Title: "Not shared", Date: "2026-11-24", Type: "workshop"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	all := filepath.Join(t.TempDir(), "all.jsonl")
	if code := runCommand("export", []string{"--data-dir", from, "--out", all}); code != 0 {
		t.Fatalf("export: exit %d", code)
	}
	b, err := os.ReadFile(all)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	keep := []string{lines[0]}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, `{"kind":"question_set"`) || strings.HasPrefix(l, `{"kind":"translation"`) {
			keep = append(keep, l)
		}
	}
	if len(keep) != 3 {
		t.Fatalf("export lines kept: %d", len(keep))
	}
	shared := filepath.Join(t.TempDir(), "clinic-survey.jsonl")
	if err := os.WriteFile(shared, []byte(strings.Join(keep, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	if code := runCommand("import", []string{"--data-dir", dir, shared}); code != 0 {
		t.Fatalf("import: exit %d", code)
	}
	db, err = store.Open(ctx, filepath.Join(dir, datadir.DBName), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.ListQuestionSets(ctx, false)
	if err != nil || len(list) != 1 || list[0].Set.ID != set.ID || len(list[0].Translations) != 1 ||
		!list[0].Translations[0].RTL() {
		t.Fatalf("sets after import: %+v %v", list, err)
	}
	if h, _ := db.Home(ctx); h.Counts.Sessions != 0 {
		t.Errorf("the shared file brought %+v", h.Counts)
	}
}

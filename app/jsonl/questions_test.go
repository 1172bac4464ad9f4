package jsonl_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/store"
)

// answeredExport is the export of a laptop with a question set, its Spanish
// translation, a session that asks it and a feedback item answering it.
func answeredExport(t *testing.T) (file []byte, set *involve.QuestionSet) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	set, err := db.CreateQuestionSet(ctx, questionSet())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveTranslation(ctx, &involve.Translation{Of: set.ID, Language: "es", LanguageName: "Español",
		Texts: map[string]string{"name": "Encuesta", "q.often.text": "¿Con qué frecuencia?"}}); err != nil {
		t.Fatal(err)
	}
	s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop",
		QuestionSets: []string{set.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.CreateFeedbackWithAnswers(ctx, involve.FeedbackInput{SessionID: s.ID, Source: "comment_card"},
		[]involve.ResponseInput{{QuestionSetID: set.ID, Answers: []involve.Answer{
			{Question: "often", Choices: []string{"daily"}}, {Question: "why", Text: "More buses"}}}}); err != nil {
		t.Fatal(err)
	}
	return export(t, db), set
}

// linesOf keeps the header and the lines of the kinds given.
func linesOf(file []byte, kinds ...string) []byte {
	lines := strings.Split(strings.TrimSpace(string(file)), "\n")
	out := []string{lines[0]}
	for _, l := range lines[1:] {
		for _, k := range kinds {
			if strings.HasPrefix(l, `{"kind":"`+k+`"`) {
				out = append(out, l)
			}
		}
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// A question set can be shared as a file: an export holding only the set and its
// translations imports into another laptop, which lists the set, translated.
func TestImportQuestionSetOnly(t *testing.T) {
	ctx := context.Background()
	file, set := answeredExport(t)
	only := linesOf(file, involve.EntityQuestionSet, involve.EntityTranslation)
	if n := bytes.Count(only, []byte("\n")); n != 3 {
		t.Fatalf("the shared file has %d lines:\n%s", n, only)
	}
	b := storetest.Open(t)
	res, err := jsonl.Import(ctx, b, bytes.NewReader(only), nil)
	if err != nil || res.Written != 2 {
		t.Fatalf("import of a set: %+v %v", res, err)
	}
	list, err := b.ListQuestionSets(ctx, false)
	if err != nil || len(list) != 1 || list[0].Set.ID != set.ID || len(list[0].Translations) != 1 ||
		list[0].Translations[0].Texts["name"] != "Encuesta" {
		t.Fatalf("sets after import: %+v %v", list, err)
	}
}

// A hostile or stale file cannot store answers the set version does not allow, answers
// to a version that is nowhere, or a translation of keys the version does not have:
// the import fails at that line and writes nothing.
func TestImportChecksQuestionRecords(t *testing.T) {
	ctx := context.Background()
	file, set := answeredExport(t)
	for name, tc := range map[string]struct{ kind, from, to, want string }{
		"a choice not offered": {involve.EntityResponse, `"choices":["daily"]`, `"choices":["yearly"]`, "not one of its choices"},
		"an unknown question":  {involve.EntityResponse, `"q":"why"`, `"q":"where"`, "no question where"},
		"a version that is nowhere": {involve.EntityResponse, `"questionSetId":"` + set.ID, `"questionSetId":"0195f3a4-9999-7000-8000-000000000009`,
			"is not in the database or earlier in the file"},
		"a key the version lacks": {involve.EntityTranslation, `"q.often.text"`, `"q.nope.text"`, "no text q.nope.text"},
	} {
		t.Run(name, func(t *testing.T) {
			lines := strings.Split(string(file), "\n")
			changed := false
			for i, l := range lines {
				if strings.HasPrefix(l, `{"kind":"`+tc.kind+`"`) && strings.Contains(l, tc.from) {
					lines[i], changed = strings.Replace(l, tc.from, tc.to, 1), true
				}
			}
			if !changed {
				t.Fatalf("no %s line holds %s", tc.kind, tc.from)
			}
			db := storetest.Open(t)
			_, err := jsonl.Import(ctx, db, strings.NewReader(strings.Join(lines, "\n")), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("import: %v, want %q", err, tc.want)
			}
			if n := docs(t, db, involve.EntityQuestionSet); n != 0 {
				t.Errorf("a refused import left %d question sets", n)
			}
		})
	}
}

func docs(t *testing.T, db *store.DB, entity string) int {
	t.Helper()
	n := 0
	if err := db.EachDoc(context.Background(), entity, "", true, func(involve.Doc) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A translation of an action's words names an action that must be in the database or
// earlier in the file (as the server requires): otherwise the import fails at that
// line and writes nothing.
func TestImportChecksActionTranslation(t *testing.T) {
	ctx := context.Background()
	file, _ := answeredExport(t)
	var out []string
	changed := false
	for _, l := range strings.Split(string(file), "\n") {
		if strings.HasPrefix(l, `{"kind":"`+involve.EntityTranslation+`"`) && !changed {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatal(err)
			}
			m["of"] = involve.ActionOf("0195f3a4-9999-7000-8000-000000000009")
			m["texts"] = map[string]string{"youSaid": "Oznakowanie"}
			delete(m, "kind") // written first, below
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			l, changed = `{"kind":"`+involve.EntityTranslation+`",`+strings.TrimPrefix(string(b), "{"), true
		}
		out = append(out, l)
	}
	if !changed {
		t.Fatal("the export has no translation line")
	}
	db := storetest.Open(t)
	_, err := jsonl.Import(ctx, db, strings.NewReader(strings.Join(out, "\n")), nil)
	if err == nil || !strings.Contains(err.Error(), `action "0195f3a4-9999-7000-8000-000000000009" is not in the database or earlier in the file`) {
		t.Fatalf("import: %v", err)
	}
	if n := docs(t, db, involve.EntityTranslation); n != 0 {
		t.Errorf("a refused import left %d translations", n)
	}
}

package jsonl_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/store"
)

// datasetResponses is `node scripts/bench/gen.mjs 120 7 --responses`.
const datasetResponses = "testdata/dataset-responses-120.jsonl"

func TestImportDatasetWithResponses(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	f, err := os.Open(datasetResponses)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := jsonl.Import(ctx, db, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	kinds := countKinds(t, datasetResponses)
	if kinds["response"] != kinds["feedback"] || kinds["question_set"] != 1 {
		t.Fatalf("the file is not gen.mjs --responses output: %v", kinds)
	}
	if res.Records != kinds["session"]+kinds["feedback"]+kinds["question_set"]+kinds["response"] {
		t.Fatalf("imported %d records, want %v", res.Records, kinds)
	}
	sets, err := store.FindDocsOf[*involve.QuestionSet](ctx, db, involve.EntityQuestionSet, "")
	if err != nil || len(sets) != 1 || len(sets[0].Questions) != 7 {
		t.Fatalf("sets %v, %v", sets, err)
	}
	types := map[string]bool{}
	for _, q := range sets[0].Questions {
		types[q.Type] = true
	}
	if len(types) != len(involve.QuestionTypes) {
		t.Errorf("the set has types %v, want every type", types)
	}
	n := 0
	err = db.EachDoc(ctx, involve.EntityResponse, "", false, func(d involve.Doc) error {
		r := d.(*involve.Response)
		n++
		if r.QuestionSetID != sets[0].ID || r.SessionID == "" || len(r.Answers) == 0 {
			t.Fatalf("response %+v", r)
		}
		if _, err := sets[0].CheckAnswers(r.Answers); err != nil {
			t.Fatalf("stored answers fail their set: %v", err)
		}
		return nil
	})
	if err != nil || n != kinds["response"] {
		t.Fatalf("%d responses stored (%v), want %d", n, err, kinds["response"])
	}
}

// A data set file with one bad response is refused at its line, and nothing is stored.
func TestImportDatasetResponseRefused(t *testing.T) {
	good, err := os.ReadFile(datasetResponses)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, `"kind":"response"`) && strings.Contains(l, `{"q":"video","choices":["yes"]}`) {
			at = i
			break
		}
	}
	if at < 0 {
		t.Fatal("no response answering yes to video in the file")
	}
	cases := map[string]func([]string) []string{
		"a choice the question does not offer": func(ls []string) []string {
			ls[at] = strings.Replace(ls[at], `{"q":"video","choices":["yes"]}`, `{"q":"video","choices":["perhaps"]}`, 1)
			return ls
		},
		"a response before its feedback line": func(ls []string) []string {
			ls[at-1], ls[at] = ls[at], ls[at-1]
			return ls
		},
		"a set not in the file": func(ls []string) []string {
			return ls[1:]
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			ls := edit(append([]string(nil), lines...))
			db := storetest.Open(t)
			_, err := jsonl.Import(context.Background(), db, bytes.NewReader([]byte(strings.Join(ls, "\n")+"\n")), nil)
			if err == nil || !strings.Contains(err.Error(), "line") || !strings.Contains(err.Error(), "response") {
				t.Fatalf("import: %v, want a refusal naming the line and the response", err)
			}
			h, _ := db.Home(context.Background())
			if h.Counts.Sessions != 0 || h.Counts.Feedback != 0 {
				t.Errorf("a refused import stored %+v", h.Counts)
			}
		})
	}
}

package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
)

// questionStore is a real SQLite store with a question set in two versions (q1's words
// changed) and responses saved through the generic doc API: 8 to version 1 and 6 to
// version 2 on a session in 2026, one on a session in 2025, one whose feedback item was
// deleted and one deleted response.
func questionStore(t *testing.T) (*store.DB, *involve.QuestionSet) {
	t.Helper()
	ctx := context.Background()
	db, _ := storetest.OpenPath(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	in, err := db.CreateSession(ctx, involve.SessionInput{Title: "Clinic day", Date: "2026-03-01", Type: "workshop", Status: "held"})
	must(err)
	old, err := db.CreateSession(ctx, involve.SessionInput{Title: "Last year", Date: "2025-03-01", Type: "workshop", Status: "held"})
	must(err)
	questions := func(q1 string) []involve.Question {
		return []involve.Question{
			{ID: "q1", Type: involve.QuestionSingle, Text: q1, Choices: []involve.Choice{{Code: "a", Label: "Alpha"}, {Code: "b", Label: "Beta"}}},
			{ID: "q2", Type: involve.QuestionText, Text: "Anything else?"},
			{ID: "q3", Type: involve.QuestionRanking, Text: "Top two", Pick: 2,
				Choices: []involve.Choice{{Code: "x", Label: "Ex"}, {Code: "y", Label: "Why"}, {Code: "z", Label: "Zed"}}},
		}
	}
	d, err := db.CreateDoc(ctx, &involve.QuestionSet{Version: 1, Name: "Clinic ideas", Questions: questions("Which idea?")})
	must(err)
	v1 := d.(*involve.QuestionSet)
	d, err = db.CreateDoc(ctx, &involve.QuestionSet{FamilyID: v1.ID, Version: 2, Name: "Clinic ideas", Questions: questions("Which idea is best?")})
	must(err)
	v2 := d.(*involve.QuestionSet)
	n := 0
	respond := func(session, version string, consent bool, answers ...involve.Answer) (involve.Feedback, involve.Doc) {
		n++
		fb, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: session, Text: "Card", Source: "form",
			QuoteConsent: consent, EthnicGroup: "white", AgeBand: "25_34"})
		must(err)
		r, err := db.CreateDoc(ctx, &involve.Response{SessionID: session, FeedbackID: fb.ID, QuestionSetID: version, Language: "en", Answers: answers})
		must(err)
		return fb, r
	}
	for i := 0; i < 8; i++ {
		respond(in.ID, v1.ID, i%2 == 0, involve.Answer{Question: "q1", Choices: []string{"a"}},
			involve.Answer{Question: "q2", Text: fmt.Sprintf("Version one words %d", i)},
			involve.Answer{Question: "q3", Choices: []string{"y", "x"}})
	}
	for i := 0; i < 6; i++ {
		respond(in.ID, v2.ID, true, involve.Answer{Question: "q1", Choices: []string{"b"}},
			involve.Answer{Question: "q3", Choices: []string{"x", "z"}})
	}
	respond(old.ID, v1.ID, true, involve.Answer{Question: "q1", Choices: []string{"b"}})
	fb, _ := respond(in.ID, v1.ID, true, involve.Answer{Question: "q1", Choices: []string{"b"}})
	must(db.DeleteFeedback(ctx, fb.ID))
	_, r := respond(in.ID, v1.ID, true, involve.Answer{Question: "q1", Choices: []string{"b"}})
	must(db.DeleteDoc(ctx, involve.EntityResponse, r.DocMeta().ID))
	return db, v1
}

func TestReportQuestionsFromStore(t *testing.T) {
	ctx := context.Background()
	db, v1 := questionStore(t)
	f := report.Filter{From: "2026-01-01"}
	fig, err := report.Questions(ctx, db, f, report.BreakdownRequest{SetID: v1.ID, Question: "q3", By: "ageBand"})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Responses != 14 || len(fig.Sets) != 1 || fig.Sets[0].FamilyID != v1.ID || fig.Sets[0].Responses != 14 {
		t.Fatalf("figures %+v", fig)
	}
	var labels []string
	for _, q := range fig.Sets[0].Questions {
		labels = append(labels, q.Key+"="+q.Label+fmt.Sprint(q.Asked))
	}
	if got := strings.Join(labels, "|"); got != "q1=Which idea is best? (version 2)6|q1@v1=Which idea? (version 1)8|q2=Anything else?14|q3=Top two14" {
		t.Errorf("questions %s", got)
	}
	q2 := fig.Sets[0].Questions[2]
	if len(q2.Quotes) != 4 || q2.QuotesWithheld != 4 {
		t.Errorf("free text with consent %q, withheld %d", q2.Quotes, q2.QuotesWithheld)
	}
	bd := fig.Breakdown
	if bd == nil || len(bd.Rows) != 1 || bd.Rows[0].Code != "25_34" || bd.Rows[0].Cells[0].Text() != "14" || bd.Rows[0].Total.Text() != "14" {
		t.Errorf("breakdown %+v", bd)
	}

	// The workbook's Questions sheet and responses.csv, from the store.
	var buf bytes.Buffer
	if _, err := xlsx.Write(ctx, &buf, db, f, xlsx.Options{Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows(xlsx.SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	sheet := strings.Join(all, "\n")
	for _, want := range []string{"Which idea? (version 1)", "Alpha|8|100%", "Beta|6|100%", "Ex|6|14|20", "Why|8|8|16"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("Questions sheet lacks %q:\n%s", want, sheet)
		}
	}
	buf.Reset()
	if err := xlsx.WriteCSV(ctx, &buf, "responses", db, f, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	prefix := fig.Sets[0].Prefix
	if len(recs) != 15 || strings.Join(recs[0][7:], ",") != prefix+"__q1,"+prefix+"__q2,"+prefix+"__q3" {
		t.Fatalf("responses.csv %d rows, header %q", len(recs), recs[0])
	}
	withheld, quoted := 0, 0
	for _, r := range recs[1:] {
		switch {
		case r[8] == xlsx.WithheldAnswerText:
			withheld++
		case strings.HasPrefix(r[8], "Version one words"):
			quoted++
		}
		if r[3] != "2026-03-01" || (r[5] == "2" && r[9] != "x>z") {
			t.Errorf("row %q", r)
		}
	}
	if withheld != 4 || quoted != 4 {
		t.Errorf("withheld %d, quoted %d", withheld, quoted)
	}
}

package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

func num(f float64) *float64 { return &f }

// questionFixture: set "fam" version 1 and version 2 (q1's words changed; the rest
// alike), sessions s1 (in the filter) and s2 (outside), and a builder of responses.
type questionFixture struct {
	src *MemSource
	n   int
}

func qSet(id, family string, version int, q1Text string) *involve.QuestionSet {
	return &involve.QuestionSet{Meta: involve.Meta{ID: id}, FamilyID: family, Version: version, Name: "Clinic ideas",
		Questions: []involve.Question{
			{ID: "q1", Type: involve.QuestionSingle, Text: q1Text, PreferNot: true,
				Choices: []involve.Choice{{Code: "a", Label: "Alpha"}, {Code: "b", Label: "Beta"}, {Code: "c", Label: "Gamma"}}},
			{ID: "q2", Type: involve.QuestionMultiple, Text: "What stops you?", Other: true,
				Choices: []involve.Choice{{Code: "bus", Label: "Buses"}, {Code: "time", Label: "Time"}}},
			{ID: "q3", Type: involve.QuestionRanking, Text: "Top two ideas", Pick: 2,
				Choices: []involve.Choice{{Code: "x", Label: "Ex"}, {Code: "y", Label: "Why"}, {Code: "z", Label: "Zed"}}},
			{ID: "q4", Type: involve.QuestionNumber, Text: "How many visits?"},
			{ID: "q5", Type: involve.QuestionText, Text: "Anything else?"},
		}}
}

func newQuestionFixture() *questionFixture {
	return &questionFixture{src: &MemSource{
		SessionList: []involve.Session{
			{Meta: involve.Meta{ID: "s1"}, SessionInput: involve.SessionInput{Title: "In", Date: "2026-03-01", Type: "workshop"}},
			{Meta: involve.Meta{ID: "s2"}, SessionInput: involve.SessionInput{Title: "Out", Date: "2025-03-01", Type: "workshop"}},
		},
		DocList: []involve.Doc{qSet("v1", "", 1, "Which idea?"), qSet("v2", "v1", 2, "Which idea do you like best?")},
	}}
}

// add saves a feedback item (session, consent, ethnic group) and its response to version.
func (fx *questionFixture) add(session, version string, consent bool, ethnic string, answers ...involve.Answer) {
	fx.n++
	fb := involve.Feedback{Meta: involve.Meta{ID: fmt.Sprintf("f%04d", fx.n)},
		FeedbackInput: involve.FeedbackInput{SessionID: session, QuoteConsent: consent, EthnicGroup: ethnic}}
	fx.src.FeedbackList = append(fx.src.FeedbackList, fb)
	fx.src.DocList = append(fx.src.DocList, &involve.Response{Meta: involve.Meta{ID: fmt.Sprintf("r%04d", fx.n)},
		SessionID: session, FeedbackID: fb.ID, QuestionSetID: version, Answers: answers})
}

func pick(q string, codes ...string) involve.Answer {
	return involve.Answer{Question: q, Choices: codes}
}

func findQ(t *testing.T, sr SetResults, key string) QuestionResult {
	t.Helper()
	for _, q := range sr.Questions {
		if q.Key == key {
			return q
		}
	}
	t.Fatalf("no question %s in %+v", key, sr.Questions)
	return QuestionResult{}
}

func cat(q QuestionResult, code string) Category {
	for _, c := range q.Categories {
		if c.Code == code {
			return c
		}
	}
	return Category{Label: "missing"}
}

func TestQuestionsCountsCombineAndSuppress(t *testing.T) {
	fx := newQuestionFixture()
	for i := 0; i < 12; i++ { // version 1: 12 responses
		ans := []involve.Answer{pick("q2", "bus"), pick("q3", "x", "y")}
		switch {
		case i < 8:
			ans = append(ans, pick("q1", "a"))
		case i < 11:
			ans = append(ans, pick("q1", "b")) // 3: suppressed
		default:
			ans = append(ans, involve.Answer{Question: "q1", PreferNot: true})
		}
		if i < 6 {
			ans = append(ans, involve.Answer{Question: "q4", Number: num(float64(i + 1))})
		}
		fx.add("s1", "v1", i%2 == 0, "white", ans...)
	}
	for i := 0; i < 6; i++ { // version 2: 6 responses, q2 "Other" with words
		fx.add("s1", "v2", i < 3, "black", pick("q1", "c"), involve.Answer{Question: "q2", Choices: []string{"time", "other"}, Text: fmt.Sprintf("Parking %d", i)},
			pick("q3", "z", "x"), involve.Answer{Question: "q5", Text: fmt.Sprintf("Words %d", i)})
	}
	fx.add("s2", "v1", true, "white", pick("q1", "c")) // outside the filter
	fig, err := Questions(context.Background(), fx.src, Filter{From: "2026-01-01"}, BreakdownRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Responses != 18 || len(fig.Sets) != 1 {
		t.Fatalf("responses %d sets %d", fig.Responses, len(fig.Sets))
	}
	sr := fig.Sets[0]
	if sr.FamilyID != "v1" || sr.Responses != 18 || fmt.Sprint(sr.Versions) != "[1 2]" || sr.Prefix != "sv1" {
		t.Errorf("set %+v", sr)
	}
	// q1 changed: one result per version, labelled.
	q1new, q1old := findQ(t, sr, "q1"), findQ(t, sr, "q1@v1")
	if q1new.Label != "Which idea do you like best? (version 2)" || q1old.Label != "Which idea? (version 1)" {
		t.Errorf("labels %q %q", q1new.Label, q1old.Label)
	}
	if q1old.Asked != 12 || cat(q1old, "a").Count.Text() != "8" || cat(q1old, "b").Count.Text() != "<5" ||
		cat(q1old, "prefer_not_say").Count.Text() != "<5" || cat(q1old, "").Count.Text() != "0" {
		t.Errorf("q1 v1 %+v", q1old.Categories)
	}
	if p := cat(q1old, "a").Percent.Text(); p != "67%" {
		t.Errorf("8 of 12 = %s", p)
	}
	if c := cat(q1new, "c"); c.Count.Text() != "6" || c.Percent.Text() != "100%" {
		t.Errorf("q1 v2 c %+v", c)
	}
	// q2 did not change: combined over 18 responses.
	q2 := findQ(t, sr, "q2")
	if q2.Label != "What stops you?" || fmt.Sprint(q2.Versions) != "[1 2]" || q2.Asked != 18 || !q2.Multi ||
		cat(q2, "bus").Count.Text() != "12" || cat(q2, "time").Count.Text() != "6" || cat(q2, "other").Count.Text() != "6" {
		t.Errorf("q2 %+v %+v", q2, q2.Categories)
	}
	// Other words: quoted only with consent (3 of 6).
	if len(q2.Quotes) != 3 || q2.QuotesWithheld != 3 || q2.Quotes[0] != "Other: Parking 0" {
		t.Errorf("q2 quotes %q withheld %d", q2.Quotes, q2.QuotesWithheld)
	}
	q5 := findQ(t, sr, "q5")
	if strings.Join(q5.Quotes, "|") != "Words 0|Words 1|Words 2" || q5.QuotesWithheld != 3 || cat(q5, "answered").Count.Text() != "6" ||
		cat(q5, "").Count.Text() != "12" {
		t.Errorf("q5 %+v", q5)
	}
	// Ranking: x first 12 times, picked 18; y picked 12; z first 6 times.
	q3 := findQ(t, sr, "q3")
	if len(q3.Ranking) != 3 || q3.Ranking[0].First.Text() != "12" || q3.Ranking[0].Picked.Text() != "18" ||
		*q3.Ranking[0].Score != 12*2+6*1 || q3.Ranking[1].Picked.Text() != "12" || *q3.Ranking[1].Score != 12 ||
		q3.Ranking[2].First.Text() != "6" {
		t.Errorf("ranking %+v", q3.Ranking)
	}
	// Number: 6 answers (1..6): median 3.5.
	q4 := findQ(t, sr, "q4")
	if q4.Number == nil || q4.Number.Count.Text() != "6" || *q4.Number.Median != 3.5 || *q4.Number.Min != 1 || *q4.Number.Max != 6 {
		t.Errorf("number %+v", q4.Number)
	}
	b, _ := json.Marshal(fig)
	if strings.Contains(string(b), `"value":3,`) {
		t.Errorf("a suppressed count leaks in JSON: %s", b)
	}
}

func TestQuestionsNumberSuppressedWhenFew(t *testing.T) {
	fx := newQuestionFixture()
	for i := 0; i < 4; i++ {
		fx.add("s1", "v1", true, "", involve.Answer{Question: "q4", Number: num(float64(40 + i))})
	}
	fig, err := Questions(context.Background(), fx.src, Filter{}, BreakdownRequest{})
	if err != nil {
		t.Fatal(err)
	}
	q4 := findQ(t, fig.Sets[0], "q4")
	if q4.Number.Count.Text() != "<5" || q4.Number.Min != nil || q4.Number.Median != nil || q4.Number.Max != nil {
		t.Errorf("few numbers shown: %+v", q4.Number)
	}
}

func TestQuestionsBreakdownSuppressesCells(t *testing.T) {
	fx := newQuestionFixture()
	for i := 0; i < 20; i++ {
		ethnic, choice := "white", "a"
		switch {
		case i < 3:
			ethnic = "asian" // 3 Asian people, all "a": suppressed
		case i < 10:
			ethnic, choice = "black", "b"
		case i < 12:
			choice = "b" // white: 2 "b" (suppressed), 8 "a"
		}
		fx.add("s1", "v1", false, ethnic, pick("q1", choice))
	}
	fig, err := Questions(context.Background(), fx.src, Filter{}, BreakdownRequest{SetID: "v1", Question: "q1@v1", By: "ethnicGroup"})
	if err != nil {
		t.Fatal(err)
	}
	bd := fig.Breakdown
	if bd == nil || bd.ByLabel != "Ethnic group" || bd.Columns[0].Label != "Alpha" {
		t.Fatalf("breakdown %+v", bd)
	}
	rows := map[string]BreakdownRow{}
	for _, r := range bd.Rows {
		rows[r.Code] = r
	}
	if r := rows["asian"]; r.Total.Text() != "<5" || r.Cells[0].Text() != "<5" {
		t.Errorf("asian row %+v", r)
	}
	if r := rows["black"]; r.Cells[0].Text() != "0" {
		t.Errorf("black row %+v", r)
	}
	// White: 8 a, 2 b. "2" is suppressed, so 8 is withheld in its row; column "a" then
	// has Asian <5 and white * hidden; column "b" has one hidden (white 2), so black's 7
	// is withheld.
	if r := rows["white"]; r.Cells[0].Text() != "*" || r.Cells[1].Text() != "<5" {
		t.Errorf("white row %+v", r)
	}
	// Column "b" then has one hidden cell (white's 2): black's 7 is withheld, and so
	// is black's total (it would give the 7 away).
	if r := rows["black"]; r.Cells[1].Text() != "*" || r.Total.Text() != "*" {
		t.Errorf("black row %+v", r)
	}
	for _, r := range bd.Rows {
		hidden := 0
		for _, c := range append(r.Cells, r.Total) {
			if c.Hidden() && c.N > 0 {
				hidden++
			}
		}
		if hidden == 1 {
			t.Errorf("row %s has exactly one hidden cell: %+v", r.Label, r.Cells)
		}
	}
	for j := range bd.Columns {
		hidden := 0
		for _, r := range bd.Rows {
			if r.Cells[j].Hidden() && r.Cells[j].N > 0 {
				hidden++
			}
		}
		if hidden == 1 {
			t.Errorf("column %s has exactly one hidden cell", bd.Columns[j].Label)
		}
	}
	// Free text cannot be broken down.
	fig, _ = Questions(context.Background(), fx.src, Filter{}, BreakdownRequest{SetID: "v1", Question: "q5", By: "ethnicGroup"})
	if fig.Breakdown != nil {
		t.Errorf("free text broken down")
	}
}

func TestQuestionsQuotesCappedAndUnmatched(t *testing.T) {
	fx := newQuestionFixture()
	for i := 0; i < MaxQuotes+7; i++ {
		fx.add("s1", "v1", true, "", involve.Answer{Question: "q5", Text: fmt.Sprint("Words ", i)})
	}
	fx.add("s1", "no-such-version", true, "", involve.Answer{Question: "q5", Text: "Lost"})
	fig, err := Questions(context.Background(), fx.src, Filter{}, BreakdownRequest{SetID: "v1", Question: "q5", By: "ageBand"})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Responses != MaxQuotes+8 || fig.Unmatched != 1 || fig.Sets[0].Responses != MaxQuotes+7 {
		t.Errorf("responses %d, unmatched %d, set %d", fig.Responses, fig.Unmatched, fig.Sets[0].Responses)
	}
	q5 := findQ(t, fig.Sets[0], "q5")
	if len(q5.Quotes) != MaxQuotes || q5.QuotesMore != 7 || q5.QuotesWithheld != 0 || q5.Quotes[0] != "Words 0" {
		t.Errorf("quotes %d, more %d", len(q5.Quotes), q5.QuotesMore)
	}
	if fig.Breakdown != nil {
		t.Errorf("free text broken down: %+v", fig.Breakdown)
	}
	// A source that holds no responses has no results, and says so with empty lists.
	fig, err = Questions(context.Background(), struct{ Source }{fx.src}, Filter{}, BreakdownRequest{})
	if err != nil || fig.Responses != 0 || fig.Sets == nil || len(fig.Sets) != 0 {
		t.Errorf("no ResponseSource: %+v %v", fig, err)
	}
}

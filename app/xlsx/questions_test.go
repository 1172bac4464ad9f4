package xlsx

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// withResponses adds a question set and a response for each of the first 30 feedback
// items of the fixture (all in the quarter; consent on two in three): q1 "a" 26
// times, "b" 3 times (suppressed), Prefer not to say once; q2 "bus" always and
// "other" with words every fifth; q3 ranking x>y; q4 free text; q5 number i.
func withResponses(src *report.MemSource) *report.MemSource {
	set := &involve.QuestionSet{Meta: involve.Meta{ID: "qs1"}, Version: 1, Name: "Clinic ideas", Questions: []involve.Question{
		{ID: "q1", Type: involve.QuestionSingle, Text: "Which idea?", PreferNot: true,
			Choices: []involve.Choice{{Code: "a", Label: "Alpha"}, {Code: "b", Label: "Beta"}}},
		{ID: "q2", Type: involve.QuestionMultiple, Text: "What stops you?", Other: true,
			Choices: []involve.Choice{{Code: "bus", Label: "Buses"}, {Code: "time", Label: "Time"}}},
		{ID: "q3", Type: involve.QuestionRanking, Text: "Top two", Pick: 2,
			Choices: []involve.Choice{{Code: "x", Label: "Ex"}, {Code: "y", Label: "Why"}, {Code: "z", Label: "Zed"}}},
		{ID: "q4", Type: involve.QuestionText, Text: "Anything else?"},
		{ID: "q5", Type: involve.QuestionNumber, Text: "How many visits?"},
	}}
	src.DocList = append(src.DocList, set)
	for i := 0; i < 30; i++ {
		fb := src.FeedbackList[i]
		q1 := involve.Answer{Question: "q1", Choices: []string{"a"}}
		switch {
		case i < 3:
			q1.Choices = []string{"b"}
		case i == 3:
			q1 = involve.Answer{Question: "q1", PreferNot: true}
		}
		q2 := involve.Answer{Question: "q2", Choices: []string{"bus"}}
		if i%5 == 0 {
			q2 = involve.Answer{Question: "q2", Choices: []string{"bus", "other"}, Text: fmt.Sprintf("=Parking %d", i)}
		}
		n := float64(i)
		src.DocList = append(src.DocList, &involve.Response{Meta: involve.Meta{ID: fmt.Sprintf("r%04d", i)}, SessionID: fb.SessionID,
			FeedbackID: fb.ID, QuestionSetID: "qs1", Language: "en", Answers: []involve.Answer{q1, q2,
				{Question: "q3", Choices: []string{"x", "y"}}, {Question: "q4", Text: fmt.Sprintf("Words %d", i)}, {Question: "q5", Number: &n}}})
	}
	return src
}

func TestQuestionsSheet(t *testing.T) {
	x, _, _ := writeBook(t, withResponses(fixture()), quarter, Options{})
	rows, err := x.GetRows(SheetQuestions)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		"Clinic ideas",
		"30 responses; version 1 answered. Column prefix in responses.csv: sqs1",
		"Which idea?", "Answer|Count|%", "Alpha|26|87%", "Beta|<5|–", "Prefer not to say|<5|–", "Not answered|0|0%",
		"What stops you?", "Buses|30|100%", "Other|6|20%", "A person may choose several answers",
		"Choice|Ranked first|Picked|Score", "Ex|30|30|60", "Why|0|30|30",
		"Anything else?", "Answered|30|100%",
		"How many visits?", "Numbers given|30", "Median|14.5", "Largest|29",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("Questions sheet lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Words 1") || strings.Contains(all, "Parking") {
		t.Errorf("the sheet lists free text")
	}
	// An empty period says so.
	x, _, _ = writeBook(t, withResponses(fixture()), report.Filter{From: "2001-01-01", To: "2001-01-31"}, Options{})
	if v, _ := x.GetCellValue(SheetQuestions, "A4"); !strings.Contains(v, "No answers to question sets") {
		t.Errorf("empty period A4 = %q", v)
	}
}

func TestResponsesCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(context.Background(), &buf, "responses", withResponses(fixture()), quarter, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Fatalf("no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[len(utf8BOM):])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"response_id", "feedback_id", "session_id", "session_date", "question_set", "set_version", "language",
		"sqs1__q1", "sqs1__q2", "sqs1__q3", "sqs1__q4", "sqs1__q5", "sqs1__q2__other"}
	if !slices.Equal(recs[0], want) {
		t.Fatalf("header %q", recs[0])
	}
	if len(recs) != 31 {
		t.Fatalf("%d rows", len(recs))
	}
	col := func(name string) int { return slices.Index(want, name) }
	byID := map[string][]string{}
	for _, r := range recs[1:] {
		byID[r[0]] = r
	}
	r0, r3, r5 := byID["r0000"], byID["r0003"], byID["r0005"]
	// Item 0 has no consent (i%3 == 0): its words are withheld; item 5 has consent.
	if r0[col("sqs1__q1")] != "b" || r0[col("sqs1__q2")] != "bus;other" || r0[col("sqs1__q3")] != "x>y" ||
		r0[col("sqs1__q4")] != WithheldAnswerText || r0[col("sqs1__q2__other")] != WithheldAnswerText || r0[col("sqs1__q5")] != "0" {
		t.Errorf("row 0 %q", r0)
	}
	if r3[col("sqs1__q1")] != "prefer_not_say" || r3[col("session_date")] != "2026-02-17" || r3[col("question_set")] != "Clinic ideas" {
		t.Errorf("row 3 %q", r3)
	}
	if r5[col("sqs1__q4")] != "Words 5" || r5[col("sqs1__q2__other")] != "'=Parking 5" || r5[col("sqs1__q2")] != "bus;other" {
		t.Errorf("row 5 %q", r5)
	}
}

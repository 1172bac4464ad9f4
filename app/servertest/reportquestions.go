package servertest

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/xlsx"
)

// testReportQuestions: a question set and responses pushed through the real sync API
// are in the team's workbook (the Questions sheet) and responses.csv, free text only
// with quote consent, and never in another team's.
func testReportQuestions(t *testing.T, open Open) {
	e, a, b := reportSetup(t, open)
	d := a.Device
	newID := func() string { return uuid.Must(uuid.NewV7()).String() }
	s1 := a.Sessions[0] // 2026-03-01
	set := &involve.QuestionSet{Version: 1, Name: "A clinic ideas", Questions: []involve.Question{
		{ID: "idea", Type: involve.QuestionSingle, Text: "A which idea?", Choices: []involve.Choice{{Code: "late", Label: "Late opening"}, {Code: "video", Label: "Video"}}},
		{ID: "else", Type: involve.QuestionText, Text: "A anything else?"},
	}}
	set.ID = newID()
	changes := []syncapi.Change{d.Change(involve.EntityQuestionSet, set, 0)}
	for i := range 6 {
		fb := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s1.ID, Text: "A card", Source: "form", QuoteConsent: i < 3}}
		fb.ID = newID()
		r := &involve.Response{SessionID: s1.ID, FeedbackID: fb.ID, QuestionSetID: set.ID, Language: "en", Answers: []involve.Answer{
			{Question: "idea", Choices: []string{"late"}}, {Question: "else", Text: []string{"A quotable words", "A private words"}[i/3]}}}
		r.ID = newID()
		changes = append(changes, d.Change(involve.EntityFeedback, fb, 0), d.Change(involve.EntityResponse, r, 0))
	}
	for i, r := range d.Push(changes...) {
		if r.Status != syncapi.StatusApplied {
			t.Fatalf("push %d (%s): %+v", i, changes[i].Entity, r)
		}
	}
	get := func(dev *Device) *Workbook {
		t.Helper()
		r := e.Do("GET", "/v1/reports/summary.xlsx", dev.Token, nil)
		if r.Status != http.StatusOK {
			t.Fatalf("summary.xlsx: %d %s", r.Status, r.Body)
		}
		return OpenWorkbook(t, r.Body)
	}
	rows, err := get(d).GetRows(xlsx.SheetQuestions, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, "|"))
	}
	sheet := strings.Join(lines, "\n")
	for _, want := range []string{"A clinic ideas", "A which idea?", "Late opening|6|1", "Video|0|0", "A anything else?", "Answered|6|1"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("team A's Questions sheet lacks %q:\n%s", want, sheet)
		}
	}
	if strings.Contains(sheet, "words") {
		t.Errorf("the Questions sheet lists free text")
	}
	csvOf := func(dev *Device) [][]string {
		t.Helper()
		r := e.Do("GET", "/v1/reports/responses.csv", dev.Token, nil, "Accept-Encoding", "identity")
		if r.Status != http.StatusOK {
			t.Fatalf("responses.csv: %d %s", r.Status, r.Body)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.Body, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	recs := csvOf(d)
	if len(recs) != 7 || len(recs[0]) != 9 || !strings.HasSuffix(recs[0][7], "__idea") || !strings.HasSuffix(recs[0][8], "__else") {
		t.Fatalf("team A's responses.csv: %q", recs)
	}
	quoted, withheld := 0, 0
	for _, r := range recs[1:] {
		switch r[8] {
		case "A quotable words":
			quoted++
		case xlsx.WithheldAnswerText:
			withheld++
		}
		if r[7] != "late" || r[3] != "2026-03-01" {
			t.Errorf("row %q", r)
		}
	}
	if quoted != 3 || withheld != 3 || strings.Contains(strings.Join(lines, ""), "A private words") {
		t.Errorf("quoted %d, withheld %d", quoted, withheld)
	}
	// Team B sees none of it.
	if text := get(b.Device).WorkbookText(); strings.Contains(text, "A clinic ideas") || strings.Contains(text, "A which idea?") {
		t.Errorf("team B's workbook shows team A's question set")
	}
	if recs := csvOf(b.Device); len(recs) != 1 {
		t.Errorf("team B's responses.csv has %d rows", len(recs))
	}
}

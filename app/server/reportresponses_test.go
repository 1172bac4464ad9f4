package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/xlsx"
)

// TestReportSourceResponses: the server's question results and responses.csv are the
// same as those of the records held in memory (report.MemSource), for one team and
// several filters, with two versions of a set, deleted responses and responses of
// deleted items or sessions.
func TestReportSourceResponses(t *testing.T) {
	st := openSQLite(t)
	defer st.Close()
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a, b := seedReports(t, st)
	qs := func(q1 string) []involve.Question {
		return []involve.Question{
			{ID: "q1", Type: involve.QuestionSingle, Text: q1, PreferNot: true, Choices: []involve.Choice{{Code: "a", Label: "Alpha"}, {Code: "b", Label: "Beta"}}},
			{ID: "q2", Type: involve.QuestionText, Text: "Anything else?"},
		}
	}
	v1 := &involve.QuestionSet{Meta: involve.Meta{ID: newID(), Rev: 1}, Version: 1, Name: "Ideas", Questions: qs("Which?")}
	v2 := &involve.QuestionSet{Meta: involve.Meta{ID: newID(), Rev: 1}, FamilyID: v1.ID, Version: 2, Name: "Ideas", Questions: qs("Which one?")}
	putStates(t, st, a.team.ID, involve.EntityQuestionSet, v1, v2)
	a.mem.DocList = append(a.mem.DocList, v1, v2)
	var rs []any
	for i, fb := range a.mem.FeedbackList {
		if i%2 != 0 {
			continue
		}
		r := &involve.Response{Meta: involve.Meta{ID: newID(), Rev: 1}, SessionID: fb.SessionID, FeedbackID: fb.ID, QuestionSetID: v1.ID,
			Language: "en", Answers: []involve.Answer{{Question: "q1", Choices: []string{[]string{"a", "b"}[i%3%2]}}, {Question: "q2", Text: fmt.Sprintf("Words %d", i)}}}
		switch {
		case i%10 == 0:
			r.QuestionSetID = v2.ID
		case i%14 == 0:
			r.Answers = []involve.Answer{{Question: "q1", PreferNot: true}}
		case i%22 == 0:
			r.DeletedAt = "2026-06-01T00:00:00.000Z"
		}
		rs = append(rs, r)
		a.mem.DocList = append(a.mem.DocList, r)
	}
	putStates(t, st, a.team.ID, involve.EntityResponse, rs...)
	for _, f := range []report.Filter{{}, {From: "2026-02-01", To: "2026-04-30"}, {Borough: "E09000022"}, {From: "2030-01-01"}} {
		bd := report.BreakdownRequest{SetID: v1.ID, Question: "q1", By: "borough"}
		got, err := report.Questions(ctx, server.NewReportSource(st, a.team.ID), f, bd)
		if err != nil {
			t.Fatal(err)
		}
		want, err := report.Questions(ctx, &a.mem, f, bd)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			t.Errorf("filter %+v: question figures\n got %s\nwant %s", f, gj, wj)
		}
		if f == (report.Filter{}) && (got.Responses < 100 || len(got.Sets) != 1 || got.Breakdown == nil) {
			t.Errorf("too little covered: %d responses, %d sets", got.Responses, len(got.Sets))
		}
		var gb, wb bytes.Buffer
		if err := xlsx.WriteCSV(ctx, &gb, "responses", server.NewReportSource(st, a.team.ID), f, xlsx.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := xlsx.WriteCSV(ctx, &wb, "responses", &a.mem, f, xlsx.Options{}); err != nil {
			t.Fatal(err)
		}
		if gb.String() != wb.String() {
			t.Errorf("filter %+v: responses.csv differs:\n%s\nwant\n%s", f, gb.String(), wb.String())
		}
	}
	// The other team has no question sets: nothing of team A's leaks into its report.
	got, err := report.Questions(ctx, server.NewReportSource(st, b.team.ID), report.Filter{}, report.BreakdownRequest{})
	if err != nil || got.Responses != 0 || len(got.Sets) != 0 {
		t.Errorf("team B: %+v, %v", got, err)
	}
	var buf bytes.Buffer
	if err := xlsx.WriteCSV(ctx, &buf, "responses", server.NewReportSource(st, a.team.ID), report.Filter{}, xlsx.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "s"+strings.ReplaceAll(v1.ID, "-", "")[24:]+"__q1") {
		t.Errorf("responses.csv header: %.200s", buf.String())
	}
}

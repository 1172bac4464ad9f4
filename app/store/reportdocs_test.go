package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/xlsx"
)

// The store's report.DocSource against counts made with SQL on the docs table, and
// the workbook made from the store: actions, time entries under pseudonyms, and quote
// consent withdrawn through the store's own withdrawal.
func TestReportDocs(t *testing.T) {
	ctx := context.Background()
	w := newActionWorld(t)
	db := w.db
	mustRate(t, db, "hour", 2000, "2026-01-01", "")

	a1, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1a.ID}, Status: involve.ActionDone, WeDid: "New signs",
		CommunicatedOn: "2026-03-05", Channel: "newsletter"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f2a.ID}, Status: involve.ActionNotPossible, ReasonNotPossible: "No budget"}); err != nil {
		t.Fatal(err)
	}
	gone, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{w.f1b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDoc(ctx, involve.EntityAction, gone.ID); err != nil {
		t.Fatal(err)
	}
	c, consent := mustContributor(t, db, "Priya Uniquesurname")
	other, _ := mustContributor(t, db, "Dev Otherperson")
	entries := []*involve.TimeEntry{
		{ContributorID: c.ID, SessionID: w.s1.ID, Date: "2026-03-01", MinutesAttend: 90, MinutesTravel: 30},
		{ContributorID: c.ID, ProjectID: w.project.ID, Task: "Reading papers", Date: "2026-03-02", MinutesPrep: 45,
			ExpensesPence: 320, ReceiptRef: "R1", ClaimedOn: "2026-03-03", ApprovedOn: "2026-03-04", PaidOn: "2026-03-09"},
		{ContributorID: other.ID, SessionID: w.s2.ID, Date: "2026-03-01", MinutesAttend: 60},
	}
	for _, e := range entries {
		if _, err := db.CreateTimeEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	deleted, err := db.CreateTimeEntry(ctx, &involve.TimeEntry{ContributorID: other.ID, Task: "x", Date: "2026-03-02", MinutesPrep: 600})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteDoc(ctx, involve.EntityTimeEntry, deleted.ID); err != nil {
		t.Fatal(err)
	}

	t.Run("DocsMatchSQL", func(t *testing.T) {
		for _, entity := range []string{involve.EntityAction, involve.EntityTimeEntry, involve.EntityContributor} {
			var want int
			if err := db.QueryRowForTest(ctx, `SELECT count(*) FROM docs WHERE entity = ? AND deleted_at IS NULL`, entity).Scan(&want); err != nil {
				t.Fatal(err)
			}
			got := 0
			if err := db.Docs(ctx, entity, func(d involve.Doc) error {
				if d.DocEntity() != entity || d.DocMeta().DeletedAt != "" {
					t.Errorf("%s: got %s %+v", entity, d.DocEntity(), d.DocMeta())
				}
				got++
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if got != want || want == 0 {
				t.Errorf("%s: Docs gave %d, SQL counts %d live", entity, got, want)
			}
		}
		var minutes int
		var fees int64
		if err := db.QueryRowForTest(ctx, `SELECT sum(json_extract(state, '$.minutesPrep') + json_extract(state, '$.minutesAttend') +
			json_extract(state, '$.minutesFollowUp') + json_extract(state, '$.minutesTravel')), sum(json_extract(state, '$.feePence'))
			FROM docs WHERE entity = 'time_entry' AND deleted_at IS NULL`).Scan(&minutes, &fees); err != nil {
			t.Fatal(err)
		}
		fig, err := report.Summarize(ctx, db, report.Filter{From: "2026-03-01", To: "2026-03-31"}, db.Now())
		if err != nil {
			t.Fatal(err)
		}
		if fig.LEP.Minutes != minutes || fig.LEP.FeesPence != fees || fig.LEP.Entries != 3 || fig.LEP.Contributors != 2 {
			t.Errorf("LEP %+v; SQL: %d minutes, %d pence", fig.LEP, minutes, fees)
		}
		if fig.LEP.MedianDaysToPay != 6 || fig.LEP.MaxDaysToPay != 6 || fig.LEP.PaidPence != 1500+320 {
			t.Errorf("LEP payment %+v", fig.LEP)
		}
		var closed, told int
		if err := db.QueryRowForTest(ctx, `SELECT
			count(*) FILTER (WHERE json_extract(state, '$.status') IN ('done', 'not_possible')),
			count(*) FILTER (WHERE json_extract(state, '$.status') IN ('done', 'not_possible') AND json_extract(state, '$.communicatedOn') != '')
			FROM docs WHERE entity = 'action' AND deleted_at IS NULL`).Scan(&closed, &told); err != nil {
			t.Fatal(err)
		}
		if a := fig.Actions; a.Total != 2 || a.CommunicatedPct.Den != closed || a.CommunicatedBack != told || a.Done != 1 || a.NotPossible != 1 {
			t.Errorf("actions %+v; SQL: %d closed, %d told back", a, closed, told)
		}
		// f1b's only action was deleted: it needs a response again.
		if fig.NeedsResponseWithoutAction != 1 {
			t.Errorf("needs response without action %d, want 1 (f1b)", fig.NeedsResponseWithoutAction)
		}
	})

	workbook := func(t *testing.T) (*excelize.File, string) {
		t.Helper()
		var buf bytes.Buffer
		if _, err := xlsx.Write(ctx, &buf, db, report.Filter{}, xlsx.Options{Now: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Close() })
		var all strings.Builder
		for _, sheet := range x.GetSheetList() {
			rows, _ := x.GetRows(sheet)
			for _, r := range rows {
				all.WriteString(strings.Join(r, "\t") + "\n")
			}
		}
		return x, all.String()
	}

	t.Run("WorkbookPseudonymsOnly", func(t *testing.T) {
		_, text := workbook(t)
		for _, name := range []string{"Priya", "Uniquesurname", "Dev Otherperson"} {
			if strings.Contains(text, name) {
				t.Errorf("the workbook names %q (consent is live, but the workbook is for boards)", name)
			}
		}
		for _, want := range []string{"Contributor 1", "Contributor 2", "New signs", "No budget"} {
			if !strings.Contains(text, want) {
				t.Errorf("the workbook does not show %q", want)
			}
		}
		// a1's "you said" is f1a's words, and f1a has no quote consent: not shown.
		if strings.Contains(text, a1.YouSaid) || strings.Contains(text, gone.YouSaid) {
			t.Errorf("an action shows the words of feedback without quote consent")
		}
		// Withdrawn consent: still a pseudonym, payments still counted.
		if _, err := db.WithdrawConsent(ctx, consent.ID); err != nil {
			t.Fatal(err)
		}
		_, text = workbook(t)
		if strings.Contains(text, "Priya") || !strings.Contains(text, "Contributor 1") {
			t.Errorf("after withdrawal: the name shows, or the pseudonym does not")
		}
	})

	t.Run("QuoteConsentWithdrawn", func(t *testing.T) {
		said := "Quotable words about the car park"
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: w.s1.ID, Text: said, QuoteConsent: true})
		if err != nil {
			t.Fatal(err)
		}
		recorded := "Recorded consent, then withdrawn"
		g, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: w.s1.ID, Text: recorded, QuoteConsent: true})
		if err != nil {
			t.Fatal(err)
		}
		k, err := db.AddConsent(ctx, &involve.Consent{SubjectEntity: involve.EntityFeedback, SubjectID: g.ID, Purposes: []string{"quotes"},
			LawfulBasis: "consent", NoticeVersion: "v1", Method: "verbal", GivenAt: "2026-03-01", GivenBy: "Themselves"})
		if err != nil {
			t.Fatal(err)
		}
		act, err := db.CreateAction(ctx, &involve.Action{FeedbackIDs: []string{f.ID}})
		if err != nil || act.YouSaid != said {
			t.Fatalf("action from quotable feedback: %+v %v", act, err)
		}
		if _, text := workbook(t); strings.Count(text, said) != 2 || !strings.Contains(text, recorded) {
			t.Fatalf("quotable words are not in the workbook (feedback and action) before withdrawal")
		}
		if _, err := db.WithdrawQuoteConsent(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.WithdrawConsent(ctx, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, text := workbook(t); strings.Contains(text, said) || strings.Contains(text, recorded) {
			t.Errorf("words whose quote consent was withdrawn are in the workbook")
		}
		var buf bytes.Buffer
		if err := xlsx.WriteCSV(ctx, &buf, "feedback", db, report.Filter{}, xlsx.Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), said) || strings.Contains(buf.String(), recorded) {
			t.Errorf("words whose quote consent was withdrawn are in feedback.csv")
		}
	})
}

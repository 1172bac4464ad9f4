package store_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// BenchmarkReportQuestions computes the Reports screen's Questions section over a
// 6-question set with every kind of question and a response for every feedback item
// (10 000 and, without -short, 100 000, over 500 sessions, imported in one transaction),
// streamed from the store.
// Reports responses/s and the heap in use after a run (it stays flat: responses are
// never held, only the numbers given to the number question, for its median).
func BenchmarkReportQuestions(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("100 000 responses: skipped with -short")
			}
			ctx := context.Background()
			db, _ := storetest.OpenPath(b)
			set := &involve.QuestionSet{Meta: involve.Meta{ID: uuid.Must(uuid.NewV7()).String(), Rev: 1}, Version: 1, Name: "Every type",
				Questions: []involve.Question{
					{ID: "idea", Type: involve.QuestionSingle, Text: "Which idea?", PreferNot: true,
						Choices: []involve.Choice{{Code: "a", Label: "A"}, {Code: "b", Label: "B"}, {Code: "c", Label: "C"}}},
					{ID: "stops", Type: involve.QuestionMultiple, Text: "What stops you?", Other: true,
						Choices: []involve.Choice{{Code: "bus", Label: "Buses"}, {Code: "time", Label: "Time"}}},
					{ID: "video", Type: involve.QuestionYesNo, Text: "Video appointments?", Choices: involve.YesNoChoices},
					{ID: "top", Type: involve.QuestionRanking, Text: "Top two", Pick: 2,
						Choices: []involve.Choice{{Code: "x", Label: "X"}, {Code: "y", Label: "Y"}, {Code: "z", Label: "Z"}}},
					{ID: "visits", Type: involve.QuestionNumber, Text: "Visits?"},
					{ID: "else", Type: involve.QuestionText, Text: "Anything else?"},
				}}
			ethnic := []string{"white", "asian", "black", "mixed", "other", ""}
			err := db.Import(ctx, func(im *store.Importer) error {
				var sessions []string
				for i := range 500 {
					s := &involve.Session{}
					s.ID, s.Rev = uuid.Must(uuid.NewV7()).String(), 1
					s.Title, s.Date, s.Type, s.Status = fmt.Sprint("Session ", i), fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28), "workshop", "held"
					if err := im.PutSession(s); err != nil {
						return err
					}
					sessions = append(sessions, s.ID)
				}
				if err := im.PutDoc(set); err != nil {
					return err
				}
				for i := range n {
					f := &involve.Feedback{}
					f.ID, f.Rev = uuid.Must(uuid.NewV7()).String(), 1
					f.SessionID, f.Text, f.Source, f.QuoteConsent, f.EthnicGroup = sessions[i%len(sessions)], "Card", "form", i%2 == 0, ethnic[i%len(ethnic)]
					if err := im.PutFeedback(f); err != nil {
						return err
					}
					v := float64(i % 17)
					r := &involve.Response{Meta: involve.Meta{ID: uuid.Must(uuid.NewV7()).String(), Rev: 1},
						SessionID: f.SessionID, FeedbackID: f.ID, QuestionSetID: set.ID, Language: "en", Answers: []involve.Answer{
							{Question: "idea", Choices: []string{[]string{"a", "b", "c"}[i%3]}},
							{Question: "stops", Choices: []string{"bus", "other"}, Text: "Parking"},
							{Question: "video", Choices: []string{"yes"}},
							{Question: "top", Choices: []string{"y", "x"}},
							{Question: "visits", Number: &v},
							{Question: "else", Text: "More evening clinics"},
						}}
					if err := im.PutDoc(r); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			responses := 0
			b.ResetTimer()
			t0 := time.Now()
			for range b.N {
				qf, err := report.Questions(ctx, db, report.Filter{}, report.BreakdownRequest{SetID: set.ID, Question: "idea", By: "ethnicGroup"})
				if err != nil {
					b.Fatal(err)
				}
				if qf.Responses == 0 || qf.Breakdown == nil {
					b.Fatal("no responses")
				}
				responses += qf.Responses
			}
			b.ReportMetric(float64(responses)/time.Since(t0).Seconds(), "responses/s")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		})
	}
}

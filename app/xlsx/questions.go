package xlsx

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

// The results of question sets: the workbook's Questions sheet (report.Questions laid
// out, one block per question) and responses.csv (one row per response).

// WithheldAnswerText stands in responses.csv for words a person wrote (free text,
// "Other, please say") when their feedback item has no quote consent.
const WithheldAnswerText = "[withheld: no consent to quote]"

// ResponsesColumnsRule explains responses.csv's columns (docs/reports.md says the same).
const ResponsesColumnsRule = "responses.csv has one row per response and one column per question, named " +
	"<set>__<question key>: <set> is \"s\" and the last 8 characters of the set's first version's id, the same in every " +
	"export. Answers are choice codes: multiple choice as \"a;b\", ranking in order as \"a>b>c\", \"prefer_not_say\" for " +
	"Prefer not to say, empty when not answered. The words of \"Other, please say\" are in <set>__<question key>__other. " +
	"Words people wrote are shown only with quote consent, otherwise \"" + WithheldAnswerText + "\"."

// questions writes the Questions sheet: for each set answered in the filter, one block
// per question with every answer's count and percentage (suppressed as reach is).
func (bk *book) questions(qf *report.QuestionFigures) error {
	s := bk.titledSheet(SheetQuestions, "Questions", 60, 12, 12, 10, 2)
	st := bk.st
	s.set(1, 2, report.QuestionsRule+" "+report.SuppressionRule, st.note)
	s.merge("A2", "D2")
	s.rowHeight(2, 120)
	row := 3
	if len(qf.Sets) == 0 {
		row++
		s.set(1, row, "No answers to question sets were recorded for the sessions in this period.", st.noData)
		s.merge(ref(1, row), ref(4, row))
		return s.err
	}
	for _, set := range qf.Sets {
		row += 2
		s.set(1, row, set.Name, st.title)
		row++
		vs := make([]string, len(set.Versions))
		for i, v := range set.Versions {
			vs[i] = strconv.Itoa(v)
		}
		s.set(1, row, fmt.Sprintf("%s; version %s answered. Column prefix in responses.csv: %s",
			involve.Plural(set.Responses, "response", "responses"), strings.Join(vs, ", "), set.Prefix), st.note)
		s.merge(ref(1, row), ref(4, row))
		for _, q := range set.Questions {
			row = s.questionBlock(row, q)
		}
	}
	s.landscape()
	return s.err
}

// questionBlock writes one question two rows below row and returns its last row.
func (s *sheet) questionBlock(row int, q report.QuestionResult) int {
	st := s.bk.st
	row += 2
	s.set(1, row, q.Label, st.section)
	s.merge(ref(1, row), ref(4, row))
	row++
	s.set(1, row, fmt.Sprintf("Asked in %s; answered by %s (%s).", involve.Plural(q.Asked, "response", "responses"), q.Answered.Text(),
		q.AnsweredPct.Text()), st.note)
	s.merge(ref(1, row), ref(4, row))
	row++
	if q.Type == involve.QuestionRanking {
		s.header(row, "Choice", "Ranked first", "Picked", "Score")
		for _, r := range q.Ranking {
			row++
			s.set(1, row, r.Label, st.text)
			s.count(2, row, r.First)
			s.count(3, row, r.Picked)
			if r.Score != nil {
				s.set(4, row, *r.Score, st.integer)
			} else {
				s.set(4, row, report.WithheldText, st.right)
			}
		}
		row++
		s.set(1, row, report.RankingScoreRule, st.note)
		s.merge(ref(1, row), ref(4, row))
		s.rowHeight(row, 60)
		row++
	}
	s.header(row, "Answer", "Count", "%")
	for _, c := range q.Categories {
		row++
		label := c.Label
		if q.Type == involve.QuestionRanking && c.Code != "" && c.Code != involve.ChoicePreferNot {
			label += " (ranked first)"
		}
		s.set(1, row, label, st.text)
		s.count(2, row, c.Count)
		s.percent(3, row, c.Percent)
	}
	if q.Multi {
		row++
		s.set(1, row, "A person may choose several answers, so the counts do not add up.", st.note)
		s.merge(ref(1, row), ref(4, row))
	}
	if n := q.Number; n != nil {
		row++
		s.set(1, row, "Numbers given", st.label)
		s.count(2, row, n.Count)
		for _, v := range []struct {
			label string
			v     *float64
		}{{"Smallest", n.Min}, {"Median", n.Median}, {"Largest", n.Max}} {
			row++
			s.set(1, row, v.label, st.label)
			if v.v == nil {
				s.set(2, row, report.NoValueText, st.right)
			} else {
				s.set(2, row, *v.v, st.decimal)
			}
		}
	}
	return row
}

// writeResponsesCSV writes responses.csv: a first pass over the responses finds the
// sets and questions answered (the columns), a second writes one row per response.
func writeResponsesCSV(ctx context.Context, w io.Writer, src report.Source, f report.Filter) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	head := []string{"response_id", "feedback_id", "session_id", "session_date", "question_set", "set_version", "language"}
	fixed := len(head)
	rs, ok := src.(report.ResponseSource)
	if !ok {
		if err := cw.Write(head); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}
	sets, err := rs.QuestionSets(ctx)
	if err != nil {
		return err
	}
	qb := report.NewQuestionBuilder(sets)
	if err := rs.Responses(ctx, f, func(r *report.ResponseRow) error { qb.Add(r); return nil }); err != nil {
		return err
	}
	fig := qb.Figures()
	// One column per question key of each set (every version's answers to the key go
	// there), then one per key offering "Other, please say" for its words.
	type col struct{ answer, other int }
	cols := map[string]map[string]*col{} // family → question id → columns
	for _, set := range fig.Sets {
		byID := map[string]*col{}
		cols[set.FamilyID] = byID
		var others []string
		for _, q := range set.Questions {
			c := byID[q.ID]
			if c == nil {
				c = &col{answer: len(head), other: -1}
				byID[q.ID] = c
				head = append(head, set.Prefix+"__"+q.ID)
			}
			if q.Other && !slices.Contains(others, q.ID) {
				others = append(others, q.ID)
			}
		}
		for _, id := range others {
			byID[id].other = len(head)
			head = append(head, set.Prefix+"__"+id+"__other")
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	err = rs.Responses(ctx, f, func(row *report.ResponseRow) error {
		r := row.Response
		set := qb.Set(r.QuestionSetID)
		if set == nil {
			return nil // a version not held here: counted as unmatched, not written
		}
		for i := range rec {
			rec[i] = ""
		}
		copy(rec, []string{r.ID, r.FeedbackID, r.SessionID, row.SessionDate, set.Name, strconv.Itoa(set.Version), r.Language})
		for i := 0; i < fixed; i++ {
			rec[i] = csvText(rec[i])
		}
		fam := cols[set.Family()]
		for _, a := range r.Answers {
			c, q := fam[a.Question], set.Question(a.Question)
			if c == nil || q == nil {
				continue
			}
			rec[c.answer] = csvText(answerText(q, &a, row.QuoteConsent))
			if c.other >= 0 && a.Text != "" && q.Type != involve.QuestionText {
				rec[c.other] = csvText(quotable(a.Text, row.QuoteConsent))
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// answerText is one answer as responses.csv writes it.
func answerText(q *involve.Question, a *involve.Answer, consent bool) string {
	switch {
	case a.PreferNot:
		return involve.ChoicePreferNot
	case q.Type == involve.QuestionText:
		return quotable(a.Text, consent)
	case a.Number != nil:
		return strconv.FormatFloat(*a.Number, 'f', -1, 64)
	case q.Type == involve.QuestionRanking:
		return strings.Join(a.Choices, ">")
	}
	return strings.Join(a.Choices, ";")
}

func quotable(text string, consent bool) string {
	if !consent {
		return WithheldAnswerText
	}
	return text
}

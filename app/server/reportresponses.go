package server

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/serverstore"
)

// The server's ReportSource is a report.ResponseSource: the question sets and
// responses devices pushed, for the Questions sheet and responses.csv of the server's
// workbook (the same code as the laptop's).

var _ report.ResponseSource = (*ReportSource)(nil)

// QuestionSets implements report.ResponseSource: every version of every question set
// of the source's team (or every team), deleted ones included.
func (s *ReportSource) QuestionSets(ctx context.Context) ([]involve.QuestionSet, error) {
	teams, err := s.scope(ctx, report.Filter{})
	if err != nil {
		return nil, err
	}
	out := []involve.QuestionSet{}
	for _, t := range teams {
		err := serverstore.EachRecord(ctx, s.store, t.ID, involve.EntityQuestionSet, func(r serverstore.Record) error {
			var qs involve.QuestionSet
			if err := decode(r, &qs); err != nil {
				return err
			}
			qs.TeamID = t.ID
			out = append(out, qs)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// respondent is what a report needs of a feedback item that may carry a response.
type respondent struct {
	date                     string
	consent                  bool
	ageBand, ethnic, borough string
}

// Responses implements report.ResponseSource: team by team, the live responses whose
// live feedback item's live session is inside the filter, by response id. For each
// team the source first notes what a report needs of the filter's feedback items (a
// few short codes each; responses are not ordered by item, so they cannot be merged
// with the item's stream), then reads the responses a page at a time.
func (s *ReportSource) Responses(ctx context.Context, f report.Filter, fn func(*report.ResponseRow) error) error {
	teams, err := s.scope(ctx, f)
	if err != nil {
		return err
	}
	for _, t := range teams {
		dates := map[string]string{}
		err := serverstore.EachRecord(ctx, s.store, t.ID, involve.EntitySession, func(r serverstore.Record) error {
			var ss involve.Session
			if err := decode(r, &ss); err != nil {
				return err
			}
			if f.MatchSession(&ss) {
				dates[ss.ID] = ss.Date
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(dates) == 0 {
			continue
		}
		items := map[string]respondent{}
		err = serverstore.EachRecord(ctx, s.store, t.ID, involve.EntityFeedback, func(r serverstore.Record) error {
			var fb involve.Feedback
			if err := decode(r, &fb); err != nil {
				return err
			}
			if date, in := dates[fb.SessionID]; in && fb.DeletedAt == "" {
				items[fb.ID] = respondent{date: date, consent: fb.QuoteConsent, ageBand: fb.AgeBand, ethnic: fb.EthnicGroup, borough: fb.Borough}
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = serverstore.EachRecord(ctx, s.store, t.ID, involve.EntityResponse, func(r serverstore.Record) error {
			resp := &involve.Response{}
			if err := decode(r, resp); err != nil {
				return err
			}
			it, ok := items[resp.FeedbackID]
			if resp.DeletedAt != "" || !ok {
				return nil
			}
			resp.TeamID = t.ID
			return fn(&report.ResponseRow{Response: resp, SessionDate: it.date, QuoteConsent: it.consent,
				AgeBand: it.ageBand, EthnicGroup: it.ethnic, Borough: it.borough})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// answerSet is a question set's first version: how people came (one choice, with
// "Other, please say") and why (free text).
func answerSet(tb testing.TB, db *store.DB) *involve.QuestionSet {
	tb.Helper()
	s := &involve.QuestionSet{Version: 1, Name: "Travel", Questions: []involve.Question{
		{ID: "travel", Type: involve.QuestionSingle, Text: "How did you come?", Other: true,
			Choices: []involve.Choice{{Code: "bus", Label: "Bus"}, {Code: "car", Label: "Car"}}},
		{ID: "why", Type: involve.QuestionText, Text: "Why?"},
	}}
	if _, err := db.CreateDoc(context.Background(), s); err != nil {
		tb.Fatal(err)
	}
	return s
}

// answered makes a feedback item of the session (with text, or none) and its response,
// with words in the "Other, please say" and the free-text answer, through
// CreateFeedbackWithAnswers (the session is made to ask the set first).
func answered(tb testing.TB, db *store.DB, sessionID, setID, text, other, why string) (involve.Feedback, *involve.Response) {
	tb.Helper()
	return answer(tb, db, sessionID, setID, text, []involve.Answer{
		{Question: "travel", Choices: []string{involve.ChoiceOther}, Text: other}, {Question: "why", Text: why}})
}

func answer(tb testing.TB, db *store.DB, sessionID, setID, text string, answers []involve.Answer) (involve.Feedback, *involve.Response) {
	tb.Helper()
	ctx := context.Background()
	s, err := db.FindSessionByID(ctx, sessionID)
	if err != nil {
		tb.Fatal(err)
	}
	if len(s.QuestionSets) == 0 {
		edited := s.SessionInput
		edited.QuestionSets = []string{setID}
		if _, err := db.UpdateSession(ctx, sessionID, s.SessionInput, edited); err != nil {
			tb.Fatal(err)
		}
	}
	f, rs, err := db.CreateFeedbackWithAnswers(ctx, involve.FeedbackInput{SessionID: sessionID, Source: "kiosk", Text: text, Themes: []string{}},
		[]involve.ResponseInput{{QuestionSetID: setID, Language: "en", Answers: answers}})
	if err != nil {
		tb.Fatal(err)
	}
	return f, rs[0]
}

// TestEraseCommentAnswers: erasing a feedback item erases the words people wrote in its
// responses (free text, "Other, please say") from the laptop: the records, the outbox,
// the sync bases and a backup made before; the chosen answers stay; another item's
// response is not touched; a later edit of the response is refused.
func TestEraseCommentAnswers(t *testing.T) {
	ctx := context.Background()
	db, path := storetest.OpenPath(t)
	dir := filepath.Dir(path)
	setLocalRole(t, db, "lead")
	s := mustSession(t, db, "Kiosk day")
	set := answerSet(t, db)
	f, r := answered(t, db, s.ID, set.ID, "", "zorbicother", "zorbicwhy")
	_, keep := answered(t, db, s.ID, set.ID, "Fine", "a taxi", "qwixtrel reasons")
	// A response of the item pulled from another laptop: a sync base holds its words.
	pr := &involve.Response{SessionID: s.ID, FeedbackID: f.ID, QuestionSetID: set.ID, Language: "es",
		Answers: []involve.Answer{{Question: "why", Text: "zorbicpulled"}}}
	pr.ID, pr.CreatedAt, pr.UpdatedAt, pr.Rev, pr.TeamID = newID(), "2026-11-20T09:00:00.000Z", "2026-11-20T09:00:00.000Z", 7, teamID
	pullPage(t, db, "lead", "c1", pulled(t, involve.EntityResponse, pr, 7, 1))
	if _, err := db.Backup(ctx, "daily"); err != nil {
		t.Fatal(err)
	}

	res, err := db.Erase(ctx, involve.EntityFeedback, f.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.BackupsRewritten) != 1 {
		t.Errorf("backups rewritten: %v (deleted %v)", res.BackupsRewritten, res.BackupsDeleted)
	}
	if found := foldHolds(t, dir, []string{"zorbicother", "zorbicwhy", "zorbicpulled", "zorb"}); len(found) > 0 {
		t.Errorf("the data folder still holds: %v", found)
	}
	d, err := db.FindDoc(ctx, involve.EntityResponse, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := d.(*involve.Response)
	if len(got.Answers) != 2 || got.Answers[0].Choices[0] != involve.ChoiceOther || got.Answers[0].Text != involve.ErasedAnswer ||
		got.Answers[1].Text != involve.ErasedAnswer || got.HasText() {
		t.Errorf("response after the erasure: %+v", got.Answers)
	}
	if n := countRows(t, db, "outbox WHERE entity = 'response' AND state LIKE '%"+involve.ErasedAnswer+"%'"); n != 1 {
		t.Errorf("%d waiting changes of the response hold the erased form, want its creation, still to send", n)
	}
	d, err = db.FindDoc(ctx, involve.EntityResponse, keep.ID)
	if err != nil || d.(*involve.Response).Answers[1].Text != "qwixtrel reasons" {
		t.Errorf("another item's response: %+v, %v", d, err)
	}
	edited := *got
	edited.Language = "fr"
	if _, err := db.UpdateDoc(ctx, involve.EntityResponse, r.ID, got, &edited); involve.ErrorCode(err) != involve.EERASED {
		t.Errorf("edit of an erased comment's response: %v", err)
	}
}

// TestAnswersDueAsFeedbackText: the words of a feedback item's answers are its free
// text for retention: an item with no comment but words in its answers is due under
// "Feedback free text", and automatic erasure erases them.
func TestAnswersDueAsFeedbackText(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	setLocalRole(t, db, "lead")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	sess, err := db.CreateSession(ctx, involve.SessionInput{Title: "Stall", Date: "2026-11-20", Type: "workshop"})
	if err != nil {
		t.Fatal(err)
	}
	set := answerSet(t, db)
	f, r := answered(t, db, sess.ID, set.ID, "", "zorbicother", "zorbicwhy")
	chose, _ := answer(t, db, sess.ID, set.ID, "", []involve.Answer{{Question: "travel", Choices: []string{"bus"}}})
	rule := *involve.DefaultRule(involve.RetainFeedbackText)
	rule.Period, rule.Unit, rule.AutoErase = 1, involve.UnitMonths, true
	if _, err := db.SetRetentionRule(ctx, rule); err != nil {
		t.Fatal(err)
	}
	now = time.Date(2027, 6, 1, 9, 0, 0, 0, time.UTC)
	list := dueList(t, db)
	if findDue(list, f.ID) == nil || findDue(list, chose.ID) != nil {
		t.Fatalf("due: %+v; want the item whose answers hold words, not the one with choices only", list)
	}
	done, _, err := db.EraseDue(ctx)
	if err != nil || len(done) != 1 || done[0].Erasure.SubjectID != f.ID {
		t.Fatalf("erased %+v: %v", done, err)
	}
	d, err := db.FindDoc(ctx, involve.EntityResponse, r.ID)
	if err != nil || d.(*involve.Response).HasText() {
		t.Errorf("response after automatic erasure: %+v, %v", d, err)
	}
	if findDue(dueList(t, db), f.ID) != nil {
		t.Errorf("the erased item is still due")
	}
}

package desktop_test

import (
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

func TestActionsFacade(t *testing.T) {
	a, rt, _ := newApp(t)
	p, err := a.CreateProject(involve.ProjectInput{Name: "Pharmacy access", Aim: "Make pharmacies easier to use"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.CreateSession(involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall",
		Attendees: 30, ToImprove: "More chairs"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, text := range []string{"Signs too small", "Could not find the door", "Great pharmacist"} {
		f, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: text, NeedsResponse: text != "Great pharmacist"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.ID)
	}
	board, err := a.GetActionsBoard("")
	if err != nil || board.NeedsResponseTotal != 2 || len(board.Columns) != 4 {
		t.Fatalf("board before %+v %v", board, err)
	}

	before := rt.count(desktop.EventDataChanged)
	v, err := a.CreateAction(involve.Action{FeedbackIDs: ids[:2], YouSaid: "The entrance is hard to find", Owner: "Sam", Due: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if rt.count(desktop.EventDataChanged) != before+1 {
		t.Fatal("CreateAction announced no change")
	}
	if v.SessionID != s.ID || v.ProjectID != p.ID || len(v.Feedback) != 2 || v.Feedback[0].Text != "Signs too small" {
		t.Fatalf("created %+v", v)
	}

	t.Run("EmptyYouSaidIsRefusedNotFilledFromTheFeedback", func(t *testing.T) {
		for _, said := range []string{"", "  \n "} {
			_, err := a.CreateAction(involve.Action{FeedbackIDs: ids[2:], YouSaid: said})
			f := involve.ErrorFields(err)
			if involve.ErrorCode(err) != involve.EINVALID || len(f) != 1 || f[0].Field != "youSaid" || f[0].Message != "Enter what people said" {
				t.Fatalf("you said %q: err %v %+v", said, err, f)
			}
		}
		list, err := a.ListActions(involve.ActionFilter{FeedbackID: ids[2]})
		if err != nil || len(list) != 0 {
			t.Fatalf("an action was saved: %+v %v", list, err)
		}
	})

	t.Run("ValidationErrorReachesTheUIStructured", func(t *testing.T) {
		loaded := v.Action
		edited := v.Action
		edited.Status = "done"
		_, err := a.UpdateAction(v.ID, loaded, edited)
		f := involve.ErrorFields(err)
		if involve.ErrorCode(err) != involve.EINVALID || len(f) != 1 || f[0].Field != "weDid" {
			t.Fatalf("err %v %+v", err, f)
		}
	})

	t.Run("MarkDoneAndCommunicatedBack", func(t *testing.T) {
		loaded := v.Action
		edited := v.Action
		edited.Status, edited.WeDid = "done", "Bigger signs at the door"
		done, err := a.UpdateAction(v.ID, loaded, edited)
		if err != nil || done.Status != "done" {
			t.Fatalf("done %+v %v", done, err)
		}
		loaded, edited = done.Action, done.Action
		edited.CommunicatedOn, edited.Channel, edited.Published = "2026-11-24", "poster", true
		got, err := a.UpdateAction(v.ID, loaded, edited)
		if err != nil || got.CommunicatedOn != "2026-11-24" || got.WeDid != "Bigger signs at the door" {
			t.Fatalf("communicated %+v %v", got, err)
		}
		board, _ := a.GetActionsBoard(p.ID)
		if len(board.Columns[2].Actions) != 1 || board.NeedsResponseTotal != 0 {
			t.Fatalf("board after %+v", board)
		}
		list, _ := a.ListActions(involve.ActionFilter{Status: "done", ProjectID: p.ID})
		if len(list) != 1 {
			t.Fatalf("list %d", len(list))
		}
	})

	t.Run("DeleteAndRestore", func(t *testing.T) {
		if err := a.DeleteAction(v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := a.GetAction(v.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
			t.Fatalf("deleted action: %v", err)
		}
		board, _ := a.GetActionsBoard("")
		if board.NeedsResponseTotal != 2 {
			t.Fatalf("feedback answered by a deleted action: %d", board.NeedsResponseTotal)
		}
		if _, err := a.RestoreAction(v.ID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("OutcomesAndWriteUp", func(t *testing.T) {
		o, err := a.CreateOutcome(involve.Outcome{ProjectID: p.ID, Description: "New signage at 12 pharmacies", Direction: "positive",
			Magnitude: "substantial", Intended: true, ImpactOn: []string{"implementation"}, ActionIDs: []string{v.ID}, SessionIDs: []string{s.ID}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = a.CreateOutcome(involve.Outcome{ProjectID: p.ID, Description: "x", Direction: "positive", Magnitude: "minor", EvidenceLink: "ftp://x"})
		if f := involve.ErrorFields(err); len(f) != 1 || f[0].Field != "evidenceLink" {
			t.Fatalf("bad link: %v", err)
		}
		loaded, edited := o, o
		edited.StaffView = "Cheap and quick"
		if got, err := a.UpdateOutcome(o.ID, loaded, edited); err != nil || got.StaffView != "Cheap and quick" {
			t.Fatalf("update %+v %v", got, err)
		}
		list, err := a.ListOutcomes(p.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("outcomes %+v %v", list, err)
		}
		w, err := a.GetProjectWriteUp(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if w.Aim != "Make pharmacies easier to use" || !strings.HasPrefix(w.Methods, "1 session: 1 outreach stall.") ||
			!strings.Contains(w.Results, "New signage at 12 pharmacies") || !strings.Contains(w.Reflections, "To improve: More chairs") ||
			!strings.Contains(w.Discussion, "1 action in response to feedback: 1 done, 1 communicated back.") {
			t.Fatalf("write-up %+v", w)
		}
		if err := a.DeleteOutcome(o.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := a.ListOutcomes(p.ID); len(list) != 0 {
			t.Fatal("deleted outcome listed")
		}
		if _, err := a.RestoreOutcome(o.ID); err != nil {
			t.Fatal(err)
		}
	})
}

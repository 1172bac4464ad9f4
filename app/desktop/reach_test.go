package desktop_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

func TestFacadeReach(t *testing.T) {
	a, rt, _ := newApp(t)
	p, err := a.CreateProject(involve.ProjectInput{Name: "Community pharmacy"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := a.CreateSession(involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall", Attendees: 30})
	if err != nil {
		t.Fatal(err)
	}

	sr, err := a.GetSessionReach(s.ID)
	if err != nil || sr.Attendees != 30 || sr.Tally.ID != "" || len(sr.Questions) != len(involve.ReachQuestions()) {
		t.Fatalf("empty reach %+v %v", sr, err)
	}
	before := rt.count("data:changed")
	saved, err := a.SaveTally(s.ID, sr.Tally, involve.Tally{FormsReturned: 5,
		AgeBand:   &involve.TallyDim{Counts: map[string]int{"25_34": 20, "35_44": 8}},
		Ethnicity: &involve.TallyDim{Basis: involve.BasisEstimated, Counts: map[string]int{"white_british": 10, "african": 12, "bangladeshi": 8}}})
	if err != nil {
		t.Fatal(err)
	}
	if rt.count("data:changed") != before+1 {
		t.Fatal("no data:changed after a tally save")
	}
	// the sum differs from the total: a warning, and the tally is saved all the same
	if len(saved.Warnings) != 1 || saved.Warnings[0].Field != "ageBand" || saved.Tally.ID != involve.TallyIDFor(s.ID) {
		t.Fatalf("saved %+v", saved)
	}
	if _, err := a.SaveTally(s.ID, saved.Tally, involve.Tally{AgeBand: &involve.TallyDim{Counts: map[string]int{"25_34": -1}}}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("negative count: %v", err)
	}

	prof, err := a.AddAttendeeProfile(involve.Attendee{SessionID: s.ID, AgeBand: "25_34", Ethnicity: "caribbean", IMDDecile: "2"})
	if err != nil {
		t.Fatal(err)
	}
	edited := prof
	edited.Sex = "female"
	if prof, err = a.UpdateAttendeeProfile(prof.ID, prof, edited); err != nil || prof.Sex != "female" {
		t.Fatalf("update %+v %v", prof, err)
	}
	// age: 28 tallied + 1 profile = 29: the total set to 29 from the tally screen; ethnicity (30 + 1) still differs
	if _, err := a.SetSessionAttendees(s.ID, 30, 29); err != nil {
		t.Fatal(err)
	}
	if sr, _ = a.GetSessionReach(s.ID); sr.Attendees != 29 || len(sr.Warnings) != 1 || sr.Warnings[0].Field != "ethnicity" || len(sr.Profiles) != 1 {
		t.Fatalf("after profile and total: %+v", sr)
	}
	if err := a.DeleteAttendeeProfile(prof.ID); err != nil {
		t.Fatal(err)
	}
	if sr, _ = a.GetSessionReach(s.ID); len(sr.Profiles) != 0 {
		t.Fatal("deleted profile listed")
	}
	if _, err := a.RestoreAttendeeProfile(prof.ID); err != nil {
		t.Fatal(err)
	}

	pr, err := a.GetProjectReach(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 31 stated ethnicity, 10 White British
	if pr.Sessions != 1 || pr.PeopleReached.Text() != "29" || pr.EthnicMinority.Text() != "68%" || pr.Core20.Text() != "–" || pr.Profiles.Text() != "<5" {
		t.Fatalf("project reach %+v", pr)
	}
	b, _ := json.Marshal(pr)
	if !strings.Contains(string(b), `"profiles":{"value":null,"text":"\u003c5"}`) {
		t.Fatalf("a small count leaks: %s", b)
	}
	if _, err := a.GetReach(report.Filter{From: "2026-12-01", To: "2026-11-01"}); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("bad period: %v", err)
	}
	if per, err := a.GetReach(report.Filter{From: "2026-11-01", To: "2026-11-30"}); err != nil || per.Sessions != 1 {
		t.Fatalf("period %+v %v", per, err)
	}
}

// The façade's copy of the small-number rule gives what the report package gives for
// the same counts (its reach of feedback respondents by age band).
func TestSummarizeReachSuppression(t *testing.T) {
	ages := map[string]int{"18_24": 3, "25_34": 7, "35_44": 20, "45_54": 1, "55_64": 4, "65_74": 9}
	var fb []involve.Feedback
	counts := map[string]int{}
	for code, n := range ages {
		for i := 0; i < n; i++ {
			fb = append(fb, involve.Feedback{Meta: involve.Meta{ID: code + string(rune('a'+i))}, FeedbackInput: involve.FeedbackInput{SessionID: "s", Text: "x", AgeBand: code}})
		}
		counts[code] = n
	}
	for _, single := range []bool{false, true} {
		src := &report.MemSource{SessionList: []involve.Session{{Meta: involve.Meta{ID: "s"}, SessionInput: involve.SessionInput{Date: "2026-11-24"}}}}
		want := map[string]int{}
		for code, n := range counts {
			if single && (code == "45_54" || code == "55_64") {
				continue // one suppressed count only: the next smallest is withheld too
			}
			want[code] = n
		}
		for _, f := range fb {
			if want[f.AgeBand] > 0 {
				src.FeedbackList = append(src.FeedbackList, f)
			}
		}
		fig, err := report.Summarize(context.Background(), src, report.Filter{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var reach involve.Reach
		d := involve.ReachDimension{Code: "ageBand", Label: "Age band"}
		for _, it := range involve.Reference().AgeBands {
			d.Categories = append(d.Categories, involve.ReachCategory{Code: it.Code, Label: it.Label, N: want[it.Code]})
			d.Total += want[it.Code]
		}
		d.Categories = append(d.Categories, involve.ReachCategory{Code: "", Label: "Not stated"})
		reach.Dimensions = []involve.ReachDimension{d}
		got := desktop.SummarizeReach(reach).Dimensions[0]
		var wantDim report.Dimension
		for _, x := range fig.Reach {
			if x.Code == "ageBand" {
				wantDim = x
			}
		}
		for i, c := range got.Categories {
			w := wantDim.Categories[i]
			if c.Code != w.Code || c.Count != w.Count || c.Percent != w.Percent {
				t.Errorf("single=%v %s: got %+v %+v, report %+v %+v", single, c.Code, c.Count, c.Percent, w.Count, w.Percent)
			}
		}
	}
}

package report

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

func rating(n int) *int { return &n }

func TestSuppressList(t *testing.T) {
	cats := []Category{{Code: "a", Count: Count{N: 3}}, {Code: "b", Count: Count{N: 7}}, {Code: "c", Count: Count{N: 20}}, {Code: "d", Count: Count{N: 0}}}
	SuppressList(cats, 30)
	if !cats[0].Count.Suppressed || cats[0].Count.Text() != "<5" || cats[0].Percent.Known() {
		t.Errorf("3 not suppressed: %+v", cats[0])
	}
	if !cats[1].Count.Withheld || cats[1].Count.Text() != "*" || cats[1].Percent.Known() {
		t.Errorf("complement 7 not withheld: %+v", cats[1])
	}
	if cats[2].Count.Hidden() || cats[2].Count.Text() != "20" || cats[2].Percent.Text() != "67%" {
		t.Errorf("20 hidden: %+v %s", cats[2], cats[2].Percent.Text())
	}
	if cats[3].Count.Hidden() || cats[3].Count.Text() != "0" {
		t.Errorf("0 hidden: %+v", cats[3])
	}
	two := []Category{{Count: Count{N: 1}}, {Count: Count{N: 4}}, {Count: Count{N: 5}}}
	SuppressList(two, 10)
	if !two[0].Count.Suppressed || !two[1].Count.Suppressed || two[2].Count.Hidden() {
		t.Errorf("two suppressed: %+v", two)
	}
	b, _ := json.Marshal(cats[0].Count)
	if !strings.Contains(string(b), `"value":null`) {
		t.Errorf("suppressed count leaks in JSON: %s", b)
	}
	if p := PeoplePercent(2, 50); p.Known() {
		t.Errorf("2 of 50 shown")
	}
	if p := PeoplePercent(48, 50); p.Known() {
		t.Errorf("48 of 50 shown (reveals 2)")
	}
	if p := PeoplePercent(10, 50); p.Text() != "20%" {
		t.Errorf("10 of 50 = %s", p.Text())
	}
}

func TestFiguresFromMemSource(t *testing.T) {
	src := &MemSource{
		ProjectList: []involve.Project{{Meta: involve.Meta{ID: "p1"}, ProjectInput: involve.ProjectInput{Name: "Maternity voices", Aim: "Hear from new mothers"}}},
		SessionList: []involve.Session{
			{Meta: involve.Meta{ID: "s1"}, SessionInput: involve.SessionInput{ProjectID: "p1", Title: "Stall", Date: "2026-03-01", Type: "outreach_stall", Borough: "E09000022", Status: "held", Attendees: 40, WentWell: "Busy"}},
			{Meta: involve.Meta{ID: "s2"}, SessionInput: involve.SessionInput{ProjectID: "p1", Title: "Workshop", Date: "2026-04-01", Type: "workshop", Status: "planned", Attendees: 0}},
			{Meta: involve.Meta{ID: "s3", DeletedAt: "2026-01-01T00:00:00.000Z"}, SessionInput: involve.SessionInput{Title: "Gone", Date: "2026-03-02", Type: "workshop", Attendees: 100}},
			{Meta: involve.Meta{ID: "s4"}, SessionInput: involve.SessionInput{Title: "Old", Date: "2025-01-02", Type: "workshop", Attendees: 7}},
		},
	}
	access := involve.StarterTheme("Access")
	for i := 0; i < 12; i++ {
		fb := involve.Feedback{Meta: involve.Meta{ID: "f" + strconv.Itoa(10+i)}, FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "x", EthnicGroup: "white", AgeBand: "25_34"}}
		switch {
		case i < 3:
			fb.EthnicGroup = "black"
			fb.Rating = rating(5)
			fb.Themes = []string{access.ID}
		case i < 6:
			fb.Rating = rating(1)
			fb.Themes = []string{access.ID}
		case i < 8:
			fb.Rating = rating(0)
		}
		src.FeedbackList = append(src.FeedbackList, fb)
	}
	src.FeedbackList[11].AgeBand = "75_plus"
	src.FeedbackList = append(src.FeedbackList, involve.Feedback{Meta: involve.Meta{ID: "f99"}, FeedbackInput: involve.FeedbackInput{SessionID: "s3", Text: "deleted session"}})
	f := Filter{From: "2026-01-01", To: "2026-12-31"}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	fig, err := Summarize(context.Background(), src, f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if fig.Sessions != 2 || fig.SessionsHeld != 1 || fig.SessionsPlanned != 1 {
		t.Errorf("sessions %d held %d planned %d", fig.Sessions, fig.SessionsHeld, fig.SessionsPlanned)
	}
	if fig.PeopleReached.Text() != "40" || fig.FeedbackItems != 12 {
		t.Errorf("reached %s feedback %d", fig.PeopleReached.Text(), fig.FeedbackItems)
	}
	// 3 positive of 8 rated (Don't know counts) = 38%
	if fig.FFTPositive.Text() != "38%" {
		t.Errorf("FFT positive %s", fig.FFTPositive.Text())
	}
	// 3 black of 12 stated: numerator 1..4 → withheld
	if fig.EthnicMinority.Known() {
		t.Errorf("ethnic minority %% shown for 3 people")
	}
	if len(fig.BoroughsCovered) != 1 || fig.BoroughsCovered[0].Label != "Lambeth" {
		t.Errorf("boroughs %v", fig.BoroughsCovered)
	}
	if len(fig.Themes) != 1 || fig.Themes[0].Count != 6 || fig.Themes[0].Positive != 3 || fig.Themes[0].Negative != 3 {
		t.Errorf("themes %+v", fig.Themes)
	}
	var eth, age Dimension
	for _, d := range fig.Reach {
		switch d.Code {
		case "ethnicGroup":
			eth = d
		case "ageBand":
			age = d
		}
	}
	for _, c := range age.Categories {
		if c.Code == "other_answer" || (c.Code == "75_plus" && c.Count.N != 1) {
			t.Errorf("legacy age band not reported as itself: %+v", c)
		}
	}
	if eth.Total != 12 {
		t.Fatalf("ethnic total %d", eth.Total)
	}
	for _, c := range eth.Categories {
		if c.Code == "black" && c.Count.Text() != "<5" {
			t.Errorf("black count shown as %s", c.Count.Text())
		}
		if c.Code == "white" && c.Count.Text() != "*" {
			t.Errorf("white (complement) shown as %s", c.Count.Text())
		}
	}
	if len(fig.Projects) != 1 || fig.Projects[0].Aim != "Hear from new mothers" || !strings.Contains(fig.Projects[0].Methods, "1 outreach stall") ||
		!strings.Contains(fig.Projects[0].Reflections, "Busy") {
		t.Errorf("gripp2 %+v", fig.Projects)
	}
	bad := Filter{From: "2026-02-30", To: "2025-01-01", Borough: "nowhere"}
	err = bad.Validate()
	if involve.ErrorCode(err) != involve.EINVALID || !strings.Contains(err.Error(), "from") || !strings.Contains(err.Error(), "borough") {
		t.Errorf("bad filter: %v", err)
	}
}

package xlsx

import (
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
)

func ip(n int) *int { return &n }

var (
	themeAccess  = involve.StarterTheme("Access")
	themeWaiting = involve.StarterTheme("Waiting times")
	themeStaff   = involve.StarterTheme("Staff attitude")
)

// Edge-case texts that must round-trip exactly through a cell.
var edgeTexts = []string{
	"A&E was quick", "<5 mins wait", `She said "quick" and it was`, "Parking cost £4.50", "Café by the clinic",
	"Lovely staff 😀👍", "=cmd()", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")",
	"  leading and trailing spaces  ", "two\nlines", "_x0041_ literal",
}

// fixture is a realistic quarter of involvement work, plus records outside the
// period and deleted ones, with known demographic counts:
// ethnic group (feedback on s1..s6): white 20 (+14 edge-case items on s1), asian 12, black 9, mixed 3, prefer not
// to say 6, not stated 10 → mixed "<5" and, as the only suppressed count, the next
// smallest (prefer not to say, 6) withheld "*".
func fixture() *report.MemSource {
	src := &report.MemSource{
		ProjectList: []involve.Project{
			{Meta: involve.Meta{ID: "p1"}, ProjectInput: involve.ProjectInput{Name: "Maternity voices", Aim: "Hear from new and expectant parents about antenatal care"}},
			{Meta: involve.Meta{ID: "p2"}, ProjectInput: involve.ProjectInput{Name: "A&E waiting & access", Aim: "Understand waits in urgent care"}},
		},
		ThemeList: []involve.Theme{themeAccess, themeWaiting, themeStaff},
	}
	sess := func(id, project, title, date, typ, borough, status string, att int) involve.Session {
		return involve.Session{Meta: involve.Meta{ID: id}, SessionInput: involve.SessionInput{
			ProjectID: project, Title: title, Date: date, Type: typ, Mode: "in_person", Borough: borough,
			Status: status, Attendees: att, InvolvementLevel: "consult", Purpose: "Decide the clinic's opening hours",
			IntendedOutcome: "Options paper", Standards: []string{"1", "5"}, Facilitators: "Amina, Joe",
			LEPsPresent: "2", WentWell: "Good turnout", ToImprove: "Start on time"}}
	}
	src.SessionList = []involve.Session{
		sess("s1", "p1", "Antenatal drop-in", "2026-01-12", "community_event", "E09000022", "held", 35),
		sess("s2", "p1", "Parents' focus group", "2026-01-20", "focus_group", "E09000028", "written_up", 9),
		sess("s3", "p2", "Outreach stall at Lewisham market", "2026-02-03", "outreach_stall", "E09000023", "held", 120),
		sess("s4", "p2", "Urgent care co-design", "2026-02-17", "co_design", "E09000008", "held", 14),
		sess("s5", "p1", "Steering group", "2026-03-05", "steering_group", "", "held", 8),
		sess("s6", "p2", "Online workshop", "2026-03-30", "online", "other_london", "planned", 0),
		sess("s7", "p1", "Last year's stall", "2025-11-02", "outreach_stall", "E09000006", "held", 50),
	}
	src.SessionList[4].Mode = "online"
	src.SessionList[0].Notes = "Busy morning.\nInterpreter booked."
	del := sess("s8", "p1", "Deleted", "2026-02-01", "workshop", "E09000004", "held", 500)
	del.DeletedAt = "2026-02-02T00:00:00.000Z"
	src.SessionList = append(src.SessionList, del)

	ethnic := []struct {
		code string
		n    int
	}{{"white", 20}, {"asian", 12}, {"black", 9}, {"mixed", 3}, {"prefer_not_to_say", 6}, {"", 10}}
	ages := []string{"18_24", "25_34", "25_34", "35_44", "45_54", "65_74", "", "16_24"}
	boroughs := []string{"E09000022", "E09000028", "E09000023", "outside_london", "", "E09000032"}
	sessions := []string{"s1", "s2", "s3", "s4", "s5", "s6"}
	sources := []string{"comment_card", "conversation", "post_it", "form", "online", "kiosk"}
	i := 0
	for _, e := range ethnic {
		for k := 0; k < e.n; k++ {
			fb := involve.Feedback{Meta: involve.Meta{ID: fmt.Sprintf("f%04d", 1000+i)}, FeedbackInput: involve.FeedbackInput{
				SessionID: sessions[i%len(sessions)], EthnicGroup: e.code, AgeBand: ages[i%len(ages)],
				Borough: boroughs[i%len(boroughs)], Source: sources[i%len(sources)],
				Text:         fmt.Sprintf("Comment number %d about the service", i),
				QuoteConsent: i%3 != 0, NeedsResponse: i%7 == 0,
			}}
			switch i % 8 {
			case 0, 1, 2:
				fb.Rating = ip(5)
			case 3:
				fb.Rating = ip(4)
			case 4:
				fb.Rating = ip(3)
			case 5:
				fb.Rating = ip(1)
			case 6:
				fb.Rating = ip(0)
			}
			switch i % 4 {
			case 0:
				fb.Themes = []string{themeAccess.ID}
			case 1:
				fb.Themes = []string{themeAccess.ID, themeWaiting.ID}
			case 2:
				fb.Themes = []string{themeStaff.ID}
			}
			if !fb.QuoteConsent {
				fb.Text = "secret words not to be quoted " + fmt.Sprint(i)
			}
			src.FeedbackList = append(src.FeedbackList, fb)
			i++
		}
	}
	for j, txt := range edgeTexts { // on s1, ids after the others, consent given
		fb := involve.Feedback{Meta: involve.Meta{ID: fmt.Sprintf("f%04d", 5000+j)}, FeedbackInput: involve.FeedbackInput{
			SessionID: "s1", Text: txt, Source: "comment_card", QuoteConsent: true, Rating: ip(4), EthnicGroup: "white"}}
		src.FeedbackList = append(src.FeedbackList, fb)
	}
	// outside the period and on a deleted session: never shown
	src.FeedbackList = append(src.FeedbackList,
		involve.Feedback{Meta: involve.Meta{ID: "f9000"}, FeedbackInput: involve.FeedbackInput{SessionID: "s7", Text: "outside the period", QuoteConsent: true}},
		involve.Feedback{Meta: involve.Meta{ID: "f9001"}, FeedbackInput: involve.FeedbackInput{SessionID: "s8", Text: "on a deleted session", QuoteConsent: true}},
		involve.Feedback{Meta: involve.Meta{ID: "f9002", DeletedAt: "2026-03-01T00:00:00.000Z"}, FeedbackInput: involve.FeedbackInput{SessionID: "s1", Text: "deleted item", QuoteConsent: true}},
	)
	return src
}

var quarter = report.Filter{From: "2026-01-01", To: "2026-03-31"}

// bigSource makes n feedback items over n/20 sessions (benchmarks, row limits).
func bigSource(sessions, feedback int) *report.MemSource {
	src := &report.MemSource{ThemeList: []involve.Theme{themeAccess, themeWaiting}}
	src.ProjectList = []involve.Project{{Meta: involve.Meta{ID: "p1"}, ProjectInput: involve.ProjectInput{Name: "Big project"}}}
	for i := 0; i < sessions; i++ {
		src.SessionList = append(src.SessionList, involve.Session{Meta: involve.Meta{ID: fmt.Sprintf("s%06d", i)}, SessionInput: involve.SessionInput{
			ProjectID: "p1", Title: fmt.Sprintf("Session %d", i), Date: fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
			Type: "workshop", Status: "held", Attendees: 10 + i%30, Borough: "E09000022"}})
	}
	groups := []string{"white", "asian", "black", "mixed", "other", ""}
	for i := 0; i < feedback; i++ {
		src.FeedbackList = append(src.FeedbackList, involve.Feedback{Meta: involve.Meta{ID: fmt.Sprintf("f%08d", i)}, FeedbackInput: involve.FeedbackInput{
			SessionID: fmt.Sprintf("s%06d", i%max(sessions, 1)), Text: strings.Repeat("Words about the service. ", 1+i%6),
			Rating: ip(i % 6), Themes: []string{themeAccess.ID}, QuoteConsent: i%2 == 0, EthnicGroup: groups[i%len(groups)],
			AgeBand: "25_34", Source: "comment_card"}})
	}
	return src
}

package involve

import (
	"sort"
	"strings"
)

// WriteUpSession is one session as a project's write-up uses it.
type WriteUpSession struct {
	ID               string `json:"id"`
	Title            string `json:"title"`
	Date             string `json:"date"`
	Type             string `json:"type"`
	InvolvementLevel string `json:"involvementLevel"`
	Status           string `json:"status"`
	Purpose          string `json:"purpose"`
	IntendedOutcome  string `json:"intendedOutcome"`
	Attendees        int    `json:"attendees"`
	Feedback         int    `json:"feedback"`
	WentWell         string `json:"wentWell"`
	ToImprove        string `json:"toImprove"`
}

// WriteUp is the GRIPP2 short form of one project (Staniszewska et al., BMJ 2017),
// assembled from what is stored: 1 aim, 2 methods, 3 results, 4 discussion
// (influence), 5 reflections; with the records each part is made from.
type WriteUp struct {
	ProjectID   string `json:"projectId"`
	Project     string `json:"project"`
	Aim         string `json:"aim"`
	Methods     string `json:"methods"`
	Results     string `json:"results"`
	Discussion  string `json:"discussion"`
	Reflections string `json:"reflections"`

	Sessions            []WriteUpSession `json:"sessions"` // by date
	Outcomes            []Outcome        `json:"outcomes"` // by date
	Actions             []Action         `json:"actions"`  // of the project, by due date
	PeopleReached       int              `json:"peopleReached"`
	FeedbackItems       int              `json:"feedbackItems"`
	ActionsDone         int              `json:"actionsDone"`
	ActionsCommunicated int              `json:"actionsCommunicated"`
}

// BuildWriteUp assembles a project's GRIPP2 short form. Every part says plainly when
// nothing is recorded for it, so the form is never silently thin.
func BuildWriteUp(p Project, sessions []WriteUpSession, actions []Action, outcomes []Outcome) WriteUp {
	ref := Reference()
	w := WriteUp{ProjectID: p.ID, Project: p.Name, Sessions: sessions, Actions: actions, Outcomes: outcomes}
	if w.Sessions == nil {
		w.Sessions = []WriteUpSession{}
	}
	if w.Actions == nil {
		w.Actions = []Action{}
	}
	if w.Outcomes == nil {
		w.Outcomes = []Outcome{}
	}
	sort.SliceStable(w.Sessions, func(i, j int) bool { return w.Sessions[i].Date < w.Sessions[j].Date })
	sort.SliceStable(w.Outcomes, func(i, j int) bool { return w.Outcomes[i].Date < w.Outcomes[j].Date })

	// 1 aim
	w.Aim = p.Aim
	if w.Aim == "" {
		w.Aim = "No involvement aim recorded."
	}

	// 2 methods
	byType := map[string]int{}
	levels := map[string]bool{}
	for _, s := range w.Sessions {
		byType[s.Type]++
		if s.InvolvementLevel != "" {
			levels[s.InvolvementLevel] = true
		}
		w.PeopleReached += s.Attendees
		w.FeedbackItems += s.Feedback
	}
	if len(w.Sessions) == 0 {
		w.Methods = "No sessions recorded yet."
	} else {
		var types []string
		for _, it := range ref.SessionTypes {
			if n := byType[it.Code]; n > 0 {
				types = append(types, countOf(n, lowerFirstWord(it.Label)))
			}
		}
		var lv []string
		for _, it := range ref.InvolvementLevels {
			if levels[it.Code] {
				lv = append(lv, it.Label)
			}
		}
		w.Methods = countOf(len(w.Sessions), "session") + ": " + strings.Join(types, ", ") + "."
		if len(lv) > 0 {
			w.Methods += " Level of involvement: " + strings.Join(lv, ", ") + "."
		}
		w.Methods += " People reached: " + itoa(w.PeopleReached) + ". Feedback items: " + itoa(w.FeedbackItems) + "."
	}

	// 3 results: outcomes
	if len(w.Outcomes) == 0 {
		w.Results = "No outcomes recorded yet."
	} else {
		var lines []string
		byMag := map[string]int{}
		for _, o := range w.Outcomes {
			byMag[o.Magnitude]++
		}
		var mags []string
		for i := len(ImpactMagnitudes) - 1; i >= 0; i-- {
			if n := byMag[ImpactMagnitudes[i].Code]; n > 0 {
				mags = append(mags, itoa(n)+" "+strings.ToLower(ImpactMagnitudes[i].Label))
			}
		}
		lines = append(lines, countOf(len(w.Outcomes), "outcome")+" recorded ("+strings.Join(mags, ", ")+").")
		for _, o := range w.Outcomes {
			lines = append(lines, "- "+o.Description+" ("+outcomeFacts(o)+")")
		}
		w.Results = strings.Join(lines, "\n")
	}

	// 4 discussion: influence
	var infl []string
	for _, a := range w.Actions {
		if a.Status == ActionDone {
			w.ActionsDone++
		}
		if a.CommunicatedOn != "" {
			w.ActionsCommunicated++
		}
		if a.DecisionInfluenced != "" {
			line := "- " + a.DecisionInfluenced
			if a.WeDid != "" {
				line += " (we did: " + a.WeDid + ")"
			}
			infl = append(infl, line)
		}
	}
	for _, o := range w.Outcomes {
		if o.Magnitude == "decision_changed" {
			infl = append(infl, "- Decision changed: "+o.Description)
		}
	}
	var disc []string
	if len(w.Actions) > 0 {
		disc = append(disc, countOf(len(w.Actions), "action")+" in response to feedback: "+itoa(w.ActionsDone)+
			" done, "+itoa(w.ActionsCommunicated)+" communicated back.")
	}
	if len(infl) > 0 {
		disc = append(disc, "Decisions influenced:")
		disc = append(disc, infl...)
	}
	w.Discussion = strings.Join(disc, "\n")
	if len(infl) == 0 {
		if w.Discussion != "" {
			w.Discussion += "\n"
		}
		w.Discussion += "No influence on decisions recorded yet."
	}

	// 5 reflections
	var refl []string
	for _, s := range w.Sessions {
		var parts []string
		if s.WentWell != "" {
			parts = append(parts, "Went well: "+s.WentWell)
		}
		if s.ToImprove != "" {
			parts = append(parts, "To improve: "+s.ToImprove)
		}
		if len(parts) > 0 {
			refl = append(refl, s.Title+" ("+s.Date+"): "+strings.Join(parts, " "))
		}
	}
	w.Reflections = strings.Join(refl, "\n")
	if w.Reflections == "" {
		w.Reflections = "No reflections recorded."
	}
	return w
}

// outcomeFacts is an outcome's direction, size, intent and areas in words.
func outcomeFacts(o Outcome) string {
	facts := []string{LabelOf(ImpactDirections, o.Direction), strings.ToLower(LabelOf(ImpactMagnitudes, o.Magnitude))}
	if o.Intended {
		facts = append(facts, "intended")
	} else {
		facts = append(facts, "not intended")
	}
	if len(o.ImpactOn) > 0 {
		var areas []string
		for _, c := range o.ImpactOn {
			areas = append(areas, strings.ToLower(LabelOf(ImpactAreas, c)))
		}
		facts = append(facts, "impact on "+strings.Join(areas, ", "))
	}
	return strings.Join(facts, ", ")
}

// countOf is "1 session", "3 sessions".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") || strings.HasSuffix(noun, "h") {
		return itoa(n) + " " + noun + "es"
	}
	return itoa(n) + " " + noun + "s"
}

// lowerFirstWord lower-cases the first letter unless the word is an acronym or a name
// ("Lived Experience Partner meeting" stays).
func lowerFirstWord(s string) string {
	if s == "" || strings.HasPrefix(s, "Lived") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

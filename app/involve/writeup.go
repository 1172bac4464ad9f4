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

// BuildWriteUp assembles a project's GRIPP2 short form from every record of the
// project, in Gripp2WriteUp's words. Every part says plainly when nothing is recorded
// for it, so the form is never silently thin.
func BuildWriteUp(p Project, sessions []WriteUpSession, actions []Action, outcomes []Outcome) WriteUp {
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

	words := Gripp2WriteUp
	w.Aim = Gripp2Aim(p.Aim) // 1 aim

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
		w.Methods = words.Methods(len(w.Sessions), byType, levels, "Level of involvement") +
			" People reached: " + itoa(w.PeopleReached) + ". Feedback items: " + itoa(w.FeedbackItems) + "."
	}

	// 3 results: outcomes
	if len(w.Outcomes) == 0 {
		w.Results = "No outcomes recorded yet."
	} else {
		lines := []string{words.Count(len(w.Outcomes), "outcome") + " recorded (" + words.Magnitudes(pointers(w.Outcomes)) + ")."}
		for _, o := range w.Outcomes {
			lines = append(lines, "- "+o.Description+" ("+outcomeFacts(o)+")")
		}
		w.Results = strings.Join(lines, "\n")
	}

	// 4 discussion: influence
	var actionsLine string
	acts := pointers(w.Actions)
	actionsLine, w.ActionsDone, w.ActionsCommunicated = words.Actions(acts)
	infl := Influenced(acts)
	for _, o := range w.Outcomes {
		if o.Magnitude == "decision_changed" {
			infl = append(infl, "- Decision changed: "+o.Description)
		}
	}
	w.Discussion = Gripp2Discussion(actionsLine, Gripp2List{"Decisions influenced:", infl})

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
	w.Reflections = Gripp2Reflections(refl)
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

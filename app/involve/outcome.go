package involve

import (
	"net/url"
	"strings"
)

// ImpactAreas are what an outcome changed (DESIGN §4).
var ImpactAreas = []RefItem{
	{Code: "design", Label: "Design", Hint: "Of a service, pathway or study"},
	{Code: "materials", Label: "Materials", Hint: "Leaflets, letters, websites, consent forms"},
	{Code: "decision", Label: "Decision"},
	{Code: "implementation", Label: "Implementation", Hint: "How something is rolled out"},
	{Code: "people", Label: "People", Hint: "Contributors' confidence, skills or wellbeing"},
	{Code: "organisation", Label: "Organisation", Hint: "Culture, policy or ways of working"},
}

// ImpactDirections say whether an outcome was for the better or the worse.
var ImpactDirections = []RefItem{
	{Code: "positive", Label: "Positive"},
	{Code: "negative", Label: "Negative"},
}

// ImpactMagnitudes say how big an outcome was, smallest first.
var ImpactMagnitudes = []RefItem{
	{Code: "none", Label: "None", Hint: "Considered, nothing changed"},
	{Code: "minor", Label: "Minor"},
	{Code: "substantial", Label: "Substantial"},
	{Code: "decision_changed", Label: "Decision changed"},
}

var (
	impactAreaSet      = codeSet(ImpactAreas)
	impactDirectionSet = codeSet(ImpactDirections)
	impactMagnitudeSet = codeSet(ImpactMagnitudes)
)

// Outcome is the impact involvement had on a project: what changed, for whom, how
// much, and the evidence, linked (softly) to the sessions and actions behind it.
type Outcome struct {
	Meta
	ProjectID       string   `json:"projectId"`
	SessionIDs      []string `json:"sessionIds"`
	ActionIDs       []string `json:"actionIds"`
	Description     string   `json:"description"`
	ImpactOn        []string `json:"impactOn"`
	Direction       string   `json:"direction"`
	Intended        bool     `json:"intended"`
	Magnitude       string   `json:"magnitude"`
	Evidence        string   `json:"evidence"`
	EvidenceLink    string   `json:"evidenceLink"`
	ContributorView string   `json:"contributorView"`
	StaffView       string   `json:"staffView"`
	Standards       []string `json:"standards"`
	Date            string   `json:"date"` // YYYY-MM-DD
}

func (o *Outcome) DocMeta() *Meta           { return &o.Meta }
func (o *Outcome) DocEntity() string        { return EntityOutcome }
func (o *Outcome) Parent() (string, string) { return EntityProject, o.ProjectID }
func (o *Outcome) Title() string            { return shortTitle(o.Description, "Outcome") }

// Normalize trims text and tidies the code and id lists.
func (o *Outcome) Normalize() {
	trimAll(&o.ProjectID, &o.Direction, &o.Magnitude, &o.EvidenceLink, &o.Date)
	o.Description, o.Evidence = trimText(o.Description), trimText(o.Evidence)
	o.ContributorView, o.StaffView = trimText(o.ContributorView), trimText(o.StaffView)
	o.SessionIDs = uniqueCodes(o.SessionIDs)
	o.ActionIDs = uniqueCodes(o.ActionIDs)
	o.ImpactOn = uniqueCodes(o.ImpactOn)
	o.Standards = uniqueCodes(o.Standards)
}

// Validate normalizes the outcome and returns an EINVALID error listing every problem.
func (o *Outcome) Validate() error {
	o.Normalize()
	var p Problems
	if o.ProjectID == "" {
		p.Add("projectId", "Select the project this outcome belongs to")
	} else if !isUUID(o.ProjectID) {
		p.Add("projectId", "Select a project from the list")
	}
	if o.Description == "" {
		p.Add("description", "Enter what changed")
	}
	checkLen(&p, "description", "Description", o.Description, MaxText)
	checkCodes(&p, "impactOn", "kind of impact", o.ImpactOn, impactAreaSet)
	if o.Direction == "" {
		p.Add("direction", "Select whether the impact was positive or negative")
	} else if !impactDirectionSet[o.Direction] {
		p.Add("direction", "Select positive or negative")
	}
	if o.Magnitude == "" {
		p.Add("magnitude", "Select how big the impact was")
	} else if !impactMagnitudeSet[o.Magnitude] {
		p.Add("magnitude", "Select none, minor, substantial or decision changed")
	}
	checkLen(&p, "evidence", "Evidence", o.Evidence, MaxText)
	if o.EvidenceLink != "" {
		if len(o.EvidenceLink) > 2000 {
			p.Add("evidenceLink", "Link to evidence must be 2,000 characters or fewer")
		} else if !validWebLink(o.EvidenceLink) {
			p.Add("evidenceLink", "Enter a link to the evidence that starts with https:// or http://")
		}
	}
	checkLen(&p, "contributorView", "Contributors' view", o.ContributorView, MaxText)
	checkLen(&p, "staffView", "Staff view", o.StaffView, MaxText)
	checkCodes(&p, "standards", "UK Standard", o.Standards, standardSet)
	if o.Date != "" && !ValidDate(o.Date) {
		p.Add("date", "Date of the outcome must be a real date")
	}
	if len(o.SessionIDs) > MaxActionFeedback || !allUUIDs(o.SessionIDs) {
		p.Add("sessionIds", "Select sessions from the list")
	}
	if len(o.ActionIDs) > MaxActionFeedback || !allUUIDs(o.ActionIDs) {
		p.Add("actionIds", "Select actions from the list")
	}
	return p.Err("outcome")
}

// validWebLink reports whether s is an absolute http or https URL with a host.
func validWebLink(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "https" || u.Scheme == "http"
}

// outcomeLabels name the fields of an outcome for people (kinds).
var outcomeLabels = map[string]string{
	"projectId": "Project", "sessionIds": "Sessions", "actionIds": "Actions", "description": "What changed",
	"impactOn": "Impact on", "direction": "Direction", "intended": "Intended", "magnitude": "How big",
	"evidence": "Evidence", "evidenceLink": "Link to evidence", "contributorView": "Contributors' view",
	"staffView": "Staff view", "standards": "UK Standards", "date": "Date",
}

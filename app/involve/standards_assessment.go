package involve

import (
	"net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EntityStandardsAssessment: a lead's self-assessment of the team (or a project)
// against the six UK Standards for Public Involvement (issue 16). Each assessment is a
// new record, so the ratings can be shown over time.
const EntityStandardsAssessment = "standards_assessment"

// Ratings a standard may be given.
const (
	RatingRed      = "red"
	RatingAmber    = "amber"
	RatingGreen    = "green"
	RatingNotRated = "not_rated"
)

// StandardRatings are the ratings, for people: the word is always shown with the
// colour.
var StandardRatings = []RefItem{
	{Code: RatingRed, Label: "Red", Hint: "Not met: much to do"},
	{Code: RatingAmber, Label: "Amber", Hint: "Partly met: some to do"},
	{Code: RatingGreen, Label: "Green", Hint: "Met: keep it up"},
	{Code: RatingNotRated, Label: "Not rated", Hint: "Not assessed this time"},
}

var standardRatingSet = codeSet(StandardRatings)

// StandardStatements are the UK Standards for Public Involvement's own statements,
// one per standard code (reference.Standards names them).
var StandardStatements = map[string]string{
	"1": "Offer public involvement opportunities that are accessible and that reach people and groups according to research needs.",
	"2": "Work together in a way that values all contributions, and that builds and sustains mutually respectful and productive relationships.",
	"3": "Offer and promote support and learning opportunities that build confidence and skills for public involvement in research.",
	"4": "Use plain language for well-timed and relevant communications, as part of involvement plans and activities.",
	"5": "Seek improvement by identifying and sharing the difference that public involvement makes to research.",
	"6": "Involve the public in research management, regulation, leadership and decision making.",
}

// ScopeTeam is the scope of an assessment of the whole team (otherwise a project id).
const ScopeTeam = "team"

// Limits on an assessment's links.
const (
	MaxStandardLinks = 10
	MaxLinkLength    = 500
)

// linkRecordKinds are the records a link may name ("session:<uuid>").
var linkRecordKinds = []string{EntitySession, EntityAction, EntityOutcome}

// StandardRating is one standard's rating, with its evidence and next steps.
type StandardRating struct {
	Standard  string   `json:"standard"` // "1".."6"
	Rating    string   `json:"rating"`   // StandardRatings
	Evidence  string   `json:"evidence"`
	Links     []string `json:"links"` // http(s) URLs or "session:<id>", "action:<id>", "outcome:<id>"
	NextSteps string   `json:"nextSteps"`
}

// StandardsAssessment is a lead's rating of each of the six standards on a date, for
// the team or one project, with evidence. It names nobody.
type StandardsAssessment struct {
	Meta
	AssessedOn string           `json:"assessedOn"` // YYYY-MM-DD, today or earlier
	Scope      string           `json:"scope"`      // ScopeTeam or a project id
	From       string           `json:"from"`       // the period it looks back on (optional)
	To         string           `json:"to"`
	Ratings    []StandardRating `json:"ratings"` // the six standards, in code order
}

func (s *StandardsAssessment) DocMeta() *Meta           { return &s.Meta }
func (s *StandardsAssessment) DocEntity() string        { return EntityStandardsAssessment }
func (s *StandardsAssessment) Parent() (string, string) { return "", "" }
func (s *StandardsAssessment) Title() string {
	return "UK Standards self-assessment (" + LongDate(s.AssessedOn) + ")"
}

// Normalize trims the text and drops empty links.
func (s *StandardsAssessment) Normalize() {
	trimAll(&s.AssessedOn, &s.Scope, &s.From, &s.To)
	if s.Scope == "" {
		s.Scope = ScopeTeam
	}
	for i := range s.Ratings {
		r := &s.Ratings[i]
		trimAll(&r.Standard, &r.Rating)
		r.Evidence, r.NextSteps = trimText(r.Evidence), trimText(r.NextSteps)
		r.Links = uniqueCodes(r.Links)
	}
}

// Validate normalizes the assessment and returns an EINVALID error listing every
// problem (a rating's fields as "ratings.N.rating", N from 0). Once valid, the ratings
// are put in the standards' order.
func (s *StandardsAssessment) Validate() error {
	s.Normalize()
	var p Problems
	switch {
	case !ValidDate(s.AssessedOn):
		p.Add("assessedOn", "Date of the assessment must be a real date")
	case s.AssessedOn > LatestToday():
		p.Add("assessedOn", "Date of the assessment must be today or in the past")
	}
	if s.Scope != ScopeTeam && !isUUID(s.Scope) {
		p.Add("scope", "Select the whole team or a project from the list")
	}
	if s.From != "" && !ValidDate(s.From) {
		p.Add("from", "Start of the period must be a real date")
	}
	if s.To != "" && !ValidDate(s.To) {
		p.Add("to", "End of the period must be a real date")
	}
	if s.From != "" && s.To != "" && ValidDate(s.From) && ValidDate(s.To) && s.To < s.From {
		p.Add("to", "End of the period must be the same as or after the start")
	}
	if len(s.Ratings) != len(reference.Standards) {
		p.Add("ratings", "Rate each of the "+itoa(len(reference.Standards))+" UK Standards once")
		return p.Err("self-assessment")
	}
	seen := map[string]bool{}
	for i := range s.Ratings {
		s.Ratings[i].validate(&p, i, seen)
	}
	if err := p.Err("self-assessment"); err != nil {
		return err
	}
	sort.SliceStable(s.Ratings, func(i, j int) bool { return s.Ratings[i].Standard < s.Ratings[j].Standard })
	return nil
}

func (r *StandardRating) validate(p *Problems, i int, seen map[string]bool) {
	f := "ratings." + itoaPlain(i) + "."
	name := "Standard " + r.Standard
	if l := LabelOf(reference.Standards, r.Standard); standardSet[r.Standard] {
		name = l
	}
	switch {
	case !standardSet[r.Standard]:
		p.Add(f+"standard", "Rating "+itoaPlain(i+1)+": select a UK Standard from the list")
	case seen[r.Standard]:
		p.Add(f+"standard", name+": rate each standard once")
	}
	seen[r.Standard] = true
	if !standardRatingSet[r.Rating] {
		p.Add(f+"rating", name+": select red, amber, green or not rated")
	}
	checkLen(p, f+"evidence", name+": evidence", r.Evidence, MaxText)
	checkLen(p, f+"nextSteps", name+": next steps", r.NextSteps, MaxText)
	if len(r.Links) > MaxStandardLinks {
		p.Add(f+"links", name+": give "+itoa(MaxStandardLinks)+" links or fewer")
		return
	}
	for _, l := range r.Links {
		if msg := checkStandardLink(l); msg != "" {
			p.Add(f+"links", name+": "+msg)
			return
		}
	}
}

// checkStandardLink returns why a link is refused ("" when it is a web address or a
// record reference).
func checkStandardLink(l string) string {
	if utf8.RuneCountInString(l) > MaxLinkLength {
		return "each link must be " + itoa(MaxLinkLength) + " characters or fewer"
	}
	if strings.ContainsFunc(l, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "put each link on its own line, with no spaces in it"
	}
	if kind, id, ok := strings.Cut(l, ":"); ok && !strings.HasPrefix(id, "//") {
		for _, k := range linkRecordKinds {
			if kind == k {
				if isUUID(id) {
					return ""
				}
				return "“" + l + "” does not name a " + k + " (use the record’s link from Involve)"
			}
		}
	}
	if !validWebLink(l) {
		return "“" + shortTitle(l, "") + "” must be a web address that starts with https:// or http://, or a record such as session:<id>"
	}
	if u, _ := url.Parse(l); u.User != nil {
		return "a link must not hold a user name or password"
	}
	return ""
}

// StandardLinkRecord splits a record reference ("action:<id>") into its kind and id;
// ok is false for a web address.
func StandardLinkRecord(l string) (entity, id string, ok bool) {
	kind, id, found := strings.Cut(l, ":")
	if !found || !isUUID(id) {
		return "", "", false
	}
	for _, k := range linkRecordKinds {
		if kind == k {
			return k, id, true
		}
	}
	return "", "", false
}

// standardsAssessmentLabels name the fields of an assessment for people (kinds).
var standardsAssessmentLabels = map[string]string{
	"assessedOn": "Date of the assessment", "scope": "Team or project", "from": "Period start", "to": "Period end",
	"ratings": "Ratings, evidence and next steps",
}

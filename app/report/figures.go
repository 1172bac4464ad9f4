package report

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// Figures is everything a summary report shows, computed once and shared by the
// workbook, the CSV files and the Reports screen.
type Figures struct {
	Filter           Filter   `json:"filter"`
	FilterText       []string `json:"filterText"`  // the filters in words, e.g. "Borough: Lambeth"
	GeneratedAt      string   `json:"generatedAt"` // RFC 3339, local time
	ReferenceVersion string   `json:"referenceVersion"`

	Sessions        int     `json:"sessions"`        // sessions in the filter, any status
	SessionsHeld    int     `json:"sessionsHeld"`    // status held or written up
	SessionsPlanned int     `json:"sessionsPlanned"` // status planned
	PeopleReached   Count   `json:"peopleReached"`   // attendees, summed over the sessions (involve.Reach's rule)
	FeedbackItems   int     `json:"feedbackItems"`
	FFTPositive     Percent `json:"fftPositive"`     // Very good + Good, of every rating given (Don't know included)
	BoroughsCovered []Label `json:"boroughsCovered"` // named boroughs of sessions, attendees and respondents
	QuotesAllowed   int     `json:"quotesAllowed"`   // feedback items with quote consent
	NeedsResponse   int     `json:"needsResponse"`   // feedback items marked "needs response"
	// NeedsResponseWithoutAction: of those, the items no live action answers.
	NeedsResponseWithoutAction int `json:"needsResponseWithoutAction"`

	// EthnicMinority and Core20 come from the attendees (tallies and profiles) when any
	// session in the filter was counted (EthnicMinoritySource "attendees": not White
	// British, of those who stated one of the 19 categories; IMD deciles 1–2 of those
	// whose decile is known), otherwise from feedback respondents ("feedback": Asian,
	// Black, Mixed or Other of those who stated one of the 5 groups; Core20 unknown).
	EthnicMinority       Percent `json:"ethnicMinority"`
	EthnicMinoritySource string  `json:"ethnicMinoritySource"` // "attendees" or "feedback"
	Core20               Percent `json:"core20"`

	SessionsByType []Row `json:"sessionsByType"`
	Ratings        []Row `json:"ratings"` // FFT scale, Very good first, then Don't know, Not given
	// ReachCounted is the sessions in the filter with an attendance tally or an
	// attendee profile; AttendeeReach their questions (DESIGN "Reach and diversity"),
	// Respondents the feedback respondents' age band, ethnic group and borough. Reach
	// is AttendeeReach when ReachCounted > 0, else Respondents (what the Reports
	// screen shows as "reach"). All suppressed.
	ReachCounted  int         `json:"reachCounted"`
	AttendeeReach []Dimension `json:"attendeeReach"`
	Respondents   []Dimension `json:"respondents"`
	Reach         []Dimension `json:"reach"`
	Themes        []ThemeRow  `json:"themes"` // by count, largest first

	Actions  ActionFigures  `json:"actions"`
	Outcomes OutcomeFigures `json:"outcomes"`
	LEP      LEPFigures     `json:"lep"`

	Projects []Gripp2 `json:"projects"`
}

// Label is a reference code and its label.
type Label struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Row is a count by category (not people: never suppressed).
type Row struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Dimension is one reach and diversity question: counts of people per category,
// "Not stated" included, with suppression applied.
type Dimension struct {
	Code       string     `json:"code"` // ageBand, ethnicGroup, borough; attendees: an involve.ReachQuestion code
	Label      string     `json:"label"`
	Multi      bool       `json:"multi,omitempty"` // several answers per person (PLUS groups): counts do not add up to Total
	Categories []Category `json:"categories"`
	Total      int        `json:"total"`
}

// Category is one answer of a dimension.
type Category struct {
	Code    string  `json:"code"`
	Label   string  `json:"label"`
	Count   Count   `json:"count"`
	Percent Percent `json:"percent"` // of the dimension's total
}

// ThemeRow counts the feedback items tagged with a theme, by sentiment. Sentiment
// comes from the Friends and Family Test rating: Very good or Good is positive,
// Neither is neutral, Poor or Very poor is negative; Don't know and no rating are
// "no rating".
type ThemeRow struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Positive int    `json:"positive"`
	Neutral  int    `json:"neutral"`
	Negative int    `json:"negative"`
	NoRating int    `json:"noRating"`
}

// Gripp2 is the GRIPP2 short form of one project, assembled from stored fields.
type Gripp2 struct {
	ProjectID   string `json:"projectId"`
	Project     string `json:"project"`
	Aim         string `json:"aim"`         // 1 aim: the project's involvement aim
	Methods     string `json:"methods"`     // 2 methods: sessions by type and level, people reached
	Results     string `json:"results"`     // 3 results: outcomes (description, magnitude) and feedback
	Discussion  string `json:"discussion"`  // 4 discussion: actions, decisions influenced, outcomes' impact
	Reflections string `json:"reflections"` // 5 reflections: what went well, what to improve
	Sessions    int    `json:"sessions"`
	Feedback    int    `json:"feedback"`
}

// Sentiment of an FFT rating: "positive", "neutral", "negative" or "" (no rating).
func Sentiment(rating *int) string {
	switch {
	case rating == nil || *rating == 0:
		return ""
	case *rating >= 4:
		return "positive"
	case *rating == 3:
		return "neutral"
	}
	return "negative"
}

// SentimentLabel is Sentiment in words for sheets.
func SentimentLabel(rating *int) string {
	switch Sentiment(rating) {
	case "positive":
		return "Positive"
	case "neutral":
		return "Neutral"
	case "negative":
		return "Negative"
	}
	return "No rating"
}

// Builder accumulates figures while the rows stream past; memory grows with the
// number of sessions, projects and themes, never with feedback items.
type Builder struct {
	f        Filter
	now      time.Time
	ref      involve.ReferenceData
	projects map[string]*involve.Project
	themes   map[string]*involve.Theme
	sessions map[string]sessionInfo

	fig          Figures
	attendees    int
	byType       map[string]int
	ratings      [7]int // 0..5 by code, 6 = not given
	positive     int
	rated        int
	minority     int
	statedEthnic int
	boroughs     map[string]bool
	reach        map[string]map[string]int // dimension → category code ("" = not stated) → count
	themeRows    map[string]*ThemeRow
	proj         map[string]*projAcc
	rb           *involve.ReachBuilder
	docs         docAcc
}

type sessionInfo struct {
	Date, Title, ProjectID, Borough, Type string
}

type projAcc struct {
	sessions, feedback, attendees int
	byType                        map[string]int
	levels                        map[string]bool
	themes                        map[string]int
	wentWell, toImprove           []string
}

// NewBuilder loads the projects and themes the rows will name.
func NewBuilder(ctx context.Context, src Source, f Filter, now time.Time) (*Builder, error) {
	ps, err := src.Projects(ctx)
	if err != nil {
		return nil, err
	}
	ts, err := src.Themes(ctx)
	if err != nil {
		return nil, err
	}
	b := &Builder{f: f, now: now, ref: involve.Reference(),
		projects: map[string]*involve.Project{}, themes: map[string]*involve.Theme{},
		sessions: map[string]sessionInfo{}, byType: map[string]int{}, boroughs: map[string]bool{},
		reach: map[string]map[string]int{}, themeRows: map[string]*ThemeRow{}, proj: map[string]*projAcc{},
		rb: involve.NewReachBuilder()}
	for i := range ps {
		b.projects[ps[i].ID] = &ps[i]
	}
	for i := range ts {
		b.themes[ts[i].ID] = &ts[i]
	}
	for _, d := range reachDims {
		b.reach[d.code] = map[string]int{}
	}
	if ds, ok := src.(DocSource); ok {
		if err := b.loadDocs(ctx, ds); err != nil {
			return nil, err
		}
	} else {
		b.docs.actionByFB = map[string][]int{}
	}
	return b, nil
}

// ProjectName is the name of a project id ("No project" for none).
func (b *Builder) ProjectName(id string) string {
	if id == "" {
		return "No project"
	}
	if p, ok := b.projects[id]; ok {
		return p.Name
	}
	return "Unknown project"
}

// ThemeLabel is the label of a theme id.
func (b *Builder) ThemeLabel(id string) string {
	if t, ok := b.themes[id]; ok {
		return t.Label
	}
	if t, ok := involve.StarterThemeByID(id); ok {
		return t.Label
	}
	return "Unknown theme"
}

// Session returns what the builder kept of a session already added.
func (b *Builder) Session(id string) (date, title string, ok bool) {
	s, ok := b.sessions[id]
	return s.Date, s.Title, ok
}

// AddSession counts a session (inside the filter).
func (b *Builder) AddSession(s *involve.Session) {
	b.sessions[s.ID] = sessionInfo{Date: s.Date, Title: s.Title, ProjectID: s.ProjectID, Borough: s.Borough, Type: s.Type}
	b.fig.Sessions++
	switch s.Status {
	case "held", "written_up":
		b.fig.SessionsHeld++
	default:
		b.fig.SessionsPlanned++
	}
	b.attendees += s.Attendees
	b.rb.AddSession(s)
	b.byType[s.Type]++
	if involve.IsNamedBorough(s.Borough) {
		b.boroughs[s.Borough] = true
	}
	p := b.project(s.ProjectID)
	p.sessions++
	p.attendees += s.Attendees
	p.byType[s.Type]++
	if s.InvolvementLevel != "" {
		p.levels[s.InvolvementLevel] = true
	}
	if s.WentWell != "" {
		p.wentWell = append(p.wentWell, s.Date+" "+s.Title+": "+s.WentWell)
	}
	if s.ToImprove != "" {
		p.toImprove = append(p.toImprove, s.Date+" "+s.Title+": "+s.ToImprove)
	}
}

func (b *Builder) project(id string) *projAcc {
	p := b.proj[id]
	if p == nil {
		p = &projAcc{byType: map[string]int{}, levels: map[string]bool{}, themes: map[string]int{}}
		b.proj[id] = p
	}
	return p
}

// AddFeedback counts a feedback item whose session was added.
func (b *Builder) AddFeedback(fb *involve.Feedback) {
	b.fig.FeedbackItems++
	b.feedbackDocs(fb)
	if fb.QuoteConsent {
		b.fig.QuotesAllowed++
	}
	if fb.NeedsResponse {
		b.fig.NeedsResponse++
	}
	if fb.Rating == nil {
		b.ratings[6]++
	} else if *fb.Rating >= 0 && *fb.Rating <= 5 {
		b.ratings[*fb.Rating]++
		b.rated++
		if *fb.Rating >= 4 {
			b.positive++
		}
	}
	switch fb.EthnicGroup {
	case "", "prefer_not_to_say":
	case "white":
		b.statedEthnic++
	default:
		b.statedEthnic++
		b.minority++
	}
	if involve.IsNamedBorough(fb.Borough) {
		b.boroughs[fb.Borough] = true
	}
	b.reach["ageBand"][fb.AgeBand]++
	b.reach["ethnicGroup"][fb.EthnicGroup]++
	b.reach["borough"][fb.Borough]++
	sent := Sentiment(fb.Rating)
	s := b.sessions[fb.SessionID]
	p := b.project(s.ProjectID)
	p.feedback++
	for _, id := range fb.Themes {
		r := b.themeRows[id]
		if r == nil {
			r = &ThemeRow{ID: id, Label: b.ThemeLabel(id)}
			b.themeRows[id] = r
		}
		r.Count++
		switch sent {
		case "positive":
			r.Positive++
		case "neutral":
			r.Neutral++
		case "negative":
			r.Negative++
		default:
			r.NoRating++
		}
		p.themes[id]++
	}
}

var reachDims = []struct{ code, label string }{
	{"ageBand", "Age band"},
	{"ethnicGroup", "Ethnic group"},
	{"borough", "Borough where they live"},
}

// Figures finishes the report.
func (b *Builder) Figures() *Figures {
	fig := b.fig
	fig.Filter = b.f
	fig.FilterText = b.FilterText()
	fig.GeneratedAt = b.now.Format(time.RFC3339)
	fig.ReferenceVersion = involve.ReferenceVersion
	b.docFigures(&fig)
	reach := b.docs.reach
	fig.PeopleReached = NewCount(max(b.attendees, reach.PeopleReached))
	fig.FFTPositive = Percent{Num: b.positive, Den: b.rated}
	if fig.ReachCounted > 0 {
		fig.EthnicMinority, fig.Core20 = SharePercent(reach.EthnicMinority), SharePercent(reach.Core20)
		fig.EthnicMinoritySource = "attendees"
	} else {
		fig.EthnicMinority = PeoplePercent(b.minority, b.statedEthnic)
		fig.Core20 = Percent{} // feedback respondents give no IMD decile: unknown
		fig.EthnicMinoritySource = "feedback"
	}
	for _, it := range reach.BoroughsCovered {
		b.boroughs[it.Code] = true
	}
	for _, it := range b.ref.Boroughs {
		if b.boroughs[it.Code] {
			fig.BoroughsCovered = append(fig.BoroughsCovered, Label{it.Code, it.Label})
		}
	}
	for _, it := range b.ref.SessionTypes {
		fig.SessionsByType = append(fig.SessionsByType, Row{it.Code, it.Label, b.byType[it.Code]})
	}
	for _, it := range b.ref.Ratings { // Very good … Very poor, Don't know
		n := 0
		if c := int(it.Code[0] - '0'); c >= 0 && c <= 5 {
			n = b.ratings[c]
		}
		fig.Ratings = append(fig.Ratings, Row{it.Code, it.Label, n})
	}
	fig.Ratings = append(fig.Ratings, Row{"", "Not given", b.ratings[6]})
	lists := map[string][]involve.RefItem{"ageBand": b.ref.AgeBands, "ethnicGroup": b.ref.EthnicGroups, "borough": b.ref.Boroughs}
	for _, d := range reachDims {
		counts := b.reach[d.code]
		dim := Dimension{Code: d.code, Label: d.label}
		seen := map[string]bool{}
		for _, it := range lists[d.code] {
			seen[it.Code] = true
			dim.Categories = append(dim.Categories, Category{Code: it.Code, Label: it.Label, Count: Count{N: counts[it.Code]}})
		}
		if d.code == "ageBand" { // bands of older forms and imported data sets, when used
			for _, it := range involve.LegacyAgeBands {
				if n := counts[it.Code]; n > 0 {
					seen[it.Code] = true
					dim.Categories = append(dim.Categories, Category{Code: it.Code, Label: it.Label + " (older forms)", Count: Count{N: n}})
				}
			}
		}
		other := 0 // codes from an older or newer reference list
		for code, n := range counts {
			if code != "" && !seen[code] {
				other += n
			}
		}
		if other > 0 {
			dim.Categories = append(dim.Categories, Category{Code: "other_answer", Label: "Other answer", Count: Count{N: other}})
		}
		dim.Categories = append(dim.Categories, Category{Code: "", Label: "Not stated", Count: Count{N: counts[""]}})
		for _, c := range dim.Categories {
			dim.Total += c.Count.N
		}
		SuppressList(dim.Categories, dim.Total)
		fig.Respondents = append(fig.Respondents, dim)
	}
	fig.Reach = fig.Respondents
	if fig.ReachCounted > 0 {
		fig.Reach = fig.AttendeeReach
	}
	for _, r := range b.themeRows {
		fig.Themes = append(fig.Themes, *r)
	}
	sort.Slice(fig.Themes, func(i, j int) bool {
		if fig.Themes[i].Count != fig.Themes[j].Count {
			return fig.Themes[i].Count > fig.Themes[j].Count
		}
		return fig.Themes[i].Label < fig.Themes[j].Label
	})
	fig.Projects = b.gripp2()
	if fig.BoroughsCovered == nil {
		fig.BoroughsCovered = []Label{}
	}
	if fig.Themes == nil {
		fig.Themes = []ThemeRow{}
	}
	return &fig
}

// FilterText describes the filter in words (every line of the Notes sheet's filters).
func (b *Builder) FilterText() []string {
	f := b.f
	var out []string
	switch {
	case f.From != "" && f.To != "":
		out = append(out, "Period: "+f.From+" to "+f.To)
	case f.From != "":
		out = append(out, "Period: from "+f.From)
	case f.To != "":
		out = append(out, "Period: up to "+f.To)
	default:
		out = append(out, "Period: all dates")
	}
	if f.ProjectID != "" {
		out = append(out, "Project: "+b.ProjectName(f.ProjectID))
	}
	if f.Borough != "" {
		out = append(out, "Borough: "+involve.LabelOf(b.ref.Boroughs, f.Borough))
	}
	if f.SessionType != "" {
		out = append(out, "Session type: "+involve.LabelOf(b.ref.SessionTypes, f.SessionType))
	}
	if f.TeamID != "" {
		out = append(out, "Team: "+f.TeamID)
	}
	return out
}

// words: the report's GRIPP2 items are worded as the write-up screen's (involve.Gripp2Words).
var words = involve.Gripp2Report

func (b *Builder) gripp2() []Gripp2 {
	var out []Gripp2
	for id := range b.docs.projOutcome { // a project with outcomes but no sessions in the period
		b.project(id)
	}
	for id := range b.docs.projActions {
		b.project(id)
	}
	for id, p := range b.proj {
		if p.sessions == 0 && len(b.docs.projOutcome[id]) == 0 && len(b.docs.projActions[id]) == 0 {
			continue
		}
		g := Gripp2{ProjectID: id, Project: b.ProjectName(id), Sessions: p.sessions, Feedback: p.feedback}
		var aim string
		if pr, ok := b.projects[id]; ok {
			aim = pr.Aim
		}
		g.Aim = involve.Gripp2Aim(aim)
		g.Methods = words.Methods(p.sessions, p.byType, p.levels, "Involvement level") +
			" People reached: " + NewCount(p.attendees).Text() + "."
		if p.sessions == 0 {
			g.Methods = "No sessions in this period."
		}
		g.Results = words.Count(p.feedback, "feedback item") + " recorded."
		if top := topThemes(p.themes, b, 3); top != "" {
			g.Results += " Most raised themes: " + top + "."
		}
		b.gripp2Results(&g, id)
		b.gripp2Discussion(&g, id)
		var refl []string
		if len(p.wentWell) > 0 {
			refl = append(refl, "Went well: "+strings.Join(p.wentWell, "; "))
		}
		if len(p.toImprove) > 0 {
			refl = append(refl, "To improve: "+strings.Join(p.toImprove, "; "))
		}
		g.Reflections = involve.Gripp2Reflections(refl)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Project != out[j].Project {
			return out[i].Project < out[j].Project
		}
		return out[i].ProjectID < out[j].ProjectID
	})
	if out == nil {
		out = []Gripp2{}
	}
	return out
}

func topThemes(counts map[string]int, b *Builder, n int) string {
	type kv struct {
		label string
		n     int
	}
	var all []kv
	for id, c := range counts {
		all = append(all, kv{b.ThemeLabel(id), c})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].label < all[j].label
	})
	var s []string
	for i := 0; i < len(all) && i < n; i++ {
		s = append(s, all[i].label+" ("+strconv.Itoa(all[i].n)+")")
	}
	return strings.Join(s, ", ")
}

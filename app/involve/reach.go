package involve

import "strings"

// Reach: who came to sessions, from their attendance tallies (Tally) and anonymous
// attendee profiles (Attendee). How the figures are made (docs/reports.md, "Reach"):
//
//   - A session's people reached is its total attendees (Session.Attendees). When that
//     was left at 0, it is the largest number any single-answer question accounts for
//     (tally counts plus profiles), so that counted people are never dropped.
//   - A question's counts are the tally's counts plus one per profile: the tally counts
//     the people without a profile. A profile that skipped a question counts as Not
//     stated. People not accounted for by a question (attendees minus its counts) are
//     Not stated too, so a single-answer question adds up to the people reached unless
//     more were counted than attended (the tally screen warns about that).
//   - PLUS groups are several answers per person (or none): they are counts of people
//     in each group, not shares that add up.
//   - Ethnic minority: everyone whose ethnic category is not "English, Welsh,
//     Scottish, Northern Irish or British" (so White Irish, Gypsy or Irish Traveller,
//     Roma and Other White count), as a share of those who stated one of the 19
//     categories (Prefer not to say and Not stated are left out).
//   - Core20: IMD deciles 1 and 2, as a share of those whose decile is known (1–10).
//   - Boroughs covered: the named boroughs where sessions were held or where people
//     counted said they live.
//   - Estimated and self-reported counts are added together; each question says how
//     many of its people were self-reported (profiles always are) and how many
//     estimated.

// PreferNotToSay is the code of "Prefer not to say" in every list that has it.
const PreferNotToSay = "prefer_not_to_say"

// WhiteBritish is the ethnic category that is not an ethnic minority.
const WhiteBritish = "white_british"

// ReachQuestion is one question of attendance tallies and attendee profiles.
type ReachQuestion struct {
	Code  string    `json:"code"` // the Tally and Attendee field
	Label string    `json:"label"`
	Hint  string    `json:"hint,omitempty"`
	Multi bool      `json:"multi"` // several answers per person (PLUS groups)
	Items []RefItem `json:"items"` // answers in order, Prefer not to say last
	set   map[string]bool
	dim   func(*Tally) **TallyDim // the question's field in a tally
	field func(*Attendee) *string // the question's field in a profile (nil: Multi)
}

// allows reports whether code is an answer of the question in a tally (NotStated
// included).
func (q ReachQuestion) allows(code string) bool { return code == NotStated || q.set[code] }

var reachQuestions = func() []ReachQuestion {
	r := reference
	plus := append(append([]RefItem{}, r.PlusGroups...), RefItem{Code: PreferNotToSay, Label: "Prefer not to say"})
	qs := []ReachQuestion{
		{Code: "ageBand", Label: "Age band", Items: r.AgeBands,
			dim: func(t *Tally) **TallyDim { return &t.AgeBand }, field: func(a *Attendee) *string { return &a.AgeBand }},
		{Code: "sex", Label: "Sex", Items: r.Sexes,
			dim: func(t *Tally) **TallyDim { return &t.Sex }, field: func(a *Attendee) *string { return &a.Sex }},
		{Code: "genderSameAsBirth", Label: "Gender the same as the sex registered at birth", Items: r.GenderSameAsBirth,
			dim: func(t *Tally) **TallyDim { return &t.GenderSameAsBirth }, field: func(a *Attendee) *string { return &a.GenderSameAsBirth }},
		{Code: "ethnicity", Label: "Ethnic group", Hint: "Census 2021 categories, in 5 groups", Items: r.Ethnicities,
			dim: func(t *Tally) **TallyDim { return &t.Ethnicity }, field: func(a *Attendee) *string { return &a.Ethnicity }},
		{Code: "disability", Label: "Disability", Hint: "A physical or mental health condition or illness lasting 12 months or more", Items: r.Disabilities,
			dim: func(t *Tally) **TallyDim { return &t.Disability }, field: func(a *Attendee) *string { return &a.Disability }},
		{Code: "sexualOrientation", Label: "Sexual orientation", Items: r.SexualOrientations,
			dim: func(t *Tally) **TallyDim { return &t.SexualOrientation }, field: func(a *Attendee) *string { return &a.SexualOrientation }},
		{Code: "religion", Label: "Religion", Items: r.Religions,
			dim: func(t *Tally) **TallyDim { return &t.Religion }, field: func(a *Attendee) *string { return &a.Religion }},
		{Code: "unpaidCarer", Label: "Unpaid carer", Hint: "Looks after or supports someone because of long-term illness, disability or old age", Items: r.UnpaidCarers,
			dim: func(t *Tally) **TallyDim { return &t.UnpaidCarer }, field: func(a *Attendee) *string { return &a.UnpaidCarer }},
		{Code: "borough", Label: "Borough where they live", Items: r.Boroughs,
			dim: func(t *Tally) **TallyDim { return &t.Borough }, field: func(a *Attendee) *string { return &a.Borough }},
		{Code: "imdDecile", Label: "IMD decile where they live", Hint: "Index of Multiple Deprivation: 1 is the most deprived 10% of areas; deciles 1 and 2 are Core20", Items: r.IMDDeciles,
			dim: func(t *Tally) **TallyDim { return &t.IMDDecile }, field: func(a *Attendee) *string { return &a.IMDDecile }},
		{Code: "plusGroups", Label: "PLUS groups", Hint: "A person may be in more than one group, or none", Multi: true, Items: plus,
			dim: func(t *Tally) **TallyDim { return &t.PlusGroups }},
	}
	for i := range qs {
		qs[i].set = codeSet(qs[i].Items)
	}
	return qs
}()

// ReachQuestions returns the questions in the order forms and reports show them.
func ReachQuestions() []ReachQuestion { return reachQuestions }

// reachQuestion returns the question of a code, or nil for an unknown one.
func reachQuestion(code string) *ReachQuestion {
	for i := range reachQuestions {
		if reachQuestions[i].Code == code {
			return &reachQuestions[i]
		}
	}
	return nil
}

// answers returns a profile's answer to the question: its code ("" when not
// answered), or the codes of a Multi question.
func (q *ReachQuestion) answers(a *Attendee) []string {
	if q.Multi {
		return a.PlusGroups
	}
	return []string{*q.field(a)}
}

// EthnicGroupOf returns the group (EthnicGroups code) of one of the 19 ethnic
// categories: Prefer not to say stays itself, anything else unknown is "".
func EthnicGroupOf(ethnicity string) string {
	if ethnicity == PreferNotToSay {
		return PreferNotToSay
	}
	for _, it := range reference.Ethnicities {
		if it.Code == ethnicity {
			return it.Group
		}
	}
	return ""
}

// ReachCategory is one answer of a question and how many people gave it. Code "" is
// Not stated; "other_answer" gathers codes from another version of the lists.
type ReachCategory struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Group string `json:"group,omitempty"`
	N     int    `json:"n"`
}

// ReachDimension is one question's counts over the sessions covered.
type ReachDimension struct {
	Code       string          `json:"code"` // a ReachQuestion code, or ethnicGroup (the 5 groups)
	Label      string          `json:"label"`
	Multi      bool            `json:"multi"`
	Categories []ReachCategory `json:"categories"` // reference order, then Other answer, then Not stated
	// Total is the people the question covers: the sum of its categories (the people
	// reached, or more when more were counted than attended); for PLUS groups, the
	// people reached.
	Total        int `json:"total"`
	SelfReported int `json:"selfReported"` // answers counted from self-reported tallies and from profiles
	Estimated    int `json:"estimated"`    // answers counted from estimated tallies
}

// Share is Num of Den people (Den 0: unknown).
type Share struct {
	Num int `json:"num"`
	Den int `json:"den"`
}

// Reach is who a set of sessions reached (one session, a project, a period).
type Reach struct {
	Sessions        int              `json:"sessions"`
	SessionsCounted int              `json:"sessionsCounted"` // sessions with a tally or a profile
	PeopleReached   int              `json:"peopleReached"`
	FormsReturned   int              `json:"formsReturned"`
	Profiles        int              `json:"profiles"`
	Dimensions      []ReachDimension `json:"dimensions"`
	BoroughsCovered []RefItem        `json:"boroughsCovered"`
	EthnicMinority  Share            `json:"ethnicMinority"` // not White British, of those who stated a category
	Core20          Share            `json:"core20"`         // IMD deciles 1–2, of those whose decile is known
}

// Dimension returns the dimension with code (nil if none).
func (r *Reach) Dimension(code string) *ReachDimension {
	for i := range r.Dimensions {
		if r.Dimensions[i].Code == code {
			return &r.Dimensions[i]
		}
	}
	return nil
}

// ReachBuilder adds up the reach of sessions from their tallies and profiles. Add the
// sessions first; tallies and profiles of sessions not added are ignored (so a caller
// can stream every tally and keep the filter on sessions).
type ReachBuilder struct {
	sessions map[string]*reachSession
	order    []string
}

type reachSession struct {
	attendees int
	borough   string
	tally     *Tally
	profiles  []*Attendee
}

// NewReachBuilder starts an empty reach.
func NewReachBuilder() *ReachBuilder { return &ReachBuilder{sessions: map[string]*reachSession{}} }

// AddSession adds a (live) session.
func (b *ReachBuilder) AddSession(s *Session) {
	if _, ok := b.sessions[s.ID]; ok {
		return
	}
	b.sessions[s.ID] = &reachSession{attendees: s.Attendees, borough: s.Borough}
	b.order = append(b.order, s.ID)
}

// HasSession reports whether a session was added.
func (b *ReachBuilder) HasSession(id string) bool { return b.sessions[id] != nil }

// AddTally adds a session's tally (live ones only).
func (b *ReachBuilder) AddTally(t *Tally) {
	if s := b.sessions[t.SessionID]; s != nil && t.DeletedAt == "" {
		s.tally = t
	}
}

// AddAttendee adds an attendee profile (live ones only).
func (b *ReachBuilder) AddAttendee(a *Attendee) {
	if s := b.sessions[a.SessionID]; s != nil && a.DeletedAt == "" {
		s.profiles = append(s.profiles, a)
	}
}

// dimAcc is one question's counts as they are added up.
type dimAcc struct {
	counts              map[string]int // "" is Not stated
	self, estimated, np int
}

// Reach returns the reach of every session added.
func (b *ReachBuilder) Reach() Reach { return b.reach(b.order) }

// SessionReach returns the reach of one session added.
func (b *ReachBuilder) SessionReach(id string) Reach {
	if b.sessions[id] == nil {
		return b.reach(nil)
	}
	return b.reach([]string{id})
}

func (b *ReachBuilder) reach(ids []string) Reach {
	qs := ReachQuestions()
	acc := make([]dimAcc, len(qs))
	for i := range acc {
		acc[i].counts = map[string]int{}
	}
	r := Reach{Sessions: len(ids)}
	boroughs := map[string]bool{}
	for _, id := range ids {
		s := b.sessions[id]
		t := s.tally
		if t == nil {
			t = &Tally{}
		}
		if s.tally != nil || len(s.profiles) > 0 {
			r.SessionsCounted++
		}
		np := len(s.profiles)
		people := s.attendees
		if people == 0 {
			people = np
			for _, q := range qs {
				if n := (*q.dim(t)).Sum() + np; !q.Multi && n > people {
					people = n
				}
			}
		}
		r.PeopleReached += people
		r.FormsReturned += t.FormsReturned
		r.Profiles += np
		if IsNamedBorough(s.borough) {
			boroughs[s.borough] = true
		}
		for i, q := range qs {
			a := &acc[i]
			recorded := 0
			if d := *q.dim(t); d != nil {
				for code, n := range d.Counts {
					if code == NotStated {
						code = ""
					}
					a.counts[code] += n
					recorded += n
				}
				if d.Basis == BasisEstimated {
					a.estimated += d.Sum()
				} else {
					a.self += d.Sum()
				}
			}
			for _, p := range s.profiles {
				ans := q.answers(p)
				if q.Multi {
					for _, c := range ans {
						a.counts[c]++
						a.self++
					}
					continue
				}
				a.counts[ans[0]]++
				a.self++
				recorded++
			}
			if !q.Multi && recorded < people {
				a.counts[""] += people - recorded
			}
		}
	}
	for i, q := range qs {
		d := dimension(q.Code, q.Label, q.Multi, q.Items, acc[i].counts)
		d.SelfReported, d.Estimated = acc[i].self, acc[i].estimated
		if q.Multi {
			d.Total = r.PeopleReached
		}
		r.Dimensions = append(r.Dimensions, d)
		switch q.Code {
		case "ethnicity":
			groups := map[string]int{}
			for code, n := range acc[i].counts {
				g := EthnicGroupOf(code)
				if g == "" && code != "" {
					g = "other_answer"
				}
				groups[g] += n
				if g != "" && g != PreferNotToSay && g != "other_answer" {
					r.EthnicMinority.Den += n
					if code != WhiteBritish {
						r.EthnicMinority.Num += n
					}
				}
			}
			g := dimension("ethnicGroup", "Ethnic group (5 groups)", false, reference.EthnicGroups, groups)
			g.SelfReported, g.Estimated = d.SelfReported, d.Estimated
			r.Dimensions = append(r.Dimensions, g)
		case "imdDecile":
			for code, n := range acc[i].counts {
				if imdDecileSet[code] && code != PreferNotToSay {
					r.Core20.Den += n
					if code == "1" || code == "2" {
						r.Core20.Num += n
					}
				}
			}
		case "borough":
			for code, n := range acc[i].counts {
				if n > 0 && IsNamedBorough(code) {
					boroughs[code] = true
				}
			}
		}
	}
	r.BoroughsCovered = []RefItem{}
	for _, it := range reference.Boroughs {
		if boroughs[it.Code] {
			r.BoroughsCovered = append(r.BoroughsCovered, it)
		}
	}
	return r
}

// dimension lists counts in the order of items, then answers from other versions of
// the lists, then Not stated.
func dimension(code, label string, multi bool, items []RefItem, counts map[string]int) ReachDimension {
	d := ReachDimension{Code: code, Label: label, Multi: multi, Categories: make([]ReachCategory, 0, len(items)+2)}
	seen := map[string]bool{"": true}
	for _, it := range items {
		seen[it.Code] = true
		d.Categories = append(d.Categories, ReachCategory{Code: it.Code, Label: it.Label, Group: it.Group, N: counts[it.Code]})
	}
	other := 0
	for c, n := range counts {
		if !seen[c] {
			other += n
		}
	}
	if other > 0 {
		d.Categories = append(d.Categories, ReachCategory{Code: "other_answer", Label: "Other answer", N: other})
	}
	d.Categories = append(d.Categories, ReachCategory{Code: "", Label: "Not stated", N: counts[""]})
	for _, c := range d.Categories {
		d.Total += c.N
	}
	return d
}

// IsNamedBorough reports whether a borough code is a London borough (ONS code), not
// "Other London borough", "Outside London" or "Prefer not to say".
func IsNamedBorough(code string) bool { return strings.HasPrefix(code, "E09") }

// SessionReach is a session's tally screen: its total attendees, tally (an empty one,
// with no id, before the first count), profiles (oldest first), the reach they make,
// the checks against the total, and the questions.
type SessionReach struct {
	SessionID string          `json:"sessionId"`
	Attendees int             `json:"attendees"`
	Tally     Tally           `json:"tally"`
	Profiles  []Attendee      `json:"profiles"`
	Reach     Reach           `json:"reach"`
	Warnings  []TallyWarning  `json:"warnings"`
	Questions []ReachQuestion `json:"questions"`
}

// TallySaved answers a tally save: the tally as stored, when, and the checks against
// the session's total (warnings never stop a save).
type TallySaved struct {
	Tally    Tally          `json:"tally"`
	SavedAt  string         `json:"savedAt"`
	Warnings []TallyWarning `json:"warnings"`
}

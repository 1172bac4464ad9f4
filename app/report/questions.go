package report

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// Results of question sets (issue 15): per question of every set answered inside the
// filter, counts and percentages with the small-number rule, computed once for the
// Reports screen, the workbook's Questions sheet and responses.csv.
//
//   - A response is covered when its live feedback item's live session is inside the
//     filter. Its answers count against the questions of the version it answered.
//   - Versions are combined where a question did not change (involve.Question.SameAs);
//     a question that changed is reported once per group of versions that ask it
//     alike, labelled "(version N)".
//   - Percentages are of the responses that were asked the question (responses to a
//     version that has it); "Prefer not to say" and "Not answered" are counted.
//   - Every count is a count of people and goes through SuppressList.
//   - Words people wrote (free text, "Other, please say") are listed only when the
//     feedback item has quote consent; the rest are counted, not shown.
//
// Memory grows with the number of question set versions and, for number questions,
// with the numbers given (for the median); never with whole responses.

// ResponseSource is an optional Source method: the question sets and the responses a
// report covers. A source without it reports no question results.
type ResponseSource interface {
	// QuestionSets returns every version of every question set, deleted ones included
	// (a live response may answer a deleted version).
	QuestionSets(ctx context.Context) ([]involve.QuestionSet, error)
	// Responses calls fn for each live response whose live feedback item's live
	// session is inside the filter, by response id, with what a report needs of its
	// item and session. fn must not keep the row.
	Responses(ctx context.Context, f Filter, fn func(*ResponseRow) error) error
}

// ResponseRow is a response with what a report needs of its feedback item and session.
type ResponseRow struct {
	Response     *involve.Response
	SessionDate  string // YYYY-MM-DD
	QuoteConsent bool   // the feedback item's consent to quote its words
	AgeBand      string // the feedback item's answers to the respondent questions
	EthnicGroup  string
	Borough      string
}

// MaxQuotes is how many free-text answers (with quote consent) a question lists; the
// rest are counted (QuestionResult.QuotesMore).
const MaxQuotes = 200

// RankingScoreRule explains a ranking question's score.
const RankingScoreRule = "Score: with \"pick your top N\", a first place earns N points, a second N−1, and so on down to 1 point " +
	"for the last pick; the score adds them up. \"Ranked first\" and \"Picked\" count people, so they follow the small-number rule, " +
	"and a score is withheld when its \"Picked\" count is."

// QuestionsRule explains the question results (the Notes sheet, the Reports screen).
const QuestionsRule = "Answers to a session's own questions, from the responses saved with feedback items of the sessions inside the filters. " +
	"Versions of a set are combined where a question did not change; a question that changed is shown once per version, labelled \"(version N)\". " +
	"Percentages are of the responses that were asked the question. Counts follow the small-number rule. " +
	"Free-text answers are shown only when the person agreed that they may be quoted."

// QuestionFigures are the results of every question set answered inside a filter.
type QuestionFigures struct {
	Responses int          `json:"responses"` // responses covered
	Unmatched int          `json:"unmatched"` // responses naming a set version this device or server does not hold
	Sets      []SetResults `json:"sets"`      // by name, then family id
	// Breakdown is the chosen question's answers by one demographic (nil when none was
	// asked for, or the question cannot be broken down).
	Breakdown *Breakdown `json:"breakdown"`
}

// SetResults are one question set's results, every version together.
type SetResults struct {
	FamilyID string `json:"familyId"`
	// Prefix starts the set's column names in responses.csv ("s1a2b3c4d"): "s" and the
	// last 8 hexadecimal digits of the family id (the whole id if two sets share them).
	Prefix    string           `json:"prefix"`
	Name      string           `json:"name"` // the newest version's
	Purpose   string           `json:"purpose"`
	Versions  []int            `json:"versions"`  // the versions answered, lowest first
	Responses int              `json:"responses"` // responses to any version
	Questions []QuestionResult `json:"questions"`
}

// QuestionResult is one question (a group of versions asking it alike).
type QuestionResult struct {
	// Key names the question in its set for a breakdown: the question id for the
	// newest version's question, else id@vN (N: the group's lowest version).
	Key      string `json:"key"`
	ID       string `json:"id"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Label    string `json:"label"` // Text, with "(version N)" when the question changed between versions
	Versions []int  `json:"versions"`
	Other    bool   `json:"other"` // offers "Other, please say"
	Pick     int    `json:"pick,omitempty"`
	// Asked: responses to a version that has the question (the percentages' base).
	Asked       int     `json:"asked"`
	Answered    Count   `json:"answered"`
	AnsweredPct Percent `json:"answeredPct"`
	// Categories: each choice (for ranking: times ranked first), then Prefer not to
	// say (when offered or used) and Not answered; free text and number: Answered,
	// Prefer not to say, Not answered. Suppressed as one list.
	Categories []Category     `json:"categories"`
	Multi      bool           `json:"multi,omitempty"` // multiple choice: a person may choose several
	Ranking    []RankRow      `json:"ranking,omitempty"`
	Number     *NumberSummary `json:"number,omitempty"`
	// Quotes: free-text answers (and "Other, please say" words) with quote consent, at
	// most MaxQuotes; QuotesMore such answers not listed; QuotesWithheld answers
	// without consent (counted, never shown).
	Quotes         []string `json:"quotes,omitempty"`
	QuotesMore     int      `json:"quotesMore,omitempty"`
	QuotesWithheld int      `json:"quotesWithheld,omitempty"`
	Breakable      bool     `json:"breakable"` // answers are choices: it can be broken down
}

// RankRow is one choice of a ranking question.
type RankRow struct {
	Code   string `json:"code"`
	Label  string `json:"label"`
	First  Count  `json:"first"`  // times ranked first
	Picked Count  `json:"picked"` // times picked at all
	Score  *int   `json:"score"`  // RankingScoreRule; nil when withheld
}

// NumberSummary summarises a number question's answers; the values are nil when
// fewer than SuppressBelow people answered (one of them could be recognised).
type NumberSummary struct {
	Count  Count    `json:"count"`
	Min    *float64 `json:"min"`
	Median *float64 `json:"median"`
	Max    *float64 `json:"max"`
}

// Questions computes the question results of the filter, and the breakdown bd asks for
// (none when bd is empty). A source that is not a ResponseSource has none.
func Questions(ctx context.Context, src Source, f Filter, bd BreakdownRequest) (*QuestionFigures, error) {
	rs, ok := src.(ResponseSource)
	if !ok {
		return &QuestionFigures{Sets: []SetResults{}}, nil
	}
	sets, err := rs.QuestionSets(ctx)
	if err != nil {
		return nil, err
	}
	qb := NewQuestionBuilder(sets)
	qb.Breakdown(bd)
	if err := rs.Responses(ctx, f, func(r *ResponseRow) error { qb.Add(r); return nil }); err != nil {
		return nil, err
	}
	return qb.Figures(), nil
}

// QuestionBuilder accumulates question results while responses stream past.
type QuestionBuilder struct {
	sets     map[string]*involve.QuestionSet // version id → version
	families map[string]*famAcc
	fig      QuestionFigures
	bd       *bdAcc
}

type famAcc struct {
	id        string
	newest    *involve.QuestionSet
	groups    []*groupAcc
	byVersion map[string]map[string]*groupAcc // version id → question id → group
	responses int
	answered  map[int]bool
}

type groupAcc struct {
	key      string
	q        *involve.Question // the newest version's form of the question
	versions []int
	asked    int
	answered int
	prefer   int
	counts   map[string]int // choice code → chosen (ranking: picked)
	first    map[string]int // ranking: ranked first
	points   map[string]int // ranking: score
	numbers  []float64
	quotes   []string
	more     int
	withheld int
}

// NewQuestionBuilder groups every version's questions by family.
func NewQuestionBuilder(sets []involve.QuestionSet) *QuestionBuilder {
	qb := &QuestionBuilder{sets: map[string]*involve.QuestionSet{}, families: map[string]*famAcc{}}
	byFam := map[string][]*involve.QuestionSet{}
	for i := range sets {
		s := &sets[i]
		qb.sets[s.ID] = s
		byFam[s.Family()] = append(byFam[s.Family()], s)
	}
	for id, vs := range byFam {
		sort.Slice(vs, func(i, j int) bool { // newest first
			a, b := vs[i], vs[j]
			if a.Version != b.Version {
				return a.Version > b.Version
			}
			if a.UpdatedAt != b.UpdatedAt {
				return a.UpdatedAt > b.UpdatedAt
			}
			return a.ID > b.ID
		})
		fa := &famAcc{id: id, newest: vs[0], byVersion: map[string]map[string]*groupAcc{}, answered: map[int]bool{}}
		keyOrder := map[string]int{}
		for _, v := range vs {
			fa.byVersion[v.ID] = map[string]*groupAcc{}
			for i := range v.Questions {
				q := &v.Questions[i]
				var g *groupAcc
				for _, c := range fa.groups {
					if c.q.SameAs(q) {
						g = c
						break
					}
				}
				if g == nil {
					if _, ok := keyOrder[q.ID]; !ok {
						keyOrder[q.ID] = len(keyOrder)
					}
					g = &groupAcc{q: q, counts: map[string]int{}, first: map[string]int{}, points: map[string]int{}}
					fa.groups = append(fa.groups, g)
				}
				if !containsInt(g.versions, v.Version) {
					g.versions = append(g.versions, v.Version)
				}
				fa.byVersion[v.ID][q.ID] = g
			}
		}
		sort.SliceStable(fa.groups, func(i, j int) bool { return keyOrder[fa.groups[i].q.ID] < keyOrder[fa.groups[j].q.ID] })
		seen := map[string]bool{}
		for _, g := range fa.groups {
			sort.Ints(g.versions)
			g.key = g.q.ID
			if seen[g.q.ID] {
				g.key = g.q.ID + "@v" + strconv.Itoa(g.versions[0])
			}
			seen[g.q.ID] = true
		}
		qb.families[id] = fa
	}
	return qb
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// Set returns the set version a response answered (nil when it is not held).
func (qb *QuestionBuilder) Set(versionID string) *involve.QuestionSet { return qb.sets[versionID] }

// Add counts one response.
func (qb *QuestionBuilder) Add(r *ResponseRow) {
	qb.fig.Responses++
	set := qb.sets[r.Response.QuestionSetID]
	if set == nil {
		qb.fig.Unmatched++
		return
	}
	fa := qb.families[set.Family()]
	fa.responses++
	fa.answered[set.Version] = true
	for qid, g := range fa.byVersion[set.ID] {
		a := r.Response.Answer(qid)
		g.add(a, r.QuoteConsent)
		if qb.bd != nil && qb.bd.fam == fa.id && qb.bd.g == g {
			qb.bd.add(r, a)
		}
	}
}

func (g *groupAcc) add(a *involve.Answer, consent bool) {
	g.asked++
	switch {
	case a == nil:
		return
	case a.PreferNot:
		g.prefer++
		return
	}
	g.answered++
	switch g.q.Type {
	case involve.QuestionNumber:
		if a.Number != nil {
			g.numbers = append(g.numbers, *a.Number)
		}
	case involve.QuestionRanking:
		for i, c := range a.Choices {
			if i == 0 {
				g.first[c]++
			}
			g.counts[c]++
			g.points[c] += max(g.q.Pick-i, 1)
		}
	default:
		for _, c := range a.Choices {
			g.counts[c]++
		}
	}
	if a.Text == "" {
		return
	}
	switch {
	case !consent:
		g.withheld++
	case len(g.quotes) >= MaxQuotes:
		g.more++
	case g.q.Type == involve.QuestionText:
		g.quotes = append(g.quotes, a.Text)
	default:
		g.quotes = append(g.quotes, "Other: "+a.Text)
	}
}

// Figures finishes the results.
func (qb *QuestionBuilder) Figures() *QuestionFigures {
	fig := qb.fig
	fig.Sets = []SetResults{}
	prefixes := map[string]int{}
	for _, fa := range qb.families {
		if fa.responses > 0 {
			prefixes[shortID(fa.id)]++
		}
	}
	for _, fa := range qb.families {
		if fa.responses == 0 {
			continue
		}
		sr := SetResults{FamilyID: fa.id, Prefix: "s" + shortID(fa.id), Name: fa.newest.Name, Purpose: fa.newest.Purpose,
			Responses: fa.responses, Questions: []QuestionResult{}}
		if prefixes[shortID(fa.id)] > 1 {
			sr.Prefix = "s" + strings.ReplaceAll(fa.id, "-", "")
		}
		for v := range fa.answered {
			sr.Versions = append(sr.Versions, v)
		}
		sort.Ints(sr.Versions)
		perID := map[string]int{}
		for _, g := range fa.groups {
			if g.asked > 0 {
				perID[g.q.ID]++
			}
		}
		for _, g := range fa.groups {
			if g.asked == 0 {
				continue
			}
			qr := g.result()
			if perID[g.q.ID] > 1 {
				qr.Label += " (" + versionWords(g.versions) + ")"
			}
			sr.Questions = append(sr.Questions, qr)
		}
		fig.Sets = append(fig.Sets, sr)
	}
	sort.Slice(fig.Sets, func(i, j int) bool {
		if fig.Sets[i].Name != fig.Sets[j].Name {
			return fig.Sets[i].Name < fig.Sets[j].Name
		}
		return fig.Sets[i].FamilyID < fig.Sets[j].FamilyID
	})
	if qb.bd != nil {
		fig.Breakdown = qb.bd.result()
	}
	return &fig
}

// shortID is the last 8 hexadecimal digits of an id (the random end of a UUIDv7).
func shortID(id string) string {
	h := strings.ReplaceAll(id, "-", "")
	if len(h) > 8 {
		h = h[len(h)-8:]
	}
	return strings.ToLower(h)
}

// versionWords: "version 2", "versions 1 and 2", "versions 1, 2 and 3".
func versionWords(vs []int) string {
	if len(vs) == 1 {
		return "version " + strconv.Itoa(vs[0])
	}
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.Itoa(v)
	}
	return "versions " + strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func (g *groupAcc) result() QuestionResult {
	q := g.q
	qr := QuestionResult{Key: g.key, ID: q.ID, Type: q.Type, Text: q.Text, Label: q.Text, Versions: g.versions,
		Other: q.Other, Pick: q.Pick, Asked: g.asked, Answered: NewCount(g.answered),
		AnsweredPct: PeoplePercent(g.answered, g.asked), Multi: q.Type == involve.QuestionMultiple,
		Breakable: q.HasChoices(), QuotesMore: g.more, QuotesWithheld: g.withheld, Quotes: g.quotes}
	var cats []Category
	switch {
	case q.Type == involve.QuestionRanking:
		for _, c := range choicesOf(q) {
			cats = append(cats, Category{Code: c.Code, Label: c.Label, Count: Count{N: g.first[c.Code]}})
		}
		picked := make([]Category, 0, len(q.Choices))
		for _, c := range choicesOf(q) {
			picked = append(picked, Category{Code: c.Code, Label: c.Label, Count: Count{N: g.counts[c.Code]}})
		}
		SuppressList(picked, g.answered)
		firsts := append([]Category(nil), cats...)
		SuppressList(firsts, g.answered)
		for i, c := range picked {
			row := RankRow{Code: c.Code, Label: c.Label, First: firsts[i].Count, Picked: c.Count}
			if !c.Count.Hidden() {
				score := g.points[c.Code]
				row.Score = &score
			}
			qr.Ranking = append(qr.Ranking, row)
		}
	case q.HasChoices():
		for _, c := range choicesOf(q) {
			cats = append(cats, Category{Code: c.Code, Label: c.Label, Count: Count{N: g.counts[c.Code]}})
		}
	default:
		cats = append(cats, Category{Code: "answered", Label: "Answered", Count: Count{N: g.answered}})
	}
	if q.PreferNot || g.prefer > 0 {
		cats = append(cats, Category{Code: involve.ChoicePreferNot, Label: "Prefer not to say", Count: Count{N: g.prefer}})
	}
	cats = append(cats, Category{Code: "", Label: "Not answered", Count: Count{N: g.asked - g.answered - g.prefer}})
	SuppressList(cats, g.asked)
	qr.Categories = cats
	if q.Type == involve.QuestionNumber {
		qr.Number = numberSummary(g.numbers)
	}
	return qr
}

// choicesOf is a question's choices with "Other" when offered.
func choicesOf(q *involve.Question) []involve.Choice {
	out := append([]involve.Choice(nil), q.Choices...)
	if q.Other {
		out = append(out, involve.Choice{Code: involve.ChoiceOther, Label: "Other"})
	}
	return out
}

func numberSummary(vals []float64) *NumberSummary {
	ns := &NumberSummary{Count: NewCount(len(vals))}
	if len(vals) < SuppressBelow {
		return ns
	}
	sort.Float64s(vals)
	lo, hi := vals[0], vals[len(vals)-1]
	mid := vals[len(vals)/2]
	if len(vals)%2 == 0 {
		mid = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
	}
	ns.Min, ns.Median, ns.Max = &lo, &mid, &hi
	return ns
}

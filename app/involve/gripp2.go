package involve

import (
	"strconv"
	"strings"
)

// The GRIPP2 short form (Staniszewska et al., BMJ 2017) is assembled in two places
// from the same stored fields: a project's write-up screen (BuildWriteUp, every record
// of the project) and the workbook's GRIPP2 sheet and the Reports screen (package
// report, the records a report's period and filter cover). Gripp2Words is what both
// word alike: the aim, the methods' session types and levels, the outcomes by size, the
// actions and the decisions they influenced, the closing words of an empty item. Each
// caller adds what only it says (the write-up's outcome facts and per-session
// reflections; the report's themes, suppressed counts and impact list).

// Gripp2Words words the shared parts of a GRIPP2 short form. Num writes a number: the
// write-up screen with thousands separators (Gripp2WriteUp), the workbook without
// (Gripp2Report).
type Gripp2Words struct {
	Num func(int) string
}

var (
	// Gripp2WriteUp words the write-up screen: "1,200 people".
	Gripp2WriteUp = Gripp2Words{Num: itoa}
	// Gripp2Report words the workbook and the Reports screen: "1200 people".
	Gripp2Report = Gripp2Words{Num: strconv.Itoa}
)

// Words closing GRIPP2 items that have nothing recorded.
const (
	NoAimRecorded         = "No involvement aim recorded."
	NoInfluenceRecorded   = "No influence on decisions recorded yet."
	NoReflectionsRecorded = "No reflections recorded."
)

// Count is "1 session", "3 sessions", "2 coaches".
func (g Gripp2Words) Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "s") || strings.HasSuffix(noun, "h") {
		return g.Num(n) + " " + noun + "es"
	}
	return g.Num(n) + " " + noun + "s"
}

// Gripp2Aim is item 1: the project's involvement aim, or says there is none.
func Gripp2Aim(aim string) string {
	if aim == "" {
		return NoAimRecorded
	}
	return aim
}

// Methods begins item 2: "3 sessions: 2 workshops, 1 outreach stall." and, when any
// is recorded, the levels of involvement after levelsHeading ("Level of involvement").
// byType counts sessions by type code; levels holds the level codes used.
func (g Gripp2Words) Methods(sessions int, byType map[string]int, levels map[string]bool, levelsHeading string) string {
	ref := Reference()
	var types []string
	for _, it := range ref.SessionTypes {
		if n := byType[it.Code]; n > 0 {
			types = append(types, g.Count(n, lowerFirstWord(it.Label)))
		}
	}
	var lv []string
	for _, it := range ref.InvolvementLevels {
		if levels[it.Code] {
			lv = append(lv, it.Label)
		}
	}
	s := g.Count(sessions, "session") + ": " + strings.Join(types, ", ") + "."
	if len(lv) > 0 {
		s += " " + levelsHeading + ": " + strings.Join(lv, ", ") + "."
	}
	return s
}

// Magnitudes counts outcomes by size, largest first: "1 decision changed, 1 minor".
func (g Gripp2Words) Magnitudes(outcomes []*Outcome) string {
	byMag := map[string]int{}
	for _, o := range outcomes {
		byMag[o.Magnitude]++
	}
	var mags []string
	for i := len(ImpactMagnitudes) - 1; i >= 0; i-- {
		if n := byMag[ImpactMagnitudes[i].Code]; n > 0 {
			mags = append(mags, g.Num(n)+" "+strings.ToLower(ImpactMagnitudes[i].Label))
		}
	}
	return strings.Join(mags, ", ")
}

// Actions begins item 4: "2 actions in response to feedback: 1 done, 1 communicated
// back." ("" for no actions), with the numbers done and communicated back.
func (g Gripp2Words) Actions(actions []*Action) (line string, done, told int) {
	for _, a := range actions {
		if a.Status == ActionDone {
			done++
		}
		if a.Communicated() {
			told++
		}
	}
	if len(actions) > 0 {
		line = g.Count(len(actions), "action") + " in response to feedback: " + g.Num(done) + " done, " +
			g.Num(told) + " communicated back."
	}
	return line, done, told
}

// Influenced lists the decisions actions influenced: "- Signage budget (we did: New
// signs)".
func Influenced(actions []*Action) []string {
	var out []string
	for _, a := range actions {
		if a.DecisionInfluenced != "" {
			line := "- " + a.DecisionInfluenced
			if a.WeDid != "" {
				line += " (we did: " + a.WeDid + ")"
			}
			out = append(out, line)
		}
	}
	return out
}

// Gripp2List is a headed list of an item: "Decisions influenced:" and its lines.
type Gripp2List struct {
	Heading string
	Lines   []string
}

// Gripp2Discussion assembles item 4: the actions line (if any), then each list that
// has lines under its heading; with no list, NoInfluenceRecorded.
func Gripp2Discussion(actionsLine string, lists ...Gripp2List) string {
	var lines []string
	if actionsLine != "" {
		lines = append(lines, actionsLine)
	}
	listed := false
	for _, l := range lists {
		if len(l.Lines) > 0 {
			lines = append(append(lines, l.Heading), l.Lines...)
			listed = true
		}
	}
	if !listed {
		lines = append(lines, NoInfluenceRecorded)
	}
	return strings.Join(lines, "\n")
}

// Gripp2Reflections is item 5: the lines, or NoReflectionsRecorded.
func Gripp2Reflections(lines []string) string {
	if len(lines) == 0 {
		return NoReflectionsRecorded
	}
	return strings.Join(lines, "\n")
}

// pointers points at each element of s.
func pointers[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// lowerFirstWord lower-cases the first letter unless the word is an acronym or a name
// ("Lived Experience Partner meeting" stays).
func lowerFirstWord(s string) string {
	if s == "" || strings.HasPrefix(s, "Lived Experience") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

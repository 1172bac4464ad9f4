package involve

import (
	"strings"

	"github.com/google/uuid"
)

// Bases of a tally's counts.
const (
	BasisSelfReported = "self_reported"
	BasisEstimated    = "estimated"
)

// NotStated is the tally code of people whose answer was not recorded (a tally may
// also write it as ""; Validate turns that into NotStated).
const NotStated = "not_stated"

// MaxTallyCount bounds one count and the forms returned, like a session's attendees.
const MaxTallyCount = 1_000_000

// TallyDim is one question's counts in a tally: how many people gave each answer
// (reference codes, NotStated for no answer), self-reported or estimated by staff.
type TallyDim struct {
	Basis  string         `json:"basis"`
	Counts map[string]int `json:"counts"`
}

// Tally is a session's anonymous attendance tally: forms returned and, per question,
// counts of people by answer. The session's total attendees stay on the session
// (Session.Attendees). Each question is its own field, so that two laptops tallying
// different questions of one session merge without a conflict; an empty question is
// left out of the state (null), so a laptop that did not touch it changes nothing.
// One tally per session: its id is derived from the session's (TallyIDFor).
//
// The counts are for people without an attendee profile: each profile (Attendee)
// adds itself to the same questions, and a session's reach is the two together.
type Tally struct {
	Meta
	SessionID         string    `json:"sessionId"`
	FormsReturned     int       `json:"formsReturned,omitempty"`
	AgeBand           *TallyDim `json:"ageBand,omitempty"`
	Sex               *TallyDim `json:"sex,omitempty"`
	GenderSameAsBirth *TallyDim `json:"genderSameAsBirth,omitempty"`
	Ethnicity         *TallyDim `json:"ethnicity,omitempty"`
	Disability        *TallyDim `json:"disability,omitempty"`
	SexualOrientation *TallyDim `json:"sexualOrientation,omitempty"`
	Religion          *TallyDim `json:"religion,omitempty"`
	UnpaidCarer       *TallyDim `json:"unpaidCarer,omitempty"`
	Borough           *TallyDim `json:"borough,omitempty"`
	IMDDecile         *TallyDim `json:"imdDecile,omitempty"`
	PlusGroups        *TallyDim `json:"plusGroups,omitempty"`
}

// tallyNamespace derives tally ids from session ids (never change it: two laptops
// must make the same id for the same session).
var tallyNamespace = uuid.MustParse("6f1d3c2e-5b0a-4e59-9a47-3c1f0e8d7b21")

// TallyIDFor returns the id of a session's tally.
func TallyIDFor(sessionID string) string {
	return uuid.NewSHA1(tallyNamespace, []byte(strings.TrimSpace(sessionID))).String()
}

func (t *Tally) DocMeta() *Meta           { return &t.Meta }
func (t *Tally) DocEntity() string        { return EntityTally }
func (t *Tally) Parent() (string, string) { return EntitySession, t.SessionID }
func (t *Tally) Title() string            { return "Attendance tally" }

// Dim returns the field of a question (ReachQuestion.Code), or nil for an unknown one.
func (t *Tally) Dim(code string) **TallyDim {
	if q := reachQuestion(code); q != nil {
		return q.dim(t)
	}
	return nil
}

// Sum is the number of people a question counts (0 for nil).
func (d *TallyDim) Sum() int {
	if d == nil {
		return 0
	}
	n := 0
	for _, c := range d.Counts {
		n += c
	}
	return n
}

// Validate tidies the tally (ids trimmed, "" codes made NotStated, zero counts and
// empty questions dropped, a missing basis made self-reported) and returns an
// EINVALID error listing every problem. A sum that differs from the session's
// attendees is not a problem here: see TallyWarnings.
func (t *Tally) Validate() error {
	trimAll(&t.SessionID)
	var p Problems
	if t.SessionID == "" {
		p.Add("sessionId", "Choose the session this tally is for")
	}
	if t.FormsReturned < 0 {
		p.Add("formsReturned", "Forms returned must be 0 or more")
	} else if t.FormsReturned > MaxTallyCount {
		p.Add("formsReturned", "Forms returned must be 1,000,000 or fewer")
	}
	for _, q := range ReachQuestions() {
		f := q.dim(t)
		d := *f
		if d == nil {
			continue
		}
		d.Basis = strings.TrimSpace(d.Basis)
		counts := make(map[string]int, len(d.Counts))
		bad, negative, big := false, false, false
		for code, n := range d.Counts {
			code = strings.TrimSpace(code)
			if code == "" {
				code = NotStated
			}
			switch {
			case !q.allows(code):
				bad = true
			case n < 0:
				negative = true
			case n > MaxTallyCount:
				big = true
			}
			if n != 0 {
				counts[code] += n
			}
		}
		if bad {
			p.Add(q.Code, q.Label+": select answers from the list")
		}
		if negative {
			p.Add(q.Code, q.Label+": numbers of people must be 0 or more")
		}
		if big {
			p.Add(q.Code, q.Label+": numbers of people must be 1,000,000 or fewer")
		}
		if len(counts) == 0 {
			*f = nil
			continue
		}
		if d.Basis == "" {
			d.Basis = BasisSelfReported
		} else if d.Basis != BasisSelfReported && d.Basis != BasisEstimated {
			p.Add(q.Code, q.Label+": select self-reported or estimated")
		}
		d.Counts = counts
	}
	return p.Err("tally")
}

// TallyWarning is a check of a tally against its session that does not stop it being
// saved: a question whose people do not add up to the total attendees, more forms or
// profiles than attendees.
type TallyWarning struct {
	Field   string `json:"field"` // the question's code, or formsReturned, attendees, profiles
	Message string `json:"message"`
}

// TallyWarnings checks a session's tally and its profiles against its total
// attendees. Each single-answer question the tally counts must add up (tally plus
// profiles) to the attendees; PLUS groups are not checked (a person may be in several
// or none).
func TallyWarnings(attendees int, t *Tally, profiles []*Attendee) []TallyWarning {
	out := []TallyWarning{}
	if t == nil {
		t = &Tally{}
	}
	np := len(profiles)
	counted := false
	for _, q := range ReachQuestions() {
		if q.Multi {
			continue
		}
		d := *q.dim(t)
		if d == nil || d.Sum() == 0 {
			continue
		}
		counted = true
		if attendees == 0 {
			continue
		}
		if sum := d.Sum() + np; sum != attendees {
			out = append(out, TallyWarning{Field: q.Code, Message: q.Label + " adds up to " + itoa(sum) + ", but the total attendees is " + itoa(attendees)})
		}
	}
	if attendees == 0 && (counted || np > 0) {
		out = append(out, TallyWarning{Field: "attendees", Message: "Enter the total attendees so that the counts can be checked against it"})
	}
	if attendees > 0 && t.FormsReturned > attendees {
		out = append(out, TallyWarning{Field: "formsReturned", Message: "Forms returned (" + itoa(t.FormsReturned) + ") is more than the total attendees (" + itoa(attendees) + ")"})
	}
	if attendees > 0 && np > attendees {
		out = append(out, TallyWarning{Field: "profiles", Message: "There are more attendee profiles (" + itoa(np) + ") than attendees (" + itoa(attendees) + ")"})
	}
	if t.FormsReturned > 0 && np > t.FormsReturned {
		out = append(out, TallyWarning{Field: "profiles", Message: "There are more attendee profiles (" + itoa(np) + ") than forms returned (" + itoa(t.FormsReturned) + ")"})
	}
	return out
}

// tallyLabels name a tally's fields for people (kinds).
var tallyLabels = reachLabels(map[string]string{"sessionId": "Session", "formsReturned": "Forms returned"})

// reachLabels adds the reach questions' labels to labels.
func reachLabels(labels map[string]string) map[string]string {
	for _, q := range ReachQuestions() {
		labels[q.Code] = q.Label
	}
	return labels
}

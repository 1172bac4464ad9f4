package involve

// Attendee is an anonymous attendee profile: one returned equality monitoring form of
// a session, with no name and no free text. Every answer is a reference code, ""
// when the question was not answered (Not stated); each list has "Prefer not to say".
// Profiles count in the session's reach beside its tally (the tally counts the people
// without a profile).
type Attendee struct {
	Meta
	SessionID         string   `json:"sessionId"`
	AgeBand           string   `json:"ageBand"`
	Sex               string   `json:"sex"`
	GenderSameAsBirth string   `json:"genderSameAsBirth"`
	Ethnicity         string   `json:"ethnicity"` // one of the 19 Census 2021 categories; its group is EthnicGroupOf
	Disability        string   `json:"disability"`
	SexualOrientation string   `json:"sexualOrientation"`
	Religion          string   `json:"religion"`
	UnpaidCarer       string   `json:"unpaidCarer"`
	Borough           string   `json:"borough"`
	IMDDecile         string   `json:"imdDecile"` // "1" … "10" when known
	PlusGroups        []string `json:"plusGroups"`
}

func (a *Attendee) DocMeta() *Meta           { return &a.Meta }
func (a *Attendee) DocEntity() string        { return EntityAttendee }
func (a *Attendee) Parent() (string, string) { return EntitySession, a.SessionID }
func (a *Attendee) Title() string            { return "Anonymous attendee profile" }

// Answer returns the profile's answer to a question (ReachQuestion.Code): one code for
// a single-answer question, the codes for PLUS groups.
func (a *Attendee) Answer(code string) []string {
	if q := reachQuestion(code); q != nil {
		return q.answers(a)
	}
	return []string{""}
}

// Validate trims the answers and returns an EINVALID error naming each answer that is
// not from its list.
func (a *Attendee) Validate() error {
	trimAll(&a.SessionID)
	for _, q := range ReachQuestions() {
		if !q.Multi {
			trimAll(q.field(a))
		}
	}
	a.PlusGroups = uniqueCodes(a.PlusGroups)
	var p Problems
	if a.SessionID == "" {
		p.Add("sessionId", "Choose the session this profile is for")
	}
	for _, q := range ReachQuestions() {
		for _, c := range q.answers(a) {
			if c != "" && (c == NotStated || !q.allows(c)) {
				p.Add(q.Code, q.Label+": select an answer from the list")
				break
			}
		}
	}
	if len(a.PlusGroups) > 1 {
		for _, c := range a.PlusGroups {
			if c == PreferNotToSay {
				p.Add("plusGroups", "Select groups, or prefer not to say, but not both")
				break
			}
		}
	}
	return p.Err("attendee profile")
}

// attendeeLabels name an attendee profile's fields for people (kinds).
var attendeeLabels = reachLabels(map[string]string{"sessionId": "Session"})

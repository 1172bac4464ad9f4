package involve

// SessionInput is what a person enters for an involvement session (activity).
type SessionInput struct {
	ProjectID        string   `json:"projectId"`
	Title            string   `json:"title"`
	Date             string   `json:"date"`
	StartTime        string   `json:"startTime"`
	EndTime          string   `json:"endTime"`
	Type             string   `json:"type"`
	Mode             string   `json:"mode"`
	Venue            string   `json:"venue"`
	Borough          string   `json:"borough"`
	HostPartner      string   `json:"hostPartner"`
	TargetGroups     string   `json:"targetGroups"`
	Purpose          string   `json:"purpose"`
	IntendedOutcome  string   `json:"intendedOutcome"`
	InvolvementLevel string   `json:"involvementLevel"`
	EngagementStage  string   `json:"engagementStage"`
	Standards        []string `json:"standards"`
	AccessSupport    []string `json:"accessSupport"`
	Facilitators     string   `json:"facilitators"`
	LEPsPresent      string   `json:"lepsPresent"`
	Status           string   `json:"status"`
	WentWell         string   `json:"wentWell"`
	ToImprove        string   `json:"toImprove"`
	Attendees        int      `json:"attendees"`
	// QuestionSets are the question sets the session asks (their family ids: the
	// newest version is asked), in order. NoFFT leaves out the Friends and Family Test
	// rating (asked unless a session says not: older records and laptops keep it).
	QuestionSets []string `json:"questionSets"`
	NoFFT        bool     `json:"noFft"`
}

// Session is one involvement activity: a workshop, focus group, stall, meeting…
type Session struct {
	Meta
	SessionInput
	Notes          string `json:"notes"`
	NotesUpdatedAt string `json:"notesUpdatedAt"`
	ProjectName    string `json:"projectName"`
	FeedbackCount  int    `json:"feedbackCount"`
}

// Parent is the session's project ("" for none): it must be stored first.
func (s *Session) Parent() (string, string) { return EntityProject, s.ProjectID }

// sessionLabels name a session's fields as the form does (kinds).
var sessionLabels = map[string]string{"projectId": "Project", "title": "Session title", "date": "Date", "startTime": "Start time",
	"endTime": "End time", "type": "Type of session", "mode": "How it was held", "venue": "Venue", "borough": "Borough",
	"hostPartner": "Host partner", "targetGroups": "Target groups", "purpose": "Purpose", "intendedOutcome": "Intended outcome",
	"involvementLevel": "Involvement level", "engagementStage": "Engagement stage", "standards": "UK Standards for Public Involvement",
	"accessSupport": "Access support", "facilitators": "Facilitators", "lepsPresent": "Lived Experience Partners present",
	"status": "Status", "wentWell": "What went well", "toImprove": "What could be improved", "attendees": "Number of attendees",
	"notes": "Notes", "notesUpdatedAt": "Notes saved at", "questionSets": "Question sets", "noFft": "Leave out the Friends and Family Test"}

// MaxSessionSets caps the question sets one session asks.
const MaxSessionSets = 5

// SessionSummary is a session as lists show it.
type SessionSummary struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Date          string `json:"date"`
	StartTime     string `json:"startTime"`
	Type          string `json:"type"`
	Borough       string `json:"borough"`
	Status        string `json:"status"`
	ProjectID     string `json:"projectId"`
	ProjectName   string `json:"projectName"`
	FeedbackCount int    `json:"feedbackCount"`
	UpdatedAt     string `json:"updatedAt"`
}

// SessionFilter selects sessions for lists.
type SessionFilter struct {
	ProjectID string `json:"projectId"`
	Limit     int    `json:"limit"`
}

// NotesSaved confirms a durable notes save.
type NotesSaved struct {
	ID      string `json:"id"`
	Rev     int64  `json:"rev"`
	SavedAt string `json:"savedAt"`
}

// Normalize trims text, tidies code lists and fills defaults.
func (in *SessionInput) Normalize() {
	trimAll(&in.ProjectID, &in.Title, &in.Date, &in.StartTime, &in.EndTime, &in.Type,
		&in.Mode, &in.Venue, &in.Borough, &in.HostPartner, &in.TargetGroups, &in.Purpose,
		&in.IntendedOutcome, &in.InvolvementLevel, &in.EngagementStage, &in.Facilitators,
		&in.LEPsPresent, &in.Status, &in.WentWell, &in.ToImprove)
	in.Standards = uniqueCodes(in.Standards)
	in.AccessSupport = uniqueCodes(in.AccessSupport)
	in.QuestionSets = uniqueCodes(in.QuestionSets)
	if in.Status == "" {
		in.Status = "planned"
	}
	if in.Mode == "" {
		in.Mode = "in_person"
	}
}

// DefaultSessionStatus is the status a new session gets when none is chosen: "held"
// when it is dated today or earlier (a stall being captured has happened), "planned"
// when it is dated later or its date is not a real date. today is YYYY-MM-DD.
func DefaultSessionStatus(date, today string) string {
	if ValidDate(date) && date <= today {
		return "held"
	}
	return "planned"
}

// Validate normalizes the input and returns an EINVALID error listing every problem,
// with messages in the NHS.UK error-message style.
func (in *SessionInput) Validate() error {
	in.Normalize()
	var p Problems
	if in.Title == "" {
		p.Add("title", "Enter a session title")
	}
	checkLen(&p, "title", "Session title", in.Title, MaxShortText)
	switch {
	case in.Date == "":
		p.Add("date", "Enter the date of the session")
	case !ValidDate(in.Date):
		p.Add("date", "Date of the session must be a real date")
	}
	if in.StartTime != "" && !ValidClock(in.StartTime) {
		p.Add("startTime", "Start time must be a real time, like 14:30")
	}
	if in.EndTime != "" && !ValidClock(in.EndTime) {
		p.Add("endTime", "End time must be a real time, like 16:00")
	}
	if !p.Has("startTime") && !p.Has("endTime") && in.StartTime != "" && in.EndTime != "" && in.EndTime <= in.StartTime {
		p.Add("endTime", "End time must be after the start time")
	}
	if in.Type == "" {
		p.Add("type", "Select the type of session")
	} else if !sessionTypeSet[in.Type] {
		p.Add("type", "Select a session type from the list")
	}
	if !sessionModeSet[in.Mode] {
		p.Add("mode", "Select in person, online or hybrid")
	}
	if in.Borough != "" && !boroughSet[in.Borough] {
		p.Add("borough", "Select a borough from the list")
	}
	if in.InvolvementLevel != "" && !levelSet[in.InvolvementLevel] {
		p.Add("involvementLevel", "Select an involvement level from the list")
	}
	if in.EngagementStage != "" && !stageSet[in.EngagementStage] {
		p.Add("engagementStage", "Select an engagement stage from the list")
	}
	if !sessionStatusSet[in.Status] {
		p.Add("status", "Select planned, held or written up")
	}
	checkCodes(&p, "standards", "UK Standard", in.Standards, standardSet)
	checkCodes(&p, "accessSupport", "kind of access support", in.AccessSupport, accessSet)
	switch {
	case len(in.QuestionSets) > MaxSessionSets:
		p.Add("questionSets", "A session asks "+itoa(MaxSessionSets)+" question sets or fewer")
	case !allUUIDs(in.QuestionSets):
		p.Add("questionSets", "Select question sets from the list")
	}
	if in.Attendees < 0 {
		p.Add("attendees", "Number of attendees must be 0 or more")
	} else if in.Attendees > 1_000_000 {
		p.Add("attendees", "Number of attendees must be 1,000,000 or fewer")
	}
	for _, f := range []struct{ field, label, v string }{
		{"venue", "Venue", in.Venue}, {"hostPartner", "Host partner", in.HostPartner},
		{"facilitators", "Facilitators", in.Facilitators}, {"lepsPresent", "Lived Experience Partners present", in.LEPsPresent},
	} {
		checkLen(&p, f.field, f.label, f.v, MaxShortText*5)
	}
	for _, f := range []struct{ field, label, v string }{
		{"targetGroups", "Target groups", in.TargetGroups}, {"purpose", "Purpose", in.Purpose},
		{"intendedOutcome", "Intended outcome", in.IntendedOutcome}, {"wentWell", "What went well", in.WentWell},
		{"toImprove", "What could be improved", in.ToImprove},
	} {
		checkLen(&p, f.field, f.label, f.v, MaxText)
	}
	return p.Err("session")
}

// ValidateNotes checks session notes.
func ValidateNotes(notes string) error {
	var p Problems
	checkLen(&p, "notes", "Session notes", notes, MaxNotes)
	return p.Err("notes")
}

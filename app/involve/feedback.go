package involve

// FeedbackInput is one piece of feedback as captured: a comment card, a conversation,
// a post-it… Demographics are optional and anonymous.
type FeedbackInput struct {
	SessionID     string   `json:"sessionId"`
	Text          string   `json:"text"`
	Rating        *int     `json:"rating"` // Friends and Family Test: 5 Very good … 1 Very poor, 0 Don't know, nil not given
	Themes        []string `json:"themes"` // theme ids
	Source        string   `json:"source"`
	QuoteConsent  bool     `json:"quoteConsent"`
	NeedsResponse bool     `json:"needsResponse"`
	AgeBand       string   `json:"ageBand"`
	EthnicGroup   string   `json:"ethnicGroup"`
	Borough       string   `json:"borough"`
	// Answered marks an item that carries answers to the session's question sets (a
	// Response): its comment may then be empty, when the questions did not ask for one.
	Answered bool `json:"answered"`
}

// Feedback is a stored feedback item.
type Feedback struct {
	Meta
	FeedbackInput
	CapturedBy string `json:"capturedBy"`
}

// Parent is the feedback item's session: it must be stored first.
func (f *Feedback) Parent() (string, string) { return EntitySession, f.SessionID }

// feedbackLabels name a feedback item's fields as the form does (kinds).
var feedbackLabels = map[string]string{"sessionId": "Session", "text": "Feedback", "rating": "Rating", "themes": "Themes", "source": "Source",
	"quoteConsent": "Consent to quote", "needsResponse": "Needs a response", "ageBand": "Age band", "ethnicGroup": "Ethnic group",
	"borough": "Borough", "capturedBy": "Captured by", "answered": "Has answers to questions"}

// Normalize trims text, tidies the theme list and fills the default source.
func (in *FeedbackInput) Normalize() {
	trimAll(&in.SessionID, &in.Source, &in.AgeBand, &in.EthnicGroup, &in.Borough)
	in.Text = trimText(in.Text)
	in.Themes = uniqueCodes(in.Themes)
	if in.Source == "" {
		in.Source = "comment_card"
	}
}

// trimText trims surrounding white space but keeps the inner line breaks people typed.
func trimText(s string) string {
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	return s[start:end]
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// Validate normalizes the input and returns an EINVALID error listing every problem.
// Whether the session and themes exist is checked by the store.
func (in *FeedbackInput) Validate() error {
	in.Normalize()
	var p Problems
	if in.SessionID == "" {
		p.Add("sessionId", "Select the session this feedback came from")
	}
	if in.Text == "" && !in.Answered {
		p.Add("text", "Enter the feedback")
	}
	checkLen(&p, "text", "Feedback", in.Text, MaxFeedback)
	if in.Rating != nil && (*in.Rating < 0 || *in.Rating > 5) {
		p.Add("rating", "Select a rating from Very good to Very poor, or Don't know")
	}
	if !sourceSet[in.Source] {
		p.Add("source", "Select where the feedback came from")
	}
	if in.AgeBand != "" && !ageBandSet[in.AgeBand] && !legacyAgeBandSet[in.AgeBand] {
		p.Add("ageBand", "Select an age band from the list")
	}
	if in.EthnicGroup != "" && !ethnicGroupSet[in.EthnicGroup] {
		p.Add("ethnicGroup", "Select an ethnic group from the list")
	}
	if in.Borough != "" && !boroughSet[in.Borough] {
		p.Add("borough", "Select a borough from the list")
	}
	if len(in.Themes) > 20 {
		p.Add("themes", "Select 20 themes or fewer")
	}
	return p.Err("feedback")
}

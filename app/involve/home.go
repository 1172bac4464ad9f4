package involve

// HomeCounts are the figures on the home screen.
type HomeCounts struct {
	Projects      int `json:"projects"`
	Sessions      int `json:"sessions"`
	Feedback      int `json:"feedback"`
	FeedbackToday int `json:"feedbackToday"`
	NeedsResponse int `json:"needsResponse"`
}

// Home is what the home screen shows.
type Home struct {
	Today  []SessionSummary `json:"today"`
	Recent []SessionSummary `json:"recent"`
	Counts HomeCounts       `json:"counts"`
}

// SearchResult is one hit of a full-text search.
type SearchResult struct {
	Kind      string  `json:"kind"` // "session", "feedback", "action" or "outcome"
	ID        string  `json:"id"`
	SessionID string  `json:"sessionId"` // a session's own id, a feedback item's session, an action's ("" if none)
	ProjectID string  `json:"projectId"` // an outcome's project, an action's ("" if none); "" for the others
	Title     string  `json:"title"`     // a session's title (a feedback item's session's); an action's or outcome's short title
	Field     string  `json:"field"`     // which text of an action or outcome matched ("We did"); "" for the others
	Snippet   string  `json:"snippet"`   // HTML-escaped text with <mark> around matches
	Date      string  `json:"date"`
	Rank      float64 `json:"rank"`
}

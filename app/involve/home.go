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
	Kind      string  `json:"kind"` // "session" or "feedback"
	ID        string  `json:"id"`
	SessionID string  `json:"sessionId"`
	Title     string  `json:"title"`
	Snippet   string  `json:"snippet"` // HTML-escaped text with <mark> around matches
	Date      string  `json:"date"`
	Rank      float64 `json:"rank"`
}

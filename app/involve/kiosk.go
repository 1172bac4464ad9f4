package involve

import (
	"unicode/utf8"
)

// SourceKiosk is the feedback source of everything left on the public kiosk.
const SourceKiosk = "kiosk"

// PIN lengths for leaving kiosk mode.
const (
	MinKioskPIN = 4
	MaxKioskPIN = 8
)

// ValidateKioskPIN checks a staff PIN: 4 to 8 digits (0–9 only).
func ValidateKioskPIN(pin string) error {
	var p Problems
	switch {
	case pin == "":
		p.Add("pin", "Enter a PIN of 4 to 8 numbers")
	case !allDigits(pin):
		p.Add("pin", "The PIN must be numbers only (0 to 9)")
	case len(pin) < MinKioskPIN || len(pin) > MaxKioskPIN:
		p.Add("pin", "The PIN must be 4 to 8 numbers long")
	}
	return p.Err("PIN")
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// KioskFeedbackInput is what a member of the public can give on the kiosk: a comment,
// an optional Friends and Family Test rating, optional themes and optional anonymous
// monitoring answers. The session, source and staff name are never theirs to choose.
type KioskFeedbackInput struct {
	Text        string   `json:"text"`
	Rating      *int     `json:"rating"` // 5 Very good … 1 Very poor, 0 Don't know, nil not given
	Themes      []string `json:"themes"` // theme ids from the live taxonomy
	AgeBand     string   `json:"ageBand"`
	EthnicGroup string   `json:"ethnicGroup"`
	Borough     string   `json:"borough"`
	// Responses are the answers to the session's question sets (at most one per set).
	// With answers, the comment is optional.
	Responses []ResponseInput `json:"responses"`
}

// Validate tidies the input and returns an EINVALID error whose messages are written
// for the public (the kiosk shows them in its own words by field; these are the
// fallback). activeThemes are the ids the kiosk offers.
func (in *KioskFeedbackInput) Validate(activeThemes map[string]bool) error {
	trimAll(&in.AgeBand, &in.EthnicGroup, &in.Borough)
	in.Text = trimText(in.Text)
	in.Themes = uniqueCodes(in.Themes)
	var p Problems
	if in.Text == "" && len(in.Responses) == 0 {
		p.Add("text", "Tell us about your experience")
	} else if utf8.RuneCountInString(in.Text) > MaxFeedback {
		p.Add("text", "Your comment is too long: please keep it to "+itoa(MaxFeedback)+" characters or fewer")
	}
	if in.Rating != nil && (*in.Rating < 0 || *in.Rating > 5) {
		p.Add("rating", "Choose one of the answers about your experience, or leave it blank")
	}
	for _, t := range in.Themes {
		if !activeThemes[t] {
			p.Add("themes", "Choose topics from the list")
			break
		}
	}
	if in.AgeBand != "" && !ageBandSet[in.AgeBand] {
		p.Add("ageBand", "Choose an age group from the list")
	}
	if in.EthnicGroup != "" && !ethnicGroupSet[in.EthnicGroup] {
		p.Add("ethnicGroup", "Choose an ethnic group from the list")
	}
	if in.Borough != "" && !boroughSet[in.Borough] {
		p.Add("borough", "Choose where you live from the list")
	}
	return p.Err("your feedback")
}

// FeedbackInput makes the feedback item stored for a kiosk submission in session
// sessionID: source kiosk, no quote consent, no follow-up flag.
func (in KioskFeedbackInput) FeedbackInput(sessionID string) FeedbackInput {
	return FeedbackInput{SessionID: sessionID, Text: in.Text, Rating: in.Rating, Themes: in.Themes, Source: SourceKiosk,
		AgeBand: in.AgeBand, EthnicGroup: in.EthnicGroup, Borough: in.Borough, Answered: len(in.Responses) > 0}
}

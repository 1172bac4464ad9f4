package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
)

// A session's own questions (issue 15): question sets, their translations and the
// kiosk's own words in other languages, and the answers captured with feedback.

// QuestionSetSummary is a question set as the list shows it: its newest version.
type QuestionSetSummary struct {
	FamilyID      string         `json:"familyId"`
	ID            string         `json:"id"` // the newest version's id
	Version       int            `json:"version"`
	Name          string         `json:"name"`
	Purpose       string         `json:"purpose"`
	Questions     int            `json:"questions"`
	Responses     int            `json:"responses"` // live responses to every version
	Languages     []LanguageInfo `json:"languages"` // translations of the newest version
	Archived      bool           `json:"archived"`
	UpdatedAt     string         `json:"updatedAt"`
	SessionsUsing int            `json:"sessionsUsing"`
}

// LanguageInfo names a translation's language.
type LanguageInfo struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	RTL      bool   `json:"rtl"`
	Reviewed bool   `json:"reviewed"`
}

// QuestionSetVersion is one version of a set, as the set's page lists them.
type QuestionSetVersion struct {
	ID        string `json:"id"`
	Version   int    `json:"version"`
	Responses int    `json:"responses"`
	CreatedAt string `json:"createdAt"`
}

// QuestionSetView is one version of a set with what its page shows.
type QuestionSetView struct {
	Set involve.QuestionSet `json:"set"`
	// Answered: the version has answers, so saving a change makes a new version.
	Answered bool `json:"answered"`
	// Newest: this is the newest version (older ones are read-only).
	Newest       bool                  `json:"newest"`
	Versions     []QuestionSetVersion  `json:"versions"`     // every version, oldest first
	Translations []involve.Translation `json:"translations"` // the newest of each language
}

// QuestionSetSaved answers SaveQuestionSet.
type QuestionSetSaved struct {
	Set involve.QuestionSet `json:"set"`
	// NewVersion: the edited version had answers, so the change became a new version.
	NewVersion bool `json:"newVersion"`
}

// AskedSet is a question set as a form asks it: the newest version and its
// translations.
type AskedSet struct {
	Set          involve.QuestionSet   `json:"set"`
	Translations []involve.Translation `json:"translations"`
}

// SessionQuestions is what a session asks: the Friends and Family Test rating (unless
// NoFFT) and its question sets, in order.
type SessionQuestions struct {
	SessionID string     `json:"sessionId"`
	FFT       bool       `json:"fft"`
	Sets      []AskedSet `json:"sets"`
}

// ListQuestionSets lists the team's question sets (the newest version of each),
// archived ones too when asked.
func (a *App) ListQuestionSets(includeArchived bool) ([]QuestionSetSummary, error) {
	return nil, errNotBuilt
}

// GetQuestionSet returns one version of a set, its versions and its translations.
func (a *App) GetQuestionSet(id string) (QuestionSetView, error) {
	return QuestionSetView{}, errNotBuilt
}

// StarterQuestionSets returns the templates Involve ships, to start a set from.
func (a *App) StarterQuestionSets() ([]involve.QuestionSet, error) {
	return nil, errNotBuilt
}

// CreateQuestionSet stores a new set (version 1), from scratch or a starter's copy.
func (a *App) CreateQuestionSet(in involve.QuestionSet) (involve.QuestionSet, error) {
	return involve.QuestionSet{}, errNotBuilt
}

// SaveQuestionSet saves an edit of a version: in place when it has no answers,
// otherwise as a new version (loaded is the set as the form received it).
func (a *App) SaveQuestionSet(id string, loaded, edited involve.QuestionSet) (QuestionSetSaved, error) {
	return QuestionSetSaved{}, errNotBuilt
}

// SetQuestionSetArchived archives a set (its newest version) or brings it back.
func (a *App) SetQuestionSetArchived(id string, archived bool) (involve.QuestionSet, error) {
	return involve.QuestionSet{}, errNotBuilt
}

// SaveTranslation saves a translation of a set version (Of: its id) or of the kiosk's
// words (Of: "kiosk"): the newest record of that language is updated, or one made.
func (a *App) SaveTranslation(in involve.Translation) (involve.Translation, error) {
	return involve.Translation{}, errNotBuilt
}

// DeleteTranslation deletes a translation.
func (a *App) DeleteTranslation(id string) error {
	return errNotBuilt
}

// ListKioskWords returns the kiosk's own words in the languages added as data (the
// newest record of each); English and Spanish ship with the app.
func (a *App) ListKioskWords() ([]involve.Translation, error) {
	return nil, errNotBuilt
}

// GetSessionQuestions returns what a session asks, for quick capture.
func (a *App) GetSessionQuestions(sessionID string) (SessionQuestions, error) {
	return SessionQuestions{}, errNotBuilt
}

// CreateFeedbackWithAnswers stores a feedback item and its answers to the session's
// question sets in one transaction (quick capture). The item's Answered is set when
// there are answers.
func (a *App) CreateFeedbackWithAnswers(in involve.FeedbackInput, responses []involve.ResponseInput) (involve.Feedback, error) {
	return involve.Feedback{}, errNotBuilt
}

// ListFeedbackAnswers returns a feedback item's responses (its page shows them).
func (a *App) ListFeedbackAnswers(feedbackID string) ([]involve.Response, error) {
	return nil, errNotBuilt
}

var errNotBuilt = involve.Errorf(involve.EINTERNAL, "Not built yet.")

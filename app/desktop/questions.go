package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
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
	return read(a, func(db *store.DB) ([]QuestionSetSummary, error) {
		list, err := db.ListQuestionSets(a.ctx, includeArchived)
		out := make([]QuestionSetSummary, 0, len(list))
		for _, x := range list {
			s := x.Set
			out = append(out, QuestionSetSummary{FamilyID: s.Family(), ID: s.ID, Version: s.Version, Name: s.Name,
				Purpose: s.Purpose, Questions: len(s.Questions), Responses: x.Responses, Languages: languages(x.Translations),
				Archived: s.Archived, UpdatedAt: s.UpdatedAt, SessionsUsing: x.SessionsUsing})
		}
		return out, err
	})
}

// languages names the languages of translations.
func languages(ts []*involve.Translation) []LanguageInfo {
	out := make([]LanguageInfo, 0, len(ts))
	for _, t := range ts {
		out = append(out, LanguageInfo{Code: t.Language, Name: t.LanguageName, RTL: t.RTL(), Reviewed: t.Reviewed})
	}
	return out
}

// translations copies translations for the screen.
func translations(ts []*involve.Translation) []involve.Translation {
	out := make([]involve.Translation, 0, len(ts))
	for _, t := range ts {
		out = append(out, *t)
	}
	return out
}

func questionSetID(s involve.QuestionSet) string { return s.ID }
func translationID(t involve.Translation) string { return t.ID }
func savedSetID(s QuestionSetSaved) string       { return s.Set.ID }

// GetQuestionSet returns one version of a set, its versions and its translations.
func (a *App) GetQuestionSet(id string) (QuestionSetView, error) {
	return read(a, func(db *store.DB) (QuestionSetView, error) {
		v, err := db.GetQuestionSet(a.ctx, id)
		if err != nil {
			return QuestionSetView{}, err
		}
		out := QuestionSetView{Set: *v.Set, Answered: v.Answered, Newest: v.Newest,
			Versions: make([]QuestionSetVersion, 0, len(v.Versions)), Translations: translations(v.Translations)}
		for _, x := range v.Versions {
			out.Versions = append(out.Versions, QuestionSetVersion(x))
		}
		return out, nil
	})
}

// StarterQuestionSets returns the templates Involve ships, to start a set from.
func (a *App) StarterQuestionSets() ([]involve.QuestionSet, error) {
	return read(a, func(*store.DB) ([]involve.QuestionSet, error) { return involve.StarterSets(), nil })
}

// CreateQuestionSet stores a new set (version 1), from scratch or a starter's copy.
func (a *App) CreateQuestionSet(in involve.QuestionSet) (involve.QuestionSet, error) {
	return write(a, involve.EntityQuestionSet, questionSetID, func(db *store.DB) (involve.QuestionSet, error) {
		s, err := db.CreateQuestionSet(a.ctx, &in)
		if err != nil {
			return involve.QuestionSet{}, err
		}
		return *s, nil
	})
}

// SaveQuestionSet saves an edit of a version: in place when it has no answers,
// otherwise as a new version (loaded is the set as the form received it).
func (a *App) SaveQuestionSet(id string, loaded, edited involve.QuestionSet) (QuestionSetSaved, error) {
	return write(a, involve.EntityQuestionSet, savedSetID, func(db *store.DB) (QuestionSetSaved, error) {
		var l *involve.QuestionSet
		if loaded.ID != "" || loaded.Name != "" || len(loaded.Questions) > 0 {
			l = &loaded
		}
		s, nv, err := db.SaveQuestionSet(a.ctx, id, l, &edited)
		if err != nil {
			return QuestionSetSaved{}, err
		}
		return QuestionSetSaved{Set: *s, NewVersion: nv}, nil
	})
}

// SetQuestionSetArchived archives a set (its newest version) or brings it back.
func (a *App) SetQuestionSetArchived(id string, archived bool) (involve.QuestionSet, error) {
	return write(a, involve.EntityQuestionSet, questionSetID, func(db *store.DB) (involve.QuestionSet, error) {
		s, err := db.SetQuestionSetArchived(a.ctx, id, archived)
		if err != nil {
			return involve.QuestionSet{}, err
		}
		return *s, nil
	})
}

// SaveTranslation saves a translation of a set version (Of: its id) or of the kiosk's
// words (Of: "kiosk") or of an action's words (Of: "action:<id>"): the newest record
// of that language is updated, or one made.
func (a *App) SaveTranslation(in involve.Translation) (involve.Translation, error) {
	return write(a, involve.EntityTranslation, translationID, func(db *store.DB) (involve.Translation, error) {
		t, err := db.SaveTranslation(a.ctx, &in)
		if err != nil {
			return involve.Translation{}, err
		}
		return *t, nil
	})
}

// ListActionTranslations returns the newest translation of an action's "you said"
// and "we did" in each language (saved with SaveTranslation, Of involve.ActionOf).
func (a *App) ListActionTranslations(actionID string) ([]involve.Translation, error) {
	return read(a, func(db *store.DB) ([]involve.Translation, error) {
		ts, err := db.ListActionTranslations(a.ctx, actionID)
		if err != nil {
			return nil, err
		}
		return translations(ts), nil
	})
}

// DeleteTranslation deletes a translation.
func (a *App) DeleteTranslation(id string) error {
	_, err := write(a, involve.EntityTranslation, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteTranslation(a.ctx, id)
	})
	return err
}

// ListKioskWords returns the kiosk's own words in the languages added as data (the
// newest record of each); English and Spanish ship with the app.
func (a *App) ListKioskWords() ([]involve.Translation, error) {
	return read(a, func(db *store.DB) ([]involve.Translation, error) {
		ts, err := db.ListKioskWords(a.ctx)
		return translations(ts), err
	})
}

// sessionQuestions is what the store says a session asks, for the screens.
func sessionQuestions(q store.SessionQuestions) SessionQuestions {
	out := SessionQuestions{SessionID: q.SessionID, FFT: q.FFT, Sets: make([]AskedSet, 0, len(q.Sets))}
	for _, s := range q.Sets {
		out.Sets = append(out.Sets, AskedSet{Set: *s.Set, Translations: translations(s.Translations)})
	}
	return out
}

// GetSessionQuestions returns what a session asks, for quick capture.
func (a *App) GetSessionQuestions(sessionID string) (SessionQuestions, error) {
	return read(a, func(db *store.DB) (SessionQuestions, error) {
		q, err := db.GetSessionQuestions(a.ctx, sessionID)
		return sessionQuestions(q), err
	})
}

// CreateFeedbackWithAnswers stores a feedback item and its answers to the session's
// question sets in one transaction (quick capture). The item's Answered is set when
// there are answers.
func (a *App) CreateFeedbackWithAnswers(in involve.FeedbackInput, responses []involve.ResponseInput) (involve.Feedback, error) {
	db, err := a.store()
	if err != nil {
		return involve.Feedback{}, err
	}
	f, rs, err := db.CreateFeedbackWithAnswers(a.ctx, in, responses)
	if err != nil {
		return involve.Feedback{}, err
	}
	a.answersChanged(f, rs)
	return emptyLists(f, nil)
}

// answersChanged announces a feedback item stored with its answers (data:changed).
func (a *App) answersChanged(f involve.Feedback, rs []*involve.Response) {
	a.changed(involve.EntityFeedback, f.ID)
	for _, r := range rs {
		a.changed(involve.EntityResponse, r.ID)
	}
}

// ListFeedbackAnswers returns a feedback item's responses (its page shows them).
func (a *App) ListFeedbackAnswers(feedbackID string) ([]involve.Response, error) {
	return read(a, func(db *store.DB) ([]involve.Response, error) {
		rs, err := db.ListFeedbackAnswers(a.ctx, feedbackID)
		out := make([]involve.Response, 0, len(rs))
		for _, r := range rs {
			out = append(out, *r)
		}
		return out, err
	})
}

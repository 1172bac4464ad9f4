package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// read runs a query against the open store (its lists [] when empty, never null).
func read[T any](a *App, fn func(db *store.DB) (T, error)) (T, error) {
	db, err := a.store()
	if err != nil {
		var zero T
		return zero, err
	}
	return emptyLists(fn(db))
}

// write runs a change against the open store and announces it (data:changed).
func write[T any](a *App, entity string, id func(T) string, fn func(db *store.DB) (T, error)) (T, error) {
	v, err := read(a, fn)
	if err == nil {
		a.changed(entity, id(v))
	}
	return v, err
}

func themeID(t involve.Theme) string       { return t.ID }
func projectID(p involve.Project) string   { return p.ID }
func sessionID(s involve.Session) string   { return s.ID }
func feedbackID(f involve.Feedback) string { return f.ID }

// ListThemes returns the feedback taxonomy.
func (a *App) ListThemes(includeArchived bool) ([]involve.Theme, error) {
	return read(a, func(db *store.DB) ([]involve.Theme, error) { return db.FindThemes(a.ctx, includeArchived) })
}

// CreateTheme adds a theme.
func (a *App) CreateTheme(label string) (involve.Theme, error) {
	return write(a, involve.EntityTheme, themeID, func(db *store.DB) (involve.Theme, error) { return db.CreateTheme(a.ctx, label) })
}

// RenameTheme relabels a theme.
func (a *App) RenameTheme(id, label string) (involve.Theme, error) {
	return write(a, involve.EntityTheme, themeID, func(db *store.DB) (involve.Theme, error) { return db.RenameTheme(a.ctx, id, label) })
}

// SetThemeArchived archives or restores a theme.
func (a *App) SetThemeArchived(id string, archived bool) (involve.Theme, error) {
	return write(a, involve.EntityTheme, themeID, func(db *store.DB) (involve.Theme, error) {
		return db.SetThemeArchived(a.ctx, id, archived)
	})
}

// ListProjects lists projects by name.
func (a *App) ListProjects() ([]involve.Project, error) {
	return read(a, func(db *store.DB) ([]involve.Project, error) { return db.FindProjects(a.ctx) })
}

// GetProject returns one project.
func (a *App) GetProject(id string) (involve.Project, error) {
	return read(a, func(db *store.DB) (involve.Project, error) { return db.FindProjectByID(a.ctx, id) })
}

// CreateProject stores a new project.
func (a *App) CreateProject(in involve.ProjectInput) (involve.Project, error) {
	return write(a, involve.EntityProject, projectID, func(db *store.DB) (involve.Project, error) { return db.CreateProject(a.ctx, in) })
}

// UpdateProject saves a project's edit form: loaded is the input as the form
// received it, edited what the person saved; only the fields they changed are written.
func (a *App) UpdateProject(id string, loaded, edited involve.ProjectInput) (involve.Project, error) {
	return write(a, involve.EntityProject, projectID, func(db *store.DB) (involve.Project, error) {
		return db.UpdateProject(a.ctx, id, loaded, edited)
	})
}

// ListSessions lists sessions, newest first.
func (a *App) ListSessions(f involve.SessionFilter) ([]involve.SessionSummary, error) {
	return read(a, func(db *store.DB) ([]involve.SessionSummary, error) { return db.FindSessions(a.ctx, f) })
}

// GetSession returns one session with its notes.
func (a *App) GetSession(id string) (involve.Session, error) {
	return read(a, func(db *store.DB) (involve.Session, error) { return db.FindSessionByID(a.ctx, id) })
}

// CreateSession stores a new session.
func (a *App) CreateSession(in involve.SessionInput) (involve.Session, error) {
	return write(a, involve.EntitySession, sessionID, func(db *store.DB) (involve.Session, error) { return db.CreateSession(a.ctx, in) })
}

// UpdateSession saves a session's edit form: loaded is the input as the form
// received it, edited what the person saved; only the fields they changed are written.
func (a *App) UpdateSession(id string, loaded, edited involve.SessionInput) (involve.Session, error) {
	return write(a, involve.EntitySession, sessionID, func(db *store.DB) (involve.Session, error) {
		return db.UpdateSession(a.ctx, id, loaded, edited)
	})
}

// SaveSessionNotes autosaves a session's notes. It emits no event: the editor that
// saved them already shows them, and a refresh per pause in typing helps nobody.
func (a *App) SaveSessionNotes(id, notes string) (involve.NotesSaved, error) {
	return read(a, func(db *store.DB) (involve.NotesSaved, error) { return db.SaveSessionNotes(a.ctx, id, notes) })
}

// DeleteSession soft-deletes a session (undo with RestoreSession).
func (a *App) DeleteSession(id string) error {
	_, err := write(a, involve.EntitySession, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteSession(a.ctx, id)
	})
	return err
}

// RestoreSession undoes DeleteSession.
func (a *App) RestoreSession(id string) (involve.Session, error) {
	return write(a, involve.EntitySession, sessionID, func(db *store.DB) (involve.Session, error) { return db.RestoreSession(a.ctx, id) })
}

// ListFeedback lists a session's feedback, newest first.
func (a *App) ListFeedback(sessionID string) ([]involve.Feedback, error) {
	return read(a, func(db *store.DB) ([]involve.Feedback, error) { return db.FindFeedback(a.ctx, sessionID) })
}

// CreateFeedback durably stores one feedback item.
func (a *App) CreateFeedback(in involve.FeedbackInput) (involve.Feedback, error) {
	return write(a, involve.EntityFeedback, feedbackID, func(db *store.DB) (involve.Feedback, error) { return db.CreateFeedback(a.ctx, in) })
}

// UpdateFeedback saves a feedback item's edit form: loaded is the input as the form
// received it, edited what the person saved; only the fields they changed are written.
func (a *App) UpdateFeedback(id string, loaded, edited involve.FeedbackInput) (involve.Feedback, error) {
	return write(a, involve.EntityFeedback, feedbackID, func(db *store.DB) (involve.Feedback, error) {
		return db.UpdateFeedback(a.ctx, id, loaded, edited)
	})
}

// DeleteFeedback soft-deletes a feedback item (undo with RestoreFeedback).
func (a *App) DeleteFeedback(id string) error {
	_, err := write(a, involve.EntityFeedback, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteFeedback(a.ctx, id)
	})
	return err
}

// RestoreFeedback undoes DeleteFeedback.
func (a *App) RestoreFeedback(id string) (involve.Feedback, error) {
	return write(a, involve.EntityFeedback, feedbackID, func(db *store.DB) (involve.Feedback, error) {
		return db.RestoreFeedback(a.ctx, id)
	})
}

// GetHome returns the home screen's sessions and counts.
func (a *App) GetHome() (involve.Home, error) {
	return read(a, func(db *store.DB) (involve.Home, error) { return db.Home(a.ctx) })
}

// SearchAnswer is what the search screen shows for a query: the hits, best first, and
// the query with its misspelt words corrected ("Did you mean …?"), "" when none is.
type SearchAnswer struct {
	Results    []involve.SearchResult `json:"results"`
	DidYouMean string                 `json:"didYouMean"`
	// NotYetSearchable is how many records are stored but not yet in the search index
	// (a large import or a first pull, being indexed in the background: store.SearchBacklog):
	// the screen says so while it is more than 0, as the results may miss them.
	NotYetSearchable int `json:"notYetSearchable"`
}

// Search finds sessions, feedback, actions and outcomes by words (prefixes, accents
// ignored), and suggests a spelling for a word the records do not have (or have only
// once or twice) from the words they do (store.SuggestSearch).
func (a *App) Search(query string, limit int) (SearchAnswer, error) {
	return read(a, func(db *store.DB) (SearchAnswer, error) {
		res, err := db.Search(a.ctx, query, limit)
		if err != nil {
			return SearchAnswer{}, err
		}
		dym, err := db.SuggestSearch(a.ctx, query)
		if err != nil {
			return SearchAnswer{}, err
		}
		pending, err := db.SearchBacklog(a.ctx)
		if err != nil {
			return SearchAnswer{}, err
		}
		return SearchAnswer{Results: res, DidYouMean: dym, NotYetSearchable: pending}, nil
	})
}

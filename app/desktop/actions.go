package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// "You said, we did" actions, outcomes and the GRIPP2 write-up.

func actionViewID(v involve.ActionView) string { return v.ID }
func outcomeID(o involve.Outcome) string       { return o.ID }

// CreateAction stores a new action, typically from feedback items chosen on a session
// page (feedbackIds): its session and project are filled in from them when not given.
// "You said" is required here as on every form: the store's filling of an empty one
// from the feedback's text is not used, so a form left empty is refused with the
// error summary, not saved with words the person did not choose.
func (a *App) CreateAction(in involve.Action) (involve.ActionView, error) {
	if err := in.Validate(); err != nil {
		return involve.ActionView{}, err
	}
	return write(a, involve.EntityAction, actionViewID, func(db *store.DB) (involve.ActionView, error) {
		saved, err := db.CreateAction(a.ctx, &in)
		if err != nil {
			return involve.ActionView{}, err
		}
		return db.FindAction(a.ctx, saved.ID)
	})
}

// GetAction returns one action with the feedback it answers.
func (a *App) GetAction(id string) (involve.ActionView, error) {
	return read(a, func(db *store.DB) (involve.ActionView, error) { return db.FindAction(a.ctx, id) })
}

// UpdateAction saves an action's edit form: loaded is the action as the form received
// it, edited what the person saved; only the fields they changed are written.
func (a *App) UpdateAction(id string, loaded, edited involve.Action) (involve.ActionView, error) {
	return write(a, involve.EntityAction, actionViewID, func(db *store.DB) (involve.ActionView, error) {
		if _, err := db.UpdateAction(a.ctx, id, &loaded, &edited); err != nil {
			return involve.ActionView{}, err
		}
		return db.FindAction(a.ctx, id)
	})
}

// DeleteAction soft-deletes an action (undo with RestoreAction).
func (a *App) DeleteAction(id string) error {
	_, err := write(a, involve.EntityAction, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteDoc(a.ctx, involve.EntityAction, id)
	})
	return err
}

// RestoreAction undoes DeleteAction.
func (a *App) RestoreAction(id string) (involve.ActionView, error) {
	return write(a, involve.EntityAction, actionViewID, func(db *store.DB) (involve.ActionView, error) {
		if _, err := db.RestoreDoc(a.ctx, involve.EntityAction, id); err != nil {
			return involve.ActionView{}, err
		}
		return db.FindAction(a.ctx, id)
	})
}

// ListActions lists actions by status, project, session or feedback item ("" = any),
// oldest first.
func (a *App) ListActions(f involve.ActionFilter) ([]involve.ActionView, error) {
	return read(a, func(db *store.DB) ([]involve.ActionView, error) { return db.FindActions(a.ctx, f) })
}

// GetActionsBoard returns the actions board: a column per status (overdue actions
// first) and the feedback marked "needs response" that no action answers yet.
// projectID "" = every project.
func (a *App) GetActionsBoard(projectID string) (involve.ActionsBoard, error) {
	return read(a, func(db *store.DB) (involve.ActionsBoard, error) { return db.ActionsBoard(a.ctx, projectID) })
}

// CreateOutcome stores a new outcome of a project.
func (a *App) CreateOutcome(in involve.Outcome) (involve.Outcome, error) {
	return write(a, involve.EntityOutcome, outcomeID, func(db *store.DB) (involve.Outcome, error) {
		o, err := db.CreateOutcome(a.ctx, &in)
		if err != nil {
			return involve.Outcome{}, err
		}
		return *o, nil
	})
}

// UpdateOutcome saves an outcome's edit form (only the fields the person changed).
func (a *App) UpdateOutcome(id string, loaded, edited involve.Outcome) (involve.Outcome, error) {
	return write(a, involve.EntityOutcome, outcomeID, func(db *store.DB) (involve.Outcome, error) {
		o, err := db.UpdateOutcome(a.ctx, id, &loaded, &edited)
		if err != nil {
			return involve.Outcome{}, err
		}
		return *o, nil
	})
}

// DeleteOutcome soft-deletes an outcome (undo with RestoreOutcome).
func (a *App) DeleteOutcome(id string) error {
	_, err := write(a, involve.EntityOutcome, func(string) string { return id }, func(db *store.DB) (string, error) {
		return id, db.DeleteDoc(a.ctx, involve.EntityOutcome, id)
	})
	return err
}

// RestoreOutcome undoes DeleteOutcome.
func (a *App) RestoreOutcome(id string) (involve.Outcome, error) {
	return write(a, involve.EntityOutcome, outcomeID, func(db *store.DB) (involve.Outcome, error) {
		d, err := db.RestoreDoc(a.ctx, involve.EntityOutcome, id)
		if err != nil {
			return involve.Outcome{}, err
		}
		return *d.(*involve.Outcome), nil
	})
}

// ListOutcomes lists a project's outcomes by date.
func (a *App) ListOutcomes(projectID string) ([]involve.Outcome, error) {
	return read(a, func(db *store.DB) ([]involve.Outcome, error) {
		list, err := db.FindOutcomes(a.ctx, projectID)
		if err != nil {
			return nil, err
		}
		out := make([]involve.Outcome, 0, len(list))
		for _, o := range list {
			out = append(out, *o)
		}
		return out, nil
	})
}

// GetProjectWriteUp returns a project's GRIPP2 short form, assembled from its aim,
// sessions, actions and outcomes.
func (a *App) GetProjectWriteUp(projectID string) (involve.WriteUp, error) {
	return read(a, func(db *store.DB) (involve.WriteUp, error) { return db.ProjectWriteUp(a.ctx, projectID) })
}

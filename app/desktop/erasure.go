package desktop

import (
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// "Erase this person" and "Erase this comment" (a lead's laptop; docs/privacy.md): the
// confirmation page shows what will be destroyed and what kept (PreviewErasure), then
// the lead erases. The store does the work (store.Erase: the records, the search
// index, the outbox and every local backup); these methods only announce the change.

// PreviewErasure says what erasing a Lived Experience Partner (entity "contributor")
// or a feedback item ("feedback") would destroy and keep, and how many local backups
// would be rewritten. ENOTFOUND for an unknown record, EERASED when already erased,
// EFORBIDDEN on a laptop that is not a lead's.
func (a *App) PreviewErasure(entity, id string) (involve.ErasureSummary, error) {
	return read(a, func(db *store.DB) (involve.ErasureSummary, error) { return db.PreviewErasure(a.ctx, entity, id) })
}

// EraseContributor erases a Lived Experience Partner: they become "Erased contributor
// N" on every laptop and on the server. requestID names the erasure request in the
// register it answers ("" for none).
func (a *App) EraseContributor(id, requestID string) (involve.ErasureResult, error) {
	return a.erase(involve.EntityContributor, id, requestID)
}

// EraseFeedback erases a feedback item's words everywhere.
func (a *App) EraseFeedback(id string) (involve.ErasureResult, error) {
	return a.erase(involve.EntityFeedback, id, "")
}

func (a *App) erase(entity, id, requestID string) (involve.ErasureResult, error) {
	res, err := read(a, func(db *store.DB) (involve.ErasureResult, error) { return db.Erase(a.ctx, entity, id, requestID) })
	if err == nil {
		a.changed(entity, id)
	}
	return res, err
}

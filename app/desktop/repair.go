package desktop

import (
	"context"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// "Check this laptop's data" (Settings) and the search index's repair, as `involve
// check` and `involve check --repair` do them: the same checks, and the one repair
// that loses nothing (the search index is rebuilt from the records). A damaged search
// index found at start is offered for repair on the damaged screen too
// (StartupState.Repairable).

// DataCheck is what a check of the database found. SearchIndexDamaged: the search
// index is damaged and RepairSearchIndex rebuilds it; any other damage needs a backup.
type DataCheck struct {
	OK                 bool   `json:"ok"`
	SearchIndexDamaged bool   `json:"searchIndexDamaged"`
	Message            string `json:"message"` // in plain words
	Details            string `json:"details"` // what the check said ("" when OK)
	CheckedAt          string `json:"checkedAt"`
}

const (
	msgCheckOK       = "Your data passed every check. Nothing needs doing."
	msgCheckSearch   = "The search index is damaged, so search may miss records. It is made from your records and can be rebuilt: nothing is lost."
	msgCheckRestore  = "Your data file is damaged. Do not delete anything: close Involve and ask for help, or restore a backup (see the user guide)."
	msgRepairedOK    = "The search index was rebuilt. Your data now passes every check."
	msgRepairedStill = "The search index was rebuilt, but your data file is still damaged. Do not delete anything: restore a backup or ask for help."
)

// check runs `involve check`'s checks on the open database.
func (a *App) check(ctx context.Context, db *store.DB) DataCheck {
	now := involve.FormatTime(db.Now())
	err := store.CheckFile(ctx, db.Path())
	if err == nil {
		return DataCheck{OK: true, Message: msgCheckOK, CheckedAt: now}
	}
	out := DataCheck{Message: msgCheckRestore, Details: err.Error(), CheckedAt: now}
	if damaged, serr := db.SearchIndexDamaged(ctx); serr != nil {
		a.log.Printf("search index check: %v", serr)
	} else if damaged {
		out.SearchIndexDamaged, out.Message = true, msgCheckSearch
	}
	return out
}

// CheckData checks this laptop's database as `involve check` does: SQLite's
// integrity check, and that it holds only what Involve's migrations create.
func (a *App) CheckData() (DataCheck, error) {
	db, err := a.store()
	if err != nil {
		return DataCheck{}, err
	}
	return a.check(a.ctx, db), nil
}

// RepairSearchIndex rebuilds the search index from the records (`involve check
// --repair`) and checks the database again. It works from Settings and from the
// damaged screen (a database damaged only in its search index is usable again after
// it); not while kiosk mode is on.
func (a *App) RepairSearchIndex() (DataCheck, error) {
	if err := a.refuseInKiosk(); err != nil {
		return DataCheck{}, err
	}
	a.mu.RLock()
	db, status := a.db, a.state.Status
	a.mu.RUnlock()
	if db == nil || status == StatusLocked {
		return DataCheck{}, involve.Errorf(involve.EUNAVAILABLE,
			"Involve cannot open its data file, so the search index cannot be rebuilt. Restore a backup or ask for help.")
	}
	a.stopSync() // nothing else writes while the index is rebuilt
	defer a.startSync()
	if err := db.RebuildSearchIndex(a.ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return DataCheck{}, err
		}
		a.log.Printf("rebuild search index: %v", err)
		return DataCheck{}, involve.Errorf(involve.EUNAVAILABLE,
			"The search index could not be rebuilt (%v). Nothing else was changed. Restore a backup or ask for help.", err)
	}
	res := a.check(a.ctx, db)
	if !res.OK {
		res.Message = msgRepairedStill
		return res, nil
	}
	res.Message = msgRepairedOK
	a.mu.Lock()
	if a.db == db && a.state.Status == StatusDamaged {
		a.state = StartupState{Status: StatusOK, DataDir: a.dataDir, Backups: []store.BackupInfo{}}
	}
	a.mu.Unlock()
	return res, nil
}

// Package desktop is the only Wails-bound code: a thin façade whose exported, verb-first
// methods take and return plain DTOs (the domain types of package involve) and errors.
// Everything real happens in the domain, store and sync packages; events and quitting
// go through the Runtime interface so tests never touch the Wails runtime.
package desktop

import (
	"context"
	"errors"
	"log"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

// Runtime is what the façade needs from the desktop shell.
type Runtime interface {
	Emit(name string, data ...any)
	Quit()
}

// Startup states.
const (
	StatusOK      = "ok"
	StatusLocked  = "locked"
	StatusDamaged = "damaged"
)

// StartupState tells the UI whether it can work, and if not why, in plain words.
type StartupState struct {
	Status  string             `json:"status"`
	Message string             `json:"message"`
	DataDir string             `json:"dataDir"`
	Backups []store.BackupInfo `json:"backups"`
	// Kiosk is true on a damaged database while kiosk mode is on: the window shows only
	// "needs attention from staff" (Message), with no folder or backups.
	Kiosk bool `json:"kiosk"`
	// Repairable: the search index is damaged, which RepairSearchIndex mends without
	// losing anything (other damage may remain: it checks again).
	Repairable bool `json:"repairable"`
}

// AppInfo is shown on the About/Settings screen.
type AppInfo struct {
	Version          string `json:"version"`
	DataDir          string `json:"dataDir"`
	DBPath           string `json:"dbPath"`
	DeviceID         string `json:"deviceId"`
	UserName         string `json:"userName"`
	SchemaVersion    int    `json:"schemaVersion"`
	ReferenceVersion string `json:"referenceVersion"`
}

// Config wires an App.
type Config struct {
	Version string
	DataDir string
	// Open locks the data folder and opens the database when the window starts (not
	// before: `wails generate module` runs main without starting, and must not touch
	// anyone's data). It returns nil and a state saying why when it cannot.
	Open   func() (*store.DB, StartupState)
	Logger *log.Logger
	// LockParams are the Argon2id parameters for a new passphrase (default
	// lockbox.DefaultParams; tests use cheap ones).
	LockParams lockbox.Params
	// IntegrityCheckDelay postpones the background integrity check so that it never
	// competes with the first screen (default 2 s).
	IntegrityCheckDelay time.Duration
	// IdleUnit is how long one minute of the idle lock's setting lasts. Zero (or
	// anything outside a second to a minute) means a minute, or what the end-to-end
	// tests' hook says in a development build (lock_e2e.go). Go tests use a shorter one.
	IdleUnit time.Duration
}

// App is bound to the frontend.
type App struct {
	version string
	dataDir string
	log     *log.Logger

	mu    sync.RWMutex // guards db and state (a restore swaps them)
	db    *store.DB
	state StartupState
	// opened is closed once Startup has opened the data folder (or found why it
	// cannot): GetStartupState waits for it, as the page may ask before (Wails runs
	// OnStartup beside the window's loading).
	opened chan struct{}

	open   func() (*store.DB, StartupState)
	rt     Runtime
	ctx    context.Context
	cancel context.CancelFunc
	bg     sync.WaitGroup
	delay  time.Duration
	syncer syncRunner // background sync (sync.go)
	kiosk  kioskMode  // kiosk mode (kiosk.go)
	lock   appLock    // the app lock (lock.go)

	lockParams lockbox.Params // Argon2id parameters for new passphrases
}

// New makes the façade.
func New(cfg Config) *App {
	l := cfg.Logger
	if l == nil {
		l = log.Default()
	}
	d := cfg.IntegrityCheckDelay
	if d == 0 {
		d = 2 * time.Second
	}
	p := cfg.LockParams
	if p == (lockbox.Params{}) {
		p = lockbox.DefaultParams
	}
	return &App{version: cfg.Version, dataDir: cfg.DataDir, log: l, open: cfg.Open, delay: d, lockParams: p,
		state:  StartupState{Status: StatusDamaged, DataDir: cfg.DataDir, Message: "Involve has not started yet."},
		opened: make(chan struct{}),
		ctx:    context.Background(), lock: appLock{unit: idleUnitOf(cfg.IdleUnit, l.Printf)}}
}

// Startup is called once the window exists (Wails OnStartup). Lifecycle hooks are
// package functions, not methods, so that Wails does not bind them for the frontend.
func Startup(a *App, ctx context.Context, rt Runtime) {
	a.ctx, a.cancel = context.WithCancel(ctx)
	a.rt = rt
	if a.open != nil {
		db, st := a.open()
		st.DataDir = a.dataDir
		if st.Status == "" {
			st.Status = StatusOK
		}
		a.mu.Lock()
		a.db, a.state = db, st
		a.mu.Unlock()
		a.followKiosk(db, false)
		if db != nil {
			// a passphrase set: open locked (read now, so that the first screen knows)
			if _, err := a.lockState(db); err != nil {
				a.log.Printf("app lock: %v", err)
			}
		}
	}
	close(a.opened)
	a.bg.Add(1)
	go a.housekeeping()
	a.startSync()
}

// Shutdown stops background work and closes the store (Wails OnShutdown).
func Shutdown(a *App) {
	if a.cancel != nil {
		a.cancel()
	}
	a.stopSync()
	a.bg.Wait()
	a.lock.mu.Lock()
	a.lock.wipe() // the data key leaves memory (as far as Go allows)
	a.lock.mu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.db != nil {
		if err := a.db.Close(); err != nil {
			a.log.Printf("close database: %v", err)
		}
		a.db = nil
	}
}

// housekeeping checks the database's integrity soon after start, then makes the daily
// backup (checked again every hour) and tidies the search index once a minute.
func (a *App) housekeeping() {
	defer a.bg.Done()
	select {
	case <-a.ctx.Done():
		return
	case <-time.After(a.delay):
	}
	if err := a.checkIntegrity(); err != nil {
		return
	}
	hourly := time.NewTicker(time.Hour)
	defer hourly.Stop()
	merge := time.NewTicker(time.Minute)
	defer merge.Stop()
	index := time.NewTicker(searchIndexEvery)
	defer index.Stop()
	a.indexSearch()
	a.dailyBackup()
	for {
		select {
		case <-a.ctx.Done():
			return
		case <-hourly.C:
			a.dailyBackup()
		case <-merge.C:
			a.mergeSearchIndex()
		case <-index.C:
			a.indexSearch()
		}
	}
}

// mergeSearchIndex tidies the search index a little (a few milliseconds of work) once a
// minute, instead of inside people's saves.
func (a *App) mergeSearchIndex() {
	a.mu.RLock()
	db := a.db
	a.mu.RUnlock()
	if db == nil {
		return
	}
	if err := db.MergeSearchIndex(a.ctx, 200); err != nil && !errors.Is(err, context.Canceled) {
		a.log.Printf("search index merge: %v", err)
	}
}

func (a *App) dailyBackup() {
	a.mu.RLock()
	db := a.db
	a.mu.RUnlock()
	if db == nil || !store.NeedsDailyBackup(a.dataDir, time.Now()) {
		return
	}
	if b, err := db.Backup(a.ctx, "daily"); err != nil {
		a.log.Printf("daily backup: %v", err)
	} else {
		a.log.Printf("daily backup: %s", b.Path)
	}
}

// checkIntegrity runs SQLite's integrity_check. On failure the app stops writing,
// tells the UI (event store:integrity) and offers the backups; the file is kept.
func (a *App) checkIntegrity() error {
	a.mu.RLock()
	db := a.db
	a.mu.RUnlock()
	if db == nil {
		return nil
	}
	err := db.CheckIntegrity(a.ctx)
	if err == nil || errors.Is(err, context.Canceled) {
		return err
	}
	a.log.Printf("integrity check: %v", err)
	st := a.damagedState(err)
	// damage only in the search index is repaired on the damaged screen (repair.go)
	if damaged, serr := db.SearchIndexDamaged(a.ctx); serr == nil && damaged {
		st.Repairable = true
	}
	a.mu.Lock()
	a.state = st
	a.mu.Unlock()
	a.stopSync()
	a.emit(EventIntegrity, a.shownState(st))
	return err
}

func (a *App) damagedState(err error) StartupState {
	backups, lerr := store.ListBackups(a.dataDir)
	if lerr != nil {
		a.log.Printf("list backups: %v", lerr)
	}
	return StartupState{Status: StatusDamaged, DataDir: a.dataDir, Backups: backups,
		Message: "Involve found a problem with its database file and has stopped using it so that nothing more is lost. " +
			"The file has not been changed. You can restore the newest good backup, or close Involve and ask for help. (" +
			err.Error() + ")"}
}

// DamagedState builds the startup state for a database that could not be opened.
func DamagedState(dataDir string, err error) StartupState {
	return (&App{dataDir: dataDir}).damagedState(err)
}

// LockedState builds the startup state for a data folder another window holds.
func LockedState(dataDir string) StartupState {
	return StartupState{Status: StatusLocked, DataDir: dataDir,
		Message: "Involve is already open with this data folder (" + dataDir + "). " +
			"Switch to that window to carry on. Only one Involve window can use a data folder at a time, so that nothing is overwritten."}
}

// openStore returns the open database, or an error the UI can show when there is none.
// Bound methods use store (kiosk.go), which also refuses while kiosk mode is on.
func (a *App) openStore() (*store.DB, error) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if a.db == nil || a.state.Status != StatusOK {
		msg := a.state.Message
		if msg == "" {
			msg = "The database is not open."
		}
		return nil, involve.Errorf(involve.EUNAVAILABLE, "%s", msg)
	}
	return a.db, nil
}

func (a *App) emit(name string, data ...any) {
	if a.rt == nil {
		return
	}
	if name != EventIntegrity && (a.kioskOn() || a.lockedNow()) {
		// the public's screen, and a locked window, get no news of the team's data or
		// the server (sync status names both); a damaged database is still reported
		return
	}
	for i, d := range data {
		data[i] = withEmptyLists(d) // lists [] when empty, as the bound methods give them
	}
	a.rt.Emit(name, data...)
}

func (a *App) changed(entity, id string) {
	a.emit(EventDataChanged, DataChanged{Entity: entity, ID: id})
	a.syncStatusChanged() // the count of changes waiting moved
}

// GetStartupState says whether the app can work (and if not, why). Asked before
// Startup has opened the data folder, it waits for that (the page may load first).
func (a *App) GetStartupState() (StartupState, error) {
	<-a.opened
	a.mu.RLock()
	defer a.mu.RUnlock()
	st := a.state
	if st.Backups == nil {
		st.Backups = []store.BackupInfo{}
	}
	return a.shownState(st), nil
}

// GetAppInfo describes this installation.
func (a *App) GetAppInfo() (AppInfo, error) {
	info := AppInfo{Version: a.version, DataDir: a.dataDir, DBPath: filepath.Join(a.dataDir, datadir.DBName),
		ReferenceVersion: involve.ReferenceVersion}
	db, err := a.store()
	if err != nil {
		return info, nil
	}
	info.DeviceID, info.UserName = db.DeviceID(), db.UserName()
	info.SchemaVersion, err = db.SchemaVersion(a.ctx)
	return info, err
}

// SetUserName records the name stamped on new records.
func (a *App) SetUserName(name string) (AppInfo, error) {
	db, err := a.store()
	if err != nil {
		return AppInfo{}, err
	}
	if err := db.SetUserName(a.ctx, name); err != nil {
		return AppInfo{}, err
	}
	return a.GetAppInfo()
}

// GetReferenceData returns the shipped reference lists.
func (a *App) GetReferenceData() (involve.ReferenceData, error) {
	return withEmptyLists(involve.Reference()), nil
}

// RestoreBackup replaces a damaged (or unwanted) database with a backup from the
// backups folder (store.Restore: copied and verified before anything is replaced). The
// current file is kept in the data folder, renamed; the returned state's Message says
// where. A backup that cannot be used changes nothing.
func (a *App) RestoreBackup(name string) (StartupState, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name != filepath.Base(name) {
		return StartupState{}, involve.Errorf(involve.EINVALID, "Choose a backup from the list.")
	}
	if err := a.refuseInKiosk(); err != nil {
		return StartupState{}, err
	}
	a.stopSync()        // sync writes to the database being replaced
	defer a.startSync() // after the unlock below: on the restored database, if it is usable
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.state.Status == StatusLocked {
		return a.state, involve.Errorf(involve.ECONFLICT, "Another Involve window is using this data folder; restore from there.")
	}
	if a.db != nil {
		if err := a.db.Close(); err != nil {
			a.log.Printf("close before restore: %v", err)
		}
		a.db = nil
	}
	dbPath := filepath.Join(a.dataDir, datadir.DBName)
	db, aside, err := store.Restore(a.ctx, dbPath, store.BackupPath(a.dataDir, name))
	if aside != "" {
		a.log.Printf("restore: previous database kept as %s", aside)
	}
	if err != nil {
		// open what is there again (the database as it was, when the backup could not
		// be used), or say it is damaged; either way the restore's error is the answer
		db, oerr := store.Open(a.ctx, dbPath, store.Options{})
		if oerr != nil {
			a.state = a.damagedState(oerr)
			return a.state, err
		}
		a.db = db
		return a.state, err
	}
	a.db = db
	a.followKiosk(db, true) // the backup may have been made in kiosk mode
	a.state = StartupState{Status: StatusOK, DataDir: a.dataDir, Backups: []store.BackupInfo{}}
	if aside != "" {
		a.state.Message = "The backup was restored. The database it replaced was kept as " + aside + "."
	}
	return a.state, nil
}

// Quit closes the app, except while kiosk mode is on (BeforeClose).
func (a *App) Quit() {
	if a.kioskOn() {
		return
	}
	if a.rt != nil {
		a.rt.Quit()
	}
}

package desktop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/store"
)

// What main needs to launch the window on a data folder: the Open of Config, the
// single-instance id, and what a second launch does.

// OpenDataDir returns the Config.Open of the data folder dir: it takes the folder's
// lock (LockedState, said on stderr too, when another window holds it) and opens the
// database (DamagedState when either fails). release gives the lock back when the app
// has ended.
func OpenDataDir(dir string, logger *log.Logger) (open func() (*store.DB, StartupState), release func()) {
	var lock *datadir.Lock
	open = func() (*store.DB, StartupState) {
		var err error
		lock, err = datadir.Acquire(dir)
		if errors.Is(err, datadir.ErrLocked) {
			fmt.Fprintf(os.Stderr, "involve: Involve is already open with the data folder %s; switch to that window.\n", dir)
			return nil, LockedState(dir)
		} else if err != nil {
			logger.Printf("lock data folder: %v", err)
			return nil, DamagedState(dir, err)
		}
		db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
		if err != nil {
			logger.Printf("open database: %v", err)
			return nil, DamagedState(dir, err)
		}
		// The home screen's counts scan the feedback table: worked out now, while
		// WebKit starts, for the page's first GetHome (store/home_ahead.go).
		db.HomeAhead(context.Background())
		return db, StartupState{Status: StatusOK}
	}
	return open, func() { lock.Close() }
}

// InstanceID is the single-instance id of a data folder: one window per folder.
func InstanceID(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return "uk.nhs.involve." + hex.EncodeToString(sum[:8])
}

// SecondLaunch brings the window forward when Involve is launched again on its data
// folder (Wails' OnSecondInstanceLaunch), once the window has started.
func SecondLaunch(a *App) {
	if w, ok := a.rt.(WailsRuntime); ok && w.Ctx != nil {
		w.Show()
	}
}

package desktop

import (
	"cmp"
	"errors"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// The app lock. With a passphrase set, Involve opens locked, locks itself after the
// idle time and on demand, and while locked every bound method that reads or changes
// the team's records refuses: store() and refuseInKiosk() (kiosk.go), the one door they
// all go through, ask checkLock. The idle deadline is kept here in Go as well as in the
// window, so that a frozen or altered window cannot keep Involve open: the first call
// after the deadline finds it locked. Unlocking unwraps the laptop's data key
// (app/lockbox) and gives it to the store (db.Unlock), which seals and opens the
// identifying fields with it while unlocked; locking (on demand or after the idle time)
// wipes it there (db.Lock). A store just opened (at start, or a restored backup) holds
// no key: it is locked until someone unlocks it. Sync waits while locked and goes on at
// unlock.

// LockState is what the window may know about the lock.
type LockState struct {
	HasPassphrase bool `json:"hasPassphrase"`
	Locked        bool `json:"locked"`
	IdleMinutes   int  `json:"idleMinutes"`
	// IdleSeconds is the idle time the window's timer counts: IdleMinutes × 60, but
	// under the end-to-end tests' hook (lock_e2e.go).
	IdleSeconds int `json:"idleSeconds"`
	// WaitSeconds: after too many wrong passphrases, how long before the next try.
	WaitSeconds int `json:"waitSeconds"`
	// NeedsPassphrase: the laptop holds Lived Experience Partners' details without a
	// passphrase (a database from before the rule); the window asks for one until it
	// is set, and no new partner is stored meanwhile.
	NeedsPassphrase bool `json:"needsPassphrase"`
	// UnsentChanges is how many changes the server has not accepted yet (waiting or
	// refused): what setting the laptop up again would lose if the passphrase is
	// forgotten. A count only, so it is given while locked.
	UnsentChanges int `json:"unsentChanges"`
	// HoldsSealedData: the laptop keeps its team's key or partners' sealed details, so
	// its passphrase cannot be removed (only changed). False while locked (unknown).
	HoldsSealedData bool `json:"holdsSealedData"`
}

// EventLock carries a LockState whenever Involve locks or unlocks.
const EventLock = "lock:changed"

// idleGrace is how much later than the window Go locks: the window reports activity at
// most every 30 seconds (NoteActivity), so Go's last sight of it may be that old.
const idleGrace = time.Minute

var errLocked = involve.Errorf(involve.EUNAUTHORIZED, "Involve is locked. Unlock it with its passphrase to carry on.")

type appLock struct {
	mu      sync.Mutex
	db      *store.DB // the store the state below belongs to (a restore swaps it)
	has     bool
	locked  bool
	idle    time.Duration
	unit    time.Duration // how long one minute of the idle setting lasts (lock_e2e.go)
	lastUse time.Time
	key     []byte     // the data key, while unlocked
	try     sync.Mutex // one passphrase check at a time, so that wrong tries are all counted
}

// load reads the lock for db when it is not the store last seen: a store just opened
// (at start, or after a restore) opens locked when it has a passphrase. Called with
// l.mu held.
func (l *appLock) load(a *App, db *store.DB) (fresh bool, err error) {
	if l.db == db {
		return false, nil
	}
	s, err := db.LockSettings(a.ctx)
	if err != nil {
		return false, err // a damaged record: every door stays shut
	}
	l.wipe()
	l.db, l.has, l.locked = db, s.Wrapped != nil, s.Wrapped != nil
	l.idle = time.Duration(s.IdleMinutes) * l.unit
	l.lastUse = db.Now()
	return true, nil
}

// expire locks when the idle deadline has passed, and says whether it did. Called
// with l.mu held.
func (l *appLock) expire(now time.Time) bool {
	if !l.has || l.locked || now.Sub(l.lastUse) <= l.idle+idleGrace {
		return false
	}
	l.locked = true
	l.wipe()
	l.db.Lock()
	return true
}

func (l *appLock) wipe() {
	lockbox.Wipe(l.key)
	l.key = nil
}

// checkLock refuses while locked (locking first when the idle deadline has passed), and
// otherwise counts the call as use.
func (a *App) checkLock(db *store.DB) error {
	l := &a.lock
	l.mu.Lock()
	fresh, err := l.load(a, db)
	if err != nil {
		l.mu.Unlock()
		return err
	}
	if !l.has {
		l.mu.Unlock()
		return nil
	}
	now, idle := db.Now(), l.idle
	idled := l.expire(now)
	if l.locked {
		l.mu.Unlock()
		if idled {
			a.log.Printf("app lock: locked after %s without use", idle)
		}
		if idled || fresh {
			a.emitLock() // the window follows (fresh: a restored backup with a passphrase)
		}
		return errLocked
	}
	l.lastUse = now
	l.mu.Unlock()
	return nil
}

// lockedNow reports whether Involve is known to be locked (no database read: for events).
func (a *App) lockedNow() bool {
	a.lock.mu.Lock()
	defer a.lock.mu.Unlock()
	return a.lock.locked
}

func (a *App) emitLock() {
	if st, err := a.GetLockState(); err == nil && a.rt != nil {
		a.rt.Emit(EventLock, st)
	}
}

func (a *App) lockState(db *store.DB) (LockState, error) {
	s, err := db.LockSettings(a.ctx)
	if err != nil {
		return LockState{}, err
	}
	l := &a.lock
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.load(a, db); err != nil {
		return LockState{}, err
	}
	l.expire(db.Now())
	st := LockState{HasPassphrase: l.has, Locked: l.locked, IdleMinutes: s.IdleMinutes,
		IdleSeconds: int(time.Duration(s.IdleMinutes) * l.unit / time.Second)}
	if !l.has {
		if st.NeedsPassphrase, err = db.NeedsPassphrase(a.ctx); err != nil {
			return LockState{}, err
		}
	}
	if !l.locked {
		if st.HoldsSealedData, err = db.HoldsSealedData(a.ctx); err != nil {
			return LockState{}, err
		}
	}
	pending, rejected, _, err := db.SyncCounts(a.ctx)
	if err != nil {
		return LockState{}, err
	}
	st.UnsentChanges = pending + rejected
	if w := s.LockWait(db.Now()); w > 0 {
		st.WaitSeconds = int((w + time.Second - 1) / time.Second)
	}
	return st, nil
}

// GetLockState says whether a passphrase is set, whether Involve is locked, and the
// idle time. It works while locked (it tells nothing about records), not in kiosk mode.
func (a *App) GetLockState() (LockState, error) {
	db, err := a.lockDoor()
	if err != nil {
		return LockState{}, err
	}
	return a.lockState(db)
}

// lockDoor is the door of the lock's own methods: open while locked, shut in kiosk
// mode (the kiosk knows nothing but its form).
func (a *App) lockDoor() (*store.DB, error) {
	db, err := a.openStore()
	if err != nil {
		return nil, err
	}
	if on, _, err := a.kioskMode(db); err != nil || on {
		return nil, cmp.Or(err, error(errKioskOn))
	}
	return db, nil
}

// tryPassphrase unwraps the data key (wrong tries counted, waits enforced: store), with
// errors naming field for the window.
func (a *App) tryPassphrase(db *store.DB, passphrase, field string) ([]byte, error) {
	k, err := db.UnwrapLockKey(a.ctx, passphrase)
	var e *involve.Error
	if errors.As(err, &e) && len(e.Fields) == 1 && field != e.Fields[0].Field {
		return nil, &involve.Error{Code: e.Code, Message: e.Message, Fields: []involve.FieldError{{Field: field, Message: e.Fields[0].Message}}}
	}
	return k, err
}

// Unlock opens Involve with its passphrase.
func (a *App) Unlock(passphrase string) (LockState, error) {
	db, err := a.lockDoor()
	if err != nil {
		return LockState{}, err
	}
	l := &a.lock
	l.try.Lock()
	defer l.try.Unlock()
	if st, err := a.lockState(db); err != nil || !st.Locked {
		return st, err
	}
	k, err := a.tryPassphrase(db, passphrase, "passphrase")
	if err != nil {
		return LockState{}, err
	}
	if err := a.unlockStore(db, k); err != nil {
		return LockState{}, err
	}
	l.mu.Lock()
	l.wipe()
	l.key, l.locked, l.lastUse = k, false, db.Now()
	l.mu.Unlock()
	a.emitLock()
	a.resumeSync()
	return a.lockState(db)
}

// unlockStore gives the store the data key k (it keeps a copy), unless it holds its
// keys already; on failure k is wiped.
func (a *App) unlockStore(db *store.DB, k []byte) error {
	if db.Unlocked() {
		return nil
	}
	if err := db.Unlock(a.ctx, k); err != nil {
		lockbox.Wipe(k)
		a.log.Printf("app lock: the store could not be unlocked: %v", err)
		return err
	}
	return nil
}

// resumeSync runs the sync that waited for Involve to be unlocked (or for a
// passphrase): the background engine starts if it could not before (the device token
// is sealed), or syncs now.
func (a *App) resumeSync() {
	e := a.syncEngine()
	if e == nil {
		a.startSync()
		return
	}
	switch e.Status().State {
	case syncer.StateLocked, syncer.StateNeedsPassphrase:
		e.Trigger()
	}
}

// Lock locks Involve now (the Lock button, Ctrl+L, or the window's idle timer). Without
// a passphrase it does nothing.
func (a *App) Lock() (LockState, error) {
	db, err := a.lockDoor()
	if err != nil {
		return LockState{}, err
	}
	l := &a.lock
	l.mu.Lock()
	if _, err := l.load(a, db); err != nil {
		l.mu.Unlock()
		return LockState{}, err
	}
	changed := l.has && !l.locked
	if l.has {
		l.locked = true
		l.wipe()
		db.Lock()
	}
	l.mu.Unlock()
	if changed {
		a.emitLock()
	}
	return a.lockState(db)
}

// NoteActivity tells Go that the person is using the window (keyboard, mouse, touch),
// so that its own idle deadline moves on. The window sends it at most every 30 seconds.
func (a *App) NoteActivity() error {
	_, err := a.store()
	return err
}

// SetPassphrase sets the passphrase (current is "" when none is set) or changes it
// (current must be right). Changing it rewraps the same data key.
func (a *App) SetPassphrase(current, next string) (LockState, error) {
	db, err := a.store()
	if err != nil {
		return LockState{}, err
	}
	if err := involve.ValidatePassphrase(next); err != nil {
		return LockState{}, err
	}
	l := &a.lock
	l.try.Lock()
	defer l.try.Unlock()
	s, err := db.LockSettings(a.ctx)
	if err != nil {
		return LockState{}, err
	}
	var k []byte
	if s.Wrapped != nil {
		if k, err = a.tryPassphrase(db, current, "current"); err != nil {
			return LockState{}, err
		}
	} else if k, err = lockbox.NewDataKey(); err != nil {
		return LockState{}, err
	}
	w, err := lockbox.Wrap(k, next, a.lockParams)
	if err != nil {
		lockbox.Wipe(k)
		return LockState{}, err
	}
	if err := db.SaveLockKey(a.ctx, w); err != nil {
		lockbox.Wipe(k)
		return LockState{}, err
	}
	// the first passphrase: the store seals from now on (with a key of its own until
	// the server gives the team's)
	if err := a.unlockStore(db, k); err != nil {
		l.mu.Lock()
		l.wipe()
		l.db, l.has, l.locked = db, true, true // set, but Involve must be unlocked with it
		l.mu.Unlock()
		a.emitLock()
		return LockState{}, err
	}
	l.mu.Lock()
	l.wipe()
	l.db, l.has, l.locked, l.key, l.lastUse = db, true, false, k, db.Now()
	if s.Wrapped == nil {
		l.idle = time.Duration(s.IdleMinutes) * l.unit
	}
	l.mu.Unlock()
	a.resumeSync() // the pull waited for a passphrase: it goes on now
	return a.lockState(db)
}

// errSealedData refuses to remove the passphrase of a laptop that holds sealed fields.
var errSealedData = involve.Errorf(involve.ECONFLICT, "The passphrase cannot be removed: it protects the Lived Experience Partners' details on this laptop "+
	"and your team's key, which would otherwise be readable by anyone who has the laptop. You can change the passphrase instead.")

// RemovePassphrase removes the passphrase when current is right. It is refused while
// the laptop holds sealed fields or its team's key (db.HoldsSealedData): without the
// passphrase their key would be kept in clear.
func (a *App) RemovePassphrase(current string) (LockState, error) {
	db, err := a.store()
	if err != nil {
		return LockState{}, err
	}
	if held, err := db.HoldsSealedData(a.ctx); err != nil || held {
		return LockState{}, cmp.Or(err, error(errSealedData))
	}
	l := &a.lock
	l.try.Lock()
	defer l.try.Unlock()
	k, err := a.tryPassphrase(db, current, "current")
	if err != nil {
		return LockState{}, err
	}
	lockbox.Wipe(k)
	if err := db.ClearLockKey(a.ctx); err != nil {
		return LockState{}, err
	}
	db.Lock() // the data key is gone: the store keeps none of it
	l.mu.Lock()
	l.wipe()
	l.has, l.locked = false, false
	l.mu.Unlock()
	return a.lockState(db)
}

// SetIdleLock sets how many minutes without use lock Involve (1 to 60; 5 at first).
func (a *App) SetIdleLock(minutes int) (LockState, error) {
	db, err := a.store()
	if err != nil {
		return LockState{}, err
	}
	if err := db.SetLockIdleMinutes(a.ctx, minutes); err != nil {
		return LockState{}, err
	}
	l := &a.lock
	l.mu.Lock()
	l.idle = time.Duration(minutes) * l.unit
	l.mu.Unlock()
	return a.lockState(db)
}

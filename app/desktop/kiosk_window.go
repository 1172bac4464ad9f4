package desktop

import (
	"time"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/store"
	"golang.org/x/crypto/bcrypt"
)

// Kiosk mode and the window: while it is on the window is fullscreen and cannot be
// closed (BeforeClose), and a damaged database is shown to the public as a neutral
// "needs attention from staff" screen, never as the restore screen. The kiosk marker
// (datadir.KioskName) follows the mode, so that a kiosk whose database cannot be read
// at all still knows it is one.

// Window is the part of the Runtime that makes the window fullscreen. A Runtime
// without it (a test's) keeps its window as it is.
type Window interface {
	Fullscreen()
	Unfullscreen()
}

// msgKioskAttention is all a kiosk says about a damaged database.
const msgKioskAttention = "This device needs attention from staff."

// BeforeClose is Wails' OnBeforeClose: it says whether to refuse closing the window or
// quitting, whatever asked (the window's close button, Alt+F4, the OS, a menu, Quit).
// Closing is refused while kiosk mode is on, even when the database is damaged: staff
// leave kiosk mode with the PIN first.
func BeforeClose(a *App) (prevent bool) {
	if a.kioskOn() {
		a.log.Printf("close refused: kiosk mode is on (staff leave it with the PIN first)")
		return true
	}
	return false
}

// DomReady is Wails' OnDomReady: a kiosk's window is made fullscreen (it starts
// fullscreen when the marker was there, KioskAtStart), and a window that started
// fullscreen for a marker the database did not bear out gets its size back.
func DomReady(a *App) {
	switch {
	case a.kioskOn():
		a.fullscreen(true)
	case a.kiosk.markerAtStart:
		a.fullscreen(false)
	}
}

// KioskAtStart says whether the window should start fullscreen: kiosk mode was on
// when Involve last closed (the marker is there).
func KioskAtStart(dir string) bool {
	_, on := datadir.ReadKioskMarker(dir)
	return on
}

// followKiosk reads kiosk mode from the database that has just opened (at start, or
// after a restore) and makes the marker follow it, and the window too when window (at
// start the window is not there yet: it starts fullscreen, then DomReady). When the
// database cannot be read (nil, or not usable), the marker says whether this is a kiosk.
func (a *App) followKiosk(db *store.DB, window bool) {
	if !window && a.dataDir != "" {
		_, a.kiosk.markerAtStart = datadir.ReadKioskMarker(a.dataDir)
	}
	if db != nil {
		on, _, err := a.kioskMode(db)
		if err == nil {
			a.kioskMarker(on)
			if window && on {
				a.fullscreen(true)
			}
			return
		}
		a.log.Printf("read kiosk mode: %v", err)
	}
	if a.dataDir == "" {
		return
	}
	if hash, on := datadir.ReadKioskMarker(a.dataDir); on {
		k := &a.kiosk
		k.mu.Lock()
		k.db, k.on, k.sessionID, k.pinHash = db, true, "", hash
		k.mu.Unlock()
		if window {
			a.fullscreen(true)
		}
	}
}

// kioskWindow makes the marker and the window follow kiosk mode as it starts or ends.
func (a *App) kioskWindow(on bool) {
	a.kioskMarker(on)
	a.fullscreen(on)
}

// kioskMarker writes the kiosk marker (with the PIN's hash) or removes it.
func (a *App) kioskMarker(on bool) {
	if a.dataDir == "" {
		return
	}
	a.kiosk.mu.Lock()
	hash := a.kiosk.pinHash
	a.kiosk.mu.Unlock()
	var err error
	if on {
		err = datadir.WriteKioskMarker(a.dataDir, hash)
	} else {
		err = datadir.RemoveKioskMarker(a.dataDir)
	}
	if err != nil {
		a.log.Printf("kiosk marker: %v", err)
	}
}

func (a *App) fullscreen(on bool) {
	w, ok := a.rt.(Window)
	if !ok {
		return
	}
	if on {
		w.Fullscreen()
	} else {
		w.Unfullscreen()
	}
}

// shownState is the startup state as the window may show it: while kiosk mode is on a
// damaged database is only "needs attention from staff", with no folder, message or
// backups (the restore screen is for staff, after they leave kiosk mode).
func (a *App) shownState(st StartupState) StartupState {
	if st.Status != StatusDamaged || !a.kioskOn() {
		return st
	}
	return StartupState{Status: StatusDamaged, Kiosk: true, Message: msgKioskAttention, Backups: []store.BackupInfo{}}
}

// leaveDamagedKiosk is LeaveKiosk while the database cannot be used: the PIN is checked
// against the hash read before the damage was found (or the marker's), wrong tries
// wait as in LeaveKiosk, and kiosk mode ends for this window only, since the damaged
// database is not written to. Staff then see the restore screen.
func (a *App) leaveDamagedKiosk(pin string) (KioskState, error) {
	k := &a.kiosk
	k.leave.Lock()
	defer k.leave.Unlock()
	k.mu.Lock()
	hash, tries, retry := k.pinHash, k.tries, k.retryAfter
	k.mu.Unlock()
	now := time.Now()
	if now.Before(retry) {
		return KioskState{}, pinError("Too many wrong PINs. Try again in " + waitText(retry.Sub(now)) + ".")
	}
	if pin == "" {
		return KioskState{}, pinError("Enter the staff PIN")
	}
	if hash == "" {
		return KioskState{}, pinError("The PIN cannot be checked while Involve cannot read its data. " +
			"IT can end kiosk mode from the laptop's own account with `involve kiosk-off`.")
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) != nil {
		tries++
		msg := "That PIN is not right."
		if w := kioskWait(tries); w > 0 {
			retry = now.Add(w)
			msg += " Too many wrong PINs: try again in " + waitText(w) + "."
		}
		k.mu.Lock()
		k.tries, k.retryAfter = tries, retry
		k.mu.Unlock()
		return KioskState{}, pinError(msg)
	}
	k.mu.Lock()
	k.tries, k.retryAfter = 0, time.Time{}
	k.mu.Unlock()
	a.mu.RLock()
	db := a.db
	a.mu.RUnlock()
	a.setKioskMode(db, false, "", "")
	return KioskState{Themes: []KioskTheme{}}, nil
}

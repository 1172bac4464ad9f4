package desktop

import (
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"golang.org/x/crypto/bcrypt"
)

// Kiosk mode: the laptop on a stall shows only the public feedback form. While it is
// on, every bound method that reads or changes the team's records refuses (store()
// below is the one door they all go through); only the kiosk's own methods work, and
// they know nothing but the kiosk's session and the live themes. The mode and the
// staff PIN's salted hash are kept in the database, so a restart stays in kiosk mode.

// KioskState is everything the kiosk screen may know.
type KioskState struct {
	Active       bool   `json:"active"`
	SessionID    string `json:"sessionId"`
	SessionTitle string `json:"sessionTitle"`
	// Organisation is whose stall this is: the name set in Settings, else the team's
	// name from the server ("" when neither is known).
	Organisation string       `json:"organisation"`
	Themes       []KioskTheme `json:"themes"`
	// Questions: what the session asks (the FFT rating unless NoFFT, its question sets
	// and their translations).
	Questions SessionQuestions `json:"questions"`
	// Words are the kiosk's own words in the languages added as data (translations of
	// KioskWords); the ones shipped in the app are in its locales.
	Words []involve.Translation `json:"words"`
	// Received is set by LeaveKiosk only: how many responses came in while kiosk mode
	// was on (for staff; the kiosk itself never shows it).
	Received int `json:"received"`
}

// KioskTheme is a theme the public can tick.
type KioskTheme struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// KioskReceipt says a kiosk submission is on disk (and nothing about who else said what).
type KioskReceipt struct {
	ReceivedAt string `json:"receivedAt"`
}

// kioskPINCost is bcrypt's cost for the staff PIN. Wrong PINs wait as wrong
// passphrases do (involve.WrongTryWait).
const kioskPINCost = bcrypt.DefaultCost

// kioskWait is how long to wait after the n-th wrong PIN in a row.
func kioskWait(n int) time.Duration { return involve.WrongTryWait(n) }

// kioskMode caches whether kiosk mode is on for the open store (read once per store:
// a restore swaps it).
type kioskMode struct {
	mu        sync.Mutex
	db        *store.DB
	on        bool
	sessionID string
	pinHash   string     // to leave with the PIN when the database cannot be read
	leave     sync.Mutex // one PIN check at a time, so wrong tries are all counted
	// wrong PINs in a row, and the wait after them, while the database cannot be read
	// (kiosk_window.go); the window cannot be closed, so memory is enough
	tries      int
	retryAfter time.Time
	// markerAtStart: the kiosk marker was there when the window started (so it
	// started fullscreen); set once in Startup, before any other goroutine runs
	markerAtStart bool
}

var (
	errKioskOn  = involve.Errorf(involve.EUNAUTHORIZED, "Kiosk mode is on. Staff can leave it with the PIN set when it started.")
	errKioskOff = involve.Errorf(involve.ECONFLICT, "Kiosk mode is not on, so nothing was saved.")
)

// store returns the open database for a bound method, and refuses while kiosk mode is
// on or Involve is locked (lock.go). Background work (sync, backups) uses openStore.
func (a *App) store() (*store.DB, error) {
	db, err := a.openStore()
	if err != nil {
		return nil, err
	}
	on, _, err := a.kioskMode(db)
	if err != nil {
		return nil, err
	}
	if on {
		return nil, errKioskOn
	}
	if err := a.checkLock(db); err != nil {
		return nil, err
	}
	return db, nil
}

// refuseInKiosk is store's check (kiosk mode, the app lock) for bound methods that do
// not go through store.
func (a *App) refuseInKiosk() error {
	db, err := a.openStore()
	if err != nil {
		// nothing open: refused only when kiosk mode was known on (a damaged database,
		// kiosk_window.go); otherwise the caller copes with the state
		if a.kioskOn() {
			return errKioskOn
		}
		return nil
	}
	on, _, err := a.kioskMode(db)
	if err != nil {
		return err
	}
	if on {
		return errKioskOn
	}
	return a.checkLock(db)
}

func (a *App) kioskMode(db *store.DB) (bool, string, error) {
	k := &a.kiosk
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.db != db {
		s, err := db.KioskSettings(a.ctx)
		if err != nil {
			return false, "", err
		}
		k.db, k.on, k.sessionID, k.pinHash = db, s.Active(), s.SessionID, s.PINHash
	}
	return k.on, k.sessionID, nil
}

// kioskOn reports whether kiosk mode is known to be on (no database read: events are
// emitted from background work).
func (a *App) kioskOn() bool {
	a.kiosk.mu.Lock()
	defer a.kiosk.mu.Unlock()
	return a.kiosk.on
}

func (a *App) setKioskMode(db *store.DB, on bool, sessionID, pinHash string) {
	k := &a.kiosk
	k.mu.Lock()
	k.db, k.on, k.sessionID, k.pinHash = db, on, sessionID, pinHash
	k.mu.Unlock()
	a.kioskWindow(on)
}

// kioskState fills the kiosk's view: its session's title, what the session asks (its
// own question sets and their translations, nothing else), the kiosk's words added
// as data and the live themes.
func (a *App) kioskState(db *store.DB, sessionID string) (KioskState, error) {
	st := KioskState{Active: true, SessionID: sessionID, Themes: []KioskTheme{}}
	org, err := a.stallName(db)
	if err != nil {
		return st, err
	}
	st.Organisation = org
	st.Questions = SessionQuestions{SessionID: sessionID, FFT: true, Sets: []AskedSet{}}
	if s, err := db.FindSessionByID(a.ctx, sessionID); err == nil {
		st.SessionTitle = s.Title
		q, err := db.GetSessionQuestions(a.ctx, sessionID)
		if err != nil {
			return st, err
		}
		st.Questions = sessionQuestions(q)
	} else if involve.ErrorCode(err) != involve.ENOTFOUND {
		return st, err
	}
	words, err := db.ListKioskWords(a.ctx)
	if err != nil {
		return st, err
	}
	st.Words = translations(words)
	themes, err := db.FindThemes(a.ctx, false)
	if err != nil {
		return st, err
	}
	for _, t := range themes {
		if !t.Archived {
			st.Themes = append(st.Themes, KioskTheme{ID: t.ID, Label: t.Label})
		}
	}
	return st, nil
}

// StartKiosk turns kiosk mode on for a session, with a staff PIN of 4 to 8 digits
// that is needed to leave it. Only the PIN's salted hash is kept.
func (a *App) StartKiosk(sessionID, pin string) (KioskState, error) {
	db, err := a.store()
	if err != nil {
		return KioskState{}, err
	}
	if err := involve.ValidateKioskPIN(pin); err != nil {
		return KioskState{}, err
	}
	if _, err := db.FindSessionByID(a.ctx, sessionID); err != nil {
		return KioskState{}, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), kioskPINCost)
	if err != nil {
		return KioskState{}, err
	}
	if err := db.SaveKioskSettings(a.ctx, store.KioskSettings{SessionID: sessionID, PINHash: string(hash),
		StartedAt: involve.FormatTime(db.Now())}); err != nil {
		return KioskState{}, err
	}
	a.setKioskMode(db, true, sessionID, string(hash))
	return emptyLists(a.kioskState(db, sessionID))
}

// GetKioskState says whether kiosk mode is on and, if it is, what the form offers.
func (a *App) GetKioskState() (KioskState, error) {
	db, err := a.openStore()
	if err != nil {
		return KioskState{}, err
	}
	on, sessionID, err := a.kioskMode(db)
	if err != nil || !on {
		return emptyLists(KioskState{Themes: []KioskTheme{}}, err)
	}
	return emptyLists(a.kioskState(db, sessionID))
}

// SubmitKioskFeedback stores one submission from the kiosk in the kiosk's session,
// with source "kiosk", and its answers to the session's question sets. It works only
// while kiosk mode is on.
func (a *App) SubmitKioskFeedback(in involve.KioskFeedbackInput) (KioskReceipt, error) {
	db, err := a.openStore()
	if err != nil {
		return KioskReceipt{}, err
	}
	on, sessionID, err := a.kioskMode(db)
	if err != nil {
		return KioskReceipt{}, err
	}
	if !on {
		return KioskReceipt{}, errKioskOff
	}
	themes, err := db.FindThemes(a.ctx, false)
	if err != nil {
		return KioskReceipt{}, err
	}
	live := make(map[string]bool, len(themes))
	for _, t := range themes {
		live[t.ID] = !t.Archived
	}
	if err := in.Validate(live); err != nil {
		return KioskReceipt{}, err
	}
	// the same path as quick capture's: the item and its answers in one transaction,
	// each answer to the newest version of a set the kiosk's session asks
	f, rs, err := db.CreateFeedbackWithAnswers(a.ctx, in.FeedbackInput(sessionID), in.Responses)
	if err != nil {
		return KioskReceipt{}, err
	}
	a.answersChanged(f, rs)
	return KioskReceipt{ReceivedAt: f.CreatedAt}, nil
}

// LeaveKiosk turns kiosk mode off when pin is the staff PIN. After five wrong PINs in
// a row each try must wait longer (30 s, 1 min, 2 min … 15 min), even across restarts.
func (a *App) LeaveKiosk(pin string) (KioskState, error) {
	db, err := a.openStore()
	if err != nil {
		if a.kioskOn() {
			return a.leaveDamagedKiosk(pin)
		}
		return KioskState{}, err
	}
	a.kiosk.leave.Lock()
	defer a.kiosk.leave.Unlock()
	k, err := db.KioskSettings(a.ctx)
	if err != nil {
		return KioskState{}, err
	}
	if !k.Active() {
		a.setKioskMode(db, false, "", "")
		return KioskState{Themes: []KioskTheme{}}, nil
	}
	now := db.Now().UTC()
	if t, err := time.Parse(time.RFC3339Nano, k.RetryAfter); err == nil && now.Before(t) {
		return KioskState{}, pinError("Too many wrong PINs. Try again in " + waitText(t.Sub(now)) + ".")
	}
	if pin == "" {
		return KioskState{}, pinError("Enter the staff PIN")
	}
	if bcrypt.CompareHashAndPassword([]byte(k.PINHash), []byte(pin)) != nil {
		k.FailedTries++
		msg := "That PIN is not right."
		if w := kioskWait(k.FailedTries); w > 0 {
			k.RetryAfter = involve.FormatTime(now.Add(w))
			msg += " Too many wrong PINs: try again in " + waitText(w) + "."
		}
		if err := db.SaveKioskSettings(a.ctx, k); err != nil {
			return KioskState{}, err
		}
		return KioskState{}, pinError(msg)
	}
	received, err := db.KioskResponses(a.ctx, k.SessionID, k.StartedAt)
	if err != nil {
		return KioskState{}, err
	}
	if err := db.ClearKioskSettings(a.ctx); err != nil {
		return KioskState{}, err
	}
	a.setKioskMode(db, false, "", "")
	return emptyLists(KioskState{SessionID: k.SessionID, Themes: []KioskTheme{}, Received: received}, nil)
}

// stallName is the name the kiosk shows: the one set in Settings, else the team's.
func (a *App) stallName(db *store.DB) (string, error) {
	name, err := db.StallName(a.ctx)
	if err != nil || name != "" {
		return name, err
	}
	s, err := db.SyncSettings(a.ctx)
	return s.TeamName, err
}

// GetStallName returns the organisation or team name set in Settings for the kiosk
// ("" when none is set; the kiosk then shows the team's name from the server, if any).
func (a *App) GetStallName() (string, error) {
	db, err := a.store()
	if err != nil {
		return "", err
	}
	return db.StallName(a.ctx)
}

// SetStallName saves the organisation or team name the kiosk shows the public, and
// returns it as saved (trimmed). An empty name clears it.
func (a *App) SetStallName(name string) (string, error) {
	db, err := a.store()
	if err != nil {
		return "", err
	}
	if err := db.SetStallName(a.ctx, name); err != nil {
		return "", err
	}
	return db.StallName(a.ctx)
}

func pinError(msg string) error {
	return &involve.Error{Code: involve.EUNAUTHORIZED, Message: msg, Fields: []involve.FieldError{{Field: "pin", Message: msg}}}
}

// waitText says a wait in words, rounded up: "30 seconds", "1 minute", "15 minutes".
func waitText(d time.Duration) string { return involve.WaitText(d) }

package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// Sync states (SyncStatus.State).
const (
	SyncNotConnected = "not_connected" // no server set up: everything stays on this laptop
	SyncIdle         = "idle"          // connected, not syncing now
	SyncSyncing      = "syncing"       // a sync is running (Progress says how far)
	SyncOffline      = "offline"       // the server could not be reached; will try again
	SyncError        = "error"         // the last sync failed for another reason; will try again
	SyncUnauthorized = "unauthorized"  // the server no longer accepts this laptop: reconnect in Settings
	SyncLocked       = "locked"        // Involve is locked: sync waits until it is unlocked
)

// SyncStatus is what the status bar and the Settings screen show about sync. Times are
// RFC 3339 UTC strings ("" when never). It is also the payload of the sync:status
// event, sent on every change (at most 10 a second).
type SyncStatus struct {
	State         string        `json:"state"`
	Connected     bool          `json:"connected"`
	ServerURL     string        `json:"serverUrl"`
	TeamName      string        `json:"teamName"`
	DeviceName    string        `json:"deviceName"`
	Role          string        `json:"role"` // capture, staff or lead; "" when not connected (or a server before roles)
	LastSyncedAt  string        `json:"lastSyncedAt"`
	LastAttemptAt string        `json:"lastAttemptAt"`
	NextAttemptAt string        `json:"nextAttemptAt"`
	Pending       int           `json:"pending"`   // changes waiting to be sent
	Rejected      int           `json:"rejected"`  // changes the server refused (ListRejectedChanges)
	Conflicts     int           `json:"conflicts"` // open conflicts (ListConflicts)
	Message       string        `json:"message"`   // the state in plain words
	Progress      *SyncProgress `json:"progress"`  // null unless syncing
}

// SyncProgress tells how far a running sync is: phase "push" (sending changes) or
// "pull" (receiving them); Total is 0 when not known yet.
type SyncProgress struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ConflictSide is one value in a conflict. Value is the value as JSON text
// ("\"Library\"", "4", "[\"access\"]", "null"), exactly as the record stores it, so that
// any field type round-trips; Display is the same value in plain words for showing
// ("Library", "Good", "Access, Transport", "(empty)"). By/At/DeviceID say who made the
// value and when (empty for the base and for the current value's DeviceID).
type ConflictSide struct {
	Value    string `json:"value"`
	Display  string `json:"display"`
	By       string `json:"by"`
	At       string `json:"at"`
	DeviceID string `json:"deviceId"`
}

// ConflictView is a conflict as the conflicts screen shows it: the same field of one
// record was changed on two laptops. The winner is in the record now (unless someone
// changed it since: Current); the loser is kept here until a person decides.
// Kind is the JSON type of the values (string, number, boolean, array or null), so the
// screen can offer the right editor for "combine".
type ConflictView struct {
	ID            string       `json:"id"`
	Entity        string       `json:"entity"` // session, feedback, project or theme
	RecordID      string       `json:"recordId"`
	RecordTitle   string       `json:"recordTitle"`
	RecordDeleted bool         `json:"recordDeleted"`
	SessionID     string       `json:"sessionId"` // a feedback item's session, a session's own id ("" otherwise): for links
	Field         string       `json:"field"`     // JSON field name; "deletedAt" = deleted on one laptop, edited on another
	FieldLabel    string       `json:"fieldLabel"`
	Kind          string       `json:"kind"`
	Base          ConflictSide `json:"base"`
	Winner        ConflictSide `json:"winner"`
	Loser         ConflictSide `json:"loser"`
	Current       ConflictSide `json:"current"`
	Status        string       `json:"status"`     // open or resolved
	Resolution    string       `json:"resolution"` // kept, replaced or combined ("" while open)
	ResolvedAt    string       `json:"resolvedAt"`
	ResolvedBy    string       `json:"resolvedBy"`
	CreatedAt     string       `json:"createdAt"`
}

// RejectedChange is a change the server refused for good (DESIGN §5): it stays on this
// laptop, visible with the reason, and never blocks later changes.
type RejectedChange struct {
	ChangeID    string `json:"changeId"`
	Entity      string `json:"entity"`
	RecordID    string `json:"recordId"`
	RecordTitle string `json:"recordTitle"`
	SessionID   string `json:"sessionId"` // a feedback item's session, a session's own id ("" otherwise): for links
	Reason      string `json:"reason"`
	At          string `json:"at"`
}

// syncRunner is the app's background sync: one engine while the laptop is connected,
// and the throttle of sync:status events.
type syncRunner struct {
	mu     sync.Mutex
	engine *syncer.Engine
	cancel context.CancelFunc
	done   chan struct{}

	emitMu   sync.Mutex
	lastEmit time.Time
	timer    *time.Timer
}

// statusEvery is the shortest time between two sync:status events.
const statusEvery = 100 * time.Millisecond

// startSync starts the background engine if the database is open and connected.
// Sync never runs while the startup state is not ok.
func (a *App) startSync() {
	db, err := a.openStore()
	if err != nil {
		return
	}
	r := &a.syncer
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.engine != nil {
		return
	}
	e, err := syncer.FromSettings(a.ctx, db, nil)
	if err != nil {
		if !errors.Is(err, syncer.ErrNotConnected) && !errors.Is(err, syncer.ErrLocked) { // locked: Unlock starts it
			a.log.Printf("sync: %v", err)
		}
		return
	}
	e.Logger = a.log
	// Pages of 1000 (the protocol's default) keep each write transaction short while
	// someone types; the first sync waits for the first screen.
	e.PullLimit, e.StartDelay = 1000, 2*time.Second
	e.OnStatus = func(syncer.Status) { a.syncStatusChanged() }
	e.OnSynced = func(s syncer.Summary, err error) {
		if s.Pull.Written > 0 || s.Push.Merged > 0 || s.Push.Conflict > 0 {
			a.changed("", "") // records arrived: every list may have changed
		}
		if err == nil {
			a.eraseDue(db) // the erasures go at the next sync
		}
	}
	ctx, cancel := context.WithCancel(a.ctx)
	done := make(chan struct{})
	r.engine, r.cancel, r.done = e, cancel, done
	go func() {
		defer close(done)
		e.Run(ctx)
	}()
}

// stopSync stops the background engine and waits for it (a sync in progress is
// cancelled; what it committed stays, and the next sync carries on from there).
// It must not be called with a.mu held.
func (a *App) stopSync() {
	r := &a.syncer
	r.mu.Lock()
	cancel, done := r.cancel, r.done
	r.engine, r.cancel, r.done = nil, nil, nil
	r.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
	r.emitMu.Lock()
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	r.emitMu.Unlock()
}

func (a *App) syncEngine() *syncer.Engine {
	a.syncer.mu.Lock()
	defer a.syncer.mu.Unlock()
	return a.syncer.engine
}

// syncStatusChanged sends sync:status now, or (if one went out less than statusEvery
// ago) once that time is up, carrying the status as it is then.
func (a *App) syncStatusChanged() {
	r := &a.syncer
	r.emitMu.Lock()
	defer r.emitMu.Unlock()
	if r.timer != nil {
		return // an event is due already
	}
	wait := statusEvery - time.Since(r.lastEmit)
	if wait < 0 {
		wait = 0
	}
	r.timer = time.AfterFunc(wait, func() {
		r.emitMu.Lock()
		r.timer, r.lastEmit = nil, time.Now()
		r.emitMu.Unlock()
		if st, err := a.currentSyncStatus(); err == nil {
			a.emit(EventSyncStatus, st)
		}
	})
}

func (a *App) currentSyncStatus() (SyncStatus, error) {
	db, err := a.openStore()
	if err != nil {
		return SyncStatus{}, err
	}
	if e := a.syncEngine(); e != nil {
		return syncStatusDTO(e.Status()), nil
	}
	st, err := syncer.LocalStatus(a.ctx, db)
	return syncStatusDTO(st), err
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return involve.FormatTime(t)
}

func syncStatusDTO(s syncer.Status) SyncStatus {
	out := SyncStatus{State: s.State, Connected: s.State != SyncNotConnected, ServerURL: s.ServerURL, TeamName: s.TeamName,
		DeviceName: s.DeviceName, Role: s.Role, LastSyncedAt: formatTime(s.LastSyncedAt), LastAttemptAt: formatTime(s.LastAttemptAt),
		NextAttemptAt: formatTime(s.NextAttemptAt), Pending: s.Pending, Rejected: s.Rejected, Conflicts: s.Conflicts,
		Message: s.Message}
	if s.Progress != nil {
		out.Progress = &SyncProgress{Phase: s.Progress.Phase, Done: s.Progress.Done, Total: s.Progress.Total}
	}
	return out
}

// GetSyncStatus returns the sync status now.
func (a *App) GetSyncStatus() (SyncStatus, error) {
	if err := a.refuseInKiosk(); err != nil {
		return SyncStatus{}, err
	}
	return a.currentSyncStatus()
}

// ConnectServer enrols this laptop with the server at url using a one-time enrolment
// code, stores the device token, and starts syncing. caPEM, when not blank, is the
// team's own certificate authority (sync_ca.go): the only one trusted for the server,
// now and for every later sync. Problems a person can fix come back as field errors on
// "url", "code" and "ca" (a wrong, used or expired code is one on "code"); a server
// that cannot be reached is an "unavailable" error.
func (a *App) ConnectServer(url, code, caPEM string) (SyncStatus, error) {
	db, err := a.store()
	if err != nil {
		return SyncStatus{}, err
	}
	ctx, cancel := context.WithTimeout(a.ctx, 30*time.Second)
	defer cancel()
	if _, err := syncer.NormalizeURL(url); err == nil && strings.TrimSpace(code) != "" {
		a.stopSync() // the old connection's engine, if any
	}
	var ca []byte
	if strings.TrimSpace(caPEM) != "" {
		ca = []byte(caPEM)
	}
	_, err = syncer.ConnectCA(ctx, db, url, code, ca, nil)
	a.startSync() // the new connection, or the old one again if this failed
	a.syncStatusChanged()
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = involve.Errorf(involve.EUNAVAILABLE, "The server at %s did not answer in time. Try again later.", strings.TrimSpace(url))
		}
		return SyncStatus{}, err
	}
	return a.currentSyncStatus()
}

// DisconnectServer forgets the server and the device token and stops syncing. Every
// local record stays, and so do the changes not yet sent, the rejected changes and the
// conflicts: connecting again (to the same team) carries on where this left off.
func (a *App) DisconnectServer() (SyncStatus, error) {
	db, err := a.store()
	if err != nil {
		return SyncStatus{}, err
	}
	a.stopSync()
	if err := db.ForgetSyncConnection(a.ctx); err != nil {
		return SyncStatus{}, err
	}
	a.syncStatusChanged()
	return a.currentSyncStatus()
}

// SyncNow runs one sync now and returns the status afterwards; a sync already running
// is joined, not started twice. A failed sync is not an error of this call: the status
// says what went wrong, in plain words.
func (a *App) SyncNow() (SyncStatus, error) {
	db, err := a.store()
	if err != nil {
		return SyncStatus{}, err
	}
	e := a.syncEngine()
	if e == nil {
		set, err := db.SyncSettings(a.ctx)
		if err != nil {
			return SyncStatus{}, err
		}
		if !set.Connected() {
			return SyncStatus{}, syncer.ErrNotConnected
		}
		a.startSync()
		if e = a.syncEngine(); e == nil {
			return SyncStatus{}, involve.Errorf(involve.EUNAVAILABLE, "Sync could not start.")
		}
	}
	if _, err := e.SyncOnce(a.ctx, nil); errors.Is(err, context.Canceled) {
		return SyncStatus{}, err
	}
	return a.currentSyncStatus()
}

// ListConflicts lists the conflicts sync found: open ones first, newest first.
//
// Values (base, winner, loser, current) are JSON text in ConflictSide.Value, exactly
// as the record stores the field ("\"Library\"", "4", "[\"access\"]", "null"), with the
// same value in plain words in ConflictSide.Display.
func (a *App) ListConflicts() ([]ConflictView, error) {
	db, err := a.store()
	if err != nil {
		return nil, err
	}
	list, err := db.FindConflicts(a.ctx)
	if err != nil {
		return nil, err
	}
	themes := a.themeLabels(db)
	out := make([]ConflictView, 0, len(list))
	for _, c := range list {
		out = append(out, conflictView(c, themes))
	}
	return out, nil
}

// ResolveConflict settles a conflict. resolution is "kept" (the winner's value, which
// the record has), "replaced" (the loser's value goes back in) or "combined" (valueJSON,
// a JSON value a person made from both, such as "\"Library, upstairs\""; ignored
// otherwise). The record changes as a normal edit (validated, synced) and the
// conflict is marked resolved on every device.
func (a *App) ResolveConflict(id, resolution, valueJSON string) (ConflictView, error) {
	db, err := a.store()
	if err != nil {
		return ConflictView{}, err
	}
	var value json.RawMessage
	if resolution == involve.ResolutionCombined {
		value = json.RawMessage(strings.TrimSpace(valueJSON))
	}
	c, err := db.ResolveConflict(a.ctx, id, resolution, value)
	if err != nil {
		return ConflictView{}, err
	}
	a.changed(c.Entity, c.RecordID)
	a.syncStatusChanged()
	return conflictView(c, a.themeLabels(db)), nil
}

// ListRejectedChanges lists the changes the server refused, newest first.
func (a *App) ListRejectedChanges() ([]RejectedChange, error) {
	db, err := a.store()
	if err != nil {
		return nil, err
	}
	list, err := db.FindRejectedChanges(a.ctx)
	if err != nil {
		return nil, err
	}
	out := make([]RejectedChange, 0, len(list))
	for _, r := range list {
		out = append(out, RejectedChange{ChangeID: r.ChangeID, Entity: r.Entity, RecordID: r.RecordID,
			RecordTitle: r.RecordTitle, SessionID: r.SessionID, Reason: r.Reason, At: r.At})
	}
	return out, nil
}

func (a *App) themeLabels(db *store.DB) map[string]string {
	m := map[string]string{}
	themes, err := db.FindThemes(a.ctx, true)
	if err != nil {
		return m
	}
	for _, t := range themes {
		m[t.ID] = t.Label
	}
	return m
}

func conflictView(c store.ConflictInfo, themes map[string]string) ConflictView {
	v := ConflictView{ID: c.ID, Entity: c.Entity, RecordID: c.RecordID, RecordTitle: c.RecordTitle, RecordDeleted: c.RecordDeleted,
		SessionID: c.SessionID,
		Field:     c.Field, FieldLabel: fieldLabel(c.Entity, c.Field), Status: c.Status, Resolution: c.Resolution,
		ResolvedAt: c.ResolvedAt, ResolvedBy: c.ResolvedBy, CreatedAt: c.CreatedAt}
	side := func(val json.RawMessage, by, at, device string) ConflictSide {
		text := jsonText(val)
		return ConflictSide{Value: text, Display: displayValue(c.Entity, c.Field, text, themes), By: by, At: at, DeviceID: device}
	}
	v.Base = side(c.Base, "", "", "")
	v.Winner = side(c.Winner.Value, c.Winner.By, c.Winner.At, c.Winner.DeviceID)
	v.Loser = side(c.Loser.Value, c.Loser.By, c.Loser.At, c.Loser.DeviceID)
	v.Current = side(c.Current, "", c.CurrentAt, "")
	if v.RecordTitle == "" {
		v.RecordTitle = "(not on this laptop yet)"
	}
	v.Kind = jsonKind(v.Winner.Value)
	if v.Kind == "null" {
		v.Kind = jsonKind(v.Loser.Value)
	}
	if v.Kind == "null" {
		v.Kind = jsonKind(v.Base.Value)
	}
	return v
}

func jsonText(v json.RawMessage) string {
	s := strings.TrimSpace(string(v))
	if s == "" {
		return "null"
	}
	return s
}

// jsonKind is the JSON type of a value: string, number, boolean, array, object or null.
func jsonKind(text string) string {
	switch {
	case text == "" || text == "null":
		return "null"
	case text[0] == '"':
		return "string"
	case text[0] == '[':
		return "array"
	case text[0] == '{':
		return "object"
	case text == "true" || text == "false":
		return "boolean"
	}
	return "number"
}

// fieldLabel names a record field as the forms do (the kind's Labels).
func fieldLabel(entity, field string) string {
	if field == "deletedAt" {
		return "Deleted"
	}
	if k, ok := involve.KindOf(entity); ok && k.Labels[field] != "" {
		return k.Labels[field]
	}
	return field
}

// codedLists names the reference list a field's codes come from.
func codedList(entity, field string) []involve.RefItem {
	ref := involve.Reference()
	switch entity + "." + field {
	case "session.type":
		return ref.SessionTypes
	case "session.mode":
		return ref.SessionModes
	case "session.status":
		return ref.SessionStatuses
	case "session.involvementLevel":
		return ref.InvolvementLevels
	case "session.engagementStage":
		return ref.EngagementStages
	case "session.standards":
		return ref.Standards
	case "session.accessSupport":
		return ref.AccessSupport
	case "session.borough", "feedback.borough", "project.boroughs":
		return ref.Boroughs
	case "feedback.source":
		return ref.FeedbackSources
	case "feedback.rating":
		return ref.Ratings
	case "feedback.ageBand":
		return ref.AgeBands
	case "feedback.ethnicGroup":
		return ref.EthnicGroups
	case "project.core20plus5":
		return ref.Core20Plus5
	case "project.plusGroups":
		return ref.PlusGroups
	}
	return nil
}

// displayValue puts a JSON value in plain words: text as it is, codes as their labels,
// booleans as Yes or No, lists joined with commas, nothing as "(empty)".
func displayValue(entity, field, text string, themes map[string]string) string {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return text
	}
	list := codedList(entity, field)
	label := func(code string) string {
		if entity == involve.EntityFeedback && field == "themes" {
			if l, ok := themes[code]; ok {
				return l
			}
		}
		for _, it := range list {
			if it.Code == code {
				return it.Label
			}
		}
		return code
	}
	switch x := v.(type) {
	case nil:
		if field == "deletedAt" {
			return "Not deleted"
		}
		return "(empty)"
	case string:
		if x == "" {
			return "(empty)"
		}
		if field == "deletedAt" {
			return "Deleted"
		}
		return label(x)
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	case float64:
		return label(strconv.FormatFloat(x, 'f', -1, 64))
	case []any:
		var parts []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				parts = append(parts, label(s))
			} else {
				b, _ := json.Marshal(e)
				parts = append(parts, string(b))
			}
		}
		if len(parts) == 0 {
			return "(empty)"
		}
		return strings.Join(parts, ", ")
	}
	return text
}

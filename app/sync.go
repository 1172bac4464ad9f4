package app

import (
	"github.com/hin-south-london/involve/app/involve"
)

// Sync states (SyncStatus.State).
const (
	SyncNotConnected = "not_connected" // no server set up: everything stays on this laptop
	SyncIdle         = "idle"          // connected, not syncing now
	SyncSyncing      = "syncing"       // a sync is running (Progress says how far)
	SyncOffline      = "offline"       // the server could not be reached; will try again
	SyncError        = "error"         // the last sync failed for another reason; will try again
	SyncUnauthorized = "unauthorized"  // the server no longer accepts this laptop: reconnect in Settings
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
	Field         string       `json:"field"` // JSON field name; "deletedAt" = deleted on one laptop, edited on another
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
	Reason      string `json:"reason"`
	At          string `json:"at"`
}

var errSyncNotReady = involve.Errorf(involve.EUNAVAILABLE, "Sync is not ready yet.")

// GetSyncStatus returns the sync status now.
func (a *App) GetSyncStatus() (SyncStatus, error) { return SyncStatus{}, errSyncNotReady }

// ConnectServer enrols this laptop with a server using a one-time enrolment code.
func (a *App) ConnectServer(url, code string) (SyncStatus, error) { return SyncStatus{}, errSyncNotReady }

// DisconnectServer forgets the server and the token; every local record stays.
func (a *App) DisconnectServer() (SyncStatus, error) { return SyncStatus{}, errSyncNotReady }

// SyncNow runs one sync and returns the status afterwards.
func (a *App) SyncNow() (SyncStatus, error) { return SyncStatus{}, errSyncNotReady }

// ListConflicts lists conflicts, open ones first.
func (a *App) ListConflicts() ([]ConflictView, error) { return nil, errSyncNotReady }

// ResolveConflict resolves a conflict: kept, replaced or combined (valueJSON).
func (a *App) ResolveConflict(id, resolution, valueJSON string) (ConflictView, error) {
	return ConflictView{}, errSyncNotReady
}

// ListRejectedChanges lists the changes the server refused.
func (a *App) ListRejectedChanges() ([]RejectedChange, error) { return nil, errSyncNotReady }

package app

// Event names the frontend listens to (EventsOn). One place, constants only.
const (
	// EventDataChanged carries DataChanged after any record changes.
	EventDataChanged = "data:changed"
	// EventIntegrity carries a StartupState when a background check finds damage.
	EventIntegrity = "store:integrity"
	// EventSyncStatus carries a SyncStatus whenever sync's state changes (at most 10 a
	// second while a sync runs).
	EventSyncStatus = "sync:status"
)

// DataChanged says which record changed. Entity and ID are empty after a sync that
// brought records from the server: any list may have changed.
type DataChanged struct {
	Entity string `json:"entity"`
	ID     string `json:"id"`
}

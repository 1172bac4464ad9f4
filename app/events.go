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

// DataChanged says which record changed.
type DataChanged struct {
	Entity string `json:"entity"`
	ID     string `json:"id"`
}

package desktop

// Event names the frontend listens to (EventsOn). One place, constants only.
const (
	// EventDataChanged carries DataChanged after any record changes.
	EventDataChanged = "data:changed"
	// EventIntegrity carries a StartupState when a background check finds damage.
	EventIntegrity = "store:integrity"
	// EventSyncStatus carries a SyncStatus whenever sync's state changes (at most 10 a
	// second while a sync runs).
	EventSyncStatus = "sync:status"
	// EventExportProgress carries ExportProgress while a workbook or CSV export runs
	// (at most 10 a second, and once at the end).
	EventExportProgress = "export:progress"
)

// DataChanged says which record changed. Entity and ID are empty after a sync that
// brought records from the server: any list may have changed.
type DataChanged struct {
	Entity string `json:"entity"`
	ID     string `json:"id"`
}

// ExportProgress is how far an export has got: rows written (Done) of Total (0 when
// not known). Kind is "xlsx" or "csv".
type ExportProgress struct {
	Kind  string `json:"kind"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

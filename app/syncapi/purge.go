package syncapi

// PurgedRecord is a record the server removed for good: a tombstone past its team's
// period for deleted records, or a conflict record about one (docs/sync-protocol.md
// "Purging deleted records"). A pull page lists those whose tombstone had a sequence
// number after the page's since and not after its cursor; the laptop removes them
// (the record, its search row, sync base, conflicts) and its unsent changes of them
// are rejected. A later change of such a record is rejected (code not_found,
// PurgedReason).
type PurgedRecord struct {
	Entity   string `json:"entity"`
	RecordID string `json:"recordId"`
}

// PurgedReason is why a change of a purged record is rejected, for the person at the
// laptop.
const PurgedReason = "This record was deleted on another laptop and its retention period has passed; your change was not kept."

package involve

import "encoding/json"

// Conflict records that the same field of one record was changed on two devices
// before either saw the other's change. The server keeps the winner (higher revision)
// in the record and stores the losing value here; every device of the team receives it
// and shows it until a person resolves it. It syncs like any other record.
type Conflict struct {
	Meta
	Entity     string          `json:"entity"`
	RecordID   string          `json:"recordId"`
	Field      string          `json:"field"` // JSON name; "deletedAt" = edited on one device, deleted on another
	Base       json.RawMessage `json:"base"`  // the value both started from
	Winner     ConflictValue   `json:"winner"`
	Loser      ConflictValue   `json:"loser"`
	Status     string          `json:"status"`               // open or resolved
	Resolution string          `json:"resolution,omitempty"` // kept (the winner), replaced (by the loser), combined (a new value)
	ResolvedAt string          `json:"resolvedAt,omitempty"`
	ResolvedBy string          `json:"resolvedBy,omitempty"`
}

// ConflictValue is one side of a conflict.
type ConflictValue struct {
	Value    json.RawMessage `json:"value"`
	Rev      int64           `json:"rev"`
	DeviceID string          `json:"deviceId"`
	By       string          `json:"by"`
	At       string          `json:"at"`
}

// Conflict statuses and resolutions.
const (
	ConflictOpen     = "open"
	ConflictResolved = "resolved"

	ResolutionKept     = "kept"
	ResolutionReplaced = "replaced"
	ResolutionCombined = "combined"
)

// Validate checks a conflict record's own fields.
func (c *Conflict) Validate() error {
	var p Problems
	if !IsEntity(c.Entity) || c.Entity == EntityConflict {
		p.Add("entity", "Conflict names an unknown kind of record")
	}
	if c.RecordID == "" || c.Field == "" {
		p.Add("recordId", "Conflict must name a record and a field")
	}
	switch c.Status {
	case ConflictOpen:
	case ConflictResolved:
		switch c.Resolution {
		case ResolutionKept, ResolutionReplaced, ResolutionCombined:
		default:
			p.Add("resolution", "Say whether the conflict was kept, replaced or combined")
		}
	default:
		p.Add("status", "Conflict status must be open or resolved")
	}
	return p.Err("conflict")
}

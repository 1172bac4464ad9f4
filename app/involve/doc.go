package involve

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// Doc is a record kept as one JSON document: the records of outcome-led involvement
// (attendance tallies, attendee profiles, actions, outcomes, contributors, rate
// cards, time and payment entries, consent records). Every Doc syncs, exports and
// merges field by field exactly like the core records; its kind (DocKind) tells the
// stores what it is. A Doc type is a struct embedding Meta, with a pointer receiver.
type Doc interface {
	// DocMeta returns the record's sync metadata.
	DocMeta() *Meta
	// DocEntity is the kind's entity name (as registered).
	DocEntity() string
	// Validate tidies the content (trims text, fills defaults) and returns an
	// EINVALID error listing every problem, like the Input types' Validate.
	Validate() error
	// Parent names the record this one belongs to, which must be stored first (a
	// tally's session, a time entry's contributor): entity and id, or "" for none.
	Parent() (entity, id string)
	// Title names the record for people (lists, conflicts), in a few words.
	Title() string
}

// DocKind describes one kind of Doc.
type DocKind struct {
	Entity string
	// Order places the kind in a pull page: records are applied in Order so that
	// parents come before their children (core records: theme 0 … feedback 3).
	Order int
	// New returns an empty record of the kind.
	New func() Doc
	// Labels name the content fields for people (conflicts), by JSON name.
	Labels map[string]string
	// Personal marks records that hold identifiable or special-category data
	// (contributors, consent, payments): they are kept out of aggregate exports.
	Personal bool
}

var (
	docMu    sync.RWMutex
	docKinds = map[string]DocKind{}
)

// RegisterDoc adds a kind of Doc. Each kind registers itself from its own file's
// init function; registering an entity twice panics.
func RegisterDoc(k DocKind) {
	docMu.Lock()
	defer docMu.Unlock()
	if k.Entity == "" || k.New == nil {
		panic("involve: DocKind needs an Entity and New")
	}
	if _, dup := docKinds[k.Entity]; dup {
		panic("involve: DocKind registered twice: " + k.Entity)
	}
	docKinds[k.Entity] = k
}

// DocKindOf returns the kind of a Doc entity.
func DocKindOf(entity string) (DocKind, bool) {
	docMu.RLock()
	defer docMu.RUnlock()
	k, ok := docKinds[entity]
	return k, ok
}

// IsDocEntity reports whether entity is a kind of Doc.
func IsDocEntity(entity string) bool { _, ok := DocKindOf(entity); return ok }

// DocKinds returns every kind, in pull order (then by name).
func DocKinds() []DocKind {
	docMu.RLock()
	out := make([]DocKind, 0, len(docKinds))
	for _, k := range docKinds {
		out = append(out, k)
	}
	docMu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Entity < out[j].Entity
	})
	return out
}

// NewDoc returns an empty record of entity.
func NewDoc(entity string) (Doc, error) {
	k, ok := DocKindOf(entity)
	if !ok {
		return nil, fmt.Errorf("unknown entity type %q", entity)
	}
	return k.New(), nil
}

// DecodeDoc decodes a Doc's JSON state (unknown fields ignored: a newer version may
// add some).
func DecodeDoc(entity string, state []byte) (Doc, error) {
	d, err := NewDoc(entity)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(state, d); err != nil {
		return nil, fmt.Errorf("%s state: %w", entity, err)
	}
	return d, nil
}

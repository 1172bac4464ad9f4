package involve

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// Every kind of record Involve keeps is declared once, in kinds below: its entity name
// (the wire name), its pull order, the laptop table that holds it, the kind of record
// it belongs to and which device roles may hold it. The laptop's store, the sync
// protocol, the server, the exports and the server's role filter read this list
// instead of keeping their own.

// Entity names: the outbox, the sync protocol, the server's records and the JSONL
// exports ("kind") all use them.
const (
	EntityTheme       = "theme"
	EntityProject     = "project"
	EntitySession     = "session"
	EntityFeedback    = "feedback"
	EntityTally       = "tally"       // a session's attendance tally
	EntityAttendee    = "attendee"    // an anonymous attendee profile
	EntityContributor = "contributor" // a Lived Experience Partner
	EntityRateCard    = "rate_card"
	EntityConsent     = "consent"
	EntityAction      = "action" // "you said, we did"
	EntityOutcome     = "outcome"
	EntityTimeEntry   = "time_entry" // the time and payment log
	// EntityPrivacyRequest: the register of information-rights requests (a lead's).
	EntityPrivacyRequest = "privacy_request"
	// EntityRetentionRule is a team's retention period for one kind of record.
	EntityRetentionRule = "retention_rule"
	// EntityRetentionHold is a lead's "keep until … because …" for one record.
	EntityRetentionHold = "retention_hold"
	EntityConflict      = "conflict"
)

// (EntityErasure, an erasure: erasure.go; EntityPublication, a "you said, we did"
// given back: publication.go; EntityQuestionSet, EntityResponse and
// EntityTranslation: question_set.go; EntityBenchmarkPopulation: benchmark_population.go;
// EntityStandardsAssessment, a lead's rating against the UK Standards:
// standards_assessment.go.)

// Roles is a set of device roles (DESIGN §7): who may hold a kind of record.
type Roles uint8

const (
	// RoleCapture devices (event and kiosk laptops) never hold an identifiable record.
	RoleCapture Roles = 1 << iota
	// RoleStaff devices hold their team's records.
	RoleStaff
	// RoleLead devices hold what staff hold; leads also approve payments, erase, answer
	// subject-access requests and download team reports.
	RoleLead

	// AnyRole: the record identifies nobody.
	AnyRole = RoleCapture | RoleStaff | RoleLead
	// StaffAndLead: the record identifies a person, so capture devices never hold it.
	StaffAndLead = RoleStaff | RoleLead
	// LeadOnly: the record is a lead's alone (the register of information-rights
	// requests): staff and capture devices never hold it.
	LeadOnly = RoleLead
)

// Has reports whether every role of r is in the set.
func (s Roles) Has(r Roles) bool { return r != 0 && s&r == r }

// DocTable is the laptop's table that holds every Doc, one JSON document a row.
const DocTable = "docs"

// Kind declares one kind of record.
type Kind struct {
	Entity string
	// Order places the kind in a pull page: records are applied in Order so that the
	// records others point at come first (theme 0 … feedback 3, Docs 10 and up,
	// conflicts last).
	Order int
	// Table is the laptop's table that holds the kind: its own table for a core record
	// (projects, sessions…), DocTable for a Doc.
	Table string
	// Parent is the kind of record this one belongs to, which must be stored first;
	// ParentOf gives a record's parent id. "" for none, or when each record names its
	// own (a consent record's subject: a contributor or a feedback item).
	Parent string
	// HeldBy says which device roles may hold records of the kind. The server enforces
	// it (app/server/roles.go): pulls send only what the device's role may hold, and
	// pushes of anything else are refused. A conflict is held where its record may be
	// held (it carries one of the record's values).
	HeldBy Roles
	// EditedBy says which roles may change records of the kind, when fewer than hold
	// it (0: every role that holds it): the retention schedule is a lead's to set. The
	// laptop refuses a local change (app/store) and the server a pushed one
	// (app/server/roles.go), both with EFORBIDDEN.
	EditedBy Roles
	// Personal marks records that hold identifiable or special-category data
	// (contributors, consent, payments): they are kept out of aggregate exports.
	Personal bool
	// Labels name the content fields for people (conflicts), by JSON name.
	Labels map[string]string
	// New returns an empty record of a Doc kind; nil for a core record.
	New func() Doc

	newCore      func() any      // a core record: an empty one
	validateCore func(any) error // a core record: the domain rules (see Validate)
}

// IsDoc reports whether the kind is a Doc (kept in DocTable) rather than a core record.
func (k Kind) IsDoc() bool { return k.New != nil }

// NewRecord returns an empty record of the kind: a pointer to a core type (*Project,
// *Session…) or a Doc.
func (k Kind) NewRecord() any {
	if k.New != nil {
		return k.New()
	}
	return k.newCore()
}

// Validate applies the domain rules a record of the kind must pass when it arrives
// from another device: it tidies what the type's Validate tidies and returns an
// EINVALID error listing every problem.
func (k Kind) Validate(rec any) error {
	if k.validateCore != nil {
		return k.validateCore(rec)
	}
	return rec.(Doc).Validate()
}

// kinds is every kind of record, in pull order.
var kinds = []Kind{
	{Entity: EntityTheme, Order: 0, Table: "themes", HeldBy: AnyRole, Labels: themeLabels,
		newCore: func() any { return &Theme{} },
		validateCore: func(r any) error {
			_, err := ValidateThemeLabel(r.(*Theme).Label) // the label is checked as sent
			return err
		}},
	{Entity: EntityProject, Order: 1, Table: "projects", HeldBy: AnyRole, Labels: projectLabels,
		newCore:      func() any { return &Project{} },
		validateCore: func(r any) error { return r.(*Project).ProjectInput.Validate() }},
	{Entity: EntitySession, Order: 2, Table: "sessions", Parent: EntityProject, HeldBy: AnyRole, Labels: sessionLabels,
		newCore: func() any { return &Session{} },
		validateCore: func(r any) error {
			s := r.(*Session)
			if err := s.SessionInput.Validate(); err != nil {
				return err
			}
			return ValidateNotes(s.Notes)
		}},
	{Entity: EntityFeedback, Order: 3, Table: "feedback", Parent: EntitySession, HeldBy: AnyRole, Labels: feedbackLabels,
		newCore:      func() any { return &Feedback{} },
		validateCore: func(r any) error { return r.(*Feedback).FeedbackInput.Validate() }},
	{Entity: EntityTally, Order: 10, Table: DocTable, Parent: EntitySession, HeldBy: AnyRole, Labels: tallyLabels,
		New: func() Doc { return &Tally{} }},
	{Entity: EntityAttendee, Order: 11, Table: DocTable, Parent: EntitySession, HeldBy: AnyRole, Labels: attendeeLabels,
		New: func() Doc { return &Attendee{} }},
	{Entity: EntityContributor, Order: 12, Table: DocTable, HeldBy: StaffAndLead, Personal: true, Labels: contributorLabels,
		New: func() Doc { return &Contributor{} }},
	// A rate card is an amount per unit of time: it identifies nobody.
	{Entity: EntityRateCard, Order: 13, Table: DocTable, HeldBy: AnyRole, Labels: rateCardLabels,
		New: func() Doc { return &RateCard{} }},
	{Entity: EntityConsent, Order: 14, Table: DocTable, HeldBy: StaffAndLead, Personal: true, Labels: consentLabels,
		New: func() Doc { return &Consent{} }},
	{Entity: EntityAction, Order: 15, Table: DocTable, HeldBy: AnyRole, Labels: actionLabels,
		New: func() Doc { return &Action{} }},
	{Entity: EntityOutcome, Order: 16, Table: DocTable, Parent: EntityProject, HeldBy: AnyRole, Labels: outcomeLabels,
		New: func() Doc { return &Outcome{} }},
	{Entity: EntityTimeEntry, Order: 17, Table: DocTable, Parent: EntityContributor, HeldBy: StaffAndLead, Personal: true,
		Labels: timeEntryLabels, New: func() Doc { return &TimeEntry{} }},
	// The register of requests is shown to leads only (issue 13); it names who asked.
	{Entity: EntityPrivacyRequest, Order: 18, Table: DocTable, HeldBy: LeadOnly, Personal: true,
		Labels: privacyRequestLabels, New: func() Doc { return &PrivacyRequest{} }},
	// The retention schedule is read everywhere (a capture laptop keeps attendee
	// profiles and feedback) and set by a lead; a hold's reason may name a person.
	{Entity: EntityRetentionRule, Order: 19, Table: DocTable, HeldBy: AnyRole, EditedBy: RoleLead,
		Labels: retentionRuleLabels, New: func() Doc { return &RetentionRule{} }},
	{Entity: EntityRetentionHold, Order: 20, Table: DocTable, HeldBy: StaffAndLead, EditedBy: RoleLead, Personal: true,
		Labels: retentionHoldLabels, New: func() Doc { return &RetentionHold{} }},
	// An erasure names a record and holds nothing of it: every device applies it to what
	// it holds (a capture laptop holds feedback). Only a lead erases.
	{Entity: EntityErasure, Order: 21, Table: DocTable, HeldBy: AnyRole, EditedBy: RoleLead,
		Labels: erasureLabels, New: func() Doc { return &Erasure{} }},
	// A publication names the actions it gave back and holds none of their text: held
	// and made wherever actions are (it marks them communicated back).
	{Entity: EntityPublication, Order: 22, Table: DocTable, HeldBy: AnyRole,
		Labels: publicationLabels, New: func() Doc { return &Publication{} }},
	// Question sets are team-wide templates; a response holds anonymous answers (its
	// feedback item's words rules apply: erased, kept and quoted with it); a
	// translation holds a set's, the kiosk's or an action's words in another language.
	{Entity: EntityQuestionSet, Order: 23, Table: DocTable, HeldBy: AnyRole, Labels: questionSetLabels,
		New: func() Doc { return &QuestionSet{} }},
	{Entity: EntityTranslation, Order: 24, Table: DocTable, HeldBy: AnyRole, Labels: translationLabels,
		New: func() Doc { return &Translation{} }},
	{Entity: EntityResponse, Order: 25, Table: DocTable, Parent: EntityFeedback, HeldBy: AnyRole, Labels: responseLabels,
		New: func() Doc { return &Response{} }},
	// A self-assessment against the UK Standards names nobody: held everywhere, rated
	// by a lead.
	{Entity: EntityStandardsAssessment, Order: 26, Table: DocTable, HeldBy: AnyRole, EditedBy: RoleLead,
		Labels: standardsAssessmentLabels, New: func() Doc { return &StandardsAssessment{} }},
	// A benchmark population counts people per category (a census's): it names nobody.
	// A lead imports it; every device holds it to compare reach with.
	{Entity: EntityBenchmarkPopulation, Order: 27, Table: DocTable, HeldBy: AnyRole, EditedBy: RoleLead,
		Labels: benchmarkLabels, New: func() Doc { return &BenchmarkPopulation{} }},
	{Entity: EntityConflict, Order: 1000, Table: "conflicts", HeldBy: AnyRole,
		newCore:      func() any { return &Conflict{} },
		validateCore: func(r any) error { return r.(*Conflict).Validate() }},
}

var (
	kindMu sync.RWMutex
	byName map[string]Kind // kinds by entity, and those RegisterDoc adds
)

// init indexes kinds (in a function: Conflict.Validate, which kinds names, reads the
// index).
func init() {
	byName = make(map[string]Kind, len(kinds))
	for _, k := range kinds {
		byName[k.Entity] = k
	}
}

// RegisterDoc adds a kind of Doc beyond those declared in kinds (tests use it to show
// that a new kind needs nothing else). Registering an entity twice panics.
func RegisterDoc(k Kind) {
	kindMu.Lock()
	defer kindMu.Unlock()
	if k.Entity == "" || k.New == nil || k.HeldBy == 0 {
		panic("involve: a Doc kind needs an Entity, New and HeldBy")
	}
	if _, dup := byName[k.Entity]; dup {
		panic("involve: kind registered twice: " + k.Entity)
	}
	if k.Table == "" {
		k.Table = DocTable
	}
	byName[k.Entity] = k
}

// KindOf returns the kind of an entity.
func KindOf(entity string) (Kind, bool) {
	kindMu.RLock()
	defer kindMu.RUnlock()
	k, ok := byName[entity]
	return k, ok
}

// IsEntity reports whether e names a kind of record.
func IsEntity(e string) bool { _, ok := KindOf(e); return ok }

// Kinds returns every kind, in pull order (then by name).
func Kinds() []Kind { return sortedKinds(func(Kind) bool { return true }) }

// DocKindOf returns the kind of a Doc entity (false for a core record).
func DocKindOf(entity string) (Kind, bool) {
	k, ok := KindOf(entity)
	return k, ok && k.IsDoc()
}

// IsDocEntity reports whether entity is a kind of Doc.
func IsDocEntity(entity string) bool { _, ok := DocKindOf(entity); return ok }

// DocKinds returns every kind of Doc, in pull order (then by name).
func DocKinds() []Kind { return sortedKinds(Kind.IsDoc) }

func sortedKinds(keep func(Kind) bool) []Kind {
	kindMu.RLock()
	out := make([]Kind, 0, len(byName))
	for _, k := range byName {
		if keep(k) {
			out = append(out, k)
		}
	}
	kindMu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].Entity < out[j].Entity
	})
	return out
}

// NewRecord returns an empty record of entity (see Kind.NewRecord).
func NewRecord(entity string) (any, error) {
	k, ok := KindOf(entity)
	if !ok {
		return nil, fmt.Errorf("unknown entity type %q", entity)
	}
	return k.NewRecord(), nil
}

// MetaOf returns a record's sync metadata (every record type embeds Meta).
func MetaOf(rec any) *Meta { return rec.(interface{ RecordMeta() *Meta }).RecordMeta() }

// RecordMeta returns the metadata itself: every record, by embedding Meta, gets it.
func (m *Meta) RecordMeta() *Meta { return m }

// ParentOf names the record rec belongs to, which must be stored first (a feedback
// item's session, a tally's session, a time entry's contributor): entity and id, id
// "" for none.
func ParentOf(rec any) (entity, id string) {
	if p, ok := rec.(interface{ Parent() (string, string) }); ok {
		return p.Parent()
	}
	return "", ""
}

// Doc is a record kept as one JSON document: the records of outcome-led involvement
// (attendance tallies, attendee profiles, actions, outcomes, contributors, rate
// cards, time and payment entries, consent records). Every Doc syncs, exports and
// merges field by field exactly like the core records; its Kind tells the stores what
// it is. A Doc type is a struct embedding Meta, with a pointer receiver.
type Doc interface {
	// DocMeta returns the record's sync metadata.
	DocMeta() *Meta
	// DocEntity is the kind's entity name (as declared).
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

// NewDoc returns an empty record of a Doc entity.
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

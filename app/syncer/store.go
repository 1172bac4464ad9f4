package syncer

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Store is the laptop's database as the engine sees it (app/store implements it):
// storage calls only. The engine decides what happens to each push result and each
// pulled change (push.go, pull.go); the store reads and writes what it is told, in
// batches.
type Store interface {
	DeviceID() string
	UserName() string
	// NextRev is a new revision of this device, greater than prev.
	NextRev(prev int64) int64
	// Holds reports whether the store has a place for records of entity; Decode turns
	// a state into the record the store writes (safe to call from any goroutine).
	Holds(entity string) bool
	Decode(entity string, state []byte) (any, *involve.Meta, error)

	SyncSettings(ctx context.Context) (Settings, error)
	SaveSyncConnection(ctx context.Context, c Connection) error
	RecordSyncAttempt(ctx context.Context, at time.Time) error
	RecordSyncResult(ctx context.Context, at time.Time, code, message string) error
	SyncCounts(ctx context.Context) (pending, rejected, conflicts int, err error)
	MaxOutboxSeq(ctx context.Context) (int64, error)

	// Sealed fields (app/store's sealing.go, teamkey.go): HasPassphrase says whether a
	// passphrase locks Involve on this laptop and Unlocked whether the store holds its
	// keys (a store with a passphrase that does not is locked: sync waits).
	// NeedsTeamKey says whether the laptop should fetch its team's key before it
	// syncs; InstallTeamKey keeps it (the store copies what it keeps).
	HasPassphrase(ctx context.Context) (bool, error)
	Unlocked() bool
	NeedsTeamKey(ctx context.Context) (bool, error)
	InstallTeamKey(ctx context.Context, k *lockbox.TeamKey) error

	// SyncTx runs fn in one write transaction; an error from fn rolls it back.
	SyncTx(ctx context.Context, fn func(Tx) error) error
}

// Preparer is a Store that does, as a page is decoded (outside the transaction, on
// the goroutine that fetches and decodes pages ahead of the one applying them), the
// work on a pulled record that depends on nothing but the record and its state:
// Prepare's answer goes to the transaction's PutPrepared with the record (issue 17, the
// first pull, round 4). nil: nothing prepared.
type Preparer interface {
	Prepare(rec any, state []byte) any
}

// PreparedPutter is a Tx that takes what its Store prepared (Preparer): PutPrepared
// is PutPulled with it (prep may be nil).
type PreparedPutter interface {
	PutPrepared(rec any, isNew bool, prep any) error
}

// Tx is one sync transaction: a push group's answers (and the next group taken), or
// one pull page with its cursor. Reads are set-based where the engine asks about many
// records. Writes marked "collected" are written in multi-row statements at Flush:
// nothing reads them back before (Flush before reading what they change).
type Tx interface {
	// Take returns at most n pending outbox entries with after < seq <= upTo (upTo 0:
	// no bound), oldest first, stopping before the first entry busy reports true for,
	// and marks them sent.
	Take(after, upTo int64, n int, busy func(Key) bool) ([]OutboxEntry, error)
	// Remove deletes the entries taken (named by Seq and ChangeID) that are still
	// pending and says which it deleted, by change id.
	Remove(taken []*OutboxEntry) (map[string]bool, error)
	// Reject marks a pending entry taken (named by Seq and ChangeID) rejected with the
	// reason (false: it was not pending).
	Reject(e *OutboxEntry, reason string) (bool, error)
	// RebaseUnsent sets base revision to on the unsent pending entries of a record
	// based on revision from.
	RebaseUnsent(k Key, from, to int64) error
	// Waiting lists the pending entries of each record, oldest first.
	Waiting(keys []Key) (map[Key][]Waiting, error)
	// WaitingState is a pending entry's state.
	WaitingState(seq int64) (json.RawMessage, error)
	// SetWaiting gives a pending entry a new base revision and, when state is not nil,
	// a new revision and state.
	SetWaiting(seq, baseRev, rev int64, state json.RawMessage) error

	// Bases are the revisions of the records' sync bases; BaseStates their states.
	Bases(keys []Key) (map[Key]int64, error)
	BaseStates(keys []Key) (map[Key]json.RawMessage, error)
	// PutBase records the server's state of a record unless a newer one is known, and
	// says whether it did; CollectBase is the same, collected.
	PutBase(k Key, rev int64, state json.RawMessage) (bool, error)
	CollectBase(k Key, rev int64, state json.RawMessage)
	// Park marks a record's sync base as waiting for its parent (collected); Unpark
	// clears that; Parked lists the parked bases, projects first, then sessions.
	Park(k Key)
	Unpark(k Key) error
	Parked() ([]syncapi.PulledChange, error)
	ParkedCount() (int, error)

	// TeamID is the team this laptop syncs with.
	TeamID() (string, error)
	// Local is what the laptop has of each record (found ones only, deleted or not).
	Local(keys []Key) (map[Key]Local, error)
	// LoadParents reads at once whether the records recs point at exist;
	// ParentExists answers for one record (from what was read, else by asking).
	LoadParents(recs []any) error
	ParentExists(rec any) (bool, error)
	// Put writes a record's full state (search index included) at once. PutPulled is
	// Put for a pulled record (isNew: it was not here): feedback items are collected,
	// and the search index of sessions and feedback is updated at Flush.
	Put(rec any) error
	PutPulled(rec any, isNew bool) error
	// Touch sets a record's team and updated time only (collected); row is Local.Row.
	Touch(entity string, row int64, team, updatedAt string)
	// Stamp gives a record still at revision sentRev the server's revision and team,
	// and its update time unless updatedAt is "" (a server that does not say).
	Stamp(k Key, sentRev, rev int64, team, updatedAt string) error
	// StampSent records changes the server stored as sent, each of a record nothing
	// else touches: the sync base becomes the sent state (unless a newer one is known)
	// and, where it did, the record is stamped as Stamp does.
	StampSent(team string, acks []SentAck) error

	// AssumeNew takes a record to be new to this laptop: no sync base and no row, so
	// its lookups (Bases, Local) were skipped. The next Flush writes its base and row
	// (PutPulled with isNew) only as new ones, and returns ErrNotNew, having written
	// nothing more, when either was there: the transaction is then to be rolled back and
	// its pages applied again with the lookups (pullnew.go).
	AssumeNew(k Key)
	// Flush writes what was collected.
	Flush() error
	// SaveCursor records the pull cursor. MoveCursor records to when the cursor
	// recorded is from, and says whether it did.
	SaveCursor(cursor string) error
	MoveCursor(from, to string) (bool, error)

	// Role is the device's role as stored (Settings.Role). SetRole stores a new one
	// and, unless notice is "", what changing to it did (Settings.RoleNotice, with the
	// time).
	Role() (string, error)
	SetRole(role, notice string) error
	// RemoveKinds removes every record of the entities from the laptop, with secure
	// deletion: the records, their search index rows, their outbox entries (pending,
	// sent or rejected), their sync bases (parked or not), and the conflicts about them
	// with the conflicts' own outbox entries and sync bases. It says how many live
	// records of each entity went, and how many changes not accepted by the server yet.
	RemoveKinds(entities []string) (Removed, error)
	// HasPassphrase says whether a passphrase locks Involve on this laptop (pulled
	// records of a Personal kind wait for one: pull.go).
	HasPassphrase() (bool, error)
	// SaveConnection is Store.SaveSyncConnection inside the transaction.
	SaveConnection(c Connection) error
}

// Key names a record: its entity and id.
type Key struct{ Entity, ID string }

// Local is what the laptop has of a record.
type Local struct {
	Row                          int64 // the store's row (for Touch)
	Rev                          int64
	TeamID, UpdatedAt, DeletedAt string
	Status                       string // conflicts only
}

// Waiting is a pending outbox entry of a record.
type Waiting struct {
	Seq, BaseRev, Rev int64
	Sent              bool // sent, answer not recorded yet
}

// SentAck is a change the server stored as sent, with the server's revision and
// update time ("" from a server that does not say).
type SentAck struct {
	Entry     *OutboxEntry
	Rev       int64
	UpdatedAt string
}

// OutboxEntry is one change waiting to be pushed to the server (DESIGN §5).
type OutboxEntry struct {
	Seq      int64           `json:"seq"`
	ChangeID string          `json:"changeId"`
	Entity   string          `json:"entity"`
	RecordID string          `json:"recordId"`
	BaseRev  int64           `json:"baseRev"`
	Rev      int64           `json:"rev"`
	State    json.RawMessage `json:"state"`
	Status   string          `json:"status"`
	Error    string          `json:"error,omitempty"`
	// Row is the store's row of the record of an entry whose state the store reads
	// from that row (0: not known); the store's own hint, never sent.
	Row int64 `json:"-"`
}

// Settings is this laptop's connection to a server and where its sync stands.
type Settings struct {
	ServerURL   string
	DeviceToken string
	TeamID      string
	TeamName    string
	DeviceName  string
	ConnectedAt string
	Limits      syncapi.Limits
	Cursor      string // the last pull page's cursor ("" before the first pull)
	// CAPEM is the team's own certificate authority (PEM, from `involve connect --ca`):
	// when set, it is the only authority trusted for the server; "" is the system's.
	CAPEM string
	// Role is the device's role as the server last said (involve.RoleName*: enrolment,
	// then every pull); "" when not connected or the server predates roles (staff).
	Role string
	// RoleNotice says what the last change of role did (removed records, discarded
	// changes), from RoleChangedAt on; "" if the role never changed.
	RoleNotice, RoleChangedAt string

	LastSyncAt    string // the last sync that finished
	LastAttemptAt string // the last sync that started
	LastError     string // why the last sync failed ("" if it did not)
	LastErrorCode string // its code (syncapi error code, or "network")
}

// Connected reports whether a server and a device token are set.
func (s Settings) Connected() bool { return s.ServerURL != "" && s.DeviceToken != "" }

// Connection is what enrolment gives a laptop.
type Connection struct {
	ServerURL   string
	DeviceToken string
	TeamID      string
	TeamName    string
	DeviceName  string
	Limits      syncapi.Limits
	CAPEM       string // the team's own certificate authority (PEM), or ""
	Role        string // the device's role from the enrolment (involve.RoleName*), or "" (a server before roles)
}

// Package serverstore defines the central server's storage: the types it keeps and the
// Store interface that both implementations satisfy (app/serversqlite, the default,
// and app/serverpostgres). The same test suite (app/serverstoretest) runs against both.
// No implementation keeps state in memory that another server process would need:
// several servers can share one PostgreSQL database.
package serverstore

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// ErrNotFound is returned when a lookup finds nothing.
var ErrNotFound = errors.New("not found")

// ErrEnrolment is returned by Enrol for a code that is unknown, used or expired (the
// caller does not say which: a guesser learns nothing).
var ErrEnrolment = errors.New("enrolment code is not valid")

// ErrDeviceExists is returned by Enrol when the device id is already enrolled (in any
// team, revoked or not) and the code was not made for that device (Enrolment.ForDevice).
var ErrDeviceExists = errors.New("device id is already enrolled")

// ErrOtherTeam is returned by Tx.GetRecord when the team has no record with that id
// but another team has. Record ids are per team (starter themes have the same id in
// every team), so the push rejects such a change as forbidden for every entity except
// themes, whose ids are derived from their labels.
var ErrOtherTeam = errors.New("record belongs to another team")

// Team is one organisation's (or team's) dataset. Every query is scoped to a team.
type Team struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// Device is an enrolled laptop. Only the hash of its token is stored.
type Device struct {
	ID         string // the laptop's own device id
	TeamID     string
	Name       string
	UserName   string
	TokenHash  string // hex SHA-256 of the token
	EnrolledAt time.Time
	RevokedAt  *time.Time
	LastSeenAt *time.Time
	// Role is the device's role: "capture", "staff" or "lead" (involve.RoleName*),
	// given by its enrolment code and changed by SetDeviceRole.
	Role string
}

// Enrolment is a one-time code, stored as a hash, that expires.
type Enrolment struct {
	CodeHash  string
	TeamID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
	DeviceID  string // the device that used the code
	// ForDevice, when set, binds the code to one device id (involve-server device
	// reenrol): it enrols that id only, and may replace that device's token.
	ForDevice string
	// Role is the role the code gives the device it enrols ("capture", "staff" or
	// "lead"); the store refuses any other.
	Role string
}

// Enrolled is what Enrol did: the code's team and, when the code re-enrolled a device
// that existed (a code bound to it), that device as it was before (its team may differ
// from Team: the device moved).
type Enrolled struct {
	Team     Team
	Previous *Device
	Role     string // the role the device has now (the code's)
}

// Record is a record's latest state in a team's dataset. Seq is the team-wide,
// monotonic position of its latest change: pulls return records with Seq > cursor.
type Record struct {
	TeamID    string
	Entity    string
	ID        string
	Rev       int64
	Seq       int64
	State     json.RawMessage
	DeviceID  string // device of the latest change ("server" for merges)
	UpdatedAt time.Time
}

// Revision is one stored version of a record (history and merge base).
type Revision struct {
	TeamID    string
	Entity    string
	RecordID  string
	Rev       int64
	State     json.RawMessage
	DeviceID  string
	ChangeID  string
	CreatedAt time.Time
}

// AuditEntry is one line of the audit log (enrolments, revocations, pushes, exports,
// pulls of identifiable records, failed authentications). TeamID is "" for an entry
// about the whole server (ServerTeam).
type AuditEntry struct {
	At       time.Time
	TeamID   string
	DeviceID string
	Action   string // "team.add", "enrol.code", "enrol", "device.revoke", "push", …
	Detail   string
	// Seq and Hash place the entry in the hash chain (auditchain.go). The store sets
	// them when it appends the entry; what a caller puts there is ignored. Hash is ""
	// for an entry the chain does not cover (one written without it).
	Seq  int64
	Hash string
}

// Store is the server's storage.
type Store interface {
	// Migrate applies the embedded, numbered migrations (safe to call from several
	// processes at once).
	Migrate(ctx context.Context) error
	// Ping tells /readyz whether the database answers.
	Ping(ctx context.Context) error
	Close() error

	CreateTeam(ctx context.Context, t Team) error
	FindTeam(ctx context.Context, idOrName string) (Team, error)
	ListTeams(ctx context.Context) ([]Team, error)

	CreateEnrolment(ctx context.Context, e Enrolment) error
	// Enrol uses the code (once, before it expires) and creates the device, atomically.
	// A code that is unknown, used, expired, or bound to another device id
	// (Enrolment.ForDevice) gives ErrEnrolment. A device id that is already enrolled
	// (in any team, revoked or not) gives ErrDeviceExists unless the code is bound to
	// that id: device ids are not secret, so only an administrator's code for exactly
	// that device may replace it. Such a re-enrolment replaces the token, name and user
	// name, clears a revocation, gives it the code's role and moves the device to the
	// code's team (its records stay where they are); Enrolled.Previous is the device as
	// it was. A new device gets the code's role. A refused
	// enrolment changes nothing (the code stays unused).
	Enrol(ctx context.Context, codeHash string, now time.Time, d Device) (Enrolled, error)
	DeviceByTokenHash(ctx context.Context, tokenHash string) (Device, error)
	TouchDevice(ctx context.Context, deviceID string, now time.Time) error
	ListDevices(ctx context.Context, teamID string) ([]Device, error)
	RevokeDevice(ctx context.Context, deviceID string, now time.Time) error
	// SetDeviceRole changes a device's role and returns the role it had (ErrNotFound
	// for an unknown device). The device's next request sees the new role.
	SetDeviceRole(ctx context.Context, deviceID, role string) (old string, err error)

	// InTeamTx runs fn in one transaction, serialised with every other InTeamTx of the
	// same team (so sequence numbers commit in order and a pull never skips one). fn may
	// be called again when the database asks for a retry (serialisation failure,
	// deadlock): it must not carry results across calls.
	InTeamTx(ctx context.Context, teamID string, fn func(tx Tx) error) error
	// Pull returns the team's records with Seq > since, by Seq, at most limit.
	Pull(ctx context.Context, teamID string, since int64, limit int) ([]Record, error)
	// Records streams every live and deleted record of a team (exports, tests).
	Records(ctx context.Context, teamID string, fn func(Record) error) error
	// RecordsAfter returns up to limit of the team's records of one entity whose id is
	// greater than afterID (byte order; "" for the first page), by id, deleted ones too
	// (a deleted record's state says so). Each page is one short query: a caller that
	// pages through a team's feedback (reports, EachRecord) holds no connection and no
	// snapshot while it works on a page, and memory is one page.
	RecordsAfter(ctx context.Context, teamID, entity, afterID string, limit int) ([]Record, error)

	// Audit appends an entry to the audit log and to its hash chain (ChainHash): the
	// append is serialised with every other, of every team and every process.
	Audit(ctx context.Context, e AuditEntry) error
	// ListAudit returns the team's latest entries, newest first (limit <= 0: all);
	// teamID ServerTeam lists the entries about the whole server.
	ListAudit(ctx context.Context, teamID string, limit int) ([]AuditEntry, error)

	QuotaStore   // quota.go
	TeamKeyStore // teamkey.go
	// EachAudit hands every entry of the whole log (every team), with its Seq and
	// Hash, to fn in the order they were written (VerifyAudit).
	EachAudit(ctx context.Context, fn func(AuditEntry) error) error
}

// Tx is the write side of a push, inside InTeamTx.
type Tx interface {
	// ChangeResult returns the stored result of a change id already handled by the
	// transaction's team (change results are scoped to a team like everything else).
	// recordID is the record the change is about: a store may keep the result of a
	// change that created its record in the record's row (AppliedResult) and find it
	// there.
	ChangeResult(ctx context.Context, changeID, recordID string) (json.RawMessage, bool, error)
	SaveChangeResult(ctx context.Context, teamID, deviceID, changeID string, result json.RawMessage) error
	// GetRecord returns the team's record; found is false when the team has none, and
	// the error is ErrOtherTeam when only another team has a record with that id.
	GetRecord(ctx context.Context, teamID, id string) (Record, bool, error)
	// GetRevision returns the revision rev of a record. Several revisions may share a
	// rev (a device's submitted state and a stored state): the first stored is returned.
	GetRevision(ctx context.Context, teamID, recordID string, rev int64) (Revision, bool, error)
	// PutRecord assigns r.Seq (the team's next sequence number) and stores the record.
	PutRecord(ctx context.Context, r *Record) error
	AddRevision(ctx context.Context, r Revision) error
	// EntityRecords returns the team's records of one entity (deleted ones too) as the
	// transaction sees them: what is stored, with the transaction's own PutRecords
	// over it. The push's rules that span records read a few small sets with it (the
	// team's rate cards, its consent records).
	EntityRecords(ctx context.Context, teamID, entity string) ([]Record, error)
	// RevisionStates returns the states of every stored revision of a record, the
	// transaction's own AddRevisions included, oldest first.
	RevisionStates(ctx context.Context, teamID, recordID string) ([]json.RawMessage, error)
	// Audit appends an entry as Store.Audit does, when the transaction commits.
	Audit(ctx context.Context, e AuditEntry) error

	QuotaTx // quota.go
	EraseTx // erasure.go
}

// Prefetcher is an optional Tx method: read, in one round trip, the stored results of
// a batch's change ids and the team's records with the given ids, so that the push
// loop's lookups need no further round trips. A store over the network (PostgreSQL)
// implements it; the push works the same without it.
type Prefetcher interface {
	Prefetch(ctx context.Context, changeIDs, recordIDs []string) error
}

// RawPuller is an optional Store method: Pull that hands each record of the page to fn
// as the database returns it, in sequence order (entity, id and state are only valid
// during the call), so that the server writes a page without building records first.
// The same records as Pull, and the same snapshot rule.
type RawPuller interface {
	PullRaw(ctx context.Context, teamID string, since int64, limit int, fn func(seq int64, entity, id []byte, rev int64, state []byte) error) error
}

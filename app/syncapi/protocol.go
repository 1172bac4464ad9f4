// Package syncapi is the sync protocol between the desktop app and the central server
// (docs/sync-protocol.md): the request and response bodies, error codes, and the
// field-by-field merge both sides rely on. The entities that sync are the kinds of
// record involve declares (involve.Kinds). It imports no HTTP
// server, database or Wails code, so the client, the server and the tests share it.
package syncapi

import "encoding/json"

// Protocol is the version of the protocol this build speaks. It is sent in the
// Involve-Protocol request header and in /v1/info. Versions only add optional fields
// within /v1; a breaking change gets a new URL prefix.
const Protocol = 1

// ProtocolHeader carries the client's protocol version on every request.
const ProtocolHeader = "Involve-Protocol"

// Defaults the server advertises in /v1/info and the enrolment response.
const (
	DefaultMaxBodyBytes = 8 << 20 // 8 MiB per request body (after gzip decoding)
	// DefaultMaxBatch is the most changes a push carries. A lone laptop's bulk push of
	// the issue-17 data set (100 000 records) is then some 40 requests, within one burst
	// of the server's default per-device rate (server.DefaultDeviceRate): at 1 000 it
	// was over 100 and met the rate's 429 before it ended (docs/decisions.md,
	// 2026-12-08 "pushes of 2 500").
	DefaultMaxBatch = 2500
	// MinDailyChanges is the least a daily changes quota may be (a push is taken whole
	// or not at all). A server whose quota for a team is under its MaxBatch asks that
	// team's laptops for pushes no larger than the quota (the push answer's Batch).
	MinDailyChanges  = 1000
	DefaultPullLimit = 1000 // changes per pull page
	MaxPullLimit     = 5000
	// FirstPushBatch bounds a sync's first push, which goes alone: its answer says
	// whether the server takes pushes in a row and whether it is busy (Batch), before
	// a large push waits behind other devices' (docs/sync-protocol.md).
	FirstPushBatch = 100
)

// Bounds on what a server may send, so that a laptop can refuse anything beyond them
// (a server, or whatever answers in its name, is as untrusted as any input: an answer
// is read whole into memory, and a small gzip body inflates to any size).
const (
	// MaxBodyBytesLimit bounds Limits.MaxBodyBytes: a server configured with more uses
	// this. A pushed state came in a body, so none is larger; a conflict the server
	// makes holds at most three values of one field (its base and both sides), each
	// within the domain's limits on text (involve.MaxNotes: at most 6 MB of JSON).
	MaxBodyBytesLimit = 16 << 20
	// MaxPageBytes is where a pull page stops taking records: once the states in it
	// reach this many bytes, the page ends (more: true) with fewer than the limit's
	// records. A page always takes its first record, whatever its size.
	MaxPageBytes = 4 << 20
	// MaxAnswerBytes is the most a laptop reads of any answer, after gzip decoding: the
	// largest page a server sends (MaxPullLimit records' framing, MaxPageBytes of states
	// and one state over it, MaxPullLimit purged records: under 30 MiB) is well under it.
	MaxAnswerBytes = 64 << 20
)

// Limits are what the server accepts; clients size their batches by them.
type Limits struct {
	MaxBodyBytes int64 `json:"maxBodyBytes"`
	MaxBatch     int   `json:"maxBatch"`
	MaxPullLimit int   `json:"maxPullLimit"`
}

// Info is GET /v1/info (no authentication).
type Info struct {
	Service       string `json:"service"` // "involve-server"
	Version       string `json:"version"`
	Protocol      int    `json:"protocol"`
	MinProtocol   int    `json:"minProtocol"`
	Limits        Limits `json:"limits"`
	ServerTimeUTC string `json:"serverTime"`
}

// EnrolRequest is POST /v1/enrol: a laptop exchanges a one-time code for a token.
type EnrolRequest struct {
	Code       string `json:"code"`
	DeviceID   string `json:"deviceId"`   // the laptop's own device id (UUID)
	DeviceName string `json:"deviceName"` // e.g. the computer's host name
	UserName   string `json:"userName,omitempty"`
}

// Team is the dataset a device belongs to.
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// EnrolResponse carries the device token. It is shown once; the server keeps only
// its hash.
type EnrolResponse struct {
	Token    string `json:"token"`
	DeviceID string `json:"deviceId"`
	Team     Team   `json:"team"`
	Limits   Limits `json:"limits"`
	// Role is the device's role, from the enrolment code: "capture", "staff" or "lead"
	// (involve.RoleName*). Missing from a server older than roles: staff.
	Role string `json:"role,omitempty"`
}

// Change is one record change pushed by a device (an outbox entry).
type Change struct {
	ChangeID string          `json:"changeId"` // UUID made by the device; resending it is harmless
	Entity   string          `json:"entity"`
	RecordID string          `json:"recordId"`
	BaseRev  int64           `json:"baseRev"` // the revision the device changed (0 = new record)
	Rev      int64           `json:"rev"`     // the device's new revision
	State    json.RawMessage `json:"state"`   // the record's full state (JSON object)
}

// PulledParam is the push's query parameter by which a laptop says how far it has
// pulled: the cursor of the last pull page it applied (everything of its team up to
// it). A server uses it to tell whether the laptop had applied an erasure when it made
// its changes; without it (an older laptop) the server cannot tell.
const PulledParam = "pulled"

// Pushes in a row (docs/sync-protocol.md "Pushes in a row"): PushNameParam names a
// push (unique per laptop: a new one for each request), PushAfterParam names the
// laptop's push sent before it whose answer has not come yet. A server that takes
// pushes in a row (PushResponse.Row) applies the push after that one, and only if that
// one was applied; otherwise it answers 503 and applies nothing.
const (
	PushNameParam  = "push"
	PushAfterParam = "after"
)

// PushRequest is POST /v1/sync/push.
type PushRequest struct {
	Changes []Change `json:"changes"`
}

// Per-change result statuses.
const (
	StatusApplied   = "applied"   // stored as sent
	StatusDuplicate = "duplicate" // this change id was applied before; the earlier result stands
	StatusMerged    = "merged"    // concurrent with another change; different fields, both kept
	StatusConflict  = "conflict"  // the same field changed on two devices; a winner kept, the loser recorded
	StatusRejected  = "rejected"  // permanent: the change is invalid and will never apply
)

// Result is the server's answer for one change, in the order of the request.
type Result struct {
	ChangeID  string          `json:"changeId"`
	Status    string          `json:"status"`
	Rev       int64           `json:"rev,omitempty"`       // the record's revision on the server afterwards
	State     json.RawMessage `json:"state,omitempty"`     // the record's state on the server afterwards (merged/conflict)
	Code      string          `json:"code,omitempty"`      // for rejected: an error code (invalid, forbidden…)
	Reason    string          `json:"reason,omitempty"`    // for rejected: plain words
	Conflicts []string        `json:"conflicts,omitempty"` // ids of conflict records made
	// UpdatedAt is the update time the server stamped on the record it stored (applied
	// changes; "" from a server before it): with Rev and the team, everything the
	// stored state has that the sent one had not, unless State is given.
	UpdatedAt string `json:"updatedAt,omitempty"`
}

// PushResponse answers a push: one result per change.
type PushResponse struct {
	Results []Result `json:"results"`
	// Since and Cursor (both or neither; a server before them sends neither) say that
	// every change a pull after Since up to Cursor would list is one of this push's
	// results, complete with the server's stamps: a laptop whose cursor is Since
	// ("" counts as "0") may save Cursor as its cursor with these results
	// (docs/sync-protocol.md).
	Since  string `json:"since,omitempty"`
	Cursor string `json:"cursor,omitempty"`
	// Row says that the server takes pushes in a row (PushNameParam): a laptop may send
	// its next push before this answer comes. A server before them leaves it out (and
	// ignores the parameters): the laptop sends one push at a time.
	Row bool `json:"row,omitempty"`
	// Batch, when set, asks the laptop to send its next pushes one at a time, of at
	// most Batch changes each: the server is handling other devices' pushes, and a
	// shorter push waits for less of theirs (docs/sync-protocol.md "When the server is
	// busy"). An answer without it lifts it. A server before it leaves it out.
	Batch int `json:"batch,omitempty"`
}

// PulledChange is a record as it now stands on the server.
type PulledChange struct {
	Seq      int64           `json:"seq"`
	Entity   string          `json:"entity"`
	RecordID string          `json:"recordId"`
	Rev      int64           `json:"rev"`
	State    json.RawMessage `json:"state"`
}

// PullResponse is GET /v1/sync/pull?since=CURSOR&limit=N. Each record appears at most
// once, at its latest state; Cursor is opaque (save it with the page, send it back as
// since). More says another page is ready now.
type PullResponse struct {
	Changes []PulledChange `json:"changes"`
	Cursor  string         `json:"cursor"`
	More    bool           `json:"more"`
	// Role is the device's role when the page was made: a laptop whose role was
	// lowered (involve-server device set-role) removes what it may no longer hold.
	Role string `json:"role,omitempty"`
	// Purged lists records the server removed for good (purge.go): remove them too.
	Purged []PurgedRecord `json:"purged,omitempty"`
}

// DeviceInfo is GET /v1/devices/me.
type DeviceInfo struct {
	DeviceID   string `json:"deviceId"`
	Name       string `json:"name"`
	Team       Team   `json:"team"`
	EnrolledAt string `json:"enrolledAt"`
	Role       string `json:"role,omitempty"` // as in EnrolResponse
}

// Error is the body of every non-2xx response.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes and their HTTP status (the server maps them in one place: HTTPStatus).
const (
	EINVALID     = "invalid"              // 400 malformed body, unknown field, bad parameter
	EUNAUTH      = "unauthorized"         // 401 missing, wrong, expired or revoked token / enrolment code
	EFORBIDDEN   = "forbidden"            // 403 authenticated but not allowed
	ENOTFOUND    = "not_found"            // 404
	ECONFLICT    = "conflict"             // 409
	ETOOLARGE    = "too_large"            // 413 body over Limits.MaxBodyBytes or batch over MaxBatch
	EPROTOCOL    = "unsupported_protocol" // 426 client protocol too old or too new
	ERATELIMITED = "rate_limited"         // 429 (Retry-After says when)
	EINTERNAL    = "internal"             // 500
	EUNAVAILABLE = "unavailable"          // 503 (shutting down, database unreachable)

	// EDAILYQUOTA (429): the device has had as many changes handled today (UTC) as the
	// server takes from one device a day; the push was refused whole, and Retry-After
	// says when the next UTC day starts. The message says so in plain words.
	EDAILYQUOTA = "daily_quota_exceeded"
	// ESTORAGEQUOTA (507): the push would take the team's stored data past its storage
	// quota; it was refused whole, and stays refused until an administrator raises the
	// quota (involve-server team set-quota). The message says so in plain words.
	ESTORAGEQUOTA = "storage_quota_exceeded"
	// EERASED is a push result's code only (involve.EERASED): the change is of a record
	// a lead erased (or a conflict about one), and was not kept. The reason names the
	// date of the erasure.
	EERASED = "erased"
)

// HTTPStatus maps an error code to its HTTP status.
func HTTPStatus(code string) int {
	switch code {
	case EINVALID:
		return 400
	case EUNAUTH:
		return 401
	case EFORBIDDEN:
		return 403
	case ENOTFOUND:
		return 404
	case ECONFLICT:
		return 409
	case ETOOLARGE:
		return 413
	case EPROTOCOL:
		return 426
	case ERATELIMITED, EDAILYQUOTA:
		return 429
	case ESTORAGEQUOTA:
		return 507
	case EUNAVAILABLE:
		return 503
	}
	return 500
}

// Retryable reports whether a request that failed with this HTTP status may succeed
// if sent again later (network errors are always retryable). A 507 (storage quota) is
// not: it stays refused until an administrator acts.
func Retryable(status int) bool {
	switch status {
	case 408, 425, 429, 500, 502, 503, 504:
		return true
	}
	return false
}

// TeamKeyPath is GET: the team's key for sealed fields (TeamKeyResponse), for staff and
// lead devices only (a capture device gets 403 forbidden). The server keeps each team's
// key wrapped by its key file (--key-file), never in its database, and audits every
// issue (key.issued).
const TeamKeyPath = "/v1/team-key"

// TeamKeyResponse gives a laptop its team's key (lockbox.TeamKey). The laptop keeps it
// wrapped by its own data key (its passphrase) and seals and opens fields with it.
type TeamKeyResponse struct {
	KeyID string `json:"keyId"` // lockbox.TeamKey.ID, checked against the key
	Key   string `json:"key"`   // the 32 raw bytes, standard base64
}

package syncer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// States of sync (Status.State).
const (
	StateNotConnected = "not_connected"
	StateIdle         = "idle"
	StateSyncing      = "syncing"
	StateOffline      = "offline"
	StateError        = "error"
	StateUnauthorized = "unauthorized"
	// StateNeedsPassphrase: the pull waits for a passphrase (ErrPassphraseRequired);
	// changes are still sent.
	StateNeedsPassphrase = "needs_passphrase"
	// StateLocked: Involve is locked on this laptop (ErrLocked), so sync waits until
	// it is unlocked; nothing is retried meanwhile.
	StateLocked = "locked"
)

// CodePassphrase is the stored code of a sync that waits for a passphrase.
const CodePassphrase = "passphrase_required"

// CodeLocked is the stored code of a sync that waits until Involve is unlocked.
const CodeLocked = "locked"

// ErrPassphraseRequired: what the server sent holds Lived Experience Partners' details
// and no passphrase locks Involve on this laptop, so none of it was stored.
var ErrPassphraseRequired = errors.New("sync: a passphrase is needed before partners' details can be stored")

// Phases of a sync (Progress.Phase).
const (
	PhasePush = "push"
	PhasePull = "pull"
)

// Progress says how far a running sync is. Total is 0 when not known (pulls).
type Progress struct {
	Phase string
	Done  int
	Total int
}

// Status is sync's state in plain words, always available (with or without an
// engine running).
type Status struct {
	State      string
	ServerURL  string
	TeamName   string
	DeviceName string
	Role       string // Settings.Role
	// RoleNotice says what the last change of role did (Settings.RoleNotice) for
	// RoleNoticeFor after it; the idle message starts with it meanwhile.
	RoleNotice string

	LastSyncedAt  time.Time // zero: never
	LastAttemptAt time.Time
	NextAttemptAt time.Time // zero: none planned

	Pending   int // changes waiting to be pushed
	Rejected  int // changes the server refused
	Conflicts int // open conflicts

	Message  string
	Progress *Progress // nil unless syncing
}

// Messages shown to people.
const (
	MsgNeedsPassphrase = "Sync is waiting: set a passphrase to lock Involve before partners' details can come to this laptop (Settings → Lock Involve with a passphrase). Your changes were still sent."
	MsgLocked          = "Sync waits until Involve is unlocked: this laptop's key for the server and partners' details are sealed by its passphrase. Your work is safe on this laptop."
	MsgTeamKey         = "Sync stopped: %s. Nothing was stored. Tell your administrator; your work is safe on this laptop."
	MsgNotConnected    = "Not connected to a server. Your work is saved on this laptop; connect in Settings to share it with your team."
	MsgUnauthorized    = "This laptop was disconnected from the server. Your work is safe on this laptop; reconnect in Settings."
	MsgOffline         = "Server not reachable — your work is safe on this laptop. Involve will try again."
	MsgBusy            = "The server is busy. Involve will try again shortly; your work is safe on this laptop."
	MsgServerFault     = "The server had a problem and could not sync. Involve will try again; your work is safe on this laptop."
	MsgProtocol        = "This version of Involve cannot sync with the server. Update Involve; your work is safe on this laptop."
	MsgLocalFault      = "Involve could not save what the server sent. Your work is safe on this laptop; Involve will try again."
	MsgInsecure        = "Involve did not sync: the server address does not start with https://, so the laptop's key would cross the network unprotected. Nothing was sent. Connect again in Settings with the https:// address; your work is safe on this laptop."
	MsgCertificate     = "Involve did not sync: the server's certificate is %s, so this may not be your team's server. Nothing was sent. Tell your administrator and give them the certificate's SHA-256 fingerprint %s. Your work is safe on this laptop."
)

// classify turns a sync error into a state, a code to keep, and a message.
func classify(err error) (state, code, msg string) {
	if errors.Is(err, ErrPassphraseRequired) {
		return StateNeedsPassphrase, CodePassphrase, MsgNeedsPassphrase
	}
	if isLocked(err) {
		return StateLocked, CodeLocked, MsgLocked
	}
	var ke *KeyError
	if errors.As(err, &ke) {
		return StateError, CodeTeamKey, fmt.Sprintf(MsgTeamKey, ke.Reason)
	}
	var e *Error
	if !errors.As(err, &e) {
		if errors.Is(err, context.DeadlineExceeded) {
			return StateOffline, CodeNetwork, MsgOffline
		}
		return StateError, syncapi.EINTERNAL, MsgLocalFault
	}
	var ce *CertificateError
	switch {
	case e.Code() == CodeInsecure:
		return StateError, CodeInsecure, MsgInsecure
	case errors.As(e.Err, &ce):
		return StateError, CodeCertificate, fmt.Sprintf(MsgCertificate, ce.Reason, ce.Fingerprint)
	case e.Status == 0 || e.Status == 502 || e.Status == 504:
		return StateOffline, CodeNetwork, MsgOffline
	case e.Status == 401:
		return StateUnauthorized, syncapi.EUNAUTH, MsgUnauthorized
	case IsQuota(e):
		return StateError, e.Code(), quotaMessage(e)
	case e.Status == 429:
		return StateError, e.Code(), MsgBusy
	case e.Status == 426:
		return StateError, e.Code(), MsgProtocol
	case e.Status >= 500:
		return StateError, e.Code(), MsgServerFault
	}
	m := strings.TrimSpace(e.API.Message)
	if m == "" {
		m = "the server refused the request (" + e.API.Code + ")"
	}
	return StateError, e.Code(), "Sync failed: " + strings.TrimSuffix(m, ".") + ". Your work is safe on this laptop."
}

// stateForCode is the state a stored error code stands for (after a restart, or in
// the command line's status).
func stateForCode(code string) string {
	switch code {
	case "":
		return StateIdle
	case CodeNetwork:
		return StateOffline
	case syncapi.EUNAUTH:
		return StateUnauthorized
	case CodePassphrase:
		return StateNeedsPassphrase
	case CodeLocked:
		return StateLocked
	}
	return StateError
}

// RoleNoticeFor is how long the status shows what a change of role did.
const RoleNoticeFor = 7 * 24 * time.Hour

// idleMessage describes a connected laptop that is not syncing now.
func idleMessage(st Status) string {
	if st.RoleNotice != "" {
		return st.RoleNotice + " " + idleState(st)
	}
	return idleState(st)
}

func idleState(st Status) string {
	switch {
	case st.LastSyncedAt.IsZero() && st.Pending == 0:
		return "Connected to " + orServer(st.TeamName) + ". Not synced yet."
	case st.Pending > 0:
		return involve.Plural(st.Pending, "change", "changes") + " waiting to sync."
	}
	return "Everything is synced."
}

func orServer(team string) string {
	if team == "" {
		return "the server"
	}
	return team
}

func progressMessage(p *Progress) string {
	switch {
	case p == nil:
		return "Syncing…"
	case p.Phase == PhasePush && p.Total > 0:
		return fmt.Sprintf("Sending changes (%d of %d)…", p.Done, p.Total)
	case p.Phase == PhasePush:
		return "Sending changes…"
	case p.Done > 0:
		return fmt.Sprintf("Receiving changes (%d so far)…", p.Done)
	}
	return "Receiving changes…"
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// LocalStatus is the status as the database tells it, with no engine running (the
// command line's status, or the app before the engine starts).
func LocalStatus(ctx context.Context, db Store) (Status, error) {
	return localStatus(ctx, db, time.Now())
}

func localStatus(ctx context.Context, db Store, now time.Time) (Status, error) {
	set, err := db.SyncSettings(ctx)
	lockedNow := isLocked(err) // the store cannot open the device token while locked
	if err != nil && !lockedNow {
		return Status{}, err
	}
	st := Status{ServerURL: set.ServerURL, TeamName: set.TeamName, DeviceName: set.DeviceName, Role: set.Role,
		LastSyncedAt: parseTime(set.LastSyncAt), LastAttemptAt: parseTime(set.LastAttemptAt)}
	if at := parseTime(set.RoleChangedAt); set.RoleNotice != "" && now.Sub(at) < RoleNoticeFor {
		st.RoleNotice = set.RoleNotice
	}
	if st.Pending, st.Rejected, st.Conflicts, err = db.SyncCounts(ctx); err != nil {
		return st, err
	}
	if lockedNow {
		st.State, st.Message = StateLocked, MsgLocked
		return st, nil
	}
	if !set.Connected() {
		st.State, st.Message = StateNotConnected, MsgNotConnected
		return st, nil
	}
	st.State = stateForCode(set.LastErrorCode)
	switch st.State {
	case StateLocked:
		st.Message = MsgLocked
	case StateIdle:
		st.Message = idleMessage(st)
	case StateOffline:
		st.Message = MsgOffline
	case StateUnauthorized:
		st.Message = MsgUnauthorized
	default:
		st.Message = set.LastError
		if st.Message == "" {
			st.Message = MsgServerFault
		}
	}
	return st, nil
}

// Summary is what one sync did.
type Summary struct {
	Pushed   int // changes sent (and answered)
	Push     PushTally
	Pull     PullTally
	Duration time.Duration
	Joined   bool // this call waited for a sync that was already running
}

// String is the one-line summary the command line prints, e.g.
// "sync: pushed 120 (118 applied, 2 merged), pulled 340, 1 conflict, 0 rejected".
func (s Summary) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{s.Push.Applied, "applied"}, {s.Push.Merged, "merged"}, {s.Push.Conflict, "in conflict"}, {s.Push.Duplicate, "already there"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	pushed := fmt.Sprintf("pushed %d", s.Push.Accepted())
	if len(parts) > 0 {
		pushed += " (" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("sync: %s, pulled %d, %s, %d rejected", pushed, s.Pull.Received,
		involve.Plural(s.Pull.NewConflicts, "conflict", "conflicts"), s.Push.Rejected)
}

package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode"

	"github.com/hin-south-london/involve/app/involve"
)

// Kiosk mode lives in meta (keys kiosk_*), so that it survives a restart: a member of
// the public cannot leave it by closing the app. Meta is never synced or exported.
const (
	keyKioskSession    = "kiosk_session_id"
	keyKioskPINHash    = "kiosk_pin_hash"
	keyKioskStartedAt  = "kiosk_started_at"
	keyKioskFailures   = "kiosk_failed_tries"
	keyKioskRetryAfter = "kiosk_retry_after"
)

var kioskKeys = []string{keyKioskSession, keyKioskPINHash, keyKioskStartedAt, keyKioskFailures, keyKioskRetryAfter}

// KioskSettings is the stored kiosk mode: the session its feedback goes to, the staff
// PIN's salted hash, and the wrong tries since the last right one.
type KioskSettings struct {
	SessionID   string
	PINHash     string
	StartedAt   string // RFC 3339 UTC
	FailedTries int
	RetryAfter  string // RFC 3339 UTC; no PIN is checked before then ("" = now)
}

// Active reports whether kiosk mode is on.
func (k KioskSettings) Active() bool { return k.SessionID != "" && k.PINHash != "" }

// KioskSettings reads the kiosk mode (zero when it is off).
func (db *DB) KioskSettings(ctx context.Context) (KioskSettings, error) {
	m, err := db.metaWithPrefix(ctx, "kiosk_")
	if err != nil {
		return KioskSettings{}, err
	}
	k := KioskSettings{SessionID: m[keyKioskSession], PINHash: m[keyKioskPINHash], StartedAt: m[keyKioskStartedAt], RetryAfter: m[keyKioskRetryAfter]}
	k.FailedTries, _ = strconv.Atoi(m[keyKioskFailures])
	return k, nil
}

// SaveKioskSettings turns kiosk mode on (or records a wrong try) durably.
func (db *DB) SaveKioskSettings(ctx context.Context, k KioskSettings) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := deleteMeta(ctx, tx, kioskKeys...); err != nil {
			return err
		}
		return setMeta(ctx, tx, keyKioskSession, k.SessionID, keyKioskPINHash, k.PINHash, keyKioskStartedAt, k.StartedAt,
			keyKioskFailures, strconv.Itoa(k.FailedTries), keyKioskRetryAfter, k.RetryAfter)
	})
}

// ClearKioskSettings turns kiosk mode off.
func (db *DB) ClearKioskSettings(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return deleteMeta(ctx, tx, kioskKeys...) })
}

// keyStallName is the organisation or team name the kiosk shows the public ("whose
// stall is this"), set in Settings. Kept in meta: a setting of this laptop.
const keyStallName = "stall_name"

// MaxStallName is the longest organisation or team name, in characters.
const MaxStallName = 100

// StallName reads the organisation or team name shown on the kiosk ("" when not set).
func (db *DB) StallName(ctx context.Context) (string, error) {
	var v string
	err := db.reader.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, keyStallName).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// SetStallName saves the organisation or team name shown on the kiosk; "" clears it.
func (db *DB) SetStallName(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	var p involve.Problems
	if len([]rune(name)) > MaxStallName {
		p.Add("stallName", "Organisation or team name must be "+strconv.Itoa(MaxStallName)+" characters or fewer")
	} else if strings.ContainsFunc(name, unicode.IsControl) {
		p.Add("stallName", "Organisation or team name must be one line of text")
	}
	if err := p.Err("settings"); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyStallName, name) })
}

// KioskResponses counts the live feedback items from the kiosk in a session since
// kiosk mode started (startedAt, RFC 3339 UTC): what staff are told when they leave.
func (db *DB) KioskResponses(ctx context.Context, sessionID, startedAt string) (int, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM feedback
		WHERE session_id = ? AND source = ? AND created_at >= ? AND deleted_at IS NULL`,
		sessionID, involve.SourceKiosk, startedAt).Scan(&n)
	return n, err
}

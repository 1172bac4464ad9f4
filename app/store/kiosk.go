package store

import (
	"context"
	"database/sql"
	"strconv"
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

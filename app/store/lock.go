package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// The app lock lives in meta (keys lock_*): the data key wrapped by the passphrase, its
// salt, nonce and Argon2id parameters (none of them secret), the idle time, and the
// wrong tries since the last right one (so a restart does not reset the wait). Meta is
// never synced or exported.
const (
	keyLockVersion = "lock_version"
	keyLockParams  = "lock_params"
	keyLockSalt    = "lock_salt"
	keyLockNonce   = "lock_nonce"
	keyLockKey     = "lock_wrapped_key"
	keyLockIdle    = "lock_idle_minutes"
	keyLockTries   = "lock_failed_tries"
	keyLockRetry   = "lock_retry_after"
)

var lockKeyKeys = []string{keyLockVersion, keyLockParams, keyLockSalt, keyLockNonce, keyLockKey, keyLockTries, keyLockRetry}

// Idle lock limits, in minutes.
const (
	DefaultIdleMinutes = 5
	MinIdleMinutes     = 1
	MaxIdleMinutes     = 60
)

// LockSettings is the stored app lock.
type LockSettings struct {
	Wrapped     *lockbox.Wrapped // nil: no passphrase is set
	IdleMinutes int
	FailedTries int
	RetryAfter  string // RFC 3339 UTC; no passphrase is tried before then ("" = now)
}

// ErrLockRecordDamaged: the stored passphrase record cannot be read. It is never
// replaced quietly, because replacing it would lose the data key.
var ErrLockRecordDamaged = errors.New("the passphrase record in this laptop's database is damaged")

// lockDamagedError is shown to people (an *involve.Error) and is ErrLockRecordDamaged.
type lockDamagedError struct{ e *involve.Error }

func (l lockDamagedError) Error() string   { return l.e.Error() }
func (l lockDamagedError) Unwrap() []error { return []error{l.e, ErrLockRecordDamaged} }

func lockDamaged(why string) error {
	return lockDamagedError{involve.Errorf(involve.ECONFLICT, "The passphrase record in this laptop's database is damaged (%s). "+
		"Involve has not changed it, because replacing it would lose the key. Restore a backup, or ask for help.", why)}
}

// LockSettings reads the app lock. A record that is partly there or unreadable is an
// error (ErrLockRecordDamaged), never "no passphrase".
func (db *DB) LockSettings(ctx context.Context) (LockSettings, error) {
	m, err := db.metaWithPrefix(ctx, "lock_")
	if err != nil {
		return LockSettings{}, err
	}
	s := LockSettings{IdleMinutes: DefaultIdleMinutes, RetryAfter: m[keyLockRetry]}
	if v, ok := m[keyLockIdle]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < MinIdleMinutes || n > MaxIdleMinutes {
			return LockSettings{}, lockDamaged("the idle time " + strconv.Quote(v) + " is not a number of minutes from 1 to 60")
		}
		s.IdleMinutes = n
	}
	s.FailedTries, _ = strconv.Atoi(m[keyLockTries])
	present := 0
	for _, k := range []string{keyLockVersion, keyLockParams, keyLockSalt, keyLockNonce, keyLockKey} {
		if _, ok := m[k]; ok {
			present++
		}
	}
	if present == 0 {
		return s, nil
	}
	if present != 5 {
		return LockSettings{}, lockDamaged("parts of it are missing")
	}
	w, err := parseWrapped(m)
	if err != nil {
		return LockSettings{}, lockDamaged(err.Error())
	}
	s.Wrapped = &w
	return s, nil
}

func parseWrapped(m map[string]string) (lockbox.Wrapped, error) {
	v, err := strconv.Atoi(m[keyLockVersion])
	if err != nil || v < 0 || v > 255 {
		return lockbox.Wrapped{}, fmt.Errorf("its version %q is not a number", m[keyLockVersion])
	}
	p, err := lockbox.ParseParams(m[keyLockParams])
	if err != nil {
		return lockbox.Wrapped{}, err
	}
	w := lockbox.Wrapped{Version: byte(v), Params: p}
	for _, f := range []struct {
		key string
		dst *[]byte
	}{{keyLockSalt, &w.Salt}, {keyLockNonce, &w.Nonce}, {keyLockKey, &w.Key}} {
		b, err := base64.StdEncoding.Strict().DecodeString(m[f.key])
		if err != nil {
			return lockbox.Wrapped{}, fmt.Errorf("%s is not base64", f.key)
		}
		*f.dst = b
	}
	return w, w.Check()
}

// SaveLockKey stores a wrapped data key (a new or changed passphrase) in one
// transaction: all its parts change together or none do. Wrong tries are reset.
func (db *DB) SaveLockKey(ctx context.Context, w lockbox.Wrapped) error {
	if err := w.Check(); err != nil {
		return err
	}
	b64 := base64.StdEncoding.EncodeToString
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if err := deleteMeta(ctx, tx, lockKeyKeys...); err != nil {
			return err
		}
		return setMeta(ctx, tx, keyLockVersion, strconv.Itoa(int(w.Version)), keyLockParams, w.Params.String(),
			keyLockSalt, b64(w.Salt), keyLockNonce, b64(w.Nonce), keyLockKey, b64(w.Key))
	})
}

// ClearLockKey removes the passphrase (the idle time is kept for next time). It is
// refused while the laptop holds sealed data (HoldsSealedData): the data key would be
// lost with it, and the team key and every sealed field with that. A local team key
// that sealed nothing goes too, and the store locks (it holds no key without a
// passphrase).
func (db *DB) ClearLockKey(ctx context.Context) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.dropLocalKeys(ctx, tx); err != nil {
			return err
		}
		return deleteMeta(ctx, tx, lockKeyKeys...)
	})
	if err == nil {
		db.Lock()
	}
	return err
}

// SaveLockTries records the wrong tries in a row and the time before which no
// passphrase is tried ("" = none).
func (db *DB) SaveLockTries(ctx context.Context, tries int, retryAfter string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		return setMeta(ctx, tx, keyLockTries, strconv.Itoa(tries), keyLockRetry, retryAfter)
	})
}

// SetLockIdleMinutes sets how long the app waits without use before it locks itself.
func (db *DB) SetLockIdleMinutes(ctx context.Context, minutes int) error {
	if minutes < MinIdleMinutes || minutes > MaxIdleMinutes {
		return &involve.Error{Code: involve.EINVALID, Message: "Choose an idle time from 1 to 60 minutes.",
			Fields: []involve.FieldError{{Field: "idleMinutes", Message: "Enter a number of minutes from 1 to 60"}}}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, keyLockIdle, strconv.Itoa(minutes)) })
}

// UnwrapLockKey opens the data key with passphrase, counting wrong tries in a row:
// after five, each try must wait longer (involve.WrongTryWait), even across restarts and
// from the command line. Errors name the field "passphrase". The caller wipes the key.
func (db *DB) UnwrapLockKey(ctx context.Context, passphrase string) ([]byte, error) {
	s, err := db.LockSettings(ctx)
	if err != nil {
		return nil, err
	}
	if s.Wrapped == nil {
		return nil, involve.Errorf(involve.ECONFLICT, "No passphrase is set.")
	}
	now := db.Now().UTC()
	if t, err := time.Parse(time.RFC3339Nano, s.RetryAfter); err == nil && now.Before(t) {
		return nil, passphraseError("Too many wrong passphrases. Try again in " + involve.WaitText(t.Sub(now)) + ".")
	}
	if passphrase == "" {
		return nil, passphraseError("Enter the passphrase")
	}
	k, err := lockbox.Unwrap(*s.Wrapped, passphrase)
	if errors.Is(err, lockbox.ErrWrongPassphrase) {
		tries, retry := s.FailedTries+1, ""
		msg := "That passphrase is not right."
		if w := involve.WrongTryWait(tries); w > 0 {
			retry = involve.FormatTime(now.Add(w))
			msg += " Too many wrong passphrases: try again in " + involve.WaitText(w) + "."
		}
		if err := db.SaveLockTries(ctx, tries, retry); err != nil {
			return nil, err
		}
		return nil, passphraseError(msg)
	}
	if err != nil {
		return nil, lockDamaged(err.Error())
	}
	if s.FailedTries > 0 || s.RetryAfter != "" {
		if err := db.SaveLockTries(ctx, 0, ""); err != nil {
			lockbox.Wipe(k)
			return nil, err
		}
	}
	return k, nil
}

// LockWait is how long before the next passphrase may be tried (0: now).
func (s LockSettings) LockWait(now time.Time) time.Duration {
	if t, err := time.Parse(time.RFC3339Nano, s.RetryAfter); err == nil && now.Before(t) {
		return t.Sub(now)
	}
	return 0
}

func passphraseError(msg string) error {
	return &involve.Error{Code: involve.EUNAUTHORIZED, Message: msg, Fields: []involve.FieldError{{Field: "passphrase", Message: msg}}}
}

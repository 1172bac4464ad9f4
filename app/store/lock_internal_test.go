package store

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

var fastParams = lockbox.Params{Memory: 64, Time: 1, Threads: 1}

func openLockDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func wrapFor(t *testing.T, pass string) ([]byte, lockbox.Wrapped) {
	t.Helper()
	k, _ := lockbox.NewDataKey()
	w, err := lockbox.Wrap(k, pass, fastParams)
	if err != nil {
		t.Fatal(err)
	}
	return k, w
}

func TestLockKeyRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openLockDB(t)
	s, err := db.LockSettings(ctx)
	if err != nil || s.Wrapped != nil || s.IdleMinutes != DefaultIdleMinutes {
		t.Fatalf("new database: %+v, %v", s, err)
	}
	k, w := wrapFor(t, "first passphrase here")
	if err := db.SaveLockKey(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLockTries(ctx, 3, "2026-12-06T10:00:00Z"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetLockIdleMinutes(ctx, 12); err != nil {
		t.Fatal(err)
	}
	if err := db.SetLockIdleMinutes(ctx, 61); involve.ErrorCode(err) != involve.EINVALID {
		t.Errorf("61 minutes: %v", err)
	}
	s, err = db.LockSettings(ctx)
	if err != nil || s.Wrapped == nil || s.FailedTries != 3 || s.IdleMinutes != 12 || s.Wrapped.Params != fastParams {
		t.Fatalf("read back: %+v, %v", s, err)
	}
	got, err := lockbox.Unwrap(*s.Wrapped, "first passphrase here")
	if err != nil || !bytes.Equal(got, k) {
		t.Fatalf("unwrap stored: %v", err)
	}
	if err := db.ClearLockKey(ctx); err != nil {
		t.Fatal(err)
	}
	if s, err = db.LockSettings(ctx); err != nil || s.Wrapped != nil || s.IdleMinutes != 12 || s.FailedTries != 0 {
		t.Fatalf("after clear: %+v, %v", s, err)
	}
}

// A save that fails half way leaves the record as it was: the salt, nonce and wrapped
// key change together or not at all (else the key would be lost).
func TestSaveLockKeyIsAtomic(t *testing.T) {
	ctx := context.Background()
	db := openLockDB(t)
	k, w := wrapFor(t, "first passphrase here")
	if err := db.SaveLockKey(ctx, w); err != nil {
		t.Fatal(err)
	}
	// the last part written fails: everything before it must be rolled back
	if _, err := db.writer.Exec(`CREATE TRIGGER fail_lock BEFORE INSERT ON meta WHEN NEW.key = 'lock_wrapped_key'
		BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	w2, err := lockbox.Rewrap(w, "first passphrase here", "second passphrase here", fastParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveLockKey(ctx, w2); err == nil {
		t.Fatal("save went through the failing trigger")
	}
	s, err := db.LockSettings(ctx)
	if err != nil {
		t.Fatalf("after a failed save the record is unreadable: %v", err)
	}
	got, err := lockbox.Unwrap(*s.Wrapped, "first passphrase here")
	if err != nil || !bytes.Equal(got, k) {
		t.Fatalf("after a failed save the old passphrase does not open the key: %v", err)
	}
}

// A damaged record is an error, never "no passphrase" (which would let a new one
// replace it and lose the key).
func TestDamagedLockRecord(t *testing.T) {
	ctx := context.Background()
	for name, change := range map[string]string{
		"missing nonce": `DELETE FROM meta WHERE key = 'lock_nonce'`,
		"bad base64":    `UPDATE meta SET value = '%%%' WHERE key = 'lock_salt'`,
		"short salt":    `UPDATE meta SET value = 'AAAA' WHERE key = 'lock_salt'`,
		"bad params":    `UPDATE meta SET value = 'argon2id;v=19;m=99999999;t=1;p=1' WHERE key = 'lock_params'`,
		"bad version":   `UPDATE meta SET value = 'x' WHERE key = 'lock_version'`,
		"bad idle":      `INSERT INTO meta(key, value) VALUES ('lock_idle_minutes', '0')`,
	} {
		t.Run(name, func(t *testing.T) {
			db := openLockDB(t)
			_, w := wrapFor(t, "first passphrase here")
			if err := db.SaveLockKey(ctx, w); err != nil {
				t.Fatal(err)
			}
			if _, err := db.writer.Exec(change); err != nil {
				t.Fatal(err)
			}
			s, err := db.LockSettings(ctx)
			if !errors.Is(err, ErrLockRecordDamaged) || involve.ErrorCode(err) != involve.ECONFLICT {
				t.Fatalf("LockSettings = %+v, %v; want the damaged-record error", s, err)
			}
			t.Log(involve.ErrorMessage(err))
		})
	}
}

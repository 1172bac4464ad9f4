package store

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
)

// The passphrase rule (docs/decisions.md): a laptop that may hold Lived Experience
// Partners' details (every role but capture, connected or not) stores no new record
// of a Personal kind until a passphrase locks Involve. Records it already holds stay
// readable and editable; the Settings screen asks for a passphrase meanwhile
// (NeedsPassphrase). A capture laptop holds none at all (checkLocalWrite).

// MsgPassphraseRequired is the refusal of a new record of a Personal kind.
const MsgPassphraseRequired = "Set a passphrase to lock Involve before recording Lived Experience Partners' details: " +
	"Settings → Lock Involve with a passphrase. Nothing was saved."

// checkPassphrase refuses a new record of a Personal kind on a laptop without a
// passphrase (involve.ELOCKREQUIRED).
func checkPassphrase(ctx context.Context, q queryer, entity string) error {
	if k, ok := involve.KindOf(entity); !ok || !k.Personal {
		return nil
	}
	has, err := hasPassphrase(ctx, q)
	if err != nil || has {
		return err
	}
	return involve.Errorf(involve.ELOCKREQUIRED, "%s", MsgPassphraseRequired)
}

// checkNewRecord refuses a new record this laptop may not make: the role's refusal
// (checkLocalWrite) first, then the passphrase rule (checkPassphrase), then a kind
// with sealed fields while Involve is locked (ELOCKED).
func (db *DB) checkNewRecord(ctx context.Context, q queryer, entity string, state any) error {
	if err := checkLocalWrite(ctx, q, entity, state); err != nil {
		return err
	}
	if err := checkPassphrase(ctx, q, entity); err != nil {
		return err
	}
	if involve.HasSealedFields(entity) && !db.Unlocked() {
		return errLocked
	}
	return nil
}

// hasPassphrase says whether a passphrase is set (its wrapped key is stored; a
// damaged record still counts as set: the lock refuses to open, not to exist).
func hasPassphrase(ctx context.Context, q queryer) (bool, error) {
	v, err := getMeta(ctx, q, keyLockKey)
	return v != "", err
}

// HasPassphrase says whether a passphrase locks Involve on this laptop.
func (db *DB) HasPassphrase(ctx context.Context) (bool, error) {
	return hasPassphrase(ctx, db.reader)
}

// HasPassphrase is DB.HasPassphrase inside a sync transaction (syncer.Tx).
func (t *syncTx) HasPassphrase() (bool, error) { return hasPassphrase(t.ctx, t.tx) }

// NeedsPassphrase says whether the laptop holds Lived Experience Partners' details
// (a live record of a Personal kind) without a passphrase: a database from before the
// rule. Nothing is refused to them; the app asks for a passphrase until one is set.
func (db *DB) NeedsPassphrase(ctx context.Context) (bool, error) {
	has, err := hasPassphrase(ctx, db.reader)
	if err != nil || has {
		return false, err
	}
	var n int
	for _, k := range involve.Kinds() {
		if !k.Personal {
			continue
		}
		where, args := "", []any{}
		if k.Table == involve.DocTable {
			where, args = " AND entity = ?", []any{k.Entity}
		}
		if err := db.reader.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM `+k.Table+
			` WHERE deleted_at IS NULL`+where+`)`, args...).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

package syncer

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// Sealed fields and sync. A laptop with a passphrase keeps its device token and the
// identifying fields of its records sealed (app/store, sealing.go): while Involve is
// locked nothing can be sent or stored, so sync waits (StateLocked) until someone
// unlocks it, and then goes on. A staff or lead laptop fetches its team's key from the
// server before its first sync as such (and after a change of role), so that it seals
// and opens fields with the key every laptop of its team uses.

// ErrLocked: Involve is locked on this laptop, so sync waits until it is unlocked.
var ErrLocked = involve.Errorf(involve.ELOCKED, "Sync waits until Involve is unlocked: this laptop's sync key and partners' details are sealed by its passphrase.")

// KeyError: the team key the server sent cannot be used (it is refused, never
// stored), so sync stops.
type KeyError struct{ Reason string }

func (e *KeyError) Error() string { return "team key: " + e.Reason }

// errKeyMismatch: the key the server sent is not the one it names.
var errKeyMismatch = &KeyError{"the server sent a key that does not match its id"}

// CodeTeamKey is the stored code of a sync stopped by a team key it could not use.
const CodeTeamKey = "team_key"

// locked reports whether the store is locked: a passphrase is set and the store does
// not hold its keys (Unlock has not been called, or Lock has been since).
func locked(ctx context.Context, db Store) (bool, error) {
	has, err := db.HasPassphrase(ctx)
	if err != nil || !has {
		return false, err
	}
	return !db.Unlocked(), nil
}

// isLocked reports an error that says Involve is locked (the store's refusal of a
// sealed value, or ErrLocked).
func isLocked(err error) bool {
	var e *involve.Error
	return errors.As(err, &e) && e.Code == involve.ELOCKED
}

// installTeamKey fetches the team's key from the server and gives it to the store,
// when the store says it needs it. A 403 (a capture laptop, which never holds sealed
// kinds) is not an error: the laptop syncs without it.
func (e *Engine) installTeamKey(ctx context.Context) error {
	need, err := e.db.NeedsTeamKey(ctx)
	if err != nil || !need {
		return err
	}
	resp, err := e.client.TeamKey(ctx)
	if StatusOf(err) == http.StatusForbidden {
		e.logf("sync: the server gives this laptop no team key (its role does not hold sealed fields)")
		return nil
	}
	if err != nil {
		return err
	}
	k, err := teamKeyFrom(resp.Key, resp.KeyID)
	if err != nil {
		return err
	}
	defer k.Wipe()
	if err := e.db.InstallTeamKey(ctx, k); err != nil {
		return err
	}
	e.logf("sync: installed the team's key %s", k.ID())
	return nil
}

// teamKeyFrom checks and decodes the key of a syncapi.TeamKeyResponse.
func teamKeyFrom(b64, id string) (*lockbox.TeamKey, error) {
	raw, err := base64.StdEncoding.Strict().DecodeString(b64)
	if err != nil {
		return nil, &KeyError{"the server sent a key that is not base64"}
	}
	defer lockbox.Wipe(raw)
	k, err := lockbox.TeamKeyFrom(raw)
	if err != nil {
		return nil, &KeyError{"the server sent a key that cannot be used (" + err.Error() + ")"}
	}
	if k.ID() != id {
		k.Wipe()
		return nil, errKeyMismatch
	}
	return k, nil
}

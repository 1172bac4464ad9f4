package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Sealed fields in sync: records travel, and are stored, sealed as they arrive. A
// pulled record of a kind with sealed fields must carry every one of them sealed (a
// plain value is refused like any invalid state); while unlocked, a copy is opened with
// the team key and must pass its kind's rules as plain values (Validate refuses the
// sealed form). The sealed record is what syncer handles and what is stored: the
// outbox states, sync bases and merges it makes are sealed too.

// checkPulled checks a decoded state of a kind with sealed fields, or of a conflict
// about one (Decode). While locked nothing can be opened: such a record is not stored
// (writeCheck refuses it, rolling the page back).
func (db *DB) checkPulled(entity string, rec any) error {
	if c, ok := rec.(*involve.Conflict); ok {
		if !isSealedField(c.Entity, c.Field) {
			return nil
		}
		cp := *c
		if _, err := applyConflict(&cp, rejectPlain); err != nil {
			return errPulled(entity, err)
		}
		err := db.withKey(func(k *lockbox.TeamKey) error { _, err := applyConflict(&cp, openWith(k)); return err })
		if err != nil && !errors.Is(err, errLocked) {
			return errPulled(entity, err)
		}
		return nil
	}
	if !involve.HasSealedFields(entity) {
		return nil
	}
	if err := syncapi.CheckSealedForm(rec); err != nil {
		return errPulled(entity, err)
	}
	cp := copyRecord(rec)
	err := db.withKey(func(k *lockbox.TeamKey) error { return syncapi.OpenRecord(k, entity, cp, false) })
	if errors.Is(err, errLocked) || (errors.Is(err, lockbox.ErrOtherKey) && db.keySource() != teamKeyServer) {
		return nil // cannot be checked yet: not stored either (writeCheck)
	} else if err != nil {
		return errPulled(entity, err)
	}
	k, _ := involve.KindOf(entity)
	if err := k.Validate(cp); err != nil {
		return errPulled(entity, err)
	}
	return nil
}

func errPulled(entity string, err error) error {
	return involve.Errorf(involve.EINVALID, "A %s record from the server was not stored: %v", entity, err)
}

// errNoTeamKey: a pulled record is sealed with a key this laptop does not have yet
// (its own, local one, is in use until the team's arrives): the page is not applied,
// and the pull takes it again once the key is here.
var errNoTeamKey = involve.Errorf(involve.EUNAVAILABLE,
	"Sync waits for this laptop to receive its team's key: Lived Experience Partners' details arrived sealed with it.")

// writeCheck refuses to store a record of a kind with sealed fields (or a conflict
// about one) that could not be checked (checkPulled): while locked, or sealed with the
// team's key before this laptop has it. Either refusal rolls the page back.
func (db *DB) writeCheck(rec any) error {
	switch v := rec.(type) {
	case *involve.Conflict:
		if !isSealedField(v.Entity, v.Field) {
			return nil
		}
		cp := *v
		return db.withKey(func(k *lockbox.TeamKey) error {
			_, err := applyConflict(&cp, func(place, t string) (string, error) { return t, keyOf(k, t) })
			return err
		})
	case involve.Doc:
		entity := v.DocEntity()
		if !involve.HasSealedFields(entity) {
			return nil
		}
		cp := copyRecord(v)
		return db.withKey(func(k *lockbox.TeamKey) error {
			return applyRec(entity, cp, func(place, t string) (string, error) { return t, keyOf(k, t) })
		})
	}
	return nil
}

// keyOf refuses a token of another key than k (errNoTeamKey).
func keyOf(k *lockbox.TeamKey, token string) error {
	if id, ok := lockbox.FieldKeyID(token); ok && id != k.ID() {
		return errNoTeamKey
	}
	return nil
}

// baseState is the form a sync base is stored in: a state of a kind with sealed
// fields, or of a conflict, with any plain value of a sealed field left out (such a
// state was refused, checkPulled; its base keeps no plain copy). A state that is not
// a JSON object of that kind is kept as "{}".
func baseState(entity, id string, state json.RawMessage) json.RawMessage {
	if entity != involve.EntityConflict && !involve.HasSealedFields(entity) {
		return state
	}
	out, _, err := applyState(entity, id, state, blankPlain)
	if err != nil {
		return json.RawMessage("{}")
	}
	return out
}

// checkConflictSealed refuses to store a conflict about a sealed field with a plain
// value (a mistake of the store's).
func checkConflictSealed(c *involve.Conflict) error {
	cp := *c
	_, err := applyConflict(&cp, func(place, v string) (string, error) {
		if !involve.IsSealedValue(v) {
			return "", fmt.Errorf("store: a conflict about %s was about to be stored unsealed", c.Field)
		}
		return v, nil
	})
	return err
}

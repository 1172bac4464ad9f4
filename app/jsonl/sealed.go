package jsonl

import (
	"context"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/store"
)

// Sealed fields (involve.SealedFields) in exports and imports. An export writes them as
// the laptop stores them, sealed with the team's key, so the file reveals no partner's
// name, contact or access needs; only ExportOptions.Decrypt (`--decrypt`, an unlocked
// laptop) writes them readable. An import opens sealed values with this laptop's team
// key before the records are checked (their rules are about plain values) and handed to
// the store, which seals them again on the way in; plain values, from an export made by
// an earlier version or with --decrypt, are taken as they are and sealed the same way.
// A value sealed with another team's key cannot be opened here and refuses the import.

// ErrOtherTeamKey: a value in the file was sealed with another team's key.
var ErrOtherTeamKey = errors.New("sealed with another team's key: export it again with --decrypt on a laptop of that team")

// exportRecords streams the records for an export: as stored (sealed) unless decrypt.
func exportRecords(ctx context.Context, db *store.DB, decrypt bool, fn func(entity string, v any) error) error {
	if decrypt {
		return db.Export(ctx, fn) // opens sealed fields: ELOCKED while locked
	}
	return db.ExportSealed(ctx, func(entity string, v any) error {
		if involve.HasPlainSealedField(v) {
			// an older version's plain value not sealed yet: never written in clear
			return involve.Errorf(involve.ELOCKED, "a %s on this laptop is not sealed yet: unlock Involve once (open the app, or set %s) so that its details are sealed, then export again, or export with --decrypt",
				kindName(entity), "INVOLVE_PASSPHRASE")
		}
		return fn(entity, v)
	})
}

// openSealed opens the sealed values of a record read from a file, in place, with the
// store's team key: a value sealed with another key is ErrOtherTeamKey, a damaged one
// names its field.
func (d *decoder) openSealed(entity string, rec any) error {
	sealed := false
	for _, f := range involve.SealedFields(rec) {
		if !involve.IsSealedValue(*f.Value) {
			continue
		}
		id, ok := lockbox.FieldKeyID(*f.Value)
		if !ok {
			return fmt.Errorf("%s: %s is not a sealed value Involve can read", entity, f.Name)
		}
		if have := d.db.TeamKeyID(); have != "" && id != have {
			return ErrOtherTeamKey
		}
		sealed = true
	}
	if !sealed {
		return nil
	}
	if d.db.TeamKeyID() == "" && d.db.Unlocked() {
		return ErrOtherTeamKey // this laptop has no team key at all
	}
	if err := d.db.OpenSealed(entity, rec); err != nil {
		if involve.ErrorCode(err) == involve.ELOCKED {
			return err
		}
		return fmt.Errorf("%s: a sealed value does not open with this laptop's team key (%s)", entity, involve.ErrorMessage(err))
	}
	return nil
}

// kindName names a kind with sealed fields for a message.
func kindName(entity string) string {
	switch entity {
	case involve.EntityContributor:
		return "Lived Experience Partner"
	case involve.EntityConsent:
		return "consent record"
	case involve.EntityTimeEntry:
		return "time entry"
	}
	return entity
}

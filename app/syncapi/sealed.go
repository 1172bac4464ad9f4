package syncapi

import (
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// Sealing and opening whole records: each of involve.SealedFields, bound to its place
// (kind, record id, field). Laptops seal before storing and open to show; the server
// opens only to check (DecodeState) and stores what was sent.

// ErrPlainSealedField: a record holds an identifying value in plain text where it must
// be sealed.
var ErrPlainSealedField = errors.New("an identifying field is not sealed")

// SealRecord seals every sealed field of rec (a pointer to an involve type) in place.
// Every non-empty value is sealed: rec must hold plain values (a value of the sealed
// form is refused by Validate, so it cannot be plain text).
func SealRecord(k *lockbox.TeamKey, entity string, rec any) {
	id := involve.MetaOf(rec).ID
	for _, f := range involve.SealedFields(rec) {
		*f.Value = k.SealField(lockbox.FieldPlace(entity, id, f.Name), *f.Value)
	}
}

// OpenRecord opens every sealed field of rec in place. A plain value is an error
// (ErrPlainSealedField) unless allowPlain (records made before fields were sealed, on
// their way to being sealed); a value sealed with another key, moved or changed is an
// error naming the field.
func OpenRecord(k *lockbox.TeamKey, entity string, rec any, allowPlain bool) error {
	id := involve.MetaOf(rec).ID
	for _, f := range involve.SealedFields(rec) {
		if *f.Value == "" {
			continue
		}
		if !involve.IsSealedValue(*f.Value) {
			if allowPlain {
				continue
			}
			return fmt.Errorf("%s: %w", f.Name, ErrPlainSealedField)
		}
		v, err := k.OpenField(lockbox.FieldPlace(entity, id, f.Name), *f.Value)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		*f.Value = v
	}
	return nil
}

// CheckSealedForm reports the first sealed field of rec holding a plain value
// (ErrPlainSealedField) or a value that is not a well-formed token.
func CheckSealedForm(rec any) error {
	for _, f := range involve.SealedFields(rec) {
		if *f.Value == "" {
			continue
		}
		if !lockbox.IsFieldToken(*f.Value) {
			return fmt.Errorf("%s: %w", f.Name, ErrPlainSealedField)
		}
	}
	return nil
}

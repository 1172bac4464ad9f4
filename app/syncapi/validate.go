package syncapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// DecodeState decodes a record state of an entity strictly (unknown fields are an
// error) and validates it with the domain rules. It returns the record (a pointer to
// an involve type) so that callers can read its metadata.
//
// Records with sealed fields (involve.SealedFields) must hold each of them empty or
// sealed: a plain value is refused (an older laptop sent it). With key (the team's),
// each sealed value must open in its place, and the domain rules judge a plain copy;
// the record returned is sealed, as sent (its values in their tidied form, sealed again
// with the same key: sealing is deterministic, so a tidy record comes back unchanged).
// With key nil (tools and tests) the rules judge a copy in which each sealed value is
// a short placeholder, and the record comes back exactly as sent. A conflict about a
// sealed field holds its values sealed by the same rules.
func DecodeState(entity, recordID string, state json.RawMessage, key *lockbox.TeamKey) (any, *involve.Meta, error) {
	return decodeState(entity, recordID, state, key, nil)
}

// decodeState is DecodeState; read (nil: none) is the record already read from state
// as decodeStrict reads it (CheckChangeRead).
func decodeState(entity, recordID string, state json.RawMessage, key *lockbox.TeamKey, read any) (any, *involve.Meta, error) {
	kind, ok := involve.KindOf(entity)
	if !ok {
		return nil, nil, fmt.Errorf("unknown entity type %q", entity)
	}
	var rec any
	var meta *involve.Meta
	if readAs(entity, read) && objectState(state) && !involve.HasSealedFields(entity) {
		rec, meta = read, involve.MetaOf(read)
	} else {
		var err error
		if rec, meta, err = decodeStrict(kind, state); err != nil {
			return nil, nil, err
		}
	}
	if meta.ID != recordID {
		return nil, nil, fmt.Errorf("state id %q is not the change's record id %q", meta.ID, recordID)
	}
	if _, err := uuid.Parse(recordID); err != nil {
		return nil, nil, fmt.Errorf("record id %q is not a UUID", recordID)
	}
	if !involve.HasSealedFields(entity) {
		if err := kind.Validate(rec); err != nil {
			return nil, nil, validationError(err)
		}
		if c, ok := rec.(*involve.Conflict); ok {
			if err := checkConflictSealed(c, key); err != nil {
				return nil, nil, err
			}
		}
		return rec, meta, nil
	}
	if err := checkSealed(entity, rec, key); err != nil {
		return nil, nil, err
	}
	// The rules judge a plain copy; the record itself stays sealed.
	plain, _, err := decodeStrict(kind, state)
	if err != nil {
		return nil, nil, err
	}
	if key != nil {
		if err := OpenRecord(key, entity, plain, false); err != nil {
			return nil, nil, err // checkSealed opened every value already
		}
	} else {
		placeholders(plain)
	}
	if err := kind.Validate(plain); err != nil {
		return nil, nil, validationError(err)
	}
	if key == nil {
		return rec, meta, nil
	}
	SealRecord(key, entity, plain)
	return plain, involve.MetaOf(plain), nil
}

func decodeStrict(kind involve.Kind, state json.RawMessage) (any, *involve.Meta, error) {
	rec := kind.NewRecord()
	meta := involve.MetaOf(rec)
	if !objectState(state) {
		return nil, nil, errors.New("state must be a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(state))
	dec.DisallowUnknownFields()
	if err := dec.Decode(rec); err != nil {
		return nil, nil, fmt.Errorf("state: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if dec.More() {
		return nil, nil, errors.New("state: more than one JSON value")
	}
	return rec, meta, nil
}

// readAs says whether read is a record of entity that CheckChangeRead takes as read:
// a feedback item (syncwire.DecodeFeedback), the only kind read that way.
func readAs(entity string, read any) bool {
	_, ok := read.(*involve.Feedback)
	return ok && entity == involve.EntityFeedback
}

// objectState says whether state may be a JSON object as decodeStrict reads it: its
// first byte is the object's (no space before it).
func objectState(state json.RawMessage) bool {
	return len(bytes.TrimSpace(state)) > 0 && state[0] == '{'
}

func validationError(err error) error {
	var sb strings.Builder
	sb.WriteString(involve.ErrorMessage(err))
	for _, f := range involve.ErrorFields(err) {
		fmt.Fprintf(&sb, "; %s: %s", f.Field, f.Message)
	}
	return errors.New(sb.String())
}

// plainFieldError refuses a plain value where a sealed one belongs: only a laptop of a
// version before sealed fields sends one. It is an ErrPlainSealedField.
type plainFieldError struct{ field string }

func (e plainFieldError) Error() string {
	return e.field + " must be sealed: this laptop runs an older version of Involve; update it"
}

func (e plainFieldError) Unwrap() error { return ErrPlainSealedField }

// checkSealed refuses a sealed field of rec (a record of entity) that holds a plain
// value or a malformed token, and with key one that does not open in its place.
func checkSealed(entity string, rec any, key *lockbox.TeamKey) error {
	id := involve.MetaOf(rec).ID
	for _, f := range involve.SealedFields(rec) {
		v := *f.Value
		if v == "" {
			continue
		}
		if !involve.IsSealedValue(v) {
			return plainFieldError{f.Name}
		}
		if !lockbox.IsFieldToken(v) {
			return fmt.Errorf("%s is not a well-formed sealed value", f.Name)
		}
		if key == nil {
			continue
		}
		_, err := key.OpenField(lockbox.FieldPlace(entity, id, f.Name), v)
		switch {
		case errors.Is(err, lockbox.ErrOtherKey):
			return fmt.Errorf("%s was sealed with another key than this team's: the laptop must fetch its team's key (sync again) before sending it", f.Name)
		case err != nil:
			return fmt.Errorf("%s does not open with this team's key: it was changed, or copied from another record or field", f.Name)
		}
	}
	return nil
}

// placeholders puts a short placeholder in place of each sealed value of rec, the same
// for equal tokens (equal tokens in one place are equal values).
func placeholders(rec any) {
	seen := map[string]string{}
	for _, f := range involve.SealedFields(rec) {
		if *f.Value == "" {
			continue
		}
		p, ok := seen[*f.Value]
		if !ok {
			p = "sealed value " + strconv.Itoa(len(seen)+1)
			seen[*f.Value] = p
		}
		*f.Value = p
	}
}

// checkConflictSealed holds a conflict about a record with sealed fields to the same
// rules as the record: its base, winner and loser values of a sealed field must be
// empty or sealed, and with key open where the record's own value would.
func checkConflictSealed(c *involve.Conflict, key *lockbox.TeamKey) error {
	if !involve.HasSealedFields(c.Entity) {
		return nil
	}
	kind, ok := involve.KindOf(c.Entity)
	if !ok {
		return nil // Validate refused it already
	}
	for _, side := range []struct {
		name  string
		value json.RawMessage
	}{{"base", c.Base}, {"winner", c.Winner.Value}, {"loser", c.Loser.Value}} {
		v := bytes.TrimSpace(side.value)
		if len(v) == 0 || bytes.Equal(v, []byte("null")) {
			continue
		}
		// The value as the record would hold it in its field.
		field, err := json.Marshal(c.Field)
		if err != nil {
			return err
		}
		rec := kind.NewRecord()
		involve.MetaOf(rec).ID = c.RecordID
		if err := json.Unmarshal([]byte(`{`+string(field)+`:`+string(v)+`}`), rec); err != nil {
			return fmt.Errorf("the conflict's %s value is not a value of %s's field %s", side.name, c.Entity, c.Field)
		}
		if involve.MetaOf(rec).ID != c.RecordID {
			return fmt.Errorf("the conflict's %s value is not a value of %s's field %s", side.name, c.Entity, c.Field)
		}
		if err := checkSealed(c.Entity, rec, key); err != nil {
			return fmt.Errorf("the conflict's %s value: %w", side.name, err)
		}
	}
	return nil
}

// ValidateChange checks a change's envelope and its state (sealed values judged with
// key, as DecodeState does). It returns the reason a change must be rejected, or nil.
func ValidateChange(c *Change, key *lockbox.TeamKey) error {
	_, _, err := CheckChange(c, key)
	return err
}

// CheckChange is ValidateChange that also returns the decoded, validated record (as
// DecodeState does), so that the server decodes each state once.
func CheckChange(c *Change, key *lockbox.TeamKey) (any, *involve.Meta, error) {
	return CheckChangeRead(c, key, nil)
}

// CheckChangeRead is CheckChange for a change whose state the caller has read already
// into read, a new record of the change's entity (nil: none), exactly as the strict
// decoding reads it: syncwire.DecodeFeedback's fast path, which takes only what
// encoding/json reads the same way and no unknown field (issue 17: encoding/json's
// reflection was the largest part of a push's decoding on the server). The checks and
// the domain rules are the same. A record of a kind with sealed fields, of another
// kind than the change's, or a state that is not an object is decoded again as
// CheckChange does.
func CheckChangeRead(c *Change, key *lockbox.TeamKey, read any) (any, *involve.Meta, error) {
	if _, err := uuid.Parse(c.ChangeID); err != nil {
		return nil, nil, fmt.Errorf("changeId %q is not a UUID", c.ChangeID)
	}
	if !involve.IsEntity(c.Entity) {
		return nil, nil, fmt.Errorf("unknown entity type %q", c.Entity)
	}
	if c.Rev <= 0 || c.BaseRev < 0 {
		return nil, nil, errors.New("rev must be positive and baseRev not negative")
	}
	return decodeState(c.Entity, c.RecordID, c.State, key, read)
}

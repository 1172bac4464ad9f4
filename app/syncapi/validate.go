package syncapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/involve"
)

// DecodeState decodes a record state of an entity strictly (unknown fields are an
// error) and validates it with the domain rules. It returns the record (a pointer to
// an involve type) so that callers can read its metadata.
func DecodeState(entity, recordID string, state json.RawMessage) (any, *involve.Meta, error) {
	kind, ok := involve.KindOf(entity)
	if !ok {
		return nil, nil, fmt.Errorf("unknown entity type %q", entity)
	}
	rec := kind.NewRecord()
	meta := involve.MetaOf(rec)
	if len(bytes.TrimSpace(state)) == 0 || state[0] != '{' {
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
	if meta.ID != recordID {
		return nil, nil, fmt.Errorf("state id %q is not the change's record id %q", meta.ID, recordID)
	}
	if _, err := uuid.Parse(recordID); err != nil {
		return nil, nil, fmt.Errorf("record id %q is not a UUID", recordID)
	}
	if err := kind.Validate(rec); err != nil {
		var sb strings.Builder
		sb.WriteString(involve.ErrorMessage(err))
		for _, f := range involve.ErrorFields(err) {
			fmt.Fprintf(&sb, "; %s: %s", f.Field, f.Message)
		}
		return nil, nil, errors.New(sb.String())
	}
	return rec, meta, nil
}

// ValidateChange checks a change's envelope and its state. It returns the reason a
// change must be rejected, or nil.
func ValidateChange(c *Change) error {
	_, _, err := CheckChange(c)
	return err
}

// CheckChange is ValidateChange that also returns the decoded, validated record (as
// DecodeState does), so that the server decodes each state once.
func CheckChange(c *Change) (any, *involve.Meta, error) {
	if _, err := uuid.Parse(c.ChangeID); err != nil {
		return nil, nil, fmt.Errorf("changeId %q is not a UUID", c.ChangeID)
	}
	if !involve.IsEntity(c.Entity) {
		return nil, nil, fmt.Errorf("unknown entity type %q", c.Entity)
	}
	if c.Rev <= 0 || c.BaseRev < 0 {
		return nil, nil, errors.New("rev must be positive and baseRev not negative")
	}
	return DecodeState(c.Entity, c.RecordID, c.State)
}

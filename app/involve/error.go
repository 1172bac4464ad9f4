// Package involve holds Involve's domain: the records staff capture (projects,
// sessions, feedback, themes and the records of outcome-led involvement), every kind of
// record declared once (kinds.go), their validation rules, the shipped reference data
// and the error type every layer uses. It imports no storage, HTTP or Wails code.
package involve

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The Wails façade and (later) the HTTP API map
// them in exactly one place each.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EINTERNAL     = "internal"
	EUNAVAILABLE  = "unavailable"
	// EFORBIDDEN: this device's role does not allow it (a capture laptop and a
	// Lived Experience Partner's details).
	EFORBIDDEN = "forbidden"
	// ELOCKREQUIRED: a Lived Experience Partner's details (a Personal kind) cannot be
	// stored on this laptop until a passphrase locks Involve (Settings).
	ELOCKREQUIRED = "passphrase_required"
	// ELOCKED: sealed fields (app/lockbox) cannot be read or written while Involve is
	// locked: unlock it with its passphrase (from the command line: INVOLVE_PASSPHRASE).
	ELOCKED = "locked"
	// EERASED: the record was erased (Erasure) and cannot be changed; a change made
	// to it before the erasure reached this device is refused, never applied.
	EERASED = "erased"
)

// FieldError is one problem with one input field; Field is the JSON name of the field
// so the UI can put the message beside it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an application error meant to be shown to a person.
type Error struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  []FieldError `json:"fields,omitempty"`
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	s := e.Message
	for _, f := range e.Fields {
		s += fmt.Sprintf("; %s: %s", f.Field, f.Message)
	}
	return s
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other error
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of an application error, or "Internal error"
// for anything else (details of internal errors are logged, never shown).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the field errors of a validation error.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records a problem with a field.
func (p *Problems) Add(field, message string) { *p = append(*p, FieldError{field, message}) }

// Has reports whether the field already has a problem.
func (p Problems) Has(field string) bool {
	for _, f := range p {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil or an EINVALID error carrying every problem.
func (p Problems) Err(what string) error {
	if len(p) == 0 {
		return nil
	}
	msg := "There is a problem"
	if what != "" {
		msg = "There is a problem with the " + what
	}
	return &Error{Code: EINVALID, Message: msg, Fields: p}
}

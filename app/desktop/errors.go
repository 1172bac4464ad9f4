package desktop

import (
	"context"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

// BackendError is the object a rejected promise carries in the frontend.
type BackendError struct {
	Code    string               `json:"code"`
	Message string               `json:"message"`
	Fields  []involve.FieldError `json:"fields,omitempty"`
}

// ErrorFormatter returns the Wails ErrorFormatter: it maps any error a bound method
// returns to the object the frontend receives. Internal details are logged, never shown.
func ErrorFormatter(a *App) func(error) any {
	return func(err error) any { return a.formatError(err) }
}

func (a *App) formatError(err error) any {
	if errors.Is(err, context.Canceled) {
		return BackendError{Code: involve.EUNAVAILABLE, Message: "Involve is closing."}
	}
	code := involve.ErrorCode(err)
	if code == involve.EINTERNAL {
		a.log.Printf("internal error: %v", err)
	}
	return BackendError{Code: code, Message: involve.ErrorMessage(err), Fields: involve.ErrorFields(err)}
}

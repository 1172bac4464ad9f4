package syncwire

import (
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
)

// A feedback item's state written without reflection: the server stamps every
// feedback item pushed to it (app/server pushstamp.go), and json.Marshal's reflection
// was a third of that stamping's CPU in a push of 100 000 items (issue 17).
// TestAppendFeedbackIsMarshal and FuzzAppendFeedback hold it to json.Marshal's bytes.

// AppendFeedback appends json.Marshal(f): the fields in the type's order (Meta,
// FeedbackInput, CapturedBy), deletedAt and teamId left out when empty (omitempty), a
// nil rating and a nil theme list as null, strings escaped as encoding/json escapes them
// (AppendString). json.Marshal cannot fail for a Feedback (strings, integers, booleans,
// a pointer to an int, a list of strings), so neither can this.
func AppendFeedback(dst []byte, f *involve.Feedback) []byte {
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, f.ID)
	dst = append(dst, `,"createdAt":`...)
	dst = appendString(dst, f.CreatedAt)
	dst = append(dst, `,"updatedAt":`...)
	dst = appendString(dst, f.UpdatedAt)
	dst = append(dst, `,"createdBy":`...)
	dst = appendString(dst, f.CreatedBy)
	dst = append(dst, `,"deviceId":`...)
	dst = appendString(dst, f.DeviceID)
	dst = append(dst, `,"rev":`...)
	dst = appendInt(dst, f.Rev)
	if f.DeletedAt != "" {
		dst = append(dst, `,"deletedAt":`...)
		dst = appendString(dst, f.DeletedAt)
	}
	if f.TeamID != "" {
		dst = append(dst, `,"teamId":`...)
		dst = appendString(dst, f.TeamID)
	}
	dst = append(dst, `,"sessionId":`...)
	dst = appendString(dst, f.SessionID)
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, f.Text)
	dst = append(dst, `,"rating":`...)
	if f.Rating != nil {
		dst = appendInt(dst, int64(*f.Rating))
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"themes":`...)
	if f.Themes != nil {
		dst = append(dst, '[')
		for i, th := range f.Themes {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, th)
		}
		dst = append(dst, ']')
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"source":`...)
	dst = appendString(dst, f.Source)
	dst = append(dst, `,"quoteConsent":`...)
	dst = strconv.AppendBool(dst, f.QuoteConsent)
	dst = append(dst, `,"needsResponse":`...)
	dst = strconv.AppendBool(dst, f.NeedsResponse)
	dst = append(dst, `,"ageBand":`...)
	dst = appendString(dst, f.AgeBand)
	dst = append(dst, `,"ethnicGroup":`...)
	dst = appendString(dst, f.EthnicGroup)
	dst = append(dst, `,"borough":`...)
	dst = appendString(dst, f.Borough)
	dst = append(dst, `,"answered":`...)
	dst = strconv.AppendBool(dst, f.Answered)
	dst = append(dst, `,"capturedBy":`...)
	dst = appendString(dst, f.CapturedBy)
	return append(dst, '}')
}

package store

import (
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncwire"
)

// feedbackJSONLen is len(json.Marshal(f)), counted without writing it: readsBack
// compares lengths for every pulled feedback item, inside the pull's write
// transaction (TestFeedbackJSONLen and FuzzFeedbackJSONLen hold it to json.Marshal).
func feedbackJSONLen(f *involve.Feedback) int {
	n := len(`{"id":,"createdAt":,"updatedAt":,"createdBy":,"deviceId":,"rev":`) +
		syncwire.StringLen(f.ID) + syncwire.StringLen(f.CreatedAt) + syncwire.StringLen(f.UpdatedAt) +
		syncwire.StringLen(f.CreatedBy) + syncwire.StringLen(f.DeviceID) + len(strconv.FormatInt(f.Rev, 10))
	if f.DeletedAt != "" { // omitempty
		n += len(`,"deletedAt":`) + syncwire.StringLen(f.DeletedAt)
	}
	if f.TeamID != "" {
		n += len(`,"teamId":`) + syncwire.StringLen(f.TeamID)
	}
	n += len(`,"sessionId":,"text":,"rating":,"themes":,"source":,"quoteConsent":,"needsResponse":,"ageBand":,"ethnicGroup":,"borough":,"answered":,"capturedBy":}`) +
		syncwire.StringLen(f.SessionID) + syncwire.StringLen(f.Text) + syncwire.StringLen(f.Source) + syncwire.StringLen(f.AgeBand) +
		syncwire.StringLen(f.EthnicGroup) + syncwire.StringLen(f.Borough) + syncwire.StringLen(f.CapturedBy) +
		jsonBoolLen(f.QuoteConsent) + jsonBoolLen(f.NeedsResponse) + jsonBoolLen(f.Answered)
	if f.Rating == nil {
		n += len("null")
	} else {
		n += len(strconv.Itoa(*f.Rating))
	}
	if f.Themes == nil {
		n += len("null")
	} else {
		n += len("[]")
		for i, t := range f.Themes {
			if i > 0 {
				n++
			}
			n += syncwire.StringLen(t)
		}
	}
	return n
}

func jsonBoolLen(b bool) int {
	if b {
		return len("true")
	}
	return len("false")
}

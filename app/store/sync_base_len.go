package store

import (
	"strconv"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
)

// feedbackJSONLen is len(json.Marshal(f)), counted without writing it: readsBack
// compares lengths for every pulled feedback item, inside the pull's write
// transaction (TestFeedbackJSONLen and FuzzFeedbackJSONLen hold it to json.Marshal).
func feedbackJSONLen(f *involve.Feedback) int {
	n := len(`{"id":,"createdAt":,"updatedAt":,"createdBy":,"deviceId":,"rev":`) +
		jsonStringLen(f.ID) + jsonStringLen(f.CreatedAt) + jsonStringLen(f.UpdatedAt) +
		jsonStringLen(f.CreatedBy) + jsonStringLen(f.DeviceID) + len(strconv.FormatInt(f.Rev, 10))
	if f.DeletedAt != "" { // omitempty
		n += len(`,"deletedAt":`) + jsonStringLen(f.DeletedAt)
	}
	if f.TeamID != "" {
		n += len(`,"teamId":`) + jsonStringLen(f.TeamID)
	}
	n += len(`,"sessionId":,"text":,"rating":,"themes":,"source":,"quoteConsent":,"needsResponse":,"ageBand":,"ethnicGroup":,"borough":,"answered":,"capturedBy":}`) +
		jsonStringLen(f.SessionID) + jsonStringLen(f.Text) + jsonStringLen(f.Source) + jsonStringLen(f.AgeBand) +
		jsonStringLen(f.EthnicGroup) + jsonStringLen(f.Borough) + jsonStringLen(f.CapturedBy) +
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
			n += jsonStringLen(t)
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

// jsonStringLen is the length of s as json.Marshal writes it: quoted; '"', '\\' and
// \b \f \n \r \t escaped in two bytes; other control characters, '<', '>', '&',
// U+2028, U+2029 and each invalid UTF-8 byte (as \ufffd) in six.
func jsonStringLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			n += int(asciiJSONLen[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == '\u2028', r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}

// asciiJSONLen is how many bytes json.Marshal writes for each ASCII byte in a string.
var asciiJSONLen = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
			t[c] = 2
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			t[c] = 6
		default:
			t[c] = 1
		}
	}
	return t
}()

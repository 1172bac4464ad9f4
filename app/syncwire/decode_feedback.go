package syncwire

import (
	"encoding/json"

	"github.com/hin-south-london/involve/app/involve"
)

// A pulled feedback item's state decoded without reflection: most of a pull's records
// are feedback items, and encoding/json's reflection was most of the laptop's CPU in
// decoding a first pull (issue 17). Only the usual form is taken; anything else is
// left to encoding/json, so that the record is what encoding/json would make of it.

// feedbackFields are involve.Feedback's JSON names, in the order of DecodeFeedback's
// cases.
var feedbackFields = []string{
	"id", "createdAt", "updatedAt", "createdBy", "deviceId", "rev", "deletedAt", "teamId", // Meta
	"sessionId", "text", "rating", "themes", "source", "quoteConsent", "needsResponse",
	"ageBand", "ethnicGroup", "borough", "answered", "capturedBy",
}

// DecodeFeedback reads a feedback item's state into f (a zero Feedback) as
// json.Unmarshal reads it, when the state is of the usual form: an object of
// Feedback's own field names (exactly as spelled, each at most once), strings,
// integers, booleans, a list of strings or null for the themes, an integer or null
// for the rating, nothing after it. ok false otherwise, with f zero again: decode the
// state with encoding/json then (which also reads other spellings and ignores fields
// it does not know).
//
// The strings it sets share one copy of state (the record's fields are most of the
// state: a copy each cost a first pull of 100 000 items 1.7 million allocations).
func DecodeFeedback(state []byte, f *involve.Feedback) (ok bool) {
	p := parser{data: state, whole: string(state)}
	ok = p.peek() == '{' && p.object(feedbackFields, func(k int) bool {
		switch k {
		case 5:
			var ok bool
			f.Rev, ok = p.int()
			return ok
		case 10:
			if p.null() {
				f.Rating = nil
				return true
			}
			n, ok := p.int()
			if !ok || int64(int(n)) != n {
				return false
			}
			v := int(n)
			f.Rating = &v
			return true
		case 11:
			if p.null() {
				f.Themes = nil
				return true
			}
			themes := []string{} // encoding/json makes [] an empty list, not nil
			ok := p.array(func() bool {
				s, ok := p.text()
				themes = append(themes, s)
				return ok
			})
			f.Themes = themes
			return ok
		case 13, 14, 18:
			b, ok := p.bool()
			switch k {
			case 13:
				f.QuoteConsent = b
			case 14:
				f.NeedsResponse = b
			default:
				f.Answered = b
			}
			return ok
		}
		s, ok := p.text()
		if !ok {
			return false
		}
		switch k {
		case 0:
			f.ID = s
		case 1:
			f.CreatedAt = s
		case 2:
			f.UpdatedAt = s
		case 3:
			f.CreatedBy = s
		case 4:
			f.DeviceID = s
		case 6:
			f.DeletedAt = s
		case 7:
			f.TeamID = s
		case 8:
			f.SessionID = s
		case 9:
			f.Text = s
		case 12:
			f.Source = s
		case 15:
			f.AgeBand = s
		case 16:
			f.EthnicGroup = s
		case 17:
			f.Borough = s
		case 19:
			f.CapturedBy = s
		default:
			return false
		}
		return true
	}) && p.end()
	if !ok {
		*f = involve.Feedback{}
	}
	return ok
}

// null consumes null (after white space).
func (p *parser) null() bool {
	p.space()
	if end := skipLiteral(p.data, p.i, "null"); end > 0 {
		p.i = end
		return true
	}
	return false
}

// text reads a string (not null). One with escapes, or not valid UTF-8, is read by
// encoding/json itself, so that it decodes as encoding/json decodes it.
func (p *parser) text() (string, bool) {
	p.space()
	start := p.i
	if s, ok := p.str(); ok {
		if p.whole != "" {
			return p.whole[start+1 : start+1+len(s)], true
		}
		return string(s), true
	}
	if start >= len(p.data) || p.data[start] != '"' {
		return "", false
	}
	end := skipValue(p.data, start, 0)
	if end < 0 {
		return "", false
	}
	var s string
	if json.Unmarshal(p.data[start:end], &s) != nil {
		return "", false
	}
	p.i = end
	return s, true
}

package syncwire

import (
	"encoding/json"
	"strings"

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
// The strings it sets share one allocation (gather: a copy each cost a first pull of
// 100 000 items 1.7 million allocations).
func DecodeFeedback(state []byte, f *involve.Feedback) (ok bool) {
	p := parser{data: state}
	var g gather
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
				themes = append(themes, "")
				return g.text(&p, &themes[len(themes)-1], len(themes)-1)
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
		var dst *string
		switch k {
		case 0:
			dst = &f.ID
		case 1:
			dst = &f.CreatedAt
		case 2:
			dst = &f.UpdatedAt
		case 3:
			dst = &f.CreatedBy
		case 4:
			dst = &f.DeviceID
		case 6:
			dst = &f.DeletedAt
		case 7:
			dst = &f.TeamID
		case 8:
			dst = &f.SessionID
		case 9:
			dst = &f.Text
		case 12:
			dst = &f.Source
		case 15:
			dst = &f.AgeBand
		case 16:
			dst = &f.EthnicGroup
		case 17:
			dst = &f.Borough
		case 19:
			dst = &f.CapturedBy
		default:
			return false
		}
		return g.text(&p, dst, -1)
	}) && p.end()
	if !ok {
		*f = involve.Feedback{}
		return false
	}
	g.finish(state, f)
	return true
}

// gather collects the plain strings of a feedback item (slices of its state, read
// by parser.str) to copy them out at the end in one allocation: one for the record's
// strings instead of one for each (and, unlike a copy of the whole state, not the
// keys and punctuation as well).
type gather struct {
	spans [24]struct {
		dst    *string
		theme  int // the index in the themes when >= 0: dst moves while the list grows
		lo, hi int
	}
	n, size int
}

// text reads a string (not null) into *dst: later (finish) when it is plain and there
// is room, now otherwise (parser.text). theme is the string's index in the themes, or
// -1.
func (g *gather) text(p *parser, dst *string, theme int) bool {
	p.space()
	start := p.i
	if s, ok := p.str(); ok && g.n < len(g.spans) {
		g.spans[g.n].dst, g.spans[g.n].theme = dst, theme
		g.spans[g.n].lo, g.spans[g.n].hi = start+1, start+1+len(s)
		g.n++
		g.size += len(s)
		return true
	}
	p.i = start
	s, ok := p.text()
	*dst = s
	return ok
}

// finish copies the gathered strings out of state into one string and sets them.
func (g *gather) finish(state []byte, f *involve.Feedback) {
	var b strings.Builder
	b.Grow(g.size)
	for _, sp := range g.spans[:g.n] {
		b.Write(state[sp.lo:sp.hi])
	}
	all, at := b.String(), 0
	for _, sp := range g.spans[:g.n] {
		s := all[at : at+sp.hi-sp.lo]
		at += len(s)
		if sp.theme >= 0 {
			f.Themes[sp.theme] = s
		} else {
			*sp.dst = s
		}
	}
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

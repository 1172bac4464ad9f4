package jsonl

import (
	"slices"
	"unicode/utf8"
)

// A hand-written decoder for the data set's session and feedback lines, the bulk of an
// import (encoding/json's strict decoding was 0.5 s of CPU at 100 000 items). It takes
// only the plainest form of a line: an object of the line's own field names, spelled
// exactly, each at most once, with strings (valid UTF-8, no control characters, only
// the short escapes), whole numbers, null for a rating, and arrays of such strings,
// then nothing but white space. Anything else (a \u escape, an unknown or repeated
// field, another type, a syntax error) makes it give up, and strict decodes the line
// as before, with the same result and the same message for a problem. Where it
// succeeds it gives what strict gives (FuzzFastDataset checks).

type fastScan struct {
	b []byte
	i int
}

func (s *fastScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c after white space.
func (s *fastScan) byte(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// peek returns the next byte after white space (0 at the end).
func (s *fastScan) peek() byte {
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// str reads a string.
func (s *fastScan) str() (string, bool) {
	if !s.byte('"') {
		return "", false
	}
	start := s.i
	var out []byte // only if there are escapes
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			raw := s.b[start:s.i]
			s.i++
			if out != nil {
				raw = out
			}
			if !utf8.Valid(raw) {
				return "", false
			}
			return string(raw), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if out == nil {
				out = append(make([]byte, 0, s.i-start+16), s.b[start:s.i]...)
			}
			if s.i+1 >= len(s.b) {
				return "", false
			}
			var r byte
			switch s.b[s.i+1] {
			case '"', '\\', '/':
				r = s.b[s.i+1]
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			default:
				return "", false // \u and anything else: strict's
			}
			out = append(out, r)
			s.i += 2
		default:
			if out != nil {
				out = append(out, c)
			}
			s.i++
		}
	}
	return "", false
}

// int reads a whole number as JSON writes it (no fraction or exponent), of at most
// 15 digits.
func (s *fastScan) int() (int, bool) {
	s.ws()
	neg := false
	if s.i < len(s.b) && s.b[s.i] == '-' {
		neg = true
		s.i++
	}
	start, n := s.i, 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		n = n*10 + int(s.b[s.i]-'0')
		s.i++
	}
	digits := s.i - start
	if digits == 0 || digits > 15 || (digits > 1 && s.b[start] == '0') {
		return 0, false
	}
	if s.i < len(s.b) {
		switch s.b[s.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// null reads null.
func (s *fastScan) null() bool {
	s.ws()
	if len(s.b)-s.i >= 4 && string(s.b[s.i:s.i+4]) == "null" {
		s.i += 4
		return true
	}
	return false
}

// strs reads an array of strings ([] gives an empty, not a nil, slice).
func (s *fastScan) strs() ([]string, bool) {
	if !s.byte('[') {
		return nil, false
	}
	out := []string{}
	if s.byte(']') {
		return out, true
	}
	for {
		v, ok := s.str()
		if !ok {
			return nil, false
		}
		out = append(out, v)
		if s.byte(']') {
			return out, true
		}
		if !s.byte(',') {
			return nil, false
		}
	}
}

// object reads an object, calling field for each key (which reads the value and says
// whether it could); false if a key repeats or anything is not as it should be. Only
// white space may follow the object.
func (s *fastScan) object(field func(key string) bool) bool {
	if !s.byte('{') {
		return false
	}
	// the keys read (a data set line has a dozen): a map for each line was a tenth of
	// the import's allocations
	var keys [16]string
	seen := keys[:0]
	if !s.byte('}') {
		for {
			k, ok := s.str()
			if !ok || slices.Contains(seen, k) || !s.byte(':') || !field(k) {
				return false
			}
			seen = append(seen, k)
			if s.byte('}') {
				break
			}
			if !s.byte(',') {
				return false
			}
		}
	}
	s.ws()
	return s.i == len(s.b)
}

// fastSession decodes a session line into v if it is in the plainest form.
func fastSession(line []byte, v *datasetSession) bool {
	s := &fastScan{b: line}
	var got datasetSession
	ok := s.object(func(k string) bool {
		var p *string
		switch k {
		case "kind":
			p = &got.Kind
		case "id":
			p = &got.ID
		case "title":
			p = &got.Title
		case "date":
			p = &got.Date
		case "borough":
			p = &got.Borough
		case "type":
			p = &got.Type
		case "level":
			p = &got.Level
		case "facilitator":
			p = &got.Facilitator
		case "notes":
			p = &got.Notes
		case "attendees":
			n, ok := s.int()
			got.Attendees = n
			return ok
		default:
			return false
		}
		var ok bool
		*p, ok = s.str()
		return ok
	})
	if ok {
		*v = got
	}
	return ok
}

// fastFeedback decodes a feedback line into v if it is in the plainest form.
func fastFeedback(line []byte, v *datasetFeedback) bool {
	s := &fastScan{b: line}
	var got datasetFeedback
	ok := s.object(func(k string) bool {
		var p *string
		switch k {
		case "kind":
			p = &got.Kind
		case "id":
			p = &got.ID
		case "session_id":
			p = &got.SessionID
		case "created_at":
			p = &got.CreatedAt
		case "channel":
			p = &got.Channel
		case "comment":
			p = &got.Comment
		case "age_band":
			p = &got.AgeBand
		case "ethnic_group":
			p = &got.EthnicGroup
		case "borough":
			p = &got.Borough
		case "captured_by":
			p = &got.CapturedBy
		case "rating":
			if s.peek() == 'n' {
				got.Rating = nil
				return s.null()
			}
			n, ok := s.int()
			got.Rating = &n
			return ok
		case "themes":
			var ok bool
			got.Themes, ok = s.strs()
			return ok
		default:
			return false
		}
		var ok bool
		*p, ok = s.str()
		return ok
	})
	if ok {
		*v = got
	}
	return ok
}

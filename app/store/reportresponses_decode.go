package store

import (
	"strconv"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
)

// A report decodes every response it covers, and encoding/json took most of the
// Questions section's Go time (docs/benchmarks.md). fastResponse reads the plain form
// that Involve writes — the Response's own keys once each, strings without escapes,
// plain numbers — into the same value json.Unmarshal makes; anything else (escapes,
// null, other keys, a repeated key, bad UTF-8, malformed JSON) is left to
// json.Unmarshal. reportresponses_decode_test.go compares the two.

// decodeResponse decodes a response's stored state.
func decodeResponse(state []byte) (*involve.Response, error) {
	if r, ok := fastResponse(state); ok {
		return r, nil
	}
	d, err := involve.DecodeDoc(involve.EntityResponse, state)
	if err != nil {
		return nil, err
	}
	r, ok := d.(*involve.Response)
	if !ok {
		return nil, involve.Errorf(involve.EINTERNAL, "A response's stored state did not read as a response.")
	}
	return r, nil
}

type jsonReader struct {
	b []byte
	i int
}

func (p *jsonReader) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c, taking it if so.
func (p *jsonReader) next(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string with no escapes, of valid UTF-8.
func (p *jsonReader) str() (string, bool) {
	if !p.next('"') {
		return "", false
	}
	start, ascii := p.i, true
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c == '\\' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		p.i++
	}
	return "", false
}

// number reads a JSON number's text.
func (p *jsonReader) number() ([]byte, bool) {
	p.ws()
	start := p.i
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	return p.b[start:p.i], true
}

func (p *jsonReader) literal(word string) bool {
	p.ws()
	if len(p.b)-p.i >= len(word) && string(p.b[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

// object reads an object's members, calling member for each key (positioned at its
// value); it stops, false, when member does.
func (p *jsonReader) object(member func(key string) bool) bool {
	if !p.next('{') {
		return false
	}
	if p.next('}') {
		return true
	}
	for {
		key, ok := p.str()
		if !ok || !p.next(':') || !member(key) {
			return false
		}
		if p.next(',') {
			continue
		}
		return p.next('}')
	}
}

// array reads an array's elements, calling elem for each.
func (p *jsonReader) array(elem func() bool) bool {
	if !p.next('[') {
		return false
	}
	if p.next(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.next(',') {
			continue
		}
		return p.next(']')
	}
}

// fastResponse decodes the plain form of a response's state; ok is false for
// anything else.
func fastResponse(b []byte) (*involve.Response, bool) {
	p := &jsonReader{b: b}
	r := &involve.Response{}
	var seen uint32
	strField := func(dst *string) bool {
		s, ok := p.str()
		*dst = s
		return ok
	}
	ok := p.object(func(key string) bool {
		bit := uint32(1) << responseKeys[key] // 1 for a key not listed: refused below
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		switch key {
		case "id":
			return strField(&r.ID)
		case "createdAt":
			return strField(&r.CreatedAt)
		case "updatedAt":
			return strField(&r.UpdatedAt)
		case "createdBy":
			return strField(&r.CreatedBy)
		case "deviceId":
			return strField(&r.DeviceID)
		case "deletedAt":
			return strField(&r.DeletedAt)
		case "teamId":
			return strField(&r.TeamID)
		case "sessionId":
			return strField(&r.SessionID)
		case "feedbackId":
			return strField(&r.FeedbackID)
		case "questionSetId":
			return strField(&r.QuestionSetID)
		case "language":
			return strField(&r.Language)
		case "rev":
			n, ok := p.number()
			if !ok {
				return false
			}
			v, err := strconv.ParseInt(string(n), 10, 64)
			r.Rev = v
			return err == nil
		case "answers":
			r.Answers = make([]involve.Answer, 0, 8)
			return p.array(func() bool {
				var a involve.Answer
				if !fastAnswer(p, &a) {
					return false
				}
				r.Answers = append(r.Answers, a)
				return true
			})
		}
		return false
	})
	if !ok {
		return nil, false
	}
	p.ws()
	return r, p.i == len(b)
}

// responseKeys numbers the keys of a response's state from 1 (0: any other key, which
// fastResponse refuses anyway), to notice a repeated one.
var responseKeys = map[string]int{"id": 1, "createdAt": 2, "updatedAt": 3, "createdBy": 4, "deviceId": 5,
	"deletedAt": 6, "teamId": 7, "sessionId": 8, "feedbackId": 9, "questionSetId": 10, "language": 11, "rev": 12,
	"answers": 13}

// fastAnswer reads one answer.
func fastAnswer(p *jsonReader, a *involve.Answer) bool {
	var seen [5]bool
	first := func(i int) bool {
		if seen[i] {
			return false
		}
		seen[i] = true
		return true
	}
	return p.object(func(key string) bool {
		switch key {
		case "q":
			s, ok := p.str()
			a.Question = s
			return first(0) && ok
		case "choices":
			a.Choices = make([]string, 0, 4)
			return first(1) && p.array(func() bool {
				s, ok := p.str()
				a.Choices = append(a.Choices, s)
				return ok
			})
		case "text":
			s, ok := p.str()
			a.Text = s
			return first(2) && ok
		case "number":
			n, ok := p.number()
			if !first(3) || !ok {
				return false
			}
			v, err := strconv.ParseFloat(string(n), 64)
			a.Number = &v
			return err == nil
		case "preferNot":
			if !first(4) {
				return false
			}
			switch {
			case p.literal("true"):
				a.PreferNot = true
			case p.literal("false"):
				a.PreferNot = false
			default:
				return false
			}
			return true
		}
		return false
	})
}

package syncwire

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// parser reads a JSON text that it checks as it goes. Any method returns false for
// what the fast path does not take (invalid JSON, or valid JSON that encoding/json
// might read differently than the fast path would); the caller then gives up.
type parser struct {
	data []byte
	i    int
}

func (p *parser) space() { p.i = skipSpace(p.data, p.i) }

// byte consumes c (after white space).
func (p *parser) byte(c byte) bool {
	p.space()
	if p.i < len(p.data) && p.data[p.i] == c {
		p.i++
		return true
	}
	return false
}

// peek returns the next byte after white space (0 at the end).
func (p *parser) peek() byte {
	p.space()
	if p.i < len(p.data) {
		return p.data[p.i]
	}
	return 0
}

// str reads a string that encoding/json would decode to its bytes as they are: no
// escapes and valid UTF-8. The result is a slice of the input.
func (p *parser) str() ([]byte, bool) {
	p.space()
	if p.i >= len(p.data) || p.data[p.i] != '"' {
		return nil, false
	}
	start := p.i + 1
	ascii := true
	for j := start; j < len(p.data); j++ {
		if ascii { // as scan.string: byte by byte from the first multi-byte character
			if j = skipPlain(p.data, j); j >= len(p.data) {
				break
			}
		}
		c := p.data[j]
		switch {
		case c == '"':
			s := p.data[start:j]
			if !ascii && !utf8.Valid(s) {
				return nil, false
			}
			p.i = j + 1
			return s, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, false
}

// int reads an integer as encoding/json decodes one into an int64: digits only (no
// fraction or exponent), within range.
func (p *parser) int() (int64, bool) {
	p.space()
	start := p.i
	if start >= len(p.data) {
		return 0, false
	}
	end := skipNumber(p.data, start)
	if end < 0 {
		return 0, false
	}
	for _, c := range p.data[start:end] {
		if c != '-' && (c < '0' || c > '9') {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(p.data[start:end]), 10, 64)
	if err != nil {
		return 0, false
	}
	p.i = end
	return n, true
}

// bool reads true or false.
func (p *parser) bool() (bool, bool) {
	p.space()
	if end := skipLiteral(p.data, p.i, "true"); end > 0 {
		p.i = end
		return true, true
	}
	if end := skipLiteral(p.data, p.i, "false"); end > 0 {
		p.i = end
		return false, true
	}
	return false, false
}

// raw reads any valid value, inside depth arrays and objects, and returns its bytes
// (a slice of the input), as json.RawMessage keeps them. A value as json.Marshal
// writes it (every state a device or the server sends) is read by the compact scan,
// which looks for no white space between tokens; any other is read again by the
// general one.
func (p *parser) raw(depth int) ([]byte, bool) {
	p.space()
	start := p.i
	end := scan{compact: true}.value(p.data, start, depth)
	if end < 0 {
		end = skipValue(p.data, start, depth)
	}
	if end < 0 {
		return nil, false
	}
	p.i = end
	return p.data[start:end], true
}

// object reads an object whose keys are all among names (exactly as spelled, each at
// most once) and hands each value to field. Other keys, a key twice, or null instead
// of the object: not taken.
func (p *parser) object(names []string, field func(k int) bool) bool {
	if !p.byte('{') {
		return false
	}
	if p.byte('}') {
		return true
	}
	var seen uint64
	next := 0 // where the key after the last one is looked for first: json.Marshal writes them in names' order
	for {
		key, ok := p.str()
		if !ok {
			return false
		}
		k := -1
		for n := range names {
			if m := (next + n) % len(names); string(key) == names[m] {
				k = m
				break
			}
		}
		if k < 0 || seen&(1<<k) != 0 || !p.byte(':') {
			return false
		}
		seen, next = seen|1<<k, k+1
		if !field(k) {
			return false
		}
		if more, ok := p.next('}'); !more {
			return ok
		}
	}
}

// array reads an array (not null), handing each element to elem.
func (p *parser) array(elem func() bool) bool {
	if !p.byte('[') {
		return false
	}
	if p.byte(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if more, ok := p.next(']'); !more {
			return ok
		}
	}
}

// next consumes the ',' or close that follows a member or element (after white
// space): more after a ',', ok after either. When not ok, p.i is left past the end or
// the byte that is neither (the caller gives up).
func (p *parser) next(close byte) (more, ok bool) {
	c := p.peek()
	p.i++
	return c == ',', c == ',' || c == close
}

// end reports whether only white space is left.
func (p *parser) end() bool {
	p.space()
	return p.i == len(p.data)
}

var (
	pushFields   = []string{"changes"}
	changeFields = []string{"changeId", "entity", "recordId", "baseRev", "rev", "state"}
)

// DecodePushRequest reads a push body ({"changes":[…]}) as the server's strict
// decoding (unknown fields refused) reads it into a syncapi.PushRequest, when the
// body is of the usual form; ok false otherwise (an error, or something unusual):
// decode it with encoding/json then. Each change's State is a slice of body.
func DecodePushRequest(body []byte) (changes []syncapi.Change, ok bool) {
	p := parser{data: body}
	if p.peek() != '{' {
		return nil, false
	}
	ok = p.object(pushFields, func(int) bool {
		changes = make([]syncapi.Change, 0, 64)
		return p.array(func() bool {
			var c syncapi.Change
			ok := p.peek() == '{' && p.object(changeFields, func(k int) bool {
				var ok bool
				var s []byte
				switch k {
				case 0, 1, 2:
					if s, ok = p.str(); ok {
						switch k {
						case 0:
							c.ChangeID = string(s)
						case 1:
							c.Entity = entityName(s)
						default:
							c.RecordID = string(s)
						}
					}
				case 3:
					c.BaseRev, ok = p.int()
				case 4:
					c.Rev, ok = p.int()
				case 5:
					c.State, ok = p.raw(3) // in the body, the list and the change
				}
				return ok
			})
			changes = append(changes, c)
			return ok
		})
	})
	if !ok || !p.end() {
		return nil, false
	}
	return changes, true
}

// entities are the names of the kinds of record, made once.
var entities = func() []string {
	var out []string
	for _, k := range involve.Kinds() {
		out = append(out, k.Entity)
	}
	return out
}()

// entityName returns the entity's constant (no allocation for the known ones).
func entityName(s []byte) string { return oneOf(s, entities) }

// oneOf returns the string of list that s spells, or a new string when none does.
func oneOf(s []byte, list []string) string {
	for _, v := range list {
		if string(s) == v {
			return v
		}
	}
	return string(s)
}

var (
	pullFields   = []string{"changes", "cursor", "more", "role"}
	pulledFields = []string{"seq", "entity", "recordId", "rev", "state"}
)

// DecodePullResponse reads a pull page as encoding/json reads it into a
// syncapi.PullResponse, when it is of the form the server writes (its own field
// names, each once, nothing after it); ok false otherwise: decode it with
// encoding/json then (which also ignores fields it does not know). Each change's
// State is a slice of body.
func DecodePullResponse(body []byte) (resp syncapi.PullResponse, ok bool) {
	p := parser{data: body}
	if p.peek() != '{' {
		return resp, false
	}
	ok = p.object(pullFields, func(k int) bool {
		switch k {
		case 0:
			resp.Changes = make([]syncapi.PulledChange, 0, changesIn(body))
			return p.array(func() bool {
				var c syncapi.PulledChange
				ok := p.peek() == '{' && p.object(pulledFields, func(k int) bool {
					var ok bool
					var s []byte
					switch k {
					case 0:
						c.Seq, ok = p.int()
					case 1:
						s, ok = p.str()
						c.Entity = entityName(s)
					case 2:
						s, ok = p.str()
						c.RecordID = string(s)
					case 3:
						c.Rev, ok = p.int()
					case 4:
						c.State, ok = p.raw(3) // in the body, the list and the change
					}
					return ok
				})
				resp.Changes = append(resp.Changes, c)
				return ok
			})
		case 1:
			s, ok := p.str()
			resp.Cursor = string(s)
			return ok
		case 2:
			var ok bool
			resp.More, ok = p.bool()
			return ok
		default:
			s, ok := p.str()
			resp.Role = string(s)
			return ok
		}
	})
	if !ok || !p.end() {
		return syncapi.PullResponse{}, false
	}
	return resp, true
}

// changesIn is room for the changes of a pull page: the changes the server writes
// each start with {"seq": (a state may hold that too: the room is a guess, never a
// limit), so a page's list is made once instead of grown by append (30 MB of a first
// pull of 100 000 records).
func changesIn(body []byte) int {
	return min(bytes.Count(body, []byte(`{"seq":`)), len(body)/64) + 1
}

// Fields calls fn with each member of a JSON object, in order: the key as written
// between its quotes and the value's bytes. It returns false (having called fn for
// some members, perhaps) when data is not a valid object or a key has escapes; and
// stops, returning false, when fn does.
func Fields(data []byte, fn func(key, value []byte) bool) bool {
	p := parser{data: data}
	if !p.byte('{') {
		return false
	}
	if p.byte('}') {
		return p.end()
	}
	for {
		key, ok := p.str()
		if !ok || !p.byte(':') {
			return false
		}
		value, ok := p.raw(1)
		if !ok || !fn(key, value) {
			return false
		}
		if more, ok := p.next('}'); !more {
			return ok && p.end()
		}
	}
}

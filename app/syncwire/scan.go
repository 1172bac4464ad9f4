// Package syncwire holds fast paths for the sync protocol's JSON (docs/sync-protocol.md):
// a validating scanner, the push request and pull page envelopes, and the writing of
// results and pages. encoding/json reads a body several times over (once to find the
// value, once to decode it, once more for every json.RawMessage) and is most of the
// CPU a push or pull costs; these read it once.
//
// Every fast path gives exactly what encoding/json gives, or says it cannot (ok
// false) and the caller uses encoding/json: errors, unusual spellings (escaped or
// differently cased keys, duplicate keys, null where a value is expected) and
// anything else out of the ordinary take the general path, so error messages and
// edge cases stay as they were. The fuzz tests compare both paths.
package syncwire

import (
	"encoding/binary"
	"math/bits"
)

// maxDepth is encoding/json's nesting limit (a deeper value is invalid there too).
const maxDepth = 10000

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// Valid reports whether data is exactly one JSON value with optional white space
// around it: the same answer as json.Valid.
func Valid(data []byte) bool {
	i := skipSpace(data, 0)
	j := skipValue(data, i, 0)
	return j >= 0 && skipSpace(data, j) == len(data)
}

// Compacted reports whether raw is a valid JSON value that encoding/json writes as it
// is when it marshals it as a json.RawMessage: no white space outside strings, and
// none of <, >, &, U+2028, U+2029 (which it would escape). Every state the server
// stores was written by json.Marshal, so it is; a state that is not takes the
// general path.
func Compacted(raw []byte) bool {
	s := scan{compact: true}
	return s.value(raw, 0, 0) == len(raw)
}

// skipValue checks the JSON value starting at data[i] (no white space before it) and
// returns the index just after it, or -1 if it is not valid JSON. depth is the
// number of arrays and objects it sits in.
func skipValue(data []byte, i, depth int) int {
	s := scan{}
	return s.value(data, i, depth)
}

// scan is the validator. compact: refuse white space between tokens and, in strings,
// the characters json.Marshal escapes in a RawMessage.
type scan struct{ compact bool }

func (s scan) space(data []byte, i int) int {
	if s.compact {
		return i
	}
	return skipSpace(data, i)
}

func (s scan) value(data []byte, i, depth int) int {
	if i >= len(data) {
		return -1
	}
	switch c := data[i]; c {
	case '{':
		return s.object(data, i, depth+1)
	case '[':
		return s.array(data, i, depth+1)
	case '"':
		return s.string(data, i)
	case 't':
		return skipLiteral(data, i, "true")
	case 'f':
		return skipLiteral(data, i, "false")
	case 'n':
		return skipLiteral(data, i, "null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return skipNumber(data, i)
		}
	}
	return -1
}

func skipLiteral(data []byte, i int, lit string) int {
	if len(data)-i < len(lit) || string(data[i:i+len(lit)]) != lit {
		return -1
	}
	return i + len(lit)
}

// skipNumber checks -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at data[i].
func skipNumber(data []byte, i int) int {
	n := len(data)
	if data[i] == '-' {
		i++
	}
	switch {
	case i < n && data[i] == '0':
		i++
	case i < n && data[i] >= '1' && data[i] <= '9':
		for i++; i < n && data[i] >= '0' && data[i] <= '9'; i++ {
		}
	default:
		return -1
	}
	if i < n && data[i] == '.' {
		i++
		if i >= n || data[i] < '0' || data[i] > '9' {
			return -1
		}
		for i++; i < n && data[i] >= '0' && data[i] <= '9'; i++ {
		}
	}
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= n || data[i] < '0' || data[i] > '9' {
			return -1
		}
		for i++; i < n && data[i] >= '0' && data[i] <= '9'; i++ {
		}
	}
	return i
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// Bytes a string scan must look at: 1 in every string, 2 only in compact mode.
var special = func() (t [256]byte) {
	for c := range 0x20 {
		t[c] = 1
	}
	t['"'], t['\\'] = 1, 1
	t['<'], t['>'], t['&'], t[0xE2] = 2, 2, 2, 2
	return t
}()

// string checks the string starting at data[i] ('"') and returns the index after its
// closing quote. Like encoding/json, it refuses control characters and bad escapes,
// and lets invalid UTF-8 through (decoding replaces it). Runs of ordinary ASCII bytes
// are skipped eight at a time (skipPlain); from the string's first byte of a
// multi-byte character on (text in another script would stop skipPlain at every
// byte), the rest is read byte by byte (stringBytes).
func (s scan) string(data []byte, i int) int {
	i++
	for {
		if i = skipPlain(data, i); i >= len(data) || data[i] >= 0x80 {
			return s.stringBytes(data, i)
		}
		switch c := data[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i = skipEscape(data, i); i < 0 {
				return -1
			}
		case c < 0x20:
			return -1
		case s.compact && special[c] == 2: // '<', '>', '&'
			return -1
		default: // ordinary (the tail skipPlain leaves, or '<', '>', '&' in a value with spaces)
			i++
		}
	}
}

// stringBytes is string from data[i] on, a byte at a time.
func (s scan) stringBytes(data []byte, i int) int {
	for i < len(data) {
		c := data[i]
		switch special[c] {
		case 0:
			i++
			continue
		case 2:
			if s.compact && (c != 0xE2 || i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xA8) {
				return -1
			}
			i++
			continue
		}
		switch {
		case c == '"':
			return i + 1
		case c == '\\':
			if i = skipEscape(data, i); i < 0 {
				return -1
			}
		default: // a control character
			return -1
		}
	}
	return -1
}

// skipEscape checks the escape at data[i] ('\\') and returns the index after it, or -1.
func skipEscape(data []byte, i int) int {
	if i+1 >= len(data) {
		return -1
	}
	switch data[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return i + 2
	case 'u':
		if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
			return -1
		}
		return i + 6
	}
	return -1
}

// Word-at-a-time constants: a byte repeated in each of a uint64's eight bytes.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// skipPlain returns the index of the first byte at or after data[i] that a string scan
// must look at alone, reading eight bytes at a time while eight are left; when there
// is none in those, the index of the tail of fewer than eight bytes, which is left to
// the caller's byte loop. Such a byte is any of '"', '\\', '&', '<', '>', a control
// character (< 0x20) or a byte of a multi-byte character (>= 0x80): every byte special
// marks, and a few more (the caller looks at them and passes over them).
func skipPlain(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		if m := mayStop(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	return i
}

// mayStop flags (its high bit) each byte of w (eight bytes of a string, the first in
// the low byte) that skipPlain stops at. The lowest flag is exact: the first such
// byte. A flag above it may be false (a borrow carried up from it), never missing
// below it, and w without such a byte has none: a subtraction borrows first at a byte
// below the subtrahend's, and only that starts a carry.
func mayStop(w uint64) uint64 {
	quoteAmp := w&(0xFB*ones) ^ 0x22*ones // zero where '"' (0x22) or '&' (0x26)
	angle := w&(0xFD*ones) ^ 0x3C*ones    // zero where '<' (0x3C) or '>' (0x3E)
	backslash := w ^ 0x5C*ones            // zero where '\\'
	t := (w - 0x20*ones) & ^w             // below 0x20
	t |= (quoteAmp - ones) & ^quoteAmp
	t |= (angle - ones) & ^angle
	t |= (backslash - ones) & ^backslash
	return (t | w) & highs // or >= 0x80
}

func (s scan) object(data []byte, i, depth int) int {
	i, more := s.open(data, i, depth, '}')
	for more {
		if i >= len(data) || data[i] != '"' {
			return -1
		}
		if i = s.string(data, i); i < 0 {
			return -1
		}
		i = s.space(data, i)
		if i >= len(data) || data[i] != ':' {
			return -1
		}
		if i = s.value(data, s.space(data, i+1), depth); i < 0 {
			return -1
		}
		if i, more = s.next(data, i, '}'); more {
			i = s.space(data, i)
		}
	}
	return i
}

func (s scan) array(data []byte, i, depth int) int {
	i, more := s.open(data, i, depth, ']')
	for more {
		if i = s.value(data, i, depth); i < 0 {
			return -1
		}
		if i, more = s.next(data, i, ']'); more {
			i = s.space(data, i)
		}
	}
	return i
}

// open reads the '{' or '[' at data[i] and the white space after it: more, and the
// index of the first member or element; or the index just after close when there is
// none; -1 when nested deeper than encoding/json allows.
func (s scan) open(data []byte, i, depth int, close byte) (j int, more bool) {
	if depth > maxDepth {
		return -1, false
	}
	i = s.space(data, i+1)
	if i < len(data) && data[i] == close {
		return i + 1, false
	}
	return i, true
}

// next reads the ',' or close after a value that ends at data[i] (after white
// space): more, and the index just after a ','; or the index just after close; -1 for
// anything else.
func (s scan) next(data []byte, i int, close byte) (j int, more bool) {
	i = s.space(data, i)
	if i >= len(data) || data[i] != ',' && data[i] != close {
		return -1, false
	}
	return i + 1, data[i] == ','
}

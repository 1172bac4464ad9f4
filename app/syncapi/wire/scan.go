// Package wire holds fast paths for the sync protocol's JSON (docs/sync-protocol.md):
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
package wire

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

// skipValue checks the JSON value starting at data[i] (no white space before it) and
// returns the index just after it, or -1 if it is not valid JSON. depth is the
// number of arrays and objects it sits in.
func skipValue(data []byte, i, depth int) int {
	if i >= len(data) {
		return -1
	}
	switch c := data[i]; c {
	case '{':
		return skipObject(data, i, depth+1)
	case '[':
		return skipArray(data, i, depth+1)
	case '"':
		return skipString(data, i)
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

// skipString checks the string starting at data[i] ('"') and returns the index after
// its closing quote. Like encoding/json, it refuses control characters and bad
// escapes, and lets invalid UTF-8 through (decoding replaces it).
func skipString(data []byte, i int) int {
	i++
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 >= len(data) {
				return -1
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) || !isHex(data[i+5]) {
					return -1
				}
				i += 6
			default:
				return -1
			}
		case c < 0x20:
			return -1
		default:
			i++
		}
	}
	return -1
}

func skipObject(data []byte, i, depth int) int {
	if depth > maxDepth {
		return -1
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return -1
		}
		if i = skipString(data, i); i < 0 {
			return -1
		}
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != ':' {
			return -1
		}
		i = skipSpace(data, i+1)
		if i = skipValue(data, i, depth); i < 0 {
			return -1
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return i + 1
		default:
			return -1
		}
	}
}

func skipArray(data []byte, i, depth int) int {
	if depth > maxDepth {
		return -1
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1
	}
	for {
		if i = skipValue(data, i, depth); i < 0 {
			return -1
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return i + 1
		default:
			return -1
		}
	}
}

// Compacted reports whether raw is a valid JSON value that encoding/json writes as it
// is when it marshals it as a json.RawMessage: no white space outside strings, and
// none of <, >, &, U+2028, U+2029 (which it would escape). Every state the server
// stores was written by json.Marshal, so it is; a state that is not takes the
// general path.
func Compacted(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '<', '>', '&':
			return false
		case 0xE2:
			if i+2 < len(raw) && raw[i+1] == 0x80 && raw[i+2]&^1 == 0xA8 {
				return false
			}
		}
	}
	return compactValue(raw)
}

// compactValue is Valid for a value without white space between its tokens.
func compactValue(raw []byte) bool {
	if len(raw) == 0 {
		return false
	}
	j := skipValue(raw, 0, 0)
	if j != len(raw) {
		return false
	}
	// skipValue allows white space between tokens; look for any outside strings.
	inString := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case ' ', '\t', '\n', '\r':
			return false
		}
	}
	return true
}

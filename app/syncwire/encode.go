package syncwire

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/hin-south-london/involve/app/syncapi"
)

// The Append functions write exactly what json.Marshal writes for the same value,
// without reflection and without checking again the states the server wrote itself.

// AppendString appends s as a JSON string, as encoding/json writes it (with <, > and
// & escaped).
func AppendString(dst []byte, s string) []byte { return appendString(dst, s) }

func appendString[T string | []byte](dst []byte, s T) []byte {
	i := 0
	for ; i+8 <= len(s); i += 8 { // eight bytes at a time (scan.go's mayStop, and DEL)
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := w ^ 0x7F*ones
		if mayStop(w)|(del-ones)&^del&highs != 0 {
			break // the byte loop finds it
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || asciiJSONLen[c] != 1 {
			return appendEscaped(dst, s, i)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}

// appendEscaped is appendString of a string whose first byte that may need escaping
// is s[i]: encoding/json's own rules (its appendString, with HTML escaping), which
// FuzzStringLen, FuzzAppend and TestAppendFeedbackIsMarshal hold it to. '"' and '\\'
// and \b \f \n \r \t take a backslash; other control characters, <, > and & are
// written \u00XX; an invalid UTF-8 byte is \ufffd; U+2028 and U+2029 are \u2028 and
// \u2029; other non-ASCII characters are as they are.
func appendEscaped[T string | []byte](dst []byte, s T, i int) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiJSONLen[c] == 1 {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendRaw appends a json.RawMessage as json.Marshal writes it: as it is when it is
// compact (every state the server stores is), otherwise compacted (or the error
// json.Marshal would give).
func AppendRaw(dst []byte, raw []byte) ([]byte, error) {
	if Compacted(raw) {
		return append(dst, raw...), nil
	}
	b, err := json.Marshal(json.RawMessage(raw))
	if err != nil {
		return dst, err
	}
	return append(dst, b...), nil
}

func appendInt(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }

// AppendResult appends a push result (json.Marshal of a syncapi.Result).
func AppendResult(dst []byte, r *syncapi.Result) ([]byte, error) {
	dst = append(dst, `{"changeId":`...)
	dst = AppendString(dst, r.ChangeID)
	dst = append(dst, `,"status":`...)
	dst = AppendString(dst, r.Status)
	if r.Rev != 0 {
		dst = append(dst, `,"rev":`...)
		dst = appendInt(dst, r.Rev)
	}
	if len(r.State) > 0 {
		var err error
		dst = append(dst, `,"state":`...)
		if dst, err = AppendRaw(dst, r.State); err != nil {
			return dst, err
		}
	}
	if r.Code != "" {
		dst = append(dst, `,"code":`...)
		dst = AppendString(dst, r.Code)
	}
	if r.Reason != "" {
		dst = append(dst, `,"reason":`...)
		dst = AppendString(dst, r.Reason)
	}
	if len(r.Conflicts) > 0 {
		dst = append(dst, `,"conflicts":[`...)
		for i, id := range r.Conflicts {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, id)
		}
		dst = append(dst, ']')
	}
	if r.UpdatedAt != "" {
		dst = append(dst, `,"updatedAt":`...)
		dst = AppendString(dst, r.UpdatedAt)
	}
	return append(dst, '}'), nil
}

// AppendPushResponse appends a push answer (json.Marshal of a syncapi.PushResponse).
func AppendPushResponse(dst []byte, resp *syncapi.PushResponse) ([]byte, error) {
	if resp.Results == nil {
		dst = append(dst, `{"results":null`...)
	} else {
		dst = append(dst, `{"results":[`...)
		for i := range resp.Results {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = AppendResult(dst, &resp.Results[i]); err != nil {
				return dst, err
			}
		}
		dst = append(dst, ']')
	}
	if resp.Since != "" {
		dst = append(dst, `,"since":`...)
		dst = AppendString(dst, resp.Since)
	}
	if resp.Cursor != "" {
		dst = append(dst, `,"cursor":`...)
		dst = AppendString(dst, resp.Cursor)
	}
	if resp.Row {
		dst = append(dst, `,"row":true`...)
	}
	if resp.Batch != 0 {
		dst = append(dst, `,"batch":`...)
		dst = strconv.AppendInt(dst, int64(resp.Batch), 10)
	}
	return append(dst, '}'), nil
}

// AppendPushRequest appends a push body (json.Marshal of a syncapi.PushRequest).
func AppendPushRequest(dst []byte, changes []syncapi.Change) ([]byte, error) {
	if changes == nil {
		return append(dst, `{"changes":null}`...), nil
	}
	dst = append(dst, `{"changes":[`...)
	for i := range changes {
		c := &changes[i]
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"changeId":`...)
		dst = AppendString(dst, c.ChangeID)
		dst = append(dst, `,"entity":`...)
		dst = AppendString(dst, c.Entity)
		dst = append(dst, `,"recordId":`...)
		dst = AppendString(dst, c.RecordID)
		dst = append(dst, `,"baseRev":`...)
		dst = appendInt(dst, c.BaseRev)
		dst = append(dst, `,"rev":`...)
		dst = appendInt(dst, c.Rev)
		dst = append(dst, `,"state":`...)
		var err error
		if dst, err = AppendRaw(dst, c.State); err != nil {
			return dst, err
		}
		dst = append(dst, '}')
	}
	return append(dst, "]}"...), nil
}

// PageWriter writes a pull page (json.Marshal of a syncapi.PullResponse with a
// non-nil Changes) change by change: Add each change, then End.
type PageWriter struct {
	buf []byte
	n   int
}

// NewPageWriter starts a page in buf (reused: buf[:0]).
func NewPageWriter(buf []byte) *PageWriter {
	return &PageWriter{buf: append(buf[:0], `{"changes":[`...)}
}

// Add appends one change.
func (w *PageWriter) Add(seq int64, entity, recordID string, rev int64, state []byte) error {
	return add(w, seq, entity, recordID, rev, state)
}

// AddBytes is Add with the entity and record id as bytes (as a database row has them).
func (w *PageWriter) AddBytes(seq int64, entity, recordID []byte, rev int64, state []byte) error {
	return add(w, seq, entity, recordID, rev, state)
}

func add[T string | []byte](w *PageWriter, seq int64, entity, recordID T, rev int64, state []byte) error {
	if w.n > 0 {
		w.buf = append(w.buf, ',')
	}
	w.n++
	w.buf = append(w.buf, `{"seq":`...)
	w.buf = appendInt(w.buf, seq)
	w.buf = append(w.buf, `,"entity":`...)
	w.buf = appendString(w.buf, entity)
	w.buf = append(w.buf, `,"recordId":`...)
	w.buf = appendString(w.buf, recordID)
	w.buf = append(w.buf, `,"rev":`...)
	w.buf = appendInt(w.buf, rev)
	w.buf = append(w.buf, `,"state":`...)
	var err error
	w.buf, err = AppendRaw(w.buf, state)
	w.buf = append(w.buf, '}')
	return err
}

// Len is how many changes were added.
func (w *PageWriter) Len() int { return w.n }

// End closes the page with its cursor, more and the device's role ("" for none: left
// out, as omitempty does) and returns it.
func (w *PageWriter) End(cursor string, more bool, role string) []byte {
	w.buf = append(w.buf, `],"cursor":`...)
	w.buf = AppendString(w.buf, cursor)
	w.buf = append(w.buf, `,"more":`...)
	w.buf = strconv.AppendBool(w.buf, more)
	if role != "" {
		w.buf = append(w.buf, `,"role":`...)
		w.buf = AppendString(w.buf, role)
	}
	return append(w.buf, '}')
}

// StringLen is len(AppendString(nil, s)), counted without writing it: the length of s as
// json.Marshal writes it: quoted; '"', '\\' and
// \b \f \n \r \t escaped in two bytes; other control characters, '<', '>', '&',
// U+2028, U+2029 and each invalid UTF-8 byte (as \ufffd) in six.
func StringLen(s string) int {
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

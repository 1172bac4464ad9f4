package syncwire

import (
	"encoding/binary"
	"strings"
	"testing"
)

// stringBytewise is scan.string one byte at a time, as it was before skipPlain
// (stringBytes, which string falls back to, is that loop unchanged). The
// word-at-a-time scan must give the same answer on any input.
func stringBytewise(s scan, data []byte, i int) int {
	return s.stringBytes(data, i+1)
}

// stops reports whether skipPlain must stop at c.
func stops(c byte) bool {
	return c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '&' || c == '<' || c == '>'
}

// TestMayStop puts every byte value at every place of a word of ordinary bytes, and
// after it every other byte value: the lowest flag is the first byte to stop at.
func TestMayStop(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			for d := range 256 {
				var b [8]byte
				for k := range b {
					b[k] = 'a'
				}
				b[pos] = byte(c)
				if pos < 7 {
					b[pos+1] = byte(d)
				} else if d > 0 {
					break
				}
				want := 8
				for k, x := range b {
					if stops(x) {
						want = k
						break
					}
				}
				got := 8
				if m := mayStop(binary.LittleEndian.Uint64(b[:])); m != 0 {
					got = skipPlain(b[:], 0)
				}
				if got != want {
					t.Fatalf("%q: skipPlain stops at %d, want %d", b, got, want)
				}
			}
		}
	}
}

var stringScanSeeds = []string{
	`"plain"`, `"a long string of ordinary words, longer than a word or two"`, `"with \"escapes\" and \\ and \u00e9 and \n in it, and more"`,
	"\"caf\xc3\xa9 and \xe2\x80\xa8 and \xe2\x80\xa9 and \xe2\x82\xac and \xe2\x80\"", `"<a & b>, long enough to be read in words"`,
	"\"control \x01 character in a long string\"", `"unterminated and long enough to be read in words`, `"\u12"`, `"\`,
	`"0123456\"`, `"01234567"`, `"012345678"`, "\"0123456\x1f\"", "\"\xe2", "\"\xe2\x80", "\"xxxxxx\xe2\x80\xa8\"",
}

// FuzzScanString: the string scan, compact or not, and the decoder's str give what
// the byte loop gives, from any start.
func FuzzScanString(f *testing.F) {
	for _, s := range stringScanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i := range min(len(data), 16) {
			for _, compact := range []bool{false, true} {
				s := scan{compact: compact}
				if got, want := s.string(data, i), stringBytewise(s, data, i); got != want {
					t.Fatalf("scan{compact: %v}.string(%q, %d) = %d, the byte loop %d", compact, data, i, got, want)
				}
			}
			j := skipPlain(data, i)
			for k := i; k < j; k++ {
				if stops(data[k]) {
					t.Fatalf("skipPlain(%q, %d) = %d: passed %q at %d", data, i, j, data[k], k)
				}
			}
			if j < i || j > len(data) || j < len(data) && !stops(data[j]) && len(data)-j >= 8 {
				t.Fatalf("skipPlain(%q, %d) = %d", data, i, j)
			}
		}
	})
}

func TestScanStringSeeds(t *testing.T) {
	for _, s := range append(stringScanSeeds, strings.Repeat("x", 100)+`"`, `"`+strings.Repeat("\xe2\x80\xa8", 10)+`"`) {
		for _, compact := range []bool{false, true} {
			sc := scan{compact: compact}
			if got, want := sc.string([]byte(s), 0), stringBytewise(sc, []byte(s), 0); got != want {
				t.Errorf("scan{compact: %v}.string(%q) = %d, the byte loop %d", compact, s, got, want)
			}
		}
	}
}

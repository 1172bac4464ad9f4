package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxCellChars is Excel's limit on the text in one cell, in UTF-16 code units.
const MaxCellChars = 32767

// NoRecordsText is the line a sheet shows when the period has no rows for it.
const NoRecordsText = "There are no records for this period."

// NoConsentText replaces a feedback item's text when its quote consent is not given.
const NoConsentText = "Not shown: no quote consent"

// NoneRecordedText is a Summary figure whose records do not exist yet.
const NoneRecordedText = "None recorded"

// cleanText removes the characters XML 1.0 does not allow (control characters other
// than tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) and
// replaces invalid UTF-8 with U+FFFD, so that any text can go into a cell.
func cleanText(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid UTF-8 arrives as utf8.RuneError (U+FFFD), which is allowed
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// utf16Len is the length of s in UTF-16 code units (how Excel counts).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// cellText is text as it goes into a workbook cell: cleaned, and cut to Excel's
// limit with a marker that says how long the full text is.
func cellText(s string) string {
	s = cleanText(s)
	if len(s) <= MaxCellChars { // bytes ≥ UTF-16 units
		return s
	}
	n := utf16Len(s)
	if n <= MaxCellChars {
		return s
	}
	marker := "… [truncated: full text is " + strconv.Itoa(utf8.RuneCountInString(s)) + " characters]"
	room := MaxCellChars - utf16Len(marker)
	used, cut := 0, 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if used+w > room {
			cut = i
			break
		}
		used += w
	}
	return s[:cut] + marker
}

// csvText is text as it goes into a CSV file: cleaned, and, when it starts with a
// character a spreadsheet would read as a formula (= + - @, tab or carriage return),
// prefixed with a single quote (OWASP's advice on CSV injection). CSV text is not
// truncated.
func csvText(s string) string {
	s = cleanText(s)
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}

package involve

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta is the sync metadata every record carries (DESIGN §4).
type Meta struct {
	ID        string `json:"id"`        // UUIDv7 made on the device
	CreatedAt string `json:"createdAt"` // RFC 3339 UTC
	UpdatedAt string `json:"updatedAt"`
	CreatedBy string `json:"createdBy"` // staff user name
	DeviceID  string `json:"deviceId"`
	Rev       int64  `json:"rev"`                 // hybrid logical clock value, monotonic per record
	DeletedAt string `json:"deletedAt,omitempty"` // tombstone
	TeamID    string `json:"teamId,omitempty"`
}

// TimeFormat is how every time is stored: RFC 3339 in UTC with milliseconds.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// FormatTime formats t for storage.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// Limits on free text, generous enough for real notes and small enough that a stuck
// key or a pasted file cannot fill the disk.
const (
	MaxShortText = 200
	MaxText      = 5_000
	MaxFeedback  = 20_000
	MaxNotes     = 1_000_000
)

func checkLen(p *Problems, field, label, v string, max int) {
	if utf8.RuneCountInString(v) > max {
		p.Add(field, label+" must be "+itoa(max)+" characters or fewer")
	}
}

// Thousands writes a count with thousands separators: 12345 → "12,345", -1234 →
// "-1,234". Every figure people read (reports, the board pack, the command line, the
// server's messages) is written with it.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// itoa formats n with thousands separators, as NHS.UK content does ("1,000").
func itoa(n int) string { return Thousands(int64(n)) }

// ValidDate reports whether s is a real calendar date in YYYY-MM-DD form.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// ValidClock reports whether s is a time of day in HH:MM form.
func ValidClock(s string) bool {
	if len(s) != 5 {
		return false
	}
	_, err := time.Parse("15:04", s)
	return err == nil
}

// trimAll trims the spaces around each string in place.
func trimAll(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}

// uniqueCodes drops empty and repeated codes, keeping the first order.
func uniqueCodes(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, c := range in {
		c = strings.TrimSpace(c)
		if c == "" || seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

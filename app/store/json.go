package store

import (
	"encoding/json"

	"github.com/hin-south-london/involve/app/syncwire"
)

// codes encodes a list of codes for a JSON column ("[]" for none).
func codes(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	// what json.Marshal writes, without reflection (a pull writes one a feedback item)
	n := 2
	for _, s := range list {
		n += len(s) + 3
	}
	b := append(make([]byte, 0, n), '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = syncwire.AppendString(b, s)
	}
	return string(append(b, ']'))
}

// decodeCodes reads a JSON list column; a damaged value reads as empty rather than
// hiding the whole record.
func decodeCodes(s string) []string {
	out := []string{}
	if s == "" || s == "[]" {
		return out
	}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

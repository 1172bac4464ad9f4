package store

import "encoding/json"

// codes encodes a list of codes for a JSON column ("[]" for none).
func codes(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
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

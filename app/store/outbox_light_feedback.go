package store

import (
	"database/sql"
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncwire"
)

// A feedback item's state read from its row for a light entry or base (lightStatesBy),
// written by hand: the same bytes as json.Marshal of the item scanFeedback reads
// (TestFeedbackStateIsMarshal, FuzzFeedbackState and TestLightFeedbackStatesAreMarshal
// hold it to that), without the reflection, the decoded theme list and the *int of the
// rating (issue 17: about 0.3 s of CPU in a push of 100 000 items).

// feedbackStateRow is a feedback row as scanned for its state: the item but its rating and
// themes, which are kept as the columns hold them.
type feedbackStateRow struct {
	f      involve.Feedback // Rating and Themes unset
	rating sql.NullInt64
	themes string
}

// scan reads one row of feedbackCols (the destinations of scanFeedback).
func (r *feedbackStateRow) scan(sc scanner) error {
	f := &r.f
	return sc.Scan(&f.ID, &f.SessionID, &f.Source, &f.Text, &r.rating, &r.themes, &f.QuoteConsent, &f.NeedsResponse,
		&f.AgeBand, &f.EthnicGroup, &f.Borough, &f.CapturedBy, &f.CreatedAt, &f.UpdatedAt, &f.CreatedBy, &f.DeviceID,
		&f.Rev, &f.DeletedAt, &f.TeamID, &f.Answered)
}

// item is the feedback item scanFeedback makes of the same row.
func (r *feedbackStateRow) item() involve.Feedback {
	f := r.f
	if r.rating.Valid {
		n := int(r.rating.Int64)
		f.Rating = &n
	}
	f.Themes = decodeCodes(r.themes)
	return f
}

// appendState appends json.Marshal(r.item()): syncwire's writer of a feedback item,
// its rating and themes from the columns as they are (appendRatingThemes).
func (r *feedbackStateRow) appendState(dst []byte) []byte {
	return syncwire.AppendFeedbackWith(dst, &r.f, r.appendRatingThemes)
}

// appendRatingThemes appends the rating's value, then `,"themes":` and the list's, as
// json.Marshal writes r.item()'s.
func (r *feedbackStateRow) appendRatingThemes(dst []byte) []byte {
	if r.rating.Valid {
		dst = strconv.AppendInt(dst, int64(int(r.rating.Int64)), 10)
	} else {
		dst = append(dst, "null"...)
	}
	dst = append(dst, `,"themes":`...)
	return appendCodes(dst, r.themes)
}

// appendCodes appends json.Marshal(decodeCodes(s)): s itself when it is already what
// json.Marshal writes for the list it holds (how codes stores one, for ids of plain
// characters), otherwise the list decoded and written again.
func appendCodes(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "[]"...)
	}
	if plainCodes(s) {
		return append(dst, s...)
	}
	cs := decodeCodes(s)
	if cs == nil { // (the column holding null)
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, c := range cs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = syncwire.AppendString(dst, c)
	}
	return append(dst, ']')
}

// plainCodes says whether s is a JSON list of strings written as json.Marshal writes
// it, with nothing in a string that it would escape: `[]` or `["a","b"]`, no spaces,
// no backslash, only printable ASCII but <, > and &.
func plainCodes(s string) bool {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	in := s[1 : len(s)-1]
	if in == "" {
		return true
	}
	for i := 0; ; {
		if i >= len(in) || in[i] != '"' {
			return false
		}
		for i++; i < len(in) && in[i] != '"'; i++ {
			if c := in[i]; c < 0x20 || c >= 0x7f || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
		}
		if i >= len(in) {
			return false
		}
		i++ // the closing quote
		if i == len(in) {
			return true
		}
		if in[i] != ',' {
			return false
		}
		i++
	}
}

package syncwire

import (
	"strconv"

	"github.com/hin-south-london/involve/app/involve"
)

// A feedback item's state written without reflection: the server stamps every
// feedback item pushed to it (app/server pushstamp.go), and json.Marshal's reflection
// was a third of that stamping's CPU in a push of 100 000 items (issue 17).
// TestAppendFeedbackIsMarshal and FuzzAppendFeedback hold it to json.Marshal's bytes.

// AppendFeedback appends json.Marshal(f): the fields in the type's order (Meta,
// FeedbackInput, CapturedBy), deletedAt and teamId left out when empty (omitempty), a
// nil rating and a nil theme list as null, strings escaped as encoding/json escapes them
// (AppendString). json.Marshal cannot fail for a Feedback (strings, integers, booleans,
// a pointer to an int, a list of strings), so neither can this.
func AppendFeedback(dst []byte, f *involve.Feedback) []byte {
	dst, _ = appendFeedback(dst, f, f.TeamID, f.Rev, f.UpdatedAt, nil)
	return dst
}

// AppendFeedbackWith is AppendFeedback for a store that keeps an item's rating and
// theme list as its columns hold them (the laptop's rows: app/store): ratingThemes
// appends the rating's value, then `,"themes":` and the list's, as json.Marshal writes
// them; f's Rating and Themes are not read.
func AppendFeedbackWith(dst []byte, f *involve.Feedback, ratingThemes func(dst []byte) []byte) []byte {
	dst, _ = appendFeedback(dst, f, f.TeamID, f.Rev, f.UpdatedAt, ratingThemes)
	return dst
}

// StampFeedback appends json.Marshal(f) as it is with the server's stamps (team,
// revision, update time) in place of f's, f itself unchanged; and says whether sent is
// json.Marshal(f) with f's own stamps, byte for byte: what AppendFeedback writes for f.
// That is written once; f's own stamps are compared in place of the server's.
func StampFeedback(dst []byte, f *involve.Feedback, team string, rev int64, updatedAt string, sent []byte) (state []byte, asSent bool) {
	start := len(dst)
	dst, m := appendFeedback(dst, f, team, rev, updatedAt, nil)
	state = dst[start:]
	var buf [96]byte
	at := 0 // in sent
	same := func(piece []byte) bool {
		if len(sent)-at < len(piece) || string(sent[at:at+len(piece)]) != string(piece) {
			return false
		}
		at += len(piece)
		return true
	}
	asSent = same(state[:m.at]) && same(appendString(buf[:0], f.UpdatedAt)) &&
		same(state[m.atEnd:m.rev]) && same(appendInt(buf[:0], f.Rev)) &&
		same(state[m.revEnd:m.team]) && same(appendTeam(buf[:0], f.TeamID)) &&
		same(state[m.teamEnd:]) && at == len(sent)
	return dst, asSent
}

// stampMarks are where the stamps are in a state appendFeedback wrote (from its
// start): the update time's and the revision's values, the team's member with its
// comma (empty when left out).
type stampMarks struct{ at, atEnd, rev, revEnd, team, teamEnd int }

// appendFeedback is AppendFeedback with team, rev and updatedAt in place of f's, and
// the rating and themes written by ratingThemes unless it is nil (AppendFeedbackWith).
func appendFeedback(dst []byte, f *involve.Feedback, team string, rev int64, updatedAt string, ratingThemes func([]byte) []byte) ([]byte, stampMarks) {
	start := len(dst)
	var m stampMarks
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, f.ID)
	dst = append(dst, `,"createdAt":`...)
	dst = appendString(dst, f.CreatedAt)
	dst = append(dst, `,"updatedAt":`...)
	m.at = len(dst) - start
	dst = appendString(dst, updatedAt)
	m.atEnd = len(dst) - start
	dst = append(dst, `,"createdBy":`...)
	dst = appendString(dst, f.CreatedBy)
	dst = append(dst, `,"deviceId":`...)
	dst = appendString(dst, f.DeviceID)
	dst = append(dst, `,"rev":`...)
	m.rev = len(dst) - start
	dst = appendInt(dst, rev)
	m.revEnd = len(dst) - start
	if f.DeletedAt != "" {
		dst = append(dst, `,"deletedAt":`...)
		dst = appendString(dst, f.DeletedAt)
	}
	m.team = len(dst) - start
	dst = appendTeam(dst, team)
	m.teamEnd = len(dst) - start
	dst = append(dst, `,"sessionId":`...)
	dst = appendString(dst, f.SessionID)
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, f.Text)
	dst = append(dst, `,"rating":`...)
	if ratingThemes != nil {
		dst = ratingThemes(dst)
	} else {
		if f.Rating != nil {
			dst = appendInt(dst, int64(*f.Rating))
		} else {
			dst = append(dst, "null"...)
		}
		dst = append(dst, `,"themes":`...)
		if f.Themes != nil {
			dst = append(dst, '[')
			for i, th := range f.Themes {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = appendString(dst, th)
			}
			dst = append(dst, ']')
		} else {
			dst = append(dst, "null"...)
		}
	}
	dst = append(dst, `,"source":`...)
	dst = appendString(dst, f.Source)
	dst = append(dst, `,"quoteConsent":`...)
	dst = strconv.AppendBool(dst, f.QuoteConsent)
	dst = append(dst, `,"needsResponse":`...)
	dst = strconv.AppendBool(dst, f.NeedsResponse)
	dst = append(dst, `,"ageBand":`...)
	dst = appendString(dst, f.AgeBand)
	dst = append(dst, `,"ethnicGroup":`...)
	dst = appendString(dst, f.EthnicGroup)
	dst = append(dst, `,"borough":`...)
	dst = appendString(dst, f.Borough)
	dst = append(dst, `,"answered":`...)
	dst = strconv.AppendBool(dst, f.Answered)
	dst = append(dst, `,"capturedBy":`...)
	dst = appendString(dst, f.CapturedBy)
	return append(dst, '}'), m
}

// appendTeam appends the teamId member (with its comma), or nothing for no team.
func appendTeam(dst []byte, team string) []byte {
	if team == "" {
		return dst
	}
	dst = append(dst, `,"teamId":`...)
	return appendString(dst, team)
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// feedbackStateCase is a scanned feedback row made of fuzzed parts.
func feedbackStateCase(text, id, themes string, rev, rating int64, hasRating, b bool) *feedbackStateRow {
	r := &feedbackStateRow{themes: themes, rating: sql.NullInt64{Int64: rating, Valid: hasRating}}
	r.f = involve.Feedback{Meta: involve.Meta{ID: id, CreatedAt: "2026-11-24T10:00:00.000Z", UpdatedAt: text, CreatedBy: text,
		DeviceID: id, Rev: rev}, FeedbackInput: involve.FeedbackInput{SessionID: id, Text: text, Source: "comment_card",
		QuoteConsent: b, NeedsResponse: !b, AgeBand: text, EthnicGroup: id, Answered: !b}, CapturedBy: text}
	if b {
		r.f.DeletedAt, r.f.TeamID, r.f.Borough = id, text, "Lambeth"
	}
	return r
}

func checkFeedbackState(t *testing.T, r *feedbackStateRow) {
	t.Helper()
	f := r.item()
	want, err := json.Marshal(&f)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.appendState([]byte("x")); string(got) != "x"+string(want) {
		t.Errorf("appendState wrote\n%s\njson.Marshal wrote\n%s", got[1:], want)
	}
}

var feedbackThemeSeeds = []string{"", "[]", `["a"]`, `["theme-1","theme-2"]`, `[""]`, `["a",""]`, `[ "a" ]`, `["a" ,"b"]`,
	`["a\"b"]`, `["a\\b"]`, `["A&E"]`, `["<b>"]`, `["café"]`, `["\u0041"]`, `["\u00e9"]`, `["\ud800"]`, "[\"\x7f\"]",
	"[\"\t\"]", `[1]`, `["a",1]`, `[null]`, `null`, `{}`, `[`, `]`, `["a",]`, `["a"`, `"a"`, `["a"]x`, `not json`, "[\"\xff\"]"}

func TestFeedbackStateIsMarshal(t *testing.T) {
	for _, s := range append(feedbackLenSeeds, "0193a5c2-7d6e-7b3a-9c1d-2f4e5a6b7c8d") {
		for _, th := range feedbackThemeSeeds {
			for _, b := range []bool{false, true} {
				checkFeedbackState(t, feedbackStateCase(s, "0193-id", th, -12345, 4, b, b))
				checkFeedbackState(t, feedbackStateCase(s, s, th, 0, -1<<40, !b, b))
			}
		}
	}
	checkFeedbackState(t, &feedbackStateRow{})
}

func FuzzFeedbackState(f *testing.F) {
	for _, s := range feedbackLenSeeds {
		for _, th := range feedbackThemeSeeds {
			f.Add(s, "id", th, int64(7), int64(3), true, false)
		}
	}
	f.Fuzz(func(t *testing.T, text, id, themes string, rev, rating int64, hasRating, b bool) {
		checkFeedbackState(t, feedbackStateCase(text, id, themes, rev, rating, hasRating, b))
	})
}

// insertFeedbackShapes inserts into session s1 a feedback item of each shape the columns
// allow (one a theme seed: texts of every length, ratings or none, flags, deleted or
// not, a team or none), the i-th with pk firstPK+i, and returns their ids (f00, f01…).
func insertFeedbackShapes(t *testing.T, db *DB, firstPK int64) []string {
	t.Helper()
	var ids []string
	for i, th := range feedbackThemeSeeds {
		text := feedbackLenSeeds[i%len(feedbackLenSeeds)]
		var rating any
		if i%3 > 0 {
			rating = i % 6
		}
		id := fmt.Sprintf("f%02d", i)
		if _, err := db.writer.ExecContext(context.Background(), `INSERT INTO feedback(pk, id, session_id, source, text, rating, themes,
			quote_consent, needs_response, age_band, ethnic_group, borough, captured_by, created_at, updated_at, created_by,
			device_id, rev, deleted_at, team_id, answered)
			VALUES (?, ?, 's1', 'comment_card', ?, ?, ?, ?, ?, ?, '', 'Lambeth', ?, '2026-11-24T10:00:00.000Z', ?, 'ann', 'dev', ?, ?, ?, ?)`,
			firstPK+int64(i), id, text, rating, th, i%2 == 0, i%3 == 0, text, text, "2026-11-25T10:00:00.000Z", int64(i)<<33,
			map[bool]any{true: "2026-11-26T10:00:00.000Z", false: nil}[i%4 == 0], map[bool]string{true: "team", false: ""}[i%5 == 0],
			i%2 == 1); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// A light feedback entry's state, read by id or by row, is json.Marshal of the item
// scanFeedback reads from the same row, for rows of every shape the columns allow.
func TestLightFeedbackStatesAreMarshal(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "involve.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.writer.ExecContext(ctx, `INSERT INTO sessions(id, title, date, created_at, updated_at, rev)
		VALUES ('s1', 'A session', '2026-11-24', '2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z', 1)`); err != nil {
		t.Fatal(err)
	}
	ids := insertFeedbackShapes(t, db, 1)
	var pks []any
	for i := range ids {
		pks = append(pks, int64(1+i))
	}
	byID, err := lightStates(ctx, db.reader, involve.EntityFeedback, ids)
	if err != nil {
		t.Fatal(err)
	}
	byPK, err := lightStatesBy(ctx, db.reader, involve.EntityFeedback, "pk", pks)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		f, err := findFeedback(ctx, db.reader, id, true)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(&f)
		if err != nil {
			t.Fatal(err)
		}
		if byID[id] != string(want) || byPK[id] != string(want) {
			t.Errorf("%s: by id %s\nby row %s\njson.Marshal %s", id, byID[id], byPK[id], want)
		}
	}
}

package store

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// feedbackLenCase is a feedback item made of fuzzed parts.
func feedbackLenCase(text, id string, rev int64, rating int, hasRating, hasThemes, b bool) *involve.Feedback {
	f := &involve.Feedback{Meta: involve.Meta{ID: id, CreatedAt: "2026-11-24T10:00:00.000Z", UpdatedAt: text, Rev: rev},
		FeedbackInput: involve.FeedbackInput{SessionID: id, Text: text, Source: "comment_card", QuoteConsent: b, Answered: !b}}
	if hasRating {
		f.Rating = &rating
	}
	if hasThemes {
		f.Themes = []string{text, id, ""}
	}
	if b {
		f.DeletedAt, f.TeamID, f.Borough = id, text, "Lambeth"
	}
	return f
}

func checkFeedbackLen(t *testing.T, f *involve.Feedback) {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := feedbackJSONLen(f); got != len(b) {
		t.Errorf("feedbackJSONLen = %d, json.Marshal wrote %d: %s", got, len(b), b)
	}
}

var feedbackLenSeeds = []string{"", "plain", "A&E <b> \"q\" \\ \b\f\n\r\t \x00\x1f\x7f", "café — ñ 😀", "\u2028\u2029", "\xff\xfe bad", "\xe2\x80", "a\xc3"}

func TestFeedbackJSONLen(t *testing.T) {
	for _, s := range feedbackLenSeeds {
		for _, b := range []bool{false, true} {
			checkFeedbackLen(t, feedbackLenCase(s, "0193-id", -12345, 4, b, !b, b))
			checkFeedbackLen(t, feedbackLenCase(s, s, 0, 0, !b, b, b))
		}
	}
	checkFeedbackLen(t, &involve.Feedback{})
}

func FuzzFeedbackJSONLen(f *testing.F) {
	for _, s := range feedbackLenSeeds {
		f.Add(s, "id", int64(7), 3, true, true, false)
	}
	f.Fuzz(func(t *testing.T, text, id string, rev int64, rating int, hasRating, hasThemes, b bool) {
		checkFeedbackLen(t, feedbackLenCase(text, id, rev, rating, hasRating, hasThemes, b))
	})
}

// BenchmarkFeedbackJSONLen compares counting with json.Marshal on a typical item.
func BenchmarkFeedbackJSONLen(b *testing.B) {
	text := strings.Repeat("Long wait in A&E, the room was cold. ", 14)
	f := feedbackLenCase(text, "0193a5c2-7d6e-7b3a-9c1d-2f4e5a6b7c8d", 1733500000000, 4, true, true, false)
	b.Run("count", func(b *testing.B) {
		for range b.N {
			_ = feedbackJSONLen(f)
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		for range b.N {
			_, _ = json.Marshal(f)
		}
	})
}

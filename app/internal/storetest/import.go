package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/uuid"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// ImportFeedback imports a session and n feedback items into db as `involve import`
// does (n+1 import entries, every record waiting to be pushed); the i-th item's text
// is format with i.
func ImportFeedback(tb testing.TB, db *store.DB, n int, format string) {
	tb.Helper()
	const at = "2026-11-20T10:00:00.000Z"
	s := involve.Session{SessionInput: involve.SessionInput{Title: "Imported market stall", Date: "2026-11-20", Type: "workshop",
		Mode: "in_person", Status: "held", Standards: []string{}, AccessSupport: []string{}}}
	s.ID, s.CreatedAt, s.UpdatedAt, s.CreatedBy, s.DeviceID, s.Rev = uuid.Must(uuid.NewV7()).String(), at, at, "Bo", "other-device", 1
	if err := db.Import(context.Background(), func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		for i := range n {
			f := involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: s.ID, Text: fmt.Sprintf(format, i),
				Source: "comment_card", Themes: []string{}}}
			f.ID, f.CreatedAt, f.UpdatedAt, f.CreatedBy, f.DeviceID, f.Rev = uuid.Must(uuid.NewV7()).String(), at, at, "Bo", "other-device", 1
			if err := im.PutFeedback(&f); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
}

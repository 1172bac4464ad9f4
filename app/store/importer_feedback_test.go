package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// An imported new feedback item is stored as given whichever insert writes it (a plain
// item's binds fewer values, importer_feedback.go): each column a plain item writes as
// a constant or a repeat is set otherwise on an item of its own, and every item reads
// back as it was put.
func TestImportFeedbackStoredAsGiven(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	connect(t, db)
	s := remoteSession("Imported workshop", 3)
	rating := 4
	item := func(text string, change func(f *involve.Feedback)) involve.Feedback {
		f := remoteFeedback(s.ID, text, 2)
		f.TeamID, f.CapturedBy, f.CreatedBy = "", "Bo", "Bo"
		f.Themes, f.Rating = []string{"theme-a", "theme-b"}, &rating
		f.AgeBand, f.EthnicGroup, f.Borough = "25_34", "white_british", "lambeth"
		if change != nil {
			change(&f)
		}
		return f
	}
	items := []involve.Feedback{
		item("plain", nil),
		item("no rating, no themes, no details", func(f *involve.Feedback) {
			f.Rating, f.Themes, f.AgeBand, f.EthnicGroup, f.Borough = nil, []string{}, "", "", ""
		}),
		item("consent to quote", func(f *involve.Feedback) { f.QuoteConsent = true }),
		item("needs a response", func(f *involve.Feedback) { f.NeedsResponse = true }),
		item("answered", func(f *involve.Feedback) { f.Answered = true }),
		item("deleted", func(f *involve.Feedback) { f.DeletedAt = "2026-11-21T10:00:00.000Z" }),
		item("a team's", func(f *involve.Feedback) { f.TeamID = teamID }),
		item("changed later", func(f *involve.Feedback) { f.UpdatedAt = "2026-11-22T10:00:00.000Z" }),
		item("made by another", func(f *involve.Feedback) { f.CreatedBy = "Al" }),
	}
	if err := db.Import(ctx, func(im *store.Importer) error {
		if err := im.PutSession(&s); err != nil {
			return err
		}
		for i := range items {
			f := items[i] // PutFeedback may tidy its argument
			if err := im.PutFeedback(&f); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	stored := map[string]involve.Feedback{}
	if err := db.Export(ctx, func(entity string, v any) error {
		if f, ok := v.(*involve.Feedback); ok {
			stored[f.ID] = *f
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, want := range items {
		if got, ok := stored[want.ID]; !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%q stored as\n%+v\nwant\n%+v", want.Text, got, want)
		}
	}
}

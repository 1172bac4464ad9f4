package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestUpdateWritesOnlyChangedFields: an edit form sends the input as it loaded it and
// as the person saved it; the store writes only the fields that differ, over the
// record's current state. A change another laptop made to a different field while the
// form was open (here written straight to the store, as a pull would) survives.
func TestUpdateWritesOnlyChangedFields(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)

	t.Run("Session", func(t *testing.T) {
		s, err := db.CreateSession(ctx, involve.SessionInput{Title: "Drop-in", Date: "2026-11-24", Type: "workshop", Venue: "Hall"})
		if err != nil {
			t.Fatal(err)
		}
		form := s.SessionInput // the form opens
		other := form
		other.Venue = "Brixton Library" // meanwhile, another laptop's change arrives
		if _, err := db.UpdateSession(ctx, s.ID, involve.SessionInput{}, other); err != nil {
			t.Fatal(err)
		}
		edited := form
		edited.Title = "Drop-in (morning)"
		edited.Venue = " Hall "       // white space the rules trim is no change
		edited.Standards = []string{} // nor is an empty list for none
		got, err := db.UpdateSession(ctx, s.ID, form, edited)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Drop-in (morning)" || got.Venue != "Brixton Library" || got.Date != "2026-11-24" {
			t.Errorf("after the form save: title %q venue %q date %q; want the form's title and the pulled venue", got.Title, got.Venue, got.Date)
		}

		// The same field changed on the form wins (the form is the newer edit).
		form = got.SessionInput
		edited = form
		edited.Venue = "Town hall"
		if got, err = db.UpdateSession(ctx, s.ID, form, edited); err != nil || got.Venue != "Town hall" || got.Title != "Drop-in (morning)" {
			t.Errorf("changing the venue: %+v, %v", got.SessionInput, err)
		}

		// The result is validated: a title the person cleared is refused.
		edited = got.SessionInput
		edited.Title = "  "
		if _, err := db.UpdateSession(ctx, s.ID, got.SessionInput, edited); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("clearing the title: %v, want EINVALID", err)
		}

		// No loaded input: every field is replaced, as before.
		stale := s.SessionInput
		stale.Attendees = 12
		if got, err = db.UpdateSession(ctx, s.ID, involve.SessionInput{}, stale); err != nil ||
			got.Venue != "Hall" || got.Title != "Drop-in" || got.Attendees != 12 {
			t.Errorf("a save without a loaded input: %+v, %v; want every field replaced", got.SessionInput, err)
		}
	})

	t.Run("Feedback", func(t *testing.T) {
		s := mustSession(t, db, "Stall")
		f, err := db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "More benches"})
		if err != nil {
			t.Fatal(err)
		}
		form := f.FeedbackInput
		other := form
		other.Text = "More benches, please"
		if _, err := db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, other); err != nil {
			t.Fatal(err)
		}
		edited := form
		edited.Rating = rating(5)
		edited.NeedsResponse = true
		got, err := db.UpdateFeedback(ctx, f.ID, form, edited)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != "More benches, please" || got.Rating == nil || *got.Rating != 5 || !got.NeedsResponse {
			t.Errorf("after the form save: %+v; want the pulled text with the form's rating and flag", got.FeedbackInput)
		}
	})

	t.Run("Project", func(t *testing.T) {
		p, err := db.CreateProject(ctx, involve.ProjectInput{Name: "Diabetes pathway", Boroughs: []string{"E09000008"}})
		if err != nil {
			t.Fatal(err)
		}
		form := p.ProjectInput
		other := form
		other.Lead = "Sam"
		if _, err := db.UpdateProject(ctx, p.ID, involve.ProjectInput{}, other); err != nil {
			t.Fatal(err)
		}
		edited := form
		edited.Name = "Diabetes pathway (south)"
		edited.Boroughs = nil // the person unticks the borough
		got, err := db.UpdateProject(ctx, p.ID, form, edited)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Diabetes pathway (south)" || got.Lead != "Sam" || len(got.Boroughs) != 0 {
			t.Errorf("after the form save: %+v; want the form's name and boroughs and the pulled lead", got.ProjectInput)
		}
		if stored, err := db.FindProjectByID(ctx, p.ID); err != nil || stored.Lead != "Sam" || !slices.Equal(stored.Boroughs, got.Boroughs) {
			t.Errorf("stored project: %+v, %v", stored.ProjectInput, err)
		}
	})
}

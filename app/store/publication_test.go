package store_test

import (
	"context"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestRecordPublication: recording a publication stores it and marks its actions in
// the same transaction: Published, and communicated back with its date and channel
// unless they were told back before. A deleted or unfinished action refuses the whole
// publication, and nothing changes.
func TestRecordPublication(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mk := func(a *involve.Action) *involve.Action {
		t.Helper()
		out, err := db.CreateAction(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	fresh := mk(&involve.Action{YouSaid: "Signs are confusing", WeDid: "New signs", Status: involve.ActionDone})
	told := mk(&involve.Action{YouSaid: "Too hot", WeDid: "Fans bought", Status: involve.ActionDone, CommunicatedOn: "2026-10-01", Channel: "meeting"})
	planned := mk(&involve.Action{YouSaid: "Parking", Status: involve.ActionPlanned})
	gone := mk(&involve.Action{YouSaid: "Chairs", WeDid: "More chairs", Status: involve.ActionDone})
	if err := db.DeleteDoc(ctx, involve.EntityAction, gone.ID); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		ids  []string
		code string
	}{
		{[]string{fresh.ID, planned.ID}, involve.EINVALID},
		{[]string{fresh.ID, gone.ID}, involve.ENOTFOUND},
		{nil, involve.EINVALID},
	} {
		_, err := db.RecordPublication(ctx, &involve.Publication{Format: involve.PublicationWebPage, Channel: "website",
			PublishedOn: "2026-12-01", ActionIDs: c.ids})
		if involve.ErrorCode(err) != c.code {
			t.Errorf("%v: got %v, want %s", c.ids, err, c.code)
		}
	}
	if ps, _ := db.Publications(ctx, ""); len(ps) != 0 {
		t.Fatalf("a refused publication was stored: %+v", ps)
	}
	if v, _ := db.FindAction(ctx, fresh.ID); v.Published || v.CommunicatedOn != "" {
		t.Fatalf("a refused publication marked an action: %+v", v.Action)
	}

	p, err := db.RecordPublication(ctx, &involve.Publication{Format: involve.PublicationWebPage, Channel: "website",
		PublishedOn: "2026-12-01", Note: " Clinic website ", From: "2026-04-01", To: "2027-03-31", ActionIDs: []string{fresh.ID, told.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID == "" || p.Note != "Clinic website" || p.Rev == 0 {
		t.Fatalf("stored %+v", p)
	}
	f, _ := db.FindAction(ctx, fresh.ID)
	if !f.Published || f.CommunicatedOn != "2026-12-01" || f.Channel != "website" {
		t.Errorf("fresh action: %+v", f.Action)
	}
	o, _ := db.FindAction(ctx, told.ID)
	if !o.Published || o.CommunicatedOn != "2026-10-01" || o.Channel != "meeting" {
		t.Errorf("an action told back before keeps its date and channel: %+v", o.Action)
	}
	// the publication syncs like any record: it and both actions wait in the outbox
	if got := pendingEntities(t, db); got[involve.EntityPublication] != 1 {
		t.Errorf("outbox %v", got)
	}
	second, err := db.RecordPublication(ctx, &involve.Publication{Format: involve.PublicationEmailText, Channel: "newsletter",
		PublishedOn: "2026-12-05", ActionIDs: []string{fresh.ID}})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.Publications(ctx, fresh.ID)
	if err != nil || len(ps) != 2 || ps[0].ID != second.ID {
		t.Fatalf("publications of an action, newest first: %v %v", ps, err)
	}
	if ps, _ := db.Publications(ctx, told.ID); len(ps) != 1 || ps[0].ID != p.ID {
		t.Errorf("publications of the other action: %v", ps)
	}
	if _, err := db.RecordPublication(ctx, &involve.Publication{Format: "fax", Channel: "website", PublishedOn: "2999-01-01",
		ActionIDs: []string{fresh.ID}}); len(involve.ErrorFields(err)) != 2 {
		t.Errorf("bad format and a future date: %v", err)
	}
}

func pendingEntities(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, e := range pending(t, db) {
		out[e.Entity]++
	}
	return out
}

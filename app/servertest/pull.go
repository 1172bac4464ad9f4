package servertest

import (
	"fmt"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
)

func testPullPaging(t *testing.T, open Open) {
	e, d, other := envWithTwoDevices(t, open)
	var changes []syncapi.Change
	for i := range 25 {
		changes = append(changes, d.Change("feedback", NewFeedback(fmt.Sprintf("item %d", i)), 0))
	}
	d.Push(changes...)
	var got []string
	cursor := ""
	var mores []bool
	for range 10 {
		page := other.Pull(cursor, 10)
		for _, c := range page.Changes {
			got = append(got, c.RecordID)
		}
		mores = append(mores, page.More)
		if page.Cursor == "" {
			t.Fatal("empty cursor")
		}
		cursor = page.Cursor
		if !page.More {
			break
		}
	}
	if len(got) != 25 {
		t.Fatalf("paged pull: %d records, want 25", len(got))
	}
	for i, id := range got {
		if id != changes[i].RecordID {
			t.Fatalf("record %d is %s, want %s (sequence order)", i, id, changes[i].RecordID)
		}
	}
	if fmt.Sprint(mores) != "[true true false]" {
		t.Errorf("more flags %v, want [true true false]", mores)
	}
	// Nothing new: an empty page with the same cursor.
	if page := other.Pull(cursor, 10); len(page.Changes) != 0 || page.More || page.Cursor != cursor {
		t.Errorf("pull at the end = %+v", page)
	}
	// A changed record comes again at its new position, once.
	f := Feedback(t, other.PullAll()[changes[3].RecordID].State)
	f.Text = "changed"
	d.Push(d.Change("feedback", f, f.Rev))
	page := other.Pull(cursor, 10)
	if len(page.Changes) != 1 || page.Changes[0].RecordID != f.ID {
		t.Errorf("pull after one change: %+v", page.Changes)
	}
	// Re-pulling from the start lists each record once.
	if all := other.Pull("", 5000); len(all.Changes) != 25 || all.More {
		t.Errorf("full pull: %d changes (more %v), want 25", len(all.Changes), all.More)
	}
	// Default limit and cap.
	var big syncapi.PullResponse
	e.MustJSON("GET", "/v1/sync/pull?since=0&limit=999999", d.Token, nil, 200, &big)
	if len(big.Changes) != 25 {
		t.Errorf("limit above the cap: %d changes", len(big.Changes))
	}
}

func testPullBad(t *testing.T, open Open) {
	e, d := envWithDevice(t, open)
	for _, q := range []string{"since=abc", "since=-1", "since=1.5", "limit=0", "limit=-3", "limit=x"} {
		wantError(t, e.Do("GET", "/v1/sync/pull?"+q, d.Token, nil), 400, syncapi.EINVALID)
	}
}

package servertest

import (
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// testPseudonymNumbers: two laptops of a team give their new partners the same
// number offline. The server keeps numbers unique within the team: the second new
// contributor gets the next free number and its change is answered as merged, with
// the state stored; an edit never changes a stored contributor's number, and a
// deleted contributor's number is never given again.
func testPseudonymNumbers(t *testing.T, open Open) {
	e, a, b := envWithTwoDevices(t, open)
	other := e.Enrol(e.Team("Other").ID) // another team's numbers are its own
	number := func(state json.RawMessage) int {
		t.Helper()
		var c struct {
			Number int `json:"number"`
		}
		if err := json.Unmarshal(state, &c); err != nil {
			t.Fatal(err)
		}
		return c.Number
	}
	push := func(d *Device, c *involve.Contributor, baseRev int64, wantStatus string, want int) syncapi.Result {
		t.Helper()
		changes := []syncapi.Change{d.Change(involve.EntityContributor, c, baseRev)}
		if baseRev == 0 { // a new partner comes with its consent record
			changes = append(changes, d.Change(involve.EntityConsent, ruleConsent(ruleID(), c.ID), 0))
		}
		res := d.Push(changes...)[0]
		if res.Status != wantStatus {
			t.Fatalf("push of %s numbered %d: %+v, want %s", c.ID, c.Number, res, wantStatus)
		}
		if wantStatus == syncapi.StatusMerged && number(res.State) != want {
			t.Errorf("push of %s numbered %d: merged state numbered %d, want %d", c.ID, c.Number, number(res.State), want)
		}
		if got := number(d.PullAll()[c.ID].State); got != want {
			t.Errorf("stored %s: number %d, want %d", c.ID, got, want)
		}
		return res
	}
	one := func() *involve.Contributor { c := ruleContributor(ruleID()); c.Number = 1; return c }
	first, second, third := one(), one(), one()
	made := push(a, first, 0, syncapi.StatusApplied, 1)
	res := push(b, second, 0, syncapi.StatusMerged, 2)
	push(other, one(), 0, syncapi.StatusApplied, 1)

	// An edit of the renumbered contributor made before the laptop heard of the new
	// number keeps the server's.
	edit := *second
	edit.AccessNeeds = "Step-free access"
	push(b, &edit, res.Rev, syncapi.StatusMerged, 2)

	// The first is deleted: its number stays taken.
	gone := *first
	gone.DeletedAt = "2026-11-24T10:00:00.000Z"
	push(a, &gone, made.Rev, syncapi.StatusApplied, 1)
	push(a, third, 0, syncapi.StatusMerged, 3)

	// A new contributor with a free number keeps it; one sent again keeps what it got.
	fourth := one()
	fourth.Number = 9
	push(b, fourth, 0, syncapi.StatusApplied, 9)
	fifth, sixth := one(), one()
	results := a.Push(a.Change(involve.EntityContributor, fifth, 0), a.Change(involve.EntityContributor, sixth, 0),
		a.Change(involve.EntityConsent, ruleConsent(ruleID(), fifth.ID), 0), a.Change(involve.EntityConsent, ruleConsent(ruleID(), sixth.ID), 0))
	if got := []int{number(results[0].State), number(results[1].State)}; results[0].Status != syncapi.StatusMerged ||
		results[1].Status != syncapi.StatusMerged || got[0] != 10 || got[1] != 11 {
		t.Errorf("two new contributors numbered 1 in one push: %+v, want merged as 10 and 11", results)
	}
}

package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// A pushed feedback item is stored as json.Marshal writes the record stamped (the
// server's own writer, syncwire.AppendFeedback, writes those bytes), and the answer
// carries the state stored when it is not the state sent but for the stamps: a state
// normalised by the server's checks, or written otherwise than json.Marshal writes it.
func TestPushedFeedbackStoredAsMarshal(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite)
	tm := e.Team("T")
	a, b := e.Enrol(tm.ID), e.Enrol(tm.ID)
	tricky := servertest.NewFeedback("A&E <b>waited</b>\u2028 \x01 café \"2\" hours\\ \u2029")
	tricky.Themes, tricky.Borough, tricky.Rating = []string{"a&b", "<x>"}, "E09000022", new(int)
	padded := servertest.NewFeedback("  padded \n")
	invalid := servertest.NewFeedback("bad byte")
	cases := []struct {
		name   string
		change syncapi.Change
		same   bool
	}{
		{"as the laptop writes it", a.Change(involve.EntityFeedback, tricky, 0), true},
		{"text trimmed by the server", a.Change(involve.EntityFeedback, padded, 0), false},
		{"invalid UTF-8", a.Change(involve.EntityFeedback, invalid, 0), false},
	}
	cases[2].change.State = json.RawMessage(strings.Replace(string(cases[2].change.State), "bad byte", "bad \xff byte", 1))
	body := []byte(`{"changes":[`)
	for i, c := range cases {
		if i > 0 {
			body = append(body, ',')
		}
		body = fmt.Appendf(body, `{"changeId":%q,"entity":"feedback","recordId":%q,"baseRev":0,"rev":%d,"state":%s}`,
			c.change.ChangeID, c.change.RecordID, c.change.Rev, c.change.State) // the state's bytes as they are
	}
	body = append(body, "]}"...)
	r := e.Do("POST", "/v1/sync/push", a.Token, body)
	var resp syncapi.PushResponse
	if r.Status != 200 || json.Unmarshal(r.Body, &resp) != nil || len(resp.Results) != len(cases) {
		t.Fatalf("push: %d %s", r.Status, r.Body)
	}
	pulled := b.PullAll()
	for i, c := range cases {
		res := resp.Results[i]
		var f involve.Feedback
		if err := json.Unmarshal(c.change.State, &f); err != nil {
			t.Fatal(err)
		}
		if err := f.Validate(); err != nil {
			t.Fatal(err)
		}
		f.TeamID, f.Rev, f.UpdatedAt = tm.ID, res.Rev, res.UpdatedAt
		want, err := json.Marshal(&f)
		if err != nil {
			t.Fatal(err)
		}
		stored := pulled[c.change.RecordID].State
		if res.Status != syncapi.StatusApplied || string(stored) != string(want) {
			t.Errorf("%s: %s; stored\n%s\njson.Marshal of the record stamped\n%s", c.name, res.Status, stored, want)
		}
		if c.same && len(res.State) != 0 {
			t.Errorf("%s: the answer carries the state %s; want none (stored as sent)", c.name, res.State)
		}
		if !c.same && string(res.State) != string(stored) {
			t.Errorf("%s: the answer carries %q; want the state stored %s", c.name, res.State, stored)
		}
	}
}

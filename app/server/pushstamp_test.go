package server

import (
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
	"github.com/hin-south-london/involve/app/syncwire"
)

// A state stamped before the transaction is the state stamped inside it, and it is
// used only while nothing has changed the record since: a revision other than the one
// sent, a renumbered contributor or an erasure's scrubbing (which changes the record
// itself) have the state stamped again, from the record as it is then.
func TestPrestampOnlyWhileUnchanged(t *testing.T) {
	newChange := func() *PushChange {
		f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{Text: "The café was too loud", QuoteConsent: true}}
		f.ID, f.Rev, f.UpdatedAt, f.TeamID = "f1", 7, "2026-12-07T09:00:00.000Z", ""
		sent, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		return &PushChange{Change: syncapi.Change{Entity: involve.EntityFeedback, RecordID: "f1", Rev: 7, State: sent},
			Record: f, Meta: &f.Meta}
	}
	const now = "2026-12-07T10:00:00.000Z"
	p := &pusher{team: "team-a", nowText: now}
	inside := func(c *PushChange, rev int64) json.RawMessage { // as apply stamped before
		c.Meta.TeamID, c.Meta.Rev, c.Meta.UpdatedAt = p.team, rev, p.nowText
		b, err := json.Marshal(c.Record)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	c := newChange()
	cs := []PushChange{*c}
	prestamp(cs, "team-a", now)
	c = &cs[0]
	if c.Meta.TeamID != "" || c.Meta.Rev != 7 || c.Meta.UpdatedAt != "2026-12-07T09:00:00.000Z" {
		t.Errorf("prestamp changed the metadata: %+v", *c.Meta)
	}
	if c.pre.state == nil || c.pre.rev != 7 {
		t.Fatalf("not stamped before: %+v", c.pre)
	}
	got, same, err := p.stamp(c, 7, false)
	if want := inside(newChange(), 7); err != nil || string(got) != string(want) || !same {
		t.Errorf("stamp = %s, %v, %v; want %s, true (only stamped fields differ)", got, same, err, want)
	}

	for name, change := range map[string]func(c *PushChange) (rev int64, renumbered bool){
		"another revision": func(c *PushChange) (int64, bool) { return 8, false },
		"renumbered":       func(c *PushChange) (int64, bool) { return 7, true },
		"erased": func(c *PushChange) (int64, bool) {
			c.erasure.by = &involve.Erasure{SubjectEntity: involve.EntityFeedback, SubjectID: "f1"}
			c.Record.(*involve.Feedback).Text = involve.ErasedText
			return 7, false
		},
		"scrubbed quote": func(c *PushChange) (int64, bool) {
			c.erasure.scrubbed = true
			c.Record.(*involve.Feedback).Text = involve.ErasedText
			return 7, false
		},
	} {
		cs := []PushChange{*newChange()}
		prestamp(cs, "team-a", now)
		c := &cs[0]
		rev, renumbered := change(c)
		got, same, err := p.stamp(c, rev, renumbered)
		want := inside(c, rev)
		if err != nil || string(got) != string(want) || same != syncwire.SameFields(c.State, want) {
			t.Errorf("%s: stamp = %s, %v, %v; want %s", name, got, same, err, want)
		}
	}
}

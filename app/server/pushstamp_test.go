package server

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// sentFeedback are feedback states as devices may send them, each with what the
// server's answer must be: the state stored is json.Marshal of the record stamped,
// always; same (no state in the answer) only when the state is what json.Marshal
// writes for the record decoded, but for its stamped fields.
var sentFeedback = []struct {
	name  string
	state string // %s: the record's id
	same  bool
}{
	{"as json.Marshal writes it", `{"id":"%s","createdAt":"2026-12-07T09:00:00.000Z","updatedAt":"2026-12-07T09:00:00.000Z","createdBy":"Ann","deviceId":"d1","rev":7,"sessionId":"s1","text":"A\u0026E \u003cb\u003e waited\u2028 \u0001 café \"2\" hours\\","rating":4,"themes":["waiting","a\u0026b"],"source":"comment_card","quoteConsent":true,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"E09000022","answered":false,"capturedBy":"Ann"}`, true},
	{"with the team and stamps of another", `{"id":"%s","createdAt":"2026-12-07T09:00:00.000Z","updatedAt":"2026-12-01T09:00:00.000Z","createdBy":"Ann","deviceId":"d1","rev":3,"deletedAt":"2026-12-07T09:00:00.000Z","teamId":"team-b","sessionId":"s1","text":"ok","rating":null,"themes":[],"source":"kiosk","quoteConsent":false,"needsResponse":true,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, true},
	{"null themes, a list after Validate", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"ok","rating":null,"themes":null,"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"text trimmed by Validate", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"  padded \n","rating":null,"themes":[],"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"source filled by Validate", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"ok","rating":null,"themes":[],"source":"","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"escapes spelled otherwise", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"caf\u00e9 \/ A&E","rating":null,"themes":[],"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"invalid UTF-8", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"bad ` + "\xff" + ` byte","rating":null,"themes":[],"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"fields left out", `{"id":"%s","rev":7,"sessionId":"s1","text":"ok","source":"comment_card"}`, false},
	{"keys in another order", `{"id":"%s","createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","rating":null,"text":"ok","themes":[],"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, false},
	{"white space between fields (not the bytes written, but SameFields reads past it)", `{"id":"%s", "createdAt":"","updatedAt":"","createdBy":"","deviceId":"","rev":7,"sessionId":"s1","text":"ok","rating":null,"themes":[],"source":"comment_card","quoteConsent":false,"needsResponse":false,"ageBand":"","ethnicGroup":"","borough":"","answered":false,"capturedBy":""}`, true},
}

// A feedback item is stamped (before the transaction, or inside it) into the bytes
// json.Marshal writes for the stamped record, and answered "same" exactly when
// SameFields says so of those bytes: as when json.Marshal stamped it.
func TestStampFeedbackAsMarshal(t *testing.T) {
	const now = "2026-12-07T10:00:00.000Z"
	p := &pusher{team: "team-a", nowText: now}
	var body []byte
	ids := make([]string, len(sentFeedback))
	body = append(body, `{"changes":[`...)
	for i, s := range sentFeedback {
		ids[i] = fmt.Sprintf("0195f3a4-7c1e-7a2b-9d4e-%012d", i)
		if i > 0 {
			body = append(body, ',')
		}
		body = fmt.Appendf(body, `{"changeId":"0195f3a4-7c1e-7a2b-9d4e-%012d","entity":"feedback","recordId":"%s","baseRev":0,"rev":7,"state":`, 1000+i, ids[i])
		body = fmt.Appendf(body, s.state, ids[i])
		body = append(body, '}')
	}
	body = append(body, "]}"...)
	for _, rev := range []int64{7, 8} { // the state stamped before, and one stamped inside
		changes, err := DecodePush(body, 100, nil)
		if err != nil || len(changes) != len(sentFeedback) {
			t.Fatalf("DecodePush: %d changes, %v", len(changes), err)
		}
		prestamp(changes, p.team, now)
		for i := range changes {
			c := &changes[i]
			name := sentFeedback[i].name
			if c.Reject != nil {
				t.Fatalf("%s: rejected: %v", name, c.Reject)
			}
			if _, ok := c.Record.(*involve.Feedback); !ok || c.pre.state == nil {
				t.Fatalf("%s: a %T, stamped before: %v", name, c.Record, c.pre.state != nil)
			}
			got, same, err := p.stamp(c, rev, false)
			want, werr := json.Marshal(c.Record) // stamp set the record's stamps
			if err != nil || werr != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s, rev %d: stamped\n%s\njson.Marshal of the stamped record\n%s\n(%v, %v)", name, rev, got, want, err, werr)
			}
			if f := c.Record.(*involve.Feedback); f.TeamID != "team-a" || f.Rev != rev || f.UpdatedAt != now {
				t.Errorf("%s: the record's stamps %q %d %q", name, f.TeamID, f.Rev, f.UpdatedAt)
			}
			if same != syncwire.SameFields(c.State, want) || same != sentFeedback[i].same {
				t.Errorf("%s, rev %d: same %v; SameFields says %v, want %v", name, rev, same, syncwire.SameFields(c.State, want), sentFeedback[i].same)
			}
		}
	}
}

// BenchmarkPrestamp stamps a push of 1000 new feedback items as a laptop writes them
// (text with characters encoders escape, like the data set's): one op. Run with -cpu 1
// for its CPU.
func BenchmarkPrestamp(b *testing.B) {
	body := []byte(`{"changes":[`)
	for i := range 1000 {
		r := 1 + i%5
		f := &involve.Feedback{FeedbackInput: involve.FeedbackInput{SessionID: "0195f3a4-0000-7000-8000-000000000001",
			Text:   fmt.Sprintf("Comment %d: waited <5 mins at the GP's – the A&E \"quick\" triage was kind, café cost £5; naïve signage, more words to reach the usual length.", i),
			Rating: &r, Themes: []string{"a3b1c2d4-0000-4000-8000-000000000001", "a3b1c2d4-0000-4000-8000-000000000002"}[:1+i%2],
			Source: "comment_card", AgeBand: "25_34", EthnicGroup: "white", Borough: "E09000022"}, CapturedBy: "Amira K."}
		f.ID, f.CreatedAt, f.UpdatedAt, f.CreatedBy = fmt.Sprintf("0195f3a4-7c1e-4a2b-9d4e-%012d", i), "2026-12-07T09:00:00.000Z", "2026-12-07T09:00:00.000Z", "User A"
		f.DeviceID, f.Rev = "0195f3a4-0000-7000-8000-0000000000d1", 118302938472+int64(i)
		state, err := json.Marshal(f)
		if err != nil {
			b.Fatal(err)
		}
		if i > 0 {
			body = append(body, ',')
		}
		body = fmt.Appendf(body, `{"changeId":"0195f3a4-7c1e-7a2b-9d4e-%012d","entity":"feedback","recordId":"%s","baseRev":0,"rev":%d,"state":%s}`, i, f.ID, f.Rev, state)
	}
	body = append(body, "]}"...)
	changes, err := DecodePush(body, 1000, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		prestamp(changes, "0195f3a4-0000-7000-8000-0000000000aa", "2026-12-07T10:00:00.000Z")
	}
	for _, c := range changes {
		if c.Reject != nil || c.pre.state == nil || !c.pre.same {
			b.Fatalf("not stamped, or not the same: %v %s", c.Reject, c.pre.state)
		}
	}
}

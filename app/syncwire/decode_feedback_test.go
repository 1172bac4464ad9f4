package syncwire

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// feedbackSeeds are states of feedback items: the usual form and what is not.
var feedbackSeeds = []string{
	`{"id":"0193","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","createdBy":"Ann","deviceId":"d1","rev":12,"teamId":"t1","sessionId":"s1","text":"Long wait \u0026 cold room\n\"really\"","rating":4,"themes":["waiting","cost of living"],"source":"comment_card","quoteConsent":true,"needsResponse":false,"ageBand":"25-34","ethnicGroup":"","borough":"Lambeth","answered":false,"capturedBy":"Ann"}`,
	`{"id":"a","rev":1,"rating":null,"themes":null}`,
	`{"id":"a","rev":1,"rating":0,"themes":[]}`,
	`{"id":"a","deletedAt":"2026-11-24T10:00:00.000Z","text":"caf` + "\xc3\xa9" + `"}`,
	`{"text":"` + "\xff" + `bad utf-8"}`,
	`{"text":"\ud83d\ude00 and \ud83d"}`,
	` { "id" : "a" , "rev" : 3 } `,
	`{}`, `null`, `[]`, `"a"`, `{"id":"a"} x`, `{"id":"a",}`,
	`{"id":"a","id":"b"}`, `{"ID":"a"}`, `{"Text":"a","text":"b"}`, `{"unknown":1,"id":"a"}`,
	`{"rev":1.0}`, `{"rev":1e3}`, `{"rev":-0}`, `{"rev":01}`, `{"rev":"1"}`, `{"rev":9223372036854775808}`,
	`{"rating":1.5}`, `{"rating":"4"}`, `{"rating":-1}`, `{"themes":["a",null]}`, `{"themes":[1]}`, `{"themes":"a"}`,
	`{"text":null}`, `{"quoteConsent":null}`, `{"quoteConsent":1}`, `{"text":"a` + "\x01" + `"}`,
	`{"text":"\x"}`, `{"text":"\u12"}`, `{"themes":["a\u0026b"," x "]}`, `{"answered":true,"needsResponse":true}`,
}

// checkFeedback decodes state both ways: whatever DecodeFeedback takes must be what
// json.Unmarshal makes of it, and what it does not take leaves the record zero.
func checkFeedback(t *testing.T, state []byte) {
	t.Helper()
	var fast, slow involve.Feedback
	ok := DecodeFeedback(state, &fast)
	err := json.Unmarshal(state, &slow)
	if !ok {
		if !reflect.DeepEqual(fast, involve.Feedback{}) {
			t.Errorf("%q: not taken, but the record is not zero: %+v", state, fast)
		}
		return
	}
	if err != nil {
		t.Errorf("%q: taken, but encoding/json says %v", state, err)
		return
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("%q:\n fast %+v\n json %+v", state, fast, slow)
	}
}

func TestDecodeFeedbackAsEncodingJSON(t *testing.T) {
	taken := 0
	for _, s := range feedbackSeeds {
		checkFeedback(t, []byte(s))
		var f involve.Feedback
		if DecodeFeedback([]byte(s), &f) {
			taken++
		}
	}
	// what json.Marshal writes (the usual form) is always taken
	r := 3
	in := involve.Feedback{Meta: involve.Meta{ID: "x", Rev: 7, CreatedAt: "c", TeamID: "t"},
		FeedbackInput: involve.FeedbackInput{SessionID: "s", Text: "A&E <at> night\t\"ok\"", Rating: &r, Themes: []string{"a"}, QuoteConsent: true}}
	b, _ := json.Marshal(in)
	var out involve.Feedback
	if !DecodeFeedback(b, &out) || !reflect.DeepEqual(in, out) {
		t.Errorf("json.Marshal's form not taken or not the same: %s -> %+v", b, out)
	}
	if taken < 10 {
		t.Errorf("only %d of the seeds taken: the fast path takes too little", taken)
	}
}

func FuzzDecodeFeedback(f *testing.F) {
	for _, s := range feedbackSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, state []byte) { checkFeedback(t, state) })
}

// The strings of a decoded feedback item share one allocation: a handful in all (the
// record, its strings, the list of two themes as it grows, the rating), not one for
// every string as well (18 before).
func TestDecodeFeedbackAllocations(t *testing.T) {
	state := benchFeedback(1)
	n := testing.AllocsPerRun(100, func() {
		var f involve.Feedback
		if !DecodeFeedback(state, &f) {
			t.Fatal("not decoded")
		}
	})
	if n > 5 {
		t.Errorf("DecodeFeedback made %v allocations, want at most 5", n)
	}
}

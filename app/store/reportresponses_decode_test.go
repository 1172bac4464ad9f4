package store

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// decodeBoth decodes state with decodeResponse and with json.Unmarshal and fails when
// they differ; it returns whether the fast path read it.
func decodeBoth(t *testing.T, state string) bool {
	t.Helper()
	var want involve.Response
	wantErr := json.Unmarshal([]byte(state), &want)
	got, err := decodeResponse([]byte(state))
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%s: error %v, json.Unmarshal's %v", state, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(*got, want) {
		t.Fatalf("%s:\n got  %#v\n want %#v", state, *got, want)
	}
	_, fast := fastResponse([]byte(state))
	return fast
}

// TestDecodeResponseAsJSON: a response's state decodes to what json.Unmarshal makes of
// it, on the fast path for what Involve writes and through encoding/json for the rest.
func TestDecodeResponseAsJSON(t *testing.T) {
	plain := `{"id":"f27c2856-bfcc-410a-a310-9345b28d575a","createdAt":"2023-08-02T13:28:47.000Z","updatedAt":"2023-08-02T13:28:47.000Z","createdBy":"Hassan F.","deviceId":"01a24d91","rev":117741830757482498,"sessionId":"54de","feedbackId":"0000","questionSetId":"7bab","language":"en","answers":[{"q":"ideas","choices":["c4","c1","c2"]},{"q":"video","choices":["no"]},{"q":"stop_coming","preferNot":true},{"q":"visits","number":1},{"q":"why","text":"Parking — was hard"}]}`
	if !decodeBoth(t, plain) {
		t.Error("the plain form did not take the fast path")
	}
	for _, s := range []string{
		plain, `{}`, ` { "id" : "a" , "answers" : [ ] } `, `{"answers":[]}`, `{"answers":[{}]}`, `{"answers":[{"choices":[]}]}`,
		`{"answers":null}`, `{"answers":[{"choices":null}]}`, `{"id":null}`, `{"id":"a","id":"b"}`,
		`{"answers":[{"q":"a"}],"answers":[{"text":"b"}]}`, `{"answers":[{"q":"a","q":"b"}]}`, `{"ID":"x"}`, `{"other":1}`,
		`{"id":"a\"b"}`, `{"id":"caf\u00e9"}`, `{"id":"café ☕ 😀"}`, "{\"id\":\"bad \xff utf8\"}", "{\"id\":\"tab\there\"}",
		`{"rev":1.5}`, `{"rev":1e3}`, `{"rev":-7}`, `{"rev":99999999999999999999}`, `{"rev":"1"}`, `{"rev":01}`,
		`{"answers":[{"number":-0}]}`, `{"answers":[{"number":1.25e-3}]}`, `{"answers":[{"number":1e400}]}`,
		`{"answers":[{"number":.5}]}`, `{"answers":[{"number":1.}]}`, `{"answers":[{"number":-}]}`, `{"answers":[{"number":"1"}]}`,
		`{"answers":[{"preferNot":false}]}`, `{"answers":[{"preferNot":tru}]}`, `{"answers":[{"preferNot":1}]}`,
		`{"answers":[{"q":"a"},]}`, `{"id":"a",}`, `{"id":"a"} x`, `{"id":"a"}}`, `{"id":"a"`, `[]`, ``, `null`,
		`{"answers":[{"q":"a","extra":{"n":[1,2]}}]}`, `{"answers":[["a"]]}`, `{"answers":{}}`,
	} {
		decodeBoth(t, s)
	}
}

// TestDecodeResponseRandom compares the two on responses as Involve writes them, with
// random words (quotes, backslashes, <, &, line breaks, non-Latin letters among them).
func TestDecodeResponseRandom(t *testing.T) {
	words := []string{"a", "b", "c1", "yes", " ", "é", "😀", "_x0041_", "العربية"}
	odd := []string{`"`, `\`, "<", "&", "\n", "\t", "\u2028"} // escaped by json.Marshal
	r := rand.New(rand.NewPCG(17, 6))
	word := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			if r.IntN(100) == 0 {
				b.WriteString(odd[r.IntN(len(odd))])
			} else {
				b.WriteString(words[r.IntN(len(words))])
			}
		}
		return b.String()
	}
	fast := 0
	for range 2000 {
		resp := involve.Response{Meta: involve.Meta{ID: word(), CreatedAt: word(), Rev: r.Int64(), DeletedAt: word()},
			SessionID: word(), FeedbackID: word(), QuestionSetID: word(), Language: word()}
		for range r.IntN(5) {
			a := involve.Answer{Question: word(), Text: word(), PreferNot: r.IntN(2) == 0}
			for range r.IntN(3) {
				a.Choices = append(a.Choices, word())
			}
			if r.IntN(2) == 0 {
				n := r.NormFloat64() * 1e3
				a.Number = &n
			}
			resp.Answers = append(resp.Answers, a)
		}
		b, err := json.Marshal(&resp)
		if err != nil {
			t.Fatal(err)
		}
		if decodeBoth(t, string(b)) {
			fast++
		}
	}
	if fast < 200 || fast == 2000 {
		t.Errorf("%d of 2000 took the fast path: want most, not all", fast)
	}
}

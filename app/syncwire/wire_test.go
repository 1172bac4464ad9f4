package syncwire

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
)

var validSeeds = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `"a"`, ` {"a" : [1, 2, {"b":null}] } `,
	`{"a":"\u00e9\n\"\\\/"}`, "\"caf\xc3\xa9\"", "\"\xff\"", `01`, `1.`, `.5`, `-`, `1e`, `1e+`, `tru`, `nul`,
	`{"a":1,}`, `[1,]`, `{"a"}`, `{"a":}`, `{,}`, `"\x"`, `"\u12"`, "\"\x01\"", `[`, `{"a":1}}`, `{"a":1} {}`,
	`"<>&"`, "\"\u2028\"", `{"text":"a < b & c > d"}`, strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001), `{"a":[{"b":[{"c":{}}]}]}`, "\t\n\r 1 \t",
}

func TestValid(t *testing.T) {
	for _, s := range validSeeds {
		if got, want := Valid([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%.40q) = %v, json.Valid says %v", s, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := Valid(data), json.Valid(data); got != want {
			t.Fatalf("Valid(%q) = %v, json.Valid says %v", data, got, want)
		}
	})
}

// marshalRaw is what json.Marshal writes for a json.RawMessage.
func marshalRaw(raw []byte) ([]byte, error) { return json.Marshal(json.RawMessage(raw)) }

func FuzzCompacted(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := marshalRaw(data)
		if Compacted(data) && (err != nil || !bytes.Equal(m, data)) {
			t.Fatalf("Compacted(%q) but json.Marshal gives %q, %v", data, m, err)
		}
		if err == nil && !Compacted(m) {
			t.Fatalf("json.Marshal's %q is not Compacted", m)
		}
		got, gerr := AppendRaw([]byte("x"), data)
		if (gerr == nil) != (err == nil) || (err == nil && string(got) != "x"+string(m)) {
			t.Fatalf("AppendRaw(%q) = %q, %v; json.Marshal %q, %v", data, got, gerr, m, err)
		}
	})
}

// decodeStrict is the server's general decoding of a push body.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data")
	}
	return nil
}

const pushSeed = `{"changes":[{"changeId":"0195f3a4-0000-7000-8000-000000000001","entity":"feedback","recordId":"0195f3a4-0000-7000-8000-000000000002","baseRev":0,"rev":118302938472,"state":{"id":"0195f3a4-0000-7000-8000-000000000002","text":"caf\u00e9 <5 mins","themes":[],"rating":null}}]}`

var pushSeeds = []string{
	pushSeed, `{"changes":[]}`, `{}`, `{"changes":null}`, `{"changes":[null]}`, `{"Changes":[]}`, `{"changes":[{}]}`,
	`{"changes":[{"rev":1.0}]}`, `{"changes":[{"rev":1e3}]}`, `{"changes":[{"rev":99999999999999999999}]}`,
	`{"changes":[{"rev":-0,"baseRev":-5}]}`, `{"changes":[{"entity":"x","entity":"y"}]}`, `{"changes":[{"changeID":"a"}]}`,
	`{"changes":[{"extra":1}]}`, `{"changes":[{"state":null}]}`, `{"changes":[{"state":"x"}]}`, "{\"changes\":[{\"entity\":\"\xff\"}]}",
	`{"changes":[{"entity":"a\"b"}]}`, `{"changes":[{"rev":"1"}]}`, `{"changes":[],"changes":[]}`, ` {"changes" : [ { "rev" : 5 } ] } `,
	`{"changes":[]} x`, `{"changes":[]}{}`, `[]`, `{"changes":[{"state":{"a":[1,{"b":2}]}},{"rev":7}]}`,
}

func FuzzDecodePushRequest(f *testing.F) {
	for _, s := range pushSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		changes, ok := DecodePushRequest(data)
		if !ok {
			return
		}
		var want syncapi.PushRequest
		if err := decodeStrict(data, &want); err != nil {
			t.Fatalf("fast path took %q, encoding/json says %v", data, err)
		}
		if len(changes) == 0 && len(want.Changes) == 0 {
			return
		}
		if !reflect.DeepEqual(changes, want.Changes) {
			t.Fatalf("%q:\nfast %+v\njson %+v", data, changes, want.Changes)
		}
	})
}

func TestDecodePushRequest(t *testing.T) {
	taken := 0
	for _, s := range pushSeeds {
		changes, ok := DecodePushRequest([]byte(s))
		var want syncapi.PushRequest
		err := decodeStrict([]byte(s), &want)
		if ok {
			taken++
			if err != nil {
				t.Errorf("fast path took %q, encoding/json says %v", s, err)
			} else if (len(changes) > 0 || len(want.Changes) > 0) && !reflect.DeepEqual(changes, want.Changes) {
				t.Errorf("%q:\nfast %+v\njson %+v", s, changes, want.Changes)
			}
		}
	}
	if _, ok := DecodePushRequest([]byte(pushSeed)); !ok || taken < 5 {
		t.Errorf("the usual form should take the fast path (%d taken)", taken)
	}
}

var pullSeeds = []string{
	`{"changes":[{"seq":41,"entity":"session","recordId":"0195","rev":118302938472,"state":{"id":"0195","title":"a"}}],"cursor":"41","more":false}`,
	`{"changes":[],"cursor":"0","more":true}`, `{"changes":[],"cursor":"3","more":true,"role":"capture"}`, `{"role":null}`, `{"changes":null,"cursor":"","more":false}`, `{"cursor":"5"}`, `{"more":null}`,
	`{"changes":[{"seq":1,"extra":2}]}`, `{"Cursor":"x"}`, `{"changes":[],"cursor":"1","more":false} trailing`, `{"cursor":"a\nb"}`,
	// states not as json.Marshal writes them (read by the general scan after the compact one)
	`{"changes":[{"seq":2,"entity":"session","recordId":"0196","rev":1,"state":{ "id" : "0196", "title":"a < b & c" }}],"cursor":"2","more":false}`,
	`{"changes":[{"seq":3,"entity":"session","recordId":"0197","rev":1,"state":{"id":"0197","title":"a"} }],"cursor":"3","more":false}`,
	`{"changes":[{"seq":4,"entity":"session","recordId":"0198","rev":1,"state":{"id":"0198" "title":"a"}}],"cursor":"4","more":false}`,
}

func FuzzDecodePullResponse(f *testing.F) {
	for _, s := range pullSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, ok := DecodePullResponse(data)
		if !ok {
			return
		}
		var want syncapi.PullResponse
		if err := json.NewDecoder(bytes.NewReader(data)).Decode(&want); err != nil {
			t.Fatalf("fast path took %q, encoding/json says %v", data, err)
		}
		if len(resp.Changes) == 0 && len(want.Changes) == 0 {
			resp.Changes, want.Changes = nil, nil
		}
		if !reflect.DeepEqual(resp, want) {
			t.Fatalf("%q:\nfast %+v\njson %+v", data, resp, want)
		}
	})
}

func TestDecodePullResponse(t *testing.T) {
	if _, ok := DecodePullResponse([]byte(pullSeeds[0])); !ok {
		t.Error("the server's form should take the fast path")
	}
	if resp, ok := DecodePullResponse([]byte(pullSeeds[2])); !ok || resp.Role != "capture" || !resp.More || resp.Cursor != "3" {
		t.Errorf("a page with the device's role: %+v, %v; want role capture on the fast path", resp, ok)
	}
	n := len(pullSeeds)
	if resp, ok := DecodePullResponse([]byte(pullSeeds[n-3])); !ok || string(resp.Changes[0].State) != `{ "id" : "0196", "title":"a < b & c" }` {
		t.Errorf("a state with white space and <, &: %+v, %v; want it on the fast path as it is", resp, ok)
	}
	if _, ok := DecodePullResponse([]byte(pullSeeds[n-2])); !ok {
		t.Error("a change with white space after its state should take the fast path")
	}
	if _, ok := DecodePullResponse([]byte(pullSeeds[n-1])); ok {
		t.Error("a page with an invalid state was taken")
	}
	for _, s := range pullSeeds {
		resp, ok := DecodePullResponse([]byte(s))
		if !ok {
			continue
		}
		var want syncapi.PullResponse
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Errorf("fast path took %q, encoding/json says %v", s, err)
			continue
		}
		if len(resp.Changes) == 0 && len(want.Changes) == 0 {
			resp.Changes, want.Changes = nil, nil
		}
		if !reflect.DeepEqual(resp, want) {
			t.Errorf("%q:\nfast %+v\njson %+v", s, resp, want)
		}
	}
}

var stringSeeds = []string{"", "plain", `a"b`, `a\b`, "<a&b>", "caf\u00e9", "\xff", "\u2028", "\x7f", "\x00\x1f", "0195f3a4-0000-7000-8000-000000000001",
	"0195f3a4-0000-7000\x7f", "01234567<", "0123456789abcdef&", "0123456789abcdef\"", "0123456789abcdef\u00e9", "01234567\x1f89"}

func FuzzAppend(f *testing.F) {
	for _, s := range stringSeeds {
		f.Add(s, int64(5), []byte(`{"a":1}`))
	}
	f.Fuzz(func(t *testing.T, s string, n int64, raw []byte) {
		check := func(what string, got []byte, err error, v any) {
			t.Helper()
			want, werr := json.Marshal(v)
			if (err == nil) != (werr == nil) || (err == nil && !bytes.Equal(got, want)) {
				t.Fatalf("%s:\nfast %s (%v)\njson %s (%v)", what, got, err, want, werr)
			}
		}
		check("string", AppendString(nil, s), nil, s)
		res := []syncapi.Result{
			{ChangeID: s, Status: syncapi.StatusApplied, Rev: n},
			{ChangeID: s, Status: s, Rev: n, State: raw, Code: s, Reason: s, Conflicts: []string{s, "x"}},
			{ChangeID: s, Status: syncapi.StatusRejected, Conflicts: []string{}},
			{ChangeID: s, Status: syncapi.StatusApplied, Rev: n, UpdatedAt: s},
		}
		resp := syncapi.PushResponse{Results: res}
		got, err := AppendPushResponse(nil, &resp)
		check("push response", got, err, resp)
		resp = syncapi.PushResponse{Results: res, Since: s, Cursor: s + "1"}
		got, err = AppendPushResponse(nil, &resp)
		check("push response with a cursor", got, err, resp)
		resp = syncapi.PushResponse{Results: res, Since: s, Cursor: s + "1", Row: true}
		got, err = AppendPushResponse(nil, &resp)
		check("push response of a server that takes pushes in a row", got, err, resp)
		got, err = AppendPushResponse(nil, &syncapi.PushResponse{})
		check("nil push response", got, err, syncapi.PushResponse{})
		changes := []syncapi.Change{{ChangeID: s, Entity: s, RecordID: s, BaseRev: n, Rev: -n, State: raw}, {State: json.RawMessage(`{}`)}}
		got, err = AppendPushRequest(nil, changes)
		check("push request", got, err, syncapi.PushRequest{Changes: changes})
		got, err = AppendPushRequest(nil, nil)
		check("nil push request", got, err, syncapi.PushRequest{})
		got, err = AppendPushRequest(nil, []syncapi.Change{})
		check("empty push request", got, err, syncapi.PushRequest{Changes: []syncapi.Change{}})

		pulled := []syncapi.PulledChange{{Seq: n, Entity: s, RecordID: s, Rev: n, State: raw}, {Seq: 1, State: json.RawMessage(`{"b":[]}`)}}
		w := NewPageWriter(nil)
		for i, c := range pulled {
			if i%2 == 0 {
				err = w.Add(c.Seq, c.Entity, c.RecordID, c.Rev, c.State)
			} else {
				err = w.AddBytes(c.Seq, []byte(c.Entity), []byte(c.RecordID), c.Rev, c.State)
			}
			if err != nil {
				break
			}
		}
		page := w.End(s, n%2 == 0, s)
		check("pull page", page, err, syncapi.PullResponse{Changes: pulled, Cursor: s, More: n%2 == 0, Role: s})
		page = NewPageWriter(page).End("7", true, "")
		check("empty pull page", page, nil, syncapi.PullResponse{Changes: []syncapi.PulledChange{}, Cursor: "7", More: true})
	})
}

func FuzzFields(f *testing.F) {
	for _, s := range append(validSeeds, pushSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var keys []string
		var values []json.RawMessage
		if !Fields(data, func(k, v []byte) bool { keys, values = append(keys, string(k)), append(values, v); return true }) {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("Fields took %q, encoding/json says %v", data, err)
		}
		got := map[string]json.RawMessage{}
		for i, k := range keys {
			got[k] = values[i]
		}
		if len(got) != len(m) {
			t.Fatalf("%q: %d fields, encoding/json %d", data, len(got), len(m))
		}
		for k, v := range m {
			if !bytes.Equal(got[k], v) {
				t.Fatalf("%q: field %q = %s, encoding/json %s", data, k, got[k], v)
			}
		}
	})
}

// StringLen is the length json.Marshal and AppendString write for a string.
func FuzzStringLen(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uote\back`, "\b\f\n\r\t\x00\x1f", "<a & b>", "caf\xc3\xa9",
		"\xff\xfe", "\u2028\u2029", "日本語", "\xed\xa0\x80", strings.Repeat("é", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if n := StringLen(s); n != len(want) {
			t.Fatalf("StringLen(%q) = %d, json.Marshal wrote %d bytes: %s", s, n, len(want), want)
		}
		if got := AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendString(%q) = %s, json.Marshal %s", s, got, want)
		}
	})
}

var pushAnswerSeeds = []string{
	`{"results":[{"changeId":"0195a","status":"applied","rev":118302938472,"updatedAt":"2026-11-24T10:00:00.123Z"},{"changeId":"0195b","status":"duplicate","rev":3}],"since":"40","cursor":"42","row":true}`,
	`{"results":[{"changeId":"0195c","status":"conflict","rev":5,"state":{"id":"0195","title":"a"},"conflicts":["0196","0197"]},{"changeId":"0195d","status":"rejected","code":"invalid","reason":"text: \"quoted\" is\nwrong"}]}`,
	`{"results":[{"changeId":"0195e","status":"merged","rev":6,"state":{ "id" : "0195", "title":"a < b & c" },"conflicts":[]}]}`,
	`{"results":[]}`, `{"results":null}`, `{}`, `{"row":false}`, `{"results":[{"changeId":"x","status":"applied","state":null}]}`,
	`{"results":[{"changeId":"x","conflicts":null}]}`, `{"results":[{"changeId":"x","extra":1}]}`, `{"Results":[]}`,
	`{"results":[{"changeId":"x","status":"applied"},{"changeId":"x","status":"applied"}]}`, `{"results":[]} trailing`,
	`{"results":[{"changeId":"x","status":"applied","rev":1.5}]}`, `{"results":[{"changeId":"x","status":"new\u0020kind"}]}`,
	`{"results":[{"changeId":"x","status":"applied","state":{"id":"0198" "title":"a"}}]}`, `{"since":"1","since":"2"}`,
}

func FuzzDecodePushResponse(f *testing.F) {
	for _, s := range pushAnswerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPushResponse(t, data) })
}

// checkPushResponse fails when the fast path takes data and encoding/json reads it
// otherwise (or refuses it).
func checkPushResponse(t *testing.T, data []byte) (taken bool) {
	t.Helper()
	resp, ok := DecodePushResponse(data)
	if !ok {
		return false
	}
	var want syncapi.PushResponse
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&want); err != nil {
		t.Fatalf("fast path took %q, encoding/json says %v", data, err)
	}
	if len(resp.Results) == 0 && len(want.Results) == 0 {
		resp.Results, want.Results = nil, nil
	}
	if !reflect.DeepEqual(resp, want) {
		t.Fatalf("%q:\nfast %+v\njson %+v", data, resp, want)
	}
	return true
}

// The server's push answers take the fast path and read as encoding/json reads them;
// what encoding/json alone reads as it should (null, other spellings, unknown fields,
// a field twice) is left to it.
func TestDecodePushResponse(t *testing.T) {
	for i, s := range pushAnswerSeeds {
		taken := checkPushResponse(t, []byte(s))
		if wantTaken := i < 4 || i == 5 || i == 6 || i == 11 || i == 14; taken != wantTaken {
			t.Errorf("%q: taken %v, want %v", s, taken, wantTaken)
		}
	}
	resp := syncapi.PushResponse{Since: "7", Cursor: "9", Row: true, Results: []syncapi.Result{
		{ChangeID: "a", Status: syncapi.StatusApplied, Rev: 9, UpdatedAt: "2026-11-24T10:00:00Z"},
		{ChangeID: "b", Status: syncapi.StatusConflict, Rev: 2, State: json.RawMessage(`{"id":"b"}`), Conflicts: []string{"c"}},
		{ChangeID: "d", Status: syncapi.StatusRejected, Code: "invalid", Reason: `"<bad>" & worse`},
	}}
	body, err := AppendPushResponse(nil, &resp)
	if err != nil {
		t.Fatal(err)
	}
	if !checkPushResponse(t, body) {
		t.Errorf("the server's own answer %s was not taken", body)
	}
}

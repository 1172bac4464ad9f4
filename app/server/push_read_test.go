package server_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/lockbox"
	"github.com/hin-south-london/involve/app/server"
)

// feedbackPush is a push body of one feedback change whose state is state.
func feedbackPush(state string) []byte {
	return []byte(`{"changes":[{"changeId":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d01","entity":"feedback",` +
		`"recordId":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","rev":3,"baseRev":0,"state":` + state + `}]}`)
}

// pushReadStates are feedback states of the usual form and of every other form the
// fast read must leave to encoding/json: each must be answered exactly as the strict
// decoding answers it.
var pushReadStates = []string{
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","sessionId":"s1","text":"The bus is late","source":"comment_card","themes":["transport"],"rating":4,"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"Caf\u00e9 \"quoted\"\nline","source":"conversation","themes":null,"rating":null,"quoteConsent":true,"needsResponse":true,"answered":false,"ageBand":"25-34","borough":"E09000022","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"no themes","source":"conversation","themes":[],"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	// the rules refuse these
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"rated","source":"comment_card","rating":9,"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d03","text":"another id","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	// forms only encoding/json reads (or refuses)
	` {"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"space before","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"unknown field","source":"comment_card","mood":"sad","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"ID":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","Text":"other spelling","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"twice","text":"said twice","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"bad \xff byte","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"rating as text","source":"comment_card","rating":"4","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"a fraction","source":"comment_card","rating":4.5,"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"themes object","source":"comment_card","themes":{"a":1},"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}`,
	`{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","text":"two values","source":"comment_card","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3} {}`,
	`{}`, `[]`, `"text"`, `null`,
}

// A pushed feedback item's state read without reflection (readFast) is answered as the
// strict decoding answers it: the same record, metadata and rejection, for the usual
// form and for every form left to encoding/json.
func TestPushReadFastSameAsStrict(t *testing.T) {
	for _, state := range pushReadStates {
		checkPushReadSame(t, feedbackPush(state))
	}
}

// FuzzPushReadFast: any state of a pushed feedback item is answered by the fast read as
// by the strict decoding.
func FuzzPushReadFast(f *testing.F) {
	for _, s := range pushReadStates {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, state string) {
		checkPushReadSame(t, feedbackPush(state))
	})
}

func checkPushReadSame(t *testing.T, body []byte) {
	t.Helper()
	fast, errFast := server.DecodePush(body, 10, nil)
	strict, errStrict := server.DecodePushStrict(body, 10, nil)
	if fmt.Sprint(errFast) != fmt.Sprint(errStrict) {
		t.Fatalf("%s: error %v, strict %v", body, errFast, errStrict)
	}
	if len(fast) != len(strict) {
		t.Fatalf("%s: %d changes, strict %d", body, len(fast), len(strict))
	}
	for i := range fast {
		a, b := fast[i], strict[i]
		if !reflect.DeepEqual(a.Reject, b.Reject) {
			t.Fatalf("%s: rejected %+v, strict %+v", body, a.Reject, b.Reject)
		}
		if !reflect.DeepEqual(a.Record, b.Record) || !reflect.DeepEqual(a.Meta, b.Meta) {
			ja, _ := json.Marshal(a.Record)
			jb, _ := json.Marshal(b.Record)
			t.Fatalf("%s: record %s, strict %s", body, ja, jb)
		}
	}
}

// A push of feedback items of the usual form is decoded without encoding/json's
// reflection: it allocates less than half what the strict decoding does.
func TestPushReadFastAllocates(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"changes":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteByte(',')
		}
		id := fmt.Sprintf("0195f3a4-7c1e-7a2b-9d4e-%012x", i)
		fmt.Fprintf(&b, `{"changeId":"0195f3a4-7c1e-7a2b-8d4e-%012x","entity":"feedback","recordId":"%s","rev":3,"baseRev":0,"state":`+
			`{"id":"%s","sessionId":"s1","text":"Item %d: the bus is late","source":"comment_card","themes":["transport","access"],"rating":4,`+
			`"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":3}}`, i, id, id, i)
	}
	b.WriteString(`]}`)
	body := []byte(b.String())
	count := func(decode func([]byte, int, *lockbox.TeamKey) ([]server.PushChange, error)) float64 {
		return testing.AllocsPerRun(5, func() {
			changes, err := decode(body, 200, nil)
			if err != nil || len(changes) != 200 || changes[0].Reject != nil {
				t.Fatalf("decode: %d changes, %v", len(changes), err)
			}
		})
	}
	fast, strict := count(server.DecodePush), count(server.DecodePushStrict)
	if fast > strict/2 {
		t.Errorf("a push of 200 feedback items: %.0f allocations, strict decoding %.0f; want under half", fast, strict)
	}
	t.Logf("allocations: %.0f read fast, %.0f strict", fast, strict)
}

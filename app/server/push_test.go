package server_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

const validPush = `{"changes":[{"changeId":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d01","entity":"feedback",` +
	`"recordId":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","baseRev":0,"rev":118302938472,` +
	`"state":{"id":"0195f3a4-7c1e-7a2b-9d4e-3f5a6b7c8d02","sessionId":"s1","text":"The bus is late","source":"comment_card",` +
	`"themes":["transport"],"rating":4,"createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z","rev":118302938472}}]}`

func TestDecodePush(t *testing.T) {
	changes, err := server.DecodePush([]byte(validPush), 10, nil)
	if err != nil || len(changes) != 1 || changes[0].Reject != nil || changes[0].Meta.ID != changes[0].RecordID {
		t.Fatalf("DecodePush(valid) = %+v, %v", changes, err)
	}
	if _, err := server.DecodePush([]byte(validPush), 0, nil); !isCode(err, syncapi.ETOOLARGE) {
		t.Errorf("over the batch limit: %v, want too_large", err)
	}
	bad := strings.Replace(validPush, `"entity":"feedback"`, `"entity":"payment"`, 1)
	changes, err = server.DecodePush([]byte(bad), 10, nil)
	if err != nil || changes[0].Reject == nil || changes[0].Reject.Code != syncapi.EINVALID {
		t.Errorf("unknown entity: %+v, %v; want the change rejected, not the request", changes, err)
	}
	huge := strings.Replace(validPush, `"rev":118302938472,`, `"rev":9223372036854775807,`, 1)
	if changes, err = server.DecodePush([]byte(huge), 10, nil); err != nil || changes[0].Reject == nil {
		t.Errorf("rev near overflow: %+v, %v; want rejected", changes, err)
	}
}

func isCode(err error, code string) bool {
	var e *syncapi.Error
	return errors.As(err, &e) && e.Code == code
}

// FuzzPushDecode feeds arbitrary bodies to the push decoder: it never panics, a
// request error is always an API error (400 or 413), and every change it lets through
// is a known entity whose state is a JSON object with the change's record id.
func FuzzPushDecode(f *testing.F) {
	f.Add([]byte(validPush))
	f.Add([]byte(`{"changes":[]}`))
	f.Add([]byte(`{"changes":[{"changeId":"x","entity":"theme","recordId":"y","rev":1,"state":{"id":"y","label":"A"}}]}`))
	f.Add([]byte(`{"changes":[{"entity":"conflict","state":{"status":"open","winner":{},"loser":{}}}]}`))
	f.Add([]byte(`{"changes":null}`))
	f.Add([]byte(`{"changes":[{"state":"\u0000"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		changes, err := server.DecodePush(body, 50, nil)
		if err != nil {
			if !isCode(err, syncapi.EINVALID) && !isCode(err, syncapi.ETOOLARGE) {
				t.Fatalf("error %v is not invalid or too_large", err)
			}
			return
		}
		if len(changes) > 50 {
			t.Fatalf("%d changes let through, limit 50", len(changes))
		}
		for _, c := range changes {
			if c.Reject != nil {
				if c.Reject.Message == "" {
					t.Fatal("rejected without a reason")
				}
				continue
			}
			if !involve.IsEntity(c.Entity) || c.Record == nil || c.Meta == nil || c.Meta.ID != c.RecordID || c.Rev <= 0 || c.Rev >= server.MaxRev {
				t.Fatalf("accepted change %+v", c.Change)
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(c.State, &m); err != nil {
				t.Fatalf("accepted state %q is not a JSON object: %v", c.State, err)
			}
			if _, err := json.Marshal(c.Record); err != nil {
				t.Fatalf("accepted record does not encode: %v", err)
			}
		}
	})
}

// A push's ?pulled= is a cursor this server gave out, or nothing: anything else is
// refused whole (400 invalid), nothing stored; a good one is taken.
func TestPushPulledParamChecked(t *testing.T) {
	e := servertest.NewEnv(t, servertest.SQLite)
	d := e.Enrol(e.Team("T").ID)
	for _, bad := range []string{"-1", "abc", "1e3", "9223372036854775808"} {
		r := e.Do("POST", "/v1/sync/push?"+syncapi.PulledParam+"="+bad, d.Token, syncapi.PushRequest{})
		if r.Status != 400 || r.Error().Code != syncapi.EINVALID || !strings.Contains(r.Error().Message, syncapi.PulledParam) {
			t.Errorf("pulled=%s: %d %s, want 400 invalid naming %s", bad, r.Status, r.Body, syncapi.PulledParam)
		}
	}
	for _, good := range []string{"", "0", "42"} {
		if r := e.Do("POST", "/v1/sync/push?"+syncapi.PulledParam+"="+good, d.Token, syncapi.PushRequest{}); r.Status != 200 {
			t.Errorf("pulled=%q: %d %s", good, r.Status, r.Body)
		}
	}
}

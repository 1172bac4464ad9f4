package syncapi_test

import (
	"encoding/json"
	"testing"

	"github.com/hin-south-london/involve/app/syncapi"
)

func state(t *testing.T, s string) map[string]json.RawMessage {
	t.Helper()
	if s == "" {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func field(m map[string]json.RawMessage, k string) string {
	if v, ok := m[k]; ok {
		return string(v)
	}
	return "null"
}

func TestMerge(t *testing.T) {
	base := `{"id":"r","title":"Old","venue":"Hall","notes":"n","notesUpdatedAt":"t0","rev":1,"updatedAt":"u0"}`
	for _, c := range []struct {
		name, server, client string
		serverRev, clientRev int64
		want                 map[string]string
		conflicts            []string
	}{
		{
			name:      "DifferentFieldsBothKept",
			server:    `{"id":"r","title":"New title","venue":"Hall","notes":"n","notesUpdatedAt":"t0","rev":2,"updatedAt":"u1"}`,
			client:    `{"id":"r","title":"Old","venue":"Library","notes":"n","notesUpdatedAt":"t0","rev":3,"updatedAt":"u2"}`,
			serverRev: 2, clientRev: 3,
			want: map[string]string{"title": `"New title"`, "venue": `"Library"`},
		},
		{
			name:      "SameFieldHigherRevWins",
			server:    `{"id":"r","title":"Server","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			client:    `{"id":"r","title":"Client","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			serverRev: 5, clientRev: 4,
			want:      map[string]string{"title": `"Server"`},
			conflicts: []string{"title"},
		},
		{
			name:      "SameFieldSameValueNoConflict",
			server:    `{"id":"r","title":"Same","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			client:    `{"id":"r","title":"Same","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			serverRev: 5, clientRev: 4,
			want: map[string]string{"title": `"Same"`},
		},
		{
			name:      "NotesTimestampFollowsTheNotesKept",
			server:    `{"id":"r","title":"Old","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			client:    `{"id":"r","title":"Old","venue":"Hall","notes":"longer notes","notesUpdatedAt":"t9"}`,
			serverRev: 5, clientRev: 4,
			want: map[string]string{"notes": `"longer notes"`, "notesUpdatedAt": `"t9"`},
		},
		{
			name:      "DeleteAgainstEditStaysDeletedWithEdits",
			server:    `{"id":"r","title":"Old","venue":"Hall","notes":"n","notesUpdatedAt":"t0","deletedAt":"d1"}`,
			client:    `{"id":"r","title":"Edited","venue":"Hall","notes":"n","notesUpdatedAt":"t0"}`,
			serverRev: 2, clientRev: 9,
			want:      map[string]string{"deletedAt": `"d1"`, "title": `"Edited"`},
			conflicts: []string{"deletedAt"},
		},
		{
			name:      "DeleteAgainstDeleteKeepsTheEarlier",
			server:    `{"id":"r","title":"Old","venue":"Hall","notes":"n","notesUpdatedAt":"t0","deletedAt":"2026-01-02"}`,
			client:    `{"id":"r","title":"Old","venue":"Hall","notes":"n","notesUpdatedAt":"t0","deletedAt":"2026-01-01"}`,
			serverRev: 2, clientRev: 3,
			want: map[string]string{"deletedAt": `"2026-01-01"`},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, swap := range []bool{false, true} {
				s := syncapi.Side{State: state(t, c.server), Rev: c.serverRev, DeviceID: "dev-a"}
				cl := syncapi.Side{State: state(t, c.client), Rev: c.clientRev, DeviceID: "dev-b"}
				if swap && c.name != "NotesTimestampFollowsTheNotesKept" {
					// the result must not depend on which side reached the server first
					s, cl = cl, s
				} else if swap {
					continue
				}
				merged, conflicts := syncapi.Merge(state(t, base), s, cl)
				for k, v := range c.want {
					if got := field(merged, k); got != v {
						t.Errorf("swap=%v: %s = %s, want %s", swap, k, got, v)
					}
				}
				if len(conflicts) != len(c.conflicts) {
					t.Fatalf("swap=%v: conflicts %+v, want on %v", swap, conflicts, c.conflicts)
				}
				for i, f := range c.conflicts {
					if conflicts[i].Field != f {
						t.Errorf("conflict %d on %s, want %s", i, conflicts[i].Field, f)
					}
				}
			}
		})
	}
}

func TestMergeTieBrokenByDevice(t *testing.T) {
	a := syncapi.Side{State: state(t, `{"title":"A"}`), Rev: 7, DeviceID: "aaa"}
	b := syncapi.Side{State: state(t, `{"title":"B"}`), Rev: 7, DeviceID: "bbb"}
	m1, c1 := syncapi.Merge(state(t, `{"title":"base"}`), a, b)
	m2, c2 := syncapi.Merge(state(t, `{"title":"base"}`), b, a)
	if field(m1, "title") != `"B"` || field(m2, "title") != `"B"` || len(c1) != 1 || len(c2) != 1 {
		t.Fatalf("tie: %s / %s, conflicts %d %d", field(m1, "title"), field(m2, "title"), len(c1), len(c2))
	}
	if string(c1[0].Loser) != `"A"` || string(c2[0].Loser) != `"A"` {
		t.Fatalf("loser %s / %s", c1[0].Loser, c2[0].Loser)
	}
}

func TestMergeIgnoresBookkeeping(t *testing.T) {
	s := syncapi.Side{State: state(t, `{"title":"x","updatedAt":"1","rev":1,"deviceId":"a","feedbackCount":3}`), Rev: 1, DeviceID: "a"}
	c := syncapi.Side{State: state(t, `{"title":"x","updatedAt":"2","rev":2,"deviceId":"b","feedbackCount":9}`), Rev: 2, DeviceID: "b"}
	if _, conflicts := syncapi.Merge(nil, s, c); len(conflicts) != 0 {
		t.Fatalf("bookkeeping fields in conflict: %+v", conflicts)
	}
}

func TestMergeBothCreated(t *testing.T) {
	// two laptops created the same theme (same id from its label) offline
	s := syncapi.Side{State: state(t, `{"label":"Parking","archived":false}`), Rev: 3, DeviceID: "a"}
	c := syncapi.Side{State: state(t, `{"label":"Parking","archived":true}`), Rev: 4, DeviceID: "b"}
	m, conflicts := syncapi.Merge(nil, s, c)
	if field(m, "archived") != "true" || len(conflicts) != 1 || conflicts[0].Field != "archived" {
		t.Fatalf("%v %+v", m, conflicts)
	}
}

package serverstoretest

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// putEntity stores records of one entity in one transaction.
func putEntity(t *testing.T, s serverstore.Store, teamID, entity string, ids ...string) {
	t.Helper()
	err := s.InTeamTx(ctx(), teamID, func(tx serverstore.Tx) error {
		for i, id := range ids {
			r := serverstore.Record{TeamID: teamID, Entity: entity, ID: id, Rev: int64(100 + i),
				State: []byte(fmt.Sprintf(`{"id":%q,"n":%d}`, id, i)), DeviceID: "dev-1", UpdatedAt: t0}
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("InTeamTx: %v", err)
	}
}

// testRecordsAfter: pages of one team's records of one entity, by id in byte order
// (whatever the database's collation), other teams and entities left out.
func testRecordsAfter(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	// Written out of order; byte order puts upper case before lower case and '-'
	// before digits, which a linguistic collation would not.
	putEntity(t, s, a.ID, "feedback", "a2", "B1", "a10", "a-2", "a1")
	putEntity(t, s, a.ID, "session", "a0", "s1")
	putEntity(t, s, b.ID, "feedback", "a15", "b1")
	// A later change moves a record's seq, not its place by id.
	putEntity(t, s, a.ID, "feedback", "a10")

	want := []string{"B1", "a-2", "a1", "a10", "a2"}
	var got []string
	after := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("RecordsAfter never ends")
		}
		page, err := s.RecordsAfter(ctx(), a.ID, "feedback", after, 2)
		if err != nil {
			t.Fatalf("RecordsAfter: %v", err)
		}
		if len(page) > 2 {
			t.Fatalf("page of %d records, limit 2", len(page))
		}
		for _, r := range page {
			if r.TeamID != a.ID || r.Entity != "feedback" {
				t.Errorf("record %s of team %s, entity %s", r.ID, r.TeamID, r.Entity)
			}
			if !jsonEqual(t, r.State, []byte(fmt.Sprintf(`{"id":%q,"n":%d}`, r.ID, map[string]int{"a2": 0, "B1": 1, "a10": 0, "a-2": 3, "a1": 4}[r.ID]))) {
				t.Errorf("record %s state %s", r.ID, r.State)
			}
			got = append(got, r.ID)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("team A feedback by id = %v, want %v", got, want)
	}
	if page, err := s.RecordsAfter(ctx(), a.ID, "feedback", "a10", 100); err != nil || !reflect.DeepEqual(ids(page), []string{"a2"}) {
		t.Errorf("after a10 = %v, %v; want [a2]", ids(page), err)
	}
	if page, err := s.RecordsAfter(ctx(), b.ID, "feedback", "", 100); err != nil || !reflect.DeepEqual(ids(page), []string{"a15", "b1"}) {
		t.Errorf("team B feedback = %v, %v; want [a15 b1]", ids(page), err)
	}
	if page, err := s.RecordsAfter(ctx(), a.ID, "session", "", 100); err != nil || !reflect.DeepEqual(ids(page), []string{"a0", "s1"}) {
		t.Errorf("team A sessions = %v, %v", ids(page), err)
	}
	if page, err := s.RecordsAfter(ctx(), "team-none", "feedback", "", 100); err != nil || len(page) != 0 {
		t.Errorf("unknown team = %v, %v; want nothing", ids(page), err)
	}

	// EachRecord pages through all of them (more than one page of RecordsPage).
	n := serverstore.RecordsPage + 3
	many := make([]string, n)
	for i := range many {
		many[i] = fmt.Sprintf("m%05d", n-i) // written in reverse
	}
	for i := 0; i < n; i += 200 {
		putEntity(t, s, b.ID, "session", many[i:min(i+200, n)]...)
	}
	var each []string
	if err := serverstore.EachRecord(ctx(), s, b.ID, "session", func(r serverstore.Record) error {
		each = append(each, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(each) != n || each[0] != "m00001" || each[n-1] != fmt.Sprintf("m%05d", n) {
		t.Fatalf("EachRecord: %d records from %v to %v, want %d from m00001", len(each), each[:1], each[len(each)-1:], n)
	}
	for i := 1; i < len(each); i++ {
		if each[i] <= each[i-1] {
			t.Fatalf("EachRecord out of order at %d: %s after %s", i, each[i], each[i-1])
		}
	}
	stop := errors.New("stop")
	k := 0
	if err := serverstore.EachRecord(ctx(), s, b.ID, "session", func(serverstore.Record) error { k++; return stop }); !errors.Is(err, stop) || k != 1 {
		t.Errorf("EachRecord stops at the callback's error: got %v after %d records", err, k)
	}
}

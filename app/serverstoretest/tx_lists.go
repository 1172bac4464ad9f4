package serverstoretest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/hin-south-london/involve/app/serverstore"
)

// testTxLists: inside a push's transaction, EntityRecords lists the team's records of
// one entity with the transaction's own writes over the stored ones (other teams and
// entities left out), and RevisionStates lists a record's revisions, stored and
// written in the transaction, in order: what the push's rules that span records read.
func testTxLists(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	putEntity(t, s, a.ID, "rate_card", "r2", "r1")
	putEntity(t, s, a.ID, "consent", "k1")
	putEntity(t, s, b.ID, "rate_card", "r9")
	rev := func(tx serverstore.Tx, id string, n int) error {
		return tx.AddRevision(ctx(), serverstore.Revision{TeamID: a.ID, Entity: "rate_card", RecordID: id, Rev: int64(n),
			State: json.RawMessage(fmt.Sprintf(`{"id":%q,"v":%d}`, id, n)), DeviceID: "d", ChangeID: fmt.Sprint("c", n), CreatedAt: t0})
	}
	if err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		if err := rev(tx, "r1", 1); err != nil {
			return err
		}
		return rev(tx, "r1", 2)
	}); err != nil {
		t.Fatal(err)
	}
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		for _, r := range []serverstore.Record{
			{TeamID: a.ID, Entity: "rate_card", ID: "r1", Rev: 200, State: json.RawMessage(`{"id":"r1","changed":true}`), DeviceID: "d", UpdatedAt: t0},
			{TeamID: a.ID, Entity: "rate_card", ID: "r0", Rev: 201, State: json.RawMessage(`{"id":"r0"}`), DeviceID: "d", UpdatedAt: t0},
			{TeamID: a.ID, Entity: "feedback", ID: "f1", Rev: 202, State: json.RawMessage(`{"id":"f1"}`), DeviceID: "d", UpdatedAt: t0},
		} {
			if err := tx.PutRecord(ctx(), &r); err != nil {
				return err
			}
		}
		if err := rev(tx, "r1", 3); err != nil {
			return err
		}
		cards, err := tx.EntityRecords(ctx(), a.ID, "rate_card")
		if err != nil {
			return err
		}
		if got := ids(cards); !reflect.DeepEqual(got, []string{"r0", "r1", "r2"}) {
			t.Errorf("EntityRecords: %v, want r0 r1 r2 (by id, this transaction's new one included)", got)
		}
		for _, c := range cards {
			if c.ID == "r1" && !jsonEqual(t, c.State, []byte(`{"id":"r1","changed":true}`)) {
				t.Errorf("EntityRecords: r1 is %s, want this transaction's state", c.State)
			}
		}
		if consents, err := tx.EntityRecords(ctx(), a.ID, "consent"); err != nil || !reflect.DeepEqual(ids(consents), []string{"k1"}) {
			t.Errorf("EntityRecords(consent): %v %v", ids(consents), err)
		}
		states, err := tx.RevisionStates(ctx(), a.ID, "r1")
		if err != nil {
			return err
		}
		var vs []int
		for _, st := range states {
			var v struct{ V int }
			if err := json.Unmarshal(st, &v); err != nil {
				return err
			}
			vs = append(vs, v.V)
		}
		if !reflect.DeepEqual(vs, []int{1, 2, 3}) {
			t.Errorf("RevisionStates: %v, want 1 2 3 (stored, then this transaction's)", vs)
		}
		if none, err := tx.RevisionStates(ctx(), a.ID, "r9"); err != nil || len(none) != 0 {
			t.Errorf("RevisionStates of another team's record: %d states, %v", len(none), err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package serverstoretest

import (
	"reflect"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/serverstore"
)

func testAudit(t *testing.T, s serverstore.Store) {
	a, b := twoTeams(t, s)
	for i, act := range []string{"team.add", "enrol.code", "enrol"} {
		if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), TeamID: a.ID, DeviceID: "d1", Action: act, Detail: "detail " + act}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Audit(ctx(), serverstore.AuditEntry{At: t0, TeamID: b.ID, Action: "team.add"}); err != nil {
		t.Fatal(err)
	}
	err := s.InTeamTx(ctx(), a.ID, func(tx serverstore.Tx) error {
		return tx.Audit(ctx(), serverstore.AuditEntry{At: t0.Add(10 * time.Second), TeamID: a.ID, DeviceID: "d1", Action: "push", Detail: "3 applied"})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.ListAudit(ctx(), a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var acts []string
	for _, e := range got {
		acts = append(acts, e.Action)
		if e.TeamID != a.ID {
			t.Errorf("team A's audit has %+v", e)
		}
	}
	if want := []string{"push", "enrol", "enrol.code", "team.add"}; !reflect.DeepEqual(acts, want) {
		t.Errorf("ListAudit = %v, want %v (newest first)", acts, want)
	}
	if got[0].Detail != "3 applied" || got[0].DeviceID != "d1" || !got[0].At.Equal(t0.Add(10*time.Second)) {
		t.Errorf("audit entry = %+v", got[0])
	}
	if got, _ := s.ListAudit(ctx(), a.ID, 2); len(got) != 2 || got[0].Action != "push" || got[1].Action != "enrol" {
		t.Errorf("ListAudit(limit 2) = %+v", got)
	}
	if got, _ := s.ListAudit(ctx(), b.ID, 0); len(got) != 1 {
		t.Errorf("ListAudit(B) = %+v, want 1 entry", got)
	}
}

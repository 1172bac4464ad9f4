package desktop_test

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestRetentionFacade: the schedule reads everywhere (its defaults here); on a laptop
// that is not a lead's (this one is not connected) setting a rule, keeping a record and
// the due list are refused with EFORBIDDEN.
func TestRetentionFacade(t *testing.T) {
	a, _, _ := newLockedApp(t)
	sched, err := a.GetRetentionSchedule()
	if err != nil || len(sched) != len(involve.RetentionKinds) || !sched[0].IsDefault || len(sched[0].Anchors) == 0 {
		t.Fatalf("schedule: %+v %v", sched, err)
	}
	if _, err := a.SetRetentionRule(involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 60, Unit: involve.UnitDays,
		Anchor: involve.AnchorDeletion}); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("set a rule: %v", err)
	}
	if _, err := a.ListDueForReview(); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("due list: %v", err)
	}
	if _, err := a.KeepUntil(involve.RetentionHold{RecordEntity: involve.EntitySession, RecordID: "s1", RecordKind: involve.RetainDeleted,
		Until: "2099-01-01", Reason: "Audit"}); involve.ErrorCode(err) != involve.EFORBIDDEN {
		t.Errorf("keep until: %v", err)
	}
}

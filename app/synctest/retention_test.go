package synctest_test

import (
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// TestRetentionSynced: the retention schedule is a team setting. A lead laptop sets a
// period and keeps a deleted record; after a sync, a staff laptop and a capture laptop
// use the lead's period; the hold reaches the staff laptop (its reason sealed) and
// hides the record from its due list, and never reaches the capture laptop. Neither
// may change the schedule.
func TestRetentionSynced(t *testing.T) {
	eachStore(t, storeKinds, func(t *testing.T, kind string) {
		s := newStack(t, kind)
		lead := newDevice(t, "lead", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameLead))
		staff := s.enrol(t, "staff")
		capture := newDevice(t, "capture", s.ts.URL, s.codeAs(s.team.ID, involve.RoleNameCapture))

		p, err := lead.db.CreateProject(bg(), involve.ProjectInput{Name: "Bus routes"})
		if err != nil {
			t.Fatal(err)
		}
		kept, err := lead.db.CreateSession(bg(), involve.SessionInput{ProjectID: p.ID, Title: "Kept session", Date: "2026-11-24", Type: "workshop"})
		if err != nil {
			t.Fatal(err)
		}
		if err := lead.db.DeleteSession(bg(), kept.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := lead.db.SetRetentionRule(bg(), involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 60,
			Unit: involve.UnitDays, Anchor: involve.AnchorDeletion, AutoErase: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := lead.db.KeepUntil(bg(), involve.RetentionHold{RecordEntity: involve.EntitySession, RecordID: kept.ID,
			RecordKind: involve.RetainDeleted, Until: "2099-01-01", Reason: "Zorbicreason: under audit"}); err != nil {
			t.Fatal(err)
		}
		lead.mustSync()
		staff.mustSync()
		capture.mustSync()

		later := time.Now().AddDate(0, 0, 61)
		for _, d := range []*device{staff, capture} {
			sched, err := d.db.RetentionSchedule(bg())
			if err != nil {
				t.Fatal(err)
			}
			var got store.RetentionEntry
			for _, e := range sched {
				if e.RecordKind == involve.RetainDeleted {
					got = e
				}
			}
			if got.IsDefault || got.Period != 60 || !got.AutoErase || got.SetAt == "" {
				t.Errorf("%s's schedule for deleted records: %+v, want the lead's 60 days", d.name, got)
			}
			if _, err := d.db.SetRetentionRule(bg(), involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 1,
				Unit: involve.UnitDays, Anchor: involve.AnchorDeletion}); involve.ErrorCode(err) != involve.EFORBIDDEN {
				t.Errorf("%s changed the schedule: %v", d.name, err)
			}
			d.db.Now = func() time.Time { return later }
			due, err := d.db.DueForReview(bg())
			if err != nil {
				t.Fatal(err)
			}
			listed := false
			for _, it := range due {
				listed = listed || it.RecordID == kept.ID
			}
			// the hold reaches staff (and hides the session), never capture
			if want := d == capture; listed != want {
				t.Errorf("%s lists the kept session as due: %v, want %v (%+v)", d.name, listed, want, due)
			}
		}
		if found := folderHolds(t, capture.dir, []string{"Zorbicreason"}); len(found) > 0 {
			t.Errorf("the capture laptop holds the hold's reason: %v", found)
		}
		if found := folderHolds(t, staff.dir, []string{"Zorbicreason"}); len(found) > 0 {
			t.Errorf("the staff laptop holds the hold's reason in plain text: %v", found)
		}
	})
}

package syncer

import (
	"testing"

	"github.com/hin-south-london/involve/app/involve"
)

// TestRoleNotice: what a change of role says, in plain words, whatever it removed.
func TestRoleNotice(t *testing.T) {
	personal := []string{involve.EntityContributor, involve.EntityConsent, involve.EntityTimeEntry}
	for _, c := range []struct {
		rc     RoleChange
		lost   []string
		gained bool
		want   string
	}{
		{RoleChange{Removed: map[string]int{}}, personal, false,
			"This laptop is now enrolled for capture. It no longer holds Lived Experience Partners, consent records or time entries; there were none on it."},
		{RoleChange{Removed: map[string]int{involve.EntityTimeEntry: 1}, Discarded: 1}, personal, false,
			"This laptop is now enrolled for capture. 1 time entry was removed from it. 1 change made on this laptop and not yet sent was discarded; it cannot be recovered."},
		{RoleChange{Removed: map[string]int{involve.EntityContributor: 12, involve.EntityConsent: 12, involve.EntityTimeEntry: 30}, Discarded: 3}, personal, false,
			"This laptop is now enrolled for capture. 12 Lived Experience Partners, 12 consent records and 30 time entries were removed from it. 3 changes made on this laptop and not yet sent were discarded; they cannot be recovered."},
	} {
		if got := roleNotice(involve.RoleCapture, c.lost, c.gained, &c.rc); got != c.want {
			t.Errorf("got\n%q\nwant\n%q", got, c.want)
		}
	}
	if got := roleNotice(involve.RoleStaff, nil, true, &RoleChange{}); got != "This laptop is now enrolled for staff. The records it may now hold are being received from the server." {
		t.Errorf("raised: %q", got)
	}
	lost, gained := roleKinds(involve.RoleStaff, involve.RoleCapture)
	if len(lost) != 4 || gained {
		t.Errorf("staff to capture loses %v (gains %v), want the four personal kinds (partners, consent, time entries, retention holds)", lost, gained)
	}
	// A lead alone holds the register of requests: raised to lead, the pull starts
	// again for it; lowered to staff, it goes.
	if lost, gained := roleKinds(involve.RoleStaff, involve.RoleLead); len(lost) != 0 || !gained {
		t.Errorf("staff to lead: loses %v, gains %v; want nothing lost and the register gained", lost, gained)
	}
	if lost, gained := roleKinds(involve.RoleLead, involve.RoleStaff); len(lost) != 1 || lost[0] != involve.EntityPrivacyRequest || gained {
		t.Errorf("lead to staff: loses %v, gains %v; want the register lost", lost, gained)
	}
}

package involve

import "testing"

func TestParseRole(t *testing.T) {
	for _, r := range []Roles{RoleCapture, RoleStaff, RoleLead} {
		got, err := ParseRole(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRole(%q) = %v, %v; want %v", r.String(), got, err, r)
		}
	}
	for _, bad := range []string{"", "Lead", "admin", "staff "} {
		if _, err := ParseRole(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseRole(%q) error = %v, want EINVALID", bad, err)
		}
	}
	if StaffAndLead.String() == "staff" || AnyRole.String() == "" {
		t.Errorf("a set of roles printed as one: %s, %s", StaffAndLead, AnyRole)
	}
}

func TestMayHold(t *testing.T) {
	cases := []struct {
		role       Roles
		entity, of string
		want       bool
	}{
		{RoleCapture, EntityFeedback, "", true},
		{RoleCapture, EntitySession, "", true},
		{RoleCapture, EntityContributor, "", false},
		{RoleCapture, EntityConsent, "", false},
		{RoleCapture, EntityTimeEntry, "", false},
		{RoleCapture, EntityConflict, EntityFeedback, true},
		{RoleCapture, EntityConflict, EntityContributor, false},
		{RoleCapture, EntityConflict, "", false},
		{RoleStaff, EntityContributor, "", true},
		{RoleStaff, EntityConflict, EntityTimeEntry, true},
		{RoleLead, EntityTimeEntry, "", true},
		{RoleLead, "no_such_kind", "", false},
		{RoleStaff, EntityConflict, EntityConflict, false},
	}
	for _, c := range cases {
		if got := MayHold(c.role, c.entity, c.of); got != c.want {
			t.Errorf("MayHold(%s, %s, %q) = %v, want %v", c.role, c.entity, c.of, got, c.want)
		}
	}
}

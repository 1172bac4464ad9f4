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

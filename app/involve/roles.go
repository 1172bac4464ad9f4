package involve

import "fmt"

// The names of the single roles, on the wire (syncapi), on the command line and in
// the laptop's meta table.
const (
	RoleNameCapture = "capture"
	RoleNameStaff   = "staff"
	RoleNameLead    = "lead"
)

// ParseRole returns the single role named s (capture, staff or lead).
func ParseRole(s string) (Roles, error) {
	switch s {
	case RoleNameCapture:
		return RoleCapture, nil
	case RoleNameStaff:
		return RoleStaff, nil
	case RoleNameLead:
		return RoleLead, nil
	}
	return 0, Errorf(EINVALID, "%q is not a device role: use capture, staff or lead", s)
}

// String is the name of a single role ("capture", "staff", "lead"), or the set's bits
// for anything else.
func (s Roles) String() string {
	switch s {
	case RoleCapture:
		return RoleNameCapture
	case RoleStaff:
		return RoleNameStaff
	case RoleLead:
		return RoleNameLead
	}
	return fmt.Sprintf("Roles(%#x)", uint8(s))
}

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

// MayHold reports whether a device of role may hold a record of entity (Kind.HeldBy).
// For a conflict record, of is the entity of the record in conflict: a conflict carries
// that record's values, so it is held by whoever may hold that record. An unknown
// entity may be held by nobody. The server filters pulls and refuses pushes with it;
// a laptop whose role was lowered removes what it no longer may hold.
func MayHold(role Roles, entity, of string) bool {
	k, ok := KindOf(entity)
	if !ok || !k.HeldBy.Has(role) {
		return false
	}
	if entity == EntityConflict {
		return of != EntityConflict && MayHold(role, of, "")
	}
	return true
}

// MayEdit reports whether a device of role may change a record of entity: it may hold
// it, and the kind's EditedBy (when set) includes the role.
func MayEdit(role Roles, entity, of string) bool {
	if !MayHold(role, entity, of) {
		return false
	}
	k, _ := KindOf(entity)
	return k.EditedBy == 0 || k.EditedBy.Has(role)
}

package syncer

import (
	"context"
	"fmt"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncapi"
)

// What the laptop does when the server says its role changed (docs/sync-protocol.md,
// "Device roles"). The server states the role with every pull page and at enrolment;
// the laptop keeps it in its settings. A role that may no longer hold some kinds of
// record (staff lowered to capture) removes every record of those kinds, in the
// transaction that stores the new role. A role that may hold more (capture raised to
// staff) starts the pull again from the beginning, so that the records the server
// left out come down.

// RoleChange is what a change of this laptop's role did.
type RoleChange struct {
	From, To string // role names as stored before and as the server says now ("" = staff)
	// Removed are the records removed (live ones, by entity) and Discarded the changes
	// made here and not yet sent that went with them (lost by design).
	Removed   map[string]int
	Discarded int
	// Restart: the role may hold more kinds now, so the pull starts again from the
	// beginning (the cursor is reset; local records, sync bases and the outbox stay).
	Restart bool
	// Notice says in plain words what happened (also stored: Settings.RoleNotice).
	Notice string
}

// Removed is what Tx.RemoveKinds removed.
type Removed struct {
	Records   map[string]int // live records, by entity
	Discarded int            // outbox entries not accepted by the server yet
}

// roleNamed is the role a stored or stated name stands for: "" is a server before
// roles, which gives every device what staff have.
func roleNamed(name string) (involve.Roles, error) {
	if name == "" {
		return involve.RoleStaff, nil
	}
	return involve.ParseRole(name)
}

// errUnknownRole is a role this version of Involve does not know: nothing is removed
// or applied; the laptop needs a newer Involve.
func errUnknownRole(name string) error {
	return &Error{Op: "pull", Status: 426, API: &syncapi.Error{Code: "unknown_role",
		Message: fmt.Sprintf("the server says this laptop's role is %q, which this version of Involve does not know", name)}}
}

// errRoleFlapping: the server changed this laptop's role back and forth in one sync.
var errRoleFlapping = &Error{Op: "pull", Status: 409, API: &syncapi.Error{Code: syncapi.ECONFLICT,
	Message: "The server changed this laptop's role several times during one sync. Involve will try again"}}

// roleKinds compares what two roles may hold: the kinds (conflicts aside: they follow
// their record) that from may hold and to may not, and whether to may hold a kind
// from may not.
func roleKinds(from, to involve.Roles) (lost []string, gained bool) {
	for _, k := range involve.Kinds() {
		if k.Entity == involve.EntityConflict {
			continue
		}
		a, b := involve.MayHold(from, k.Entity, ""), involve.MayHold(to, k.Entity, "")
		if a && !b {
			lost = append(lost, k.Entity)
		}
		if b && !a {
			gained = true
		}
	}
	return lost, gained
}

// restricted reports whether a role may not hold some kind of record.
func restricted(r involve.Roles) bool {
	lost, _ := roleKinds(involve.RoleStaff, r)
	return len(lost) > 0
}

// changeRole stores the role the server states (to) inside tx and acts on the change
// from the stored one: nil when the role is the same.
func changeRole(tx Tx, to string) (*RoleChange, error) {
	from, err := tx.Role()
	if err != nil {
		return nil, err
	}
	if from == to {
		return nil, nil
	}
	newRole, err := roleNamed(to)
	if err != nil {
		return nil, errUnknownRole(to)
	}
	oldRole, err := roleNamed(from)
	if err != nil {
		oldRole = involve.RoleCapture // a name this version does not know: assume the least
	}
	if oldRole == newRole {
		return nil, tx.SetRole(to, "") // "" and "staff" are the same role
	}
	rc := &RoleChange{From: from, To: to}
	lost, gained := roleKinds(oldRole, newRole)
	if len(lost) > 0 {
		r, err := tx.RemoveKinds(lost)
		if err != nil {
			return nil, err
		}
		rc.Removed, rc.Discarded = r.Records, r.Discarded
	}
	if gained {
		rc.Restart = true
		if err := tx.SaveCursor(""); err != nil {
			return nil, err
		}
	}
	rc.Notice = roleNotice(newRole, lost, gained, rc)
	return rc, tx.SetRole(to, rc.Notice)
}

// compacter is a Store that can rebuild its file (app/store: VACUUM and an emptied
// log), so that records removed for a role leave nothing behind in free pages.
type compacter interface {
	Compact(ctx context.Context) error
}

// compactAfter compacts the store after a change of role removed records; a failure
// is only logged by the caller (the records are gone from every table already).
func compactAfter(ctx context.Context, st Store, rc *RoleChange) error {
	c, ok := st.(compacter)
	if !ok || rc == nil || (len(rc.Removed) == 0 && rc.Discarded == 0) {
		return nil
	}
	return c.Compact(ctx)
}

// kindNames name kinds of record for people, singular and plural.
var kindNames = map[string][2]string{
	involve.EntityContributor: {"Lived Experience Partner", "Lived Experience Partners"},
	involve.EntityConsent:     {"consent record", "consent records"},
	involve.EntityTimeEntry:   {"time entry", "time entries"},
	// a lead's "keep until … because …" (its reason may name a person)
	involve.EntityRetentionHold: {"decision to keep a record longer", "decisions to keep records longer"},
}

func kindName(entity string, n int) string {
	names, ok := kindNames[entity]
	if !ok {
		w := strings.ReplaceAll(entity, "_", " ")
		names = [2]string{w + " record", w + " records"}
	}
	if n == 1 {
		return names[0]
	}
	return names[1]
}

// andList joins words as people do: "a", "a and b", "a, b and c".
func andList(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

// roleNotice says what a role change did, e.g. "This laptop is now enrolled for
// capture. 12 Lived Experience Partners, 12 consent records and 30 time entries were
// removed from it. 3 changes made on this laptop and not yet sent were discarded;
// they cannot be recovered."
func roleNotice(role involve.Roles, lost []string, gained bool, rc *RoleChange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "This laptop is now enrolled for %s.", role)
	if len(lost) > 0 {
		var parts, kinds []string
		total := 0
		for _, e := range lost {
			kinds = append(kinds, kindName(e, 2))
			if n := rc.Removed[e]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, kindName(e, n)))
				total += n
			}
		}
		if total == 0 {
			fmt.Fprintf(&b, " It no longer holds %s; there were none on it.", andList(kinds, "or"))
		} else {
			verb := "were"
			if total == 1 {
				verb = "was"
			}
			fmt.Fprintf(&b, " %s %s removed from it.", andList(parts, "and"), verb)
		}
		switch rc.Discarded {
		case 0:
		case 1:
			b.WriteString(" 1 change made on this laptop and not yet sent was discarded; it cannot be recovered.")
		default:
			fmt.Fprintf(&b, " %d changes made on this laptop and not yet sent were discarded; they cannot be recovered.", rc.Discarded)
		}
	}
	if gained {
		b.WriteString(" The records it may now hold are being received from the server.")
	}
	return b.String()
}

// mayHoldPulled reports whether a device of role may hold a pulled change (a conflict
// goes with the record in conflict; one that cannot be read is not held by a role
// that may not hold everything).
func mayHoldPulled(role involve.Roles, p *pulled) bool {
	of := ""
	if cf, ok := p.rec.(*involve.Conflict); ok && p.err == nil {
		of = cf.Entity
	}
	return involve.MayHold(role, p.c.Entity, of)
}

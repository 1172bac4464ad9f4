package server

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Device roles (DESIGN §7, docs/server.md): every device is enrolled as capture, staff
// or lead, and the server, not the laptop, keeps each to what its role allows.
//   - A pull sends only the records the device's role may hold (involve.MayHold); the
//     cursor still moves past the others, so a page may hold fewer changes than the
//     limit, or none, and still say more.
//   - A push of a record the role may not hold is refused, change by change.
//   - Only a lead device may approve a time entry or mark it paid.
//   - Only a lead device may change the retention schedule or keep a record past it,
//     or erase a record (the kinds whose involve.Kind.EditedBy is RoleLead).
//   - Only a lead device may download the team's reports.
// The role is read from the device's row at every request (authed), so a change made
// with involve-server device set-role applies from the device's next request.

// deviceRole is the device's role. A role the server cannot read (the database's CHECK
// constraint allows none) counts as capture, the role that holds least.
func deviceRole(dev serverstore.Device) involve.Roles {
	r, err := involve.ParseRole(dev.Role)
	if err != nil {
		return involve.RoleCapture
	}
	return r
}

// holdFilter says which records of a pull a role may hold, from the kinds'
// declarations: a map lookup by entity, and for conflict records a read of the entity
// they are about.
type holdFilter struct {
	role  involve.Roles
	all   bool            // the role may hold every kind: nothing to check
	holds map[string]bool // entity -> may hold (conflicts are decided one by one)
}

// holdFilters are made once, one per role.
var holdFilters = func() map[involve.Roles]*holdFilter {
	out := map[involve.Roles]*holdFilter{}
	for _, role := range []involve.Roles{involve.RoleCapture, involve.RoleStaff, involve.RoleLead} {
		f := &holdFilter{role: role, all: true, holds: map[string]bool{}}
		for _, k := range involve.Kinds() {
			f.holds[k.Entity] = k.HeldBy.Has(role)
			if !k.HeldBy.Has(role) {
				f.all = false
			}
		}
		out[role] = f
	}
	return out
}()

// filterFor is the pull filter of a device's role.
func filterFor(dev serverstore.Device) *holdFilter { return holdFilters[deviceRole(dev)] }

// mayHold reports whether the role may hold a stored record (entity and state as the
// store returns them). Only a conflict record's state is read: it is held where the
// record it is about may be held.
func (f *holdFilter) mayHold(entity, state []byte) bool {
	if f.all {
		return true
	}
	if string(entity) != involve.EntityConflict {
		return f.holds[string(entity)]
	}
	return involve.MayHold(f.role, involve.EntityConflict, conflictEntity(state))
}

// conflictEntity is the entity of the record a conflict record is about ("" when the
// state cannot be read: such a conflict is held by nobody).
func conflictEntity(state []byte) string {
	var c struct {
		Entity string `json:"entity"`
	}
	if json.Unmarshal(state, &c) != nil {
		return ""
	}
	return c.Entity
}

// roleRefusal refuses a pushed change of a record the device's role may not hold: a
// kind the role may not hold at all first, whatever its state (DecodePushAs did not
// decode it); otherwise a change already refused by decoding keeps its own reason.
func roleRefusal(dev serverstore.Device, c *PushChange) *syncapi.Error {
	role := deviceRole(dev)
	if c.roleRefused {
		return roleRefusalFor(role, c.Entity, "")
	}
	if c.Reject != nil {
		return nil
	}
	of := ""
	if cf, ok := c.Record.(*involve.Conflict); ok {
		of = cf.Entity
	}
	if !involve.MayHold(role, c.Entity, of) {
		return roleRefusalFor(role, c.Entity, of)
	}
	if !involve.MayEdit(role, c.Entity, of) {
		if c.Entity == involve.EntityErasure {
			return errorf(syncapi.EFORBIDDEN, "Only a lead laptop may erase a Lived Experience Partner or a comment; this laptop is enrolled for %s. "+
				"Ask your team's lead to erase it.", role)
		}
		if c.Entity == involve.EntityStandardsAssessment {
			return errorf(syncapi.EFORBIDDEN, "Only a lead laptop may rate the team against the UK Standards; this laptop is enrolled for %s. "+
				"Ask your team's lead to change it.", role)
		}
		return editRefusalFor(role)
	}
	return nil
}

// editRefusalFor is the answer to a change of a kind only a lead may change (the
// retention schedule and its holds: involve.Kind.EditedBy), whatever the change is
// (a new record, an edit or a deletion).
func editRefusalFor(role involve.Roles) *syncapi.Error {
	return errorf(syncapi.EFORBIDDEN, "Only a lead laptop may change how long records are kept; this laptop is enrolled for %s. "+
		"Ask your team's lead to change it.", role)
}

// roleRefusalFor is the answer to a change of a record a role may not hold: a record
// of entity (of: the entity a conflict is about).
func roleRefusalFor(role involve.Roles, entity, of string) *syncapi.Error {
	if entity == involve.EntityConflict {
		entity = of
	}
	if k, ok := involve.KindOf(entity); ok && k.HeldBy == involve.LeadOnly {
		return errorf(syncapi.EFORBIDDEN, "This laptop is enrolled for %s: only a lead laptop keeps the register of requests. "+
			"Record the request on your team's lead laptop, or ask an administrator to change this laptop's role (involve-server device set-role).", role)
	}
	return errorf(syncapi.EFORBIDDEN, "This laptop is enrolled for %s: it may not hold Lived Experience Partners' details, consent records "+
		"or time entries. Enter them on a staff laptop, or ask an administrator to change this laptop's role (involve-server device set-role).", role)
}

// checkStored judges a change against the record as stored, once the push has read
// it: a conflict record about a kind the role may not hold is refused whatever the
// pushed state says it is about (a merge would answer with the stored values), and a
// time entry's payment dates are a lead's to change (checkPayment).
func (p *pusher) checkStored(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (*syncapi.Error, error) {
	if found && cur.Entity == involve.EntityConflict && !filterFor(p.dev).mayHold([]byte(cur.Entity), cur.State) {
		return roleRefusalFor(deviceRole(p.dev), involve.EntityConflict, conflictEntity(cur.State)), nil
	}
	return p.checkPayment(ctx, c, cur, found)
}

// paymentFields are the fields of a time entry that only a lead may change: approving
// the claim and marking it paid.
type paymentFields struct {
	ApprovedOn string `json:"approvedOn"`
	PaidOn     string `json:"paidOn"`
}

// checkPayment refuses a time entry change from a device that is not a lead when the
// device changed its approval or payment date. What the device changed is judged
// against the state its change was made from (its base revision, as the merge reads
// it; the stored state when that is unknown): a staff laptop may edit other fields of
// an approved entry, and its push carries the approval it pulled. When the device
// left the dates as they were in its base, the merge keeps the server's dates, so
// nothing a staff device sends can set or clear them.
func (p *pusher) checkPayment(ctx context.Context, c *PushChange, cur serverstore.Record, found bool) (*syncapi.Error, error) {
	role := deviceRole(p.dev)
	te, ok := c.Record.(*involve.TimeEntry)
	if !ok || role.Has(involve.RoleLead) {
		return nil, nil
	}
	var base paymentFields
	if found {
		from := cur.State
		if c.BaseRev != cur.Rev && c.BaseRev > 0 {
			rv, ok, err := p.tx.GetRevision(ctx, p.team, c.RecordID, c.BaseRev)
			if err != nil {
				return nil, err
			}
			if ok {
				from = rv.State
			}
		}
		if err := json.Unmarshal(from, &base); err != nil {
			return nil, fmt.Errorf("time entry %s: %w", c.RecordID, err)
		}
	}
	if te.ApprovedOn == base.ApprovedOn && te.PaidOn == base.PaidOn {
		return nil, nil
	}
	return errorf(syncapi.EFORBIDDEN, "Only a lead laptop may approve a time entry or mark it paid; this laptop is enrolled for %s. "+
		"Ask your team's lead to approve it and record the payment.", role), nil
}

// reportRefusal refuses a report download from a device that is not a lead.
func reportRefusal(dev serverstore.Device) error {
	if role := deviceRole(dev); !role.Has(involve.RoleLead) {
		return errorf(syncapi.EFORBIDDEN, "Only a lead laptop may download the team's reports; this laptop is enrolled for %s. "+
			"Ask an administrator to change its role (involve-server device set-role) if it should.", role)
	}
	return nil
}

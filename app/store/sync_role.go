package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// The device's role on the laptop, storage only: the role kept with the connection
// (meta sync_role), what its last change did (sync_role_notice), the removal of every
// record of the kinds a lowered role may no longer hold (syncer decides which, in
// role.go), and the refusal of local changes the role may not make.

const (
	keyRoleNotice    = "sync_role_notice"     // what the last change of role did, for people
	keyRoleChangedAt = "sync_role_changed_at" // when
)

// Role is the device's role as stored ("" before roles or before connecting).
func (t *syncTx) Role() (string, error) { return getMeta(t.ctx, t.tx, keyRole) }

// SetRole stores the device's role and, unless notice is "", what changing to it did.
func (t *syncTx) SetRole(role, notice string) error {
	if role == "" {
		if err := deleteMeta(t.ctx, t.tx, keyRole); err != nil {
			return err
		}
	} else if err := setMeta(t.ctx, t.tx, keyRole, role); err != nil {
		return err
	}
	if notice == "" {
		return nil
	}
	return setMeta(t.ctx, t.tx, keyRoleNotice, notice, keyRoleChangedAt, involve.FormatTime(t.db.Now()))
}

// RemoveKinds removes every record of the entities (syncer.Tx): records, search index
// rows, outbox entries, sync bases and conflicts about them. The removed rows' bytes
// are overwritten, not only unlinked: secure deletion is on for every connection of
// the laptop's database (sqliteOptions).
func (t *syncTx) RemoveKinds(entities []string) (syncer.Removed, error) {
	out := syncer.Removed{Records: map[string]int{}}
	if len(entities) == 0 {
		return out, nil
	}
	for _, e := range entities {
		if tableOf(e) == "" || e == involve.EntityConflict {
			return out, fmt.Errorf("store: cannot remove records of %q", e)
		}
	}
	buf, _ := json.Marshal(entities)
	list := string(buf)
	// A conflict goes with the record in conflict; its outbox entries and sync base
	// carry that record's entity in their state.
	const ofLost = `(entity IN (SELECT value FROM json_each(?1)) OR (entity = 'conflict' AND json_valid(state)
		AND state ->> '$.entity' IN (SELECT value FROM json_each(?1))))`
	// import entries of sessions or feedback go as outbox entries (outbox_import.go)
	if slices.ContainsFunc(entities, lightEntity) {
		if err := materialiseAll(t.ctx, t.tx); err != nil {
			return out, err
		}
	}
	if err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM outbox WHERE status = 'pending' AND `+ofLost, list).
		Scan(&out.Discarded); err != nil {
		return out, err
	}
	for _, e := range entities {
		n, err := t.removeTable(e)
		if err != nil {
			return out, err
		}
		out.Records[e] = n
	}
	for _, q := range []string{
		`DELETE FROM outbox WHERE ` + ofLost,
		`DELETE FROM sync_base WHERE ` + ofLost,
		`DELETE FROM conflicts WHERE entity IN (SELECT value FROM json_each(?1))`,
	} {
		if _, err := t.tx.ExecContext(t.ctx, q, list); err != nil {
			return out, err
		}
	}
	return out, nil
}

// removeTable deletes every record of entity (with its search index rows) and says
// how many live ones there were.
func (t *syncTx) removeTable(entity string) (int, error) {
	table := tableOf(entity)
	where, args := "", []any{}
	if table == involve.DocTable {
		where, args = " WHERE entity = ?", []any{entity}
	}
	var n int
	if err := t.tx.QueryRowContext(t.ctx, `SELECT count(*) FROM `+table+where+
		andOrWhere(where)+`deleted_at IS NULL`, args...).Scan(&n); err != nil {
		return 0, err
	}
	// Index rows (search.go, search_docs.go): their words leave the vocabulary too.
	if src, ok := indexSourceOf(table, entity); ok {
		cond := "true"
		if where != "" {
			cond = "entity = ?"
		}
		if err := dropIndexRows(t.ctx, t.tx, src, cond, args...); err != nil {
			return 0, err
		}
	}
	_, err := t.tx.ExecContext(t.ctx, `DELETE FROM `+table+where, args...)
	return n, err
}

func andOrWhere(where string) string {
	if where == "" {
		return " WHERE "
	}
	return " AND "
}

// localRole is the role this laptop's own changes are checked against: the stored
// one, staff when none is stored (not connected, or a server before roles). A name
// this version does not know counts as capture.
func localRole(ctx context.Context, q queryer) (involve.Roles, string, error) {
	name, err := getMeta(ctx, q, keyRole)
	if err != nil || name == "" {
		return involve.RoleStaff, name, err
	}
	r, err := involve.ParseRole(name)
	if err != nil {
		return involve.RoleCapture, name, nil
	}
	return r, name, nil
}

// checkLocalWrite refuses a local change of a record this laptop's role may not hold
// (a capture laptop and a Lived Experience Partner): the server would refuse it, and
// the laptop must not hold it. state is the record (a conflict's names its record).
func checkLocalWrite(ctx context.Context, q queryer, entity string, state any) error {
	k, ok := involve.KindOf(entity)
	if ok && k.HeldBy == involve.AnyRole && k.EditedBy == 0 && entity != involve.EntityConflict {
		return nil // every role may hold and change it: no need to look
	}
	of := ""
	if c, ok := state.(*involve.Conflict); ok {
		of = c.Entity
	}
	role, name, err := localRole(ctx, q)
	if err != nil {
		return err
	}
	if !involve.MayHold(role, entity, of) {
		return errRoleForbids(name, entity, of)
	}
	if !involve.MayEdit(role, entity, of) {
		return errRoleMayNotEdit(name, entity)
	}
	return nil
}

// errRoleMayNotEdit is the refusal of a change of a kind only a lead may change (the
// retention schedule and its holds, benchmark populations, the UK Standards
// self-assessment): the server would refuse it too. A laptop not
// connected to a server counts as staff (localRole).
func errRoleMayNotEdit(role, entity string) error {
	what := "change how long records are kept"
	switch entity {
	case involve.EntityBenchmarkPopulation:
		what = "import or delete a benchmark population"
	case involve.EntityStandardsAssessment:
		what = "rate the team against the UK Standards"
	}
	if role == "" {
		return involve.Errorf(involve.EFORBIDDEN, "Only a lead laptop may %s; this laptop is not "+
			"connected to a team's server, so it counts as staff. Connect it as a lead laptop; nothing was saved.", what)
	}
	return involve.Errorf(involve.EFORBIDDEN, "Only a lead laptop may %s; this laptop is enrolled for %s. "+
		"Ask your team's lead to do it; nothing was saved.", what, role)
}

// errRoleForbids is the refusal of a change the role may not make.
func errRoleForbids(role, entity, of string) error {
	if entity == involve.EntityConflict {
		entity = of
	}
	if k, ok := involve.KindOf(entity); ok && k.HeldBy == involve.LeadOnly {
		return involve.Errorf(involve.EFORBIDDEN, "Only a lead’s laptop keeps the register of requests, and this laptop is %s. "+
			"Record the request on your team’s lead laptop; nothing was saved.", enrolledAs(role))
	}
	what := map[string]string{involve.EntityContributor: "Lived Experience Partners",
		involve.EntityConsent: "consent records", involve.EntityTimeEntry: "time entries"}[entity]
	if what == "" {
		what = strings.ReplaceAll(entity, "_", " ") + " records"
	}
	return involve.Errorf(involve.EFORBIDDEN, "This laptop is enrolled for %s, so it cannot hold %s. "+
		"Record them on a staff laptop; nothing was saved.", role, what)
}

// enrolledAs says how the laptop is enrolled, for a refusal: "enrolled for staff", or
// "not enrolled with a server" before it connects.
func enrolledAs(role string) string {
	if role == "" {
		return "not enrolled with a server as a lead"
	}
	return "enrolled for " + role
}

var _ queryer = (*sql.Tx)(nil)

// Compact rebuilds the database file (VACUUM) and empties its write-ahead log
// (checkpoint, truncate), so that nothing deleted before lingers in free pages or in
// the log: after a role's removal, the removed records' earlier versions (outbox
// entries sent before, replaced sync bases) are gone from the file too. Backups made
// before are not touched.
func (db *DB) Compact(ctx context.Context) error {
	if _, err := db.writer.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("compacting the database: %w", err)
	}
	var busy, logged, done int
	if err := db.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil {
		return fmt.Errorf("compacting the database: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("compacting the database: the write-ahead log is in use; it is emptied at the next checkpoint")
	}
	return nil
}

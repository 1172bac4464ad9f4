package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/involve"
)

// sweepTx applies fn to every sealed field value stored anywhere in the database:
// the records of the sealed kinds (their titles worked out again from the result), the
// outbox entries and sync bases of those records and of conflicts, and the conflicts
// about sealed fields. Unlock seals plain values with it; InstallTeamKey seals again
// with the team's key. It says how many rows changed.
func sweepTx(ctx context.Context, tx *sql.Tx, fn valueFn) (int, error) {
	type row struct {
		key1, key2 any
		entity, id string
		state      string
	}
	read := func(q string, args ...any) ([]row, error) {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.key1, &r.key2, &r.entity, &r.id, &r.state); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	changed := 0
	// sealed records, with their titles
	docs, err := read(`SELECT pk, '', entity, id, state FROM docs WHERE entity IN (SELECT value FROM json_each(?))`, sealedKinds)
	if err != nil {
		return 0, err
	}
	for _, r := range docs {
		ns, ch, err := applyState(r.entity, r.id, []byte(r.state), fn)
		if err != nil {
			return 0, errSweep(r.entity, r.id, err)
		}
		if !ch {
			continue
		}
		d, err := involve.DecodeDoc(r.entity, ns)
		if err != nil {
			return 0, errSweep(r.entity, r.id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE docs SET state = ?, title = ? WHERE pk = ?`, string(ns), d.Title(), r.key1); err != nil {
			return 0, err
		}
		changed++
	}
	// outbox entries and sync bases of sealed records and of conflicts
	for _, t := range []struct {
		sel, upd string
		twoKeys  bool
	}{
		{`SELECT seq, '', entity, record_id, state FROM outbox`, `UPDATE outbox SET state = ? WHERE seq = ?`, false},
		{`SELECT entity, record_id, entity, record_id, state FROM sync_base`, `UPDATE sync_base SET state = ? WHERE entity = ? AND record_id = ?`, true},
	} {
		rows, err := read(t.sel+` WHERE entity = 'conflict' OR entity IN (SELECT value FROM json_each(?))`, sealedKinds)
		if err != nil {
			return 0, err
		}
		for _, r := range rows {
			ns, ch, err := applyState(r.entity, r.id, []byte(r.state), fn)
			var ie *involve.Error
			if err != nil && t.twoKeys && !errors.As(err, &ie) {
				// a sync base that is not a state of its kind (received so, from an older
				// version): it is only a copy of the server's, kept empty
				ns, ch, err = []byte("{}"), true, nil
			}
			if err != nil {
				return 0, errSweep(r.entity, r.id, err)
			}
			if !ch {
				continue
			}
			args := []any{string(ns), r.key1}
			if t.twoKeys {
				args = append(args, r.key2)
			}
			if _, err := tx.ExecContext(ctx, t.upd, args...); err != nil {
				return 0, err
			}
			changed++
		}
	}
	// conflicts about sealed fields
	crow, err := tx.QueryContext(ctx, `SELECT `+conflictCols+` FROM conflicts c WHERE c.entity IN (SELECT value FROM json_each(?))`, sealedKinds)
	if err != nil {
		return 0, err
	}
	var conflicts []involve.Conflict
	for crow.Next() {
		c, err := scanConflict(crow)
		if err != nil {
			crow.Close()
			return 0, err
		}
		conflicts = append(conflicts, c)
	}
	crow.Close()
	if err := crow.Err(); err != nil {
		return 0, err
	}
	for i := range conflicts {
		c := &conflicts[i]
		ch, err := applyConflict(c, fn)
		if err != nil {
			return 0, errSweep(involve.EntityConflict, c.ID, err)
		}
		if !ch {
			continue
		}
		if err := putConflict(ctx, tx, c); err != nil {
			return 0, err
		}
		changed++
	}
	return changed, nil
}

func errSweep(entity, id string, err error) error {
	if involve.ErrorCode(err) != "" && involve.ErrorCode(err) != involve.EINTERNAL {
		return err
	}
	return involve.Errorf(involve.EINTERNAL, "The %s record %s could not be sealed: %v", entity, id, err)
}

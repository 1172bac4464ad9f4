package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/syncer"
)

// Purging deleted records on the laptop (docs/sync-protocol.md "Purging deleted
// records"): the records a pull lists as purged by the server (RemovePurged, in the
// page's transaction), and the laptop's own tombstones past the team's period that
// the server already has (PurgeTombstones, after each sync and at open). Removed rows'
// bytes are overwritten (secure deletion is on), and the write-ahead log is emptied
// after a purge.

// RemovePurged removes records the server purged (syncer.PurgeTx).
func (t *syncTx) RemovePurged(keys []syncer.Key, reason string) (int, int, error) {
	return removeRecords(t.ctx, t.tx, keys, reason)
}

// removeRecords removes each record and those on this laptop that belong to it (a
// session's feedback, a project's sessions, a doc's children): the row, its search
// index row, its sync base, the conflicts about it with their outbox entries and sync
// bases. Its waiting changes are marked rejected with reason; with reason "" they are
// deleted. It returns how many rows were removed and changes rejected.
func removeRecords(ctx context.Context, tx *sql.Tx, keys []syncer.Key, reason string) (removed, rejected int, err error) {
	all, err := withChildren(ctx, tx, keys)
	if err != nil {
		return 0, 0, err
	}
	exec := func(q string, args ...any) (int, error) {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return 0, err
		}
		n, err := res.RowsAffected()
		return int(n), err
	}
	indexed := false
	for _, k := range all {
		table := tableOf(k.Entity)
		if table == "" {
			continue
		}
		// its import entry becomes an outbox entry, found below (outbox_import.go)
		if err := materialiseRecord(ctx, tx, k.Entity, k.ID); err != nil {
			return 0, 0, err
		}
		// Index rows (search.go, search_docs.go): their words leave the vocabulary with them.
		src, indexedKind := indexSourceOf(table, k.Entity)
		if reason != "" {
			// its light entries are kept (rejected): with the state they had (outbox_light.go)
			if err := fillLightRecord(ctx, tx, k.Entity, k.ID); err != nil {
				return 0, 0, err
			}
		}
		if indexedKind {
			indexed = true
			if err := dropIndexRows(ctx, tx, src, `id = ?`, k.ID); err != nil {
				return 0, 0, err
			}
		}
		n, err := exec(`DELETE FROM `+table+` WHERE id = ?`, k.ID)
		if err != nil {
			return 0, 0, err
		}
		removed += n
		if k.Entity != involve.EntityConflict {
			const about = `(SELECT id FROM conflicts WHERE entity = ? AND record_id = ?)`
			for _, q := range []string{
				`DELETE FROM outbox WHERE entity = 'conflict' AND record_id IN ` + about,
				`DELETE FROM sync_base WHERE entity = 'conflict' AND record_id IN ` + about,
				`DELETE FROM conflicts WHERE id IN ` + about,
			} {
				if _, err := exec(q, k.Entity, k.ID); err != nil {
					return 0, 0, err
				}
			}
		}
		if reason == "" {
			_, err = exec(`DELETE FROM outbox WHERE entity = ? AND record_id = ? AND status = 'pending'`, k.Entity, k.ID)
		} else {
			n, err = exec(`UPDATE outbox SET status = 'rejected', error = ?, `+keepChangeIDSQL+` WHERE entity = ? AND record_id = ? AND status = 'pending'`,
				reason, k.Entity, k.ID)
			rejected += n
		}
		if err != nil {
			return 0, 0, err
		}
		if _, err := exec(`DELETE FROM sync_base WHERE entity = ? AND record_id = ?`, k.Entity, k.ID); err != nil {
			return 0, 0, err
		}
	}
	if indexed && removed > 0 {
		// A record's words stay in the search index's older segments after its row is
		// deleted (when the record was deleted, or now) until they are merged: merge
		// them all, so that the freed pages are overwritten; and the logged changes of
		// its word list are applied (search_words.go).
		if _, err := exec(`INSERT INTO search(search) VALUES ('optimize')`); err != nil {
			return 0, 0, fmt.Errorf("merge the search index after a purge: %w", err)
		}
		if err := applySearchWordsLog(ctx, tx); err != nil {
			return 0, 0, err
		}
	}
	return removed, rejected, nil
}

// childrenSQL lists every record that belongs to another on this laptop: parent id,
// then the record's entity and id.
const childrenSQL = `SELECT session_id, 'feedback', id FROM feedback
	UNION ALL SELECT project_id, 'session', id FROM sessions WHERE coalesce(project_id, '') != ''
	UNION ALL SELECT parent_id, entity, id FROM docs WHERE parent_id != ''`

// children maps each record id to the records that belong to it.
func children(ctx context.Context, tx *sql.Tx) (map[string][]syncer.Key, error) {
	rows, err := tx.QueryContext(ctx, childrenSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]syncer.Key{}
	for rows.Next() {
		var parent string
		var k syncer.Key
		if err := rows.Scan(&parent, &k.Entity, &k.ID); err != nil {
			return nil, err
		}
		out[parent] = append(out[parent], k)
	}
	return out, rows.Err()
}

// withChildren is keys and, recursively, the records that belong to them.
func withChildren(ctx context.Context, tx *sql.Tx, keys []syncer.Key) ([]syncer.Key, error) {
	kids, err := children(ctx, tx)
	if err != nil {
		return nil, err
	}
	seen := map[syncer.Key]bool{}
	var out []syncer.Key
	var add func(k syncer.Key)
	add = func(k syncer.Key) {
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, k)
		for _, c := range kids[k.ID] {
			add(c)
		}
	}
	for _, k := range keys {
		add(k)
	}
	return out, nil
}

// PurgeTombstones removes the laptop's tombstones whose period for deleted records
// (the team's rule, or the default) has passed on now's date and that no retention
// hold keeps, once the server has them: no change of theirs waits to be sent and their
// sync base is at their revision. A laptop that has never synced (no server, no
// cursor) has nobody to tell: its tombstones go with the changes waiting for them. A
// tombstone something on the laptop still belongs to waits for it. It returns how
// many records were removed; the write-ahead log is emptied after.
func (db *DB) PurgeTombstones(ctx context.Context, now time.Time) (int, error) {
	today := now.UTC().Format(time.DateOnly)
	removed := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rules, err := db.effectiveRules(ctx, tx)
		if err != nil {
			return err
		}
		var holds []*involve.RetentionHold
		if err := eachDoc(ctx, tx, involve.EntityRetentionHold, "", false, func(d involve.Doc) error {
			holds = append(holds, d.(*involve.RetentionHold))
			return nil
		}); err != nil {
			return err
		}
		held := involve.HeldRecords(holds, today)
		server, err := getMeta(ctx, tx, keyServerURL)
		if err != nil {
			return err
		}
		cursor, err := getMeta(ctx, tx, keyCursor)
		if err != nil {
			return err
		}
		never := server == "" && cursor == ""
		due := map[syncer.Key]bool{}
		for _, table := range []string{"themes", "projects", "sessions", "feedback", involve.DocTable, "conflicts"} {
			entity := map[string]string{"themes": involve.EntityTheme, "projects": involve.EntityProject, "sessions": involve.EntitySession,
				"feedback": involve.EntityFeedback, "conflicts": involve.EntityConflict}[table]
			entityCol := "'" + entity + "'"
			if table == involve.DocTable {
				entityCol = "t.entity"
			}
			q := `SELECT ` + entityCol + `, t.id, t.deleted_at FROM ` + table + ` t WHERE t.deleted_at IS NOT NULL`
			if !never && (table == "sessions" || table == "feedback") {
				// nor one an import entry waits for (outbox_import.go)
				q += ` AND NOT EXISTS (SELECT 1 FROM outbox_import i WHERE i.rec = ` + importRecSQL(table, "t") + `)`
			}
			if !never {
				q += ` AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = ` + entityCol + ` AND o.record_id = t.id AND o.status = 'pending')
					AND (EXISTS (SELECT 1 FROM sync_base b WHERE b.entity = ` + entityCol + ` AND b.record_id = t.id AND b.rev = t.rev AND b.parked = 0)`
				if table == "feedback" { // or its row is its light base (sync_base_implied.go)
					q += ` OR ` + impliedBaseSQL("t")
				}
				q += `)`
			}
			if err := func() error {
				rows, err := tx.QueryContext(ctx, q)
				if err != nil {
					return fmt.Errorf("purge %s: %w", table, err)
				}
				defer rows.Close()
				for rows.Next() {
					var k syncer.Key
					var deletedAt string
					if err := rows.Scan(&k.Entity, &k.ID, &deletedAt); err != nil {
						return err
					}
					if involve.PurgeDue(rules, deletedAt, today) && !held[[2]string{k.Entity, k.ID}] {
						due[k] = true
					}
				}
				return rows.Err()
			}(); err != nil {
				return err
			}
		}
		if len(due) == 0 {
			return nil
		}
		kids, err := children(ctx, tx)
		if err != nil {
			return err
		}
		for changed := true; changed; {
			changed = false
			for k := range due {
				for _, c := range kids[k.ID] {
					if !due[c] {
						delete(due, k)
						changed = true
						break
					}
				}
			}
		}
		keys := make([]syncer.Key, 0, len(due))
		for k := range due {
			keys = append(keys, k)
		}
		removed, _, err = removeRecords(ctx, tx, keys, "")
		return err
	})
	if err != nil || removed == 0 {
		return removed, err
	}
	return removed, db.EmptyLog(ctx)
}

// EmptyLog copies the write-ahead log into the database and empties it (a checkpoint
// that truncates it), so that earlier versions of removed records do not stay in it
// (syncer: after a pull that removed purged records).
func (db *DB) EmptyLog(ctx context.Context) error {
	var busy, logged, done int
	if err := db.writer.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &done); err != nil {
		return fmt.Errorf("emptying the write-ahead log after a purge: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("emptying the write-ahead log after a purge: the log is in use; it is emptied at the next checkpoint")
	}
	return nil
}

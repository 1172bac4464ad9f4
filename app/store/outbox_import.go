package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/hin-south-london/involve/app/involve"
)

// An import's light entries wait in a narrow table (migration 0012, docs/decisions.md):
// outbox_import(seq, rec, base_rev, change_id) names the record by its row (rec:
// sessions.pk*2+1, feedback.pk*2) and holds a position in the outbox (seq, outbox.seq's
// numbering). Such an entry is the light entry (outbox_light.go) it stands for: entity
// and id are its row's, its revision the row's (the row has not changed since: before it
// does, the entry is moved, see freezeLight), its state the row's.
//
// Take takes an import entry where it is (migration 0015): it gives it its change id
// there, which is also its sent mark (an entry is given its id in the transaction that
// marks it sent), and an answer removes it from there (Remove, by seq and change id). It
// is moved into the outbox (materialise), with its seq, its change id and its sent mark,
// before anything looks a record's entries up by record (enqueue's folding,
// freezeLight, fillLightRecord, Waiting, RebaseUnsent, a purge, RemoveKinds) or marks it
// rejected (Reject); from then on it is an ordinary light entry. Readers that only count
// or list the waiting changes read both tables (PendingChanges, OutboxCounts,
// SyncStatus, MaxOutboxSeq, Take).

// importedRec is the outbox_import key of a light entity's row.
func importedRec(entity string) string {
	if entity == involve.EntitySession {
		return `(SELECT pk*2 + 1 FROM sessions WHERE id = ?)`
	}
	return `(SELECT pk*2 FROM feedback WHERE id = ?)`
}

// materialiseSQL moves the outbox_import entries that cond (on outbox_import i) selects
// into the outbox as light entries, a taken one with its change id and marked sent (at
// an unknown time: empty). A row that is gone would leave record_id NULL: the insert fails
// rather than losing the change.
const materialiseSQL = `INSERT INTO outbox(seq, change_id, entity, record_id, base_rev, rev, state, created_at, updated_at, sent_at)
	SELECT i.seq, i.change_id, iif(i.rec & 1, 'session', 'feedback'), iif(i.rec & 1, s.id, f.id), i.base_rev, iif(i.rec & 1, s.rev, f.rev),
		'', '', '', iif(i.change_id IS NULL, NULL, '')
	FROM outbox_import i LEFT JOIN sessions s ON i.rec & 1 = 1 AND s.pk = i.rec >> 1
	LEFT JOIN feedback f ON i.rec & 1 = 0 AND f.pk = i.rec >> 1 WHERE `

// materialise moves the entries cond selects (see materialiseSQL) into the outbox.
func materialise(ctx context.Context, tx *sql.Tx, cond string, args ...any) error {
	res, err := tx.ExecContext(ctx, materialiseSQL+cond+` ORDER BY i.seq`, args...)
	if err != nil {
		if noImportTable(err) {
			return nil
		}
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM outbox_import AS i WHERE `+cond, args...)
	return err
}

// noImportTable says err is that of a database held at a version before outbox_import
// (Options.MaxVersion): it has no import entries.
func noImportTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: outbox_import")
}

// importRecSQL is the outbox_import key (rec) of the row alias of table (sessions or
// feedback) as SQL: the search index's numbering (sessionRow, feedbackRow).
func importRecSQL(table, alias string) string {
	if table == "sessions" {
		return alias + ".pk*2 + 1"
	}
	return alias + ".pk*2"
}

// materialiseRecord moves a record's import entry, if it has one, into the outbox.
func materialiseRecord(ctx context.Context, tx *sql.Tx, entity, id string) error {
	if !lightEntity(entity) {
		return nil
	}
	return materialise(ctx, tx, `i.rec = `+importedRec(entity), id)
}

// materialiseAll moves every import entry into the outbox (rare, bulk changes: the
// removal of whole kinds).
func materialiseAll(ctx context.Context, tx *sql.Tx) error {
	return materialise(ctx, tx, `1`)
}

// importedPendingSQL lists the import entries as the outbox's pending rows (seq,
// change_id, entity, record_id, base_rev, rev, state, status, error), for readers of
// both tables.
const importedPendingSQL = `SELECT i.seq, coalesce(i.change_id, ''), 'session', s.id, i.base_rev, s.rev, '', 'pending', ''
		FROM outbox_import i JOIN sessions s ON s.pk = i.rec >> 1 WHERE i.rec & 1 = 1
	UNION ALL SELECT i.seq, coalesce(i.change_id, ''), 'feedback', f.id, i.base_rev, f.rev, '', 'pending', ''
		FROM outbox_import i JOIN feedback f ON f.pk = i.rec >> 1 WHERE i.rec & 1 = 0`

// importedMaxRevSQL is the newest revision an import entry stands for (its row's).
const importedMaxRevSQL = `max(coalesce((SELECT max(rev) FROM sessions WHERE pk IN (SELECT rec >> 1 FROM outbox_import WHERE rec & 1 = 1)), 0),
	coalesce((SELECT max(rev) FROM feedback WHERE pk IN (SELECT rec >> 1 FROM outbox_import WHERE rec & 1 = 0)), 0))`

// importSeqs hands out outbox positions to an import's entries: every entry it writes
// (import entries and ordinary ones) gets the next one explicitly, and the outbox's
// AUTOINCREMENT counter is moved past the last before the import commits.
type importSeqs struct {
	next int64
}

// start reads the first free position.
func (q *importSeqs) start(ctx context.Context, tx *sql.Tx) error {
	return tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
		coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT max(seq) FROM outbox_import), 0)) + 1`).Scan(&q.next)
}

// take is the next position.
func (q *importSeqs) take() int64 { q.next++; return q.next - 1 }

// finish moves the outbox's counter past every position handed out.
func (q *importSeqs) finish(ctx context.Context, tx *sql.Tx) error {
	last := q.next - 1
	res, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'outbox' AND seq < ?1`, last)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 || last <= 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sqlite_sequence(name, seq) SELECT 'outbox', ?1
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')`, last)
	return err
}

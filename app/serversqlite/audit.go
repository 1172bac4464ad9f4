package serversqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

const insertAudit = "INSERT INTO audit(at, team_id, device_id, action, detail, seq, hash) VALUES (?, ?, ?, ?, ?, ?, ?)"

const auditColumns = "at, team_id, device_id, action, detail, seq, hash"

// Audit adds a line to the audit log, chained to the line before (appendAudit).
func (s *Store) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return appendAudit(ctx, tx, e) })
}

// appendAudit appends e to the hash chain inside a write transaction. SQLite has one
// writer, so nothing else appends between reading the last entry and committing.
func appendAudit(ctx context.Context, tx *sql.Tx, e serverstore.AuditEntry) error {
	seq, hash, err := sealAudit(ctx, tx)
	if err != nil {
		return err
	}
	seq++
	_, err = tx.ExecContext(ctx, insertAudit, formatTime(e.At), e.TeamID, e.DeviceID, e.Action, e.Detail,
		seq, serverstore.ChainHash(hash, seq, e))
	return err
}

// sealBatch is how many unchained entries sealAudit reads at a time.
const sealBatch = 1000

// sealAudit returns the number and hash of the log's last entry, first chaining, in
// the order they were written, the entries at the end of the log that have no hash
// (written before the chain existed, or by an older server): in the usual case it
// reads one row. An entry without a hash before a chained one is left as it is:
// VerifyAudit reports it.
func sealAudit(ctx context.Context, tx *sql.Tx) (int64, string, error) {
	var seq sql.NullInt64
	var hash sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit ORDER BY pk DESC LIMIT 1").Scan(&seq, &hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, "", nil
	case err != nil:
		return 0, "", err
	case hash.Valid && seq.Valid:
		return seq.Int64, hash.String, nil
	}
	var pk int64
	err = tx.QueryRowContext(ctx, "SELECT pk, seq, hash FROM audit WHERE hash IS NOT NULL AND seq IS NOT NULL ORDER BY pk DESC LIMIT 1").Scan(&pk, &seq, &hash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", err
	}
	last, prev := seq.Int64, hash.String
	type unsealed struct {
		pk int64
		e  serverstore.AuditEntry
	}
	for {
		rows, err := tx.QueryContext(ctx, "SELECT pk, "+auditColumns+" FROM audit WHERE pk > ? ORDER BY pk LIMIT ?", pk, sealBatch)
		batch, err := sqldb.CollectQuery(rows, err, nil, func(row sqldb.Row) (unsealed, error) {
			var u unsealed
			var err error
			u.e, err = scanAuditRow(row, &u.pk)
			return u, err
		})
		if err != nil || len(batch) == 0 {
			return last, prev, err
		}
		for _, u := range batch {
			last++
			prev = serverstore.ChainHash(prev, last, u.e)
			if _, err := tx.ExecContext(ctx, "UPDATE audit SET seq = ?, hash = ? WHERE pk = ?", last, prev, u.pk); err != nil {
				return 0, "", err
			}
			pk = u.pk
		}
	}
}

// sealLog chains the entries written before the chain existed (Migrate calls it).
func (s *Store) sealLog(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, _, err := sealAudit(ctx, tx)
		return err
	})
}

// ListAudit returns a team's latest audit lines, newest first (limit <= 0: all).
func (s *Store) ListAudit(ctx context.Context, teamID string, limit int) ([]serverstore.AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit
		WHERE team_id = ? ORDER BY pk DESC LIMIT ?`, teamID, limit)
	return sqldb.CollectQuery[serverstore.AuditEntry](rows, err, nil, scanAudit)
}

// EachAudit hands every entry of the log to fn in the order they were written (one
// read transaction: a consistent snapshot, while appends go on).
func (s *Store) EachAudit(ctx context.Context, fn func(serverstore.AuditEntry) error) error {
	rows, err := s.reader.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit ORDER BY pk")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanAudit(row sqldb.Row) (serverstore.AuditEntry, error) { return scanAuditRow(row) }

// scanAuditRow reads auditColumns, after pk when given.
func scanAuditRow(row sqldb.Row, pk ...any) (serverstore.AuditEntry, error) {
	var e serverstore.AuditEntry
	var at string
	var seq sql.NullInt64
	var hash sql.NullString
	if err := row.Scan(append(pk, &at, &e.TeamID, &e.DeviceID, &e.Action, &e.Detail, &seq, &hash)...); err != nil {
		return e, err
	}
	e.Seq, e.Hash = seq.Int64, hash.String
	var err error
	e.At, err = parseTime(at)
	return e, err
}

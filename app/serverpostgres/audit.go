package serverpostgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
)

const insertAudit = "INSERT INTO audit(at, team_id, device_id, action, detail, seq, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)"

const auditColumns = "at, team_id, device_id, action, detail, seq, hash"

// auditLockKey is the advisory lock that serialises appends to the audit log's hash
// chain across every process on the database: taken in the appending transaction
// (pg_advisory_xact_lock) before the last entry is read, held until commit.
var auditLockKey = lockKey("involve-server/audit")

const lockAudit = "SELECT pg_advisory_xact_lock($1)"

// lastAudit reads the last entry's number and hash (NULL: not chained yet).
const lastAudit = "SELECT seq, hash FROM audit ORDER BY pk DESC LIMIT 1"

// Audit adds a line to the audit log, chained to the line before.
func (s *Store) Audit(ctx context.Context, e serverstore.AuditEntry) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lockAudit, auditLockKey); err != nil {
			return err
		}
		seq, hash, err := sealAudit(ctx, tx)
		if err != nil {
			return err
		}
		seq++
		_, err = tx.Exec(ctx, insertAudit, e.At.UTC(), e.TeamID, e.DeviceID, e.Action, e.Detail, seq, serverstore.ChainHash(hash, seq, e))
		return err
	})
}

// chainAudits queues the transaction's audit entries, chained to the log's last
// entry. It comes last, so that the lock on the chain (auditLockKey), which every
// append of every team waits for, is held only for the last two round trips and the
// commit: the lock and the read of the last entry go with the queued writes of the
// push, the entries (sent by finish) in one more round trip before the commit.
func (t *teamTx) chainAudits(ctx context.Context) error {
	if len(t.audits) == 0 {
		return nil
	}
	if err := t.write(ctx, "lock the audit log", lockAudit, auditLockKey); err != nil {
		return err
	}
	var seq int64
	var hash string
	var unsealed bool
	err := t.queryRow(ctx, func(row pgx.Row) (err error) {
		seq, hash, unsealed, err = scanLast(row)
		return err
	}, lastAudit)
	if err == nil && unsealed {
		seq, hash, err = sealTail(ctx, t.tx)
	}
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	for _, e := range t.audits {
		seq++
		hash = serverstore.ChainHash(hash, seq, e)
		if err := t.write(ctx, "audit "+e.Action, insertAudit, e.At.UTC(), e.TeamID, e.DeviceID, e.Action, e.Detail, seq, hash); err != nil {
			return err
		}
	}
	t.audits = nil
	return nil
}

// scanLast reads a row of lastAudit: the number and hash to chain from, and whether
// the log ends with entries that need sealing first.
func scanLast(row pgx.Row) (seq int64, hash string, unsealed bool, err error) {
	var s *int64
	var h *string
	err = row.Scan(&s, &h)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return 0, "", false, nil
	case err != nil:
		return 0, "", false, err
	case h == nil || s == nil:
		return 0, "", true, nil
	}
	return *s, *h, false, nil
}

// sealBatch is how many unchained entries sealAudit reads at a time.
const sealBatch = 1000

// sealAudit returns the number and hash of the log's last entry, first chaining, in
// the order they were written, the entries at the end of the log that have no hash
// (written before the chain existed, or by an older server): in the usual case it
// reads one row. The caller holds auditLockKey. An entry without a hash before a
// chained one is left as it is: VerifyAudit reports it.
func sealAudit(ctx context.Context, tx pgx.Tx) (int64, string, error) {
	seq, hash, unsealed, err := scanLast(tx.QueryRow(ctx, lastAudit))
	if err != nil || !unsealed {
		return seq, hash, err
	}
	return sealTail(ctx, tx)
}

// sealTail chains the entries after the last chained one (see sealAudit).
func sealTail(ctx context.Context, tx pgx.Tx) (int64, string, error) {
	var pk int64
	var seq *int64
	var prev *string
	err := tx.QueryRow(ctx, "SELECT pk, seq, hash FROM audit WHERE hash IS NOT NULL AND seq IS NOT NULL ORDER BY pk DESC LIMIT 1").Scan(&pk, &seq, &prev)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, "", err
	}
	var last int64
	var hash string
	if seq != nil && prev != nil {
		last, hash = *seq, *prev
	}
	type unsealed struct {
		pk int64
		e  serverstore.AuditEntry
	}
	for {
		rows, err := tx.Query(ctx, "SELECT pk, "+auditColumns+" FROM audit WHERE pk > $1 ORDER BY pk LIMIT $2", pk, sealBatch)
		batch, err := sqldb.CollectQuery(rows, err, nil, func(row sqldb.Row) (unsealed, error) {
			var u unsealed
			var err error
			u.e, err = scanAuditRow(row, &u.pk)
			return u, err
		})
		if err != nil || len(batch) == 0 {
			return last, hash, err
		}
		var b pgx.Batch
		for _, u := range batch {
			last++
			hash = serverstore.ChainHash(hash, last, u.e)
			b.Queue("UPDATE audit SET seq = $1, hash = $2 WHERE pk = $3", last, hash, u.pk)
			pk = u.pk
		}
		if err := tx.SendBatch(ctx, &b).Close(); err != nil {
			return 0, "", err
		}
	}
}

// sealLog chains the entries written before the chain existed (Migrate calls it).
func (s *Store) sealLog(ctx context.Context) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, lockAudit, auditLockKey); err != nil {
			return err
		}
		_, _, err := sealAudit(ctx, tx)
		return err
	})
}

// ListAudit returns a team's latest audit lines, newest first (limit <= 0: all).
func (s *Store) ListAudit(ctx context.Context, teamID string, limit int) ([]serverstore.AuditEntry, error) {
	var lim *int64 // LIMIT NULL: no limit
	if limit > 0 {
		l := int64(limit)
		lim = &l
	}
	rows, err := s.pool.Query(ctx, `SELECT `+auditColumns+` FROM audit
		WHERE team_id = $1 ORDER BY pk DESC LIMIT $2`, teamID, lim)
	return sqldb.CollectQuery[serverstore.AuditEntry](rows, err, nil, scanAudit)
}

// EachAudit hands every entry of the log to fn in the order they were written (one
// statement: a consistent snapshot, while appends go on).
func (s *Store) EachAudit(ctx context.Context, fn func(serverstore.AuditEntry) error) error {
	rows, err := s.pool.Query(ctx, "SELECT "+auditColumns+" FROM audit ORDER BY pk")
	if err != nil {
		return err
	}
	defer rows.Close()
	return sqldb.Each(rows, scanAudit, fn)
}

func scanAudit(row sqldb.Row) (serverstore.AuditEntry, error) { return scanAuditRow(row) }

// scanAuditRow reads auditColumns, after pk when given.
func scanAuditRow(row sqldb.Row, pk ...any) (serverstore.AuditEntry, error) {
	var e serverstore.AuditEntry
	var seq *int64
	var hash *string
	err := row.Scan(append(pk, &e.At, &e.TeamID, &e.DeviceID, &e.Action, &e.Detail, &seq, &hash)...)
	e.At = e.At.UTC()
	if seq != nil {
		e.Seq = *seq
	}
	if hash != nil {
		e.Hash = *hash
	}
	return e, err
}

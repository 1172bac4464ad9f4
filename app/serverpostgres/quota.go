package serverpostgres

import (
	"context"
	"errors"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
	"github.com/jackc/pgx/v5"
)

// SetTeamQuota sets a team's own quota (serverstore.QuotaDefault: the server's).
func (s *Store) SetTeamQuota(ctx context.Context, teamID string, q serverstore.Quota) error {
	return affected(s.pool.Exec(ctx, "UPDATE teams SET storage_quota = $2, device_daily_changes = $3 WHERE id = $1",
		teamID, q.StorageBytes, q.DeviceDailyChanges))
}

const teamUsageQuery = "SELECT bytes_used, storage_quota, device_daily_changes FROM teams WHERE id = $1"

func scanUsage(row sqldb.Row) (serverstore.TeamUsage, error) {
	var u serverstore.TeamUsage
	err := row.Scan(&u.BytesUsed, &u.Quota.StorageBytes, &u.Quota.DeviceDailyChanges)
	return u, notFound(err)
}

// TeamUsage returns a team's quota and the bytes it uses.
func (s *Store) TeamUsage(ctx context.Context, teamID string) (serverstore.TeamUsage, error) {
	return scanUsage(s.pool.QueryRow(ctx, teamUsageQuery, teamID))
}

// DeviceChangesOn returns the changes each of the team's devices had handled on day.
func (s *Store) DeviceChangesOn(ctx context.Context, teamID, day string) (map[string]int64, error) {
	return sqldb.KeyCounts(s.pool.Query(ctx, "SELECT device_id, changes FROM device_changes WHERE team_id = $1 AND day = $2", teamID, day))
}

// TeamUsage is the team's quota and usage as committed before this transaction.
// Prefetch read it with the row locked, and nothing of the transaction wrote it since
// (t.usage): no other transaction can have either.
func (t *teamTx) TeamUsage(ctx context.Context) (serverstore.TeamUsage, error) {
	if t.usage != nil {
		return *t.usage, nil
	}
	var u serverstore.TeamUsage
	err := t.queryRow(ctx, func(row pgx.Row) error {
		var err error
		u, err = scanUsage(row)
		return err
	}, teamUsageQuery, t.teamID)
	return u, err
}

// PendingBytes is what the writes kept for finish add to the team's bytes_used: the
// new states of records less the states they replace, and every revision and change
// result. The replaced states are known from Prefetch; others are measured in
// PostgreSQL (json keeps the text sent, so its octet_length is what was stored).
func (t *teamTx) PendingBytes(ctx context.Context) (int64, error) {
	var n int64
	var unknown []string
	for _, id := range t.recOrder {
		n += int64(len(t.recs[id].State))
		if c, ok := t.records[id]; ok {
			if c.found {
				n -= int64(len(c.rec.State))
			}
		} else {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		var old int64
		if err := t.queryRow(ctx, func(row pgx.Row) error { return row.Scan(&old) },
			`SELECT coalesce(sum(octet_length(state::text)), 0)::bigint FROM records WHERE team_id = $1 AND id = ANY($2::text[])`,
			t.teamID, unknown); err != nil {
			return 0, err
		}
		n -= old
	}
	for _, r := range t.revs {
		n += int64(len(r.State))
	}
	for _, r := range t.resRows {
		n += int64(len(r.result))
	}
	return n, nil
}

// saveTeamRow queues, in one UPDATE of the team's row (one new version of the row a
// push's every inserted row checks its foreign key against), the addition of what finish
// writes (n bytes) to the team's running count and the team's sequence number when it
// advanced.
func (t *teamTx) saveTeamRow(ctx context.Context, n int64) error {
	switch {
	case t.seqDirty:
		t.seqDirty, t.usage = false, nil
		return t.write(ctx, "save the team's sequence number and storage", "UPDATE teams SET seq = $2, bytes_used = bytes_used + $3 WHERE id = $1",
			t.teamID, t.seq, n)
	}
	return t.addBytesUsed(ctx, n)
}

// DeviceChanges returns how many changes the device had handled on day.
func (t *teamTx) DeviceChanges(ctx context.Context, deviceID, day string) (int64, error) {
	var n int64
	err := t.queryRow(ctx, func(row pgx.Row) error { return row.Scan(&n) },
		"SELECT changes FROM device_changes WHERE device_id = $1 AND day = $2", deviceID, day)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// AddDeviceChanges adds n to the device's count of day and deletes its other days.
func (t *teamTx) AddDeviceChanges(ctx context.Context, deviceID, day string, n int64) error {
	if err := t.write(ctx, "forget the device's earlier days", "DELETE FROM device_changes WHERE device_id = $1 AND day <> $2",
		deviceID, day); err != nil {
		return err
	}
	return t.write(ctx, "count the device's changes", `INSERT INTO device_changes(device_id, day, team_id, changes) VALUES ($1, $2, $3, $4)
		ON CONFLICT (device_id, day) DO UPDATE SET changes = device_changes.changes + excluded.changes, team_id = excluded.team_id`,
		deviceID, day, t.teamID, n)
}

// addBytesUsed queues the addition of n to the team's running count of bytes.
func (t *teamTx) addBytesUsed(ctx context.Context, n int64) error {
	if n == 0 {
		return nil
	}
	t.usage = nil // (read again after the write)
	return t.write(ctx, "count the team's storage", "UPDATE teams SET bytes_used = bytes_used + $2 WHERE id = $1", t.teamID, n)
}

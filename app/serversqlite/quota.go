package serversqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/sqldb"
)

// SetTeamQuota sets a team's own quota (serverstore.QuotaDefault: the server's).
func (s *Store) SetTeamQuota(ctx context.Context, teamID string, q serverstore.Quota) error {
	return s.exec(ctx, affected, "UPDATE teams SET storage_quota = ?, device_daily_changes = ? WHERE id = ?",
		q.StorageBytes, q.DeviceDailyChanges, teamID)
}

const teamUsageQuery = "SELECT bytes_used, storage_quota, device_daily_changes FROM teams WHERE id = ?"

func scanUsage(row *sql.Row) (serverstore.TeamUsage, error) {
	var u serverstore.TeamUsage
	err := row.Scan(&u.BytesUsed, &u.Quota.StorageBytes, &u.Quota.DeviceDailyChanges)
	return u, notFound(err)
}

// TeamUsage returns a team's quota and the bytes it uses.
func (s *Store) TeamUsage(ctx context.Context, teamID string) (serverstore.TeamUsage, error) {
	return scanUsage(s.reader.QueryRowContext(ctx, teamUsageQuery, teamID))
}

// DeviceChangesOn returns the changes each of the team's devices had handled on day.
func (s *Store) DeviceChangesOn(ctx context.Context, teamID, day string) (map[string]int64, error) {
	return sqldb.KeyCounts(s.reader.QueryContext(ctx, "SELECT device_id, changes FROM device_changes WHERE team_id = ? AND day = ?", teamID, day))
}

// TeamUsage is the team's quota and usage as committed before this transaction.
func (t *teamTx) TeamUsage(ctx context.Context) (serverstore.TeamUsage, error) {
	row, err := t.queryRow(teamUsageQuery, t.teamID)
	if err != nil {
		return serverstore.TeamUsage{}, err
	}
	return scanUsage(row)
}

// PendingBytes is what the writes kept for flush add to the team's bytes_used: the
// new states of records less the states they replace, and every revision and change
// result. The replaced states are known from Prefetch; others are measured in SQLite.
func (t *teamTx) PendingBytes(ctx context.Context) (int64, error) {
	var n int64
	var unknown []string
	for _, id := range t.recOrder {
		n += int64(len(t.recs[id].State))
		if c, ok := t.knownRecs[id]; ok {
			if c.found {
				n -= int64(len(c.rec.State))
			}
		} else {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		list, err := json.Marshal(unknown)
		if err != nil {
			return 0, err
		}
		row, err := t.queryRow(`SELECT coalesce(sum(length(CAST(state AS BLOB))), 0) FROM records
			WHERE team_id = ? AND id IN (SELECT value FROM json_each(?))`, t.teamID, string(list))
		if err != nil {
			return 0, err
		}
		var old int64
		if err := row.Scan(&old); err != nil {
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

// addBytesUsed adds what flush writes to the team's running count.
func (t *teamTx) addBytesUsed(ctx context.Context, n int64) error {
	if n == 0 {
		return nil
	}
	return t.exec("UPDATE teams SET bytes_used = bytes_used + ? WHERE id = ?", n, t.teamID)
}

// DeviceChanges returns how many changes the device had handled on day.
func (t *teamTx) DeviceChanges(ctx context.Context, deviceID, day string) (int64, error) {
	row, err := t.queryRow("SELECT changes FROM device_changes WHERE device_id = ? AND day = ?", deviceID, day)
	if err != nil {
		return 0, err
	}
	var n int64
	if err := row.Scan(&n); errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	return n, nil
}

// AddDeviceChanges adds n to the device's count of day and deletes its other days.
func (t *teamTx) AddDeviceChanges(ctx context.Context, deviceID, day string, n int64) error {
	if err := t.exec("DELETE FROM device_changes WHERE device_id = ? AND day <> ?", deviceID, day); err != nil {
		return err
	}
	return t.exec(`INSERT INTO device_changes(device_id, day, team_id, changes) VALUES (?, ?, ?, ?)
		ON CONFLICT(device_id, day) DO UPDATE SET changes = changes + excluded.changes, team_id = excluded.team_id`,
		deviceID, day, t.teamID, n)
}

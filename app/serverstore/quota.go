package serverstore

import (
	"context"
	"time"
)

// Quota is a team's own limits (involve-server team set-quota). A field that is
// QuotaDefault takes the server's default (involve-server serve flags); QuotaUnlimited
// switches that limit off for the team.
type Quota struct {
	StorageBytes       int64 // bytes of stored data (TeamUsage.BytesUsed)
	DeviceDailyChanges int64 // changes handled per device and UTC day
}

// Quota field values with a meaning of their own (any positive value is a limit).
const (
	QuotaDefault   = 0
	QuotaUnlimited = -1
)

// TeamUsage is a team's quota and the storage it uses.
type TeamUsage struct {
	Quota Quota
	// BytesUsed is the size of the team's stored data as the quota counts it: the
	// bytes of its records' latest states, of every revision's state and of every
	// change result kept. Each push transaction adds what it writes (a record's new
	// state replacing its old one counts the difference), so reading it costs no scan.
	BytesUsed int64
}

// Day is how a UTC day is named in the per-device change counts: "2006-01-02".
func Day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// QuotaStore is the Store's side of quotas.
type QuotaStore interface {
	// SetTeamQuota sets a team's quota (ErrNotFound: no such team).
	SetTeamQuota(ctx context.Context, teamID string, q Quota) error
	// TeamUsage returns a team's quota and usage (ErrNotFound: no such team).
	TeamUsage(ctx context.Context, teamID string) (TeamUsage, error)
	// DeviceChangesOn returns, for the team's devices, how many changes each had
	// handled on day (Day); devices with none are left out.
	DeviceChangesOn(ctx context.Context, teamID, day string) (map[string]int64, error)
}

// QuotaTx is a push transaction's side of quotas. The transaction holds its team's
// lock, so what it reads stays true until it commits.
type QuotaTx interface {
	// TeamUsage is the team's quota and usage as committed before this transaction.
	TeamUsage(ctx context.Context) (TeamUsage, error)
	// PendingBytes is what the transaction's writes so far add to the team's BytesUsed
	// (negative when smaller states replace larger ones). The same amount is added to
	// BytesUsed when the transaction commits.
	PendingBytes(ctx context.Context) (int64, error)
	// DeviceChanges returns how many changes the device has had handled on day (Day).
	DeviceChanges(ctx context.Context, deviceID, day string) (int64, error)
	// AddDeviceChanges adds n to the device's count of day (and forgets its earlier
	// days, which nothing reads).
	AddDeviceChanges(ctx context.Context, deviceID, day string, n int64) error
}

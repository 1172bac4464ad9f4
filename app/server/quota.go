package server

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

// Quotas are the server's limits for every team; a team's own (involve-server team
// set-quota) win. A zero field takes the default below; a negative one is no limit.
//
// A push that would go over a limit is refused whole, before anything of it is kept:
// the storage quota with 507 (syncapi.ESTORAGEQUOTA), the device's daily changes with
// 429 (syncapi.EDAILYQUOTA) and a Retry-After up to the next UTC midnight. A change
// resent after it was handled (a duplicate) costs nothing and counts for neither.
type Quotas struct {
	// TeamStorageBytes bounds a team's stored data (serverstore.TeamUsage.BytesUsed).
	TeamStorageBytes int64
	// DeviceDailyChanges bounds the changes one device has handled per UTC day
	// (applied, merged, in conflict or rejected; not duplicates).
	DeviceDailyChanges int64
}

// Default quotas. A team's real data is tens of megabytes. The benchmark data set of
// 100 000 feedback items (102 004 records with their sessions) counts about 150 MB,
// and its first sync from one laptop is 102 004 changes: both fit with room to spare.
const (
	DefaultTeamStorageBytes   = 2 << 30 // 2 GiB
	DefaultDeviceDailyChanges = 200_000
)

func (q Quotas) withDefaults() Quotas {
	if q.TeamStorageBytes == 0 {
		q.TeamStorageBytes = DefaultTeamStorageBytes
	}
	if q.DeviceDailyChanges == 0 {
		q.DeviceDailyChanges = DefaultDeviceDailyChanges
	}
	return q
}

// effectiveLimit is a team's limit: its own, else the server's; 0 means no limit.
func effectiveLimit(team, server int64) int64 {
	switch {
	case team == serverstore.QuotaUnlimited:
		return 0
	case team > 0:
		return team
	case server > 0:
		return server
	}
	return 0
}

// quotaError is a push refused by a quota: an API error, and when to try again.
type quotaError struct {
	api        *syncapi.Error
	retryAfter time.Duration // 0: none (only an administrator can help)
}

func (e *quotaError) Error() string             { return e.api.Error() }
func (e *quotaError) Unwrap() error             { return e.api }
func (e *quotaError) RetryAfter() time.Duration { return e.retryAfter }

// checkQuotas is the end of a push transaction that handled n new changes (not
// duplicates): it refuses the push when the team's storage or the device's changes
// of the day would go over their limits (the transaction then rolls back, so nothing
// of the push is kept), and otherwise counts the changes for the device's day. It
// returns the device's daily limit (0: none), which the push's answer heeds (askBatch).
func (s *Server) checkQuotas(ctx context.Context, tx serverstore.Tx, dev serverstore.Device, n int, now time.Time) (daily int64, err error) {
	u, err := tx.TeamUsage(ctx)
	if err != nil {
		return 0, fmt.Errorf("team usage: %w", err)
	}
	daily = effectiveLimit(u.Quota.DeviceDailyChanges, s.quotas.DeviceDailyChanges)
	if n == 0 {
		return daily, nil // duplicates only: nothing written
	}
	if limit := effectiveLimit(u.Quota.StorageBytes, s.quotas.TeamStorageBytes); limit > 0 {
		added, err := tx.PendingBytes(ctx)
		if err != nil {
			return 0, fmt.Errorf("push size: %w", err)
		}
		if added > 0 && u.BytesUsed+added > limit {
			s.log.Warn("push refused: team storage quota", "team", dev.TeamID, "device", dev.ID, "changes", n,
				"bytes_used", u.BytesUsed, "bytes_added", added, "quota", limit)
			return 0, &quotaError{api: errorf(syncapi.ESTORAGEQUOTA,
				"The server did not take these changes: your team's data would go over its storage quota of %s (it holds %s). "+
					"Your work is safe on this laptop. Ask your administrator to raise the team's quota; Involve will send the changes then.",
				FormatSize(limit), FormatSize(u.BytesUsed))}
		}
	}
	day := serverstore.Day(now)
	done, err := tx.DeviceChanges(ctx, dev.ID, day)
	if err != nil {
		return 0, fmt.Errorf("device changes today: %w", err)
	}
	if limit := daily; limit > 0 && done+int64(n) > limit {
		wait := nextUTCMidnight(now).Sub(now)
		s.log.Warn("push refused: device daily changes", "team", dev.TeamID, "device", dev.ID, "changes", n,
			"changes_today", done, "quota", limit)
		return 0, &quotaError{retryAfter: wait, api: errorf(syncapi.EDAILYQUOTA,
			"The server did not take these changes: this laptop has sent %s changes today and the server takes at most %s a day "+
				"from one laptop. Your work is safe on this laptop; Involve will send the changes after midnight UTC (in %s).",
			involve.Thousands(done), involve.Thousands(limit), roughDuration(wait))}
	}
	return daily, tx.AddDeviceChanges(ctx, dev.ID, day, int64(n))
}

// retryAfterOf is how long an error asks the client to wait (0: it does not say).
func retryAfterOf(err error) time.Duration {
	var ra interface{ RetryAfter() time.Duration }
	if errors.As(err, &ra) {
		return ra.RetryAfter()
	}
	return 0
}

func nextUTCMidnight(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// roughDuration says a wait in hours and minutes ("3 hours 5 minutes").
func roughDuration(d time.Duration) string {
	mins := int(math.Ceil(d.Minutes()))
	h, m := mins/60, mins%60
	var parts []string
	if h > 0 {
		parts = append(parts, plural(h, "hour"))
	}
	if m > 0 || h == 0 {
		parts = append(parts, plural(m, "minute"))
	}
	return strings.Join(parts, " ")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

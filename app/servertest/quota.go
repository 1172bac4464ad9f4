package servertest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/syncapi"
)

func feedbackBatch(d *Device, n int, text string) []syncapi.Change {
	out := make([]syncapi.Change, n)
	for i := range out {
		out[i] = d.Change("feedback", NewFeedback(fmt.Sprintf("%s %d: the waiting room was cold and the staff were kind.", text, i)), 0)
	}
	return out
}

func (e *Env) usage(teamID string) serverstore.TeamUsage {
	e.T.Helper()
	u, err := e.Store.TeamUsage(context.Background(), teamID)
	if err != nil {
		e.T.Fatalf("TeamUsage: %v", err)
	}
	return u
}

func (e *Env) setQuota(teamID string, q serverstore.Quota) {
	e.T.Helper()
	if err := e.Store.SetTeamQuota(context.Background(), teamID, q); err != nil {
		e.T.Fatalf("SetTeamQuota: %v", err)
	}
}

func (e *Env) pushes(teamID string) int {
	e.T.Helper()
	entries, err := e.Store.ListAudit(context.Background(), teamID, 0)
	if err != nil {
		e.T.Fatal(err)
	}
	n := 0
	for _, a := range entries {
		if a.Action == "push" {
			n++
		}
	}
	return n
}

// testStorageQuota: a push that would take the team past its storage quota is refused
// whole with 507 storage_quota_exceeded and a message for the laptop's user; nothing
// of it is kept (no record, no change result, no audit line, no bytes, no daily
// count), so the same changes are applied once the quota is raised. A resend of
// changes already taken is still answered while the team is full. The server's
// default applies to a team without its own quota; a team's own quota wins.
func testStorageQuota(t *testing.T, open Open) {
	e, d := envWithDevice(t, open, func(c *server.Config) { c.Quotas.TeamStorageBytes = 1 << 30 })
	tm := d.Team.ID
	first := feedbackBatch(d, 20, "first")
	d.Push(first...)
	used := e.usage(tm).BytesUsed
	if used <= 0 {
		t.Fatalf("BytesUsed after a push = %d", used)
	}
	// Room for a few more changes, not for 20.
	e.setQuota(tm, serverstore.Quota{StorageBytes: used + used/10})
	second := feedbackBatch(d, 20, "second")
	r := e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: second})
	msg := wantError(t, r, 507, syncapi.ESTORAGEQUOTA).Message
	for _, want := range []string{"storage quota", "safe on this laptop", "administrator"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if got := len(d.PullAll()); got != 20 {
		t.Errorf("after the refused push the team has %d records, want 20", got)
	}
	if u := e.usage(tm); u.BytesUsed != used {
		t.Errorf("BytesUsed after the refused push = %d, want %d", u.BytesUsed, used)
	}
	if n := e.pushes(tm); n != 1 {
		t.Errorf("%d push lines in the audit, want 1 (the refused push kept nothing)", n)
	}
	if got, _ := e.Store.DeviceChangesOn(context.Background(), tm, serverstore.Day(e.Clock.Now())); got[d.ID] != 20 {
		t.Errorf("the device's changes today = %d, want 20 (the refused push does not count)", got[d.ID])
	}
	// A resend of what was taken writes nothing, so it is answered.
	for _, res := range d.Push(first...) {
		if res.Status != syncapi.StatusDuplicate {
			t.Fatalf("resend while full: %+v, want duplicate", res)
		}
	}
	// Raised: the same changes are applied (not duplicates: none was kept).
	e.setQuota(tm, serverstore.Quota{StorageBytes: serverstore.QuotaUnlimited})
	for _, res := range d.Push(second...) {
		if res.Status != syncapi.StatusApplied {
			t.Fatalf("after raising the quota: %+v, want applied", res)
		}
	}
	if u := e.usage(tm); u.BytesUsed <= used {
		t.Errorf("BytesUsed = %d after more changes, want more than %d", u.BytesUsed, used)
	}

	// The server's default for teams without their own quota.
	e2 := NewEnv(t, open, func(c *server.Config) { c.Quotas.TeamStorageBytes = 2000 })
	small := e2.Enrol(e2.Team("Small").ID)
	wantError(t, e2.Do("POST", "/v1/sync/push", small.Token, syncapi.PushRequest{Changes: feedbackBatch(small, 10, "x")}), 507, syncapi.ESTORAGEQUOTA)
	big := e2.Team("Big")
	e2.setQuota(big.ID, serverstore.Quota{StorageBytes: 1 << 20})
	d2 := e2.Enrol(big.ID)
	d2.Push(feedbackBatch(d2, 10, "y")...)
}

// testQuotaUnderMaxBatch: a device whose daily changes limit is under the server's
// MaxBatch is asked, in every push's answer, for pushes no larger than that limit (the
// answer's Batch), so that a full push is never refused as more than any day allows; a
// team whose own limit is at least MaxBatch, or none, is asked nothing; a resend (all
// duplicates) is asked the same.
func testQuotaUnderMaxBatch(t *testing.T, open Open) {
	e, d, _ := envWithTwoDevices(t, open, func(c *server.Config) {
		c.Limits.MaxBatch = 10
		c.Quotas.DeviceDailyChanges = 6
	})
	batch := func(changes []syncapi.Change) int {
		t.Helper()
		var resp syncapi.PushResponse
		e.MustJSON("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: changes}, 200, &resp)
		return resp.Batch
	}
	first := feedbackBatch(d, 2, "first")
	if got := batch(first); got != 6 {
		t.Errorf("a limit of 6 a day under a MaxBatch of 10: Batch %d, want 6", got)
	}
	if got := batch(first); got != 6 {
		t.Errorf("a resend: Batch %d, want 6", got)
	}
	e.setQuota(d.Team.ID, serverstore.Quota{DeviceDailyChanges: 10})
	if got := batch(feedbackBatch(d, 2, "at the limit")); got != 0 {
		t.Errorf("the team's own limit of 10, the MaxBatch: Batch %d, want 0", got)
	}
	e.setQuota(d.Team.ID, serverstore.Quota{DeviceDailyChanges: serverstore.QuotaUnlimited})
	if got := batch(feedbackBatch(d, 2, "unlimited")); got != 0 {
		t.Errorf("no limit: Batch %d, want 0", got)
	}
}

// testDailyQuota: a push that would take a device past its changes of the day is
// refused whole with 429 daily_quota_exceeded and a Retry-After up to the next UTC
// midnight; changes resent after they were taken do not count again; another device
// of the team has its own count; the next UTC day starts again at zero; a team's own
// limit wins over the server's.
func testDailyQuota(t *testing.T, open Open) {
	e, d, other := envWithTwoDevices(t, open, func(c *server.Config) { c.Quotas.DeviceDailyChanges = 5 })
	first := feedbackBatch(d, 3, "first")
	d.Push(first...)
	over := feedbackBatch(d, 3, "over")
	r := e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: over})
	msg := wantError(t, r, 429, syncapi.EDAILYQUOTA).Message
	for _, want := range []string{"3 changes today", "at most 5 a day", "safe on this laptop", "midnight UTC (in 14 hours)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	if ra := r.Header.Get("Retry-After"); ra != strconv.Itoa(14*3600) {
		t.Errorf("Retry-After %q, want %d (10:00 to midnight UTC)", ra, 14*3600)
	}
	if got := len(d.PullAll()); got != 3 {
		t.Errorf("after the refused push the team has %d records, want 3", got)
	}
	// Resending the first three (a lost answer) costs nothing: they are duplicates,
	// and two new changes still fit.
	for _, res := range d.Push(first...) {
		if res.Status != syncapi.StatusDuplicate {
			t.Fatalf("resend: %+v, want duplicate", res)
		}
	}
	d.Push(over[:2]...)
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: over[2:]}), 429, syncapi.EDAILYQUOTA)
	// Another device of the team counts its own changes.
	other.Push(feedbackBatch(other, 5, "other")...)
	// The next UTC day.
	e.Clock.Advance(14 * time.Hour)
	if res := d.Push(over[2:]...); res[0].Status != syncapi.StatusApplied {
		t.Errorf("the next day: %+v, want applied", res[0])
	}
	// A team's own limit wins over the server's. A rejected change counts once.
	e.setQuota(d.Team.ID, serverstore.Quota{DeviceDailyChanges: serverstore.QuotaUnlimited})
	bad := d.Change("feedback", NewFeedback("bad"), 0)
	bad.Entity = "payment"
	d.Push(append(feedbackBatch(d, 20, "unlimited"), bad)...)
	e.setQuota(d.Team.ID, serverstore.Quota{DeviceDailyChanges: 30})
	wantError(t, e.Do("POST", "/v1/sync/push", d.Token, syncapi.PushRequest{Changes: feedbackBatch(d, 10, "too many")}), 429, syncapi.EDAILYQUOTA)
	d.Push(feedbackBatch(d, 8, "fits")...)
	// At the limit, resending what was answered (taken or rejected) is still answered.
	if res := d.Push(bad, over[2]); res[0].Status != syncapi.StatusRejected || res[1].Status != syncapi.StatusDuplicate {
		t.Errorf("resend at the limit: %+v, want the earlier answers", res)
	}
	if got, _ := e.Store.DeviceChangesOn(context.Background(), d.Team.ID, serverstore.Day(e.Clock.Now())); got[d.ID] != 30 {
		t.Errorf("the device's changes today = %d, want 30", got[d.ID])
	}
}

package server_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/server"
	"github.com/hin-south-london/involve/app/serverstore"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncapi"
)

// TestPullPurgedPages: after a purge, a pull from any cursor lists each purged record
// whose tombstone came after that cursor exactly once, page by page, at most limit a
// page, through the rows path (RawPuller) and through Store.Pull alike; the live
// records all come, and the last page's cursor is past every purged record, so that
// the next pull lists none again. A change of a purged record is refused, whether it
// edits it or makes it again; the audit says how many were purged.
func TestPullPurgedPages(t *testing.T) {
	st := openSQLite(t)
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw := servertest.NewEnvOn(t, st)
	plain := servertest.NewEnvOn(t, struct {
		serverstore.Store
		serverstore.Purger
	}{st, st.(serverstore.Purger)}) // hides PullRaw
	tm := raw.Team("Purges")
	a := raw.Enrol(tm.ID)
	var fbs []*involve.Feedback
	var changes []syncapi.Change
	for i := range 12 {
		f := benchFeedback(i).(*involve.Feedback)
		fbs = append(fbs, f)
		changes = append(changes, a.Change("feedback", f, 0))
	}
	res := a.Push(changes...)
	// Deleted long ago: 2, 3, 7 (in the middle) and 11 (the last change of all).
	deleted := map[string]bool{}
	var tombs []syncapi.Change
	for _, i := range []int{2, 3, 7, 11} {
		fbs[i].DeletedAt = "2026-01-05T10:00:00.000Z"
		tombs = append(tombs, a.Change("feedback", fbs[i], res[i].Rev))
		deleted[fbs[i].ID] = true
	}
	res2 := a.Push(tombs...)
	n, err := server.Purge(ctx, st, tm.ID, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 4 {
		t.Fatalf("Purge: %d, %v; want 4", n, err)
	}
	if again, err := server.Purge(ctx, st, tm.ID, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)); err != nil || again != 0 {
		t.Fatalf("Purge again: %d, %v; want 0", again, err)
	}
	audit, err := st.ListAudit(ctx, tm.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range audit {
		found = found || (e.Action == "records.purged" && e.Detail == "4 deleted records past their retention period")
	}
	if !found {
		t.Errorf("no records.purged audit entry: %+v", audit)
	}

	for _, env := range []*servertest.Env{raw, plain} {
		b := env.Enrol(tm.ID)
		for _, limit := range []int{1, 2, 3, 5, 1000} {
			for _, start := range []int64{0, 3} {
				cursor := strconv.FormatInt(start, 10)
				seen, purged := map[string]bool{}, map[string]int{}
				for page := 0; ; page++ {
					if page > 40 {
						t.Fatalf("limit %d from %d: the pull never ends", limit, start)
					}
					p := b.Pull(cursor, limit)
					if len(p.Purged) > limit {
						t.Errorf("limit %d: a page lists %d purged records", limit, len(p.Purged))
					}
					for _, c := range p.Changes {
						seen[c.RecordID] = true
					}
					for _, r := range p.Purged {
						if r.Entity != "feedback" || !deleted[r.RecordID] {
							t.Errorf("limit %d: purged %+v was not purged", limit, r)
						}
						purged[r.RecordID]++
					}
					cursor = p.Cursor
					if !p.More {
						break
					}
				}
				for i, f := range fbs {
					if deleted[f.ID] {
						if seen[f.ID] {
							t.Errorf("limit %d from %d: a purged record was pulled", limit, start)
						}
						// from cursor 3 too: the tombstones came after every record
						if purged[f.ID] != 1 {
							t.Errorf("limit %d from %d: purged record %d listed %d times, want once", limit, start, i, purged[f.ID])
						}
					} else if int64(i) >= start && !seen[f.ID] {
						t.Errorf("limit %d from %d: live record %d not pulled", limit, start, i)
					}
				}
				if last := b.Pull(cursor, limit); len(last.Purged) != 0 || len(last.Changes) != 0 || last.More {
					t.Errorf("limit %d from %d: a pull from the last cursor %s gives %+v", limit, start, cursor, last)
				}
			}
		}
	}

	// A change of a purged record is refused, whether it edits it or makes it again.
	fbs[2].DeletedAt = ""
	fbs[2].Text = "Back again"
	fresh := *fbs[7]
	fresh.Rev, fresh.DeletedAt, fresh.CreatedAt = 0, "", ""
	out := a.Push(a.Change("feedback", fbs[2], res2[0].Rev), a.Change("feedback", &fresh, 0))
	for i, r := range out {
		if r.Status != syncapi.StatusRejected || r.Code != syncapi.ENOTFOUND || r.Reason != syncapi.PurgedReason {
			t.Errorf("change %d of a purged record: %+v, want rejected (not_found) with %q", i, r, syncapi.PurgedReason)
		}
	}
	if p := a.Pull("", 1000); len(p.Changes) != 8 {
		t.Errorf("after the refused changes the team has %d records, want 8", len(p.Changes))
	}
}

// TestPurgeWaitsForWhatBelongs: a deleted session that a live feedback item still
// belongs to is not purged, however old its deletion; once the feedback item is
// deleted too (and its period has passed), both go together. A retention rule of the
// team's for deleted records replaces the default period.
func TestPurgeWaitsForWhatBelongs(t *testing.T) {
	st := openSQLite(t)
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := servertest.NewEnvOn(t, st)
	tm := e.Team("Parents")
	lead := e.EnrolAs(tm.ID, involve.RoleNameLead)
	s := &involve.Session{}
	s.ID = "0195f3a4-0000-7000-8000-00000000a001"
	s.Title, s.Date, s.Type, s.Mode, s.Status = "Old session", "2026-01-02", "workshop", "in_person", "held"
	s.Standards, s.AccessSupport = []string{}, []string{}
	f := servertest.NewFeedback("A remark")
	f.SessionID = s.ID
	res := lead.Push(lead.Change("session", s, 0), lead.Change("feedback", f, 0))
	s.DeletedAt = "2026-01-05T10:00:00.000Z"
	lead.Push(lead.Change("session", s, res[0].Rev))
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	if n, err := server.Purge(ctx, st, tm.ID, day); err != nil || n != 0 {
		t.Fatalf("Purge with a live feedback item in the session: %d, %v; want 0", n, err)
	}
	// The team's period for deleted records is 6 months: the feedback item deleted in
	// August waits until February.
	rule := &involve.RetentionRule{RecordKind: involve.RetainDeleted, Period: 6, Unit: involve.UnitMonths, Anchor: involve.AnchorDeletion, SetAt: "2026-11-01T00:00:00Z"}
	rule.ID = "0195f3a4-0000-7000-8000-00000000a002"
	f.DeletedAt = "2026-08-01T10:00:00.000Z"
	lead.Push(lead.Change("feedback", f, res[1].Rev), lead.Change("retention_rule", rule, 0))
	if n, err := server.Purge(ctx, st, tm.ID, day); err != nil || n != 0 {
		t.Fatalf("Purge within the team's 6 months: %d, %v; want 0", n, err)
	}
	if n, err := server.Purge(ctx, st, tm.ID, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)); err != nil || n != 2 {
		t.Fatalf("Purge after 6 months: %d, %v; want the session and its feedback item", n, err)
	}
}

// TestPullPurgedForRole: a capture laptop is never told the ids of purged records of
// kinds it may not hold (a Lived Experience Partner), while a staff laptop is; the
// capture laptop's cursor still moves past them.
func TestPullPurgedForRole(t *testing.T) {
	st := openSQLite(t)
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := servertest.NewEnvOn(t, st)
	tm := e.Team("Roles")
	staff := e.Enrol(tm.ID)
	c := &involve.Contributor{Name: "Zorbic Testperson", Number: 1, LivedExperience: []string{}}
	c.ID = "0195f3a4-0000-7000-8000-00000000b001"
	f := benchFeedback(0).(*involve.Feedback)
	res := staff.Push(staff.Change(involve.EntityContributor, c, 0), staff.Change(involve.EntityFeedback, f, 0))
	c.DeletedAt, f.DeletedAt = "2026-01-05T10:00:00.000Z", "2026-01-05T10:00:00.000Z"
	staff.Push(staff.Change(involve.EntityContributor, c, res[0].Rev), staff.Change(involve.EntityFeedback, f, res[1].Rev))
	if n, err := server.Purge(ctx, st, tm.ID, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)); err != nil || n != 2 {
		t.Fatalf("Purge: %d, %v; want 2", n, err)
	}
	capture := e.EnrolAs(tm.ID, involve.RoleNameCapture)
	for _, d := range []*servertest.Device{staff, capture} {
		p := d.Pull("", 1000)
		got := map[string]bool{}
		for _, r := range p.Purged {
			got[r.Entity] = true
		}
		wantContributor := d == staff
		if !got[involve.EntityFeedback] || got[involve.EntityContributor] != wantContributor || p.More {
			t.Errorf("%s's pull lists purged %+v (more %v); want the feedback item, and the partner only for staff", d.Name, p.Purged, p.More)
		}
		if again := d.Pull(p.Cursor, 1000); len(again.Purged) != 0 {
			t.Errorf("%s: a pull from the last cursor lists %+v again", d.Name, again.Purged)
		}
	}
}

// cancelAfterPurge is a store that ends RunPurges's context once a purge has run.
type cancelAfterPurge struct {
	serverstore.Store
	p      serverstore.Purger
	cancel context.CancelFunc
	calls  int
}

func (c *cancelAfterPurge) PurgeRecords(ctx context.Context, teamID string, targets []serverstore.PurgeTarget, now time.Time) ([]serverstore.PurgedRecord, error) {
	defer c.cancel()
	c.calls++
	return c.p.PurgeRecords(ctx, teamID, targets, now)
}

func (c *cancelAfterPurge) PurgedAfter(ctx context.Context, teamID string, since int64, limit int) ([]serverstore.PurgedRecord, error) {
	return c.p.PurgedAfter(ctx, teamID, since, limit)
}

// TestRunPurgesAtStart: the serve loop's purge runs at once, on the server's clock
// (Config.Now), and stops when its context ends.
func TestRunPurgesAtStart(t *testing.T) {
	st := openSQLite(t)
	// The deadline only stops a broken loop from waiting its 24 hours.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := servertest.NewEnvOn(t, st)
	tm := e.Team("Loop")
	d := e.Enrol(tm.ID)
	f := benchFeedback(0).(*involve.Feedback)
	res := d.Push(d.Change(involve.EntityFeedback, f, 0))
	// Deleted yesterday by the real clock: due only by the server's, 40 days on.
	f.DeletedAt = involve.FormatTime(time.Now().AddDate(0, 0, -1))
	d.Push(d.Change(involve.EntityFeedback, f, res[0].Rev))
	wrapped := &cancelAfterPurge{Store: st, p: st.(serverstore.Purger), cancel: cancel}
	api := server.New(server.Config{Store: wrapped, Now: func() time.Time { return time.Now().AddDate(0, 0, 40) }})
	api.RunPurges(ctx) // returns once its first purge has ended the context
	if wrapped.calls != 1 {
		t.Errorf("PurgeRecords called %d times, want once", wrapped.calls)
	}
	if p := d.Pull("", 100); len(p.Changes) != 0 || len(p.Purged) != 1 {
		t.Errorf("after the loop's purge: %d records, %d purged; want 0 and 1", len(p.Changes), len(p.Purged))
	}
}

package syncer_test

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/syncer"
)

// The real server (app/server over its SQLite store) on loopback, and real desktop
// databases: what two laptops of one team see.

type laptop struct {
	t    *testing.T
	name string
	db   *store.DB
	e    *syncer.Engine
}

func enrol(t *testing.T, env *servertest.Env, teamID, name string) *laptop {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	if err := db.SetUserName(ctx, name); err != nil {
		t.Fatal(err)
	}
	set, err := syncer.Connect(ctx, db, env.Server.URL, env.Code(teamID, time.Hour), nil)
	if err != nil {
		t.Fatalf("connect %s: %v", name, err)
	}
	if set.TeamID != teamID {
		t.Fatalf("enrolled in team %q, want %q", set.TeamID, teamID)
	}
	e, err := syncer.FromSettings(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &laptop{t: t, name: name, db: db, e: e}
}

func (l *laptop) sync() syncer.Summary {
	l.t.Helper()
	sum, err := l.e.SyncOnce(context.Background(), nil)
	if err != nil {
		l.t.Fatalf("sync %s: %v", l.name, err)
	}
	return sum
}

func (l *laptop) session(id string) involve.Session {
	l.t.Helper()
	s, err := l.db.FindSessionByID(context.Background(), id)
	if err != nil {
		l.t.Fatalf("%s: session %s: %v", l.name, id, err)
	}
	return s
}

func (l *laptop) conflicts() []store.ConflictInfo {
	l.t.Helper()
	list, err := l.db.FindConflicts(context.Background())
	if err != nil {
		l.t.Fatal(err)
	}
	return list
}

// dataset is every record of a laptop, as JSON, by entity and id.
func (l *laptop) dataset() map[string]string {
	l.t.Helper()
	out := map[string]string{}
	err := l.db.Export(context.Background(), func(entity string, v any) error {
		b, _ := json.Marshal(v)
		var m map[string]any
		json.Unmarshal(b, &m)
		out[entity+" "+m["id"].(string)] = string(b)
		return nil
	})
	if err != nil {
		l.t.Fatal(err)
	}
	return out
}

// sameData checks that laptops hold the same records, field for field.
func sameData(t *testing.T, ls ...*laptop) {
	t.Helper()
	want := ls[0].dataset()
	for _, l := range ls[1:] {
		got := l.dataset()
		var keys []string
		for k := range want {
			keys = append(keys, k)
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if want[k] != got[k] {
				t.Errorf("%s differs:\n%s: %s\n%s: %s", k, ls[0].name, want[k], l.name, got[k])
			}
		}
	}
}

func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	a := enrol(t, env, team.ID, "Ada")
	b := enrol(t, env, team.ID, "Bo")

	var s involve.Session
	t.Run("CreatedOnAReachesB", func(t *testing.T) {
		var err error
		if s, err = a.db.CreateSession(ctx, involve.SessionInput{Title: "Library drop-in", Date: "2026-11-24", Type: "outreach_stall"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "Longer opening hours, please"}); err != nil {
			t.Fatal(err)
		}
		if sum := a.sync(); sum.Push.Applied != 2 {
			t.Fatalf("A pushed %+v", sum)
		}
		sum := b.sync()
		if sum.Pull.Written < 2 {
			t.Fatalf("B pulled %+v", sum)
		}
		got := b.session(s.ID)
		if got.Title != "Library drop-in" || got.FeedbackCount != 1 || got.CreatedBy != "Ada" || got.TeamID != team.ID {
			t.Fatalf("B has %+v", got)
		}
		if res, _ := b.db.Search(ctx, "opening hours", 5); len(res) != 1 {
			t.Fatalf("B cannot find the feedback: %+v", res)
		}
		a.sync()
		sameData(t, a, b)
	})

	t.Run("DifferentFieldsMerge", func(t *testing.T) {
		ina := a.session(s.ID).SessionInput
		ina.Venue = "Brixton Library"
		if _, err := a.db.UpdateSession(ctx, s.ID, involve.SessionInput{}, ina); err != nil {
			t.Fatal(err)
		}
		inb := b.session(s.ID).SessionInput
		inb.Borough = "E09000022"
		if _, err := b.db.UpdateSession(ctx, s.ID, involve.SessionInput{}, inb); err != nil {
			t.Fatal(err)
		}
		a.sync()
		if sum := b.sync(); sum.Push.Merged != 1 {
			t.Fatalf("B's push %+v", sum)
		}
		a.sync()
		for _, l := range []*laptop{a, b} {
			got := l.session(s.ID)
			if got.Venue != "Brixton Library" || got.Borough != "E09000022" {
				t.Errorf("%s: venue %q borough %q", l.name, got.Venue, got.Borough)
			}
			if len(l.conflicts()) != 0 {
				t.Errorf("%s has conflicts", l.name)
			}
		}
		sameData(t, a, b)
	})

	t.Run("SameFieldConflictVisibleAndResolvable", func(t *testing.T) {
		ina := a.session(s.ID).SessionInput
		ina.Title = "Library drop-in (morning)"
		if _, err := a.db.UpdateSession(ctx, s.ID, involve.SessionInput{}, ina); err != nil {
			t.Fatal(err)
		}
		inb := b.session(s.ID).SessionInput
		inb.Title = "Library drop-in (children's corner)"
		if _, err := b.db.UpdateSession(ctx, s.ID, involve.SessionInput{}, inb); err != nil {
			t.Fatal(err)
		}
		a.sync()
		if sum := b.sync(); sum.Push.Conflict != 1 || sum.Pull.NewConflicts != 1 {
			t.Fatalf("B's sync %+v", sum)
		}
		if sum := a.sync(); sum.Pull.NewConflicts != 1 {
			t.Fatalf("A's sync %+v", sum)
		}
		if a.session(s.ID).Title != b.session(s.ID).Title {
			t.Fatal("the laptops disagree on the winner")
		}
		var id string
		for _, l := range []*laptop{a, b} {
			list := l.conflicts()
			if len(list) != 1 || list[0].Field != "title" || list[0].Status != "open" || list[0].RecordTitle == "" {
				t.Fatalf("%s conflicts %+v", l.name, list)
			}
			c := list[0]
			vals := map[string]bool{string(c.Winner.Value): true, string(c.Loser.Value): true}
			if !vals[`"Library drop-in (morning)"`] || !vals[`"Library drop-in (children's corner)"`] || string(c.Current) != string(c.Winner.Value) {
				t.Fatalf("%s conflict values %+v", l.name, c)
			}
			if c.Winner.By == "" || c.Loser.By == "" {
				t.Errorf("%s: conflict without names: %+v / %+v", l.name, c.Winner, c.Loser)
			}
			id = c.ID
		}
		sameData(t, a, b)

		if _, err := b.db.ResolveConflict(ctx, id, "combined", json.RawMessage(`"Library drop-in (morning, children's corner)"`)); err != nil {
			t.Fatal(err)
		}
		b.sync()
		a.sync()
		for _, l := range []*laptop{a, b} {
			if got := l.session(s.ID).Title; got != "Library drop-in (morning, children's corner)" {
				t.Errorf("%s: title %q", l.name, got)
			}
			list := l.conflicts()
			if len(list) != 1 || list[0].Status != "resolved" || list[0].Resolution != "combined" || list[0].ResolvedBy != "Bo" {
				t.Errorf("%s: conflict after resolving %+v", l.name, list)
			}
			if _, _, open, _ := l.db.SyncCounts(ctx); open != 0 {
				t.Errorf("%s: %d open conflicts", l.name, open)
			}
		}
		sameData(t, a, b)
	})

	t.Run("DeleteAgainstEdit", func(t *testing.T) {
		list, _ := a.db.FindFeedback(ctx, s.ID)
		f := list[0]
		if err := a.db.DeleteFeedback(ctx, f.ID); err != nil {
			t.Fatal(err)
		}
		fb, _ := b.db.FindFeedbackByID(ctx, f.ID)
		in := fb.FeedbackInput
		in.Text = "Longer opening hours on Saturdays, please"
		if _, err := b.db.UpdateFeedback(ctx, f.ID, involve.FeedbackInput{}, in); err != nil {
			t.Fatal(err)
		}
		a.sync()
		b.sync()
		a.sync()
		for _, l := range []*laptop{a, b} {
			if _, err := l.db.FindFeedbackByID(ctx, f.ID); involve.ErrorCode(err) != involve.ENOTFOUND {
				t.Errorf("%s: the deletion did not win: %v", l.name, err)
			}
		}
		var del *store.ConflictInfo
		for _, c := range a.conflicts() {
			if c.Field == "deletedAt" && c.Status == "open" {
				del = &c
			}
		}
		if del == nil || !del.RecordDeleted {
			t.Fatalf("no delete conflict: %+v", a.conflicts())
		}
		sameData(t, a, b)
		// restoring brings the record back with the edit made on B
		if _, err := a.db.ResolveConflict(ctx, del.ID, "replaced", nil); err != nil {
			t.Fatal(err)
		}
		a.sync()
		b.sync()
		for _, l := range []*laptop{a, b} {
			got, err := l.db.FindFeedbackByID(ctx, f.ID)
			if err != nil || got.Text != "Longer opening hours on Saturdays, please" {
				t.Errorf("%s: restored feedback %+v %v", l.name, got, err)
			}
		}
		sameData(t, a, b)
	})

	t.Run("FreshLaptopPullsInSmallPages", func(t *testing.T) {
		// a session edited after its feedback comes after it in the pull order
		s2, _ := a.db.CreateSession(ctx, involve.SessionInput{Title: "Focus group", Date: "2026-11-25", Type: "focus_group"})
		for i := 0; i < 3; i++ {
			a.db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s2.ID, Text: "card"})
		}
		a.sync()
		if _, err := a.db.SaveSessionNotes(ctx, s2.ID, "notes written up later"); err != nil {
			t.Fatal(err)
		}
		a.sync()
		c := enrol(t, env, team.ID, "Cy")
		c.e.PullLimit = 1
		sum := c.sync()
		if sum.Pull.Parked != 0 {
			t.Fatalf("records left parked: %+v", sum)
		}
		if n, _ := c.db.ParkedCount(ctx); n != 0 {
			t.Fatalf("%d parked", n)
		}
		if got := c.session(s2.ID); got.FeedbackCount != 3 || got.Notes != "notes written up later" {
			t.Fatalf("C has %+v", got)
		}
		b.sync()
		sameData(t, a, b, c)
	})

	t.Run("RevokedLaptopKeepsItsWork", func(t *testing.T) {
		if _, err := b.db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "written after revocation"}); err != nil {
			t.Fatal(err)
		}
		if err := env.Store.RevokeDevice(ctx, b.db.DeviceID(), env.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		_, err := b.e.SyncOnce(ctx, nil)
		if !syncer.IsUnauthorized(err) {
			t.Fatalf("sync after revocation: %v", err)
		}
		st := b.e.Status()
		if st.State != syncer.StateUnauthorized || st.Message != syncer.MsgUnauthorized || st.Pending != 1 || !st.NextAttemptAt.IsZero() {
			t.Fatalf("status %+v", st)
		}
		if list, _ := b.db.FindFeedback(ctx, s.ID); len(list) != 2 {
			t.Fatalf("local data lost: %d feedback", len(list))
		}
		// an ordinary code does not reconnect it: its id is enrolled (issue 11: a device id
		// is not secret, so an ordinary code must not take an enrolled laptop over) …
		_, err = syncer.Connect(ctx, b.db, env.Server.URL, env.Code(team.ID, time.Hour), nil)
		if f := involve.ErrorFields(err); len(f) != 1 || f[0].Field != "code" || !strings.Contains(f[0].Message, "device reenrol") {
			t.Fatalf("reconnect with an ordinary code: %v, want the code field to say to ask for a code made for this laptop", err)
		}
		// … a code an administrator made for this laptop (device reenrol) connects it again
		// (here as `involve connect` would, beside the running engine, which picks the new
		// token up); the waiting change goes up
		if _, err := syncer.Connect(ctx, b.db, env.Server.URL, env.CodeFor(team.ID, b.db.DeviceID(), time.Hour), nil); err != nil {
			t.Fatal(err)
		}
		if sum := b.sync(); sum.Push.Applied != 1 {
			t.Fatalf("after reconnecting: %+v", sum)
		}
		a.sync()
		sameData(t, a, b)
	})

	t.Run("DisconnectedMeanwhile", func(t *testing.T) {
		c := enrol(t, env, team.ID, "Cy")
		if err := c.db.ForgetSyncConnection(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := c.e.SyncOnce(ctx, nil); !errors.Is(err, syncer.ErrNotConnected) {
			t.Fatalf("sync after disconnecting: %v", err)
		}
		if st := c.e.Status(); st.State != syncer.StateNotConnected {
			t.Fatalf("status %+v", st)
		}
	})

	t.Run("OtherTeamSeesNothing", func(t *testing.T) {
		other := env.Team("North")
		d := enrol(t, env, other.ID, "Di")
		if sum := d.sync(); sum.Pull.Received != 0 {
			t.Fatalf("another team's laptop received %+v", sum)
		}
	})
}

// TestInterruptedSyncResumes cuts a sync off after each request and checks that the
// next sync finishes the work, with nothing lost and nothing doubled.
func TestInterruptedSyncResumes(t *testing.T) {
	ctx := context.Background()
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	a := enrol(t, env, team.ID, "Ada")
	b := enrol(t, env, team.ID, "Bo")
	s, _ := a.db.CreateSession(ctx, involve.SessionInput{Title: "Big stall", Date: "2026-11-24", Type: "outreach_stall"})
	for i := 0; i < 50; i++ {
		if _, err := a.db.CreateFeedback(ctx, involve.FeedbackInput{SessionID: s.ID, Text: "card"}); err != nil {
			t.Fatal(err)
		}
	}
	a.e.PushBatch, b.e.PullLimit = 7, 9
	for i := 0; ; i++ {
		cctx, cancel := context.WithCancel(ctx)
		n := 0
		_, err := a.e.SyncOnce(cctx, func(p syncer.Progress) {
			if n++; n == 2 { // stop after the first batch
				cancel()
			}
		})
		cancel()
		if err == nil {
			break
		}
		if i > 20 {
			t.Fatalf("push never finished: %v", err)
		}
	}
	for i := 0; ; i++ {
		cctx, cancel := context.WithCancel(ctx)
		n := 0
		_, err := b.e.SyncOnce(cctx, func(p syncer.Progress) {
			if n++; n == 2 {
				cancel()
			}
		})
		cancel()
		if err == nil {
			break
		}
		if i > 20 {
			t.Fatalf("pull never finished: %v", err)
		}
	}
	if got := b.session(s.ID); got.FeedbackCount != 50 {
		t.Fatalf("B has %d feedback", got.FeedbackCount)
	}
	a.sync()
	sameData(t, a, b)
}

package desktop_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/internal/storetest"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/servertest"
	"github.com/hin-south-london/involve/app/syncer"
)

func fieldsOf(err error) map[string]string {
	m := map[string]string{}
	for _, f := range involve.ErrorFields(err) {
		m[f.Field] = f.Message
	}
	return m
}

// waitFor polls until ok or fails after a while (background sync runs on its own).
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestSyncFacade(t *testing.T) {
	env := servertest.NewEnv(t, servertest.SQLite)
	team := env.Team("South London")
	a, rt, _ := newApp(t)
	if _, err := a.SetUserName("Ada"); err != nil {
		t.Fatal(err)
	}

	t.Run("NotConnected", func(t *testing.T) {
		st, err := a.GetSyncStatus()
		if err != nil || st.State != desktop.SyncNotConnected || st.Connected || st.Message == "" || st.Progress != nil {
			t.Fatalf("%+v %v", st, err)
		}
		if _, err := a.SyncNow(); involve.ErrorCode(err) != involve.ECONFLICT {
			t.Fatalf("SyncNow while not connected: %v", err)
		}
	})

	t.Run("ConnectProblems", func(t *testing.T) {
		_, err := a.ConnectServer("", "", "")
		f := fieldsOf(err)
		if f["url"] != "Enter the server address, like https://involve.example.nhs.uk" || f["code"] == "" {
			t.Fatalf("%v", err)
		}
		_, err = a.ConnectServer(env.Server.URL, "WRNG-CODE-0000", "")
		if f := fieldsOf(err); !strings.Contains(f["code"], "not valid") {
			t.Fatalf("wrong code: %v", err)
		}
		gone := env.Server.URL[:strings.LastIndex(env.Server.URL, ":")] + ":1"
		_, err = a.ConnectServer(gone, "K7QD-9XWM-3PTR", "")
		if involve.ErrorCode(err) != involve.EUNAVAILABLE {
			t.Fatalf("unreachable: %v", err)
		}
		if st, _ := a.GetSyncStatus(); st.Connected {
			t.Fatal("connected after failures")
		}
	})

	s, err := a.CreateSession(involve.SessionInput{Title: "Community café", Date: "2026-11-24", Type: "community_event"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("ConnectAndSync", func(t *testing.T) {
		st, err := a.ConnectServer(env.Server.URL, env.Code(team.ID, time.Hour), "")
		if err != nil {
			t.Fatal(err)
		}
		if !st.Connected || st.TeamName != team.Name || st.ServerURL != env.Server.URL || st.DeviceName == "" {
			t.Fatalf("%+v", st)
		}
		// the background engine syncs at once; Sync now joins or follows it
		st, err = a.SyncNow()
		if err != nil {
			t.Fatal(err)
		}
		if st.State != desktop.SyncIdle || st.Pending != 0 || st.LastSyncedAt == "" || st.NextAttemptAt == "" || st.Message != "Everything is synced." {
			t.Fatalf("after SyncNow %+v", st)
		}
		waitFor(t, "a sync:status event", func() bool { return rt.count(desktop.EventSyncStatus) > 0 })
	})

	// a second laptop of the team makes a conflict
	ctx := context.Background()
	b := storetest.Open(t)
	b.SetUserName(ctx, "Bo")
	if _, err := syncer.Connect(ctx, b, env.Server.URL, env.Code(team.ID, time.Hour), nil); err != nil {
		t.Fatal(err)
	}
	be, _ := syncer.FromSettings(ctx, b, nil)
	if _, err := be.SyncOnce(ctx, nil); err != nil {
		t.Fatal(err)
	}

	var conflictID string
	t.Run("Conflicts", func(t *testing.T) {
		bs, err := b.FindSessionByID(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := bs.SessionInput
		in.Attendees = 40
		b.UpdateSession(ctx, s.ID, involve.SessionInput{}, in)
		got, _ := a.GetSession(s.ID)
		in = got.SessionInput
		in.Attendees = 42
		if _, err := a.UpdateSession(s.ID, got.SessionInput, in); err != nil {
			t.Fatal(err)
		}
		be.SyncOnce(ctx, nil)
		st, _ := a.SyncNow()
		if st.Conflicts != 1 {
			t.Fatalf("status %+v", st)
		}
		list, err := a.ListConflicts()
		if err != nil || len(list) != 1 {
			t.Fatalf("%+v %v", list, err)
		}
		c := list[0]
		if c.Entity != "session" || c.Field != "attendees" || c.FieldLabel != "Number of attendees" || c.Kind != "number" ||
			c.RecordTitle != "Community café" || c.Status != "open" || c.Current.Value != c.Winner.Value || c.Base.Value != "0" {
			t.Fatalf("conflict %+v", c)
		}
		vals := map[string]string{c.Winner.Value: c.Winner.By, c.Loser.Value: c.Loser.By}
		if vals["40"] != "Bo" || vals["42"] != "Ada" || c.Winner.Display != c.Winner.Value {
			t.Fatalf("sides %+v %+v", c.Winner, c.Loser)
		}
		conflictID = c.ID
		if _, err := a.ResolveConflict(c.ID, "combined", "-3"); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("a negative count: %v", err)
		}
		if _, err := a.ResolveConflict(c.ID, "combined", "not json"); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("not JSON: %v", err)
		}
		r, err := a.ResolveConflict(c.ID, "combined", "41")
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "resolved" || r.Resolution != "combined" || r.ResolvedBy != "Ada" || r.Current.Value != "41" {
			t.Fatalf("resolved %+v", r)
		}
		st, _ = a.SyncNow()
		if st.Conflicts != 0 || st.Pending != 0 {
			t.Fatalf("after resolving %+v", st)
		}
		be.SyncOnce(ctx, nil)
		if bs, _ := b.FindSessionByID(ctx, s.ID); bs.Attendees != 41 {
			t.Fatalf("B has %d attendees", bs.Attendees)
		}
	})

	t.Run("Rejected", func(t *testing.T) {
		list, err := a.ListRejectedChanges()
		if err != nil || list == nil || len(list) != 0 {
			t.Fatalf("%+v %v", list, err)
		}
	})

	t.Run("RevokedThenDisconnect", func(t *testing.T) {
		if err := env.Store.RevokeDevice(ctx, mustInfo(t, a).DeviceID, env.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "after revocation"}); err != nil {
			t.Fatal(err)
		}
		st, err := a.SyncNow()
		if err != nil || st.State != desktop.SyncUnauthorized || st.Message != syncer.MsgUnauthorized || st.Pending != 1 {
			t.Fatalf("%+v %v", st, err)
		}
		st, err = a.DisconnectServer()
		if err != nil || st.State != desktop.SyncNotConnected || st.Connected || st.Pending != 1 || st.Conflicts != 0 {
			t.Fatalf("after disconnect %+v %v", st, err)
		}
		if list, _ := a.ListFeedback(s.ID); len(list) != 1 {
			t.Fatal("records lost on disconnect")
		}
		if list, _ := a.ListConflicts(); len(list) != 1 || list[0].ID != conflictID {
			t.Fatalf("conflicts lost on disconnect: %+v", list)
		}
		// an ordinary code does not reconnect a laptop whose id is enrolled (issue 11);
		// a code made for it (involve-server device reenrol) does, and sends what waited
		if _, err := a.ConnectServer(env.Server.URL, env.Code(team.ID, time.Hour), ""); involve.ErrorCode(err) != involve.EINVALID {
			t.Fatalf("reconnect with an ordinary code: %v, want it refused", err)
		}
		if _, err := a.ConnectServer(env.Server.URL, env.CodeFor(team.ID, mustInfo(t, a).DeviceID, time.Hour), ""); err != nil {
			t.Fatal(err)
		}
		st, _ = a.SyncNow()
		if st.State != desktop.SyncIdle || st.Pending != 0 {
			t.Fatalf("after reconnecting %+v", st)
		}
	})

	t.Run("EventCarriesStatus", func(t *testing.T) {
		rt.mu.Lock()
		defer rt.mu.Unlock()
		found := false
		for _, d := range rt.data {
			if st, ok := d.(desktop.SyncStatus); ok && st.State != "" {
				found = true
			}
		}
		if !found {
			t.Fatal("no SyncStatus in sync:status events")
		}
		b, _ := json.Marshal(desktop.SyncStatus{})
		for _, k := range []string{`"state"`, `"connected"`, `"serverUrl"`, `"teamName"`, `"lastSyncedAt"`, `"nextAttemptAt"`, `"pending"`, `"rejected"`, `"conflicts"`, `"message"`, `"progress":null`} {
			if !strings.Contains(string(b), k) {
				t.Errorf("SyncStatus JSON lacks %s: %s", k, b)
			}
		}
	})
}

func mustInfo(t *testing.T, a *desktop.App) desktop.AppInfo {
	t.Helper()
	info, err := a.GetAppInfo()
	if err != nil {
		t.Fatal(err)
	}
	return info
}

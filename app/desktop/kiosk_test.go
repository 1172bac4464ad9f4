package desktop_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/store"
)

// testClock is a clock the kiosk's brute-force delay can be tested with.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openKioskApp starts a façade on dir (which may already hold a database: a restart),
// with the store's clock set to clock.
// kioskRuntime is the fake runtime of the last openKioskApp.
var kioskRuntime *fakeRuntime

func openKioskApp(t *testing.T, dir string, clock *testClock) *desktop.App {
	t.Helper()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir, func(db *store.DB) { db.Now = clock.Now })})
	kioskRuntime = &fakeRuntime{}
	desktop.Startup(a, context.Background(), kioskRuntime)
	return a
}

func codeOf(t *testing.T, a *desktop.App, err error) string {
	t.Helper()
	b, _ := json.Marshal(desktop.ErrorFormatter(a)(err))
	var got desktop.BackendError
	json.Unmarshal(b, &got)
	return got.Code
}

func rating(r int) *int { return &r }

func TestKiosk(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{t: time.Date(2026, 6, 13, 10, 0, 0, 0, time.UTC)}
	a := openKioskApp(t, dir, clock)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			desktop.Shutdown(a)
		}
	})

	stall, err := a.CreateSession(involve.SessionInput{Title: "Brixton market stall", Date: "2026-06-13", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := a.CreateSession(involve.SessionInput{Title: "Steering group", Date: "2026-06-12", Type: "steering_group"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateFeedback(involve.FeedbackInput{SessionID: other.ID, Text: "a private staff note"}); err != nil {
		t.Fatal(err)
	}
	themes, _ := a.ListThemes(false)
	archived, err := a.SetThemeArchived(themes[len(themes)-1].ID, true)
	if err != nil {
		t.Fatal(err)
	}
	access := involve.ThemeIDFor("Access")

	t.Run("OffByDefault", func(t *testing.T) {
		st, err := a.GetKioskState()
		if err != nil || st.Active || st.SessionID != "" || len(st.Themes) != 0 {
			t.Fatalf("GetKioskState = %+v, %v; want inactive and empty", st, err)
		}
		if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "hello"}); codeOf(t, a, err) != involve.ECONFLICT {
			t.Fatalf("submit while off: %v, want a conflict", err)
		}
	})

	t.Run("PINMustBe4To8Digits", func(t *testing.T) {
		for _, pin := range []string{"", "123", "123456789", "12a4", " 1234", "１２３４"} {
			_, err := a.StartKiosk(stall.ID, pin)
			if codeOf(t, a, err) != involve.EINVALID || involve.ErrorFields(err)[0].Field != "pin" {
				t.Errorf("StartKiosk(%q) = %v, want an invalid pin", pin, err)
			}
		}
		if _, err := a.StartKiosk("no-such-session", "2468"); codeOf(t, a, err) != involve.ENOTFOUND {
			t.Errorf("StartKiosk on a missing session = %v, want not found", err)
		}
		if st, _ := a.GetKioskState(); st.Active {
			t.Fatal("a refused start turned kiosk mode on")
		}
	})

	t.Run("StallName", func(t *testing.T) {
		if _, err := a.SetStallName(strings.Repeat("x", 101)); codeOf(t, a, err) != involve.EINVALID {
			t.Fatalf("a 101-character name: %v, want invalid", err)
		}
		if _, err := a.SetStallName("Healthwatch\nLambeth"); codeOf(t, a, err) != involve.EINVALID {
			t.Fatalf("a name of two lines: %v, want invalid", err)
		}
		got, err := a.SetStallName("  Healthwatch Lambeth ")
		if err != nil || got != "Healthwatch Lambeth" {
			t.Fatalf("SetStallName = %q, %v", got, err)
		}
		if got, err := a.GetStallName(); err != nil || got != "Healthwatch Lambeth" {
			t.Fatalf("GetStallName = %q, %v", got, err)
		}
	})

	st, err := a.StartKiosk(stall.ID, "2468")
	if err != nil {
		t.Fatal(err)
	}
	if st.Organisation != "Healthwatch Lambeth" || st.Received != 0 {
		t.Fatalf("StartKiosk: organisation %q, received %d; want the stall name and 0", st.Organisation, st.Received)
	}
	if !st.Active || st.SessionID != stall.ID || st.SessionTitle != stall.Title || len(st.Themes) != len(themes)-1 {
		t.Fatalf("StartKiosk = %+v", st)
	}
	for _, th := range st.Themes {
		if th.ID == archived.ID {
			t.Fatalf("archived theme %q offered on the kiosk", th.Label)
		}
	}

	t.Run("StateShowsNoOtherData", func(t *testing.T) {
		got, err := a.GetKioskState()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(got)
		var keys map[string]json.RawMessage
		json.Unmarshal(b, &keys)
		for k := range keys {
			if k != "active" && k != "sessionId" && k != "sessionTitle" && k != "themes" && k != "organisation" && k != "received" &&
				k != "questions" && k != "words" {
				t.Errorf("kiosk state has %q", k)
			}
		}
		if strings.Contains(string(b), "Steering") || strings.Contains(string(b), "private") {
			t.Errorf("kiosk state leaks other records: %s", b)
		}
	})

	t.Run("SubmitTwiceLandsInTheSession", func(t *testing.T) {
		r1, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "  The staff were kind.  ", Rating: rating(5),
			Themes: []string{access}, AgeBand: "35_44", EthnicGroup: "prefer_not_to_say", Borough: "E09000022"})
		if err != nil {
			t.Fatal(err)
		}
		if r1.ReceivedAt == "" {
			t.Fatalf("receipt %+v", r1)
		}
		if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "Long wait.\nNo seats."}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("NoEventsAboutTheTeamsData", func(t *testing.T) {
		// the public's screen hears nothing of other records or the server while the
		// kiosk is on, though kiosk submissions change data
		before := kioskRuntime.count(desktop.EventDataChanged) + kioskRuntime.count(desktop.EventSyncStatus)
		if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "One more"}); err != nil {
			t.Fatal(err)
		}
		if after := kioskRuntime.count(desktop.EventDataChanged) + kioskRuntime.count(desktop.EventSyncStatus); after != before {
			t.Fatalf("%d data or sync events reached the kiosk window", after-before)
		}
	})

	t.Run("SubmitValidation", func(t *testing.T) {
		cases := []struct {
			name  string
			in    involve.KioskFeedbackInput
			field string
		}{
			{"CommentRequired", involve.KioskFeedbackInput{Text: "   "}, "text"},
			{"CommentTooLong", involve.KioskFeedbackInput{Text: strings.Repeat("é", involve.MaxFeedback+1)}, "text"},
			{"RatingOutOfRange", involve.KioskFeedbackInput{Text: "x", Rating: rating(6)}, "rating"},
			{"ArchivedTheme", involve.KioskFeedbackInput{Text: "x", Themes: []string{archived.ID}}, "themes"},
			{"UnknownTheme", involve.KioskFeedbackInput{Text: "x", Themes: []string{"nope"}}, "themes"},
			{"AgeBand", involve.KioskFeedbackInput{Text: "x", AgeBand: "ancient"}, "ageBand"},
			{"EthnicGroup", involve.KioskFeedbackInput{Text: "x", EthnicGroup: "martian"}, "ethnicGroup"},
			{"Borough", involve.KioskFeedbackInput{Text: "x", Borough: "Atlantis"}, "borough"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := a.SubmitKioskFeedback(c.in)
				f := involve.ErrorFields(err)
				if codeOf(t, a, err) != involve.EINVALID || len(f) != 1 || f[0].Field != c.field {
					t.Fatalf("got %v (fields %+v), want one problem with %s", err, f, c.field)
				}
				if strings.Contains(f[0].Message, "Select") {
					t.Errorf("message %q is written for staff, not the public", f[0].Message)
				}
			})
		}
	})

	t.Run("EveryOtherMethodRefused", func(t *testing.T) {
		// The kiosk's own methods and a few that hold no records may answer; every
		// other bound method must refuse. A new bound method that reads or changes
		// data gets this for free by going through a.store() (or read/write).
		mayAnswer := map[string]bool{
			"GetKioskState": true, "SubmitKioskFeedback": true, "LeaveKiosk": true,
			"GetStartupState": true, "Quit": true, "CancelExport": true,
			"GetAppInfo": true, // version and data folder only: checked below
		}
		v := reflect.ValueOf(a)
		if v.NumMethod() < 30 {
			t.Fatalf("only %d bound methods found", v.NumMethod())
		}
		for i := 0; i < v.NumMethod(); i++ {
			m, name := v.Method(i), v.Type().Method(i).Name
			if mayAnswer[name] || strings.HasSuffix(name, "Reference") || strings.HasSuffix(name, "ReferenceData") {
				continue // shipped reference lists hold no records
			}
			mt := m.Type()
			args := make([]reflect.Value, mt.NumIn())
			for j := range args {
				if mt.In(j).Kind() == reflect.String {
					args[j] = reflect.ValueOf(stall.ID).Convert(mt.In(j)) // a real id, so validation passes
				} else {
					args[j] = reflect.Zero(mt.In(j))
				}
			}
			out := m.Call(args)
			if mt.NumOut() == 0 || !mt.Out(mt.NumOut()-1).Implements(reflect.TypeOf((*error)(nil)).Elem()) {
				t.Errorf("%s returns no error, so it cannot refuse in kiosk mode", name)
				continue
			}
			err, _ := out[len(out)-1].Interface().(error)
			if err == nil {
				t.Errorf("%s answered while kiosk mode is on: make it use a.store()", name)
			}
		}
		for name, call := range map[string]func() error{
			"ListSessions": func() error { _, err := a.ListSessions(involve.SessionFilter{}); return err },
			"GetSession":   func() error { _, err := a.GetSession(other.ID); return err },
			"ListFeedback": func() error { _, err := a.ListFeedback(stall.ID); return err },
			"Search":       func() error { _, err := a.Search("private", 10); return err },
			"GetHome":      func() error { _, err := a.GetHome(); return err },
			"ListThemes":   func() error { _, err := a.ListThemes(true); return err },
			"CreateFeedback": func() error {
				_, err := a.CreateFeedback(involve.FeedbackInput{SessionID: other.ID, Text: "x"})
				return err
			},
			"DeleteSession":  func() error { return a.DeleteSession(other.ID) },
			"GetSyncStatus":  func() error { _, err := a.GetSyncStatus(); return err },
			"ListConflicts":  func() error { _, err := a.ListConflicts(); return err },
			"SetUserName":    func() error { _, err := a.SetUserName("Mallory"); return err },
			"RestoreBackup":  func() error { _, err := a.RestoreBackup("daily.db"); return err },
			"StartKiosk":     func() error { _, err := a.StartKiosk(other.ID, "1111"); return err },
			"ConnectServer":  func() error { _, err := a.ConnectServer("http://127.0.0.1:1", "CODE", ""); return err },
			"DisconnectSync": func() error { _, err := a.DisconnectServer(); return err },
		} {
			err := call()
			if codeOf(t, a, err) != involve.EUNAUTHORIZED || !strings.Contains(involve.ErrorMessage(err), "Kiosk mode is on") {
				t.Errorf("%s in kiosk mode: %v, want %q", name, err, "Kiosk mode is on…")
			}
		}
		info, _ := a.GetAppInfo()
		if info.UserName != "" || info.DeviceID != "" {
			t.Errorf("GetAppInfo in kiosk mode tells %+v", info)
		}
	})

	t.Run("WrongPIN", func(t *testing.T) {
		_, err := a.LeaveKiosk("1357")
		if codeOf(t, a, err) != involve.EUNAUTHORIZED || involve.ErrorMessage(err) != "That PIN is not right." {
			t.Fatalf("wrong PIN: %v", err)
		}
		if f := involve.ErrorFields(err); len(f) != 1 || f[0].Field != "pin" {
			t.Fatalf("wrong PIN fields %+v", f)
		}
		if st, _ := a.GetKioskState(); !st.Active {
			t.Fatal("a wrong PIN left kiosk mode")
		}
		if _, err := a.LeaveKiosk(""); codeOf(t, a, err) != involve.EUNAUTHORIZED {
			t.Fatalf("empty PIN: %v", err)
		}
	})

	t.Run("RestartStaysInKiosk", func(t *testing.T) {
		desktop.Shutdown(a)
		stopped = true
		a = openKioskApp(t, dir, clock)
		stopped = false
		st, err := a.GetKioskState()
		if err != nil || !st.Active || st.SessionID != stall.ID {
			t.Fatalf("after restart: %+v, %v", st, err)
		}
		if _, err := a.ListSessions(involve.SessionFilter{}); codeOf(t, a, err) != involve.EUNAUTHORIZED {
			t.Fatalf("ListSessions after restart: %v", err)
		}
		if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "after a restart", Rating: rating(0)}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("GrowingDelayAfterFiveWrongPINs", func(t *testing.T) {
		// One wrong try so far (WrongPIN); three more are free, the fifth starts the wait.
		for i := 2; i <= 4; i++ {
			if _, err := a.LeaveKiosk("0000"); involve.ErrorMessage(err) != "That PIN is not right." {
				t.Fatalf("wrong try %d: %v", i, err)
			}
		}
		_, err := a.LeaveKiosk("0000")
		if want := "That PIN is not right. Too many wrong PINs: try again in 30 seconds."; involve.ErrorMessage(err) != want {
			t.Fatalf("fifth wrong try: %q, want %q", involve.ErrorMessage(err), want)
		}
		// Even the right PIN waits, and so does a restart.
		clock.Add(10 * time.Second)
		desktop.Shutdown(a)
		a = openKioskApp(t, dir, clock)
		if _, err := a.LeaveKiosk("2468"); involve.ErrorMessage(err) != "Too many wrong PINs. Try again in 20 seconds." {
			t.Fatalf("right PIN during the wait: %v", err)
		}
		clock.Add(21 * time.Second)
		if _, err := a.LeaveKiosk("9999"); !strings.HasSuffix(involve.ErrorMessage(err), "try again in 1 minute.") {
			t.Fatalf("sixth wrong try: %v", err)
		}
		clock.Add(61 * time.Second)
		if _, err := a.LeaveKiosk("9999"); !strings.HasSuffix(involve.ErrorMessage(err), "try again in 2 minutes.") {
			t.Fatalf("seventh wrong try: %v", err)
		}
		clock.Add(2*time.Minute + time.Second)
	})

	t.Run("LeaveWithThePIN", func(t *testing.T) {
		st, err := a.LeaveKiosk("2468")
		if err != nil || st.Active {
			t.Fatalf("LeaveKiosk = %+v, %v", st, err)
		}
		// Staff are told how many responses came in while kiosk mode was on.
		if st.Received != 4 || st.SessionID != stall.ID {
			t.Fatalf("LeaveKiosk: received %d in session %q, want 4 in %q", st.Received, st.SessionID, stall.ID)
		}
		if st, _ := a.GetKioskState(); st.Active {
			t.Fatal("still in kiosk mode")
		}
		list, err := a.ListFeedback(stall.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 4 {
			t.Fatalf("%d feedback items in the kiosk's session, want 4 (two, one checking events, and one after the restart)", len(list))
		}
		byText := map[string]involve.Feedback{}
		for _, f := range list {
			if f.Source != involve.SourceKiosk || f.SessionID != stall.ID || f.QuoteConsent || f.NeedsResponse {
				t.Errorf("kiosk item %+v", f.FeedbackInput)
			}
			byText[f.Text] = f
		}
		first := byText["The staff were kind."]
		if first.Rating == nil || *first.Rating != 5 || len(first.Themes) != 1 || first.Themes[0] != access ||
			first.AgeBand != "35_44" || first.EthnicGroup != "prefer_not_to_say" || first.Borough != "E09000022" {
			t.Errorf("first kiosk item %+v", first.FeedbackInput)
		}
		if f := byText["Long wait.\nNo seats."]; f.Rating != nil || len(f.Themes) != 0 {
			t.Errorf("second kiosk item %+v", f.FeedbackInput)
		}
		if others, _ := a.ListFeedback(other.ID); len(others) != 1 {
			t.Errorf("the other session has %d items, want its 1", len(others))
		}
		// The wrong-try count starts again: one wrong PIN in a new kiosk is free.
		if _, err := a.StartKiosk(stall.ID, "13572468"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.LeaveKiosk("0000"); involve.ErrorMessage(err) != "That PIN is not right." {
			t.Fatalf("wrong PIN in a new kiosk: %v", err)
		}
		if _, err := a.LeaveKiosk("13572468"); err != nil {
			t.Fatal(err)
		}
		if _, err := a.SubmitKioskFeedback(involve.KioskFeedbackInput{Text: "late"}); codeOf(t, a, err) != involve.ECONFLICT {
			t.Fatalf("submit after leaving: %v", err)
		}
	})
}

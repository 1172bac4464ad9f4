package desktop_test

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
)

// sideEffects are the bound methods the test does not call: they quit, open file
// dialogs, replace the database or talk to a server.
var sideEffects = map[string]bool{
	"Quit": true, "RestoreBackup": true, "ExportWorkbook": true, "ExportCSV": true, "CancelExport": true,
	"ConnectServer": true, "DisconnectServer": true, "SyncNow": true, "StartKiosk": true, "LeaveKiosk": true,
	"DismissWelcome": true,
}

// mustAnswer are list-returning methods that succeed on a fresh empty database with
// zero arguments: the test fails if one of them errs, so it cannot pass by skipping.
var mustAnswer = []string{
	"GetStartupState", "GetReferenceData", "GetPeopleReference", "GetKioskState",
	"ListThemes", "ListProjects", "ListSessions", "ListFeedback", "GetHome",
	"ListActions", "GetActionsBoard", "ListOutcomes",
	"ListConflicts", "ListRejectedChanges",
	"ListContributors", "ListConsents", "ListRateCards", "ListTimeEntries", "GetLEPTotals",
	"GetReport", "GetReportQuestions", "GetReach", "GetProjectReach", "ListBenchmarkPopulations",
}

// TestListsAreNeverNull calls every bound method (zero arguments) on a fresh empty
// database, then again with records whose own lists are empty (and the methods that
// need their ids), and checks that no list in an answer would reach the frontend as
// null.
func TestListsAreNeverNull(t *testing.T) {
	a, _, _ := newApp(t)
	t.Run("EmptyDatabase", func(t *testing.T) {
		answered := callAll(t, a)
		for _, name := range mustAnswer {
			if !answered[name] {
				t.Errorf("%s() on an empty database: want an answer, got an error", name)
			}
		}
	})

	t.Run("RecordsWithEmptyLists", func(t *testing.T) {
		p, err := a.CreateProject(involve.ProjectInput{Name: "Pharmacy access"})
		if err != nil {
			t.Fatal(err)
		}
		s, err := a.CreateSession(involve.SessionInput{ProjectID: p.ID, Title: "Market stall", Date: "2026-11-24", Type: "outreach_stall"})
		if err != nil {
			t.Fatal(err)
		}
		f, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "card"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.CreateTheme("Signage and wayfinding"); err != nil {
			t.Fatal(err)
		}
		act, err := a.CreateAction(involve.Action{SessionID: s.ID, YouSaid: "The entrance is hard to find"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.CreateOutcome(involve.Outcome{ProjectID: p.ID, Description: "New signage", Direction: "positive", Magnitude: "minor"}); err != nil {
			t.Fatal(err)
		}
		prof, err := a.AddAttendeeProfile(involve.Attendee{SessionID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		callAll(t, a)
		withIDs := map[string]func() (any, error){
			"GetProject":             func() (any, error) { return a.GetProject(p.ID) },
			"GetSession":             func() (any, error) { return a.GetSession(s.ID) },
			"ListFeedback":           func() (any, error) { return a.ListFeedback(s.ID) },
			"RestoreFeedback":        func() (any, error) { return a.RestoreFeedback(f.ID) },
			"ListSessions":           func() (any, error) { return a.ListSessions(involve.SessionFilter{ProjectID: p.ID}) },
			"GetAction":              func() (any, error) { return a.GetAction(act.ID) },
			"ListActions":            func() (any, error) { return a.ListActions(involve.ActionFilter{SessionID: s.ID}) },
			"GetActionsBoard":        func() (any, error) { return a.GetActionsBoard(p.ID) },
			"ListOutcomes":           func() (any, error) { return a.ListOutcomes(p.ID) },
			"GetProjectWriteUp":      func() (any, error) { return a.GetProjectWriteUp(p.ID) },
			"GetSessionReach":        func() (any, error) { return a.GetSessionReach(s.ID) },
			"GetProjectReach":        func() (any, error) { return a.GetProjectReach(p.ID) },
			"RestoreAttendeeProfile": func() (any, error) { return a.RestoreAttendeeProfile(prof.ID) },
			"Search":                 func() (any, error) { return a.Search("market", 10) },
		}
		for name, call := range withIDs {
			t.Run(name+"ByID", func(t *testing.T) {
				got, err := call()
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range nullLists(reflect.ValueOf(got), name) {
					t.Errorf("%s is nil: it reaches the frontend as null, not []", p)
				}
			})
		}
	})
}

// callAll calls every bound method that has no side effects with zero arguments and
// checks the answers of those that succeed; it returns their names.
func callAll(t *testing.T, a *desktop.App) map[string]bool {
	t.Helper()
	v := reflect.ValueOf(a)
	answered := map[string]bool{}
	for i := 0; i < v.NumMethod(); i++ {
		m := v.Type().Method(i)
		if sideEffects[m.Name] || m.Type.NumOut() != 2 {
			continue
		}
		args := make([]reflect.Value, m.Type.NumIn()-1)
		for j := range args {
			args[j] = reflect.Zero(m.Type.In(j + 1))
		}
		out := v.Method(i).Call(args)
		if err, _ := out[1].Interface().(error); err != nil {
			continue // zero arguments are not always a valid question
		}
		answered[m.Name] = true
		t.Run(m.Name, func(t *testing.T) {
			for _, p := range nullLists(out[0], m.Name) {
				t.Errorf("%s is nil: it reaches the frontend as null, not []", p)
			}
			if _, err := json.Marshal(out[0].Interface()); err != nil {
				t.Errorf("marshal: %v", err)
			}
		})
	}
	return answered
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// nullLists returns the paths of the nil slices and maps encoding/json would write
// as null in v (byte slices and values with their own JSON aside).
func nullLists(v reflect.Value, path string) []string {
	t := v.Type()
	if t.Implements(jsonMarshaler) || t.Implements(textMarshaler) ||
		reflect.PointerTo(t).Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return nil
	}
	var out []string
	switch t.Kind() {
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil
		}
		if v.IsNil() {
			return []string{path}
		}
		for i := 0; i < v.Len(); i++ {
			out = append(out, nullLists(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
	case reflect.Map:
		if v.IsNil() {
			return []string{path}
		}
		for it := v.MapRange(); it.Next(); {
			out = append(out, nullLists(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()))...)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = nullLists(v.Elem(), path)
		}
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			out = append(out, nullLists(v.Field(i), path+"."+name)...)
		}
	}
	return out
}

package desktop_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/hin-south-london/involve/app/desktop"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/jsonl"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// dialogRuntime is a fake runtime with dialogs: each dialog call is recorded and
// answered by answer (which may block, to hold an export in its dialog).
type dialogRuntime struct {
	fakeRuntime
	answer  func() (string, error)
	mu      sync.Mutex
	saves   []runtime.SaveDialogOptions
	folders []runtime.OpenDialogOptions
	onEmit  func(name string, data any)
}

func (d *dialogRuntime) SaveFileDialog(opt runtime.SaveDialogOptions) (string, error) {
	d.mu.Lock()
	d.saves = append(d.saves, opt)
	d.mu.Unlock()
	return d.answer()
}

func (d *dialogRuntime) OpenDirectoryDialog(opt runtime.OpenDialogOptions) (string, error) {
	d.mu.Lock()
	d.folders = append(d.folders, opt)
	d.mu.Unlock()
	return d.answer()
}

func (d *dialogRuntime) Emit(name string, data ...any) {
	d.fakeRuntime.Emit(name, data...)
	if d.onEmit != nil && len(data) > 0 {
		d.onEmit(name, data[0])
	}
}

func (d *dialogRuntime) progress() []desktop.ExportProgress {
	d.fakeRuntime.mu.Lock()
	defer d.fakeRuntime.mu.Unlock()
	var out []desktop.ExportProgress
	for _, v := range d.data {
		if p, ok := v.(desktop.ExportProgress); ok {
			out = append(out, p)
		}
	}
	return out
}

// newReportApp starts a façade with dialogs on a data folder holding sessions
// sessions of perSession feedback items each (imported as JSON Lines), dated in 2026.
func newReportApp(t *testing.T, sessions, perSession int) (*desktop.App, *dialogRuntime, string) {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "involve.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for i := 0; i < sessions; i++ {
		sid := uuid.NewString()
		fmt.Fprintf(&b, `{"kind":"session","id":%q,"title":"Stall %d","date":"2026-%02d-10","borough":"Croydon","type":"workshop","level":"involve","facilitator":"Sam Quinn","attendees":20,"notes":"n"}`+"\n",
			sid, i, 1+i%12)
		for j := 0; j < perSession; j++ {
			fmt.Fprintf(&b, `{"kind":"feedback","id":%q,"session_id":%q,"created_at":"2026-01-10T11:30:34Z","channel":"comment card","rating":%d,"themes":["waiting times"],"comment":"Card %d","age_band":"25-34","ethnic_group":"Black","borough":"Croydon","captured_by":"Owen N."}`+"\n",
				uuid.NewString(), sid, 1+j%5, j)
		}
	}
	if _, err := jsonl.Import(ctx, db, &b, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	a := desktop.New(desktop.Config{Version: "test", DataDir: dir, Open: openStore(dir)})
	rt := &dialogRuntime{}
	desktop.Startup(a, context.Background(), rt)
	t.Cleanup(func() { desktop.Shutdown(a) })
	return a, rt, dir
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	return out
}

func TestReports(t *testing.T) {
	a, rt, _ := newReportApp(t, 4, 30)
	q1 := report.Filter{From: "2026-01-01", To: "2026-03-31"}

	t.Run("GetReport", func(t *testing.T) {
		fig, err := a.GetReport(q1)
		if err != nil {
			t.Fatal(err)
		}
		if fig.Sessions != 3 || fig.FeedbackItems != 90 || fig.PeopleReached.N != 60 {
			t.Fatalf("figures %d sessions, %d items, %d people", fig.Sessions, fig.FeedbackItems, fig.PeopleReached.N)
		}
	})

	t.Run("DialogClosed", func(t *testing.T) {
		out := t.TempDir()
		rt.answer = func() (string, error) { return "", nil }
		res, err := a.ExportWorkbook(q1)
		if err != nil || !res.Cancelled || res.Path != "" {
			t.Fatalf("%+v, %v", res, err)
		}
		last := rt.saves[len(rt.saves)-1]
		if last.DefaultFilename != "involve-summary-2026-01-01-to-2026-03-31.xlsx" || len(last.Filters) != 1 || last.Filters[0].Pattern != "*.xlsx" {
			t.Fatalf("dialog options %+v", last)
		}
		if res, err := a.ExportCSV(q1); err != nil || !res.Cancelled {
			t.Fatalf("csv: %+v, %v", res, err)
		}
		if files := listDir(t, out); len(files) != 0 {
			t.Fatalf("files written: %v", files)
		}
	})

	t.Run("WorkbookWithProgress", func(t *testing.T) {
		out := t.TempDir()
		rt.answer = func() (string, error) { return filepath.Join(out, "first quarter"), nil } // no extension typed
		before := len(rt.progress())
		res, err := a.ExportWorkbook(q1)
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(out, "first quarter.xlsx")
		fi, serr := os.Stat(want)
		if res.Cancelled || res.Path != want || len(res.Files) != 1 || serr != nil || res.Bytes != fi.Size() ||
			res.Sessions != 3 || res.Feedback != 90 {
			t.Fatalf("%+v (file: %v)", res, serr)
		}
		if files := listDir(t, out); len(files) != 1 {
			t.Fatalf("files left: %v", files)
		}
		ps := rt.progress()[before:]
		if len(ps) == 0 {
			t.Fatal("no export:progress events")
		}
		lastP := ps[len(ps)-1]
		if lastP.Kind != "xlsx" || lastP.Done != 93 || lastP.Total != 93 {
			t.Fatalf("last progress %+v", lastP)
		}
		if rt.count(desktop.EventExportProgress) < len(ps) {
			t.Fatal("progress sent under another event name")
		}
	})

	t.Run("CSV", func(t *testing.T) {
		out := t.TempDir()
		rt.answer = func() (string, error) { return out, nil }
		before := len(rt.progress())
		res, err := a.ExportCSV(report.Filter{From: "2026-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(out, "involve-summary-from-2026-01-01")
		if res.Path != dir || len(res.Files) != 6 || res.Sessions != 4 || res.Feedback != 120 || res.Bytes == 0 { // six CSV files
			t.Fatalf("%+v", res)
		}
		b, _ := os.ReadFile(filepath.Join(dir, "feedback.csv"))
		if n := strings.Count(string(b), "\r\n"); n != 121 {
			t.Fatalf("feedback.csv has %d lines", n)
		}
		ps := rt.progress()[before:]
		if len(ps) == 0 || ps[len(ps)-1].Kind != "csv" {
			t.Fatalf("progress %+v", ps)
		}
	})

	t.Run("FilterErrors", func(t *testing.T) {
		rt.answer = func() (string, error) { t.Error("dialog shown for a bad filter"); return "", nil }
		format := desktop.ErrorFormatter(a)
		for _, c := range []struct {
			f      report.Filter
			fields []string
		}{
			{report.Filter{From: "2026-02-30"}, []string{"from"}},
			{report.Filter{From: "2026-03-01", To: "2026-02-01"}, []string{"to"}},
			{report.Filter{Borough: "Lambeth", SessionType: "party"}, []string{"borough", "sessionType"}},
			{report.Filter{ProjectID: "no-such-project", To: "yesterday"}, []string{"to", "projectId"}},
		} {
			for name, call := range map[string]func(report.Filter) error{
				"GetReport": func(f report.Filter) error { _, err := a.GetReport(f); return err },
				"GetReportQuestions": func(f report.Filter) error {
					_, err := a.GetReportQuestions(f, report.BreakdownRequest{})
					return err
				},
				"ExportWorkbook": func(f report.Filter) error { _, err := a.ExportWorkbook(f); return err },
				"ExportCSV":      func(f report.Filter) error { _, err := a.ExportCSV(f); return err },
			} {
				err := call(c.f)
				be, ok := format(err).(desktop.BackendError)
				if !ok || be.Code != involve.EINVALID {
					t.Fatalf("%s(%+v): %v", name, c.f, err)
				}
				var got []string
				for _, fe := range be.Fields {
					got = append(got, fe.Field)
				}
				if strings.Join(got, ",") != strings.Join(c.fields, ",") {
					t.Errorf("%s(%+v): fields %v, want %v", name, c.f, got, c.fields)
				}
			}
		}
	})

	t.Run("OneExportAtATime", func(t *testing.T) {
		inDialog, release := make(chan struct{}), make(chan struct{})
		out := t.TempDir()
		rt.answer = func() (string, error) {
			close(inDialog)
			<-release
			return filepath.Join(out, "a.xlsx"), nil
		}
		type result struct {
			res desktop.ExportResult
			err error
		}
		first := make(chan result)
		go func() {
			res, err := a.ExportWorkbook(q1)
			first <- result{res, err}
		}()
		<-inDialog
		for name, call := range map[string]func() error{
			"ExportWorkbook": func() error { _, err := a.ExportWorkbook(q1); return err },
			"ExportCSV":      func() error { _, err := a.ExportCSV(q1); return err },
		} {
			err := call()
			if involve.ErrorCode(err) != involve.EUNAVAILABLE || !strings.Contains(involve.ErrorMessage(err), "already running") {
				t.Errorf("second export (%s) while one runs: %v", name, err)
			}
		}
		// cancelled while its dialog is open: nothing is written even though a file is chosen
		if err := a.CancelExport(); err != nil {
			t.Fatal(err)
		}
		close(release)
		r := <-first
		if r.err != nil || !r.res.Cancelled {
			t.Fatalf("first export: %+v, %v", r.res, r.err)
		}
		if files := listDir(t, out); len(files) != 0 {
			t.Fatalf("files written: %v", files)
		}
		// and the slot is free again
		rt.answer = func() (string, error) { return filepath.Join(out, "b.xlsx"), nil }
		if res, err := a.ExportWorkbook(q1); err != nil || res.Cancelled {
			t.Fatalf("export after: %+v, %v", res, err)
		}
	})

	t.Run("CancelWithNoExport", func(t *testing.T) {
		if err := a.CancelExport(); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCancelExportMidWay cancels exports from their first progress event (rows are
// being written): each returns Cancelled, and no file, partial or not, is left.
func TestCancelExportMidWay(t *testing.T) {
	a, rt, _ := newReportApp(t, 10, 400) // 4,010 rows: progress every 1,000
	for _, kind := range []string{"xlsx", "csv"} {
		t.Run(kind, func(t *testing.T) {
			out := t.TempDir()
			var events []desktop.ExportProgress
			rt.onEmit = func(name string, data any) {
				if p, ok := data.(desktop.ExportProgress); ok && name == desktop.EventExportProgress {
					events = append(events, p)
					if len(events) == 1 {
						a.CancelExport()
					}
				}
			}
			defer func() { rt.onEmit = nil }()
			var res desktop.ExportResult
			var err error
			if kind == "xlsx" {
				rt.answer = func() (string, error) { return filepath.Join(out, "report.xlsx"), nil }
				res, err = a.ExportWorkbook(report.Filter{})
			} else {
				rt.answer = func() (string, error) { return out, nil }
				res, err = a.ExportCSV(report.Filter{})
			}
			if err != nil || !res.Cancelled || res.Path != "" {
				t.Fatalf("%+v, %v", res, err)
			}
			if len(events) == 0 || events[0].Done >= events[0].Total {
				t.Fatalf("not cancelled mid-way: progress %+v", events)
			}
			if files := listDir(t, out); len(files) != 0 {
				t.Fatalf("files left: %v", files)
			}
			if dirs, _ := os.ReadDir(out); len(dirs) != 0 {
				t.Fatalf("folders left: %v", dirs)
			}
		})
	}
}

// TestExportTestHook: with INVOLVE_TEST_SAVE_DIR set, no dialog is shown (the plain
// fake runtime has none) and the files go there under their default names.
func TestExportTestHook(t *testing.T) {
	a, _, _ := newApp(t)
	if _, err := a.ExportWorkbook(report.Filter{}); involve.ErrorCode(err) != involve.EUNAVAILABLE {
		t.Fatalf("export without dialogs or hook: %v", err)
	}
	out := t.TempDir()
	t.Setenv(desktop.TestSaveDirEnv, out)
	f := report.Filter{From: "2026-01-01", To: "2026-03-31"}
	res, err := a.ExportWorkbook(f)
	if err != nil || res.Path != filepath.Join(out, "involve-summary-2026-01-01-to-2026-03-31.xlsx") {
		t.Fatalf("%+v, %v", res, err)
	}
	res, err = a.ExportCSV(f)
	if err != nil || res.Path != filepath.Join(out, "involve-summary-2026-01-01-to-2026-03-31") || len(res.Files) != 6 { // sessions, feedback, actions, outcomes, lep, responses
		t.Fatalf("%+v, %v", res, err)
	}
	if files := listDir(t, out); len(files) != 7 { // the workbook and six CSV files
		t.Fatalf("files %v", files)
	}
}

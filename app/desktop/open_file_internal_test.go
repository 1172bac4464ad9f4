package desktop

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hin-south-london/involve/app/datadir"
	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
)

// newOpenApp starts a façade on an empty data folder whose exports go to out (the
// end-to-end tests' hook, so no dialog).
func newOpenApp(t *testing.T) (*App, string) {
	t.Helper()
	dir, out := t.TempDir(), t.TempDir()
	a := New(Config{Version: "test", DataDir: dir, Open: func() (*store.DB, StartupState) {
		db, err := store.Open(context.Background(), filepath.Join(dir, datadir.DBName), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db, StartupState{}
	}})
	Startup(a, context.Background(), nil)
	t.Cleanup(func() { Shutdown(a) })
	t.Setenv(TestSaveDirEnv, out)
	return a, out
}

// recorder is a launcher that notes what it was asked to open or show.
type recorder struct {
	mu     sync.Mutex
	opened []string
	shown  []string
}

func (r *recorder) launcher() launcher {
	return launcher{
		open: func(p string) error { r.mu.Lock(); r.opened = append(r.opened, p); r.mu.Unlock(); return nil },
		show: func(p string) error { r.mu.Lock(); r.shown = append(r.shown, p); r.mu.Unlock(); return nil },
	}
}

func useLauncher(a *App, l launcher) {
	s := a.exported()
	s.mu.Lock()
	s.launcher = l
	s.mu.Unlock()
}

// TestOpenExportedFileOnlyExported: a path the window sends is opened only when this
// App exported it in this session, exactly as written, and is refused otherwise (before
// any launcher runs); a file moved away since is refused with a sentence saying so.
func TestOpenExportedFileOnlyExported(t *testing.T) {
	a, out := newOpenApp(t)
	rec := &recorder{}
	useLauncher(a, rec.launcher())

	workbook := filepath.Join(out, "involve-summary-all-dates.xlsx")
	// not exported yet: refused, though the file exists
	if err := os.WriteFile(workbook, []byte("not ours"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, call := range []func(string) error{a.OpenExportedFile, a.ShowExportedFileInFolder} {
		if err := call(workbook); involve.ErrorCode(err) != involve.EINVALID ||
			!strings.Contains(err.Error(), "only the files it exported since it started") {
			t.Fatalf("a file not exported: %v", err)
		}
	}

	res, err := a.ExportWorkbook(report.Filter{})
	if err != nil || res.Path != workbook {
		t.Fatalf("%+v, %v", res, err)
	}
	csv, err := a.ExportCSV(report.Filter{})
	if err != nil || len(csv.Files) == 0 {
		t.Fatalf("%+v, %v", csv, err)
	}
	other := filepath.Join(out, "other.xlsx")
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	for _, bad := range []string{
		"",
		other,                            // in the same folder, not exported
		workbook + "x",                   // a near miss
		"involve-summary-all-dates.xlsx", // relative: from the working folder, not the export folder
		filepath.Join(cwd, "open_file.go"),
		"/etc/passwd",
		csv.Path, // the CSV folder itself is not a file Involve wrote
	} {
		if err := a.OpenExportedFile(bad); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("OpenExportedFile(%q): %v", bad, err)
		}
		if err := a.ShowExportedFileInFolder(bad); involve.ErrorCode(err) != involve.EINVALID {
			t.Errorf("ShowExportedFileInFolder(%q): %v", bad, err)
		}
	}
	if len(rec.opened)+len(rec.shown) != 0 {
		t.Fatalf("a refused path reached the launcher: %v %v", rec.opened, rec.shown)
	}

	// the workbook (also written another way round), and a CSV file
	for _, ok := range []string{workbook, filepath.Join(out, "..", filepath.Base(out), filepath.Base(workbook)), csv.Files[0]} {
		if err := a.OpenExportedFile(ok); err != nil {
			t.Fatalf("OpenExportedFile(%q): %v", ok, err)
		}
		if err := a.ShowExportedFileInFolder(ok); err != nil {
			t.Fatalf("ShowExportedFileInFolder(%q): %v", ok, err)
		}
	}
	want := []string{workbook, workbook, csv.Files[0]}
	if strings.Join(rec.opened, "\n") != strings.Join(want, "\n") || strings.Join(rec.shown, "\n") != strings.Join(want, "\n") {
		t.Fatalf("opened %q, shown %q; want %q", rec.opened, rec.shown, want)
	}

	// moved away, or put back as a link to something else: refused with a sentence
	if err := os.Remove(workbook); err != nil {
		t.Fatal(err)
	}
	err = a.OpenExportedFile(workbook)
	if involve.ErrorCode(err) != involve.ENOTFOUND || !strings.Contains(err.Error(), "The workbook is no longer at "+workbook) {
		t.Fatalf("a deleted workbook: %v", err)
	}
	if err := os.Symlink(other, workbook); err != nil {
		t.Fatal(err)
	}
	if err := a.ShowExportedFileInFolder(workbook); involve.ErrorCode(err) != involve.ENOTFOUND {
		t.Fatalf("a workbook replaced by a link: %v", err)
	}
	if len(rec.opened) != 3 || len(rec.shown) != 3 {
		t.Fatalf("launched again: %v %v", rec.opened, rec.shown)
	}
}

// TestOpenExportedFileRemembersTheLatest: an App remembers the files of its latest
// exports only (a bounded list).
func TestOpenExportedFileRemembersTheLatest(t *testing.T) {
	a, _ := newOpenApp(t)
	useLauncher(a, (&recorder{}).launcher())
	first, err := a.ExportWorkbook(report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < maxRemembered; i++ {
		a.rememberExport(ExportResult{Files: []string{filepath.Join(t.TempDir(), "x.xlsx")}})
	}
	if err := a.OpenExportedFile(first.Path); involve.ErrorCode(err) != involve.EINVALID {
		t.Fatalf("an export %d files ago: %v", maxRemembered, err)
	}
	if n := len(a.exported().paths); n != maxRemembered {
		t.Fatalf("remembers %d paths", n)
	}
}

// fakeOpener puts a program called name on an otherwise empty PATH: it writes each
// argument it is given, NUL-terminated, to the file it returns, and exits with exit.
func fakeOpener(t *testing.T, name, exit string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake opener is a shell script")
	}
	bin := t.TempDir()
	argv := filepath.Join(t.TempDir(), "argv")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> \"$FAKE_ARGV\"; done\nexit " + exit + "\n"
	if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("FAKE_ARGV", argv)
	return argv
}

func readArgv(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(file)
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

// TestLaunchersPassThePathAsOneArgument: Linux's and macOS's launchers start their
// program directly with the path as one argument, however odd its name (no shell reads
// it: nothing in it runs, and spaces and quotes stay in it).
func TestLaunchersPassThePathAsOneArgument(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My files; $(touch pwned)")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "Summary 'Q1' \"draft\" `touch pwned` *.xlsx")
	if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		goos, program string
		open, show    []string
	}{
		{"linux", "xdg-open", []string{path}, []string{dir}},
		{"darwin", "open", []string{path}, []string{"-R", path}},
	} {
		argv := fakeOpener(t, c.program, "0")
		l := launcherFor(c.goos)
		if err := l.open(path); err != nil {
			t.Fatalf("%s open: %v", c.goos, err)
		}
		if got := readArgv(t, argv); strings.Join(got, "|") != strings.Join(c.open, "|") {
			t.Errorf("%s open: %s got %q, want %q", c.goos, c.program, got, c.open)
		}
		if err := l.show(path); err != nil {
			t.Fatalf("%s show: %v", c.goos, err)
		}
		if got := readArgv(t, argv); strings.Join(got, "|") != strings.Join(c.show, "|") {
			t.Errorf("%s show: %s got %q, want %q", c.goos, c.program, got, c.show)
		}
	}
	if _, err := os.Stat("pwned"); err == nil {
		os.Remove("pwned")
		t.Fatal("a command in the file's name ran")
	}
}

// TestOpenExportedFileWithoutAProgram: no xdg-open installed, or none set up for the
// type (xdg-open's exit status 4), is said in a sentence; another failure gives the
// program's exit status.
func TestOpenExportedFileWithoutAProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("xdg-open is Linux's")
	}
	a, _ := newOpenApp(t)
	res, err := a.ExportWorkbook(report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir()) // nothing at all on PATH
	err = a.OpenExportedFile(res.Path)
	want := "Could not open the workbook: no program to open .xlsx files is set up on this computer."
	if involve.ErrorCode(err) != involve.EUNAVAILABLE || err.Error() != want {
		t.Fatalf("no xdg-open: %v", err)
	}
	err = a.ShowExportedFileInFolder(res.Path)
	if err == nil || err.Error() != "Could not show the folder of the workbook: no program to show folders is set up on this computer." {
		t.Fatalf("no xdg-open: %v", err)
	}

	fakeOpener(t, "xdg-open", "4") // xdg-open: "the action failed"
	if err := a.OpenExportedFile(res.Path); err == nil || err.Error() != want {
		t.Fatalf("xdg-open found nothing to open it: %v", err)
	}
	fakeOpener(t, "xdg-open", "1")
	if err := a.OpenExportedFile(res.Path); err == nil || err.Error() != "Could not open the workbook: xdg-open stopped with exit status 1." {
		t.Fatalf("xdg-open failed: %v", err)
	}
}

// TestExplorerCommandLine: Explorer's own command line, quotes around the path only; a
// path with a quote (which Windows does not allow) is refused.
func TestExplorerCommandLine(t *testing.T) {
	got, err := explorerCommandLine(`C:\Windows\explorer.exe`, `C:\Users\Sam\My files, 2026\Summary (Q1).xlsx`)
	if want := `"C:\Windows\explorer.exe" /select,"C:\Users\Sam\My files, 2026\Summary (Q1).xlsx"`; err != nil || got != want {
		t.Fatalf("got %s, %v; want %s", got, err, want)
	}
	if _, err := explorerCommandLine(`C:\Windows\explorer.exe`, `C:\a" /root,"C:\b.xlsx`); err == nil {
		t.Fatal("a path with a quote was accepted")
	}
}

// TestOpenPublishedFile: the file a "you said, we did" was saved to may be opened and
// shown in its folder, as an export may.
func TestOpenPublishedFile(t *testing.T) {
	a, _ := newOpenApp(t)
	rec := &recorder{}
	useLauncher(a, rec.launcher())
	s, err := a.CreateSession(involve.SessionInput{Title: "Market stall", Date: "2026-05-02", Type: "outreach_stall"})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := a.CreateFeedback(involve.FeedbackInput{SessionID: s.ID, Text: "The signs are confusing", QuoteConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	act, err := a.CreateAction(involve.Action{FeedbackIDs: []string{fb.ID}, YouSaid: fb.Text, WeDid: "New signs went up.", Status: involve.ActionDone})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.PublishYouSaidWeDid(PublishRequest{ActionIDs: []string{act.ID}, Format: involve.PublicationEmailText,
		Channel: "newsletter", PublishedOn: "2026-05-03"})
	if err != nil || res.Path == "" {
		t.Fatalf("%+v, %v", res, err)
	}
	if err := a.OpenExportedFile(res.Path); err != nil {
		t.Fatal(err)
	}
	if err := a.ShowExportedFileInFolder(res.Path); err != nil {
		t.Fatal(err)
	}
	if len(rec.opened) != 1 || rec.opened[0] != res.Path || len(rec.shown) != 1 || rec.shown[0] != res.Path {
		t.Fatalf("opened %v, shown %v", rec.opened, rec.shown)
	}
}

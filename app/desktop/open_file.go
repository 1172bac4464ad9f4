package desktop

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/involve"
)

// "Open workbook" and "Show in folder" after an export (the Reports screen). The path
// comes from the window, so it is never trusted: only a file this App itself exported
// since it started is accepted, and anything else is refused. The file is handed to the
// system's own program for it, started directly with the path as one argument of its
// own: never through a shell, never with a path the window made up.

// OpenExportedFile opens a file this session exported (the workbook, or one of the CSV
// files) with the program the computer has for its type: Excel, LibreOffice Calc…
func (a *App) OpenExportedFile(path string) error {
	p, err := a.exportedFile(path)
	if err != nil {
		return err
	}
	if err := a.exported().launch().open(p); err != nil {
		return launchError("Could not open "+fileNoun(p), err, "no program to open "+extOf(p)+" files is set up on this computer")
	}
	return nil
}

// ShowExportedFileInFolder opens the folder of a file this session exported, with the
// file selected where the system can (Windows and macOS; on Linux the folder opens).
func (a *App) ShowExportedFileInFolder(path string) error {
	p, err := a.exportedFile(path)
	if err != nil {
		return err
	}
	if err := a.exported().launch().show(p); err != nil {
		return launchError("Could not show the folder of "+fileNoun(p), err, "no program to show folders is set up on this computer")
	}
	return nil
}

// maxRemembered is how many exported files an App remembers (the newest): a CSV
// export writes five, so this is the last few exports of the session.
const maxRemembered = 50

// exportedSet is an App's exported files and the launcher that opens them.
type exportedSet struct {
	mu       sync.Mutex
	paths    []string // absolute and clean, oldest first
	launcher launcher
}

// exportedSets holds each App's exportedSet, beside App (as exportSlots does) so that
// everything about opening exports stays in this file.
var exportedSets sync.Map // *App → *exportedSet

func (a *App) exported() *exportedSet {
	v, _ := exportedSets.LoadOrStore(a, &exportedSet{launcher: launcherFor(goruntime.GOOS)})
	return v.(*exportedSet)
}

func (s *exportedSet) launch() launcher {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.launcher
}

// rememberExport notes the files an export wrote, so that they can be opened.
func (a *App) rememberExport(res ExportResult) {
	s := a.exported()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range res.Files {
		p, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		s.paths = append(s.paths, p)
	}
	if n := len(s.paths) - maxRemembered; n > 0 {
		s.paths = append([]string(nil), s.paths[n:]...)
	}
}

// exportedFile checks a path the window sent: one of the files this App exported,
// still a plain file where it was written. It returns the path as remembered.
func (a *App) exportedFile(path string) (string, error) {
	if err := a.refuseInKiosk(); err != nil {
		return "", err
	}
	known := ""
	// absolute, as remembered (the test hook's folder may be relative), so that what is
	// launched never starts with "-" and is never read as an option
	if abs, err := filepath.Abs(path); path != "" && err == nil {
		clean := abs
		s := a.exported()
		s.mu.Lock()
		for _, p := range s.paths {
			if p == clean {
				known = p
			}
		}
		s.mu.Unlock()
	}
	if known == "" {
		return "", involve.Errorf(involve.EINVALID,
			"Involve opens only the files it exported since it started, and this is not one of them. Export it again.")
	}
	fi, err := os.Lstat(known)
	if err != nil || !fi.Mode().IsRegular() {
		return "", involve.Errorf(involve.ENOTFOUND,
			"%s is no longer at %s: it may have been moved or deleted. Export it again.", capitalise(fileNoun(known)), known)
	}
	return known, nil
}

// launcher opens a file with the system's program for its type, and shows a file in
// its folder. launcherFor gives each operating system's; tests put in their own.
type launcher struct {
	open func(path string) error
	show func(path string) error
}

// launcherFor is the table of each system's programs: xdg-open on Linux (and the other
// Unix desktops), open on macOS, the Windows shell and Explorer on Windows.
func launcherFor(goos string) launcher {
	switch goos {
	case "windows":
		return launcher{open: shellOpen, show: explorerSelect}
	case "darwin":
		return launcher{
			open: func(p string) error { return startProgram("open", p) },
			show: func(p string) error { return startProgram("open", "-R", p) },
		}
	}
	return launcher{
		open: func(p string) error { return startProgram("xdg-open", p) },
		show: func(p string) error { return startProgram("xdg-open", filepath.Dir(p)) },
	}
}

// errNoProgram: the program to start is not installed, or it found nothing set up to
// open the file (xdg-open's exit statuses 3 and 4, macOS open's 1).
var errNoProgram = errors.New("no program")

// launchWait is how long startProgram waits to hear whether the program managed; one
// still running after it (a file manager, say) is taken to have opened the file, and is
// waited for in the background so that nothing is left behind.
const launchWait = 10 * time.Second

// startProgram runs program (found on PATH) with args, each passed as one argument of
// its own: no shell reads them. Its output goes nowhere, so that a program it starts
// cannot hold Involve's pipes open.
func startProgram(program string, args ...string) error {
	cmd := exec.Command(program, args...)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return errNoProgram
		}
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			switch code := exit.ExitCode(); {
			case program == "xdg-open" && (code == 3 || code == 4), program == "open" && code == 1:
				return errNoProgram
			default:
				return involve.Errorf(involve.EUNAVAILABLE, "%s stopped with exit status %d", program, code)
			}
		}
		return err
	case <-time.After(launchWait):
		return nil
	}
}

// launchError is the sentence for a launcher's failure: what could not be done, and why.
func launchError(what string, err error, noProgram string) error {
	if errors.Is(err, errNoProgram) {
		return involve.Errorf(involve.EUNAVAILABLE, "%s: %s.", what, noProgram)
	}
	msg := err.Error()
	if e, ok := err.(*involve.Error); ok {
		msg = e.Message
	}
	return involve.Errorf(involve.EUNAVAILABLE, "%s: %s.", what, strings.TrimSuffix(msg, "."))
}

// explorerCommandLine is Explorer's command line to show path selected in its folder.
// Explorer reads its own command line, and wants the quotes around the path only
// (/select,"C:\My files\a.xlsx"); a Windows path cannot hold a quote, and one that
// does is refused.
func explorerCommandLine(explorer, path string) (string, error) {
	if strings.ContainsAny(path, "\"\x00\r\n") {
		return "", involve.Errorf(involve.EINVALID, "the file's name has characters Windows does not allow")
	}
	return `"` + explorer + `" /select,"` + path + `"`, nil
}

// fileNoun: "the workbook", "the CSV file" or "the file".
func fileNoun(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".xlsx":
		return "the workbook"
	case ".csv":
		return "the CSV file"
	}
	return "the file"
}

// extOf: ".xlsx" (lower case), or "such" for a file without an extension.
func extOf(p string) string {
	if e := strings.ToLower(filepath.Ext(p)); e != "" {
		return e
	}
	return "such"
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

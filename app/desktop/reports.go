package desktop

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/report"
	"github.com/hin-south-london/involve/app/store"
	"github.com/hin-south-london/involve/app/xlsx"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// ExportResult says what an export wrote.
type ExportResult struct {
	Path      string   `json:"path"`      // the workbook, or the folder of the CSV files
	Files     []string `json:"files"`     // every file written
	Cancelled bool     `json:"cancelled"` // the dialog was closed or the export cancelled: nothing was written
	Sessions  int      `json:"sessions"`
	Feedback  int      `json:"feedback"`
	Bytes     int64    `json:"bytes"` // of every file written
}

// GetReport computes the summary figures for a filter (the Reports screen).
func (a *App) GetReport(f report.Filter) (report.Figures, error) {
	db, err := a.store()
	if err != nil {
		return report.Figures{}, err
	}
	if err := a.checkFilter(db, &f); err != nil {
		return report.Figures{}, err
	}
	fig, err := report.Summarize(a.ctx, db, f, time.Now())
	if err != nil {
		return report.Figures{}, err
	}
	return withEmptyLists(*fig), nil
}

// GetReportQuestions computes the results of the question sets answered inside the
// filter (the Reports screen's Questions section), with the breakdown bd asks for
// (none when its fields are empty).
func (a *App) GetReportQuestions(f report.Filter, bd report.BreakdownRequest) (report.QuestionFigures, error) {
	db, err := a.store()
	if err != nil {
		return report.QuestionFigures{}, err
	}
	if err := a.checkFilter(db, &f); err != nil {
		return report.QuestionFigures{}, err
	}
	qf, err := report.Questions(a.ctx, db, f, bd)
	if err != nil {
		return report.QuestionFigures{}, err
	}
	return withEmptyLists(*qf), nil
}

// ExportWorkbook asks where to save the Excel summary workbook for the filter, then
// writes it, sending export:progress events. Closing the dialog, or CancelExport
// while it writes, gives Cancelled and leaves no file.
func (a *App) ExportWorkbook(f report.Filter) (ExportResult, error) {
	return a.runExport(f, "xlsx", func(ctx context.Context, db *store.DB, opt xlsx.Options) (ExportResult, error) {
		path, err := a.chooseFile(ctx, exportName(f)+".xlsx")
		if err != nil || path == "" {
			return ExportResult{Cancelled: path == ""}, err
		}
		return exportResult(xlsx.ExportWorkbook(ctx, path, db, f, opt))
	})
}

// ExportCSV asks for a folder, then writes the summary's row sheets as CSV files into
// a new folder inside it named like the workbook (involve-summary-…), sending
// export:progress events. Cancelled leaves none of the files.
func (a *App) ExportCSV(f report.Filter) (ExportResult, error) {
	return a.runExport(f, "csv", func(ctx context.Context, db *store.DB, opt xlsx.Options) (ExportResult, error) {
		parent, err := a.chooseFolder(ctx)
		if err != nil || parent == "" {
			return ExportResult{Cancelled: parent == ""}, err
		}
		dir := filepath.Join(parent, exportName(f))
		made := !dirExists(dir)
		// each file reports its own rows (sessions.csv, then feedback.csv, which reads
		// the sessions again): shown as one count over them all
		opt.ProgressOverall = true
		res, err := xlsx.ExportCSV(ctx, dir, db, f, opt)
		if err != nil && made {
			os.Remove(dir) // only if empty
		}
		return exportResult(res, err)
	})
}

// exportResult is what the frontend is told of an export that was not cancelled.
func exportResult(e xlsx.Export, err error) (ExportResult, error) {
	if err != nil {
		return ExportResult{}, err
	}
	return ExportResult{Path: e.Path, Files: e.Files, Sessions: e.Sessions, Feedback: e.Feedback, Bytes: e.Bytes}, nil
}

func dirExists(p string) bool { fi, err := os.Stat(p); return err == nil && fi.IsDir() }

// CancelExport stops the export that is running (if any); that export then returns
// Cancelled and leaves no file behind.
func (a *App) CancelExport() error {
	a.exports().cancelRunning()
	return nil
}

// runExport checks the filter, takes the export slot (one export at a time) and runs
// write with a context that CancelExport (or closing the app) cancels.
func (a *App) runExport(f report.Filter, kind string,
	write func(ctx context.Context, db *store.DB, opt xlsx.Options) (ExportResult, error)) (ExportResult, error) {
	db, err := a.store()
	if err != nil {
		return ExportResult{}, err
	}
	if err := a.checkFilter(db, &f); err != nil {
		return ExportResult{}, err
	}
	ctx, done, err := a.exports().begin(a.ctx)
	if err != nil {
		return ExportResult{}, err
	}
	defer done()
	opt := xlsx.Options{AppVersion: a.version, Now: time.Now(), Progress: a.exportProgress(kind)}
	res, err := write(ctx, db, opt)
	if errors.Is(err, context.Canceled) || (err == nil && res.Cancelled) {
		return ExportResult{Cancelled: true, Files: []string{}}, nil
	}
	if err != nil {
		return ExportResult{}, err
	}
	if res.Files == nil {
		res.Files = []string{}
	}
	a.rememberExport(res) // "Open workbook", "Show in folder" (open_file.go)
	return res, nil
}

// checkFilter validates the filter as the Reports screen's form: EINVALID with a
// message per field, including a project that does not exist.
func (a *App) checkFilter(db *store.DB, f *report.Filter) error {
	f.TeamID = "" // a laptop holds one team's records
	err := f.Validate()
	if f.ProjectID == "" {
		return err
	}
	var p involve.Problems
	p = append(p, involve.ErrorFields(err)...)
	if err != nil && len(p) == 0 {
		return err
	}
	ps, perr := db.Projects(a.ctx)
	if perr != nil {
		return perr
	}
	found := false
	for _, pr := range ps {
		found = found || pr.ID == f.ProjectID
	}
	if !found {
		p.Add("projectId", "Select a project from the list")
	}
	return p.Err("report filters")
}

// exportProgress sends export:progress at most every 100 ms, and always the last.
func (a *App) exportProgress(kind string) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		a.emit(EventExportProgress, ExportProgress{Kind: kind, Done: done, Total: total})
	}
}

// exportName is the default name of an export: involve-summary-2026-01-01-to-2026-03-31.
func exportName(f report.Filter) string {
	switch {
	case f.From != "" && f.To != "":
		return "involve-summary-" + f.From + "-to-" + f.To
	case f.From != "":
		return "involve-summary-from-" + f.From
	case f.To != "":
		return "involve-summary-to-" + f.To
	}
	return "involve-summary-all-dates"
}

// chooseFile asks where to save the workbook (or uses the test hook's folder); "" when
// the person closed the dialog.
func (a *App) chooseFile(ctx context.Context, name string) (string, error) {
	return a.chooseSaveFile(ctx, name, "Save the summary workbook",
		runtime.FileFilter{DisplayName: "Excel workbook (*.xlsx)", Pattern: "*.xlsx"})
}

// chooseSaveFile asks where to save a file named like name (its extension is kept: one
// is added if the person typed a name without it), or uses the test hook's folder; ""
// when the person closed the dialog or ctx was cancelled meanwhile.
func (a *App) chooseSaveFile(ctx context.Context, name, title string, filter runtime.FileFilter) (string, error) {
	if dir := testSaveDir(); dir != "" {
		return filepath.Join(dir, name), nil
	}
	d, err := a.dialogs()
	if err != nil {
		return "", err
	}
	path, err := d.SaveFileDialog(runtime.SaveDialogOptions{Title: title,
		DefaultDirectory: documentsDir(), DefaultFilename: name, CanCreateDirectories: true,
		Filters: []runtime.FileFilter{filter}})
	if err != nil || path == "" || ctx.Err() != nil {
		return "", err
	}
	if ext := filepath.Ext(name); !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	return path, nil
}

// chooseFolder asks for the folder of the CSV files (or uses the test hook's).
func (a *App) chooseFolder(ctx context.Context) (string, error) {
	if dir := testSaveDir(); dir != "" {
		return dir, nil
	}
	d, err := a.dialogs()
	if err != nil {
		return "", err
	}
	dir, err := d.OpenDirectoryDialog(runtime.OpenDialogOptions{Title: "Choose a folder for the CSV files",
		DefaultDirectory: documentsDir(), CanCreateDirectories: true})
	if err != nil || ctx.Err() != nil {
		return "", err
	}
	return dir, nil
}

func (a *App) dialogs() (Dialogs, error) {
	if d, ok := a.rt.(Dialogs); ok {
		return d, nil
	}
	return nil, involve.Errorf(involve.EUNAVAILABLE, "Involve cannot show a Save dialog here.")
}

// documentsDir is where the dialogs open: the person's Documents folder, else home
// ("" lets the system choose).
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// exportSlots holds each App's exportSlot. It lives beside App, not in it, so that
// everything about exports stays in this file; an App lives as long as its window.
var exportSlots sync.Map // *App → *exportSlot

func (a *App) exports() *exportSlot {
	v, _ := exportSlots.LoadOrStore(a, &exportSlot{})
	return v.(*exportSlot)
}

// exportSlot lets one export run at a time and holds the cancel of the one running.
type exportSlot struct {
	mu      sync.Mutex
	running bool
	cancel  context.CancelFunc
}

var errExportRunning = involve.Errorf(involve.EUNAVAILABLE,
	"An export is already running. Wait for it to finish, or cancel it, before starting another.")

// begin takes the slot; done gives it back.
func (s *exportSlot) begin(parent context.Context) (ctx context.Context, done func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running {
		return nil, nil, errExportRunning
	}
	ctx, cancel := context.WithCancel(parent)
	s.running, s.cancel = true, cancel
	return ctx, func() {
		s.mu.Lock()
		s.running, s.cancel = false, nil
		s.mu.Unlock()
		cancel()
	}, nil
}

func (s *exportSlot) cancelRunning() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}
